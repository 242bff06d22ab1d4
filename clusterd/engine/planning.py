"""Dry runs (microversion 1.16): what an action would do, and why, with no change.

A dry run answers with a :class:`clusterd.policies.base.Plan` made by the code
the real action runs: the attached policies' BEFORE checks through their
:meth:`~clusterd.policies.base.Policy.plan` hook (scaling and deletion run their
``pre_op`` itself, which only reads), then the workflow's own decisions as the
pure functions the workflows call (:func:`cluster_membership.scale_target`,
:func:`~cluster_membership.resize_target`,
:func:`~cluster_membership.choose_victims`...).  So a dry run of a scale-in by 3
names the 3 nodes the scale-in then removes, given the same state: the same
members, the same policies, the same criterion; RANDOM is seeded by the members
(:func:`clusterd.policies.scaleutils.state_rng`).

Nothing is written: no action row, no event, no lock, no node, no index
reserved; the cloud is not called.  Whatever would stop the real action (a lock
or a busy cluster, a cooldown, a policy check, a size limit) is a refusal in the
plan, not an error: the caller asked what would happen.
"""

import dataclasses

from clusterd.engine.actions import cluster_update
from clusterd.engine.actions import cluster_membership
from clusterd.engine import policy_checks
from clusterd.engine import requests
from clusterd.objects import action as action_obj
from clusterd.objects import base as objects_base
from clusterd.objects import cluster as cluster_obj
from clusterd.objects import lock as lock_obj
from clusterd.objects import node as node_obj
from clusterd.policies import base as policy_base
from clusterd.policies import scaleutils
from clusterd import states

# What a placement decision says of a new node that a plan shows.
PLACEMENT_KEYS = ('zone', 'region', 'servergroup', 'fallback_zones')

# Who decided a part when no policy did.
REQUEST = 'request'
ENGINE = 'engine'


@dataclasses.dataclass
class UnsavedAction:
    """The action a plan is made for: what the policies read of an action, never
    stored (no id)."""
    action: str
    target: str
    inputs: dict
    cluster_id: str = None
    id: str = None
    outputs: dict = dataclasses.field(default_factory=dict)
    data: dict = dataclasses.field(default_factory=dict)


def _size_refusal(plan, exc):
    plan.refuse('size constraints', str(exc))


def _conflicts(context, target, action_name, plan, kind='cluster'):
    """The refusals the request itself would meet (409 for the real one)."""
    try:
        requests.check_conflict(context, target, action_name, kind)
    except requests.ActionConflict as exc:
        plan.refuse('lock', str(exc))
    if kind == 'cluster':
        try:
            requests.check_cooldown(context, target, action_name)
        except requests.ActionConflict as exc:
            plan.refuse('cooldown', str(exc))


def _placements(cluster, decisions, count):
    """One ``{index, zone, region}`` per new node, from the placement decided by
    the policies (none: the cloud's default zone and region)."""
    placements = decisions.creation.placements if decisions.creation else []
    planned = []
    for offset in range(count):
        place = placements[offset] if offset < len(placements) else {}
        entry = {'index': (cluster.next_index or 1) + offset, 'zone': None,
                 'region': None}
        entry.update((key, value) for key, value in place.items()
                     if key in PLACEMENT_KEYS)
        planned.append(entry)
    return planned


def _change(plan, cluster, members, desired, candidates=()):
    """What :meth:`cluster_membership._Resizing.change` does to reach ``desired``."""
    plan.counts['after'] = desired
    delta = desired - len(members)
    decisions = plan.decisions
    if delta > 0:
        plan.placements = _placements(cluster, decisions, delta)
        plan.details['create'] = delta
        if not (decisions.creation and decisions.creation.placements):
            plan.decided_by.setdefault('placements',
                                       'the cloud (no placement policy)')
    elif delta < 0:
        plan.victims = cluster_membership.choose_victims(
            members, -delta, candidates, decisions.deletion)
        plan.decided_by.setdefault('victims', 'RANDOM (%s)' % ENGINE)
        deletion = decisions.deletion
        plan.details['destroy_after_deletion'] = (
            deletion.destroy_after_deletion if deletion else True)


def _scale(direction):
    def planner(conf, context, cluster, inputs, plan, members):
        plan.decided_by.setdefault(
            'count', REQUEST if inputs.get('count') is not None else
            'default (1)')
        try:
            desired = cluster_membership.scale_target(cluster, inputs,
                                                      plan.decisions, direction)
        except scaleutils.CapacityError as exc:
            return _size_refusal(plan, exc)
        _change(plan, cluster, members, desired)
    return planner


def _resize(conf, context, cluster, inputs, plan, members):
    plan.decided_by['count'] = REQUEST
    try:
        desired, min_size, max_size = cluster_membership.resize_target(
            cluster, inputs, len(members))
    except scaleutils.CapacityError as exc:
        return _size_refusal(plan, exc)
    plan.details.update(min_size=min_size, max_size=max_size)
    _change(plan, cluster, members, desired)


def _del_nodes(conf, context, cluster, inputs, plan, members):
    ids = list(inputs.get('nodes') or [])
    victims = [node for node in node_obj.Node.for_cluster(context, cluster.id,
                                                          ids=ids)
               if node.status != states.N_DELETING]
    deletion = cluster_membership.del_nodes_deletion(plan.decisions, inputs,
                                                     victims)
    plan.victims = cluster_membership.choose_victims(victims, len(victims), ids,
                                                     deletion)
    plan.decided_by.setdefault('victims', REQUEST)
    plan.details['destroy_after_deletion'] = deletion.destroy_after_deletion
    plan.counts['after'] = (max(cluster.desired_capacity - len(victims), 0)
                            if deletion.reduce_desired_capacity
                            else cluster.desired_capacity)


def _add_nodes(conf, context, cluster, inputs, plan, members):
    ids = list(inputs.get('nodes') or [])
    plan.details['join'] = ids
    plan.counts['after'] = cluster.desired_capacity + len(ids)


def _replace_nodes(conf, context, cluster, inputs, plan, members):
    pairs = inputs.get('nodes') or {}
    plan.details['replace'] = [{'old': old, 'new': new}
                               for old, new in pairs.items()]
    plan.counts['after'] = cluster.desired_capacity
    if _batch_policy_decided(plan):
        return
    # One batch: every join at once, each leave after its join.
    plan.batches = [[old for old in pairs]] if pairs else []
    plan.decided_by['batches'] = ENGINE


def _batch_policy_decided(plan):
    """Take the batches a batch policy decided (``decisions.update``), if any."""
    update = getattr(plan.decisions, 'update', None)
    if update is None or not update.batches:
        return False
    plan.batches = [list(batch) for batch in update.batches]
    plan.details['batching'] = {key: getattr(update, key) for key in (
        'pause_time', 'max_surge', 'health_gate', 'rollback', 'reason')
        if hasattr(update, key)}
    return True


def _update(conf, context, cluster, inputs, plan, members):
    changed = {key: inputs[key] for key in ('name', 'metadata', 'timeout', 'config')
               if inputs.get(key) is not None}
    plan.details['properties'] = changed
    plan.counts['after'] = cluster.desired_capacity
    new_profile = inputs.get('new_profile_id')
    if not new_profile or new_profile == cluster.profile_id:
        return
    plan.details['new_profile_id'] = new_profile
    if inputs.get('profile_only'):
        plan.details['profile_only'] = True
        return
    if _batch_policy_decided(plan):
        return
    # The batches ClusterUpdate.begin takes without a batch policy.
    plan.batches = cluster_update.default_batches(
        members, new_profile, conf.engine.update_max_unavailable)
    plan.decided_by.setdefault(
        'batches', '%s ([engine] update_max_unavailable %d%%)'
        % (ENGINE, conf.engine.update_max_unavailable))


def _check(conf, context, cluster, inputs, plan, members):
    plan.details['check'] = [node.id for node in node_obj.Node.for_cluster(
        context, cluster.id)]
    plan.counts['after'] = cluster.desired_capacity


def _recover(conf, context, cluster, inputs, plan, members):
    nodes = node_obj.Node.for_cluster(context, cluster.id)
    plan.counts['after'] = cluster.desired_capacity
    if inputs.get('check'):
        plan.details['check'] = [node.id for node in nodes]
    plan.details['recover'] = [
        {'id': node.id, 'name': node.name, 'status': node.status,
         'operation': inputs.get('operation') or 'the profile default'}
        for node in nodes if node.status != states.N_ACTIVE]
    if inputs.get('check'):
        plan.details['note'] = ('the check runs first: nodes it finds unhealthy '
                                'are recovered too')
    if inputs.get('check_capacity'):
        delta = cluster.desired_capacity - len(nodes)
        if delta > 0:
            plan.placements = _placements(cluster, plan.decisions, delta)
            plan.details['create'] = delta
        elif delta < 0:
            # ClusterRecover.step_capacity's scaleutils.select_victims: the
            # first of rank_nodes (RANDOM, seeded by the nodes).
            plan.victims = scaleutils.rank_nodes(nodes)[:-delta]
            plan.decided_by['victims'] = 'RANDOM (%s)' % ENGINE


def _operation(conf, context, cluster, inputs, plan, members):
    plan.details.update(operation=inputs.get('operation'),
                        params=inputs.get('params') or {},
                        nodes=list(inputs.get('nodes') or []))
    plan.counts['after'] = cluster.desired_capacity


def _attach(conf, context, cluster, inputs, plan, members):
    plan.counts['after'] = cluster.desired_capacity
    plan.details['policy_id'] = inputs.get('policy_id')
    problem = policy_checks.attach_problem(
        policy_checks.loader(conf), context, cluster, inputs.get('policy_id'))
    if problem is not None and problem != policy_checks.ALREADY_ATTACHED:
        plan.refuse('policy attach', problem)
    elif problem is not None:
        plan.details['note'] = problem


def _binding(conf, context, cluster, inputs, plan, members):
    plan.counts['after'] = cluster.desired_capacity
    plan.details.update({key: inputs[key] for key in ('policy_id', 'enabled')
                         if key in inputs})


PLANNERS = {
    'CLUSTER_SCALE_OUT': _scale('out'),
    'CLUSTER_SCALE_IN': _scale('in'),
    'CLUSTER_RESIZE': _resize,
    'CLUSTER_DEL_NODES': _del_nodes,
    'CLUSTER_ADD_NODES': _add_nodes,
    'CLUSTER_REPLACE_NODES': _replace_nodes,
    'CLUSTER_UPDATE': _update,
    'CLUSTER_CHECK': _check,
    'CLUSTER_RECOVER': _recover,
    'CLUSTER_OPERATION': _operation,
    'CLUSTER_ATTACH_POLICY': _attach,
    'CLUSTER_DETACH_POLICY': _binding,
    'CLUSTER_UPDATE_POLICY': _binding,
}


def new_plan(action_name, cluster=None, members=None):
    """An empty :class:`Plan` with the cluster's counts (``current``, ``desired``)."""
    plan = policy_base.Plan(action_name)
    if cluster is not None:
        plan.counts = {'current': len(members), 'desired': cluster.desired_capacity,
                       'after': cluster.desired_capacity}
    return plan


def _policies(conf, context, cluster, action, plan):
    policy_checks.plan(policy_checks.loader(conf), context, cluster, action, plan)
    if plan.decisions.error:
        plan.refuse(plan.policies[-1]['name'] if plan.policies else 'policy',
                    'Policy check failure: %s' % plan.decisions.error)


def plan_cluster_action(conf, context, cluster_id, action_name, inputs,
                        refusals=()):
    """The plan of ``action_name`` with ``inputs`` on the cluster, now.

    :param conf: the process's ConfigOpts
    :param refusals: ``(by, reason)`` the API already found (then the engine's
        part is not planned: the inputs could not be made)
    :returns: a :class:`clusterd.policies.base.Plan`
    """
    cluster = cluster_obj.Cluster.get(context, cluster_id, project_safe=False)
    members = node_obj.Node.members(context, cluster.id)
    plan = new_plan(action_name, cluster, members)
    for by, reason in refusals:
        plan.refuse(by, reason)
    _conflicts(context, cluster.id, action_name, plan)
    if refusals:
        return plan
    action = UnsavedAction(action_name, cluster.id, dict(inputs or {}),
                           cluster_id=cluster.id)
    _policies(conf, context, cluster, action, plan)
    if plan.decisions.error:
        return plan
    PLANNERS[action_name](conf, context, cluster, action.inputs, plan, members)
    return plan


def plan_complete_lifecycle(conf, context, cluster_id, token):
    """What ``complete_lifecycle`` would release (read-only; see
    :func:`clusterd.engine.lifecycle.complete`)."""
    cluster = cluster_obj.Cluster.get(context, cluster_id, project_safe=False)
    members = node_obj.Node.members(context, cluster.id)
    plan = new_plan('CLUSTER_COMPLETE_LIFECYCLE', cluster, members)
    try:
        action = action_obj.Action.get(context, token,
                                       project_safe=not context.is_admin)
    except objects_base.NotFound:
        plan.refuse('request', "The action '%s' could not be found." % token)
        return plan
    if action.cluster_id != cluster.id:
        plan.refuse('request', "The action '%s' is not a lifecycle action of "
                    "cluster '%s'." % (token, cluster.id))
    elif action.status != states.WAITING_LIFECYCLE_COMPLETION:
        plan.refuse('request', "The action '%s' is not waiting for lifecycle "
                    "completion (its status is %s)." % (token, action.status))
    else:
        plan.details.update(release=action.id, node=action.target,
                            then=action.action)
    return plan


def plan_node_delete(conf, context, node_id, force=False):
    """The plan of deleting node ``node_id`` by request (NODE_DELETE)."""
    node = node_obj.Node.get(context, node_id, project_safe=False)
    cluster = None
    members = []
    if node.cluster_id:
        cluster = cluster_obj.Cluster.get(context, node.cluster_id,
                                          project_safe=False)
        members = node_obj.Node.members(context, cluster.id)
    plan = new_plan('NODE_DELETE', cluster, members)
    plan.victims = [{'id': node.id, 'name': node.name,
                     'reason': 'named in the request'}]
    plan.decided_by['victims'] = REQUEST
    plan.details.update(force=bool(force), physical_id=node.physical_id,
                        cluster_id=node.cluster_id or None)
    # NOTE: a node delete takes over its node's lock (NodeDelete.force_node_lock)
    # and shares the cluster's; only a cluster-wide action's lock stops it.
    if cluster is None:
        return plan
    if lock_obj.cluster_locked_exclusively(context, cluster.id):
        plan.refuse('lock', "Node Delete for cluster '%s' cannot be completed "
                    "because it is already locked." % cluster.id)
    action = UnsavedAction('NODE_DELETE', node.id, {'force': bool(force)},
                           cluster_id=cluster.id)
    _policies(conf, context, cluster, action, plan)
    plan.counts['after'] = max(cluster.desired_capacity - 1, 0)
    if plan.counts['after'] < (cluster.min_size or 0):
        plan.details['note'] = ("the cluster would be below its min_size (%d): "
                                "it would settle in %s" % (
                                    cluster.min_size, states.C_WARNING))
    return plan
