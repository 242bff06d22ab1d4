"""clusterd-manage: database schema and service administration.

    clusterd-manage db upgrade [REVISION]
    clusterd-manage db version
    clusterd-manage service list
    clusterd-manage import-senlin --from URL [--dry-run] [--project ID]...
                                  [--history DAYS] [--skip-busy] [--format json]
    clusterd-manage simulated servers | server-status ID STATUS [--reason R]
                              | remove-server ID | fail-host HOST | restore-host HOST
                              | fail-stack ID [--reason R] | member-status ID STATUS
"""

import json
import os
import sys

from oslo_config import cfg

from clusterd.cmd import common
from clusterd import context as context_mod
from clusterd.db import api as db_api
from clusterd.db import migration
from clusterd.db import senlin as senlin_db
from clusterd.drivers import simulated_openstack
from clusterd.engine import senlin_import
from clusterd.objects import service as service_obj


def db_upgrade(conf, db):
    try:
        migration.upgrade(db, conf.command.revision)
    except migration.MigrationError as exc:
        raise common.Fatal(str(exc))
    print('Database is at revision %s' % migration.version(db))


def db_version(conf, db):
    print(migration.version(db) or 'None (empty database)')


def service_list(conf, db):
    ctx = context_mod.admin_context(db)
    lease = conf.engine.lease_seconds
    print('%-36s  %-20s  %-16s  %-5s  %s' % ('id', 'host', 'binary', 'state',
                                             'last heartbeat'))
    for svc in service_obj.Service.list_all(ctx):
        print('%-36s  %-20s  %-16s  %-5s  %s' % (
            svc.id, svc.host, svc.binary, 'up' if svc.is_up(lease) else 'down',
            svc.updated_at.isoformat() if svc.updated_at else '-'))


def _import_failed(conf, message):
    sys.stderr.write('clusterd-manage import-senlin: %s\n' % message)
    if conf.command.format == 'json':
        print(json.dumps({'error': message}, indent=2))
    return 1


def import_senlin(conf, db):
    """Import a Senlin database; exit 1 when nothing (or not all) was written."""
    current, head = migration.version(db), migration.head()
    if current != head:
        return _import_failed(conf, 'clusterd\'s database is at revision %s, not %s: '
                              'run "clusterd-manage db upgrade" first'
                              % (current, head))
    options = senlin_import.Options(
        source=conf.command.source, projects=tuple(conf.command.project or ()),
        dry_run=conf.command.dry_run, history_days=conf.command.history,
        skip_busy=conf.command.skip_busy)
    try:
        report = senlin_import.run(context_mod.admin_context(db), conf, options)
    except senlin_db.SchemaError as exc:
        return _import_failed(conf, 'cannot import from %s: %s' % (
            senlin_db.describe_url(options.source), exc))
    except senlin_import.Refused as exc:
        return _import_failed(conf, str(exc))
    if conf.command.format == 'json':
        print(json.dumps(report.to_dict(), indent=2, sort_keys=True))
    else:
        print(report.to_text())
    return 1 if report.failed else 0


def _positive_days(text):
    try:
        value = float(text)
    except ValueError:
        value = -1
    if not value > 0:
        raise ValueError('DAYS must be a number above 0, not %r' % text)
    return value


# --- the simulated OpenStack cloud, behind clusterd's back ----------------------------

SIMULATED_STATE_FILE = 'simulated-openstack.json'  # as clusterd-standalone names it


def _simulated_cloud(conf):
    path = conf.command.state_file or conf.simulated.state_file or os.path.join(
        os.path.expanduser(conf.standalone.state_dir), SIMULATED_STATE_FILE)
    if not os.path.exists(path):
        raise common.Fatal('no simulated cloud at %s (start clusterd-standalone '
                           '--simulated-openstack, or give --state-file)' % path)
    return simulated_openstack.Cloud(state_file=path,
                                     hosts_per_zone=conf.simulated.hosts_per_zone)


def _done(found, what):
    if not found:
        raise common.Fatal('%s could not be found' % what)
    print('done')


def simulated(conf, db):
    """Change the simulated cloud as a failing cloud would."""
    cloud = _simulated_cloud(conf)
    command = conf.command
    action = command.action
    if action == 'servers':
        print('%-36s  %-14s  %-10s  %-6s  %-16s  %s' % (
            'id', 'name', 'status', 'zone', 'host', 'project'))
        for server in cloud.list_all_servers():
            print('%-36s  %-14s  %-10s  %-6s  %-16s  %s' % (
                server['id'], server['name'][:14], server['status'],
                server['availability_zone'], server.get('host') or '-',
                server['project_id']))
    elif action == 'server-status':
        _done(cloud.set_server_status(command.id, command.status.upper(),
                                      command.reason),
              'the server %s' % command.id)
    elif action == 'remove-server':
        _done(cloud.remove_server(command.id), 'the server %s' % command.id)
    elif action == 'fail-host':
        if command.host not in cloud.hosts:
            raise common.Fatal('no host %s (hosts: %s)' % (
                command.host, ', '.join(sorted(cloud.hosts))))
        hit = cloud.fail_host(command.host)
        print('host %s is down; servers now in ERROR: %s' % (
            command.host, ', '.join(hit) or 'none'))
    elif action == 'restore-host':
        if command.host not in cloud.hosts:
            raise common.Fatal('no host %s' % command.host)
        cloud.restore_host(command.host)
        print('done')
    elif action == 'fail-stack':
        _done(cloud.fail_stack(command.id, command.reason or 'Simulated failure'),
              'the stack %s' % command.id)
    elif action == 'member-status':
        status = None if command.status.upper() == 'AUTO' else command.status.upper()
        _done(cloud.set_member_status(command.id, status),
              'the member %s' % command.id)


def _add_simulated_parsers(subparsers):
    sim = subparsers.add_parser(
        'simulated', help='act on the simulated OpenStack cloud behind '
                          'clusterd\'s back',
        description='Make servers, hosts, stacks and load balancer members of '
                    'the simulated OpenStack cloud fail, as a real cloud would, '
                    'while clusterd-standalone --simulated-openstack runs (the '
                    'state file is shared, under a file lock).')
    sim.add_argument('--state-file', help='the cloud\'s state file (default: '
                                          '[simulated] state_file, else the '
                                          'standalone state directory\'s)')
    actions = sim.add_subparsers(dest='action')
    actions.required = True
    actions.add_parser('servers', help='list every server')
    status = actions.add_parser('server-status',
                                help='put a server in a status (ERROR, SHUTOFF...)')
    status.add_argument('id')
    status.add_argument('status')
    status.add_argument('--reason', help='the fault message of an ERROR')
    actions.add_parser('remove-server', help='delete a server').add_argument('id')
    actions.add_parser('fail-host', help='a compute host goes down with its '
                                         'servers').add_argument('host')
    actions.add_parser('restore-host', help='a compute host comes back'
                       ).add_argument('host')
    stack = actions.add_parser('fail-stack', help='a stack goes to <action>_FAILED')
    stack.add_argument('id')
    stack.add_argument('--reason')
    member = actions.add_parser('member-status', help='a load balancer member '
                                'is ERROR, OFFLINE, or AUTO (its monitor\'s)')
    member.add_argument('id')
    member.add_argument('status')
    sim.set_defaults(func=simulated)


def add_command_parsers(subparsers):
    db = subparsers.add_parser('db', help='database schema')
    db_sub = db.add_subparsers(dest='action')
    db_sub.required = True
    upgrade = db_sub.add_parser('upgrade', help='upgrade the schema')
    upgrade.add_argument('revision', nargs='?', default='head')
    upgrade.set_defaults(func=db_upgrade)
    version = db_sub.add_parser('version', help='show the schema revision')
    version.set_defaults(func=db_version)

    service = subparsers.add_parser('service', help='engine services')
    service_sub = service.add_subparsers(dest='action')
    service_sub.required = True
    service_sub.add_parser('list', help='list services').set_defaults(
        func=service_list)

    importer = subparsers.add_parser(
        'import-senlin', help='import the objects of a Senlin database',
        description='Copy profiles, policies, clusters, bindings, nodes, '
                    'receivers and credentials (and, with --history, events and '
                    'ended actions) from a Senlin database into this clusterd\'s, '
                    'under the same ids, one transaction per project.  Senlin\'s '
                    'database is only read.  Safe to run again: rows already '
                    'imported are skipped or updated, never duplicated.')
    importer.add_argument('--from', dest='source', required=True, metavar='URL',
                          help='Senlin\'s database, e.g. '
                               'mysql+pymysql://USER:PASS@HOST/senlin')
    importer.add_argument('--dry-run', action='store_true',
                          help='do everything, then roll back: nothing is written')
    importer.add_argument('--project', action='append', metavar='ID',
                          help='import this project only (repeatable)')
    importer.add_argument('--history', type=_positive_days, metavar='DAYS',
                          help='also import the events and ended actions of the '
                               'last DAYS days')
    importer.add_argument('--skip-busy', action='store_true',
                          help='leave out clusters with actions in progress in '
                               'Senlin instead of refusing the import')
    importer.add_argument('--format', choices=['text', 'json'], default='text',
                          help='how to print the report')
    importer.set_defaults(func=import_senlin)

    _add_simulated_parsers(subparsers)


COMMAND = cfg.SubCommandOpt('command', title='Commands',
                            handler=add_command_parsers)


def main(argv=None):
    def _main():
        conf = common.setup(sys.argv[1:] if argv is None else argv,
                            cli_opts=[COMMAND], stderr=True)
        if conf.command.name == 'simulated':  # no database needed
            return conf.command.func(conf, None) or 0
        db = common.open_database(conf)
        try:
            return conf.command.func(conf, db) or 0
        except Exception as exc:
            if db_api.is_database_error(exc):
                raise common.Fatal(db_api.describe_error(conf.database.connection,
                                                         exc))
            raise
    return common.run(_main)


if __name__ == '__main__':
    sys.exit(main())
