"""Recovery of unhealthy nodes: the ONE entry point, the per-node budget and the
circuit breaker.

Whoever finds a node unhealthy (the health manager's checks, the Nova lifecycle
listener, reconcile) calls :func:`request_recovery`.  It decides, from the
cluster's health policy and the health state, whether to recover, and if so
writes a ``NODE_RECOVER`` action carrying the policy's ladder (the steps run by
:mod:`clusterd.engine.actions.node_recovery`).  It never waits for the recovery.

Guards, in order:

1. the cluster has an enabled health policy (else nothing says "recover");
2. the circuit breaker: when more than ``[health] breaker_threshold`` of the
   cluster's nodes turned unhealthy within ``breaker_window``, automatic recovery
   stops for the cluster and ONE event says why; it resumes once the share of
   unhealthy nodes is under the threshold again.  Mass recreation during an
   outage makes the outage worse;
3. the node is not marked for attention, and its budget (``max_recoveries``
   within ``recovery_window``) is not spent; spending it marks the node and
   says so in an event;
4. the node has no action running and the cluster no cluster action (a
   recovery would race with it; the next check looks again).
"""

import time

from oslo_log import log as logging

from clusterd.clock import utcnow
from clusterd.engine import requests as engine_requests
from clusterd.health import notices
from clusterd.objects import action as action_obj
from clusterd.objects import cluster as cluster_obj
from clusterd.objects import health as health_obj
from clusterd.objects import lock as lock_obj
from clusterd.objects import node as node_obj
from clusterd.policies import health as health_policy
from clusterd import states

LOG = logging.getLogger(__name__)

# What a node action carries to say it is a health recovery (the ladder).
LADDER_INPUT = 'health'


def settings_for(context, cluster_id):
    """The normalised settings of the cluster's enabled health policy, or None."""
    bindings = health_obj.health_bindings(context, cluster_id)
    if not bindings:
        return None
    _cluster_id, _policy_id, data = bindings[0]
    if data.get('health'):
        return health_policy.HealthSettings.from_dict(data['health'])
    return None


def request_recovery(env, context, node, reason, detector, settings=None):
    """This node is unhealthy: recover it as the cluster's health policy says.

    :param env: the engine's :class:`clusterd.engine.environment.Environment`
    :param context: an admin context
    :param node: the :class:`clusterd.objects.node.Node` (a member of a cluster)
    :param reason: what is wrong, for events and the action
    :param detector: who found it (``NODE_STATUS_POLLING``, ``LIFECYCLE_EVENTS``,
        ``RECONCILE``...)
    :param settings: the policy's :class:`HealthSettings` when the caller has
        them (the manager); looked up otherwise
    :returns: the id of the ``NODE_RECOVER`` action written, or None when the
        guards above said no (the log and events say which)
    """
    if not node.cluster_id:
        return None
    settings = settings or settings_for(context, node.cluster_id)
    if settings is None:
        LOG.debug('Node %s is unhealthy (%s) but cluster %s has no enabled health '
                  'policy; not recovering', node.id, reason, node.cluster_id)
        return None
    health_conf = env.conf.health
    health_obj.NodeHealth.mark_unhealthy(context, node.id, node.cluster_id,
                                         detector, reason)
    cluster = cluster_obj.Cluster.get(context, node.cluster_id, project_safe=False)
    if evaluate_breaker(env, context, cluster):
        return None
    state = health_obj.NodeHealth.get_one(context, node.id)
    if state.attention:
        return None
    now = time.time()
    recent = [t for t in (state.recoveries or [])
              if t > now - health_conf.recovery_window]
    if len(recent) >= health_conf.max_recoveries:
        if health_obj.NodeHealth.set_attention(context, node.id, True):
            notices.node(env, context, node, 'attention',
                         'Not recovering: %d recoveries within %d s already; the '
                         'node needs attention (recover it by hand to reset). '
                         'Last failure: %s' % (len(recent),
                                               health_conf.recovery_window, reason),
                         notices.WARNING)
        return None
    if action_obj.Action.active_targets(context, [node.id, cluster.id]) or \
            lock_obj.holders_of_cluster(context, cluster.id) and \
            cluster.status in states.CLUSTER_BUSY:
        LOG.info('Node %s is unhealthy (%s) but it or its cluster is busy; the '
                 'next check looks again', node.id, reason)
        return None
    inputs = {LADDER_INPUT: settings.to_dict(), 'reason': reason,
              'detector': detector}
    try:
        action = engine_requests.node_action(
            _owner_context(context, node), node, 'NODE_RECOVER', inputs,
            timeout=ladder_timeout(env, settings))
    except engine_requests.ActionConflict as exc:
        LOG.info('Not recovering node %s now: %s', node.id, exc)
        return None
    health_obj.NodeHealth.add_recovery(context, node.id, action.id, now,
                                       health_conf.recovery_window)
    notices.node(env, context, node, 'recovery_requested',
                 '%s found the node unhealthy: %s; recovery %s (%s) started'
                 % (detector, reason, action.id,
                    ', '.join(step.name for step in settings.steps)),
                 notices.WARNING)
    env.wake()
    return action.id


def ladder_timeout(env, settings):
    """The action timeout: every step's timeout plus a margin for the checks."""
    default = env.conf.health.step_timeout
    return int(sum(step.timeout or default for step in settings.steps) +
               settings.node_delete_timeout + 60)


def _owner_context(context, node):
    """Write the action on behalf of the node's owner (no more rights than the
    owner has), so that the owner sees it in ``openstack cluster action list``."""
    return type(context)(db=context.db, user_id=node.user, project_id=node.project,
                         domain_id=node.domain, roles=['member'], is_admin=False)


def evaluate_breaker(env, context, cluster, now=None):
    """Open or close the cluster's circuit breaker from the health state.

    Opens when more than ``breaker_threshold`` of the cluster's nodes turned
    unhealthy within ``breaker_window``; closes when the share unhealthy now is
    under the threshold.  (Between the two it stays as it is.)  Each switch is
    ONE event.

    :returns: True if the breaker is open (no automatic recovery)
    """
    conf = env.conf.health
    now = now or utcnow()
    total = node_obj.Node.count_in_cluster(context, cluster.id)
    state = health_obj.ClusterHealth.get_one(context, cluster.id)
    is_open = bool(state and state.breaker_open)
    if not total:
        return is_open
    unhealthy, recent = health_obj.NodeHealth.count_unhealthy(
        context, cluster.id, health_obj.since(conf.breaker_window, now))
    threshold = conf.breaker_threshold
    if not is_open and total >= conf.breaker_min_nodes and \
            recent / total > threshold:
        reason = ('%d of %d nodes turned unhealthy within %d s (more than %d%%): '
                  'automatic recovery stopped for this cluster until fewer than '
                  '%d%% are unhealthy' % (recent, total, conf.breaker_window,
                                          threshold * 100, threshold * 100))
        if health_obj.ClusterHealth.switch_breaker(context, cluster.id, True,
                                                   reason, now):
            notices.cluster(env, context, cluster, 'breaker_open', reason,
                            notices.ERROR)
        return True
    if is_open and unhealthy / total < threshold:
        reason = ('%d of %d nodes unhealthy now (under %d%%): automatic recovery '
                  'resumed' % (unhealthy, total, threshold * 100))
        if health_obj.ClusterHealth.switch_breaker(context, cluster.id, False,
                                                   reason, now):
            notices.cluster(env, context, cluster, 'breaker_closed', reason,
                            notices.INFO)
        return False
    return is_open
