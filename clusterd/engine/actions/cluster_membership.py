"""Changing who is in a cluster: resize, scale out/in, add, delete, replace nodes."""

from clusterd.engine.actions import base
from clusterd.engine.actions import cluster_base
from clusterd.engine import scaleutils
from clusterd.engine import states
from clusterd.objects import node as node_obj


class _Resizing(cluster_base.ClusterWorkflow):
    busy_status = states.C_RESIZING

    def change(self, desired, extra_values=None, candidates=()):
        """Grow or shrink the cluster to ``desired`` members."""
        nodes = self.nodes()
        values = dict(extra_values or {}, desired_capacity=desired)
        delta = desired - len(nodes)
        if delta > 0:
            rows, children = self.new_members(delta)
            self.data['explain'] = 'create %d node(s) to reach %d' % (delta, desired)
            return base.Wait(children, 'finish', new_nodes=rows,
                             cluster_values=values)
        if delta < 0:
            deletion = self.decisions.deletion
            criteria = 'RANDOM'
            destroy = True
            if deletion is not None:
                candidates = list(candidates) + list(deletion.candidates)
                destroy = deletion.destroy_after_deletion
            victims, why = scaleutils.select_victims(nodes, -delta, candidates,
                                                     criteria)
            self.data['explain'] = why
            self.data['victims'] = [v.id for v in victims]
            return base.Wait(self.removal_children(victims, destroy), 'finish',
                             cluster_values=values)
        return base.Wait([], 'finish', cluster_values=values)

    def step_finish(self):
        return self.settle_after_children('Cluster resize succeeded.')


class ClusterResize(_Resizing):
    lock_purpose = 'Cluster resize'

    def begin(self):
        inputs = self.inputs
        min_size = inputs.get('min_size')
        max_size = inputs.get('max_size')
        min_size = self.cluster.min_size if min_size is None else int(min_size)
        max_size = self.cluster.max_size if max_size is None else int(max_size)
        current = len(self.nodes())
        if inputs.get('adjustment_type'):
            desired = scaleutils.calculate_desired(
                current, inputs['adjustment_type'], inputs.get('number', 0),
                inputs.get('min_step'))
        else:
            desired = self.cluster.desired_capacity
        if self.decisions.creation is not None:
            desired = current + self.decisions.creation.count
        elif self.decisions.deletion is not None:
            desired = current - self.decisions.deletion.count
        try:
            desired = scaleutils.check_size(desired, min_size, max_size,
                                            strict=inputs.get('strict', True))
        except scaleutils.CapacityError as exc:
            self.settle()
            return self.finish(base.failed(str(exc)))
        return self.change(desired, {'min_size': min_size, 'max_size': max_size})


class ClusterScaleOut(_Resizing):
    lock_purpose = 'Cluster scale out'

    def begin(self):
        count = self.inputs.get('count')
        if count is None and self.decisions.creation is not None:
            count = self.decisions.creation.count
        count = int(count if count is not None else 1)
        desired = self.cluster.desired_capacity + count
        try:
            desired = scaleutils.check_size(
                desired, None, self.cluster.max_size,
                strict=not self.inputs.get('best_effort', False))
        except scaleutils.CapacityError as exc:
            self.settle()
            return self.finish(base.failed(str(exc)))
        return self.change(desired)


class ClusterScaleIn(_Resizing):
    lock_purpose = 'Cluster scale in'

    def begin(self):
        count = self.inputs.get('count')
        if count is None and self.decisions.deletion is not None:
            count = self.decisions.deletion.count
        count = int(count if count is not None else 1)
        desired = self.cluster.desired_capacity - count
        try:
            desired = scaleutils.check_size(
                desired, self.cluster.min_size, None,
                strict=not self.inputs.get('best_effort', False))
        except scaleutils.CapacityError as exc:
            self.settle()
            return self.finish(base.failed(str(exc)))
        return self.change(desired)


class ClusterAddNodes(cluster_base.ClusterWorkflow):
    busy_status = states.C_RESIZING
    lock_purpose = 'Cluster add nodes'

    def begin(self):
        ids = list(self.inputs.get('nodes') or [])
        children = [self.child('NODE_JOIN', node_id, cluster_id=self.cluster.id,
                               inputs={'cluster_id': self.cluster.id})
                    for node_id in ids]
        return base.Wait(children, 'finish', cluster_values={
            'desired_capacity': self.cluster.desired_capacity + len(ids)})

    def step_finish(self):
        return self.settle_after_children('Completed adding nodes.')


class ClusterDelNodes(cluster_base.ClusterWorkflow):
    busy_status = states.C_RESIZING
    lock_purpose = 'Cluster delete nodes'

    def begin(self):
        ids = list(self.inputs.get('nodes') or [])
        victims = node_obj.Node.for_cluster(self.context, self.cluster.id, ids=ids)
        destroy = bool(self.inputs.get('destroy_after_deletion', False))
        reduce = True
        if self.decisions.deletion is not None:
            destroy = destroy or self.decisions.deletion.destroy_after_deletion
            reduce = self.decisions.deletion.reduce_desired_capacity
        values = None
        if reduce:
            values = {'desired_capacity': max(
                self.cluster.desired_capacity - len(victims), 0)}
        return base.Wait(self.removal_children(victims, destroy), 'finish',
                         cluster_values=values)

    def step_finish(self):
        return self.settle_after_children('Completed deleting nodes.')


class ClusterReplaceNodes(cluster_base.ClusterWorkflow):
    busy_status = states.C_UPDATING
    lock_purpose = 'Cluster replace nodes'

    def begin(self):
        children, dependencies = [], []
        for old_id, new_id in (self.inputs.get('nodes') or {}).items():
            join = self.child('NODE_JOIN', new_id, cluster_id=self.cluster.id,
                              inputs={'cluster_id': self.cluster.id})
            leave = self.child('NODE_LEAVE', old_id, cluster_id=self.cluster.id)
            children += [join, leave]
            dependencies.append((join['id'], leave['id']))
        return base.Wait(children, 'finish', dependencies=dependencies)

    def step_finish(self):
        return self.settle_after_children('Completed replacing nodes.')
