"""Running one claimed action: step by step, until it is Done or waits.

A step that meets a database outage (or this engine's lease in doubt) is run
again from its start once the database answers, until the action's timeout:
every step can run again (that is what lets another engine resume an action),
and the action row is read again first, so an action taken away meanwhile is
left alone.  The end of an action (its status, locks, cluster) is one
transaction, retried as a whole.
"""

from oslo_log import log as logging

from clusterd.engine.actions import base
from clusterd.engine.actions import registry
from clusterd.engine import liveness
from clusterd.engine import retry
from clusterd.objects import action as action_obj
from clusterd.objects import base as objects_base
from clusterd.objects import cluster as cluster_obj
from clusterd.objects import node as node_obj
from clusterd import states

LOG = logging.getLogger(__name__)

CANCEL = 'CANCEL'


def run(env, action, fence=None):
    """Run ``action`` (RUNNING, owned by this engine) until it is Done or waits.

    :param fence: the :class:`liveness.Fence` of the claim (default: one taken
        now)
    :raises liveness.Fenced: this engine lost the action
    :raises: a database error that outlasted the action's timeout (the caller
        hands the action back)
    """
    backoff = retry.Backoff(env, retry.deadline_of(env, action),
                            'action %s (%s)' % (action.id, action.action))
    admin = env.admin_context()
    fence = fence or env.lease.fence()

    def reload():
        try:
            return action_obj.Action.get(admin, action.id, project_safe=False)
        except objects_base.NotFound:
            return None

    while True:
        try:
            _run(env, action, fence)
            backoff.succeeded()
            return
        except Exception as exc:
            if not retry.retryable(exc):
                raise
            backoff.wait(exc)
        fresh = retry.call(env, reload, retry.deadline_of(env, action),
                           'reading action %s' % action.id)
        if fence.epoch != env.lease.epoch:
            # Declared dead meanwhile: even if this engine runs the action
            # again, that is another worker's job now.
            raise liveness.Fenced('This engine was declared dead while action %s '
                                  'waited for the database.' % action.id)
        if fresh is None or fresh.status != states.RUNNING or \
                fresh.owner != env.engine_id:
            LOG.info('Action %s is no longer this engine\'s to run (%s)', action.id,
                     fresh.status if fresh is not None else 'gone')
            return
        action = fresh


def _run(env, action, fence):
    context = env.context_for(action, fence)
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
        workflow.data['step'] = outcome.next_step
        if not outcome.children:
            # Nothing to wait for: record the next step with what this one
            # wrote, and go straight on.
            step = outcome.next_step
            with context.writer:
                if not action_obj.Action.set_data(context, action.id,
                                                  data=workflow.data,
                                                  owner=env.engine_id):
                    raise liveness.Fenced('Action %s is no longer RUNNING under '
                                          'this engine.' % action.id)
                _apply(context, action, workflow, outcome)
            continue
        claim = env.worker_claim()
        ready = action_obj.Action.fan_out(
            context, action, outcome.children, outcome.dependencies, workflow.data,
            owner=env.engine_id,
            also=lambda: _apply(context, action, workflow, outcome), claim=claim)
        env.keep(claim)
        if ready is None:
            LOG.info('Action %s was cancelled or taken over while it fanned out',
                     action.id)
        elif ready:
            env.wake(fanout=len(ready) > 1, released=ready)
        return


def _apply(context, action, workflow, outcome):
    """Write the node rows and cluster values a Wait carries, and the writes
    its workflow makes with them (caller's transaction)."""
    workflow.wait_writes()
    node_obj.Node.create_many(context, outcome.new_nodes)
    if outcome.cluster_values:
        cluster_obj.Cluster.update(context, action.target, **outcome.cluster_values)


def _guarded(workflow, call):
    try:
        return call()
    except liveness.Fenced:
        raise
    except Exception as exc:
        if retry.retryable(exc):
            # Not the step's fault: run it again once the database is back.
            raise
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
    # release() changes the data (locks no longer held): each attempt of the
    # transaction starts from what it was.
    kept = dict(data) if data is not None else None

    def release_and_settle():
        # Part of the transaction that ends the action: whoever sees the cluster
        # settled also sees it unlocked and the action ended.
        data.clear()
        data.update(kept)
        workflow.release()
        workflow.final_writes()

    claim = env.worker_claim()
    try:
        moved, released, dependents = retry.call(
            env, lambda: action_obj.Action.finish(
                context, action.id, outcome.status, outcome.reason,
                outputs=outcome.outputs, data=data, owner=env.engine_id,
                also=release_and_settle if workflow is not None else None,
                claim=claim),
            retry.deadline_of(env, action), 'ending action %s' % action.id)
    finally:
        # (What it claimed is this worker's to run, whatever failed after.)
        env.keep(claim)
    if not moved:
        LOG.info('Action %s had already ended (cancelled or timed out) when it '
                 'finished with %s', action.id, outcome.status)
    if workflow is not None:
        workflow.ended(moved)
    if outcome.status != states.SUCCEEDED:
        released += cascade(context, action, dependents, outcome.status)
    if released:
        env.wake(fanout=len(released) > 1, released=released)


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
