"""What a dead, or wrongly judged, engine leaves behind, on every backend.

The states below are written as an engine that died leaves them (RUNNING actions
owned by an engine with no service row, nodes it moved to DELETING); then a real
engine (tests/engines.py) takes over.  The same faults with real processes, a
private database server and SIGKILL are in tests/faults/.
"""

import time

import pytest
import sqlalchemy as sa

from clusterd.db import models
from clusterd.drivers import simulated as simulated_driver
from clusterd.engine import requests
from clusterd.engine import takeover
from clusterd.objects import action as action_obj
from clusterd.objects import base as base_obj
from clusterd.objects import lock as lock_obj
from clusterd.objects import node as node_obj
from clusterd.objects import service as service_obj
from clusterd import states
from tests import engines


@pytest.fixture
def ctx(database):
    return engines.user_context(database)


def _cluster(ctx, size, latency=0):
    profile = engines.simulated_profile(ctx, latency=latency)
    cluster, action = requests.create_cluster(
        ctx, 3600, name='c%d' % size, profile_id=profile.id, desired_capacity=size,
        min_size=0, max_size=-1)
    return cluster, action


def _resources(ctx):
    return {r['node_id']: r for r in
            simulated_driver.SimulatedCloud().list_resources(ctx)}


def _orphan_delete(ctx, node, claimed_by=None):
    """A NODE_DELETE that a dead engine was running, its node DELETING."""
    action = action_obj.Action.create(
        ctx, action='NODE_DELETE', target=node.id, cluster_id=node.cluster_id,
        cause=action_obj.CAUSE_DERIVED, status=states.RUNNING,
        owner='engine-that-died', start_time=time.time(), timeout=3600)
    node_obj.Node.claim_for_delete(ctx, {node.id: claimed_by or action.id},
                                   'Deletion in progress')
    return action


def test_deletes_taken_over_from_a_dead_engine_finish(ctx, database):
    # Regression (issue 24): NODE_DELETE actions taken over after their engine
    # died all failed with "The node is DELETING; it cannot be deleted", and the
    # nodes stayed DELETING for good.
    cluster, create = _cluster(ctx, 4)
    with engines.Engine(database) as engine:
        engine.wake()
        assert engines.wait_action(ctx, create.id).status == states.SUCCEEDED
    nodes = node_obj.Node.for_cluster(ctx, cluster.id)
    cloud = simulated_driver.SimulatedCloud()
    # Its own claim: finish.  The resource of one is gone already (the dead
    # engine's call went through).
    mine = [_orphan_delete(ctx, nodes[0]), _orphan_delete(ctx, nodes[1])]
    cloud.delete(ctx, nodes[1].physical_id, nodes[1].id)
    # Claimed by an action that has ended: nobody deletes it any more, go on.
    ended = action_obj.Action.create(ctx, action='NODE_DELETE', target=nodes[2].id,
                                     status=states.FAILED)
    after_ended = _orphan_delete(ctx, nodes[2], claimed_by=ended.id)
    # Claimed by another live action: two deletions never go on at once.
    live = action_obj.Action.create(ctx, action='NODE_DELETE', target=nodes[3].id,
                                    status=states.INIT)
    refused = _orphan_delete(ctx, nodes[3], claimed_by=live.id)

    with engines.Engine(database) as engine:
        engine.wake()
        for action in mine + [after_ended]:
            done = engines.wait_action(ctx, action.id, timeout=30)
            assert done.status == states.SUCCEEDED, done.status_reason
            assert done.data['takeovers'] == 1
        done = engines.wait_action(ctx, refused.id, timeout=30)
        assert done.status == states.FAILED
        assert 'is being deleted by action %s' % live.id in done.status_reason
    left = node_obj.Node.for_cluster(ctx, cluster.id)
    assert [(n.id, n.status) for n in left] == [(nodes[3].id, states.N_DELETING)]
    assert set(_resources(ctx)) & {n.id for n in nodes} == {nodes[3].id}
    assert lock_obj.list_node_locks(ctx) == []


def test_cluster_arithmetic_leaves_nodes_being_deleted_out(ctx, database):
    cluster, create = _cluster(ctx, 4)
    with engines.Engine(database) as engine:
        engine.wake()
        assert engines.wait_action(ctx, create.id).status == states.SUCCEEDED
        nodes = node_obj.Node.for_cluster(ctx, cluster.id)
        busy = nodes[0]
        deleter = action_obj.Action.create(ctx, action='NODE_DELETE',
                                           target=busy.id, status=states.INIT)
        node_obj.Node.claim_for_delete(ctx, {busy.id: deleter.id}, 'Deleting')
        # A resize to 2 counts 3 members, not 4: one goes, and never the node
        # that is being deleted.
        resize = requests.cluster_action(ctx, engines.cluster(ctx, cluster.id),
                                         'CLUSTER_RESIZE',
                                         {'adjustment_type': 'EXACT_CAPACITY',
                                          'number': 2})
        engine.wake()
        done = engines.wait_action(ctx, resize.id)
        assert done.status == states.SUCCEEDED, done.status_reason
        assert done.data['decision']['count'] == 1
        left = {n.id: n.status for n in node_obj.Node.for_cluster(ctx, cluster.id)}
        assert left[busy.id] == states.N_DELETING
        assert len(left) == 3
        # A scale out by one from 2 makes one node: the deleting one is not
        # counted as a member either.
        out = requests.cluster_action(ctx, engines.cluster(ctx, cluster.id),
                                      'CLUSTER_SCALE_OUT', {'count': 1})
        engine.wake()
        assert engines.wait_action(ctx, out.id).status == states.SUCCEEDED
        assert len(node_obj.Node.members(ctx, cluster.id)) == 3
        action_obj.Action.finish(ctx, deleter.id, states.CANCELLED, 'test done')


def test_hand_back_takes_locks_only_with_the_action(admin_ctx):
    target = base_obj.new_id()
    action = action_obj.Action.create(admin_ctx, action='CLUSTER_CHECK',
                                      target=target, status=states.RUNNING,
                                      owner='engine-x')
    assert lock_obj.acquire_cluster(admin_ctx, target, action.id, 'engine-x',
                                    lock_obj.CLUSTER_SCOPE) is None
    stale = action_obj.Action.get(admin_ctx, action.id, project_safe=False)
    # Meanwhile its engine handed it back and another engine claimed it again.
    assert action_obj.Action.transition(admin_ctx, action.id, states.READY,
                                        owner=None)
    assert action_obj.Action.claim(admin_ctx, 'engine-y', 1, action_id=action.id)
    # A takeover pass working from what it read before must change nothing:
    # neither the action nor the lock its new engine holds.
    assert takeover.hand_back(admin_ctx, [stale], 'died', 3) == ([], [])
    assert lock_obj.holders_of_cluster(admin_ctx, target) == [action.id]
    fresh = action_obj.Action.get(admin_ctx, action.id, project_safe=False)
    assert (fresh.status, fresh.owner) == (states.RUNNING, 'engine-y')
    assert takeover.hand_back(admin_ctx, [fresh], 'died', 3) == ([action.id], [])
    assert lock_obj.holders_of_cluster(admin_ctx, target) == []


def test_only_locks_of_ended_actions_are_released(admin_ctx, caplog):
    running = action_obj.Action.create(admin_ctx, action='CLUSTER_CHECK',
                                       target=base_obj.new_id(),
                                       status=states.RUNNING, owner='engine-x')
    ended = action_obj.Action.create(admin_ctx, action='CLUSTER_CHECK',
                                     target=base_obj.new_id(), status=states.FAILED)
    for action in (running, ended):
        assert lock_obj.acquire_cluster(admin_ctx, action.target, action.id,
                                        'engine-x', lock_obj.CLUSTER_SCOPE) is None
    assert takeover.release_leaked_locks(admin_ctx) == 1
    assert lock_obj.holders_of_cluster(admin_ctx, ended.target) == []
    assert lock_obj.holders_of_cluster(admin_ctx, running.target) == [running.id]
    # Ending an action releases its locks in the same transaction.
    action_obj.Action.finish(admin_ctx, running.id, states.CANCELLED, 'test')
    assert lock_obj.holders_of_cluster(admin_ctx, running.target) == []
    assert takeover.release_leaked_locks(admin_ctx) == 0


def test_an_engine_judged_dead_while_alive_stops_and_the_work_is_done_once(
        ctx, database):
    # Regression (issue 24): an engine that was declared dead (here: its row is
    # removed and its actions handed back, as a judge does) went on running the
    # actions it had lost, beside whoever took them.  Now its workers are
    # fenced by a new epoch and every action is run to its end once.
    # (Node creates of 3 s: on a loaded host the judging below must come
    # while all six still run.)
    cluster, create = _cluster(ctx, 6, latency=3.0)
    with engines.Engine(database, cloud_call_threads=8) as engine:
        engine.wake()
        service = engine.service
        admin = service.context

        def creating():
            with ctx.reader as session:
                return session.execute(sa.select(sa.func.count()).where(
                    models.Node.cluster_id == cluster.id,
                    models.Node.status == states.N_CREATING)).scalar_one()
        deadline = time.monotonic() + 30
        while creating() < 6 and time.monotonic() < deadline:
            time.sleep(0.02)
        assert creating() == 6
        epoch = service.env.lease.epoch
        # What a judge does: the row first, then the actions.
        service_obj.Service.delete(admin, service.engine_id)
        running = action_obj.Action.owned_by(admin, [service.engine_id],
                                             [states.RUNNING])
        assert len(running) == 6
        # (The engine's own heartbeat may find its row gone first, and hand
        # them back itself.)
        takeover.hand_back(admin, running, 'judged dead', 3)
        # The engine learns it was judged dead at its next heartbeat.  (Its
        # workers may end their children first, under the same engine id, on a
        # loaded host: the test holds what it must, not the order.)
        deadline = time.monotonic() + 30
        while (service.env.lease.epoch == epoch and
               time.monotonic() < deadline):
            time.sleep(0.02)
        assert service.env.lease.epoch == epoch + 1
        done = engines.wait_action(ctx, create.id, timeout=60)
        assert done.status == states.SUCCEEDED, done.status_reason
        children = action_obj.Action.children(ctx, create.id)
        assert {c.status for c in children} == {states.SUCCEEDED}
        assert all(c.data.get('takeovers', 0) >= 1 for c in children)
    nodes = node_obj.Node.for_cluster(ctx, cluster.id)
    resources = _resources(ctx)
    assert len(nodes) == 6
    assert all(n.status == states.N_ACTIVE and
               resources[n.id]['id'] == n.physical_id for n in nodes)
    assert len([r for r in resources.values()
                if r['node_id'] in {n.id for n in nodes}]) == 6
