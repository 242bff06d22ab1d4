"""clusterd-manage: database schema and service administration.

    clusterd-manage db upgrade [REVISION]
    clusterd-manage db version
    clusterd-manage service list
"""

import sys

from oslo_config import cfg

from clusterd.cmd import common
from clusterd import context as context_mod
from clusterd.db import api as db_api
from clusterd.db import migration
from clusterd.objects import service as service_obj


def db_upgrade(conf, db):
    migration.upgrade(db, conf.command.revision)
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


COMMAND = cfg.SubCommandOpt('command', title='Commands',
                            handler=add_command_parsers)


def main(argv=None):
    def _main():
        conf = common.setup(sys.argv[1:] if argv is None else argv,
                            cli_opts=[COMMAND], stderr=True)
        db = common.open_database(conf)
        try:
            conf.command.func(conf, db)
        except Exception as exc:
            if db_api.is_database_error(exc):
                raise common.Fatal(db_api.describe_error(conf, exc))
            raise
        return 0
    return common.run(_main)


if __name__ == '__main__':
    sys.exit(main())
