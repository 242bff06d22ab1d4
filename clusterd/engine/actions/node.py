"""Node workflows: NODE_CREATE, _DELETE, _UPDATE, _JOIN, _LEAVE, _CHECK, _RECOVER,
_OPERATION.

A node action made by a request (cause "RPC Request") takes the cluster lock in the
shared node scope and the node lock, and runs the cluster's policies; a derived one
(made by a cluster action) takes neither, because its parent holds the cluster lock
exclusively for as long as it runs, and runs no policies, as in Senlin.
"""

from clusterd.engine.actions import base
from clusterd.engine import events
from clusterd.engine import locks
from clusterd.engine import notifications
from clusterd.engine import policy_checks
from clusterd.objects import base as objects_base
from clusterd.objects import cluster as cluster_obj
from clusterd.objects import lock as lock_obj
from clusterd.objects import node as node_obj
from clusterd.policies import base as policy_base
from clusterd.profiles import base as profile_base
from clusterd import states


def _new_physical_id(value):
    """Profiles whose update or operation replaces the resource (a process
    restarted under a new pid) return the new physical id; others return None."""
    return {'physical_id': value} if isinstance(value, str) and value else {}


def _without_stop_mark(data):
    """The node's data without the mark a stopping operation left."""
    data = dict(data or {})
    data.pop('stopped_by', None)
    return data


class NodeWorkflow(base.Workflow):
    force_node_lock = False

    def __init__(self, env, context, action):
        super().__init__(env, context, action)
        self.node = node_obj.Node.get(context, action.target, project_safe=False)
        self.by_request = not action.is_derived
        self.decisions = policy_base.Decisions()
        self.cluster = None

    def wants_events(self):
        return self.by_request or self.env.conf.engine.events_for_derived_actions

    def step_start(self):
        purpose = self.action.action.replace('_', ' ').title()
        if self.by_request:
            if self.node.cluster_id:
                try:
                    locks.lock_cluster(self.env, self.context, self.node.cluster_id,
                                       self.action, purpose, scope=locks.NODE_SCOPE)
                except locks.LockConflict as exc:
                    return base.failed(str(exc))
                self.data['cluster_locked'] = self.node.cluster_id
                self.cluster = cluster_obj.Cluster.get(
                    self.context, self.node.cluster_id, project_safe=False)
            holder = lock_obj.acquire_node(self.context, self.node.id, self.action.id,
                                           self.env.engine_id,
                                           force=self.force_node_lock)
            if holder:
                return base.failed(
                    "%s for node '%s' cannot be completed because it is already "
                    "locked (by action %s)." % (purpose, self.node.id, holder))
            self.data['node_locked'] = True
        self.event(events.START, 'Start')
        if self.cluster is not None:
            policy_checks.run(self.env, self.context, self.cluster, self.action,
                              policy_base.BEFORE, self.decisions)
            self.data['decisions'] = self.decisions.to_dict()
            if self.decisions.error:
                return self.end(base.failed('Policy check failure: %s'
                                            % self.decisions.error))
        try:
            outcome = self.work(self.env.profile(self.context, self.node.profile_id))
        except (profile_base.ResourceError, profile_base.OperationNotSupported) as exc:
            node_obj.Node.set_status(
                self.context, self.node.id, states.N_ERROR, str(exc),
                **self.error_values(exc))
            outcome = base.failed(str(exc),
                                  exception=notifications.exception_info(exc))
        return self.end(outcome)

    def error_values(self, exc):
        resource_id = getattr(exc, 'resource_id', None)
        return {'physical_id': resource_id} if resource_id else {}

    def end(self, outcome):
        if self.cluster is not None and outcome.status == states.SUCCEEDED:
            policy_checks.run(self.env, self.context, self.cluster, self.action,
                              policy_base.AFTER, self.decisions)
            if self.decisions.error:
                outcome = base.failed('Policy check failure: %s'
                                      % self.decisions.error, outcome.outputs)
        succeeded = outcome.status == states.SUCCEEDED
        self.event(events.END if succeeded else events.ERROR, outcome.reason,
                   events.INFO if succeeded else events.ERROR_LEVEL,
                   status=outcome.status, exception=outcome.exception)
        return outcome

    def release(self):
        if self.data.pop('node_locked', False):
            lock_obj.release_node(self.context, self.node.id, self.action.id)
        cluster_id = self.data.pop('cluster_locked', None)
        if cluster_id:
            lock_obj.release_cluster(self.context, cluster_id, self.action.id)

    def event(self, phase, reason, level=events.INFO, status=None, exception=None):
        if self.wants_events():
            node = self.node
            if phase != events.START:
                # As the action leaves it (its status, physical id...).
                try:
                    node = node_obj.Node.get(self.context, self.node.id,
                                             project_safe=False)
                except objects_base.NotFound:
                    pass
            events.emit(self.env, self.context, self.action, 'NODE', node, phase,
                        reason, level, status=status, exception=exception)

    def settle_cluster(self, desired_delta=0):
        """After a request changed membership: adjust desired capacity, settle."""
        cluster_id = self.node.cluster_id or (self.cluster.id if self.cluster else '')
        if not (self.by_request and cluster_id):
            return
        cluster = cluster_obj.Cluster.get(self.context, cluster_id,
                                          project_safe=False)
        if desired_delta:
            cluster_obj.Cluster.update(
                self.context, cluster.id,
                desired_capacity=max(cluster.desired_capacity + desired_delta, 0))
            cluster.desired_capacity += desired_delta
        active = node_obj.Node.count_active(self.context, cluster.id)
        status, why = states.eval_cluster_status(
            active, cluster.min_size, cluster.max_size, cluster.desired_capacity)
        cluster_obj.Cluster.set_status(self.context, cluster.id, status,
                                       '%s: %s' % (self.action.action, why))


class NodeCreate(NodeWorkflow):

    def work(self, profile):
        if self.node.status == states.N_ACTIVE and self.node.physical_id:
            # Run again after an engine died between creating the node and ending
            # this action: it is done.
            return base.succeeded('Node created successfully.',
                                  {'physical_id': self.node.physical_id})
        creation = self.decisions.creation
        if creation is not None and creation.placements:
            # Where the cluster's placement policies put this node.
            data = dict(self.node.data or {},
                        placement=dict(creation.placements[0]))
            node_obj.Node.update(self.context, self.node.id, data=data)
            self.node.data = data
        node_obj.Node.set_status(self.context, self.node.id, states.N_CREATING,
                                 'Creation in progress')
        physical_id = profile.create(self.context, self.node)
        node_obj.Node.set_status(self.context, self.node.id, states.N_ACTIVE,
                                 'Creation succeeded', physical_id=physical_id)
        self.settle_cluster(desired_delta=1)
        return base.succeeded('Node created successfully.',
                              {'physical_id': physical_id})


class NodeDelete(NodeWorkflow):
    force_node_lock = True

    def work(self, profile):
        moved, refused = node_obj.Node.claim_for_delete(
            self.context, {self.node.id: self.action.id}, 'Deletion in progress')
        if refused:
            return base.failed("The node '%s' is being deleted by action %s."
                               % (self.node.id, refused[self.node.id]))
        if not moved:
            return base.failed("The node '%s' is %s; it cannot be deleted."
                               % (self.node.id, self.node.status))
        config = {}
        if self.node.cluster_id:
            try:
                config = cluster_obj.Cluster.get(
                    self.context, self.node.cluster_id, project_safe=False).config
            except objects_base.NotFound:
                config = {}
        if (config or {}).get('cluster.stop_node_before_delete'):
            try:
                profile.operation(self.context, self.node, 'stop', {})
            except Exception:  # stopping first is best effort, as in Senlin
                pass
        note = None
        if self.node.physical_id or self.node.status != states.N_INIT:
            note = profile.delete(self.context, self.node, force=bool(
                self.inputs.get('force')))
        node_obj.Node.delete_many(self.context, [self.node.id])
        self.settle_cluster(desired_delta=-1)
        return base.succeeded(deleted_reason(note))


def deleted_reason(note):
    """The reason of a node deletion that succeeded, with the profile's note (a
    forced delete that went on without asking the cloud) when there is one."""
    if isinstance(note, str) and note:
        return 'Node deleted successfully. %s' % note
    return 'Node deleted successfully.'


class NodeUpdate(NodeWorkflow):

    def work(self, profile):
        values = {k: self.inputs[k] for k in ('name', 'role', 'metadata', 'tainted')
                  if self.inputs.get(k) is not None}
        if values:
            node_obj.Node.update(self.context, self.node.id, **values)
        new_profile_id = self.inputs.get('new_profile_id')
        if new_profile_id and new_profile_id != self.node.profile_id:
            node_obj.Node.set_status(self.context, self.node.id, states.N_UPDATING,
                                     'Update in progress')
            new_profile = self.env.profile(self.context, new_profile_id)
            physical_id = None
            if self.node.physical_id:
                physical_id = profile.update(self.context, self.node, new_profile)
            node_obj.Node.set_status(self.context, self.node.id, states.N_ACTIVE,
                                     'Update succeeded', profile_id=new_profile_id,
                                     **_new_physical_id(physical_id))
        return base.succeeded('Node updated successfully.')


class NodeJoin(NodeWorkflow):

    def work(self, profile):
        cluster_id = self.inputs.get('cluster_id')
        profile.join(self.context, self.node, cluster_id)
        index = cluster_obj.Cluster.reserve_indexes(self.context, cluster_id, 1)
        node_obj.Node.update(self.context, self.node.id, cluster_id=cluster_id,
                             index=index)
        return base.succeeded('Node successfully joined cluster.')


class NodeLeave(NodeWorkflow):

    def work(self, profile):
        profile.leave(self.context, self.node)
        node_obj.Node.update(self.context, self.node.id, cluster_id='', index=-1)
        return base.succeeded('Node successfully left cluster.')


class NodeCheck(NodeWorkflow):

    def work(self, profile):
        healthy = self.node.physical_id and profile.check(self.context, self.node)
        stopped_by = (self.node.data or {}).get('stopped_by')
        if healthy:
            node_obj.Node.set_status(self.context, self.node.id, states.N_ACTIVE,
                                     'Check: Node is ACTIVE.',
                                     data=_without_stop_mark(self.node.data))
            return base.succeeded('Node check succeeded.')
        if stopped_by and self.node.physical_id:
            # Stopped on purpose: not a failure, and not ACTIVE either.
            node_obj.Node.set_status(
                self.context, self.node.id, states.N_WARNING,
                "Check: Node is stopped on request (operation '%s')." % stopped_by)
            return base.succeeded('Node check succeeded: the node is stopped on '
                                  "request (operation '%s')." % stopped_by)
        node_obj.Node.set_status(self.context, self.node.id, states.N_ERROR,
                                 'Check: Node is not ACTIVE.')
        return base.failed('Node check failed.')


class NodeRecover(NodeWorkflow):

    def work(self, profile):
        if self.inputs.get('check') and self.node.physical_id and \
                profile.check(self.context, self.node):
            node_obj.Node.set_status(self.context, self.node.id, states.N_ACTIVE,
                                     'Recover: Node is ACTIVE.')
            return base.succeeded('Node is healthy; nothing to recover.')
        node_obj.Node.set_status(self.context, self.node.id, states.N_RECOVERING,
                                 'Recovery in progress')
        operation = self.inputs.get('operation')
        physical_id = profile.recover(self.context, self.node, operation,
                                      self.inputs.get('operation_params'))
        node_obj.Node.set_status(self.context, self.node.id, states.N_ACTIVE,
                                 'Recovery succeeded', physical_id=physical_id,
                                 data=_without_stop_mark(self.node.data))
        return base.succeeded('Node recovered successfully.',
                              {'physical_id': physical_id})


class NodeOperation(NodeWorkflow):
    force_node_lock = True

    def work(self, profile):
        operation = self.inputs.get('operation')
        node_obj.Node.set_status(self.context, self.node.id, states.N_OPERATING,
                                 "Operation '%s' in progress" % operation)
        physical_id = profile.operation(self.context, self.node, operation,
                                        self.inputs.get('params') or {})
        leaves = profile.STOPPING_OPERATIONS.get(operation)
        data = _without_stop_mark(self.node.data)
        if leaves:
            data['stopped_by'] = operation
            status = states.N_WARNING
            reason = "Operation '%s' succeeded; the node is %s on request." % (
                operation, leaves)
        else:
            status = states.N_ACTIVE
            reason = "Operation '%s' succeeded" % operation
        node_obj.Node.set_status(self.context, self.node.id, status, reason,
                                 data=data, **_new_physical_id(physical_id))
        return base.succeeded("Node operation '%s' succeeded." % operation)
