"""CLUSTER_CHECK, CLUSTER_RECOVER and CLUSTER_OPERATION."""

from clusterd.engine.actions import base
from clusterd.engine.actions import cluster_base
from clusterd.policies import scaleutils
from clusterd import states


class ClusterCheck(cluster_base.ClusterWorkflow):
    lock_purpose = 'Cluster check'

    def begin(self):
        children = [self.child('NODE_CHECK', node.id, cluster_id=self.cluster.id)
                    for node in self.nodes()]
        return base.Wait(children, 'finish')

    def step_finish(self):
        return self.settle_after_children('Cluster checking completed.')


class ClusterRecover(cluster_base.ClusterWorkflow):
    """Check first when asked, then recover every node that is not ACTIVE, then
    create or delete nodes to reach the desired capacity when asked."""
    lock_purpose = 'Cluster recover'

    def begin(self):
        if self.inputs.get('check'):
            children = [self.child('NODE_CHECK', node.id, cluster_id=self.cluster.id)
                        for node in self.nodes()]
            return base.Wait(children, 'recover')
        return self.step_recover()

    def step_recover(self):
        params = {key: self.inputs[key] for key in ('operation', 'operation_params')
                  if self.inputs.get(key) is not None}
        children = [self.child('NODE_RECOVER', node.id, cluster_id=self.cluster.id,
                               inputs=params)
                    for node in self.nodes() if node.status != states.N_ACTIVE]
        return base.Wait(children, 'capacity')

    def step_capacity(self):
        if not self.inputs.get('check_capacity'):
            return self.step_finish()
        nodes = self.nodes()
        delta = self.cluster.desired_capacity - len(nodes)
        if delta > 0:
            rows, children = self.new_members(delta)
            return base.Wait(children, 'finish', new_nodes=rows)
        if delta < 0:
            victims, why = scaleutils.select_victims(nodes, -delta)
            self.data['explain'] = why
            return base.Wait(self.removal_children(victims), 'finish')
        return self.step_finish()

    def step_finish(self):
        return self.settle_after_children('Cluster recovery succeeded.')


class ClusterOperation(cluster_base.ClusterWorkflow):
    lock_purpose = 'Cluster operation'

    def begin(self):
        operation = self.inputs.get('operation')
        targets = self.inputs.get('nodes')
        nodes = self.nodes(ids=targets) if targets is not None else self.nodes()
        children = [self.child('NODE_OPERATION', node.id, cluster_id=self.cluster.id,
                               inputs={'operation': operation,
                                       'params': self.inputs.get('params') or {}})
                    for node in nodes]
        return base.Wait(children, 'finish')

    def step_finish(self):
        return self.settle_after_children(
            "Cluster operation '%s' completed." % self.inputs.get('operation'))
