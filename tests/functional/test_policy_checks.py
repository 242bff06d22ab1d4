"""The policy-check framework: BEFORE/AFTER hooks in priority order, typed decisions,
explained in the action's data."""

import pytest

from clusterd.engine import requests
from clusterd.objects import base as objects_base
from clusterd.objects import node as node_obj
from clusterd.objects import policy as policy_obj
from clusterd import plugins
from clusterd.policies import base as policy_base
from clusterd import states
from tests import engines


class GrowByThree(policy_base.Policy):
    """Decides scale-out counts, as a scaling policy will."""
    TYPE = 'clusterd.test.grow'
    VERSION = '1.0'
    PRIORITY = 100
    TARGET = ((policy_base.BEFORE, 'CLUSTER_SCALE_OUT'),
              (policy_base.AFTER, 'CLUSTER_SCALE_OUT'))

    def pre_op(self, context, cluster, action, decisions):
        decisions.creation = policy_base.CreationDecision(
            count=self.properties.get('count', 3), reason='grow by the spec')
        decisions.notes.append('BEFORE %s: create %d' % (self.name,
                                                         decisions.creation.count))

    def post_op(self, context, cluster, action, decisions):
        decisions.notes.append('AFTER %s: saw %s' % (self.name,
                                                     sorted(action.outputs or {})))


class Veto(policy_base.Policy):
    TYPE = 'clusterd.test.veto'
    VERSION = '1.0'
    PRIORITY = 50  # runs before GrowByThree
    TARGET = ((policy_base.BEFORE, 'CLUSTER_SCALE_OUT'),)

    def pre_op(self, context, cluster, action, decisions):
        if self.properties.get('refuse'):
            decisions.error = 'refused by %s' % self.name


@pytest.fixture(scope='module', autouse=True)
def test_policies():
    plugins.register_policy('clusterd.test.grow-1.0', GrowByThree)
    plugins.register_policy('clusterd.test.veto-1.0', Veto)
    yield
    plugins.unregister_policy('clusterd.test.grow-1.0')
    plugins.unregister_policy('clusterd.test.veto-1.0')


@pytest.fixture(scope='module')
def engine(database):
    with engines.Engine(database) as running:
        yield running


def _policy(ctx, type_name, name, **properties):
    return policy_obj.Policy.create(
        ctx, id=objects_base.new_id(), name=name, type=type_name,
        project=ctx.project_id, user=ctx.user_id,
        spec={'type': type_name.rsplit('-', 1)[0], 'version': '1.0',
              'properties': properties})


def _run(ctx, engine, cluster_id, name, inputs=None):
    action = requests.cluster_action(ctx, engines.cluster(ctx, cluster_id), name,
                                     inputs or {})
    engine.wake()
    return engines.wait_action(ctx, action.id)


def test_decisions_drive_the_action_and_explain_it(database, engine):
    ctx = engines.user_context(database)
    profile = engines.simulated_profile(ctx)
    cluster, created = requests.create_cluster(ctx, 3600, name='p',
                                               profile_id=profile.id,
                                               desired_capacity=1)
    engine.wake()
    assert engines.wait_action(ctx, created.id).status == states.SUCCEEDED
    grow = _policy(ctx, 'clusterd.test.grow-1.0', 'grow', count=3)
    veto = _policy(ctx, 'clusterd.test.veto-1.0', 'veto', refuse=False)
    for policy in (grow, veto):
        attached = _run(ctx, engine, cluster.id, 'CLUSTER_ATTACH_POLICY',
                        {'policy_id': policy.id})
        assert attached.status == states.SUCCEEDED, attached.status_reason

    action = _run(ctx, engine, cluster.id, 'CLUSTER_SCALE_OUT')
    assert action.status == states.SUCCEEDED, action.status_reason
    assert len(node_obj.Node.for_cluster(ctx, cluster.id)) == 4
    decisions = action.data['decisions']
    assert decisions['creation']['count'] == 3
    # Priority order: veto (50) before grow (100); then the AFTER hook.
    assert decisions['notes'] == ['BEFORE veto: checked', 'BEFORE grow: create 3',
                                  "AFTER grow: saw ['decision', 'explain']"]

    # A second policy of a singleton type is refused with a clear reason.
    again = _policy(ctx, 'clusterd.test.grow-1.0', 'grow2')
    refused = _run(ctx, engine, cluster.id, 'CLUSTER_ATTACH_POLICY',
                   {'policy_id': again.id})
    assert refused.status == states.FAILED
    assert 'Only one instance of policy type' in refused.status_reason


def test_a_policy_error_stops_the_action(database, engine):
    ctx = engines.user_context(database, project='project-b')
    profile = engines.simulated_profile(ctx)
    cluster, created = requests.create_cluster(ctx, 3600, name='v',
                                               profile_id=profile.id,
                                               desired_capacity=1)
    engine.wake()
    engines.wait_action(ctx, created.id)
    veto = _policy(ctx, 'clusterd.test.veto-1.0', 'veto', refuse=True)
    _run(ctx, engine, cluster.id, 'CLUSTER_ATTACH_POLICY', {'policy_id': veto.id})
    action = _run(ctx, engine, cluster.id, 'CLUSTER_SCALE_OUT', {'count': 2})
    assert action.status == states.FAILED
    assert action.status_reason == 'Policy check failure: refused by veto'
    assert len(node_obj.Node.for_cluster(ctx, cluster.id)) == 1
    assert engines.cluster(ctx, cluster.id).status == states.C_ACTIVE

    detached = _run(ctx, engine, cluster.id, 'CLUSTER_DETACH_POLICY',
                    {'policy_id': veto.id})
    assert detached.status == states.SUCCEEDED
    assert _run(ctx, engine, cluster.id, 'CLUSTER_SCALE_OUT',
                {'count': 2}).status == states.SUCCEEDED
