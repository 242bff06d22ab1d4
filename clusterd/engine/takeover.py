"""The takeover pass: what keeps the system live when engines die or messages are lost.

Every live engine runs it on each heartbeat (it is idempotent, so several engines
running it at once is harmless):

1. an engine whose heartbeat is older than ``[engine] lease_seconds`` is dead: its
   service row goes, its RUNNING actions lose their locks and go back to READY (every
   workflow step can run again safely) or, after ``[engine] max_takeovers`` tries,
   to FAILED with the reason;
2. a top-level action past its timeout fails, and what it fanned out is cancelled;
3. a WAITING action with nothing left to wait for (a lost wake-up) becomes READY;
4. a node removal held for a lifecycle hook past its timeout goes on
   (:mod:`clusterd.engine.lifecycle`);
5. a lock held only by ended actions is released.
"""

import time

from oslo_log import log as logging

from clusterd.engine import control
from clusterd.engine import lifecycle
from clusterd.objects import action as action_obj
from clusterd.objects import lock as lock_obj
from clusterd.objects import service as service_obj
from clusterd import states

LOG = logging.getLogger(__name__)


def hand_back(context, actions, reason, max_takeovers):
    """Release the locks of ``actions`` and make each READY again (or FAILED).

    :returns: (ids made READY, ids failed)
    """
    lock_obj.release_for_actions(context, [a.id for a in actions])
    ready, failed = [], []
    for action in actions:
        data = dict(action.data or {})
        data['takeovers'] = data.get('takeovers', 0) + 1
        # Locks were released above: the step that runs again takes them anew.
        data.pop('locked', None)
        data.pop('node_locked', None)
        data.pop('cluster_locked', None)
        if data['takeovers'] > max_takeovers:
            action_obj.Action.finish(
                context, action.id, states.FAILED,
                '%s; failed after %d tries.' % (reason, data['takeovers'] - 1),
                data=data)
            failed.append(action.id)
        elif action_obj.Action.transition(context, action.id, states.READY,
                                          expected={states.RUNNING},
                                          owner=None, data=data):
            ready.append(action.id)
    return ready, failed


def run_once(env, context):
    """One takeover pass. :returns: True if it made work READY"""
    conf = env.conf.engine
    made_ready = False
    dead = service_obj.Service.remove_dead(context, 'clusterd-engine',
                                           conf.lease_seconds, env.engine_id)
    for engine_id in dead:
        LOG.warning('Engine %s missed its heartbeat for over %.0f s: taking over its '
                    'actions and locks', engine_id, conf.lease_seconds)
    orphans = action_obj.Action.orphaned(context)
    if orphans:
        ready, failed = hand_back(
            context, orphans, 'The engine running this action died',
            conf.max_takeovers)
        LOG.warning('Took over %d action(s) of dead engines: %d ready to run again, '
                    '%d failed', len(orphans), len(ready), len(failed))
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
    holders = set()
    for _cluster_id, action_ids, _sem, _engine in lock_obj.list_cluster_locks(context):
        holders.update(action_ids)
    for _node_id, action_id, _engine in lock_obj.list_node_locks(context):
        holders.add(action_id)
    if not holders:
        return 0
    leaked = action_obj.Action.ended_or_unknown_among(context, holders)
    if leaked:
        LOG.warning('Releasing locks held by ended actions: %s', ', '.join(leaked))
        return lock_obj.release_for_actions(context, leaked)
    return 0
