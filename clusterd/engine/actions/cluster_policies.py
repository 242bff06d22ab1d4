"""CLUSTER_ATTACH_POLICY, CLUSTER_DETACH_POLICY and CLUSTER_UPDATE_POLICY."""

from clusterd.engine.actions import base
from clusterd.engine.actions import cluster_base
from clusterd.engine import policy_checks
from clusterd.objects import base as objects_base
from clusterd.objects import cluster as cluster_obj


def _settled(workflow, outcome):
    workflow.settle()
    return workflow.finish(outcome)


class ClusterAttachPolicy(cluster_base.ClusterWorkflow):
    lock_purpose = 'Policy attach'
    changes_bindings = True

    def begin(self):
        policy_id = self.inputs.get('policy_id')
        problem = policy_checks.attach_problem(self.env.policy, self.context,
                                               self.cluster, policy_id)
        if problem == policy_checks.ALREADY_ATTACHED:
            return _settled(self, base.succeeded(problem))
        if problem is not None:
            return _settled(self, base.failed(problem))
        policy = self.env.policy(self.context, policy_id)
        ok, data = policy.attach(self.context, self.cluster)
        if not ok:
            return _settled(self, base.failed(data))
        cluster_obj.ClusterPolicy.create(
            self.context, id=objects_base.new_id(), cluster_id=self.cluster.id,
            policy_id=policy_id, enabled=bool(self.inputs.get('enabled', True)),
            priority=type(policy).PRIORITY, data=data or {})
        return _settled(self, base.succeeded('Policy attached.'))


class _BindingWorkflow(cluster_base.ClusterWorkflow):
    changes_bindings = True

    def binding(self):
        """The binding the request names, or None (then ``self.missing`` says why)."""
        policy_id = self.inputs.get('policy_id')
        try:
            return cluster_obj.ClusterPolicy.find(self.context, self.cluster.id,
                                                  policy_id)
        except objects_base.NotFound:
            self.missing = _settled(self, base.failed(
                "The policy '%s' is not attached to the specified cluster '%s'."
                % (policy_id, self.cluster.id)))
            return None


class ClusterDetachPolicy(_BindingWorkflow):
    lock_purpose = 'Policy detach'

    def begin(self):
        binding = self.binding()
        if binding is None:
            return self.missing
        policy = self.env.policy(self.context, binding.policy_id)
        # What attach kept in the binding (a server group it made...).
        policy.binding = binding
        ok, reason = policy.detach(self.context, self.cluster)
        if not ok:
            return _settled(self, base.failed(reason))
        cluster_obj.ClusterPolicy.delete(self.context, binding.id)
        return _settled(self, base.succeeded('Policy detached.'))


class ClusterUpdatePolicy(_BindingWorkflow):
    lock_purpose = 'Policy update'

    def begin(self):
        binding = self.binding()
        if binding is None:
            return self.missing
        if self.inputs.get('enabled') is not None:
            cluster_obj.ClusterPolicy.update(self.context, binding.id,
                                             enabled=bool(self.inputs['enabled']))
        return _settled(self, base.succeeded('Policy updated.'))

