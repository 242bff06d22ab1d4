"""CLUSTER_CREATE and CLUSTER_DELETE (CLUSTER_UPDATE: cluster_update.py)."""

from clusterd.engine.actions import base
from clusterd.engine.actions import cluster_base
from clusterd.objects import cluster as cluster_obj
from clusterd.objects import lock as lock_obj
from clusterd.objects import receiver as receiver_obj
from clusterd import states


class ClusterCreate(cluster_base.ClusterWorkflow):
    lock_purpose = 'Cluster creation'

    def begin(self):
        count = (self.decisions.creation.count if self.decisions.creation
                 else self.cluster.desired_capacity)
        rows, children = self.new_members(count)
        return base.Wait(children, 'finish', new_nodes=rows)

    def step_finish(self):
        return self.settle_after_children('Cluster creation succeeded.')


class ClusterDelete(cluster_base.ClusterWorkflow):
    force_lock = True  # as in Senlin: deleting a cluster takes its lock over
    lock_purpose = 'Cluster deletion'

    def begin(self):
        for binding in cluster_obj.ClusterPolicy.for_cluster(self.context,
                                                             self.cluster.id):
            policy = self.env.policy(self.context, binding.policy_id)
            policy.binding = binding
            ok, reason = policy.detach(self.context, self.cluster)
            if not ok:
                cluster_obj.Cluster.set_status(
                    self.context, self.cluster.id, states.C_ERROR,
                    'Failed in detaching policy %s: %s' % (policy.name, reason))
                return self.finish(base.failed(
                    'Failed in detaching policy %s: %s' % (policy.name, reason)))
        cluster_obj.ClusterPolicy.delete_for_cluster(self.context, self.cluster.id)
        receiver_obj.Receiver.delete_for_cluster(self.context, self.cluster.id)
        children = self.removal_children(self.nodes(), destroy=True,
                                         force=bool(self.inputs.get('force')))
        return base.Wait(children, 'finish')

    def step_finish(self):
        remaining = self.nodes()
        if remaining:
            reason = 'Failed in deleting %d node(s).' % len(remaining)
            cluster_obj.Cluster.set_status(self.context, self.cluster.id,
                                           states.C_ERROR, reason)
            return self.finish(base.failed(reason))
        self.event('end', 'Cluster deletion succeeded.')
        cluster_obj.Cluster.delete_with_dependents(self.context, self.cluster.id)
        lock_obj.release_cluster(self.context, self.cluster.id, self.action.id)
        self.data['locked'] = False
        return base.succeeded('Cluster deletion succeeded.')
