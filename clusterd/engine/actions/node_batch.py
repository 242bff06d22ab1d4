"""Running sibling node actions as one batch: the engine's hot path.

A cluster action that creates, deletes or updates N nodes fans out N derived
NODE_CREATE, NODE_DELETE or NODE_UPDATE actions (an update: a profile change of
a rolling update, nothing else).  Run one by one, each costs about ten statements in five
transactions; most of the engine's CPU went there.  A worker that claims several of
them with the same parent runs them together instead: one statement moves all their
nodes to CREATING (DELETING, UPDATING), the cloud calls run one per node on the engine's
bounded cloud-call pool (so latency overlaps as before), and one transaction writes
every node's outcome, ends every action and releases what waited for them.

Each node still gets its own call, status, reason and action row, exactly as with
the one-by-one path (:mod:`clusterd.engine.actions.node`), which remains in use for
node actions made by requests (they take locks and run policies) and whenever
events are wanted for derived actions.
"""

import futurist
from futurist import waiters  # noqa: F401  (futurist.waiters)
from oslo_log import log as logging

from clusterd.engine.actions import node as node_actions
from clusterd.engine import liveness
from clusterd.engine import retry
from clusterd.engine import runner
from clusterd.objects import action as action_obj
from clusterd.objects import node as node_obj
from clusterd.profiles import base as profile_base
from clusterd import states

LOG = logging.getLogger(__name__)

BATCHED = ('NODE_CREATE', 'NODE_DELETE', 'NODE_UPDATE')
# The only input of a NODE_UPDATE that is run in a batch.
PROFILE_ONLY = frozenset({'new_profile_id'})


def batchable(env, action):
    return (action.action in BATCHED and action.is_derived
            and not action.control
            and (action.data or {}).get('step', 'start') == 'start'
            and not env.conf.engine.events_for_derived_actions
            and (action.action != 'NODE_UPDATE'
                 or set(action.inputs or {}) <= PROFILE_ONLY))


def group_key(action):
    return (action.parent_id, action.action)


def run_batch(env, actions, fence=None):
    """Run sibling ``actions`` (same parent, same verb) to the end.

    Three phases, each safe to repeat: moving the nodes (retried as one
    transaction), the cloud calls (each retried alone: creates and deletes are
    idempotent by node id), and one transaction that writes the nodes' outcomes
    and ends the actions (retried as a whole, never the cloud calls again).  A
    database outage is ridden out until the earliest timeout of the actions.

    :param fence: the :class:`liveness.Fence` of the claim
    :raises liveness.Fenced: this engine lost the actions
    :raises: a database error that outlasted the actions' timeout (the caller
        hands them back)
    """
    fence = fence or env.lease.fence()
    context = env.context_for(actions[0], fence)
    deadline = min(retry.deadline_of(env, a) for a in actions)
    work = {'NODE_CREATE': _create, 'NODE_DELETE': _delete,
            'NODE_UPDATE': _update}[actions[0].action]
    what = 'batch of %d %s actions (parent %s)' % (len(actions), actions[0].action,
                                                   actions[0].parent_id)
    action_of = {a.target: a.id for a in actions}
    try:
        outcomes, node_writes = work(env, context, actions, action_of, deadline,
                                     what)
    except liveness.Fenced:
        raise
    except Exception as exc:
        if retry.retryable(exc):
            raise
        LOG.exception('Batch of %d %s actions failed', len(actions),
                      actions[0].action)
        outcomes = {a.target: (states.FAILED, '%s: %s' % (type(exc).__name__, exc),
                               None) for a in actions}
        node_writes = _NodeWrites()
    results = []
    for action in actions:
        status, reason, outputs = outcomes.get(action.target) or _missing(action)
        results.append((action.id, status, reason, outputs))
    node_of = {a.id: a.target for a in actions}
    claim = env.worker_claim()
    try:
        _moved, released, dependents = retry.call(
            env, lambda: action_obj.Action.finish_many(
                context, results, owner=env.engine_id,
                also=lambda ended: node_writes.apply(
                    context, {node_of[i] for i in ended}),
                claim=claim),
            deadline, 'ending the %s' % what)
    finally:
        # (What it claimed is this worker's to run, whatever failed after.)
        env.keep(claim)
    by_id = {a.id: a for a in actions}
    for action_id, status, _reason, _outputs in results:
        if status != states.SUCCEEDED and dependents.get(action_id):
            released += runner.cascade(context, by_id[action_id],
                                       dependents[action_id], status)
    if released:
        env.wake(fanout=len(released) > 1, released=released)


class _NodeWrites:
    """The node rows a batch writes with the end of its actions: only those of
    actions that are still this engine's to end (an action taken over is
    finished by its new engine, which writes its node itself)."""

    def __init__(self, expected=None):
        self.expected = expected
        self.settled = []  # (node id, status, reason, physical id)
        self.deleted = []
        self.profiles = []  # (node id, profile id) of nodes updated

    def apply(self, context, node_ids):
        deleted = [i for i in self.deleted if i in node_ids]
        if deleted:
            node_obj.Node.delete_many(context, deleted)
        settled = [r for r in self.settled if r[0] in node_ids]
        if settled:
            node_obj.Node.settle_many(context, settled, expected=self.expected)
        for node_id, profile_id in self.profiles:
            if node_id in node_ids:
                node_obj.Node.update(context, node_id, profile_id=profile_id)


def _missing(action):
    if action.action == 'NODE_DELETE':
        # Retried after an engine death that had already deleted it: done.
        return states.SUCCEEDED, 'Node deleted successfully.', None
    return (states.FAILED, "The node '%s' could not be found." % action.target,
            None)


class Cancelled(Exception):
    """The node's action was cancelled before its cloud call started."""


# How often a batch looks for cancel signals while its cloud calls run.
CANCEL_POLL = 0.5


def _calls(env, context, nodes, method_name, action_of, deadline, forced=(),
           targets=None):
    """Have each profile ``create`` or ``delete`` its nodes' resources as a batch
    (``Profile.create_batch``/``delete_batch``), calls on the cloud-call pool.

    Calls that have not started when their action is cancelled are skipped (their
    result is a :class:`Cancelled` error): cancellation stays cooperative, as for
    one action at a time, but reaches inside a batch.  A call that meets a
    database outage (the simulated cloud lives in the database; so do the
    fences) is made again once it answers: the calls are idempotent by node id.

    :param action_of: {node id: action id}
    :param forced: ids of the nodes whose deletion is forced (``force=True``
        goes to their profile's ``delete_batch``)
    :param targets: for ``update``: {node id: the new profile plugin}; each
        node's own profile's ``update`` is called on the pool
    :returns: {node id: (result, exception)}
    """
    cancelled = set()

    def guarded(method, ctx, node, *args, **kwargs):
        backoff = retry.Backoff(env, deadline, '%s of node %s' % (method_name,
                                                                  node.id))
        while True:
            if action_of[node.id] in cancelled:
                raise Cancelled('The action was cancelled.')
            try:
                result = method(ctx, node, *args, **kwargs)
            except Exception as exc:
                if not retry.retryable(exc):
                    raise
                backoff.wait(exc)
                continue
            backoff.succeeded()
            return result

    def submit(method, ctx, node, *args, **kwargs):
        return env.cloud_pool.submit(guarded, method, ctx, node, *args, **kwargs)

    by_profile = {}
    for node in nodes:
        by_profile.setdefault((node.profile_id, node.id in forced), []).append(node)
    futures = {}
    for (profile_id, force), members in by_profile.items():
        profile = retry.call(env, lambda: env.profile(context, profile_id),
                             deadline, 'loading profile %s' % profile_id)
        if targets is not None:
            futures.update((node.id, submit(profile.update, context, node,
                                            targets[node.id]))
                           for node in members)
            continue
        batch = getattr(profile, method_name + '_batch')
        futures.update(batch(context, members, submit, force=True) if force
                       else batch(context, members, submit))
    pending = set(futures.values())
    while pending:
        _done, pending = futurist.waiters.wait_for_all(pending, timeout=CANCEL_POLL)
        if pending:
            try:
                cancelled.update(action_obj.Action.cancelled_among(
                    context, list(action_of.values())))
            except Exception as exc:
                if not retry.retryable(exc):
                    raise
                # The signal is read again at the next poll.
    results = {}
    for node_id, future in futures.items():
        try:
            results[node_id] = (future.result(), None)
        except liveness.Fenced:
            raise
        except (profile_base.ResourceError, profile_base.OperationNotSupported,
                Cancelled) as exc:
            results[node_id] = (None, exc)
        except Exception as exc:
            if retry.retryable(exc):
                # Outlasted the deadline: the batch is handed back.
                raise
            LOG.exception('Cloud call %s failed for node %s', method_name, node_id)
            results[node_id] = (None, exc)
    return results


def _failure(error, node_status):
    """(action status, node status) for a failed or skipped call."""
    if isinstance(error, Cancelled):
        return states.CANCELLED, node_status
    return states.FAILED, states.N_ERROR


def _prepared(env, context, actions, deadline, what, move):
    """The batch's nodes, read and moved by ``move(nodes)`` in one transaction
    (retried as a whole while the database is away)."""
    def prepare():
        with context.writer:
            nodes = node_obj.Node.get_many(context, [a.target for a in actions])
            return nodes, move(nodes)
    return retry.call(env, prepare, deadline, 'starting the %s' % what)


def _create(env, context, actions, action_of, deadline, what):
    outcomes = {}

    def move(nodes):
        for node in nodes:
            if node.status == states.N_ACTIVE and node.physical_id:
                # Retried after an engine died between creating the node and
                # ending its action: the node is there, so the action succeeded.
                outcomes[node.id] = (states.SUCCEEDED, 'Node created successfully.',
                                     {'physical_id': node.physical_id})
        return set(node_obj.Node.set_status_many(
            context, [n.id for n in nodes if n.id not in outcomes],
            states.N_CREATING, 'Creation in progress'))

    nodes, moving = _prepared(env, context, actions, deadline, what, move)
    ready = [n for n in nodes if n.id in moving]
    calls = _calls(env, context, ready, 'create', action_of, deadline)
    writes = _NodeWrites(expected=states.N_CREATING)
    for node in ready:
        physical_id, error = calls[node.id]
        if error is None:
            writes.settled.append((node.id, states.N_ACTIVE, 'Creation succeeded',
                                   physical_id))
            outcomes[node.id] = (states.SUCCEEDED, 'Node created successfully.',
                                 {'physical_id': physical_id})
        else:
            reason = str(error)
            action_status, node_status = _failure(error, states.N_ERROR)
            writes.settled.append((node.id, node_status, reason,
                                   getattr(error, 'resource_id', None)))
            outcomes[node.id] = (action_status, reason, None)
    for node in nodes:
        outcomes.setdefault(node.id, (
            states.FAILED, "The node '%s' is %s; it cannot be created."
            % (node.id, node.status), None))
    return outcomes, writes


def _delete(env, context, actions, action_of, deadline, what):
    refused = {}

    def move(nodes):
        moving, holders = node_obj.Node.claim_for_delete(
            context, {n.id: action_of[n.id] for n in nodes},
            'Deletion in progress')
        refused.update(holders)
        return set(moving)

    nodes, moving = _prepared(env, context, actions, deadline, what, move)
    ready = [n for n in nodes if n.id in moving]
    # A node that never got past INIT has nothing in the cloud.
    with_resource = [n for n in ready if n.physical_id or n.status != states.N_INIT]
    forced = {a.target for a in actions if (a.inputs or {}).get('force')}
    calls = _calls(env, context, with_resource, 'delete', action_of, deadline,
                   forced)
    writes = _NodeWrites(expected=states.N_DELETING)
    outcomes = {}
    for node in ready:
        note, error = calls.get(node.id, (None, None))
        if error is None:
            writes.deleted.append(node.id)
            outcomes[node.id] = (states.SUCCEEDED, node_actions.deleted_reason(note),
                                 None)
        else:
            # A deletion cancelled before its call leaves the node as it was.
            action_status, node_status = _failure(error, states.N_ACTIVE)
            writes.settled.append((node.id, node_status, str(error), None))
            outcomes[node.id] = (action_status, str(error), None)
    for node in nodes:
        if node.id in refused:
            outcomes[node.id] = (
                states.FAILED, "The node '%s' is being deleted by action %s."
                % (node.id, refused[node.id]), None)
        outcomes.setdefault(node.id, (
            states.FAILED, "The node '%s' is %s; it cannot be deleted."
            % (node.id, node.status), None))
    return outcomes, writes


def _update(env, context, actions, action_of, deadline, what):
    """Profile changes (a rolling update's batch): as NodeUpdate does one by one."""
    outcomes = {}
    wanted = {a.target: (a.inputs or {}).get('new_profile_id') for a in actions}

    def move(nodes):
        for node in nodes:
            if not wanted[node.id] or node.profile_id == wanted[node.id]:
                # Nothing to change, or retried after an engine died between
                # updating the node and ending its action.
                outcomes[node.id] = (states.SUCCEEDED, 'Node updated successfully.',
                                     None)
        # NOTE: a node already UPDATING is one whose update an engine death
        # interrupted (this action, taken over: its parent holds the cluster
        # lock, so no other update runs); a profile update makes the resource
        # what the new profile says, so it is simply made again.
        interrupted = {n.id for n in nodes
                       if n.id not in outcomes and n.status == states.N_UPDATING}
        return interrupted | set(node_obj.Node.set_status_many(
            context, [n.id for n in nodes
                      if n.id not in outcomes and n.id not in interrupted],
            states.N_UPDATING, 'Update in progress'))

    nodes, moving = _prepared(env, context, actions, deadline, what, move)
    ready = [n for n in nodes if n.id in moving]
    targets = {}
    for profile_id in {wanted[n.id] for n in ready}:
        target = retry.call(env, lambda: env.profile(context, profile_id),
                            deadline, 'loading profile %s' % profile_id)
        targets.update((n.id, target) for n in ready
                       if wanted[n.id] == profile_id)
    # A node without a resource takes the new profile with no call, as in
    # NodeUpdate.
    with_resource = [n for n in ready if n.physical_id]
    calls = _calls(env, context, with_resource, 'update', action_of, deadline,
                   targets=targets)
    writes = _NodeWrites(expected=states.N_UPDATING)
    for node in ready:
        result, error = calls.get(node.id, (None, None))
        if error is None:
            physical_id = result if isinstance(result, str) and result else None
            writes.settled.append((node.id, states.N_ACTIVE, 'Update succeeded',
                                   physical_id))
            writes.profiles.append((node.id, wanted[node.id]))
            outcomes[node.id] = (states.SUCCEEDED, 'Node updated successfully.',
                                 None)
        else:
            action_status, node_status = _failure(error, states.N_ACTIVE)
            writes.settled.append((node.id, node_status, str(error),
                                   getattr(error, 'resource_id', None)))
            outcomes[node.id] = (action_status, str(error), None)
    for node in nodes:
        outcomes.setdefault(node.id, (
            states.FAILED, "The node '%s' is %s; it cannot be updated."
            % (node.id, node.status), None))
    return outcomes, writes
