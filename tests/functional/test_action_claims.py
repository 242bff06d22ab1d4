"""Claiming in the transaction that makes work ready (``action_obj.Claim``).

A worker that fans out children, or ends the last child of a parent, runs that
work itself: the transaction that makes it ready writes it RUNNING for the
worker's engine instead of READY, up to the claim's room, and nothing else
sees it READY meanwhile.
"""

import time

from clusterd.objects import action as action_obj
from clusterd import states
from tests import engines

ENGINE = 'engine-a'


def _parent(ctx):
    parent = action_obj.Action.create(
        ctx, action='CLUSTER_CREATE', target='cluster-1', cluster_id='cluster-1')
    (claimed,) = action_obj.Action.claim(ctx, ENGINE, 1, action_id=parent.id)
    return claimed


def _children(ctx, parent, count):
    return [action_obj.Action.values_for(
        ctx, action='NODE_CREATE', target='node-%d' % i, cluster_id='cluster-1',
        cause=action_obj.CAUSE_DERIVED) for i in range(count)]


def _status(ctx, action_id):
    action = action_obj.Action.get(ctx, action_id, project_safe=False)
    return action.status, action.owner


def test_fan_out_claims_up_to_the_room_and_leaves_the_rest_ready(database):
    ctx = engines.user_context(database)
    parent = _parent(ctx)
    children = _children(ctx, parent, 3)
    claim = action_obj.Claim(ENGINE, 2)
    before = time.time()

    ready = action_obj.Action.fan_out(ctx, parent, children, [], {'step': 'x'},
                                      owner=ENGINE, claim=claim)

    assert [a.id for a in claim.actions] == [c['id'] for c in children[:2]]
    assert ready == [children[2]['id']]
    assert claim.room == 0
    for action in claim.actions:
        assert (action.status, action.owner) == (states.RUNNING, ENGINE)
        assert action.parent_id == parent.id
        assert _status(ctx, action.id) == (states.RUNNING, ENGINE)
        stored = action_obj.Action.get(ctx, action.id, project_safe=False)
        assert stored.start_time >= before - 1
    assert _status(ctx, children[2]['id']) == (states.READY, None)
    assert _status(ctx, parent.id) == (states.WAITING, None)
    # Only the READY one is left for a scan.
    assert [a.id for a in action_obj.Action.claim(ctx, 'engine-b', 10)] == \
        [children[2]['id']]


def test_fan_out_that_lost_its_parent_claims_nothing(database):
    ctx = engines.user_context(database)
    parent = _parent(ctx)
    claim = action_obj.Claim(ENGINE, 5)

    ready = action_obj.Action.fan_out(ctx, parent, _children(ctx, parent, 2), [],
                                      {}, owner='another-engine', claim=claim)

    assert ready is None
    assert claim.actions == []


def test_the_last_child_ending_claims_the_parent(database):
    ctx = engines.user_context(database)
    parent = _parent(ctx)
    children = _children(ctx, parent, 2)
    ready = action_obj.Action.fan_out(ctx, parent, children, [], {'step': 'x'},
                                      owner=ENGINE)
    first, second = action_obj.Action.claim(ctx, ENGINE, 2, action_ids=ready)

    claim = action_obj.Claim(ENGINE, 4)
    _moved, released, _ = action_obj.Action.finish_many(
        ctx, [(first.id, states.SUCCEEDED, 'ok', {})], owner=ENGINE, claim=claim)
    assert (released, claim.actions) == ([], [])
    assert _status(ctx, parent.id) == (states.WAITING, None)

    _moved, released, _ = action_obj.Action.finish(
        ctx, second.id, states.SUCCEEDED, 'ok', owner=ENGINE, claim=claim)

    assert released == []
    assert [a.id for a in claim.actions] == [parent.id]
    assert (claim.actions[0].status, claim.actions[0].owner) == \
        (states.RUNNING, ENGINE)
    # It kept the start time of its first run and its recorded step.
    assert claim.actions[0].start_time == parent.start_time
    assert claim.actions[0].data == {'step': 'x'}
    assert _status(ctx, parent.id) == (states.RUNNING, ENGINE)


def test_without_room_the_parent_is_released_ready(database):
    ctx = engines.user_context(database)
    parent = _parent(ctx)
    (child,) = action_obj.Action.fan_out(ctx, parent, _children(ctx, parent, 1),
                                         [], {}, owner=ENGINE)
    action_obj.Action.claim(ctx, ENGINE, 1, action_id=child)
    claim = action_obj.Claim(ENGINE, 0)

    _moved, released, _ = action_obj.Action.finish(
        ctx, child, states.SUCCEEDED, 'ok', owner=ENGINE, claim=claim)

    assert released == [parent.id]
    assert claim.actions == []
    assert _status(ctx, parent.id) == (states.READY, None)
