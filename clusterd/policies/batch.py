"""``senlin.policy.batch-1.0`` and ``clusterd.policy.batch-1.1``: how a rolling
update (a profile change) or a node replacement goes through a cluster.

Spec 1.0 (Senlin's)::

    type: senlin.policy.batch
    version: 1.0
    properties:
      min_in_service: 1     # nodes that keep serving while a batch is updated
      max_batch_size: -1    # nodes per batch at most (-1: no cap)
      pause_time: 60        # seconds between two batches

Spec 1.1 (clusterd's own type: ``clusterd.policy.batch``) takes the same three
and these, all optional::

      max_surge: 2          # create this many replacements first, then delete
                            # the old nodes (0: update the nodes in place)
      max_unavailable: 20%  # nodes (or a share of desired_capacity) that may be
                            # out of service at once in an in-place update
      health_gate: true     # after each batch the new nodes must be healthy
      timeout: 300          # seconds the gate waits for them
      rollback: true        # a stopped update puts its batch back on the old
                            # profile

The BEFORE check of CLUSTER_UPDATE (with a new profile) and
CLUSTER_REPLACE_NODES writes an :class:`clusterd.policies.base.UpdateDecision`:
the batches in order (:func:`plan_batches`), the pause, the surge and the gate.
The workflow (:mod:`clusterd.engine.actions.cluster_update`) runs it.
"""

from clusterd.objects import node as node_obj
from clusterd.policies import base
from clusterd import schema
from clusterd import states

TYPE_10 = 'senlin.policy.batch'
TYPE_11 = 'clusterd.policy.batch'

UPDATE = 'CLUSTER_UPDATE'
REPLACE = 'CLUSTER_REPLACE_NODES'

# Node statuses that are not serving: such nodes go first (Senlin's "bad nodes
# first"), since updating them costs no capacity.
BAD = frozenset({states.N_ERROR, states.N_WARNING, states.N_INIT})


def resolve_count(value, total):
    """A count given as an integer or a percentage string ('20%') of ``total``.

    A percentage rounds down, as Kubernetes' maxUnavailable does.

    :returns: the count, or None when ``value`` is None
    """
    if value is None:
        return None
    if isinstance(value, str) and value.strip().endswith('%'):
        return int(total * float(value.strip()[:-1]) // 100)
    return int(value)


def batch_size(total, min_in_service=1, max_batch_size=-1, max_unavailable=None):
    """Nodes per in-place batch (Senlin's rule plus ``max_unavailable``).

    ``total - min_in_service`` nodes may be out of service at once; when the
    cluster has no more nodes than ``min_in_service`` it goes in two halves.  The
    result is capped by ``max_batch_size`` (unless -1) and ``max_unavailable``
    (unless None), and is at least 1.
    """
    size = total - min_in_service if total > min_in_service else total // 2
    if max_batch_size is not None and max_batch_size > 0:
        size = min(size, max_batch_size)
    if max_unavailable is not None:
        size = min(size, max_unavailable)
    return max(1, size)


def plan_batches(nodes, spec, desired=None):
    """The batches of a rolling update of ``nodes``, in order.

    A pure function (no database, no clock): the engine runs its result, and a
    dry run can show it as it is.

    :param nodes: the nodes to update: objects or dicts with ``id``, ``status``
        and ``index`` (order of the cluster)
    :param spec: the policy's properties (a 1.0 or a 1.1 spec; missing keys take
        their defaults)
    :param desired: the cluster's desired capacity, which percentages of
        ``max_unavailable`` refer to (default: the number of nodes)
    :returns: a list of batches, each a list of node ids: unhealthy nodes
        (ERROR, WARNING, INIT) first, then the others by index
    """
    def get(node, key):
        return node.get(key) if isinstance(node, dict) else getattr(node, key)

    nodes = list(nodes)
    if not nodes:
        return []
    ordered = sorted(nodes, key=lambda n: (get(n, 'status') not in BAD,
                                           get(n, 'index') or 0, get(n, 'id')))
    size = plan_size(len(nodes), spec, desired)
    ids = [get(n, 'id') for n in ordered]
    return [ids[i:i + size] for i in range(0, len(ids), size)]


def plan_size(total, spec, desired=None):
    """Nodes per batch for ``total`` nodes under ``spec`` (see :func:`plan_batches`).

    With a surge, a batch is as many replacements as may exist beside the old
    nodes (``max_surge``, capped by ``max_batch_size``): capacity never drops,
    so ``min_in_service`` and ``max_unavailable`` have nothing to limit.
    """
    max_batch = spec.get('max_batch_size', -1)
    surge = spec.get('max_surge') or 0
    if surge > 0:
        if max_batch is not None and max_batch > 0:
            surge = min(surge, max_batch)
        return max(1, surge)
    desired = total if desired is None else desired
    return batch_size(total, spec.get('min_in_service', 1), max_batch,
                      resolve_count(spec.get('max_unavailable'), desired))


def _count_or_percent(value, path):
    """Check a ``max_unavailable`` value: an integer >= 0 or 'N%' (0..100)."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise schema.InvalidSpec("'%s' is not a count or a percentage" % (value,),
                                 path)
    if isinstance(value, int):
        number = value
    elif isinstance(value, str) and value.strip().endswith('%'):
        try:
            share = float(value.strip()[:-1])
        except ValueError:
            raise schema.InvalidSpec("'%s' is not a count or a percentage"
                                     % value, path)
        if not 0 <= share <= 100:
            raise schema.InvalidSpec("'%s' must be between 0%% and 100%%" % value,
                                     path)
        return value.strip()
    elif isinstance(value, str) and value.strip().isdigit():
        number = int(value.strip())
    else:
        raise schema.InvalidSpec("'%s' is not a count or a percentage ('20%%')"
                                 % (value,), path)
    if number < 0:
        raise schema.InvalidSpec("'%s' must be >= 0" % number, path)
    return number


class BatchPolicy10(base.Policy):
    """Rolling updates in batches, Senlin's way."""

    TYPE = TYPE_10
    VERSION = '1.0'
    PRIORITY = 200
    SINGLETON = True
    SUPPORT_STATUS = {'1.0': [{'status': 'SUPPORTED', 'since': '2026.12'}]}
    TARGET = ((base.BEFORE, UPDATE), (base.BEFORE, REPLACE))
    # pre_op reads the members and plans; the dry run runs it as it is.
    PRE_OP_READS_ONLY = True

    properties_schema = {
        'min_in_service': schema.Integer(
            'Nodes that stay in service while a batch is updated.', default=1,
            constraints=[schema.Range(min=0)]),
        'max_batch_size': schema.Integer(
            'Nodes per batch at most; -1 for no cap.', default=-1,
            constraints=[schema.Range(min=-1)]),
        'pause_time': schema.Integer(
            'Seconds between two batches.', default=60,
            constraints=[schema.Range(min=0)]),
    }

    def validate_properties(self, properties):
        result = super().validate_properties(properties)
        if result['max_batch_size'] == 0:
            raise schema.InvalidSpec("'0' must be -1 (no cap) or >= 1",
                                     'properties.max_batch_size')
        return result

    def pre_op(self, context, cluster, action, decisions):
        inputs = action.inputs or {}
        if action.action == UPDATE:
            new_profile = inputs.get('new_profile_id')
            if not new_profile or new_profile == cluster.profile_id or \
                    inputs.get('profile_only'):
                decisions.notes.append('BEFORE %s: no node changes profile'
                                       % self.name)
                return
            nodes = [n for n in node_obj.Node.members(context, cluster.id)
                     if n.profile_id != new_profile]
        else:
            pairs = inputs.get('nodes') or {}
            nodes = node_obj.Node.for_cluster(context, cluster.id,
                                              ids=list(pairs))
        spec = self.properties
        if action.action == REPLACE:
            # A replacement joins the new node before the old one leaves: it
            # never lowers capacity, and has no surge of its own.
            spec = dict(spec, max_surge=0)
        batches = plan_batches(nodes, spec, cluster.desired_capacity)
        surge = spec.get('max_surge') or 0
        decisions.update = base.UpdateDecision(
            batches=batches, pause_time=spec['pause_time'],
            max_surge=surge,
            health_gate=bool(spec.get('health_gate')),
            timeout=spec.get('timeout') or 0,
            rollback=bool(spec.get('rollback')),
            policy=self.name,
            reason='%d node(s) in %d batch(es) of at most %d, %s' % (
                len(nodes), len(batches), plan_size(len(nodes), spec,
                                                    cluster.desired_capacity),
                'replacements first' if surge else 'in place'))
        decisions.notes.append('BEFORE %s: %s' % (self.name,
                                                  decisions.update.reason))


class BatchPolicy11(BatchPolicy10):
    """1.0 plus surge, max_unavailable, a health gate and rollback."""

    TYPE = TYPE_11
    VERSION = '1.1'
    SUPPORT_STATUS = {'1.1': [{'status': 'SUPPORTED', 'since': '2026.12'}]}

    properties_schema = dict(
        BatchPolicy10.properties_schema,
        max_surge=schema.Integer(
            'Replacements created before the old nodes are deleted (0: update '
            'in place).', default=0, constraints=[schema.Range(min=0)]),
        max_unavailable=schema.String(
            "Nodes out of service at once in an in-place update: a count or a "
            "percentage of desired_capacity ('20%')."),
        health_gate=schema.Boolean(
            'After each batch, wait until its nodes are healthy (the health '
            'policy\'s detection, else ACTIVE); stop the update if they are not '
            'within timeout.', default=False),
        timeout=schema.Integer(
            'Seconds the health gate waits for a batch.', default=300,
            constraints=[schema.Range(min=1)]),
        rollback=schema.Boolean(
            'When the update stops, put the nodes of the batch that failed back '
            'on the old profile.', default=False),
    )

    def validate_properties(self, properties):
        raw = (properties or {}).get('max_unavailable') \
            if isinstance(properties, dict) else None
        result = super().validate_properties(properties)
        result['max_unavailable'] = _count_or_percent(
            raw, 'properties.max_unavailable')
        if result['max_surge'] == 0 and result['max_unavailable'] in (0, '0%'):
            raise schema.InvalidSpec(
                'max_unavailable 0 needs a max_surge of at least 1 (else no node '
                'could ever be updated)', 'properties.max_unavailable')
        return result
