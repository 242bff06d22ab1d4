"""CLUSTER_CREATE, CLUSTER_DELETE and CLUSTER_UPDATE."""

from clusterd.engine.actions import base
from clusterd.engine.actions import cluster_base
from clusterd.objects import action as action_obj
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


class ClusterUpdate(cluster_base.ClusterWorkflow):
    lock_purpose = 'Cluster update'

    def begin(self):
        values = {k: self.inputs[k] for k in ('name', 'metadata', 'timeout', 'config')
                  if self.inputs.get(k) is not None}
        if values:
            cluster_obj.Cluster.update(self.context, self.cluster.id, **values)
        new_profile = self.inputs.get('new_profile_id')
        if not new_profile or new_profile == self.cluster.profile_id:
            self.settle()
            return self.finish(base.succeeded('Cluster properties updated.'))
        if self.inputs.get('profile_only'):
            cluster_obj.Cluster.update(self.context, self.cluster.id,
                                       profile_id=new_profile)
            self.settle()
            return self.finish(base.succeeded('Cluster profile updated.'))
        # Rolling: one batch at a time, so most of the cluster keeps serving.
        order = [node.id for node in self.members()]
        size = update_batch_size(len(order),
                                 self.env.conf.engine.update_max_unavailable)
        self.data['update'] = {'profile_id': new_profile, 'batch_size': size,
                               'pending': order[size:], 'batches': 1}
        return base.Wait(self._batch(order[:size], new_profile), 'next_batch',
                         cluster_values={'profile_id': new_profile})

    def _batch(self, node_ids, profile_id):
        return [self.child('NODE_UPDATE', node_id, cluster_id=self.cluster.id,
                           inputs={'new_profile_id': profile_id})
                for node_id in node_ids]

    def step_next_batch(self):
        update = self.data['update']
        children = action_obj.Action.children(self.context, self.action.id)
        failed = [c for c in children if c.status != states.SUCCEEDED]
        pending = update['pending']
        if failed or not pending:
            if failed and pending:
                self.data['explain'] = (
                    'stopped after batch %d: %d node(s) left on the old profile'
                    % (update['batches'], len(pending)))
            return self.settle_after_children('Cluster update completed.')
        size = update['batch_size']
        batch, update['pending'] = pending[:size], pending[size:]
        update['batches'] += 1
        # Nodes deleted since the update began are skipped.
        present = {node.id for node in self.nodes(ids=batch)}
        return base.Wait(self._batch([i for i in batch if i in present],
                                     update['profile_id']), 'next_batch')


def update_batch_size(count, max_unavailable_percent):
    """Nodes per batch of a rolling update: the share, rounded up, at least 1."""
    return max(1, -(-count * max_unavailable_percent // 100))
