"""Senlin's OpenStack specs without a cloud: ``os.nova.server`` and
``os.heat.stack`` clusters on the simulated OpenStack cloud
(``[DEFAULT] cloud_backend = simulated``), through the real REST API and a real
in-process engine on SQLite.  The specs are the files of ``examples/senlin``;
what the cloud did is read back from the cloud (the simulated one's own view),
and failures are made behind clusterd's back, as an operator would.
"""

import json
import os

import pytest
import webob
import yaml

from clusterd.api import deploy
from clusterd.drivers import backends
from clusterd.engine import requests
from clusterd.objects import node as node_obj
from clusterd.objects import policy as policy_obj
from clusterd.objects import profile as profile_obj
from clusterd.profiles import heat_stack
from clusterd import states
from tests import databases
from tests import engines
from tests import services

EXAMPLES = os.path.join(os.path.dirname(__file__), '..', '..', 'examples',
                        'senlin')
HEADERS = {'X-Project-Id': 'p-sim', 'X-User-Id': 'u-sim', 'X-Roles': 'member',
           'OpenStack-API-Version': 'clustering 1.14'}


class _TemplateLoader(yaml.SafeLoader):
    """YAML as heatclient reads a template: dates stay strings
    (``heat_template_version: 2016-04-08``)."""


_TemplateLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers
            if tag != 'tag:yaml.org,2002:timestamp']
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def example(name):
    """A spec of examples/senlin, with a template file read in as the
    ``openstack cluster`` CLI does."""
    with open(os.path.join(EXAMPLES, name)) as f:
        spec = yaml.safe_load(f)
    template = spec['properties'].get('template')
    if isinstance(template, str):
        with open(os.path.join(EXAMPLES, template)) as f:
            spec['properties']['template'] = yaml.load(f, Loader=_TemplateLoader)
    return spec


@pytest.fixture(scope='module')
def db(tmp_path_factory):
    with databases.migrated_database('sqlite', tmp_path_factory.mktemp('db')) as db:
        yield db


@pytest.fixture(scope='module')
def engine(db):
    running = engines.Engine(db, groups={
        None: {'cloud_backend': 'simulated'},
        'simulated': {'build_seconds': 0.2, 'poll_interval': 0.05},
        'openstack': {'poll_interval': 0.05},
        'api': {'auth_strategy': 'noauth'},
        'health': {'interval_min': 1, 'manager_tick': 0.1},
    })
    with running:
        yield running


@pytest.fixture(scope='module')
def app(engine, db):
    # The API and the engine share the configuration, so the same cloud.
    return deploy.make_app(engine.conf, db)


@pytest.fixture(scope='module')
def ctx(db):
    return engines.user_context(db, project='p-sim', user='u-sim')


@pytest.fixture(scope='module')
def cloud(engine):
    return backends.clouds(engine.conf).cloud


def call(app, method, path, body=None):
    request = webob.Request.blank(path, method=method, headers=HEADERS)
    if body is not None:
        request.body = json.dumps(body).encode()
        request.content_type = 'application/json'
    response = request.get_response(app)
    return response.status_int, (json.loads(response.body) if response.body
                                 else None), response


def wait_api_action(app, ctx, response, timeout=60, expect=states.SUCCEEDED):
    action_id = response.headers['Location'].rsplit('/', 1)[1]
    done = engines.wait_action(ctx, action_id, timeout=timeout)
    assert done.status == expect, done.status_reason
    return done


def make_profile(app, name, spec):
    status, body, _ = call(app, 'POST', '/v1/profiles',
                           {'profile': {'name': name, 'spec': spec}})
    assert status == 201, body
    return body['profile']


def make_cluster(app, ctx, name, profile, size):
    status, body, response = call(app, 'POST', '/v1/clusters', {'cluster': {
        'name': name, 'profile_id': profile['id'], 'desired_capacity': size,
        'min_size': 0, 'max_size': -1}})
    assert status == 202, body
    wait_api_action(app, ctx, response)
    return body['cluster']['id']


def act(app, ctx, path, body, timeout=60, expect=states.SUCCEEDED):
    status, answer, response = call(app, 'POST', path, body)
    assert status == 202, answer
    return wait_api_action(app, ctx, response, timeout, expect)


def servers(cloud, ctx):
    return {s['id']: s for s in cloud.list_all_servers()
            if s['project_id'] == ctx.project_id}


# --- os.nova.server ------------------------------------------------------------------

def test_senlin_nova_spec_makes_a_cluster_with_simulated_details(app, ctx, cloud):
    profile = make_profile(app, 'cirros', example('nova-server-cirros.yaml'))
    cluster_id = make_cluster(app, ctx, 'web', profile, 3)
    nodes = node_obj.Node.for_cluster(ctx, cluster_id)
    assert {n.status for n in nodes} == {states.N_ACTIVE}
    made = servers(cloud, ctx)
    assert sorted(made) == sorted(n.physical_id for n in nodes)
    for node in nodes:
        server = made[node.physical_id]
        assert server['status'] == 'ACTIVE'
        assert server['flavor']['name'] == 'm1.small'
        assert server['metadata']['cluster_node_id'] == node.id
        assert server['metadata']['app'] == 'demo'
    status, body, _ = call(app, 'GET', '/v1/nodes/%s?show_details=true'
                           % nodes[0].id)
    assert status == 200, body
    details = body['node']['details']
    assert details['simulated'] is True
    assert details['status'] == 'ACTIVE'
    assert details['availability_zone'] == 'nova'
    assert details['compute_host'].startswith('nova-compute-')
    assert details['addresses']['private'][0]['addr'].startswith('10.0.0.')
    assert details['key_name'] == 'oskey'

    # Delete: every server goes.
    status, _, response = call(app, 'DELETE', '/v1/clusters/%s' % cluster_id)
    assert status == 202
    wait_api_action(app, ctx, response)
    assert servers(cloud, ctx) == {}


def test_zone_and_subnet_of_a_1_1_spec(app, ctx, cloud):
    profile = make_profile(app, 'zoned', example('nova-server-zone.yaml'))
    cluster_id = make_cluster(app, ctx, 'zoned', profile, 2)
    nodes = node_obj.Node.for_cluster(ctx, cluster_id)
    made = servers(cloud, ctx)
    assert {made[n.physical_id]['availability_zone'] for n in nodes} == {'az1'}
    assert all(made[n.physical_id]['host'].startswith('az1-') for n in nodes)
    status, _, response = call(app, 'DELETE', '/v1/clusters/%s' % cluster_id)
    assert status == 202
    wait_api_action(app, ctx, response)


@pytest.mark.parametrize('change, words', [
    ({'flavor': 'm1.huge'}, "properties.flavor: The specified flavor 'm1.huge' could not "
                            "be found."),
    ({'image': 'ubuntu-99'}, "properties.image: The specified image 'ubuntu-99' could not "
                             "be found."),
    ({'networks': [{'network': 'nowhere'}]},
     "properties.networks[0].network: The specified network 'nowhere' could not be found."),
    ({'key_name': 'lost'}, "properties.key_name: The specified key pair 'lost' could not "
                           "be found."),
    ({'context': {'region_name': 'Atlantis'}},
     "properties.context.region_name: The region 'Atlantis' could not be found."),
])
def test_unknown_names_are_400_naming_them(app, change, words):
    spec = example('nova-server-cirros.yaml')
    spec['properties'].update(change)
    status, body, _ = call(app, 'POST', '/v1/profiles',
                           {'profile': {'name': 'bad', 'spec': spec}})
    assert status == 400, body
    assert words in body['error']['message']
    status, body, _ = call(app, 'POST', '/v1/profiles/validate',
                           {'profile': {'spec': spec}})
    assert status == 400, body
    assert words in body['error']['message']


def test_check_and_recover_a_server_put_in_error(app, ctx, cloud):
    profile = make_profile(app, 'healthy', example('nova-server-cirros.yaml'))
    cluster_id = make_cluster(app, ctx, 'healthy', profile, 2)
    nodes = node_obj.Node.for_cluster(ctx, cluster_id)
    broken = nodes[0]
    assert cloud.set_server_status(broken.physical_id, 'ERROR', 'disk on fire')

    # (a check that finds an unhealthy node fails, naming it)
    act(app, ctx, '/v1/clusters/%s/actions' % cluster_id, {'check': {}},
        expect=states.FAILED)
    node = node_obj.Node.get(ctx, broken.id)
    assert node.status == states.N_ERROR
    status, body, _ = call(app, 'GET', '/v1/clusters/%s' % cluster_id)
    assert body['cluster']['status'] == 'WARNING'

    act(app, ctx, '/v1/clusters/%s/actions' % cluster_id, {'recover': {}})
    node = node_obj.Node.get(ctx, broken.id)
    assert node.status == states.N_ACTIVE, node.status_reason
    made = servers(cloud, ctx)
    assert made[node.physical_id]['status'] == 'ACTIVE'
    assert sorted(made) == sorted(
        n.physical_id for n in node_obj.Node.for_cluster(ctx, cluster_id))
    status, body, _ = call(app, 'GET', '/v1/clusters/%s' % cluster_id)
    assert body['cluster']['status'] == 'ACTIVE'


def test_profile_update_resizes_and_rebuilds(app, ctx, cloud):
    profile = make_profile(app, 'small', example('nova-server-cirros.yaml'))
    cluster_id = make_cluster(app, ctx, 'grow', profile, 2)
    spec = example('nova-server-cirros.yaml')
    spec['properties'].update(flavor='m1.medium', image='cirros-0.6.2-x86_64-disk')
    bigger = make_profile(app, 'medium', spec)
    status, body, response = call(app, 'PATCH', '/v1/clusters/%s' % cluster_id,
                                  {'cluster': {'profile_id': bigger['id']}})
    assert status == 202, body
    wait_api_action(app, ctx, response, timeout=90)
    image = cloud.find('images', 'cirros-0.6.2-x86_64-disk').id
    for node in node_obj.Node.for_cluster(ctx, cluster_id):
        server = servers(cloud, ctx)[node.physical_id]
        assert (server['status'], server['flavor']['name'], server['image_id']) \
            == ('ACTIVE', 'm1.medium', image)
        assert node.profile_id == bigger['id']


def test_node_operations_reboot_and_stop(app, ctx, cloud):
    profile = make_profile(app, 'ops', example('nova-server-cirros.yaml'))
    cluster_id = make_cluster(app, ctx, 'ops', profile, 1)
    (node,) = node_obj.Node.for_cluster(ctx, cluster_id)
    act(app, ctx, '/v1/nodes/%s/ops' % node.id,
        {'reboot': {'type': 'HARD'}})
    server = servers(cloud, ctx)[node.physical_id]
    assert server['status'] == 'ACTIVE'
    assert [a['action'] for a in server['actions']][-1] == 'reboot'
    act(app, ctx, '/v1/nodes/%s/ops' % node.id, {'stop': {}})
    assert servers(cloud, ctx)[node.physical_id]['status'] == 'SHUTOFF'
    node = node_obj.Node.get(ctx, node.id)
    assert node.status == states.N_WARNING  # stopped on purpose, not failed
    act(app, ctx, '/v1/nodes/%s/ops' % node.id, {'start': {}})
    assert servers(cloud, ctx)[node.physical_id]['status'] == 'ACTIVE'


def test_the_health_manager_recovers_a_server_that_goes_to_error(
        app, ctx, cloud, engine):
    profile = make_profile(app, 'watched', example('nova-server-cirros.yaml'))
    cluster_id = make_cluster(app, ctx, 'watched', profile, 2)
    policy = policy_obj.Policy.create(
        ctx, name='health', type='senlin.policy.health-1.1',
        user=ctx.user_id, project=ctx.project_id, data={}, spec={
            'type': 'senlin.policy.health', 'version': '1.1', 'properties': {
                'detection': {'interval': 1, 'node_update_timeout': 0,
                              'detection_modes': [
                                  {'type': 'NODE_STATUS_POLLING'}]},
                'recovery': {'actions': [{'name': 'RECREATE'}]}}})
    action = requests.cluster_action(
        ctx, engines.cluster(ctx, cluster_id), 'CLUSTER_ATTACH_POLICY',
        {'policy_id': policy.id, 'enabled': True})
    engine.wake()
    assert engines.wait_action(ctx, action.id).status == states.SUCCEEDED
    victim = node_obj.Node.for_cluster(ctx, cluster_id)[0]
    old_server = victim.physical_id
    cloud.set_server_status(old_server, 'ERROR', 'hypervisor crashed')

    def recovered():
        node = node_obj.Node.get(ctx, victim.id)
        return node.status == states.N_ACTIVE and node.physical_id != old_server
    services.wait_for(recovered, timeout=60, what='the node recovered')
    node = node_obj.Node.get(ctx, victim.id)
    assert servers(cloud, ctx)[node.physical_id]['status'] == 'ACTIVE'
    assert old_server not in servers(cloud, ctx)


# --- os.heat.stack -------------------------------------------------------------------

def _outputs(cloud, stack_id):
    return {o['output_key']: o['output_value']
            for o in cloud.stacks[stack_id]['outputs']}


def test_senlin_heat_spec_makes_updates_checks_and_deletes_stacks(app, ctx, cloud):
    profile = make_profile(app, 'stacks', example('heat-stack-random-string.yaml'))
    cluster_id = make_cluster(app, ctx, 'stacks', profile, 2)
    nodes = node_obj.Node.for_cluster(ctx, cluster_id)
    assert {n.status for n in nodes} == {states.N_ACTIVE}
    for node in nodes:
        stack = cloud.stacks[node.physical_id]
        assert stack['status'] == 'CREATE_COMPLETE'
        assert stack['tags'] == ['cluster_node_id=%s' % node.id,
                                 'cluster_id=%s' % cluster_id]
        assert len(_outputs(cloud, node.physical_id)['value']) == 12
    status, body, _ = call(app, 'GET', '/v1/nodes/%s?show_details=true'
                           % nodes[0].id)
    details = body['node']['details']
    assert details['status'] == 'CREATE_COMPLETE' and details['simulated'] is True
    assert details['outputs'][0]['output_key'] == 'value'

    # Profile update: new parameters reach every stack.
    spec = example('heat-stack-random-string.yaml')
    spec['properties']['parameters'] = {'length': 20}
    longer = make_profile(app, 'longer', spec)
    status, body, response = call(app, 'PATCH', '/v1/clusters/%s' % cluster_id,
                                  {'cluster': {'profile_id': longer['id']}})
    assert status == 202, body
    wait_api_action(app, ctx, response)
    for node in nodes:
        assert cloud.stacks[node.physical_id]['status'] == 'UPDATE_COMPLETE'
        assert len(_outputs(cloud, node.physical_id)['value']) == 20

    # A stack that fails behind our back: check finds it, recover replaces it.
    broken = nodes[0]
    cloud.fail_stack(broken.physical_id, 'Resource secret went away')
    # (a check that finds an unhealthy node fails, naming it)
    act(app, ctx, '/v1/clusters/%s/actions' % cluster_id, {'check': {}},
        expect=states.FAILED)
    assert node_obj.Node.get(ctx, broken.id).status == states.N_ERROR
    act(app, ctx, '/v1/clusters/%s/actions' % cluster_id, {'recover': {}})
    node = node_obj.Node.get(ctx, broken.id)
    assert node.status == states.N_ACTIVE, node.status_reason
    assert cloud.stacks[node.physical_id]['status'] == 'CREATE_COMPLETE'

    status, _, response = call(app, 'DELETE', '/v1/clusters/%s' % cluster_id)
    wait_api_action(app, ctx, response)
    assert not [s for s in cloud.stacks.values()
                if s['project_id'] == ctx.project_id and not s.get('deleted')]


def test_a_template_heat_refuses_is_400_naming_the_type(app):
    spec = example('heat-stack-random-string.yaml')
    spec['properties']['template']['resources']['extra'] = {
        'type': 'OS::Not::AType'}
    for path, profile in (('/v1/profiles', {'name': 'badstack', 'spec': spec}),
                          ('/v1/profiles/validate', {'spec': spec})):
        status, body, _ = call(app, 'POST', path, {'profile': profile})
        assert status == 400, body
        assert 'properties.template: The Resource Type (OS::Not::AType) could ' \
            'not be found.' in body['error']['message']


def test_a_missing_parameter_fails_the_node_with_heats_message(app, ctx):
    spec = example('heat-stack-random-string.yaml')
    spec['properties']['template']['parameters']['label'] = {'type': 'string'}
    profile = make_profile(app, 'unlabelled', spec)  # valid without parameters
    status, body, response = call(app, 'POST', '/v1/clusters', {'cluster': {
        'name': 'unlabelled', 'profile_id': profile['id'], 'desired_capacity': 1}})
    assert status == 202, body
    wait_api_action(app, ctx, response, expect=states.FAILED)
    (node,) = node_obj.Node.for_cluster(ctx, body['cluster']['id'])
    assert node.status == states.N_ERROR
    assert 'The Parameter (label) was not provided.' in node.status_reason


def test_a_spec_without_template_is_400(app):
    spec = example('heat-stack-random-string.yaml')
    del spec['properties']['template']
    status, body, _ = call(app, 'POST', '/v1/profiles',
                           {'profile': {'name': 'empty', 'spec': spec}})
    assert status == 400 and 'template_url' in body['error']['message']


BOOM = 'Resource CREATE failed: ValueError: resources.boom: Test Resource failed boom'


def _failing_spec(fail, **properties):
    """A Heat stack spec whose create fails as Heat's does when ``fail``
    (the same template as on the Heat anchor, tests/functional/test_heat_stack.py)."""
    return {'type': 'os.heat.stack', 'version': '1.0', 'properties': dict({
        'template': {
            'heat_template_version': '2016-04-08',
            'resources': {'boom': {'type': 'OS::Heat::TestResource',
                                   'properties': {'value': 'up', 'fail': fail}}},
            'outputs': {'word': {'value': {'get_attr': ['boom', 'output']}}}}},
        **properties)}


def _live_stacks(cloud, ctx):
    return {s['id']: s for s in cloud.stacks.values()
            if s['project_id'] == ctx.project_id and not s.get('deleted')}


def test_a_stack_that_fails_to_create_is_recovered_without_leaks(app, ctx, cloud):
    before = set(_live_stacks(cloud, ctx))
    profile = make_profile(app, 'boom', _failing_spec(True))
    status, body, response = call(app, 'POST', '/v1/clusters', {'cluster': {
        'name': 'boom', 'profile_id': profile['id'], 'desired_capacity': 1}})
    assert status == 202, body
    cluster_id = body['cluster']['id']
    wait_api_action(app, ctx, response, expect=states.FAILED)
    (node,) = node_obj.Node.for_cluster(ctx, cluster_id)
    assert node.status == states.N_ERROR and BOOM in node.status_reason
    first = node.physical_id
    assert cloud.stacks[first]['status'] == 'CREATE_FAILED'

    # Check: unhealthy, and Heat's check is not run on the failed create.
    act(app, ctx, '/v1/clusters/%s/actions' % cluster_id, {'check': {}},
        expect=states.FAILED)
    assert cloud.stacks[first]['status'] == 'CREATE_FAILED'

    # Recover while the template still fails: the old stack is deleted and the
    # node owns the new failed one.  (Heat keeps a deleted stack's name for a
    # moment after DELETE_COMPLETE, answering 409: the create tries again.)
    cloud.inject('create_stack', 409, 'The Stack (%s) already exists.'
                 % heat_stack.HeatStackProfile.stack_name(node))
    act(app, ctx, '/v1/clusters/%s/actions' % cluster_id, {'recover': {}},
        expect=states.FAILED)
    node = node_obj.Node.get(ctx, node.id)
    assert node.physical_id != first and BOOM in node.status_reason
    assert set(_live_stacks(cloud, ctx)) - before == {node.physical_id}

    # A profile whose template works: the cluster update updates the failed
    # stack in place, and the node is ACTIVE.
    fixed = make_profile(app, 'fixed', _failing_spec(False))
    status, body, response = call(app, 'PATCH', '/v1/clusters/%s' % cluster_id,
                                  {'cluster': {'profile_id': fixed['id']}})
    assert status == 202, body
    wait_api_action(app, ctx, response)
    node = node_obj.Node.get(ctx, node.id)
    assert node.status == states.N_ACTIVE, node.status_reason
    assert cloud.stacks[node.physical_id]['status'] == 'UPDATE_COMPLETE'

    status, _, response = call(app, 'DELETE', '/v1/clusters/%s' % cluster_id)
    wait_api_action(app, ctx, response)
    assert set(_live_stacks(cloud, ctx)) == before


def test_a_create_heat_rolls_back_fails_with_the_reason_from_the_events(
        app, ctx, cloud, engine):
    profile = make_profile(app, 'rolled',
                           _failing_spec(True, disable_rollback=False, timeout=5))
    status, body, response = call(app, 'POST', '/v1/clusters', {'cluster': {
        'name': 'rolled', 'profile_id': profile['id'], 'desired_capacity': 1}})
    assert status == 202, body
    wait_api_action(app, ctx, response, timeout=30, expect=states.FAILED)
    (node,) = node_obj.Node.for_cluster(ctx, body['cluster']['id'])
    assert node.status == states.N_ERROR
    assert 'rolled back (ROLLBACK_COMPLETE): %s' % BOOM in node.status_reason
    stack = cloud.stacks[node.physical_id]
    assert stack['status'] == 'ROLLBACK_COMPLETE' and stack['resources'] == {}

    plugin = heat_stack.HeatStackProfile.from_object(
        profile_obj.Profile.get(ctx, profile['id']), conf=engine.conf)
    found = plugin.list_resources(ctx, [node])[node.id]
    assert found['healthy'] is False and BOOM in found['status_reason']
    assert plugin.check(ctx, node) is False

    status, _, response = call(app, 'DELETE', '/v1/clusters/%s'
                               % body['cluster']['id'])
    wait_api_action(app, ctx, response)
    assert node.physical_id not in _live_stacks(cloud, ctx)
