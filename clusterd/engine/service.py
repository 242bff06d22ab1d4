"""The engine service: registration, heartbeats, the RPC server, the scheduler and
the takeover pass.

An engine registers a row in the services table when it starts and bumps its
``updated_at`` every ``[engine] heartbeat_interval`` seconds; each heartbeat also
runs the takeover pass (:mod:`clusterd.engine.takeover`).  Other engines treat it as
dead once its heartbeat is older than ``[engine] lease_seconds``.  A clean stop lets
running actions finish for ``[engine] graceful_stop_timeout`` seconds, hands the rest
back as READY and deletes the row.
"""

import threading

import oslo_messaging as messaging
from oslo_log import log as logging
from oslo_service import service

from clusterd import context as context_mod
from clusterd.engine import environment
from clusterd.engine import ownership as ownership_mod
from clusterd.engine import reconcile
from clusterd.engine import rpcapi
from clusterd.engine import scheduler as scheduler_mod
from clusterd.engine import takeover
from clusterd.health import lifecycle_events
from clusterd.health import manager as health_manager
from clusterd.objects import action as action_obj
from clusterd.objects import base as objects_base
from clusterd.objects import service as service_obj

LOG = logging.getLogger(__name__)

BINARY = 'clusterd-engine'


class EngineEndpoint:
    """The RPC methods an engine serves."""

    target = messaging.Target(version=rpcapi.RPC_VERSION)

    def __init__(self, engine):
        self.engine = engine

    def listening(self, ctxt):
        """Liveness probe.

        :returns: True
        """
        return True

    def start_action(self, ctxt, action_id=None):
        """Look for READY actions now (a nudge; the database holds the work).

        :param action_id: unused hint, kept for Senlin's signature
        """
        self.engine.scheduler.nudge()


class EngineService(service.ServiceBase):

    def __init__(self, conf, db, transport, notification_transport=None):
        """
        :param conf: the process's ConfigOpts
        :param db: the :class:`clusterd.db.api.Database` to work on
        :param transport: an oslo.messaging RPC transport
        :param notification_transport: where versioned notifications go, if any
        """
        super().__init__()
        self.conf = conf
        self.db = db
        self.transport = transport
        self.engine_id = objects_base.new_id()
        self.context = context_mod.admin_context(db)
        self.client = rpcapi.EngineClient(transport, conf.engine.topic)
        notifier = None
        if notification_transport is not None:
            notifier = messaging.Notifier(
                notification_transport, publisher_id='clusterd-engine:%s' % conf.host)
            notifier = notifier if notifier.is_enabled() else None
        self.env = environment.Environment(conf, db, self.engine_id, self.wake,
                                           notifier)
        self.scheduler = scheduler_mod.Scheduler(self.env)
        self.ownership = ownership_mod.Ownership(
            self.context, self.engine_id, BINARY, conf.engine.lease_seconds)
        self.env.ownership = self.ownership
        self.health = (health_manager.HealthManager(self.env)
                       if conf.health.enabled else None)
        self.reconciler = reconcile.Reconciler(self.env)
        self.lifecycle_listener = lifecycle_events.Listener(self.env)
        self._stopping = threading.Event()
        self._heartbeat_thread = None
        self._rpc_server = None

    def wake(self, fanout=False):
        """Make this engine look for work now; with ``fanout``, every engine."""
        self.scheduler.nudge()
        if fanout:
            try:
                self.client.start_action(fanout=True)
            except Exception:
                LOG.warning('Could not cast start_action; other engines will find '
                            'the work at their next scan', exc_info=True)

    def start(self):
        service_obj.Service.register(self.context, self.engine_id, self.conf.host,
                                     BINARY, self.conf.engine.topic)
        self.ownership.refresh()
        self.scheduler.start()
        self._heartbeat_thread = threading.Thread(
            target=self._heartbeat_loop, name='engine-heartbeat', daemon=True)
        self._heartbeat_thread.start()
        # Two targets: the topic (any engine) and this engine by its own id.
        target = messaging.Target(topic=self.conf.engine.topic,
                                  server=self.engine_id)
        self._rpc_server = messaging.get_rpc_server(
            self.transport, target, [EngineEndpoint(self)])
        self._rpc_server.start()
        if self.health is not None:
            self.health.start()
        self.reconciler.start(self.conf.engine.reconcile_interval)
        self.lifecycle_listener.start()
        self.scheduler.nudge()
        LOG.info('Engine %s started on host %s (topic %s, %d workers)',
                 self.engine_id, self.conf.host, self.conf.engine.topic,
                 self.conf.engine.workers)

    def _heartbeat_loop(self):
        interval = self.conf.engine.heartbeat_interval
        while not self._stopping.wait(interval):
            try:
                alive = service_obj.Service.heartbeat(self.context, self.engine_id)
                if not alive:
                    LOG.warning('The service row of engine %s was removed (was it '
                                'declared dead?); registering again', self.engine_id)
                    service_obj.Service.register(self.context, self.engine_id,
                                                 self.conf.host, BINARY,
                                                 self.conf.engine.topic)
                # NOTE: the ring first: it reads only heartbeats, so a failing
                # takeover pass cannot leave periodic work on a dead engine.
                self.ownership.refresh()
                if takeover.run_once(self.env, self.context):
                    self.wake(fanout=True)
            except Exception:
                LOG.exception('Engine %s heartbeat or takeover pass failed; retrying '
                              'in %.1f s', self.engine_id, interval)

    def stop(self, graceful=True):
        if self._stopping.is_set():
            return
        self._stopping.set()
        if self._rpc_server is not None:
            self._rpc_server.stop()
            self._rpc_server.wait()
        if self._heartbeat_thread is not None:
            self._heartbeat_thread.join()
        if self.health is not None:
            self.health.stop()
        self.reconciler.stop()
        self.lifecycle_listener.stop()
        finished = self.scheduler.stop(
            timeout=self.conf.engine.graceful_stop_timeout if graceful else 0)
        try:
            if not finished:
                mine = action_obj.Action.owned_by(self.context, [self.engine_id],
                                                  ['RUNNING'])
                takeover.hand_back(self.context, mine, 'The engine running this '
                                   'action stopped', self.conf.engine.max_takeovers)
                LOG.warning('Engine %s handed %d running action(s) back to other '
                            'engines', self.engine_id, len(mine))
            service_obj.Service.delete(self.context, self.engine_id)
        except Exception:
            LOG.exception('Engine %s could not tidy up at stop; other engines will '
                          'take over after the lease', self.engine_id)
        LOG.info('Engine %s stopped', self.engine_id)

    def wait(self):
        self._stopping.wait()

    def reset(self):
        pass
