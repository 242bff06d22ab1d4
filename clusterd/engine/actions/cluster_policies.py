"""CLUSTER_ATTACH_POLICY, CLUSTER_DETACH_POLICY and CLUSTER_UPDATE_POLICY."""

from clusterd.engine.actions import base
from clusterd.engine.actions import cluster_base
from clusterd.objects import base as objects_base
from clusterd.objects import cluster as cluster_obj
from clusterd.objects import profile as profile_obj


def _settled(workflow, outcome):
    workflow.settle()
    return workflow.finish(outcome)


class ClusterAttachPolicy(cluster_base.ClusterWorkflow):
    lock_purpose = 'Policy attach'

    def begin(self):
        policy_id = self.inputs.get('policy_id')
        policy = self.env.policy(self.context, policy_id)
        bindings = cluster_obj.ClusterPolicy.for_cluster(self.context,
                                                         self.cluster.id)
        for binding in bindings:
            if binding.policy_id == policy_id:
                return _settled(self, base.succeeded('Policy already attached.'))
            bound = self.env.policy(self.context, binding.policy_id)
            if type(bound).TYPE == type(policy).TYPE and policy.SINGLETON:
                return _settled(self, base.failed(
                    "Only one instance of policy type (%s) can be attached to a "
                    "cluster, but another instance (%s) is found attached to the "
                    "cluster (%s) already." % (type(policy).type_name(),
                                               binding.policy_id, self.cluster.id)))
        profile = profile_obj.Profile.get(self.context, self.cluster.profile_id,
                                          project_safe=False)
        if policy.PROFILE_TYPES and profile.type not in policy.PROFILE_TYPES:
            return _settled(self, base.failed(
                "Policy not applicable on profile type: %s" % profile.type))
        ok, data = policy.attach(self.context, self.cluster)
        if not ok:
            return _settled(self, base.failed(data))
        cluster_obj.ClusterPolicy.create(
            self.context, id=objects_base.new_id(), cluster_id=self.cluster.id,
            policy_id=policy_id, enabled=bool(self.inputs.get('enabled', True)),
            priority=type(policy).PRIORITY, data=data or {})
        return _settled(self, base.succeeded('Policy attached.'))


class _BindingWorkflow(cluster_base.ClusterWorkflow):

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

