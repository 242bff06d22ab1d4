"""Running one claimed action: step by step, until it is Done or waits."""

from oslo_log import log as logging

from clusterd.engine.actions import base
from clusterd.engine.actions import registry
from clusterd.objects import action as action_obj
from clusterd.objects import base as objects_base
from clusterd.objects import cluster as cluster_obj
from clusterd.objects import node as node_obj
from clusterd import states

LOG = logging.getLogger(__name__)

CANCEL = 'CANCEL'


def run(env, action):
    """Run ``action`` (RUNNING, owned by this engine) until it is Done or waits."""
    context = env.context_for(action)
    workflow_class = registry.WORKFLOWS.get(action.action)
    if workflow_class is None:
        _finish(env, context, action, None, base.failed(
            "Action '%s' is not supported." % action.action))
        return
    try:
        workflow = workflow_class(env, context, action)
    except objects_base.NotFound as exc:
        # The target went away (e.g. deleted by a forced request); a delete of
        # something already gone has succeeded.
        outcome = (base.succeeded('%s: already gone.' % exc)
                   if action.action in ('NODE_DELETE', 'CLUSTER_DELETE')
                   else base.failed(str(exc)))
        _finish(env, context, action, None, outcome)
        return
    step = workflow.step
    while True:
        if action.control == CANCEL:
            outcome = _guarded(workflow, workflow.on_cancel)
        else:
            outcome = _guarded(workflow, lambda: workflow.run_step(step))
        if isinstance(outcome, base.Done):
            _finish(env, context, action, workflow, outcome)
            return
        if not outcome.children:
            # Nothing to wait for: go straight on with the next step.
            step = workflow.data['step'] = outcome.next_step
            with context.writer:
                _apply(context, action, outcome)
            continue
        workflow.data['step'] = outcome.next_step
        with context.writer:
            _apply(context, action, outcome)
            ready = action_obj.Action.fan_out(context, action, outcome.children,
                                              outcome.dependencies, workflow.data)
        if ready is None:
            LOG.info('Action %s was cancelled or taken over while it fanned out',
                     action.id)
        elif ready:
            env.wake(fanout=len(ready) > 1)
        return


def _apply(context, action, outcome):
    """Write the node rows and cluster values a Wait carries (caller's transaction)."""
    node_obj.Node.create_many(context, outcome.new_nodes)
    if outcome.cluster_values:
        cluster_obj.Cluster.update(context, action.target, **outcome.cluster_values)


def _guarded(workflow, call):
    try:
        return call()
    except Exception as exc:
        LOG.exception('Action %s (%s) failed in step %s', workflow.action.id,
                      workflow.action.action, workflow.step)
        return base.failed('%s: %s' % (type(exc).__name__, exc))


def _finish(env, context, action, workflow, outcome):
    if workflow is not None and outcome.status != states.SUCCEEDED:
        try:
            workflow.after_failure(outcome)
        except Exception:
            LOG.exception('Action %s could not tidy up after failing', action.id)
    data = workflow.data if workflow is not None else None

    def release_and_settle():
        # Part of the transaction that ends the action: whoever sees the cluster
        # settled also sees it unlocked and the action ended.
        workflow.release()
        workflow.final_writes()

    moved, released, dependents = action_obj.Action.finish(
        context, action.id, outcome.status, outcome.reason, outputs=outcome.outputs,
        data=data, also=release_and_settle if workflow is not None else None)
    if not moved:
        LOG.info('Action %s had already ended (cancelled or timed out) when it '
                 'finished with %s', action.id, outcome.status)
    if outcome.status != states.SUCCEEDED:
        released += cascade(context, action, dependents, outcome.status)
    if released:
        env.wake(fanout=len(released) > 1)


def cascade(context, action, dependents, status):
    """Fail (or cancel) the siblings that waited for a failed action.

    The parent is not failed here: it is released like after any child, and decides
    itself from its children's results, once all of them have ended.
    """
    released = []
    for dependent in dependents:
        if dependent == action.parent_id:
            continue
        reason = 'Depended action %s ended %s.' % (action.id, status)
        moved, more, their_dependents = action_obj.Action.finish(
            context, dependent, status, reason)
        released += more
        if moved:
            sibling = action_obj.Action.get(context, dependent, project_safe=False)
            released += cascade(context, sibling, their_dependents, status)
    return released
