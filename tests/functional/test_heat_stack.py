"""``os.heat.stack`` against a real Heat (the Heat anchor, Heat 27 behind the
Keystone anchor), through an in-process engine on SQLite and the real
openstacksdk driver (``cloud_backend = openstack``): the same spec and the same
checks as on the simulated cloud (tests/functional/test_simulated_openstack.py),
so the simulated Heat cannot drift from Heat's behaviour unnoticed.

Slow to set up (Keystone and Heat anchors: seconds when up, minutes when not),
so only one cluster's life is run here.
"""

import uuid

import openstack
import pytest

from clusterd.engine import requests
from clusterd.objects import node as node_obj
from clusterd.objects import profile as profile_obj
from clusterd.profiles import heat_stack
from clusterd import schema
from clusterd import states
from tests import databases
from tests import engines
from tests import heat_plugin_anchor
from tests import keystone_anchor
from tests.functional.test_simulated_openstack import example


@pytest.fixture(scope='module')
def keystone():
    with keystone_anchor.running() as url:
        yield url


@pytest.fixture(scope='module')
def heat(keystone):
    with heat_plugin_anchor.running():
        yield openstack.connect(
            auth_url=keystone + '/v3', username='demo', password='demo',
            project_name='demo', user_domain_id='default',
            project_domain_id='default', region_name='RegionOne',
            load_envvars=False, load_yaml_config=False).orchestration


@pytest.fixture(scope='module')
def db(tmp_path_factory):
    with databases.migrated_database('sqlite', tmp_path_factory.mktemp('db')) as db:
        yield db


@pytest.fixture(scope='module')
def engine(db, keystone, heat, tmp_path_factory):
    clouds = tmp_path_factory.mktemp('clouds') / 'clouds.yaml'
    clouds.write_text(
        'clouds:\n  demo:\n    auth:\n      auth_url: %s/v3\n'
        '      username: demo\n      password: demo\n      project_name: demo\n'
        '      user_domain_id: default\n      project_domain_id: default\n'
        '    region_name: RegionOne\n' % keystone)
    running = engines.Engine(db, groups={'openstack': {
        'connection_source': 'cloud', 'cloud': 'demo',
        'clouds_file': str(clouds), 'poll_interval': 0.5}})
    with running:
        yield running


def test_senlin_heat_spec_on_real_heat(db, engine, heat):
    ctx = engines.user_context(db, project='p-heat-' + uuid.uuid4().hex[:6])
    spec = example('heat-stack-random-string.yaml')

    # Validation: Heat's own refusal names the type.
    bad = dict(spec, properties=dict(spec['properties'], template=dict(
        spec['properties']['template'], resources=dict(
            spec['properties']['template']['resources'],
            extra={'type': 'OS::Not::AType'}))))
    with pytest.raises(schema.InvalidSpec) as caught:
        heat_stack.HeatStackProfile('bad', bad, conf=engine.conf) \
            .validate_resources(ctx)
    assert 'OS::Not::AType' in str(caught.value)
    heat_stack.HeatStackProfile('ok', spec, conf=engine.conf) \
        .validate_resources(ctx)

    profile = profile_obj.Profile.create(
        ctx, name='stacks', type='os.heat.stack-1.0', project=ctx.project_id,
        user=ctx.user_id, spec=spec)
    cluster, action = requests.create_cluster(
        ctx, 3600, name='stacks', profile_id=profile.id, desired_capacity=1,
        min_size=0, max_size=-1)
    engine.wake()
    done = engines.wait_action(ctx, action.id, timeout=240)
    assert done.status == states.SUCCEEDED, done.status_reason
    (node,) = node_obj.Node.for_cluster(ctx, cluster.id)
    stack = heat.get_stack(node.physical_id)
    assert stack.status == 'CREATE_COMPLETE'
    assert 'cluster_node_id=%s' % node.id in (stack.tags or [])
    outputs = {o['output_key']: o['output_value'] for o in stack.outputs}
    assert len(outputs['value']) == 12

    # Check: Heat's stack check.
    action = requests.cluster_action(ctx, engines.cluster(ctx, cluster.id),
                                     'CLUSTER_CHECK')
    engine.wake()
    assert engines.wait_action(ctx, action.id, timeout=240).status == \
        states.SUCCEEDED
    assert heat.get_stack(node.physical_id).status == 'CHECK_COMPLETE'

    # Profile update: new parameters.
    longer = dict(spec, properties=dict(spec['properties'],
                                        parameters={'length': 20}))
    new = profile_obj.Profile.create(
        ctx, name='longer', type='os.heat.stack-1.0', project=ctx.project_id,
        user=ctx.user_id, spec=longer)
    action = requests.cluster_action(ctx, engines.cluster(ctx, cluster.id),
                                     'CLUSTER_UPDATE', {'new_profile_id': new.id})
    engine.wake()
    done = engines.wait_action(ctx, action.id, timeout=240)
    assert done.status == states.SUCCEEDED, done.status_reason
    stack = heat.get_stack(node.physical_id)
    assert stack.status == 'UPDATE_COMPLETE'
    outputs = {o['output_key']: o['output_value'] for o in stack.outputs}
    assert len(outputs['value']) == 20

    action = requests.cluster_action(ctx, engines.cluster(ctx, cluster.id),
                                     'CLUSTER_DELETE')
    engine.wake()
    done = engines.wait_action(ctx, action.id, timeout=240)
    assert done.status == states.SUCCEEDED, done.status_reason
    assert heat.find_stack(node.physical_id, ignore_missing=True) is None or \
        heat.get_stack(node.physical_id).status == 'DELETE_COMPLETE'

