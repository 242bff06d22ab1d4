"""Cancelling running trees, force-cancelling them, and action timeouts."""

import time

import pytest

from clusterd.engine import control
from clusterd.engine import requests
from clusterd.objects import action as action_obj
from clusterd.objects import lock as lock_obj
from clusterd import states
from tests import engines


@pytest.fixture(scope='module')
def engine(database):
    with engines.Engine(database, workers=2, cloud_call_threads=2) as running:
        yield running


def _slow_cluster(ctx, engine, size, latency, timeout=3600):
    profile = engines.simulated_profile(ctx, latency=latency)
    cluster, action = requests.create_cluster(ctx, timeout, name='slow',
                                              profile_id=profile.id,
                                              desired_capacity=size)
    engine.wake()
    return cluster, action


def _wait_children(ctx, action_id, count):
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        children = action_obj.Action.children(ctx, action_id)
        if len(children) >= count:
            return children
        time.sleep(0.02)
    raise AssertionError('no children')


def test_cooperative_cancel_stops_what_has_not_started(database, engine):
    ctx = engines.user_context(database)
    # 2 workers x 2 cloud threads at 0.3 s a node: most of the 20 creates wait.
    cluster, action = _slow_cluster(ctx, engine, 20, 0.3)
    _wait_children(ctx, action.id, 20)
    control.cancel(ctx, action.id)
    engine.wake()
    done = engines.wait_action(ctx, action.id, timeout=30)
    assert done.status == states.CANCELLED
    children = action_obj.Action.children(ctx, action.id)
    assert all(c.status in states.ACTION_TERMINAL for c in children)
    assert any(c.status == states.CANCELLED for c in children)
    assert lock_obj.list_cluster_locks(ctx) == []
    assert engines.cluster(ctx, cluster.id).status in states.CLUSTER_SETTLED
    with pytest.raises(control.ActionImmutable):
        control.cancel(ctx, action.id)


def test_force_cancel_ends_the_tree_at_once(database, engine):
    ctx = engines.user_context(database)
    cluster, action = _slow_cluster(ctx, engine, 10, 2.0)
    _wait_children(ctx, action.id, 10)
    control.cancel(ctx, action.id, force=True)
    found = action_obj.Action.get(ctx, action.id)
    assert found.status == states.CANCELLED
    assert all(c.status == states.CANCELLED
               for c in action_obj.Action.children(ctx, action.id)
               if c.status not in (states.SUCCEEDED, states.FAILED))
    assert lock_obj.list_cluster_locks(ctx) == []
    # Node calls still in flight finish without reviving anything.
    time.sleep(2.5)
    assert action_obj.Action.get(ctx, action.id).status == states.CANCELLED


def test_an_action_past_its_timeout_fails_with_its_tree(database, engine):
    ctx = engines.user_context(database)
    cluster, action = _slow_cluster(ctx, engine, 8, 1.0, timeout=1)
    done = engines.wait_action(ctx, action.id, timeout=30)
    assert done.status == states.FAILED
    assert done.status_reason == 'The action timed out after 1 seconds.'
    assert lock_obj.list_cluster_locks(ctx) == []
    assert engines.cluster(ctx, cluster.id).status in states.CLUSTER_SETTLED


def _settled_cluster(ctx):
    """An ACTIVE cluster with no node, made without an engine."""
    from clusterd.objects import cluster as cluster_obj
    cluster, action = requests.create_cluster(
        ctx, 3600, name='quiet', profile_id=engines.simulated_profile(ctx).id)
    action_obj.Action.finish(ctx, action.id, states.SUCCEEDED, 'done')
    cluster_obj.Cluster.set_status(ctx, cluster.id, states.C_CREATING, 'x')
    cluster_obj.Cluster.set_status(ctx, cluster.id, states.C_ACTIVE, 'x')
    return engines.cluster(ctx, cluster.id)


@pytest.mark.parametrize('action_name, busy', [
    ('CLUSTER_UPDATE', states.C_UPDATING), ('CLUSTER_SCALE_OUT', states.C_RESIZING),
    ('CLUSTER_CHECK', states.C_CHECKING)])
def test_a_request_shows_the_cluster_busy_at_once_and_a_cancel_undoes_it(
        database, action_name, busy):
    # No engine here: what a client polling right after its request sees.
    ctx = engines.user_context(database)
    cluster = _settled_cluster(ctx)
    action = requests.cluster_action(ctx, cluster, action_name, {})
    found = engines.cluster(ctx, cluster.id)
    assert (found.status, found.status_reason) == (busy, '%s queued.' % action_name)
    control.cancel(ctx, action.id)
    assert action_obj.Action.get(ctx, action.id).status == states.CANCELLED
    assert engines.cluster(ctx, cluster.id).status == states.C_ACTIVE


def test_an_engine_stops_without_waiting_for_its_next_heartbeat(database):
    # The takeover loop waited for the next beat: a stop took up to one
    # heartbeat interval (here 30 s).
    with engines.Engine(database, heartbeat_interval=30, lease_seconds=120):
        time.sleep(0.5)     # (the first beat and takeover pass are over)
        started = time.monotonic()
    assert time.monotonic() - started < 10
