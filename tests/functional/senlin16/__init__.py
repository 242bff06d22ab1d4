"""A Senlin 16 database recorded from the Senlin anchor (``record.py``), and
what Senlin's API answered about it (``senlin16-api.json``).

:func:`restored` loads the dump into a throw-away MariaDB database: a faithful
copy of a database that Senlin itself made, without running Senlin.
"""

import contextlib
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
    engine = sa.create_engine(url)
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
