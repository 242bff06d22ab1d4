"""``senlin.policy.scaling-1.0``: how many nodes a scale-out or scale-in adds or
removes, and how long a cluster rests between two of them.

Spec (Senlin's)::

    type: senlin.policy.scaling
    version: 1.0
    properties:
      event: CLUSTER_SCALE_OUT        # or CLUSTER_SCALE_IN
      adjustment:
        type: CHANGE_IN_CAPACITY      # EXACT_CAPACITY, CHANGE_IN_PERCENTAGE
        number: 2
        min_step: 1                   # smallest change a percentage makes
        best_effort: false            # clip to min/max instead of failing
        cooldown: 60                  # seconds after a scaling before the next

The cooldown is kept per binding: the last scaling time is the ISO-8601 UTC string
under the key ``last_op`` of the binding's ``data`` (webhook receivers read the
same key, see :func:`cooldown_left`).  Requests inside a cooldown are refused at
once by :func:`clusterd.engine.requests.cluster_action` (409); the BEFORE check
refuses them again in case one got through before the stamp was written.
"""

import datetime
import math

from clusterd.clock import utcnow
from clusterd.objects import cluster as cluster_obj
from clusterd.objects import node as node_obj
from clusterd.objects import policy as policy_obj
from clusterd.policies import base
from clusterd.policies import scaleutils
from clusterd import schema

TYPE = 'senlin.policy.scaling'
SCALE_IN = 'CLUSTER_SCALE_IN'
SCALE_OUT = 'CLUSTER_SCALE_OUT'
EVENTS = (SCALE_IN, SCALE_OUT)
# The key of a binding's data that holds the last scaling time (ISO-8601, UTC).
LAST_OP = 'last_op'

ADJUSTMENT_SCHEMA = {
    'type': schema.String(
        'How the number is read.', default=scaleutils.CHANGE_IN_CAPACITY,
        constraints=[schema.AllowedValues(scaleutils.ADJUSTMENT_TYPES)]),
    'number': schema.Number(
        'The size to reach (EXACT_CAPACITY), the nodes to add or remove '
        '(CHANGE_IN_CAPACITY) or the percentage of the current size '
        '(CHANGE_IN_PERCENTAGE).', default=1, constraints=[schema.Range(min=0)]),
    'min_step': schema.Integer(
        'The fewest nodes a CHANGE_IN_PERCENTAGE adjustment changes.', default=1,
        constraints=[schema.Range(min=0)]),
    'best_effort': schema.Boolean(
        'Clip the change to the cluster\'s min_size/max_size instead of failing.',
        default=False),
    'cooldown': schema.Integer(
        'Seconds after a scaling operation during which this event is refused.',
        default=0, constraints=[schema.Range(min=0)]),
}


def parse_time(text):
    """An aware datetime from a stored ``last_op`` string, or None."""
    if not text:
        return None
    try:
        value = datetime.datetime.fromisoformat(str(text).replace('Z', '+00:00'))
    except ValueError:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=datetime.timezone.utc)
    return value


def _adjustment(spec):
    properties = (spec or {}).get('properties') or {}
    return properties.get('event'), properties.get('adjustment') or {}


def scaling_bindings(context, cluster_id, enabled_only=True):
    """(binding, stored policy) of every scaling policy bound to ``cluster_id``."""
    found = []
    for binding in cluster_obj.ClusterPolicy.for_cluster(context, cluster_id,
                                                         enabled_only=enabled_only):
        stored = policy_obj.Policy.get(context, binding.policy_id, project_safe=False)
        if stored.type.startswith(TYPE + '-'):
            found.append((binding, stored))
    return found


def seconds_left(binding, cooldown, now=None):
    last = parse_time((binding.data or {}).get(LAST_OP))
    if not cooldown or last is None:
        return 0
    elapsed = ((now or utcnow()) - last).total_seconds()
    return max(float(cooldown) - elapsed, 0)


def cooldown_left(context, cluster_id, action_name):
    """Seconds until ``action_name`` (CLUSTER_SCALE_IN/OUT) may run on the cluster
    again, by the cooldown of the enabled scaling policy bound for that event.

    :returns: seconds left (a float), 0 when there is no cooldown running
    """
    left = 0
    for binding, stored in scaling_bindings(context, cluster_id):
        event, adjustment = _adjustment(stored.spec)
        if event == action_name:
            left = max(left, seconds_left(binding, adjustment.get('cooldown')))
    return left


def conflicting_policy(context, cluster_id, event, policy_id):
    """Another scaling policy for ``event`` bound to the cluster: (id, name) or None."""
    for binding, stored in scaling_bindings(context, cluster_id, enabled_only=False):
        if stored.id != policy_id and _adjustment(stored.spec)[0] == event:
            return stored.id, stored.name
    return None


def duplicate_message(policy_id, event, other, cluster_id):
    return ("The scaling policy '%s' cannot be attached: the scaling policy '%s' "
            "(%s) for %s is already attached to cluster '%s'; a cluster takes one "
            "scaling policy per event (detach it first)."
            % (policy_id, other[1], other[0], event, cluster_id))


def compute_count(current, adjustment, event=SCALE_OUT):
    """Nodes to add (``event`` CLUSTER_SCALE_OUT) or remove (CLUSTER_SCALE_IN) by
    the adjustment, from ``current`` nodes.

    :returns: (count, how it was computed); a count of 0 or less means there is
        nothing to do in that direction
    """
    kind = adjustment.get('type') or scaleutils.CHANGE_IN_CAPACITY
    number = adjustment.get('number')
    number = 1 if number is None else number
    if kind == scaleutils.EXACT_CAPACITY:
        count = int(number) - current
        if event == SCALE_IN:
            count = -count
        return count, 'EXACT_CAPACITY %d from %d node(s)' % (int(number), current)
    if kind == scaleutils.CHANGE_IN_CAPACITY:
        return int(number), 'CHANGE_IN_CAPACITY %d' % int(number)
    min_step = adjustment.get('min_step') or 0
    count = int(math.floor(current * float(number) / 100.0))
    count = max(count, min_step)
    return count, 'CHANGE_IN_PERCENTAGE %s%% of %d node(s), min_step %d' % (
        number, current, min_step)


class ScalingPolicy(base.Policy):
    """Decides the count of CLUSTER_SCALE_IN/OUT and enforces the cooldown."""

    TYPE = TYPE
    VERSION = '1.0'
    PRIORITY = 100
    SINGLETON = False  # one per event; see attach()
    SUPPORT_STATUS = {'1.0': [{'status': 'SUPPORTED', 'since': '2026.11'}]}
    TARGET = ((base.BEFORE, SCALE_IN), (base.BEFORE, SCALE_OUT),
              (base.AFTER, SCALE_IN), (base.AFTER, SCALE_OUT))

    properties_schema = {
        'event': schema.String(
            'The scaling action this policy decides.', required=True,
            constraints=[schema.AllowedValues(EVENTS)]),
        'adjustment': schema.Map(
            'How much to scale, and the rest between two scalings.',
            schema=ADJUSTMENT_SCHEMA, default={}),
    }

    def validate_properties(self, properties):
        result = super().validate_properties(properties)
        # A missing or empty adjustment still gets every default.
        result['adjustment'] = schema.validate(
            ADJUSTMENT_SCHEMA, result.get('adjustment') or {},
            'properties.adjustment')
        adjustment = result['adjustment']
        if adjustment['type'] != scaleutils.EXACT_CAPACITY and \
                adjustment['number'] <= 0:
            raise schema.InvalidSpec("'%s' must be > 0 for adjustment type %s" % (
                adjustment['number'], adjustment['type']),
                'properties.adjustment.number')
        return result

    @property
    def event(self):
        return self.properties['event']

    @property
    def adjustment(self):
        return self.properties['adjustment']

    def attach_refusal(self, context, cluster_id):
        # NOTE: Senlin silently applied only one of two scaling policies for an
        # event; clusterd refuses the second.
        other = conflicting_policy(context, cluster_id, self.event, self.id)
        if other is None:
            return None
        return duplicate_message(self.name, self.event, other, cluster_id)

    def attach(self, context, cluster):
        refusal = self.attach_refusal(context, cluster.id)
        if refusal is not None:
            return False, refusal
        return True, {}

    def adopt(self, data, last_op=None):
        """Senlin's binding data, with Senlin's ``last_op`` column where the
        cooldown check reads it (``data['last_op']``)."""
        adopted = super().adopt(data, last_op)
        if last_op is not None and not adopted.get(LAST_OP):
            adopted[LAST_OP] = last_op.isoformat()
        return adopted

    # The check reads the binding's last_op and the members: a dry run gets the
    # same count, clip and cooldown refusal from it.
    PRE_OP_READS_ONLY = True

    def plan(self, context, cluster, action, plan):
        super().plan(context, cluster, action, plan)
        if action.action == self.event and not plan.decisions.error:
            plan.decided_by['count'] = self.name

    def pre_op(self, context, cluster, action, decisions):
        if action.action != self.event:
            decisions.notes.append('BEFORE %s: not for %s' % (self.name,
                                                             action.action))
            return
        binding = self.binding
        cooldown = self.adjustment['cooldown']
        left = seconds_left(binding, cooldown) if binding is not None else 0
        if left > 0:
            decisions.error = ('%s is in its cooldown of %d s (%.0f s left) after '
                               'the scaling at %s' % (
                                   self.name, cooldown, left,
                                   (binding.data or {}).get(LAST_OP)))
            decisions.notes.append('BEFORE %s: refused, cooldown' % self.name)
            return
        current = node_obj.Node.count_members(context, cluster.id)
        requested = (action.inputs or {}).get('count')
        if requested is not None:
            count, how = int(requested), 'count %d from the request' % int(requested)
        else:
            count, how = compute_count(current, self.adjustment, self.event)
        count, clipped = self._clip(cluster, count)
        if count is None:
            decisions.error = clipped
            decisions.notes.append('BEFORE %s: refused, %s' % (self.name, clipped))
            return
        reason = '%s: %s' % (self.name, how) + (' (%s)' % clipped if clipped else '')
        if self.event == SCALE_OUT:
            decisions.creation = base.CreationDecision(count=count, reason=reason)
        else:
            decisions.deletion = base.DeletionDecision(count=count, reason=reason)
        decisions.notes.append('BEFORE %s: %s %d node(s) by %s%s' % (
            self.name, 'add' if self.event == SCALE_OUT else 'remove', count, how,
            ' (%s)' % clipped if clipped else ''))

    def _clip(self, cluster, count):
        """Apply the size limits to ``count``.

        :returns: (count, '' or how it was clipped), or (None, why it fails)
        """
        best_effort = self.adjustment['best_effort']
        desired = cluster.desired_capacity
        if count <= 0:
            return None, ('the computed count is %d: nothing to %s' % (
                count, 'add' if self.event == SCALE_OUT else 'remove'))
        if self.event == SCALE_OUT:
            limit = cluster.max_size
            if limit is None or limit < 0 or desired + count <= limit:
                return count, ''
            if not best_effort or desired >= limit:
                return None, ("The target capacity (%d) is greater than the "
                              "cluster's max_size (%d)." % (desired + count, limit))
            return limit - desired, 'clipped from %d to %d by best_effort at ' \
                'max_size %d' % (count, limit - desired, limit)
        limit = cluster.min_size or 0
        if desired - count >= limit:
            return count, ''
        if not best_effort or desired <= limit:
            return None, ("The target capacity (%d) is less than the cluster's "
                          "min_size (%d)." % (desired - count, limit))
        return desired - limit, 'clipped from %d to %d by best_effort at ' \
            'min_size %d' % (count, desired - limit, limit)

    def post_op(self, context, cluster, action, decisions):
        """Stamp the binding's ``last_op``: any scaling restarts the cooldown.

        NOTE: written just before the action's own end is recorded, not in the
        same transaction: the runner ends actions in the objects layer.  If the
        engine dies in between, the action runs this step again and stamps again,
        which is harmless.
        """
        binding = self.binding
        if binding is None:
            return
        fresh = cluster_obj.ClusterPolicy.get(context, binding.id)
        now = utcnow()
        data = dict(fresh.data or {})
        data[LAST_OP] = now.isoformat()
        cluster_obj.ClusterPolicy.update(context, binding.id, data=data,
                                         last_op=now)
        decisions.notes.append('AFTER %s: cooldown of %d s starts at %s' % (
            self.name, self.adjustment['cooldown'], data[LAST_OP]))
