"""Cancelling actions (PATCH /v1/actions/{id}) and ending whole action trees."""

from clusterd.objects import action as action_obj
from clusterd.objects import cluster as cluster_obj
from clusterd.objects import lock as lock_obj
from clusterd.objects import node as node_obj
from clusterd import states

CANCEL = 'CANCEL'
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
        end_tree(context, action, states.CANCELLED, 'The action was force-cancelled.')
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
        _settle(context, action.target, '%s cancelled' % action.action,
                only_if_busy=True)


def end_tree(context, action, status, reason):
    """End ``action`` and every unfinished action below it now, releasing locks.

    The top action ends last, after its cluster is settled, so that whoever sees it
    ended also sees the cluster's final status.
    """
    below = action_obj.Action.descendant_ids(context, action.id,
                                             statuses=states.ACTION_ACTIVE)
    for action_id in reversed(below):
        action_obj.Action.finish(context, action_id, status,
                                 'Ended with its parent: %s' % reason)
    lock_obj.release_for_actions(context, [action.id] + below)
    if action.action.startswith('CLUSTER_'):
        _settle(context, action.target, '%s %s' % (action.action, status.lower()))
    action_obj.Action.finish(context, action.id, status, reason)


def _settle(context, cluster_id, operation, only_if_busy=False):
    try:
        cluster = cluster_obj.Cluster.get(context, cluster_id, project_safe=False)
    except LookupError:
        return
    if only_if_busy and cluster.status not in states.CLUSTER_BUSY:
        return
    active = node_obj.Node.count_active(context, cluster.id)
    status, why = states.eval_cluster_status(
        active, cluster.min_size, cluster.max_size, cluster.desired_capacity)
    cluster_obj.Cluster.set_status(context, cluster.id, status,
                                   '%s: %s' % (operation, why))
