"""A force-cancelled tree ends CANCELLED, however its engines interleave with it.

Ending a tree cancels its children, and the end of the last child releases the
waiting parent (READY).  An engine that claimed the parent at that moment ran its
last step (its children did not succeed, so FAILED) and could end it before the
cancel did (issue 14).  The tree now ends in one transaction, so no engine sees
the parent released.

Each test runs its race ``CLUSTERD_FORCE_CANCEL_REPEAT`` times (default 20) on
every database, with engines that scan for work every 50 ms (the shortest
interval allowed).  The second test also stretches the moment between the
children's end and the parent's end (the cluster is settled in it), the window
the engines used to win; the third cancels at any moment of the parent's life
(READY, RUNNING its first step, WAITING).
"""

import os
import random
import time

import pytest

from clusterd.engine import control
from clusterd.engine import requests
from clusterd.objects import action as action_obj
from clusterd.objects import lock as lock_obj
from clusterd import states
from tests import engines

REPEAT = int(os.environ.get('CLUSTERD_FORCE_CANCEL_REPEAT', '20'))
SIZE = 3
# Long enough that every node call is still running when the tree is cancelled.
LATENCY = 1.0
# How long the stretched settle waits: several scans of the engines.
STRETCH = 0.1


@pytest.fixture(scope='module')
def engine(database):
    # Enough workers that the node calls of earlier rounds (each holds a worker
    # until its call returns) never keep a new round waiting.
    with engines.Engine(database, workers=8, cloud_call_threads=SIZE * 4,
                        scan_interval=0.05) as running:
        yield running


def _waiting_parent(ctx, engine, profile, name):
    """A CLUSTER_CREATE that has fanned out SIZE node creates and waits for them."""
    cluster, action = requests.create_cluster(ctx, 3600, name=name,
                                              profile_id=profile.id,
                                              desired_capacity=SIZE)
    engine.wake()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        found = action_obj.Action.get(ctx, action.id)
        if found.status == states.WAITING and \
                len(action_obj.Action.children(ctx, action.id)) == SIZE:
            return cluster, found
        assert found.status not in states.ACTION_TERMINAL, found.status_reason
        time.sleep(0.005)
    raise AssertionError('action %s never waited for its children' % action.id)


def _race(ctx, engine, name):
    profile = engines.simulated_profile(ctx, name=name, latency=LATENCY)
    ended = []
    for attempt in range(REPEAT):
        cluster, action = _waiting_parent(ctx, engine, profile,
                                          '%s-%d' % (name, attempt))
        control.cancel(ctx, action.id, force=True)
        found = action_obj.Action.get(ctx, action.id)
        ended.append((attempt, action.id, cluster.id, found.status,
                      found.status_reason))
    # The node calls still in flight end; none of them revives anything, and no
    # engine ends a cancelled parent again.
    time.sleep(LATENCY * 1.5)
    lost = [e for e in ended if e[3] != states.CANCELLED]
    assert not lost, '%d of %d force-cancelled trees did not end CANCELLED: %s' % (
        len(lost), REPEAT, lost[:5])
    for attempt, action_id, cluster_id, _status, _reason in ended:
        found = action_obj.Action.get(ctx, action_id)
        assert (found.status, found.status_reason) == (
            states.CANCELLED, 'The action was force-cancelled.'), attempt
        children = action_obj.Action.children(ctx, action_id)
        assert len(children) == SIZE
        assert all(c.status == states.CANCELLED for c in children), \
            [(c.status, c.status_reason) for c in children]
        assert engines.cluster(ctx, cluster_id).status in states.CLUSTER_SETTLED
    assert lock_obj.list_cluster_locks(ctx) == []


def test_force_cancel_ends_every_tree_cancelled(database, engine):
    _race(engines.user_context(database), engine, 'race')


def test_force_cancel_wins_while_its_settle_is_slow(database, engine,
                                                    monkeypatch):
    settle = control._settle

    def slow_settle(*args, **kwargs):
        time.sleep(STRETCH)
        return settle(*args, **kwargs)

    monkeypatch.setattr(control, '_settle', slow_settle)
    _race(engines.user_context(database), engine, 'slow')


def test_force_cancel_at_any_moment_ends_the_tree_cancelled(database, engine):
    ctx = engines.user_context(database)
    profile = engines.simulated_profile(ctx, name='any', latency=LATENCY)
    rand = random.Random(REPEAT)
    ended = []
    for attempt in range(REPEAT):
        cluster, action = requests.create_cluster(ctx, 3600, name='any-%d' % attempt,
                                                  profile_id=profile.id,
                                                  desired_capacity=SIZE)
        engine.wake()
        # 0 to 0.2 s: READY, claimed, in its first step, or fanned out; never
        # past the node calls (LATENCY).
        time.sleep(rand.uniform(0, 0.2))
        control.cancel(ctx, action.id, force=True)
        ended.append((attempt, action.id, cluster.id))
    time.sleep(LATENCY * 1.5)
    for attempt, action_id, cluster_id in ended:
        found = action_obj.Action.get(ctx, action_id)
        assert (found.status, found.status_reason) == (
            states.CANCELLED, 'The action was force-cancelled.'), attempt
        # A step that was running when the tree ended wrote no children.
        assert all(c.status == states.CANCELLED
                   for c in action_obj.Action.children(ctx, action_id)), attempt
        assert engines.cluster(ctx, cluster_id).status in states.CLUSTER_SETTLED
    # A first step that took the cluster lock after the tree ended leaves it to
    # the takeover pass (every heartbeat), which releases locks of ended actions.
    deadline = time.monotonic() + 10
    while lock_obj.list_cluster_locks(ctx) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert lock_obj.list_cluster_locks(ctx) == []
