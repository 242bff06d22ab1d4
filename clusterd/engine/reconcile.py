"""Reconcile: the node rows of each owned cluster against what the cloud reports.

Level-based, as a Kubernetes controller: every ``[engine] reconcile_interval``
seconds an engine takes each cluster it owns (the hash ring of
:mod:`clusterd.engine.ownership`), reads the node rows and the backend fresh, in
bulk (:meth:`clusterd.profiles.base.Profile.list_cluster_resources`: O(1) backend
calls per cluster, whatever its size), and acts on the difference:

- a node whose resource is gone becomes ERROR with a reason saying so;
- a node whose resource drifted behind clusterd's back (a Nova server SHUTOFF
  that no operation of clusterd stopped) becomes ERROR with the cloud's status;
- either one, when the cluster has an enabled health policy, is handed to
  :func:`clusterd.health.recovery.request_recovery`;
- a node that reconcile (or a lifecycle event) marked ERROR and whose resource is
  healthy again goes back to ACTIVE;
- a resource that carries the id of a node of the cluster but that no node row
  owns (a crash between the cloud call and the row, a duplicate left by a retried
  create, a database restored from a backup) is an orphan: reported once by an
  event and a log line and, when a later pass still finds it, deleted
  (``[engine] reconcile_orphans = delete``) or, if its node row is lost, given
  one again (``adopt``).

Every change is a compare-and-set from the status the pass read, so an action
that started meanwhile wins; clusters and nodes with an action in progress, a
lock, or a busy status are left alone.  Nothing is remembered between passes but
the orphans already reported, so a pass missed or run twice (two engines
disagreeing about the ring for a heartbeat) is harmless: a second pass finds
nothing more to do.
"""

import dataclasses
import threading

from oslo_db import exception as db_exc
from oslo_log import log as logging

from clusterd.db import faults
from clusterd.engine import events
from clusterd.objects import action as action_obj
from clusterd.objects import cluster as cluster_obj
from clusterd.objects import lock as lock_obj
from clusterd.objects import node as node_obj
from clusterd.objects import policy as policy_obj
from clusterd.profiles import base as profile_base
from clusterd import states

LOG = logging.getLogger(__name__)

DETECTOR = states.DETECTOR_RECONCILE
# Reasons of the node statuses reconcile and the lifecycle events write; a node
# marked with one of them goes back to ACTIVE once its resource is healthy.
REASON_PREFIX = 'Reconcile: '
DETECTED_PREFIXES = (REASON_PREFIX, 'Lifecycle event: ')

HEALTH_POLICY_TYPE = 'senlin.policy.health'
LIFECYCLE_EVENTS = 'LIFECYCLE_EVENTS'

# What reconcile found (the events' status).
GONE = 'gone'
DRIFT = 'drift'
HEALTHY = 'healthy'
ORPHAN = 'orphan'
ORPHAN_DELETED = 'orphan_deleted'
ORPHAN_ADOPTED = 'orphan_adopted'


@dataclasses.dataclass
class Outcome:
    """What one pass did to one cluster (for logs and tests)."""
    cluster_id: str
    skipped: str = None
    changed: dict = dataclasses.field(default_factory=dict)     # node id -> status
    recoveries: dict = dataclasses.field(default_factory=dict)  # node id -> action
    orphans: list = dataclasses.field(default_factory=list)     # physical ids
    deleted: list = dataclasses.field(default_factory=list)     # physical ids
    adopted: list = dataclasses.field(default_factory=list)     # physical ids


# --- what reconcile and the lifecycle events share -----------------------------------

def health_modes(context, cluster_id):
    """The detection modes of the cluster's enabled health policy, or ``None``
    when it has none.

    :returns: a set of mode names (``{'NODE_STATUS_POLLING'}``...) or None
    """
    for binding in cluster_obj.ClusterPolicy.described(context, cluster_id):
        if not binding['enabled'] or \
                not (binding['policy_type'] or '').startswith(HEALTH_POLICY_TYPE):
            continue
        # NOTE: the policy keeps its normalised settings in the binding; a
        # binding written before that is read from the spec (Senlin's shapes).
        settings = (binding['data'] or {}).get('health')
        if settings:
            return {mode['type'] for mode in settings.get('modes') or []}
        policy = policy_obj.Policy.get(context, binding['policy_id'],
                                       project_safe=False)
        return _spec_modes(policy.spec)
    return None


def _spec_modes(spec):
    detection = ((spec or {}).get('properties') or {}).get('detection') or {}
    if detection.get('type'):
        return {detection['type']}
    return {mode.get('type') for mode in detection.get('detection_modes') or []}


def request_recovery(env, context, node, reason, detector):
    """Hand an unhealthy node to the health policy's recovery.

    :returns: the recovery action's id, or None (no recovery module in this
        build, or it decided not to recover)
    """
    try:
        from clusterd.health import recovery
    except ImportError:
        LOG.warning('Node %s is unhealthy (%s) but this build has no recovery '
                    '(clusterd.health.recovery); it stays ERROR', node.id, reason)
        return None
    return recovery.request_recovery(env, context, node, reason, detector)


def mark_unhealthy(env, context, node, reason, detector, phase, recover=True,
                   data=None):
    """Move a settled node to ERROR (compare-and-set from the status read), record
    the event and, when ``recover``, ask for its recovery.

    :param node: the node as read (its ``status`` is the expected one)
    :param data: the node's new data, if it changes
    :returns: ``(changed, recovery action id or None)``
    """
    values = {} if data is None else {'data': data}
    moved = node_obj.Node.set_status(context, node.id, states.N_ERROR, reason,
                                     expected=node.status, **values)
    if not moved:
        LOG.info('Node %s changed while %s looked at it; left as it is now',
                 node.id, detector)
        return False, None
    node.status, node.status_reason = states.N_ERROR, reason
    events.emit_detection(env, context, 'NODE', node, detector, phase, reason,
                          level=events.ERROR_LEVEL)
    action_id = None
    if recover:
        try:
            action_id = request_recovery(env, context, node, reason, detector)
        except Exception:
            LOG.exception('Could not ask for the recovery of node %s', node.id)
    return True, action_id


# --- the pass ------------------------------------------------------------------------

class Reconciler:
    """Reconcile passes over the clusters this engine owns.

    :param env: the engine's :class:`clusterd.engine.environment.Environment`
    """

    def __init__(self, env):
        self.env = env
        # cluster id -> physical ids already reported as orphans (by this engine)
        self._orphans = {}
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._thread = None

    # --- the timer ----------------------------------------------------------------

    def start(self, interval):
        """Run a pass every ``interval`` seconds in a thread (0: never)."""
        if interval <= 0:
            LOG.info('Reconcile is disabled ([engine] reconcile_interval = 0)')
            return
        self._thread = threading.Thread(target=self._loop, args=(interval,),
                                        name='reconcile', daemon=True)
        self._thread.start()

    def stop(self):
        self._stopping.set()
        if self._thread is not None:
            self._thread.join()

    def _loop(self, interval):
        while not self._stopping.wait(interval):
            try:
                self.run_once()
            except Exception as exc:
                if faults.transient(exc):
                    LOG.warning('Reconcile pass failed (%s); next one in %.0f s',
                                faults.summary(exc), interval)
                else:
                    LOG.exception('Reconcile pass failed; next one in %.0f s',
                                  interval)

    # --- passes -------------------------------------------------------------------

    def run_once(self, context=None):
        """One pass over every cluster this engine owns.

        :returns: {cluster id: :class:`Outcome`}
        """
        context = context or self.env.admin_context()
        ownership = self.env.ownership
        outcomes = {}
        for cluster in cluster_obj.Cluster.list_all(context, project_safe=False):
            if self._stopping.is_set():
                break
            if ownership is not None and not ownership.owns(cluster.id):
                continue
            try:
                outcomes[cluster.id] = self.reconcile_cluster(context, cluster)
            except Exception as exc:
                if not faults.transient(exc):
                    LOG.exception('Reconcile of cluster %s failed; it is tried '
                                  'again in the next pass', cluster.id)
                    continue
                LOG.warning('Reconcile of cluster %s failed (%s); it is tried '
                            'again in the next pass', cluster.id,
                            faults.summary(exc))
        return outcomes

    def reconcile_cluster(self, context, cluster):
        """Reconcile one cluster (re-read fresh: ``cluster`` only names it).

        :returns: an :class:`Outcome`
        """
        outcome = Outcome(cluster.id)
        try:
            cluster = cluster_obj.Cluster.get(context, cluster.id, project_safe=False)
        except Exception:  # deleted meanwhile
            outcome.skipped = 'gone'
            return outcome
        if cluster.status not in states.CLUSTER_SETTLED:
            outcome.skipped = 'cluster is %s' % cluster.status
            return outcome
        nodes = node_obj.Node.watched_in_cluster(context, cluster.id)
        node_ids = [node.id for node in nodes]
        busy_targets = action_obj.Action.active_targets(context,
                                                        [cluster.id] + node_ids)
        # NOTE: node actions share the cluster lock; their nodes are skipped
        # below, the others are looked at.
        if cluster.id in busy_targets or \
                lock_obj.cluster_locked_exclusively(context, cluster.id):
            outcome.skipped = 'an action is in progress on the cluster'
            return outcome
        busy = busy_targets | lock_obj.locked_nodes(context, node_ids)
        watched = [node for node in nodes
                   if node.status in states.NODE_SETTLED and node.physical_id
                   and node.id not in busy]
        profile = self.env.profile(context, cluster.profile_id)
        resources, tagged = profile.list_cluster_resources(context, cluster, watched)
        modes = health_modes(context, cluster.id)
        for node in watched:
            self._reconcile_node(context, node, resources.get(node.id), modes,
                                 outcome)
        if tagged is not None:
            self._orphans_of(context, cluster, profile, nodes, resources, tagged,
                             outcome)
        if outcome.changed:
            self._settle_cluster(context, cluster)
        return outcome

    def _reconcile_node(self, context, node, resource, modes, outcome):
        if resource is None or resource[profile_base.HEALTHY] is None:
            return  # the backend could not say: nothing is known
        status = resource[profile_base.STATUS]
        data = dict(node.data or {})
        if resource[profile_base.HEALTHY]:
            if node.status == states.N_ERROR and \
                    (node.status_reason or '').startswith(DETECTED_PREFIXES):
                reason = '%sthe resource %s is %s again.' % (
                    REASON_PREFIX, node.physical_id, status)
                if node_obj.Node.set_status(context, node.id, states.N_ACTIVE,
                                            reason, expected=node.status):
                    outcome.changed[node.id] = states.N_ACTIVE
                    events.emit_detection(self.env, context, 'NODE', node,
                                          DETECTOR, HEALTHY, reason,
                                          level=events.INFO)
            return
        if node.status == states.N_ERROR:
            return  # already known to be unhealthy: nothing new
        if status == profile_base.MISSING:
            phase = GONE
            data.pop('stopped_by', None)  # nothing is stopped: it is gone
            reason = '%sthe resource %s of the node is gone (%s).' % (
                REASON_PREFIX, node.physical_id,
                resource[profile_base.STATUS_REASON] or 'not found')
        elif data.get('stopped_by'):
            return  # stopped on request by an operation: the expected state
        else:
            phase = DRIFT
            reason = '%sthe resource %s is %s behind clusterd\'s back%s' % (
                REASON_PREFIX, node.physical_id, status,
                ': %s' % resource[profile_base.STATUS_REASON]
                if resource[profile_base.STATUS_REASON] else '.')
        changed, action_id = mark_unhealthy(
            self.env, context, node, reason, DETECTOR, phase,
            recover=modes is not None,
            data=data if data != (node.data or {}) else None)
        if changed:
            outcome.changed[node.id] = states.N_ERROR
            if action_id:
                outcome.recoveries[node.id] = action_id

    def _orphans_of(self, context, cluster, profile, nodes, resources, tagged,
                    outcome):
        by_id = {node.id: node for node in nodes}
        unknown = {item[profile_base.NODE_ID] for item in tagged} - set(by_id)
        if unknown:
            # NOTE: read after the backend was listed: a node created meanwhile
            # (row first, then its resource) is found here, not called an orphan.
            by_id.update({node.id: node for node in
                          node_obj.Node.get_many(context, list(unknown))})
        found = []
        for item in tagged:
            node = by_id.get(item[profile_base.NODE_ID])
            if node is not None and not self._orphaned_by(node, item, resources):
                continue
            found.append(item)
        with self._lock:
            before = self._orphans.get(cluster.id, set())
            self._orphans[cluster.id] = {item[profile_base.PHYSICAL_ID]
                                         for item in found}
        mode = self.env.conf.engine.reconcile_orphans
        for item in found:
            physical_id = item[profile_base.PHYSICAL_ID]
            outcome.orphans.append(physical_id)
            node = by_id.get(item[profile_base.NODE_ID])
            if physical_id not in before:
                reason = ('%sthe resource %s (%s, %s) carries the id of node %s, '
                          '%s.' % (REASON_PREFIX, physical_id, item['name'],
                                   item[profile_base.STATUS],
                                   item[profile_base.NODE_ID],
                                   'which does not exist' if node is None else
                                   'whose resource is %s' % node.physical_id))
                events.emit_detection(self.env, context, 'CLUSTER', cluster,
                                      DETECTOR, ORPHAN, reason,
                                      metadata={'physical_id': physical_id})
            elif mode == 'delete':
                self._delete_orphan(context, cluster, profile, item, outcome)
            elif mode == 'adopt' and node is None:
                self._adopt_orphan(context, cluster, item, outcome)

    @staticmethod
    def _orphaned_by(node, item, resources):
        """Is ``item`` (a tagged resource naming ``node``) not the node's own?"""
        if node.status not in states.NODE_SETTLED or not node.physical_id:
            return False  # being made or changed: its resource may be this one
        own = {node.physical_id}
        listed = resources.get(node.id)
        if listed and listed[profile_base.PHYSICAL_ID]:
            # A process node's current process may differ from its stored id.
            own.add(listed[profile_base.PHYSICAL_ID])
        return item[profile_base.PHYSICAL_ID] not in own

    def _delete_orphan(self, context, cluster, profile, item, outcome):
        physical_id = item[profile_base.PHYSICAL_ID]
        try:
            profile.delete_orphan(context, cluster, item)
        except (profile_base.ResourceError,
                profile_base.OperationNotSupported) as exc:
            LOG.warning('Could not delete the orphan %s of cluster %s: %s',
                        physical_id, cluster.id, exc)
            return
        outcome.deleted.append(physical_id)
        events.emit_detection(
            self.env, context, 'CLUSTER', cluster, DETECTOR, ORPHAN_DELETED,
            '%sdeleted the orphan resource %s (node id %s) ([engine] '
            'reconcile_orphans = delete).' % (REASON_PREFIX, physical_id,
                                               item[profile_base.NODE_ID]),
            metadata={'physical_id': physical_id})

    def _adopt_orphan(self, context, cluster, item, outcome):
        """Give a resource whose node row is lost a node row again: the same
        id, in the cluster, ACTIVE (the next pass checks its health)."""
        physical_id, node_id = item[profile_base.PHYSICAL_ID], \
            item[profile_base.NODE_ID]
        reason = ('%sadopted the orphan resource %s as node %s ([engine] '
                  'reconcile_orphans = adopt).' % (REASON_PREFIX, physical_id,
                                                     node_id))
        index = cluster_obj.Cluster.reserve_indexes(context, cluster.id, 1)
        try:
            node = node_obj.Node.create(
                context, id=node_id, name=item['name'] or 'node-%s' % node_id[:8],
                cluster_id=cluster.id, profile_id=cluster.profile_id,
                user=cluster.user, project=cluster.project, domain=cluster.domain,
                index=index, physical_id=physical_id, status=states.N_ACTIVE,
                status_reason=reason)
        except db_exc.DBDuplicateEntry:
            return  # a row with that id appeared meanwhile: not an orphan now
        outcome.adopted.append(physical_id)
        outcome.changed[node.id] = states.N_ACTIVE
        events.emit_detection(self.env, context, 'NODE', node, DETECTOR,
                              ORPHAN_ADOPTED, reason, level=events.INFO,
                              metadata={'physical_id': physical_id})

    @staticmethod
    def _settle_cluster(context, cluster):
        """Re-evaluate a settled cluster's status after its nodes changed."""
        active = node_obj.Node.count_active(context, cluster.id)
        status, why = states.eval_cluster_status(
            active, cluster.min_size, cluster.max_size, cluster.desired_capacity)
        reason = '%s%s.' % (REASON_PREFIX, why)
        if status != cluster.status or reason != cluster.status_reason:
            cluster_obj.Cluster.set_status(context, cluster.id, status, reason,
                                           expected=cluster.status)
