"""The health manager: one thread per engine that checks the clusters it owns.

Every ``[health] manager_tick`` it lists the enabled health-policy bindings (one
query), keeps those whose cluster this engine owns on the hash ring
(:mod:`clusterd.engine.ownership`), and starts a pass for each cluster whose
interval has come, on a bounded pool.  A pass never runs one node after another:
status polling is one bulk backend call per profile, poll URLs are fetched
concurrently on a second bounded pool, and a recovery is only *requested* (an
action row; :func:`clusterd.health.recovery.request_recovery`), never waited for.
A cluster whose previous pass is still running is not started twice; a missed
interval is not replayed.

A pass leaves alone: a cluster busy with a cluster action (it removes, replaces
or updates nodes), nodes with an action or a lock, nodes stopped on request, nodes
being created or deleted, and nodes within the policy's ``node_update_timeout``
of their last change (the grace window).
"""

import threading
import time

import futurist
from oslo_log import log as logging

from clusterd.clock import utcnow
from clusterd.db import faults
from clusterd.health import detectors
from clusterd.health import notices
from clusterd.health import recovery
from clusterd.objects import action as action_obj
from clusterd.objects import base as objects_base
from clusterd.objects import cluster as cluster_obj
from clusterd.objects import health as health_obj
from clusterd.objects import lock as lock_obj
from clusterd.objects import node as node_obj
from clusterd.policies import health as health_policy
from clusterd import states

LOG = logging.getLogger(__name__)

CHECKABLE = frozenset({states.N_ACTIVE, states.N_ERROR, states.N_WARNING})
# Cluster passes at once; each one's requests go to the probe pool.
MAX_CLUSTER_PASSES = 8
# Seconds before a cluster skipped because it was busy is looked at again.
BUSY_RETRY = 1.0
# Seconds between two removals of the health rows of deleted nodes and clusters.
PURGE_INTERVAL = 300.0
# While the engine's heartbeats fail, wait for the next one that gets through
# (up to this long) instead of querying a database that is away every tick.
OUTAGE_WAIT = 5.0


class HealthManager:
    """
    :param env: the engine's Environment (``env.ownership`` set)
    """

    def __init__(self, env):
        self.env = env
        self.conf = env.conf.health
        self.context = env.admin_context()
        threads = self.conf.check_threads
        self.passes = futurist.ThreadPoolExecutor(
            max_workers=min(MAX_CLUSTER_PASSES, threads))
        self.probes = futurist.ThreadPoolExecutor(max_workers=threads)
        self.checker = detectors.Checker(env, self.context, self.probes)
        self._due = {}
        self._running = {}
        self._stopping = threading.Event()
        self._thread = None

    def start(self):
        self._thread = threading.Thread(target=self._loop, name='health-manager',
                                        daemon=True)
        self._thread.start()

    def stop(self):
        self._stopping.set()
        if self._thread is not None:
            self._thread.join()
        self.passes.shutdown(wait=True)
        self.probes.shutdown(wait=True)

    def _loop(self):
        next_purge = time.monotonic() + PURGE_INTERVAL
        outage = False
        while not self._stopping.wait(self.conf.manager_tick):
            lease = getattr(self.env, 'lease', None)
            if lease is not None and lease.failing():
                # The heartbeat probes the database for the whole engine.
                lease.wait_renewal(OUTAGE_WAIT)
                if lease.failing():
                    continue
            try:
                self.tick()
                if time.monotonic() >= next_purge:
                    next_purge = time.monotonic() + PURGE_INTERVAL
                    gone = health_obj.purge_orphans(self.context)
                    if gone:
                        LOG.info('Removed %d health row(s) of deleted nodes and '
                                 'clusters', gone)
            except Exception as exc:
                if not faults.transient(exc):
                    LOG.exception('Health manager pass failed; trying again in '
                                  '%.1f s', self.conf.manager_tick)
                elif not outage:
                    LOG.warning('Health manager pass failed (%s); trying again '
                                'every %.1f s', faults.summary(exc),
                                self.conf.manager_tick)
                outage = faults.transient(exc)
                continue
            outage = False

    def tick(self, now=None):
        """Start the passes that are due. :returns: the cluster ids started"""
        now = now if now is not None else time.monotonic()
        started, bound = [], set()
        for cluster_id, _policy_id, data in health_obj.health_bindings(self.context):
            bound.add(cluster_id)
            if not data.get('health') or not self.env.ownership.owns(cluster_id):
                continue
            running = self._running.get(cluster_id)
            if running is not None and not running.done():
                continue
            if now < self._due.get(cluster_id, 0):
                continue
            settings = health_policy.HealthSettings.from_dict(data['health'])
            if not settings.polling:
                continue
            self._due[cluster_id] = now + settings.interval
            self._running[cluster_id] = self.passes.submit(
                self._guarded_pass, cluster_id, settings)
            started.append(cluster_id)
        if started:
            LOG.debug('Health checks of %d cluster(s) started: %s', len(started),
                      ', '.join(started))
        for cluster_id in list(self._due):
            if cluster_id in bound and self.env.ownership.owns(cluster_id):
                continue
            self._due.pop(cluster_id, None)
            self._running.pop(cluster_id, None)
            if cluster_id not in bound:
                # Policy detached or disabled, or cluster deleted: what was found
                # no longer holds (the bodies would show a stale breaker).
                health_obj.ClusterHealth.delete_for_cluster(self.context,
                                                            cluster_id)
        return started

    def _guarded_pass(self, cluster_id, settings):
        try:
            done = check_cluster(self.env, self.context, self.checker, cluster_id,
                                 settings)
            if done is None:
                # Skipped (the cluster was busy): look again soon, not a whole
                # interval later.
                self._due[cluster_id] = time.monotonic() + min(settings.interval,
                                                               BUSY_RETRY)
            return done
        except Exception as exc:
            if faults.transient(exc):
                LOG.warning('Health check of cluster %s failed (%s); the next '
                            'interval tries again', cluster_id, faults.summary(exc))
            else:
                LOG.exception('Health check of cluster %s failed; the next '
                              'interval tries again', cluster_id)


def _in_grace(node, now, seconds):
    changed = node.updated_at or node.created_at
    return changed is not None and (now - changed).total_seconds() < seconds


def _latest(node_id, judged, before):
    """The node's verdict of this pass, else of the last pass that checked it."""
    if node_id in judged:
        return judged[node_id][0]
    state = before.get(node_id)
    return state.healthy if state is not None else None


def judge(checker, settings, nodes):
    """Run the policy's polling detectors on ``nodes``.

    :returns: {node id: (healthy, reason, deciding mode, {mode: {healthy,
        reason}})}
    """
    modes = [m for m in settings.polling if m.type in detectors.DETECTORS]
    per_mode = {}
    for mode in modes:
        per_mode[mode.type] = detectors.DETECTORS[mode.type](checker, nodes,
                                                             mode.options)
    result = {}
    types = [m.type for m in modes]
    for node in nodes:
        verdicts = {t: per_mode[t].get(node.id, (None, None)) for t in types}
        healthy, reason, decided = detectors.combine(
            types, verdicts, settings.recovery_conditional)
        result[node.id] = (healthy, reason, decided, {
            t: {'healthy': v[0], 'reason': v[1]} for t, v in verdicts.items()})
    return result


def check_cluster(env, context, checker, cluster_id, settings):
    """One health pass over one cluster.

    :returns: {'checked': n, 'unhealthy': [node ids], 'recoveries': [action ids],
        'breaker_open': bool} or None when the cluster was skipped
    """
    try:
        cluster = cluster_obj.Cluster.get(context, cluster_id, project_safe=False)
    except objects_base.NotFound:
        return None
    if cluster.status in states.CLUSTER_BUSY or \
            action_obj.Action.active_targets(context, [cluster_id]):
        LOG.debug('Cluster %s is busy (%s); health checks wait', cluster_id,
                  cluster.status)
        return None
    nodes = node_obj.Node.for_cluster(context, cluster_id)
    now = utcnow()
    ids = [n.id for n in nodes]
    busy = action_obj.Action.active_targets(context, ids) | \
        lock_obj.locked_nodes(context, ids)
    checkable = [n for n in nodes
                 if n.id not in busy and n.status in CHECKABLE
                 and not (n.data or {}).get('stopped_by')
                 and not _in_grace(n, now, settings.node_update_timeout)]
    judged = judge(checker, settings, checkable) if checkable else {}
    before = health_obj.NodeHealth.for_cluster(context, cluster_id)
    health_obj.NodeHealth.record(
        context, cluster_id,
        {node_id: (v[0], v[3]) for node_id, v in judged.items()}, now, keep=ids)

    by_id = {n.id: n for n in nodes}
    unhealthy = []
    for node_id, (healthy, reason, decided, _results) in judged.items():
        was = before.get(node_id)
        was_unhealthy = was is not None and was.healthy is False
        node = by_id[node_id]
        if healthy is False:
            unhealthy.append((node, reason, decided))
            if not was_unhealthy:
                notices.node(env, context, node, 'unhealthy',
                             '%s: %s' % (decided, reason), notices.WARNING)
        elif healthy and was_unhealthy:
            notices.node(env, context, node, 'healthy', 'Healthy again')
            health_obj.NodeHealth.set_attention(context, node_id, False)
    healthy_count = sum(1 for n in nodes if n.status == states.N_ACTIVE and
                        _latest(n.id, judged, before) is not False)
    health_obj.ClusterHealth.save_counts(context, cluster_id, healthy_count,
                                         len(nodes), now)
    breaker_open = recovery.evaluate_breaker(env, context, cluster, now)
    actions = []
    if not breaker_open:
        for node, reason, decided in unhealthy:
            action_id = recovery.request_recovery(env, context, node, reason,
                                                  decided, settings=settings)
            if action_id:
                actions.append(action_id)
    return {'checked': len(checkable), 'unhealthy': [n.id for n, _r, _d in unhealthy],
            'recoveries': actions, 'breaker_open': breaker_open}
