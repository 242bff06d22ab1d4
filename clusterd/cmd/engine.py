"""clusterd-engine: run actions, health checks and reconcile (run one per host or more)."""

import sys

import oslo_messaging as messaging
from oslo_service import service

from clusterd.cmd import common
from clusterd.engine import service as engine_service


def main(argv=None):
    def _main():
        conf = common.setup(sys.argv[1:] if argv is None else argv)
        db = common.open_database(conf)
        transport = messaging.get_rpc_transport(conf)
        # Versioned notifications go where [oslo_messaging_notifications] says
        # (its transport_url, else the RPC one); with no driver set there are none.
        notifications = messaging.get_notification_transport(conf)
        engine = engine_service.EngineService(conf, db, transport, notifications)
        launcher = service.launch(conf, engine, workers=1, restart_method='mutate')
        return launcher.wait()
    return common.run(_main)


if __name__ == '__main__':
    sys.exit(main())
