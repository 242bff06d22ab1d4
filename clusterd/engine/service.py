"""The engine service: registration, heartbeats, the RPC server, the scheduler and
the takeover pass.

An engine registers a row in the services table when it starts and bumps its
``updated_at`` every ``[engine] heartbeat_interval`` seconds (every quarter of a
second while the database does not answer, so that it is back within moments of
the database); each successful heartbeat renews this engine's lease and runs the
takeover pass (:mod:`clusterd.engine.takeover`).  Other engines judge it dead
once they have seen its heartbeat unchanged for ``[engine] lease_seconds``
(:mod:`clusterd.engine.liveness`).  A clean stop lets running actions finish for
``[engine] graceful_stop_timeout`` seconds, hands the rest back as READY and
deletes the row.
"""

import threading
import time

import oslo_messaging as messaging
from oslo_log import log as logging
from oslo_service import service

from clusterd import context as context_mod
from clusterd.db import faults
from clusterd.engine import environment
from clusterd.engine import liveness
from clusterd.engine import notifications
from clusterd.engine import ownership as ownership_mod
from clusterd.engine import reconcile
from clusterd.engine import retry
from clusterd.engine import rpcapi
from clusterd.engine import scheduler as scheduler_mod
from clusterd.engine import statements
from clusterd.engine import takeover
from clusterd.health import lifecycle_events
from clusterd.health import manager as health_manager
from clusterd.objects import action as action_obj
from clusterd.objects import base as objects_base
from clusterd.objects import service as service_obj
from clusterd import plugins
from clusterd import states

LOG = logging.getLogger(__name__)

BINARY = 'clusterd-engine'

# Seconds between heartbeats while the database does not answer: the engine is
# back, and its waiting workers with it, within this of the database.
RETRY_HEARTBEAT = 0.25


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
                notification_transport,
                publisher_id=notifications.publisher_id(conf.host))
            notifier = notifier if notifier.is_enabled() else None
        self.env = environment.Environment(conf, db, self.engine_id, self.wake,
                                           notifier)
        self.scheduler = scheduler_mod.Scheduler(self.env)
        self.env.scheduler = self.scheduler
        self.ownership = ownership_mod.Ownership(
            self.context, self.engine_id, BINARY, conf.engine.lease_seconds)
        self.env.ownership = self.ownership
        self.health = (health_manager.HealthManager(self.env)
                       if conf.health.enabled else None)
        self.reconciler = reconcile.Reconciler(self.env)
        self.lifecycle_listener = lifecycle_events.Listener(self.env)
        self.judge = liveness.Judge(conf.engine.lease_seconds)
        self._stopping = threading.Event()
        # Heartbeats go on while a clean stop waits for running actions.
        self._heartbeats_stopping = threading.Event()
        self._heartbeat_thread = None
        self._takeover_thread = None
        self._beat = threading.Event()
        # Actions found RUNNING under this engine with no worker on them, at
        # the previous heartbeat (see _hand_back_strays).
        self._strays = set()
        self._rpc_server = None

    def wake(self, fanout=False, released=None):
        """Make this engine look for work now; with ``fanout``, every engine.

        :param released: ids of the actions that just became READY; a worker
            of this engine that released them claims them itself when it is
            done (:meth:`Scheduler.adopt`) instead of waiting for a scan
        """
        if not (released and self.scheduler.adopt(released)):
            self.scheduler.nudge()
        if fanout and self.ownership.members - {self.engine_id}:
            # (Alone on the ring, the cast would only come back to this engine's
            # own listener and wake its scheduler for work already in hand.  An
            # engine that joined since the last heartbeat's refresh finds the
            # work at its first scan.)
            self._cast_start()

    def _cast_start(self):
        try:
            self.client.start_action(fanout=True)
        except Exception as exc:
            LOG.warning('Could not cast start_action (%s); other engines will '
                        'find the work at their next scan', retry.summary(exc))

    def start(self):
        started = time.monotonic()
        service_obj.Service.register(self.context, self.engine_id, self.conf.host,
                                     BINARY, self.conf.engine.topic)
        self.env.lease.renewed(started)
        self.ownership.refresh()
        self._warm_up()
        self.scheduler.start()
        self._heartbeat_thread = threading.Thread(
            target=self._heartbeat_loop, name='engine-heartbeat', daemon=True)
        self._heartbeat_thread.start()
        self._takeover_thread = threading.Thread(
            target=self._takeover_loop, name='engine-takeover', daemon=True)
        self._takeover_thread.start()
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

    def _warm_up(self):
        """What the first actions would otherwise pay for (on MariaDB the first
        create of a cluster after start took 2.5 to 4.5 times as long as the
        next ones):

        - the profile and policy plugins loaded (an entry-point scan, and their
          modules imported) and the worker and cloud-call threads started,
          before the engine says it started;
        - in a thread, so that the engine does not start later for it (it
          takes about half a second on MariaDB): on a database server, the
          connections that the workers and their cloud-call threads may hold
          at once opened into the pool (the first create opened seven while it
          ran), and the RPC connection that casts to every engine;
        - the first heartbeat and takeover pass run at once by their threads
          (see :meth:`_heartbeat_loop`).

        Best effort: a database or broker that does not answer is only logged
        (the heartbeat and the scheduler deal with it as always).
        """
        plugins.profile_types()
        plugins.policy_types()
        # (The first create started eleven threads.)
        environment.start_threads(self.env.cloud_pool,
                                  self.conf.engine.cloud_call_threads)
        self.scheduler.start_workers()
        threading.Thread(target=self._open_connections, name='engine-warm-up',
                         daemon=True).start()

    def _open_connections(self):
        if self.db.backend != 'sqlite':
            # (On SQLite a connection costs next to nothing.)
            try:
                self.db.open_connections(self.conf.engine.workers +
                                         self.conf.engine.cloud_call_threads)
            except Exception as exc:
                LOG.warning('Engine %s could not open its database connections '
                            'at start: %s', self.engine_id, retry.summary(exc))
        if not self._stopping.is_set():
            statements.compile_hot_statements(self.context, self.engine_id)
        # The connection that casts to every engine (after a fan-out, so that
        # the others help with the children) is opened by the first cast: cast
        # one now, a nudge (engines look for READY work, which is harmless).
        if not self._stopping.is_set():
            self.scheduler.nudge()
            self._cast_start()

    def _heartbeat_loop(self):
        interval = self.conf.engine.heartbeat_interval
        # The first heartbeat (and the takeover pass after it) at once, not one
        # interval after start: their first run compiles their statements, and
        # it fell on the first requests of a service started a couple of
        # seconds before.
        delay = 0
        outage = None
        while not self._heartbeats_stopping.wait(delay):
            started = time.monotonic()
            try:
                self._heartbeat(started)
            except Exception as exc:
                if not faults.transient(exc):
                    LOG.exception('Engine %s heartbeat failed; retrying in %.1f s',
                                  self.engine_id, interval)
                    delay = interval
                    continue
                # The database is away: what we saw of the others is void (we
                # may not judge anyone until we have heartbeated for a full
                # lease again), and we try again soon, to be back with it.
                self.env.lease.failed()
                if outage is None:
                    outage = started
                    LOG.warning('Engine %s cannot heartbeat: %s; retrying every '
                                '%.1f s', self.engine_id, retry.summary(exc),
                                min(interval, RETRY_HEARTBEAT))
                delay = min(interval, RETRY_HEARTBEAT)
                continue
            if outage is not None:
                LOG.warning('Engine %s heartbeats again after %.1f s',
                            self.engine_id, started - outage)
                outage = None
            delay = interval

    def _heartbeat(self, started):
        alive = service_obj.Service.heartbeat(self.context, self.engine_id)
        if not alive:
            self._declared_dead()
        stale = not self.env.lease.fresh()
        self.env.lease.renewed(started)
        if stale:
            # Back from an outage longer than the lease: the scheduler claimed
            # nothing meanwhile.  Wake it now, not after the ring's refresh
            # below (a query that waits its turn among every worker going on).
            self.scheduler.nudge()
        self.ownership.refresh()
        # The takeover pass runs in its own thread: however long it takes (a
        # slow database, many actions to take over), heartbeats go on.
        self._beat.set()

    def _takeover_loop(self):
        outage = False
        while not self._heartbeats_stopping.is_set():
            if not self._beat.wait(self.conf.engine.heartbeat_interval):
                continue
            self._beat.clear()
            if self._heartbeats_stopping.is_set() or not self.env.lease.fresh():
                continue
            try:
                made_ready = takeover.run_once(self.env, self.context, self.judge)
                made_ready = self._hand_back_strays() or made_ready
                outage = False
            except Exception as exc:
                if not faults.transient(exc):
                    LOG.exception('Engine %s takeover pass failed; it runs again '
                                  'after the next heartbeat', self.engine_id)
                elif not outage:
                    outage = True
                    LOG.warning('Engine %s takeover pass failed (%s); it runs '
                                'again after the next heartbeat', self.engine_id,
                                retry.summary(exc))
                continue
            if made_ready:
                self.wake(fanout=True)

    def _declared_dead(self):
        """Our row is gone: another engine judged us dead and takes (or took)
        our actions.  Fence the workers still on them (a new epoch), give back
        what still names us, and register again."""
        self.env.lease.lost()
        mine = action_obj.Action.owned_by(self.context, [self.engine_id],
                                          [states.RUNNING])
        ready, failed = takeover.hand_back(
            self.context, mine, 'The engine running this action was declared '
            'dead', self.conf.engine.max_takeovers)
        LOG.warning('The service row of engine %s was removed: it was declared '
                    'dead (epoch %d).  Its workers stop; %d action(s) still '
                    'named it and were handed back (%d failed).  Registering '
                    'again.', self.engine_id, self.env.lease.epoch,
                    len(ready) + len(failed), len(failed))
        service_obj.Service.register(self.context, self.engine_id,
                                     self.conf.host, BINARY,
                                     self.conf.engine.topic)

    def _hand_back_strays(self):
        """Hand back actions RUNNING under this engine that no worker of it runs.

        A worker always ends its action or hands it back, retrying while the
        database is away; this is the net under that: whatever slipped through
        (seen at two heartbeats in a row, so that an action claimed between our
        two reads is not mistaken) goes back to READY, never stays RUNNING
        under a live owner.
        """
        running = {a.id: a for a in action_obj.Action.owned_by(
            self.context, [self.engine_id], [states.RUNNING])}
        strays = set(running) - self.scheduler.in_flight()
        confirmed = strays & self._strays
        self._strays = strays - confirmed
        if not confirmed:
            return False
        ready, failed = takeover.hand_back(
            self.context, [running[i] for i in sorted(confirmed)],
            'The worker running this action on this engine stopped',
            self.conf.engine.max_takeovers)
        LOG.warning('Engine %s handed back %d action(s) no worker was running: '
                    '%s', self.engine_id, len(confirmed), ', '.join(sorted(confirmed)))
        return bool(ready)

    def stop(self, graceful=True):
        if self._stopping.is_set():
            return
        self._stopping.set()
        if self._rpc_server is not None:
            self._rpc_server.stop()
            self._rpc_server.wait()
        if self.health is not None:
            self.health.stop()
        self.reconciler.stop()
        self.lifecycle_listener.stop()
        finished = self.scheduler.stop(
            timeout=self.conf.engine.graceful_stop_timeout if graceful else 0)
        self._heartbeats_stopping.set()
        self._beat.set()    # (the takeover loop waits for a beat, not for this)
        for thread in (self._heartbeat_thread, self._takeover_thread):
            if thread is not None:
                thread.join()
        try:
            if not finished:
                # Workers still running may no longer write: their actions are
                # handed back now.
                self.env.lease.lost()
                mine = action_obj.Action.owned_by(self.context, [self.engine_id],
                                                  [states.RUNNING])
                takeover.hand_back(self.context, mine, 'The engine running this '
                                   'action stopped', self.conf.engine.max_takeovers)
                LOG.warning('Engine %s handed %d running action(s) back to other '
                            'engines', self.engine_id, len(mine))
            service_obj.Service.delete(self.context, self.engine_id)
        except Exception as exc:
            LOG.warning('Engine %s could not tidy up at stop (%s); other engines '
                        'will take over after the lease', self.engine_id,
                        retry.summary(exc))
        LOG.info('Engine %s stopped', self.engine_id)

    def wait(self):
        self._stopping.wait()

    def reset(self):
        pass
