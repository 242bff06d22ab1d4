"""Changing who is in a cluster: resize, scale out/in, add and delete nodes
(replace: cluster_update.py)."""

from oslo_log import log as logging

from clusterd.clock import utcnow
from clusterd.engine.actions import base
from clusterd.engine.actions import cluster_base
from clusterd.engine import events
from clusterd.engine import lifecycle
from clusterd.objects import action as action_obj
from clusterd.objects import event as event_obj
from clusterd.objects import node as node_obj
from clusterd.policies import base as policy_base
from clusterd.policies import scaleutils
from clusterd import states

LOG = logging.getLogger(__name__)


# --- the decisions, as pure functions: the workflows below act on them and a dry
# --- run (clusterd.engine.planning) reports them, so both decide alike.

def choose_victims(nodes, count, candidates=(), deletion=None):
    """The ``count`` of ``nodes`` a removal takes: named ``candidates`` first,
    then the deletion policy's ranking (or Senlin's default order, RANDOM,
    seeded by the members: :func:`scaleutils.state_rng`).

    :param deletion: the :class:`DeletionDecision` of the BEFORE checks, or None
    :returns: ``[{'id', 'name', 'reason'}]``, first to go first
    """
    criteria = deletion.criteria if deletion else 'RANDOM'
    ranked = [entry['id'] for entry in deletion.ranking] if deletion else []
    ranking = scaleutils.rank_nodes(nodes, list(candidates) + ranked, criteria)
    reasons = {e['id']: e['reason'] for e in (deletion.ranking if deletion
                                               else ())}
    victims_ranked = ranking[:count]
    for entry in victims_ranked:
        # Keep the policy's reason for a node it ranked (the criterion).
        if entry['reason'] == 'named as a candidate' and \
                entry['id'] not in candidates and entry['id'] in reasons:
            entry['reason'] = reasons[entry['id']]
    return victims_ranked


def resize_target(cluster, inputs, current):
    """What a resize asks: ``(desired, min_size, max_size)``.

    :param current: the number of members now
    :raises scaleutils.CapacityError: the size breaks the limits (strict)
    """
    min_size = inputs.get('min_size')
    max_size = inputs.get('max_size')
    min_size = cluster.min_size if min_size is None else int(min_size)
    max_size = cluster.max_size if max_size is None else int(max_size)
    if inputs.get('adjustment_type'):
        desired = scaleutils.calculate_desired(
            current, inputs['adjustment_type'], inputs.get('number', 0),
            inputs.get('min_step'))
    else:
        desired = cluster.desired_capacity
    # NOTE: the request sets the size of a resize; a deletion policy only
    # chooses the victims (its count is what it expected).
    desired = scaleutils.check_size(desired, min_size, max_size,
                                    strict=inputs.get('strict', True))
    return desired, min_size, max_size


def scale_target(cluster, inputs, decisions, direction):
    """The desired capacity after a scale-out (``direction`` 'out') or scale-in.

    A scaling policy has already weighed the request's count (and clipped it
    under best_effort): its decision wins.

    :raises scaleutils.CapacityError: the size breaks the limits
    """
    count = inputs.get('count')
    decision = decisions.creation if direction == 'out' else decisions.deletion
    if decision is not None:
        count = decision.count
    count = int(count if count is not None else 1)
    strict = not inputs.get('best_effort', False)
    if direction == 'out':
        return scaleutils.check_size(cluster.desired_capacity + count, None,
                                     cluster.max_size, strict=strict)
    return scaleutils.check_size(cluster.desired_capacity - count,
                                 cluster.min_size, None, strict=strict)


def del_nodes_deletion(decisions, inputs, victims):
    """The deletion decision of a del_nodes, set in ``decisions``: the policy's,
    or the request's when no policy decided.  The request may ask for
    destruction; the policy may insist on it."""
    deletion = decisions.deletion
    if deletion is None:
        deletion = decisions.deletion = policy_base.DeletionDecision(
            count=len(victims), candidates=list(inputs.get('nodes') or []),
            destroy_after_deletion=False, reason='the request')
    deletion.destroy_after_deletion = bool(
        inputs.get('destroy_after_deletion', False)) or \
        deletion.destroy_after_deletion
    return deletion


class _Removing(cluster_base.ClusterWorkflow):
    """What every shrinking workflow shares: victims chosen and explained, held
    for a lifecycle hook where the deletion policy has one, then removed."""

    # The explanation record_decision() leaves for wait_writes().
    _decision = None

    def remove(self, nodes, count, candidates=(), cluster_values=None):
        """Remove ``count`` of ``nodes`` (:func:`choose_victims`)."""
        deletion = self.decisions.deletion
        criteria = deletion.criteria if deletion else 'RANDOM'
        victims_ranked = choose_victims(nodes, count, candidates, deletion)
        by_id = {n.id: n for n in nodes}
        victims = [by_id[e['id']] for e in victims_ranked]
        destroy = deletion.destroy_after_deletion if deletion else True
        children = self.removal_children(victims, destroy)
        held = None
        if deletion is not None:
            held = lifecycle.hold(children, victims, deletion, self.action)
            if held is not None:
                notify = self.child(lifecycle.NOTIFY_ACTION, self.cluster.id,
                                    inputs=held, cluster_id=self.cluster.id)
                notify.update(start_time=None, status_reason=None)
                children.append(notify)
        for child in children:
            if child['status'] == states.WAITING_LIFECYCLE_COMPLETION:
                # NOTE: the node stays ACTIVE (it still serves, and health checks
                # must not take it for broken); its reason says what it waits for.
                node_obj.Node.update(self.context, child['target'],
                                     status_reason=child['status_reason'])
        self.explain(victims_ranked, criteria, destroy, held)
        return base.Wait(children, 'finish', cluster_values=cluster_values)

    def explain(self, victims, criteria, destroy, held):
        """Record why these nodes go: in the action's data and in an event."""
        deletion = self.decisions.deletion
        tokens = ({n['node_id']: n['lifecycle_action_token'] for n in held['notices']}
                  if held else {})
        for victim in victims:
            if victim['id'] in tokens:
                victim['lifecycle_action_token'] = tokens[victim['id']]
        decision = {
            'operation': 'remove', 'count': len(victims), 'criteria': criteria,
            'destroy_after_deletion': destroy,
            'policies': list(self.decisions.notes),
            'count_reason': deletion.reason if deletion else 'the request',
            'victims': victims,
            'lifecycle_hook': (dict({k: held[k] for k in ('url', 'queue')
                                     if k in held}, tokens=tokens)
                               if held else None),
        }
        self.data['decision'] = decision
        self.data['explain'] = 'remove %d node(s) by %s: %s' % (
            len(victims), criteria,
            '; '.join('%s (%s)' % (v['name'], v['reason']) for v in victims))
        self.record_decision()

    def explain_growth(self, count, desired):
        creation = self.decisions.creation
        self.data['decision'] = {
            'operation': 'create', 'count': count, 'desired_capacity': desired,
            'policies': list(self.decisions.notes),
            'count_reason': creation.reason if creation else 'the request'}
        self.data['explain'] = 'create %d node(s) to reach %d (%s)' % (
            count, desired, self.data['decision']['count_reason'])
        self.record_decision()

    def record_decision(self):
        """A ``decision`` event on the cluster saying what this action will do and
        why.  Only the event row: the versioned notifications keep Senlin's types
        (start, end, error).  The row is written with the Wait that carries the
        decision out (:meth:`wait_writes`)."""
        self._decision = self.data['explain']
        LOG.info('Cluster %s %s[%s]: %s', self.cluster.id[:8], self.action.action,
                 self.action.id[:8], self.data['explain'])

    def wait_writes(self):
        super().wait_writes()
        explain, self._decision = self._decision, None
        if explain is not None:
            event_obj.Event.create(
                self.context, timestamp=utcnow(), oid=self.cluster.id,
                oname=self.cluster.name, otype='CLUSTER', cluster_id=self.cluster.id,
                level=str(events.INFO), user=self.action.user,
                project=self.action.project, domain=self.action.domain,
                action=self.action.action, status='decision', status_reason=explain,
                metadata={'action_id': self.action.id})

    def finish_membership(self, success_reason):
        """End from the node actions' results; a hook that could not be delivered
        is reported but does not fail the removal it delayed."""
        outputs = {'decision': self.data.get('decision'),
                   'explain': self.data.get('explain')}
        counts = action_obj.Action.child_counts(self.context, self.action.id)
        if any(name == lifecycle.NOTIFY_ACTION for name, _ in counts):
            notify = action_obj.Action.first_child(
                self.context, self.action.id, actions=[lifecycle.NOTIFY_ACTION])
            outputs['lifecycle_hook'] = {'status': notify.status,
                                         'reason': notify.status_reason}
        return self.settle_after_children(success_reason, outputs,
                                          leave_out=(lifecycle.NOTIFY_ACTION,),
                                          counts=counts)


class _Resizing(_Removing):
    """What resize and scale-in/out share: a change of the member count."""

    def change(self, desired, extra_values=None, candidates=()):
        """Grow or shrink the cluster to ``desired`` members."""
        values = dict(extra_values or {}, desired_capacity=desired)
        delta = desired - self.member_count()
        if delta > 0:
            rows, children = self.new_members(delta)
            self.explain_growth(delta, desired)
            return base.Wait(children, 'finish', new_nodes=rows,
                             cluster_values=values)
        if delta < 0:
            # Light rows: choosing victims needs no JSON column.
            return self.remove(self.members(light=True), -delta, candidates,
                               cluster_values=values)
        return base.Wait([], 'finish', cluster_values=values)

    def step_finish(self):
        return self.finish_membership('Cluster resize succeeded.')


class ClusterResize(_Resizing):
    lock_purpose = 'Cluster resize'

    def begin(self):
        try:
            desired, min_size, max_size = resize_target(
                self.cluster, self.inputs, self.member_count())
        except scaleutils.CapacityError as exc:
            self.settle()
            return self.finish(base.failed(str(exc)))
        return self.change(desired, {'min_size': min_size, 'max_size': max_size})


class ClusterScaleOut(_Resizing):
    lock_purpose = 'Cluster scale out'

    def begin(self):
        try:
            desired = scale_target(self.cluster, self.inputs, self.decisions, 'out')
        except scaleutils.CapacityError as exc:
            self.settle()
            return self.finish(base.failed(str(exc)))
        return self.change(desired)

    def step_finish(self):
        return self.finish_membership('Cluster scaling succeeded.')


class ClusterScaleIn(_Resizing):
    lock_purpose = 'Cluster scale in'

    def begin(self):
        try:
            desired = scale_target(self.cluster, self.inputs, self.decisions, 'in')
        except scaleutils.CapacityError as exc:
            self.settle()
            return self.finish(base.failed(str(exc)))
        return self.change(desired)

    def step_finish(self):
        return self.finish_membership('Cluster scaling succeeded.')


class ClusterAddNodes(cluster_base.ClusterWorkflow):
    lock_purpose = 'Cluster add nodes'

    def begin(self):
        ids = list(self.inputs.get('nodes') or [])
        children = [self.child('NODE_JOIN', node_id, cluster_id=self.cluster.id,
                               inputs={'cluster_id': self.cluster.id})
                    for node_id in ids]
        return base.Wait(children, 'finish', cluster_values={
            'desired_capacity': self.cluster.desired_capacity + len(ids)})

    def step_finish(self):
        return self.settle_after_children('Completed adding nodes.')


class ClusterDelNodes(_Removing):
    lock_purpose = 'Cluster delete nodes'

    def begin(self):
        ids = list(self.inputs.get('nodes') or [])
        # A named node that is already being deleted is not removed twice.
        victims = [node for node in node_obj.Node.for_cluster(
            self.context, self.cluster.id, ids=ids)
            if node.status != states.N_DELETING]
        deletion = del_nodes_deletion(self.decisions, self.inputs, victims)
        values = None
        if deletion.reduce_desired_capacity:
            values = {'desired_capacity': max(
                self.cluster.desired_capacity - len(victims), 0)}
        return self.remove(victims, len(victims), ids, cluster_values=values)

    def step_finish(self):
        return self.finish_membership('Completed deleting nodes.')
