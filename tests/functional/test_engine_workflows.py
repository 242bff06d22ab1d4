"""Cluster and node workflows run by a real engine on every database backend."""

import pytest
import sqlalchemy as sa

from clusterd.drivers import simulated as simulated_driver
from clusterd.engine import requests
from clusterd.objects import action as action_obj
from clusterd.objects import event as event_obj
from clusterd.objects import lock as lock_obj
from clusterd.objects import node as node_obj
from clusterd import states
from tests import engines


@pytest.fixture(scope='module')
def engine(database):
    with engines.Engine(database) as running:
        yield running


@pytest.fixture
def ctx(database):
    return engines.user_context(database)


def _create(ctx, engine, size, profile=None, **values):
    profile = profile or engines.simulated_profile(ctx)
    values.setdefault('min_size', 0)
    values.setdefault('max_size', -1)
    cluster, action = requests.create_cluster(
        ctx, 3600, name='c%d' % size, profile_id=profile.id,
        desired_capacity=size, **values)
    engine.wake()
    return cluster, engines.wait_action(ctx, action.id)


def _act(ctx, engine, cluster, name, inputs=None):
    action = requests.cluster_action(ctx, engines.cluster(ctx, cluster.id), name,
                                     inputs)
    engine.wake()
    return engines.wait_action(ctx, action.id)


def _resources(ctx, nodes):
    cloud = simulated_driver.SimulatedCloud()
    by_node = {}
    for resource in cloud.list_resources(ctx):
        by_node.setdefault(resource['node_id'], []).append(resource)
    return {n.id: by_node.get(n.id, []) for n in nodes}


def test_create_makes_every_node_once(ctx, engine):
    cluster, action = _create(ctx, engine, 12)
    assert action.status == states.SUCCEEDED, action.status_reason
    found = engines.cluster(ctx, cluster.id)
    assert found.status == states.C_ACTIVE
    nodes = node_obj.Node.for_cluster(ctx, cluster.id)
    assert len(nodes) == 12
    assert sorted(n.index for n in nodes) == list(range(1, 13))
    assert all(n.status == states.N_ACTIVE and n.physical_id for n in nodes)
    assert all(len(r) == 1 for r in _resources(ctx, nodes).values())
    children = action_obj.Action.children(ctx, action.id)
    assert len(children) == 12 and {c.status for c in children} == {'SUCCEEDED'}
    assert lock_obj.list_cluster_locks(ctx) == []
    phases = [e.status for e in event_obj.Event.list_for(ctx, cluster.id)]
    assert phases[:1] == ['start'] and phases[-1] == 'end'


def test_cluster_action_events_and_numbering_after_merged_writes(ctx, engine):
    """The start and end of a cluster action share transactions (issue 20): the
    START event with the busy status, a scale's decision event and the new
    members' indexes with the fan-out, the END event with the action's end.
    Each event is still written once, in order, with what it said before."""
    cluster, action = _create(ctx, engine, 3)
    assert action.status == states.SUCCEEDED, action.status_reason
    scaled = _act(ctx, engine, cluster, 'CLUSTER_SCALE_OUT', {'count': 2})
    assert scaled.status == states.SUCCEEDED, scaled.status_reason
    shrunk = _act(ctx, engine, cluster, 'CLUSTER_SCALE_IN', {'count': 1})
    assert shrunk.status == states.SUCCEEDED, shrunk.status_reason
    events = event_obj.Event.list_for(ctx, cluster.id)
    by_action = {}
    for event in events:
        by_action.setdefault(event.metadata['action_id'], []).append(event)
    assert [e.status for e in by_action[action.id]] == ['start', 'end']
    assert [e.status for e in by_action[scaled.id]] == ['start', 'decision', 'end']
    assert [e.status for e in by_action[shrunk.id]] == ['start', 'decision', 'end']
    assert by_action[action.id][-1].status_reason == 'Cluster creation succeeded.'
    assert by_action[scaled.id][-1].status_reason == 'Cluster scaling succeeded.'
    assert by_action[scaled.id][1].status_reason.startswith(
        'create 2 node(s) to reach 5')
    nodes = node_obj.Node.for_cluster(ctx, cluster.id)
    assert len(nodes) == 4
    assert len({n.name for n in nodes}) == 4 and all(n.name for n in nodes)
    assert {n.index for n in nodes} <= set(range(1, 6))
    found = engines.cluster(ctx, cluster.id)
    assert (found.status, found.next_index) == (states.C_ACTIVE, 6)
    assert found.status_reason == 'CLUSTER_SCALE_IN: %s' % (
        states.eval_cluster_status(4, found.min_size, found.max_size,
                                   found.desired_capacity)[1])


def test_failed_node_creates_leave_cluster_in_error_with_reason(ctx, engine):
    bad = engines.simulated_profile(ctx, name='bad', failure_rate=1.0,
                                    fail_operations=['create'])
    cluster, action = _create(ctx, engine, 3, profile=bad, min_size=1)
    assert action.status == states.FAILED
    assert '3 of 3 node action(s) did not succeed' in action.status_reason
    found = engines.cluster(ctx, cluster.id)
    assert found.status == states.C_ERROR
    assert 'below min_size' in found.status_reason
    assert {n.status for n in node_obj.Node.for_cluster(ctx, cluster.id)} == {'ERROR'}


def test_scale_out_in_and_resize(ctx, engine):
    cluster, _ = _create(ctx, engine, 4, max_size=8, min_size=2)
    action = _act(ctx, engine, cluster, 'CLUSTER_SCALE_OUT', {'count': 3})
    assert action.status == states.SUCCEEDED, action.status_reason
    assert engines.cluster(ctx, cluster.id).desired_capacity == 7
    assert len(node_obj.Node.for_cluster(ctx, cluster.id)) == 7

    action = _act(ctx, engine, cluster, 'CLUSTER_SCALE_OUT', {'count': 2})
    assert action.status == states.FAILED
    assert action.status_reason == ("The target capacity (9) is greater than the "
                                    "cluster's max_size (8).")

    action = _act(ctx, engine, cluster, 'CLUSTER_SCALE_IN', {'count': 2})
    assert action.status == states.SUCCEEDED, action.status_reason
    assert len(node_obj.Node.for_cluster(ctx, cluster.id)) == 5

    action = _act(ctx, engine, cluster, 'CLUSTER_RESIZE', {
        'adjustment_type': 'CHANGE_IN_PERCENTAGE', 'number': -50, 'strict': True})
    assert action.status == states.SUCCEEDED, action.status_reason
    found = engines.cluster(ctx, cluster.id)
    assert (found.desired_capacity, found.status) == (3, states.C_ACTIVE)

    action = _act(ctx, engine, cluster, 'CLUSTER_RESIZE', {
        'adjustment_type': 'EXACT_CAPACITY', 'number': 1, 'strict': False})
    assert action.status == states.SUCCEEDED
    assert engines.cluster(ctx, cluster.id).desired_capacity == 2  # clipped to min

    action = _act(ctx, engine, cluster, 'CLUSTER_RESIZE', {
        'adjustment_type': 'EXACT_CAPACITY', 'number': 10, 'max_size': 12})
    assert action.status == states.SUCCEEDED
    found = engines.cluster(ctx, cluster.id)
    assert (found.desired_capacity, found.max_size) == (10, 12)
    assert len(node_obj.Node.for_cluster(ctx, cluster.id)) == 10


def test_scale_in_prefers_unhealthy_nodes(ctx, engine):
    cluster, _ = _create(ctx, engine, 4)
    nodes = node_obj.Node.for_cluster(ctx, cluster.id)
    node_obj.Node.set_status(ctx, nodes[2].id, states.N_ERROR, 'broken')
    action = _act(ctx, engine, cluster, 'CLUSTER_SCALE_IN', {'count': 1})
    assert action.status == states.SUCCEEDED
    remaining = {n.id for n in node_obj.Node.for_cluster(ctx, cluster.id)}
    assert nodes[2].id not in remaining and len(remaining) == 3


def test_a_settled_cluster_is_unlocked_and_its_action_ended(ctx, engine):
    """What ``openstack cluster create --wait`` relies on: once a reader sees the
    cluster ACTIVE, the next request is not refused by the ending action."""
    for size in (3, 4):
        cluster, action = requests.create_cluster(
            ctx, 3600, name='w%d' % size,
            profile_id=engines.simulated_profile(ctx).id, desired_capacity=size,
            min_size=0, max_size=-1)
        engine.wake()
        for _ in range(5000):
            with ctx.reader:  # one snapshot of the three
                status = engines.cluster(ctx, cluster.id).status
                holders = lock_obj.holders_of_cluster(ctx, cluster.id)
                ending = action_obj.Action.get(ctx, action.id, project_safe=False)
            if status == states.C_ACTIVE:
                assert holders == [] and ending.status == states.SUCCEEDED
                requests.check_conflict(ctx, cluster.id, 'CLUSTER_SCALE_OUT')
                break
        else:
            pytest.fail('the cluster never became ACTIVE')


def test_delete_removes_nodes_resources_and_cluster(ctx, engine):
    cluster, _ = _create(ctx, engine, 5)
    nodes = node_obj.Node.for_cluster(ctx, cluster.id)
    action = _act(ctx, engine, cluster, 'CLUSTER_DELETE')
    assert action.status == states.SUCCEEDED, action.status_reason
    with pytest.raises(LookupError):
        engines.cluster(ctx, cluster.id)
    assert all(r == [] for r in _resources(ctx, nodes).values())
    assert lock_obj.list_cluster_locks(ctx) == []


def test_check_and_recover_after_resource_lost(ctx, engine):
    cluster, _ = _create(ctx, engine, 3)
    nodes = node_obj.Node.for_cluster(ctx, cluster.id)
    simulated_driver.SimulatedCloud().remove(ctx, nodes[0].physical_id)
    action = _act(ctx, engine, cluster, 'CLUSTER_CHECK')
    assert action.status == states.FAILED
    assert engines.cluster(ctx, cluster.id).status == states.C_WARNING
    action = _act(ctx, engine, cluster, 'CLUSTER_RECOVER', {'check': True})
    assert action.status == states.FAILED  # the check wave found the lost node
    lost = node_obj.Node.get(ctx, nodes[0].id)
    assert lost.status == states.N_ACTIVE and lost.physical_id
    assert lost.physical_id != nodes[0].physical_id
    assert engines.cluster(ctx, cluster.id).status == states.C_ACTIVE


def test_add_del_and_replace_nodes(ctx, engine):
    cluster, _ = _create(ctx, engine, 2)
    profile_id = engines.cluster(ctx, cluster.id).profile_id
    orphans = []
    for i in range(2):
        node, action = requests.create_node(ctx, 3600, name='orphan%d' % i,
                                            profile_id=profile_id)
        engine.wake()
        assert engines.wait_action(ctx, action.id).status == states.SUCCEEDED
        orphans.append(node)
    action = _act(ctx, engine, cluster, 'CLUSTER_ADD_NODES',
                  {'nodes': [orphans[0].id]})
    assert action.status == states.SUCCEEDED, action.status_reason
    found = engines.cluster(ctx, cluster.id)
    assert found.desired_capacity == 3
    members = node_obj.Node.for_cluster(ctx, cluster.id)
    assert orphans[0].id in {m.id for m in members}

    old = [m for m in members if m.id != orphans[0].id][0]
    action = _act(ctx, engine, cluster, 'CLUSTER_REPLACE_NODES',
                  {'nodes': {old.id: orphans[1].id}})
    assert action.status == states.SUCCEEDED, action.status_reason
    members = {m.id for m in node_obj.Node.for_cluster(ctx, cluster.id)}
    assert orphans[1].id in members and old.id not in members
    assert node_obj.Node.get(ctx, old.id).cluster_id == ''

    action = _act(ctx, engine, cluster, 'CLUSTER_DEL_NODES',
                  {'nodes': [orphans[1].id], 'destroy_after_deletion': True})
    assert action.status == states.SUCCEEDED, action.status_reason
    with pytest.raises(LookupError):
        node_obj.Node.get(ctx, orphans[1].id)
    assert engines.cluster(ctx, cluster.id).desired_capacity == 2


def test_update_profile_updates_every_node(ctx, engine):
    cluster, _ = _create(ctx, engine, 3)
    new = engines.simulated_profile(ctx, name='v2', metadata={'v': 2})
    action = _act(ctx, engine, cluster, 'CLUSTER_UPDATE',
                  {'new_profile_id': new.id, 'name': 'renamed'})
    assert action.status == states.SUCCEEDED, action.status_reason
    found = engines.cluster(ctx, cluster.id)
    assert (found.profile_id, found.name) == (new.id, 'renamed')
    assert {n.profile_id for n in node_obj.Node.for_cluster(ctx, cluster.id)} == {
        new.id}


def _most_at_once(actions):
    """The largest number of ``actions`` that ran at the same moment."""
    edges = sorted([(float(a.start_time), 1) for a in actions] +
                   [(float(a.end_time), -1) for a in actions])
    running = most = 0
    for _, step in edges:
        running += step
        most = max(most, running)
    return most


def test_update_is_rolling_one_batch_after_another(ctx, engine):
    # [engine] update_max_unavailable = 25 (%): 5 nodes go 2, 2, 1.
    profile = engines.simulated_profile(ctx, latency=0.05)
    cluster, _ = _create(ctx, engine, 5, profile=profile)
    new = engines.simulated_profile(ctx, name='v2', latency=0.05)
    action = _act(ctx, engine, cluster, 'CLUSTER_UPDATE', {'new_profile_id': new.id})
    assert action.status == states.SUCCEEDED, action.status_reason
    updates = action_obj.Action.children(ctx, action.id)
    assert len(updates) == 5 and action.data['update']['batches'] == 3
    assert _most_at_once(updates) <= 2
    assert {n.profile_id for n in node_obj.Node.for_cluster(ctx, cluster.id)} == {
        new.id}


def test_update_stops_at_the_first_failed_batch(ctx, engine):
    broken = engines.simulated_profile(ctx, failure_rate=1,
                                       fail_operations=['update'])
    cluster, _ = _create(ctx, engine, 4, profile=broken)
    new = engines.simulated_profile(ctx, name='v2')
    action = _act(ctx, engine, cluster, 'CLUSTER_UPDATE', {'new_profile_id': new.id})
    assert action.status == states.FAILED
    assert len(action_obj.Action.children(ctx, action.id)) == 1
    assert 'stopped after batch 1: 3 node(s) left on the old profile' in \
        action.data['explain']
    profiles = sorted(n.profile_id for n in node_obj.Node.for_cluster(ctx, cluster.id))
    assert profiles.count(broken.id) >= 3


def test_operation_on_every_node(ctx, engine):
    cluster, _ = _create(ctx, engine, 2)
    action = _act(ctx, engine, cluster, 'CLUSTER_OPERATION',
                  {'operation': 'reboot', 'params': {'type': 'HARD'}})
    assert action.status == states.SUCCEEDED, action.status_reason
    assert len(action_obj.Action.children(ctx, action.id)) == 2


def test_conflicting_request_is_refused_at_once(ctx, engine):
    slow = engines.simulated_profile(ctx, name='slow', latency=0.5)
    cluster, action = requests.create_cluster(
        ctx, 3600, name='slow', profile_id=slow.id, desired_capacity=2)
    engine.wake()
    with pytest.raises(requests.ActionConflict):
        requests.cluster_action(ctx, engines.cluster(ctx, cluster.id),
                                'CLUSTER_SCALE_OUT', {'count': 1})
    assert engines.wait_action(ctx, action.id).status == states.SUCCEEDED


def test_a_cast_wakes_an_engine_long_before_its_scan(database, ctx):
    # Regression: every start_action cast failed (oslo.messaging read tracing
    # options that were only registered on its global CONF), so work waited for
    # the next database scan.
    import time
    with engines.Engine(database, scan_interval=30.0) as slow_scanner:
        time.sleep(0.3)  # let its first scan pass
        profile = engines.simulated_profile(ctx)
        cluster, action = requests.create_cluster(
            ctx, 3600, name='cast', profile_id=profile.id, desired_capacity=2)
        started = time.monotonic()
        slow_scanner.service.client.start_action()
        assert engines.wait_action(ctx, action.id, timeout=20).status == \
            states.SUCCEEDED
        assert time.monotonic() - started < 10


def test_a_claim_that_meets_a_deadlock_is_tried_again_at_once(database, ctx,
                                                               monkeypatch):
    # Regression: a scan's claim that lost a deadlock (MariaDB, 20 clusters
    # created at once) left the READY work for the next scan, a second later.
    import time
    from oslo_db import exception as db_exc
    real = action_obj.Action.claim.__func__
    lost = []

    def claim(cls, context, engine_id, limit, action_id=None, action_ids=None):
        if not lost and action_id is None and action_ids is None:
            lost.append(True)
            raise db_exc.DBDeadlock()
        return real(cls, context, engine_id, limit, action_id, action_ids)
    with engines.Engine(database, scan_interval=30.0) as slow_scanner:
        time.sleep(0.3)  # let its first scan pass
        monkeypatch.setattr(action_obj.Action, 'claim', classmethod(claim))
        profile = engines.simulated_profile(ctx)
        cluster, action = requests.create_cluster(
            ctx, 3600, name='deadlock', profile_id=profile.id,
            desired_capacity=2)
        started = time.monotonic()
        slow_scanner.wake()
        assert engines.wait_action(ctx, action.id, timeout=20).status == \
            states.SUCCEEDED
        assert lost
        assert time.monotonic() - started < 10


def test_a_create_that_cannot_start_leaves_its_cluster_in_error(ctx, engine):
    # Regression: a CLUSTER_CREATE that failed in its first step (it met a held
    # lock, or the database raised) left its cluster in INIT for ever, and clients
    # waiting for ACTIVE/ERROR waited for ever.
    profile = engines.simulated_profile(ctx)
    # One transaction: the engine must not claim the create before the lock
    # is there.
    with ctx.writer:
        cluster, action = requests.create_cluster(ctx, 3600, name='blocked',
                                                  profile_id=profile.id,
                                                  desired_capacity=1)
        # INIT: neither claimed nor (like a WAITING action with nothing to
        # wait for) made READY by the heartbeat's repairs, so it cannot run
        # and end before the create meets its lock.
        holder = action_obj.Action.create(ctx, action='CLUSTER_CHECK',
                                          target=cluster.id, status=states.INIT)
        assert lock_obj.acquire_cluster(ctx, cluster.id, holder.id, 'someone',
                                        lock_obj.CLUSTER_SCOPE) is None
    engine.wake()
    done = engines.wait_action(ctx, action.id)
    assert done.status == states.FAILED
    assert 'already locked' in done.status_reason
    found = engines.cluster(ctx, cluster.id)
    assert found.status == states.C_ERROR
    assert found.status_reason == done.status_reason
    lock_obj.release_cluster(ctx, cluster.id, holder.id)


def test_a_batch_of_nodes_is_one_statement_on_the_simulated_cloud(ctx, engine,
                                                                   database):
    # The simulated cloud's create_batch and delete_batch write every node of a
    # batch at once (issue 20); the derived actions may be claimed in a few
    # batches, but not one by one.
    seen = []

    def record(conn, cursor, statement, parameters, context, executemany):
        if 'simulated_resource' in statement:
            seen.append(statement.lstrip().split(None, 1)[0].upper())

    sa.event.listen(database.engine, 'before_cursor_execute', record)
    try:
        cluster, action = _create(ctx, engine, 12)
        assert action.status == states.SUCCEEDED, action.status_reason
        nodes = node_obj.Node.for_cluster(ctx, cluster.id)
        created = list(seen)
        del seen[:]
        assert _act(ctx, engine, cluster, 'CLUSTER_DELETE').status == \
            states.SUCCEEDED
        deleted = list(seen)
    finally:
        sa.event.remove(database.engine, 'before_cursor_execute', record)
    # (One per node before: 12 INSERTs and 12 DELETEs.)
    assert 1 <= created.count('INSERT') < 12 and set(created) == {'INSERT'}, created
    assert 1 <= deleted.count('DELETE') < 12 and set(deleted) == {'DELETE'}, deleted
    assert _resources(ctx, nodes) == {n.id: [] for n in nodes}
