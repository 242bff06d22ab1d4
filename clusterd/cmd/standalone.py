"""clusterd-standalone: API and engine in one process, for a laptop, a demo or CI.

SQLite in the state directory (created, and migrated, on first run), in-process RPC,
no Keystone.  Stops cleanly on Ctrl-C or SIGTERM.
"""

import os
import signal
import sys
import threading

from oslo_config import cfg
from oslo_log import log as logging
import oslo_messaging as messaging

from clusterd.api import deploy
from clusterd.cmd import common
from clusterd.cmd import server as server_mod
from clusterd.db import api as db_api
from clusterd.db import migration
from clusterd.engine import service as engine_service

LOG = logging.getLogger(__name__)

CLI_OPTS = [
    cfg.PortOpt('port', help='Port to listen on (default: [standalone] port, 8778).'),
    cfg.StrOpt('state-dir', help='Directory for the database and logs (default: '
                                 '[standalone] state_dir, a per-user directory).'),
    cfg.HostAddressOpt('bind', help='Address to listen on (default: 127.0.0.1).'),
    cfg.BoolOpt('simulated-openstack', default=False,
                help='Serve the OpenStack profiles (os.nova.server, os.heat.stack) '
                     'from the simulated OpenStack cloud ([DEFAULT] cloud_backend '
                     '= simulated), kept in the state directory.'),
]

DATABASE_FILE = 'clusterd.sqlite'
LOG_FILE = 'clusterd.log'
SIMULATED_STATE_FILE = 'simulated-openstack.json'


def prepare_state_dir(path):
    """Create ``path`` if needed and prove it is writable, or raise Fatal."""
    path = os.path.abspath(os.path.expanduser(path))
    try:
        os.makedirs(path, mode=0o700, exist_ok=True)
        probe = os.path.join(path, '.write-test')
        with open(probe, 'w') as f:
            f.write('ok')
        os.unlink(probe)
    except OSError as exc:
        raise common.Fatal('the state directory %s is not writable (%s); choose '
                           'another with --state-dir' % (path, exc.strerror or exc))
    return path


def configure(conf):
    """Fill in the standalone defaults; returns (state_dir, host, port)."""
    state_dir = prepare_state_dir(conf.state_dir or conf.standalone.state_dir)
    host = conf.bind or conf.standalone.host
    port = conf.port if conf.port is not None else conf.standalone.port
    if not conf.database.connection:
        conf.set_override('connection', 'sqlite:///' + os.path.join(
            state_dir, DATABASE_FILE), group='database')
    if not conf.log_file and not conf.log_dir:
        conf.set_override('log_file', os.path.join(state_dir, LOG_FILE))
    conf.set_override('auth_strategy', 'noauth', group='api')
    if conf.simulated_openstack:
        conf.set_override('cloud_backend', 'simulated')
    if conf.cloud_backend == 'simulated' and not conf.simulated.state_file:
        conf.set_override('state_file', os.path.join(
            state_dir, SIMULATED_STATE_FILE), group='simulated')
    return state_dir, host, port


def banner(url, state_dir, conf):
    return '\n'.join([
        'clusterd-standalone is running at %s' % url,
        '  state:  %s' % state_dir,
        '  log:    %s' % (conf.log_file or conf.log_dir),
        '  cloud:  %s' % ('simulated OpenStack (%s)' % conf.simulated.state_file
                          if conf.cloud_backend == 'simulated'
                          else 'OpenStack ([openstack] options)'),
        '',
        'Point the openstack CLI at it:',
        '  export OS_AUTH_TYPE=none OS_ENDPOINT=%s' % url,
        '  openstack cluster build info',
        '',
        'Stop it with Ctrl-C.',
    ])


class InProcessClient:
    """The API's nudge, straight to the engine of this process.

    (A cast on the fake transport waits for its listener, which looks for
    messages every 50 ms: up to 50 ms added to every request.)  Before the
    engine is set, a nudge does nothing: the engine scans at start.
    """

    engine = None

    def start_action(self, action_id=None, fanout=False):
        if self.engine is not None:
            self.engine.wake()


def _serve(conf, db, transport, client, server, url, state_dir):
    """Migrate, start the engine, serve until a signal stops the server."""
    try:
        migration.upgrade(db)
    except migration.MigrationError as exc:
        raise common.Fatal(str(exc))
    except Exception as exc:
        if db_api.is_database_error(exc):
            raise common.Fatal(db_api.describe_error(conf.database.connection,
                                                     exc))
        raise
    engine = engine_service.EngineService(conf, db, transport)
    engine.start()
    try:
        client.engine = engine
        deploy.warm_up(db, threads=conf.api.threads)

        def _stop(signum, frame):
            LOG.info('Signal %d received; stopping', signum)
            threading.Thread(target=server.stop, daemon=True).start()

        signal.signal(signal.SIGTERM, _stop)
        signal.signal(signal.SIGINT, _stop)
        print(banner(url, state_dir, conf), flush=True)
        server.serve()
    finally:
        server.stop()
        engine.stop()


def main(argv=None):
    def _main():
        conf = common.setup(sys.argv[1:] if argv is None else argv,
                            cli_opts=CLI_OPTS, log=False)
        state_dir, host, port = configure(conf)
        logging.setup(conf, 'clusterd')
        db = common.open_database(conf)
        # One in-process transport for both sides: the fake driver only delivers
        # within the transport it was sent on.
        transport = messaging.get_rpc_transport(conf, url='fake:/')
        client = InProcessClient()
        # Bind before anything else happens, so a port in use changes nothing.
        server = server_mod.make_server(deploy.make_app(conf, db, client), host,
                                        port, conf.api.threads)
        try:
            _serve(conf, db, transport, client, server,
                   'http://%s:%d' % (host, server_mod.bound_port(server)),
                   state_dir)
        finally:
            # Also when the start fails (a database a newer clusterd migrated):
            # the server's threads, started when it bound, would keep the
            # process from exiting.
            server.stop()
            db.dispose()
        print('clusterd-standalone stopped.', flush=True)
        return 0
    return common.run(_main)


if __name__ == '__main__':
    sys.exit(main())
