"""The engine service: registration, heartbeats and the RPC server.

An engine registers a row in the services table when it starts, bumps its
``updated_at`` every ``[engine] heartbeat_interval`` seconds, and deletes the row when
it stops cleanly.  Other engines treat it as dead once the heartbeat is older than
``[engine] lease_seconds``.
"""

import threading

import oslo_messaging as messaging
from oslo_log import log as logging
from oslo_service import service

from clusterd import context as context_mod
from clusterd.objects import base as objects_base
from clusterd.objects import service as service_obj

LOG = logging.getLogger(__name__)

BINARY = 'clusterd-engine'


class EngineEndpoint:
    """The RPC methods an engine serves."""

    target = messaging.Target(version='1.0')

    def __init__(self, engine):
        self.engine = engine

    def listening(self, ctxt):
        """Liveness probe.

        :returns: True
        """
        return True


class EngineService(service.ServiceBase):

    def __init__(self, conf, db, transport):
        """
        :param conf: the process's ConfigOpts
        :param db: the :class:`clusterd.db.api.Database` to work on
        :param transport: an oslo.messaging RPC transport
        """
        super().__init__()
        self.conf = conf
        self.db = db
        self.transport = transport
        self.engine_id = objects_base.new_id()
        self.context = context_mod.admin_context(db)
        self._stopping = threading.Event()
        self._heartbeat_thread = None
        self._rpc_server = None

    def start(self):
        service_obj.Service.register(self.context, self.engine_id, self.conf.host,
                                     BINARY, self.conf.engine.topic)
        self._heartbeat_thread = threading.Thread(
            target=self._heartbeat_loop, name='engine-heartbeat', daemon=True)
        self._heartbeat_thread.start()
        # Two targets: the topic (any engine) and this engine by its own id.
        target = messaging.Target(topic=self.conf.engine.topic,
                                  server=self.engine_id)
        self._rpc_server = messaging.get_rpc_server(
            self.transport, target, [EngineEndpoint(self)], executor='threading')
        self._rpc_server.start()
        LOG.info('Engine %s started on host %s (topic %s)', self.engine_id,
                 self.conf.host, self.conf.engine.topic)

    def _heartbeat_loop(self):
        interval = self.conf.engine.heartbeat_interval
        while not self._stopping.wait(interval):
            try:
                alive = service_obj.Service.heartbeat(self.context, self.engine_id)
            except Exception:
                LOG.exception('Engine %s could not write its heartbeat; retrying '
                              'in %.1f s', self.engine_id, interval)
                continue
            if not alive:
                LOG.warning('The service row of engine %s was removed; '
                            'registering again', self.engine_id)
                service_obj.Service.register(self.context, self.engine_id,
                                             self.conf.host, BINARY,
                                             self.conf.engine.topic)

    def stop(self, graceful=True):
        if self._stopping.is_set():
            return
        self._stopping.set()
        if self._rpc_server is not None:
            self._rpc_server.stop()
            self._rpc_server.wait()
        if self._heartbeat_thread is not None:
            self._heartbeat_thread.join()
        try:
            service_obj.Service.delete(self.context, self.engine_id)
        except Exception:
            LOG.exception('Engine %s could not remove its service row; it will '
                          'be treated as dead after the lease', self.engine_id)
        LOG.info('Engine %s stopped', self.engine_id)

    def wait(self):
        self._stopping.wait()

    def reset(self):
        pass
