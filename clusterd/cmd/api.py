"""clusterd-api: serve the REST API (stateless; run as many as you like)."""

import signal
import sys
import threading

from oslo_log import log as logging
import oslo_messaging as messaging

from clusterd.api import deploy
from clusterd.cmd import common
from clusterd.cmd import server as server_mod
from clusterd.engine import rpcapi

LOG = logging.getLogger(__name__)


def main(argv=None):
    def _main():
        conf = common.setup(sys.argv[1:] if argv is None else argv)
        db = common.open_database(conf)
        client = rpcapi.NudgeSender(rpcapi.EngineClient(
            messaging.get_rpc_transport(conf), conf.engine.topic))
        app = deploy.make_app(conf, db, client)
        deploy.warm_up(db, client, threads=conf.api.threads)
        server = server_mod.make_server(app, conf.api.bind_host, conf.api.bind_port,
                                        conf.api.threads)
        def _stop(signum, frame):
            # server.stop() waits for the serving loop, which this handler
            # interrupts: stop it from another thread.
            LOG.info('Signal %d received; stopping', signum)
            threading.Thread(target=server.stop, daemon=True).start()

        signal.signal(signal.SIGTERM, _stop)
        signal.signal(signal.SIGINT, _stop)
        LOG.info('clusterd-api listening on %s:%d', conf.api.bind_host,
                 server_mod.bound_port(server))
        try:
            server.serve()
        finally:
            server.stop()
        return 0
    return common.run(_main)


if __name__ == '__main__':
    sys.exit(main())
