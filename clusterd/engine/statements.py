"""Compiling the engine's hot statements at start, in a transaction it rolls back.

SQLAlchemy compiles each statement shape the first time it runs and caches the
result for the life of the process.  A cluster action runs about thirty shapes,
and compiling them fell on the first action after start: it cost 20 to 40 ms of
engine CPU more than the next ones (issue 20: the first request after start must
be as fast as the tenth).  :func:`compile_hot_statements` runs those shapes once,
through the same object methods the workflows call, on rows it makes up, inside
one transaction that it rolls back: nothing is written and nobody sees the rows.

It only warms a cache: whatever it misses (a workflow changed its statements)
is compiled by the first action as before, and a failure here is logged and
otherwise ignored.
"""

from oslo_log import log as logging

from clusterd.clock import utcnow
from clusterd.objects import action as action_obj
from clusterd.objects import base as objects_base
from clusterd.objects import cluster as cluster_obj
from clusterd.objects import event as event_obj
from clusterd.objects import lock as lock_obj
from clusterd.objects import node as node_obj
from clusterd.objects import profile as profile_obj
from clusterd import states

LOG = logging.getLogger(__name__)


# Batch sizes whose CASE shapes are compiled (objects.base.case_size: 1, 2,
# 4 ... 64; a scan claims 64 actions at most by default).
BATCH_SIZES = (1, 2, 4, 8, 16, 32, 64)


class _RollBack(Exception):
    """Raised at the end of the warm-up transaction to undo it."""


def compile_hot_statements(context, engine_id):
    """Run the statements of a cluster action that creates two nodes and ends.

    :param context: an admin context
    :param engine_id: this engine's id (the owner its claims write)
    :returns: True if every statement ran (and was rolled back)
    """
    try:
        with context.writer:
            _a_cluster_action(context, engine_id)
            raise _RollBack()
    except _RollBack:
        return True
    except Exception as exc:
        LOG.debug('Engine %s could not compile its statements at start: %s',
                  engine_id, exc)
        return False


def _a_cluster_action(context, engine_id):
    cluster_id = objects_base.new_id()
    profile = profile_obj.Profile.create(
        context, name='warm-up', type='warm-up', spec={}, project='', user='')
    cluster_obj.Cluster.create(context, id=cluster_id, name='warm-up',
                               profile_id=profile.id, desired_capacity=2,
                               min_size=0, max_size=-1)
    # The request (the API's) and its claim.
    parent = action_obj.Action.create(context, action='CLUSTER_CREATE',
                                      target=cluster_id, cluster_id=cluster_id)
    # (The scheduler's scan of the oldest, of no row: its first scan may come
    # after the first request, when the engine's lease was not fresh yet.)
    action_obj.Action.claim(context, engine_id, 0)
    (parent,) = action_obj.Action.claim(context, engine_id, 1,
                                        action_ids=[parent.id])
    # The start: workflow load, lock, hold, event, policies, busy, indexes.
    cluster = cluster_obj.Cluster.get(context, cluster_id, project_safe=False)
    profile_obj.Profile.get(context, profile.id, project_safe=False)
    lock_obj.acquire_cluster(context, cluster_id, parent.id, engine_id,
                             lock_obj.CLUSTER_SCOPE)
    # (Held now: writes nothing, but compiles the lock a start takes.)
    lock_obj.take_free_cluster(context, cluster_id, parent.id, engine_id)
    action_obj.Action.hold(context, parent.id)
    _event(context, cluster, parent, 'start')
    cluster_obj.ClusterPolicy.for_cluster(context, cluster_id, enabled_only=True)
    cluster_obj.Cluster.set_status(context, cluster_id, states.C_CREATING, 'warm-up')
    first = cluster_obj.Cluster.reserve_indexes(context, cluster_id, 2)
    # The fan-out, a worker claiming the children on the spot.
    nodes = [node_obj.Node.values_for(context, cluster_id=cluster_id,
                                      profile_id=cluster.profile_id,
                                      name='warm-up-%d' % i, index=first + i)
             for i in range(2)]
    children = [action_obj.Action.values_for(
        context, action='NODE_CREATE', target=node['id'], cluster_id=cluster_id,
        cause=action_obj.CAUSE_DERIVED, timeout=3600) for node in nodes]
    claim = action_obj.Claim(engine_id, 1)
    ready = action_obj.Action.fan_out(
        context, parent, children, [], {'step': 'warm-up'}, owner=engine_id,
        also=lambda: node_obj.Node.create_many(context, nodes), claim=claim)
    action_obj.Action.claim(context, engine_id, 1, action_ids=ready)
    # The batch of node actions: move, settle, end, release the parent.
    ids = [node['id'] for node in nodes]
    node_obj.Node.get_many(context, ids)
    node_obj.Node.set_status_many(context, ids, states.N_CREATING, 'warm-up')
    results = [(child['id'], states.SUCCEEDED, 'warm-up', {'physical_id': None})
               for child in children]
    claim = action_obj.Claim(engine_id, 1)
    action_obj.Action.finish_many(
        context, results, owner=engine_id, claim=claim,
        also=lambda ended: node_obj.Node.settle_many(
            context, [(i, states.N_ACTIVE, 'warm-up', i) for i in ids],
            expected=states.N_CREATING))
    # The ends of batches whose nodes differ, of every size to BATCH_SIZES.
    action_obj.Action.compile_batch_ends(context, BATCH_SIZES)
    node_obj.Node.compile_settles(context, BATCH_SIZES)
    node_obj.Node.compile_claims_for_delete(context, BATCH_SIZES)
    # The end of the cluster action.
    action_obj.Action.child_counts(context, parent.id)
    action_obj.Action.first_child(context, parent.id, not_status=states.SUCCEEDED)
    node_obj.Node.count_active(context, cluster_id)
    node_obj.Node.count_members(context, cluster_id)
    _event(context, cluster, parent, 'end')

    def release_and_settle():
        lock_obj.release_cluster(context, cluster_id, parent.id)
        lock_obj.release_for_actions(context, [parent.id])
        cluster_obj.Cluster.set_status(context, cluster_id, states.C_ACTIVE,
                                       'warm-up')
    action_obj.Action.finish(context, parent.id, states.SUCCEEDED, 'warm-up',
                             outputs={}, data={}, owner=engine_id,
                             also=release_and_settle)
    # (Ended already: moves nothing, but compiles the end without outputs.)
    action_obj.Action.finish(context, parent.id, states.SUCCEEDED, 'warm-up',
                             owner=engine_id, also=release_and_settle)


def _event(context, cluster, action, phase):
    event_obj.Event.create(
        context, timestamp=utcnow(), oid=cluster.id, oname=cluster.name,
        otype='CLUSTER', cluster_id=cluster.id, level='20', user=action.user,
        project=action.project, domain=action.domain, action=action.action,
        status=phase, status_reason='warm-up', metadata={'action_id': action.id})
