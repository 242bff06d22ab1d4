"""Running the BEFORE and AFTER checks of a cluster's attached policies."""

from oslo_log import log as logging

from clusterd.objects import cluster as cluster_obj
from clusterd.policies import base as policy_base

LOG = logging.getLogger(__name__)


def run(env, context, cluster, action, phase, decisions):
    """Run the enabled policies of ``cluster`` that target ``(phase, action)``.

    Policies run in ascending priority; the first that sets ``decisions.error``
    stops the others.  Each one leaves a line in ``decisions.notes``.

    :returns: ``decisions``
    """
    for binding in cluster_obj.ClusterPolicy.for_cluster(context, cluster.id,
                                                         enabled_only=True):
        policy = env.policy(context, binding.policy_id)
        if not policy.applies_to(phase, action.action):
            continue
        policy.binding = binding
        hook = policy.pre_op if phase == policy_base.BEFORE else policy.post_op
        before = len(decisions.notes)
        hook(context, cluster, action, decisions)
        if len(decisions.notes) == before:
            decisions.notes.append('%s %s: checked' % (phase, policy.name))
        if decisions.error:
            LOG.info('Policy %s stopped action %s: %s', policy.name, action.id,
                     decisions.error)
            break
    return decisions
