"""Action name -> workflow class: every action clusterd runs."""

from clusterd.engine.actions import cluster_health
from clusterd.engine.actions import cluster_lifecycle
from clusterd.engine.actions import cluster_membership
from clusterd.engine.actions import cluster_policies
from clusterd.engine.actions import cluster_update
from clusterd.engine.actions import lifecycle
from clusterd.engine.actions import node
from clusterd.engine.actions import node_recovery

WORKFLOWS = {
    'CLUSTER_CREATE': cluster_lifecycle.ClusterCreate,
    'CLUSTER_DELETE': cluster_lifecycle.ClusterDelete,
    'CLUSTER_UPDATE': cluster_update.ClusterUpdate,
    'CLUSTER_RESIZE': cluster_membership.ClusterResize,
    'CLUSTER_SCALE_OUT': cluster_membership.ClusterScaleOut,
    'CLUSTER_SCALE_IN': cluster_membership.ClusterScaleIn,
    'CLUSTER_ADD_NODES': cluster_membership.ClusterAddNodes,
    'CLUSTER_DEL_NODES': cluster_membership.ClusterDelNodes,
    'CLUSTER_REPLACE_NODES': cluster_update.ClusterReplaceNodes,
    'CLUSTER_CHECK': cluster_health.ClusterCheck,
    'CLUSTER_RECOVER': cluster_health.ClusterRecover,
    'CLUSTER_OPERATION': cluster_health.ClusterOperation,
    'CLUSTER_ATTACH_POLICY': cluster_policies.ClusterAttachPolicy,
    'CLUSTER_DETACH_POLICY': cluster_policies.ClusterDetachPolicy,
    'CLUSTER_UPDATE_POLICY': cluster_policies.ClusterUpdatePolicy,
    'CLUSTER_LIFECYCLE_NOTIFY': lifecycle.LifecycleNotify,
    'NODE_CREATE': node.NodeCreate,
    'NODE_DELETE': node.NodeDelete,
    'NODE_UPDATE': node.NodeUpdate,
    'NODE_JOIN': node.NodeJoin,
    'NODE_LEAVE': node.NodeLeave,
    'NODE_CHECK': node.NodeCheck,
    'NODE_RECOVER': node_recovery.NodeRecover,
    'NODE_OPERATION': node.NodeOperation,
}
