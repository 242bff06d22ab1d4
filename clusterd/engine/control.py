"""Cancelling actions (PATCH /v1/actions/{id}) and ending whole action trees."""

from clusterd.objects import action as action_obj
from clusterd.objects import cluster as cluster_obj
from clusterd.objects import lock as lock_obj
from clusterd.objects import node as node_obj
from clusterd import states

CANCEL = 'CANCEL'
PAUSE = 'PAUSE'
# Actions that pause between two batches (clusterd.engine.actions.cluster_update).
PAUSABLE = ('CLUSTER_UPDATE', 'CLUSTER_REPLACE_NODES')
# What can still be cancelled (states.ACTION_ACTIVE), in the order Senlin named them.
CANCELLABLE = (states.INIT, states.WAITING, states.READY, states.RUNNING,
               states.WAITING_LIFECYCLE_COMPLETION)


class ActionImmutable(Exception):
    pass


def cancel(context, action_id, force=False):
    """Cancel an action and what it fanned out.

    Without ``force`` it is cooperative: actions that have not started are cancelled
    at once, running ones see the signal between steps.  With ``force`` every
    action of the tree that has not ended is cancelled now and its locks released;
    meant for stuck actions.

    :raises ActionImmutable: the action has already ended
    """
    action = action_obj.Action.get(context, action_id, project_safe=False)
    if action.status in states.ACTION_TERMINAL:
        # Senlin's words: the short id, the statuses in its order.
        raise ActionImmutable("Action (%s) is in status (%s) while expected status "
                              "must be one of (%s)." % (
                                  action_id[:8], action.status,
                                  list(CANCELLABLE)))
    if force:
        if not end_tree(context, action, states.CANCELLED,
                        'The action was force-cancelled.'):
            # It ended (its worker finished it) since it was read above.
            ended = action_obj.Action.get(context, action_id, project_safe=False)
            raise ActionImmutable("Action (%s) is in status (%s) while expected "
                                  "status must be one of %s." % (
                                      action_id, ended.status,
                                      sorted(states.ACTION_ACTIVE)))
        return
    tree = [action_id] + action_obj.Action.descendant_ids(
        context, action_id, statuses=states.ACTION_ACTIVE)
    action_obj.Action.signal(context, tree, CANCEL)
    not_started = {states.INIT, states.READY, states.WAITING_LIFECYCLE_COMPLETION}
    for child_id in reversed(tree):
        # Releasing a WAITING parent lets it run on_cancel and settle its cluster.
        action_obj.Action.finish(context, child_id, states.CANCELLED,
                                 'The action was cancelled.', expected=not_started)
    if action.status in (states.INIT, states.READY) and \
            action.action.startswith('CLUSTER_') and \
            not lock_obj.holders_of_cluster(context, action.target):
        # It never started: undo the busy status its request showed.
        _settle(context, action, '%s cancelled' % action.action,
                'The action was cancelled.', only_if_busy=True)


class NotPausable(Exception):
    pass


def pause(context, action_id):
    """Ask a rolling update to stop before its next batch (until :func:`resume`).

    The batch in flight finishes; the action stays RUNNING (or WAITING) and its
    outputs say ``paused: true`` once it has stopped.

    :raises NotPausable: the action is not a rolling update
    :raises ActionImmutable: it has ended, or is being cancelled
    """
    action = action_obj.Action.get(context, action_id, project_safe=False)
    if action.action not in PAUSABLE:
        raise NotPausable("Only %s actions can be paused; action '%s' is %s." % (
            ' and '.join(PAUSABLE), action_id, action.action))
    if action.control == PAUSE:
        return
    if not action_obj.Action.swap_control(context, action_id, None, PAUSE):
        raise ActionImmutable("Action (%s) cannot be paused: its status is %s%s."
                              % (action_id[:8], action.status,
                                 ' and it is being cancelled'
                                 if action.control == CANCEL else ''))


def resume(context, action_id):
    """Let a paused rolling update go on with its next batch.

    :raises NotPausable: the action is not a rolling update
    :raises ActionImmutable: it has ended, or is being cancelled
    """
    action = action_obj.Action.get(context, action_id, project_safe=False)
    if action.action not in PAUSABLE:
        raise NotPausable("Only %s actions can be resumed; action '%s' is %s." % (
            ' and '.join(PAUSABLE), action_id, action.action))
    if action.status in states.ACTION_TERMINAL or action.control == CANCEL:
        raise ActionImmutable("Action (%s) cannot be resumed: its status is %s%s."
                              % (action_id[:8], action.status,
                                 ' and it is being cancelled'
                                 if action.control == CANCEL else ''))
    action_obj.Action.swap_control(context, action_id, PAUSE, None)


def end_tree(context, action, status, reason):
    """End ``action`` and every unfinished action below it now, releasing locks.

    All of it is one transaction (:meth:`Action.end_tree`), the cluster's
    settled status included: whoever sees the action ended also sees the
    cluster's final status, and no engine ever sees the parent released by its
    children's end (it would run its last step and end it FAILED).

    :returns: True if this call ended ``action``; False if it had ended already
    """
    def settle():
        if action.action.startswith('CLUSTER_'):
            _settle(context, action, '%s %s' % (action.action, status.lower()),
                    reason)

    moved, _below = action_obj.Action.end_tree(
        context, action.id, status, reason, 'Ended with its parent: %s' % reason,
        also=settle)
    return moved


def _settle(context, action, operation, reason, only_if_busy=False):
    """Settle the cluster of a cluster action that was ended from outside.

    A cluster whose creation never started (still INIT) becomes ERROR, as when
    its create fails; any other is evaluated from its ACTIVE nodes.
    """
    try:
        cluster = cluster_obj.Cluster.get(context, action.target,
                                          project_safe=False)
    except LookupError:
        return
    if cluster.status == states.C_INIT and action.action == 'CLUSTER_CREATE':
        cluster_obj.Cluster.set_status(context, cluster.id, states.C_ERROR,
                                       '%s: %s' % (operation, reason))
        return
    if only_if_busy and cluster.status not in states.CLUSTER_BUSY:
        return
    active = node_obj.Node.count_active(context, cluster.id)
    status, why = states.eval_cluster_status(
        active, cluster.min_size, cluster.max_size, cluster.desired_capacity)
    cluster_obj.Cluster.set_status(context, cluster.id, status,
                                   '%s: %s' % (operation, why))
