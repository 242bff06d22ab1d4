"""The write side of requests: a change and the action that carries it out, written
in ONE transaction, with conflicts refused at once.

The API handlers call these and then nudge the engines (``EngineClient``); nothing
here waits for an engine.
"""

import logging
import math

from oslo_db import api as oslo_db_api
from oslo_log import log as oslo_logging

from clusterd.clock import utcnow
from clusterd.objects import action as action_obj
from clusterd.objects import cluster as cluster_obj
from clusterd.objects import event as event_obj
from clusterd.objects import lock as lock_obj
from clusterd.objects import node as node_obj
from clusterd.policies import scaling
from clusterd import states

# The transactions that write a request's action are tried again on a deadlock
# (each runs whole or not at all): concurrent creates met the engines' claims
# on MariaDB's status index, and the request answered 500.
_retried = oslo_db_api.wrap_db_retry(max_retries=5, retry_on_deadlock=True,
                                     retry_interval=0.02, inc_retry_interval=True)

LOG = oslo_logging.getLogger(__name__)

# Actions Senlin lets through even when the target is busy.
UNCHECKED = frozenset({'CLUSTER_DELETE', 'NODE_DELETE', 'NODE_OPERATION'})
SCALING = frozenset({'CLUSTER_SCALE_IN', 'CLUSTER_SCALE_OUT'})


class ActionConflict(Exception):
    """The target is locked or busy with another action (HTTP 409)."""


def check_conflict(context, target, action_name, kind='cluster'):
    if action_name in UNCHECKED:
        return
    holders = (lock_obj.holders_of_cluster(context, target) if kind == 'cluster'
               else [])
    if holders:
        raise ActionConflict(
            "The %s for %s '%s' cannot be completed because it is already locked."
            % (action_name, kind, target))
    busy = action_obj.Action.active_on_target(context, target)
    if busy:
        raise ActionConflict(
            "The %s action for target %s conflicts with the following action(s): "
            "%s" % (action_name, target, ','.join(a.id for a in busy)))


def mark_busy(context, cluster, action_name):
    """Show the cluster busy from the moment its action is written.

    Clients wait for a cluster to be ACTIVE again after a request (``--wait``,
    Heat, openstacksdk's ``wait_for_status``); if the status changed only when an
    engine picked the action up, a poll in between would see the old ACTIVE and
    stop waiting before anything was done.  Deletion keeps its status until it
    starts: it is let through while another action runs.
    """
    busy = states.CLUSTER_BUSY_WHILE.get(action_name)
    if busy and action_name != 'CLUSTER_DELETE':
        cluster_obj.Cluster.set_status(context, cluster.id, busy,
                                       '%s queued.' % action_name)


def _action(context, action_name, target, inputs, cluster_id=None, timeout=None,
            name=None):
    return action_obj.Action.create(
        context, action=action_name, target=target, inputs=inputs or {},
        cluster_id=cluster_id, timeout=timeout,
        name=name or '%s_%s' % (action_name.lower(), target[:8]))


@_retried
def create_cluster(context, default_timeout, **values):
    """A cluster row in INIT and its CLUSTER_CREATE action in READY.

    :returns: (cluster, action)
    """
    values.setdefault('timeout', default_timeout)
    values.setdefault('desired_capacity', values.get('min_size') or 0)
    with context.writer:
        cluster = cluster_obj.Cluster.create(context, **values)
        action = _action(context, 'CLUSTER_CREATE', cluster.id, {},
                         cluster_id=cluster.id, timeout=cluster.timeout,
                         name='cluster_create_%s' % cluster.id[:8])
    return cluster, action


def check_cooldown(context, cluster_id, action_name):
    """Refuse a scaling action inside the cooldown of its scaling policy."""
    if action_name not in SCALING:
        return
    left = scaling.cooldown_left(context, cluster_id, action_name)
    if left > 0:
        raise ActionConflict(
            "The %s for cluster '%s' is refused: the cluster is in the cooldown of "
            "its scaling policy (%.0f s left)." % (action_name, cluster_id,
                                                   math.ceil(left)))


@_retried
def cluster_action(context, cluster, action_name, inputs=None):
    """Write a cluster action in READY after the conflict checks.

    A refused scaling action (busy cluster, cooldown) is recorded as an event with
    its reason, so that ``openstack cluster event list`` shows why an alarm did
    nothing.

    :raises ActionConflict: the cluster is locked or busy, or in a cooldown
    """
    try:
        with context.writer:
            check_conflict(context, cluster.id, action_name)
            check_cooldown(context, cluster.id, action_name)
            action = _action(context, action_name, cluster.id, inputs,
                             cluster_id=cluster.id, timeout=cluster.timeout)
            mark_busy(context, cluster, action_name)
            return action
    except ActionConflict as exc:
        if action_name in SCALING:
            _record_refusal(context, cluster, action_name, str(exc))
        raise


def _record_refusal(context, cluster, action_name, reason):
    LOG.info('Refused %s of cluster %s: %s', action_name, cluster.id, reason)
    try:
        event_obj.Event.create(
            context, timestamp=utcnow(), oid=cluster.id, oname=cluster.name,
            otype='CLUSTER', cluster_id=cluster.id, level=str(logging.WARNING),
            user=context.user_id, project=context.project_id or cluster.project,
            domain=context.domain_id, action=action_name, status='refused',
            status_reason=reason, metadata={})
    except Exception:
        LOG.exception('Could not record the refusal of %s on cluster %s',
                      action_name, cluster.id)


@_retried
def create_node(context, default_timeout, **values):
    """A node row in INIT and its NODE_CREATE action in READY."""
    with context.writer:
        node = node_obj.Node.create(context, **values)
        action = _action(context, 'NODE_CREATE', node.id, {},
                         cluster_id=node.cluster_id or None, timeout=default_timeout,
                         name='node_create_%s' % node.id[:8])
    return node, action


@_retried
def node_action(context, node, action_name, inputs=None, timeout=None):
    with context.writer:
        check_conflict(context, node.id, action_name, kind='node')
        return _action(context, action_name, node.id, inputs,
                       cluster_id=node.cluster_id or None, timeout=timeout)


def is_busy(cluster):
    return cluster.status in states.CLUSTER_BUSY
