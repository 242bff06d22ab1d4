"""A Senlin 16 database recorded from the Senlin anchor (``record.py``), and
what Senlin's API answered about it (``senlin16-api.json``).

:func:`restored` loads the dump into a throw-away MariaDB database: a faithful
copy of a database that Senlin itself made, without running Senlin.
"""

import contextlib
import datetime
import json
import os

import sqlalchemy as sa

from tests import databases

HERE = os.path.dirname(os.path.abspath(__file__))
DUMP = os.path.join(HERE, 'senlin16.sql')
API = os.path.join(HERE, 'senlin16-api.json')


def recorded():
    """``{'made': what record.py made (ids by name), 'views': {project: what
    openstacksdk listed on Senlin}}``."""
    with open(API) as source:
        return json.load(source)


def statements(path=DUMP):
    """The dump's SQL statements.  mysqldump writes no raw newline inside a
    string, so a line ending in ';' ends a statement."""
    current = []
    with open(path) as source:
        for line in source:
            if not current and (line.startswith('--') or not line.strip()):
                continue
            current.append(line)
            if line.rstrip().endswith(';'):
                yield ''.join(current)
                current = []


def load(url, path=DUMP):
    """Run the dump's statements against the (empty) database at ``url``."""
    engine = databases.create_engine(url)
    try:
        with engine.begin() as connection:
            for statement in statements(path):
                connection.exec_driver_sql(statement)
    finally:
        engine.dispose()


@contextlib.contextmanager
def restored(tmp_dir):
    """Yield the URL of a throw-away MariaDB database holding the dump."""
    with databases.throwaway_url('mysql', tmp_dir) as url:
        load(url)
        yield url


@contextlib.contextmanager
def read_only_account(url):
    """Yield ``url`` (a MariaDB database) through a new account that may only
    SELECT from it; the account is dropped afterwards."""
    import secrets
    parsed = sa.engine.make_url(url)
    user, password = 'ro_%s' % secrets.token_hex(6), secrets.token_hex(12)
    hosts = ('127.0.0.1', 'localhost')
    engine = databases.create_engine(url, isolation_level='AUTOCOMMIT')
    try:
        with engine.connect() as connection:
            for host in hosts:
                connection.exec_driver_sql(
                    "CREATE USER '%s'@'%s' IDENTIFIED BY '%s'" % (user, host,
                                                                  password))
                connection.exec_driver_sql("GRANT SELECT ON `%s`.* TO '%s'@'%s'" % (
                    parsed.database, user, host))
        yield parsed.set(username=user, password=password).render_as_string(
            hide_password=False)
    finally:
        with engine.connect() as connection:
            for host in hosts:
                connection.exec_driver_sql("DROP USER IF EXISTS '%s'@'%s'" % (
                    user, host))
        engine.dispose()


def run_import(conf_file, senlin_url, *args):
    """``clusterd-manage import-senlin --from senlin_url ARGS`` as an operator
    runs it; returns (exit code, report (parsed JSON with --format json, else
    the text), stderr)."""
    from tests import services
    result = services.run([services.command('clusterd-manage'), '--config-file',
                           conf_file, 'import-senlin', '--from', senlin_url]
                          + list(args), timeout=300)
    output = result.stdout
    if '--format' in args and 'json' in args and output.strip():
        output = json.loads(output)
    return result.returncode, output, result.stderr


def target_conf(tmp_dir, db):
    """A clusterd configuration file naming ``db`` (a
    :class:`clusterd.db.api.Database`)."""
    from tests import services
    return services.write_conf(tmp_dir / 'clusterd.conf', database={
        'connection': db.url.render_as_string(hide_password=False)})


@contextlib.contextmanager
def clusterd_api(db, engine=None):
    """Serve clusterd's API (noauth) over ``db`` on a free port with cheroot, as
    clusterd-api does; yield its URL.  With ``engine`` (a
    :class:`tests.engines.Engine`) requests nudge it."""
    import threading

    from clusterd.api import deploy
    from clusterd.cmd import server as server_mod
    from clusterd import conf as conf_mod
    from clusterd.engine import rpcapi

    conf = conf_mod.make_conf()
    conf([], project='clusterd', default_config_files=[])
    conf.set_override('auth_strategy', 'noauth', group='api')
    client = None
    if engine is not None:
        client = rpcapi.EngineClient(engine.service.transport,
                                     engine.service.conf.engine.topic)
    server = server_mod.make_server(deploy.make_app(conf, db, client),
                                    '127.0.0.1', 0, 8)
    thread = threading.Thread(target=server.serve, daemon=True)
    thread.start()
    try:
        yield 'http://127.0.0.1:%d' % server_mod.bound_port(server)
    finally:
        server.stop()
        thread.join(10)


KINDS = ('profiles', 'policies', 'clusters', 'nodes', 'receivers')
# Keys clusterd adds to a binding's data (the health policy's normalised
# settings, the scaling policy's last_op); Senlin's keys are kept as they were.
CLUSTERD_BINDING_KEYS = ('health', 'last_op')


def _instant(text):
    """A timestamp as Senlin or clusterd wrote it, as a UTC datetime.

    NOTE: Senlin wrote a policy's times as '2026-12-06T15:26:59.000000' and
    every other resource's as '2026-12-06T15:26:59Z'; clusterd writes the
    latter everywhere.  The instant is what must survive the import.
    """
    value = datetime.datetime.fromisoformat(text.replace('Z', '+00:00'))
    if value.tzinfo is None:
        value = value.replace(tzinfo=datetime.timezone.utc)
    return value


def differences(senlin, clusterd, path=''):
    """Where two JSON values differ: a list of 'path: senlin != clusterd'."""
    if path.endswith('_at') and isinstance(senlin, str) and \
            isinstance(clusterd, str):
        senlin, clusterd = _instant(senlin), _instant(clusterd)
    if isinstance(senlin, dict) and isinstance(clusterd, dict):
        found = []
        for key in sorted(set(senlin) | set(clusterd)):
            found.extend(differences(senlin.get(key, '<missing>'),
                                     clusterd.get(key, '<missing>'),
                                     '%s.%s' % (path, key)))
        return found
    return [] if senlin == clusterd else ['%s: %r != %r' % (path, senlin, clusterd)]


def view_differences(senlin, clusterd):
    """How what openstacksdk listed on clusterd (``clusterd``) differs from what
    it listed on Senlin (``senlin``), both from
    :func:`tests.senlin_anchor.sdk_views`; [] when they are the same but for
    the deliberate difference: clusterd's own keys in binding data."""
    found = []
    for kind in KINDS:
        senlin_ids = [item['id'] for item in senlin[kind]]
        clusterd_ids = [item['id'] for item in clusterd[kind]]
        if senlin_ids != clusterd_ids:
            found.append('%s: ids %s != %s' % (kind, senlin_ids, clusterd_ids))
            continue
        for theirs, mine in zip(senlin[kind], clusterd[kind]):
            found.extend('%s %s%s' % (kind, theirs['name'], difference)
                         for difference in differences(theirs, mine))
    if sorted(senlin['bindings']) != sorted(clusterd['bindings']):
        return found + ['bindings: clusters %s != %s' % (
            sorted(senlin['bindings']), sorted(clusterd['bindings']))]
    for cluster_id, bindings in senlin['bindings'].items():
        mine = {binding['id']: binding for binding in clusterd['bindings'][cluster_id]}
        if sorted(mine) != sorted(binding['id'] for binding in bindings):
            found.append('bindings of %s: ids differ' % cluster_id)
            continue
        for theirs in bindings:
            binding = dict(mine[theirs['id']])
            data = binding.pop('data') or {}
            kept = {k: v for k, v in data.items() if k not in CLUSTERD_BINDING_KEYS}
            if kept != (theirs['data'] or {}):
                found.append('binding %s: data %r != %r' % (
                    theirs['policy_name'], theirs['data'], data))
            theirs = dict(theirs, data=None)
            binding['data'] = None
            found.extend('binding %s%s' % (theirs['policy_name'], difference)
                         for difference in differences(theirs, binding))
    return found
