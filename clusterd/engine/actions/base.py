"""The workflow framework every cluster and node action is written in.

A workflow is a class with steps named ``step_<name>``; the first is ``start``.  A
step returns either :class:`Done` (the action ends) or :class:`Wait` (fan out child
actions and continue with ``next_step`` once they have all ended).  While it waits,
no worker thread is held: the parent is a WAITING row that the last child releases
(:meth:`clusterd.objects.action.Action.finish`), and any engine resumes it.  Writing
the children, the new node rows and the parent's next step happens in one
transaction, so a step interrupted by an engine death can simply run again.
"""

import dataclasses

from clusterd.objects import action as action_obj
from clusterd import states


@dataclasses.dataclass
class Done:
    status: str
    reason: str
    outputs: dict = None
    # notifications.exception_info() of the exception it failed on, if any (the
    # notification's ExceptionPayload).
    exception: dict = None


@dataclasses.dataclass
class Wait:
    """Fan out ``children`` and resume with ``next_step``."""
    children: list
    next_step: str
    # (depended id, dependent id) pairs between siblings.
    dependencies: list = dataclasses.field(default_factory=list)
    # Node rows to insert and cluster values to write in the same transaction.
    new_nodes: list = dataclasses.field(default_factory=list)
    cluster_values: dict = None


def succeeded(reason, outputs=None):
    return Done(states.SUCCEEDED, reason, outputs)


def failed(reason, outputs=None, exception=None):
    return Done(states.FAILED, reason, outputs, exception)


class Workflow:
    """Base of all workflows.  ``env`` is the engine's :class:`Environment`."""

    # Emit start/end events for this action (cluster actions and RPC node actions).
    def __init__(self, env, context, action):
        self.env = env
        self.context = context
        self.action = action
        self.inputs = action.inputs or {}
        self.data = dict(action.data or {})

    @property
    def step(self):
        return self.data.get('step', 'start')

    def run_step(self, step):
        return getattr(self, 'step_' + step)()

    def on_cancel(self):
        """The action was cancelled between steps; tidy up and say how it ended."""
        return Done(states.CANCELLED, 'The action was cancelled.')

    def release(self):
        """Drop whatever this workflow holds (locks); called once it is Done, in
        the transaction that ends the action."""

    def wait_writes(self):
        """Writes that go with a :class:`Wait` this workflow returned, in the
        transaction that records it (with the children, node rows and next
        step)."""

    def final_writes(self):
        """Writes that must become visible together with the action's end (a
        cluster's settled status), in the same transaction."""

    def ended(self, moved):
        """After the transaction that ended the action (``moved``: True if it
        was this worker's end, False if another had ended it first)."""

    def after_failure(self, outcome):
        """The action failed or was cancelled: leave nothing looking busy."""

    def wants_events(self):
        return True

    def child(self, action_name, target, inputs=None, cause=action_obj.CAUSE_DERIVED,
              name=None, cluster_id=None):
        """Column values of a derived action."""
        return action_obj.Action.values_for(
            self.context, action=action_name, target=target, inputs=inputs or {},
            cause=cause, cluster_id=cluster_id,
            name=name or '%s_%s' % (action_name.lower(), target[:8]),
            timeout=self.action.timeout or self.env.conf.default_action_timeout)
