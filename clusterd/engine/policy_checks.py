"""Running the BEFORE and AFTER checks of a cluster's attached policies, and
their dry run (:func:`plan`)."""

from oslo_log import log as logging

from clusterd.objects import cluster as cluster_obj
from clusterd.objects import policy as policy_obj
from clusterd.objects import profile as profile_obj
from clusterd import plugins
from clusterd.policies import base as policy_base

LOG = logging.getLogger(__name__)

ALREADY_ATTACHED = 'Policy already attached.'


def loader(conf):
    """``load(context, policy_id)`` -> the policy plugin of a stored policy, as
    :meth:`clusterd.engine.environment.Environment.policy` makes it (for a
    process without an engine environment: the API's dry run)."""
    def load(context, policy_id):
        stored = policy_obj.Policy.get(context, policy_id, project_safe=False)
        instance = plugins.policy_class(stored.type)(stored.name, stored.spec, conf)
        instance.id = stored.id
        return instance
    return load


def enabled_bindings(context, cluster_id):
    """The enabled policy bindings of a cluster, in the order their checks run
    (ascending priority): what :func:`run` reads when it is not given them."""
    return cluster_obj.ClusterPolicy.for_cluster(context, cluster_id,
                                                 enabled_only=True)


def _applicable(load, context, cluster, action, phase, bindings=None):
    """The enabled policies of ``cluster`` that target ``(phase, action)``, in
    the order their checks run (ascending priority), each with its binding."""
    if bindings is None:
        bindings = enabled_bindings(context, cluster.id)
    for binding in bindings:
        policy = load(context, binding.policy_id)
        if not policy.applies_to(phase, action.action):
            continue
        policy.binding = binding
        yield policy


def run(env, context, cluster, action, phase, decisions, bindings=None):
    """Run the enabled policies of ``cluster`` that target ``(phase, action)``.

    Policies run in ascending priority; the first that sets ``decisions.error``
    stops the others.  Each one leaves a line in ``decisions.notes``.

    :param bindings: :func:`enabled_bindings` of the cluster, if the caller
        has read them already (default: read here)
    :returns: ``decisions``
    """
    for policy in _applicable(env.policy, context, cluster, action, phase,
                              bindings):
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


def plan(load, context, cluster, action, plan):
    """The dry run of the BEFORE checks: :meth:`Policy.plan` of the policies
    :func:`run` would run, in the same order, stopping at the same refusal.
    Each policy consulted is listed in ``plan.policies`` with what it decided.

    :param load: ``load(context, policy_id)`` (:func:`loader`)
    :returns: ``plan``
    """
    decisions = plan.decisions
    for policy in _applicable(load, context, cluster, action,
                              policy_base.BEFORE):
        before = len(decisions.notes)
        policy.plan(context, cluster, action, plan)
        if len(decisions.notes) == before:
            decisions.notes.append('%s %s: checked' % (policy_base.BEFORE,
                                                       policy.name))
        plan.policies.append({'id': policy.id, 'name': policy.name,
                              'type': type(policy).type_name(),
                              'decided': decisions.notes[before:]})
        if decisions.error:
            break
    return plan


def attach_problem(load, context, cluster, policy_id):
    """Why binding ``policy_id`` to ``cluster`` fails before the policy's own
    :meth:`attach`, :data:`ALREADY_ATTACHED`, or None.  Only reads.
    """
    policy = load(context, policy_id)
    for binding in cluster_obj.ClusterPolicy.for_cluster(context, cluster.id):
        if binding.policy_id == policy_id:
            return ALREADY_ATTACHED
        bound = load(context, binding.policy_id)
        if type(bound).TYPE == type(policy).TYPE and policy.SINGLETON:
            return ("Only one instance of policy type (%s) can be attached to a "
                    "cluster, but another instance (%s) is found attached to the "
                    "cluster (%s) already." % (type(policy).type_name(),
                                               binding.policy_id, cluster.id))
    profile = profile_obj.Profile.get(context, cluster.profile_id,
                                      project_safe=False)
    if policy.PROFILE_TYPES and profile.type not in policy.PROFILE_TYPES:
        return "Policy not applicable on profile type: %s" % profile.type
    return None
