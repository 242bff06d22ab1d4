"""The takeover pass: what keeps the system live when engines die or messages are lost.

Every live engine runs it after each successful heartbeat (it is idempotent, so
several engines running it at once is harmless):

1. an engine that this engine's :class:`clusterd.engine.liveness.Judge` has seen
   silent for a whole lease is dead: its service row goes (compare-and-delete on
   the heartbeat seen), then each of its RUNNING actions, in one transaction per
   action, goes back to READY (every workflow step can run again safely) or,
   after ``[engine] max_takeovers`` tries, to FAILED with the reason, and loses
   its locks;
2. a top-level action past its timeout fails, and what it fanned out is cancelled;
3. a WAITING action with nothing left to wait for (a lost wake-up) becomes READY;
4. a node removal held for a lifecycle hook past its timeout goes on
   (:mod:`clusterd.engine.lifecycle`);
5. a lock held only by ended actions is released.
"""

import time

from oslo_db import api as oslo_db_api
from oslo_log import log as logging

from clusterd.engine import control
from clusterd.engine import lifecycle
from clusterd.objects import action as action_obj
from clusterd.objects import lock as lock_obj
from clusterd.objects import service as service_obj
from clusterd import states

LOG = logging.getLogger(__name__)


def remove_dead_services(context, binary, judge, lease, me):
    """Delete the rows of the engines ``judge`` finds dead.

    :param judge: this engine's :class:`clusterd.engine.liveness.Judge`
    :param lease: this engine's :class:`clusterd.engine.liveness.Lease`
    :returns: the ids of the engines this call declared dead
    """
    heartbeats = {service_id: beat for service_id, beat in
                  service_obj.Service.heartbeats(context, binary).items()
                  if service_id != me}
    removed = []
    for engine_id, seen in judge.observe(heartbeats, lease):
        # Compare-and-delete: if the engine heartbeated meanwhile, keep it.
        if service_obj.Service.delete_if_unchanged(context, engine_id, seen):
            removed.append(engine_id)
    return removed


def hand_back(context, actions, reason, max_takeovers):
    """Take ``actions`` from the engine that runs them: READY again (or FAILED).

    Each move is a compare-and-set on RUNNING and the owner the action had when
    read, in a transaction that also releases the locks of the actions it moved:
    a lock is never released while its action might still be running, and an
    action that another pass or its engine moved meanwhile is left alone.

    :returns: (ids made READY, ids failed)
    """
    ready, failed = [], []
    again = []
    for action in actions:
        data = dict(action.data or {})
        data['takeovers'] = data.get('takeovers', 0) + 1
        # Its locks are released with the move: the step that runs again takes
        # them anew.
        data.pop('locked', None)
        data.pop('node_locked', None)
        data.pop('cluster_locked', None)
        if data['takeovers'] > max_takeovers:
            moved, _released, _dependents = action_obj.Action.finish(
                context, action.id, states.FAILED,
                '%s; failed after %d tries.' % (reason, data['takeovers'] - 1),
                data=data, expected={states.RUNNING}, owner=action.owner)
            if moved:
                failed.append(action.id)
        else:
            again.append((action, data))
    for start in range(0, len(again), HAND_BACK_CHUNK):
        ready += _move_back(context, again[start:start + HAND_BACK_CHUNK])
    return ready, failed


@oslo_db_api.wrap_db_retry(max_retries=5, retry_on_deadlock=True,
                           retry_interval=0.05, inc_retry_interval=True)
def _move_back(context, chunk):
    """One transaction: the (action, data) pairs of ``chunk`` READY again, the
    locks of those moved released.  Tried again on a deadlock (the engine
    that ran them may be ending some of them at the same time): every move is a
    compare-and-set, so a second try moves only what the first did not.

    :returns: the ids moved
    """
    with context.writer:
        moved = [action.id for action, data in chunk
                 if action_obj.Action.transition(
                     context, action.id, states.READY,
                     expected={states.RUNNING}, owned_by=action.owner,
                     owner=None, data=data)]
        lock_obj.release_for_actions(context, moved)
    return moved


# Actions moved (and their locks released) per transaction.
HAND_BACK_CHUNK = 50


def run_once(env, context, judge):
    """One takeover pass. :returns: True if it made work READY"""
    conf = env.conf.engine
    made_ready = False
    dead = remove_dead_services(context, 'clusterd-engine', judge, env.lease,
                                env.engine_id)
    for engine_id in dead:
        LOG.warning('Engine %s missed its heartbeat for over %.0f s: taking over its '
                    'actions and locks', engine_id, conf.lease_seconds)
    orphans = action_obj.Action.orphaned(context)
    if orphans:
        ready, failed = hand_back(
            context, orphans, 'The engine running this action died',
            conf.max_takeovers)
        if ready or failed:
            LOG.warning('Took over %d action(s) of dead engines: %d ready to run '
                        'again, %d failed', len(ready) + len(failed), len(ready),
                        len(failed))
        made_ready = made_ready or bool(ready)

    for action in action_obj.Action.timed_out(context, time.time()):
        LOG.warning('Action %s (%s) timed out after %s s', action.id, action.action,
                    action.timeout)
        control.end_tree(context, action, states.FAILED,
                         'The action timed out after %s seconds.' % action.timeout)
        made_ready = True

    for action_id in action_obj.Action.stalled_waiting(context):
        if action_obj.Action.transition(context, action_id, states.READY,
                                        expected={states.WAITING}, owner=None):
            LOG.info('Action %s had nothing left to wait for; made READY', action_id)
            made_ready = True

    if lifecycle.release_expired(context):
        made_ready = True

    release_leaked_locks(context)
    return made_ready


def release_leaked_locks(context):
    """Release locks whose holder has ended or is gone.

    Every end of an action releases its locks in the same transaction, so such a
    lock is a real leak.  The holders are read twice, before and after their
    statuses: an action that ended between two reads (and released its lock
    while ending) is not in the second read, so it is never taken for a leak.
    """
    first = _lock_holders(context)
    if not first:
        return 0
    leaked = (action_obj.Action.ended_or_unknown_among(context, first)
              & _lock_holders(context))
    if leaked:
        LOG.warning('Releasing locks held by ended actions: %s',
                    ', '.join(sorted(leaked)))
        return lock_obj.release_for_actions(context, leaked)
    return 0


def _lock_holders(context):
    holders = set()
    for _cluster_id, action_ids, _sem, _engine in lock_obj.list_cluster_locks(context):
        holders.update(action_ids)
    for _node_id, action_id, _engine in lock_obj.list_node_locks(context):
        holders.add(action_id)
    return holders
