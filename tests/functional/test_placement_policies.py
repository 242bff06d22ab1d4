"""Zone placement, region placement and affinity policies on the simulated
OpenStack cloud, through the real REST API and a real in-process engine.

Where the nodes went is read back from the cloud (the servers' zones, regions,
hosts and server groups), not from clusterd.  The same scenarios on the real
Nova anchor are in test_placement_nova.py.
"""

import collections
import json

import pytest
import webob

from clusterd.api import deploy
from clusterd.drivers import backends
from clusterd.objects import event as event_obj
from clusterd.objects import node as node_obj
from clusterd.policies import placement
from clusterd import states
from tests import databases
from tests import engines

HEADERS = {'X-Project-Id': 'p-place', 'X-User-Id': 'u-place', 'X-Roles': 'member',
           'OpenStack-API-Version': 'clustering 1.14'}
PROFILE = {'type': 'os.nova.server', 'version': '1.0', 'properties': {
    'flavor': 'm1.small', 'image': 'cirros-0.5.2-x86_64-disk',
    'networks': [{'network': 'private'}]}}


@pytest.fixture(scope='module')
def db(tmp_path_factory):
    with databases.migrated_database('sqlite', tmp_path_factory.mktemp('db')) as db:
        yield db


@pytest.fixture(scope='module')
def engine(db):
    # Three compute hosts per zone (the simulated cloud's zones: nova, az1, az2).
    running = engines.Engine(db, groups={
        None: {'cloud_backend': 'simulated'},
        'simulated': {'build_seconds': 0.1, 'poll_interval': 0.05,
                      'hosts_per_zone': 3},
        'openstack': {'poll_interval': 0.05, 'default_networks': 'none'},
        'api': {'auth_strategy': 'noauth'},
    })
    with running:
        yield running


@pytest.fixture(scope='module')
def app(engine, db):
    return deploy.make_app(engine.conf, db)


@pytest.fixture(scope='module')
def ctx(db):
    return engines.user_context(db, project='p-place', user='u-place')


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


def wait(ctx, response, expect=states.SUCCEEDED, timeout=60):
    action_id = response.headers['Location'].rsplit('/', 1)[1]
    done = engines.wait_action(ctx, action_id, timeout=timeout)
    if expect is not None:
        assert done.status == expect, done.status_reason
    return done


def make_profile(app, name, **extra):
    spec = json.loads(json.dumps(PROFILE))
    spec['properties'].update(extra)
    status, body, _ = call(app, 'POST', '/v1/profiles',
                           {'profile': {'name': name, 'spec': spec}})
    assert status == 201, body
    return body['profile']['id']


def make_policy(app, name, kind, properties, expect=201):
    status, body, _ = call(app, 'POST', '/v1/policies', {'policy': {
        'name': name, 'spec': {'type': kind, 'version': '1.0',
                               'properties': properties}}})
    assert status == expect, body
    return body['policy']['id'] if expect == 201 else body


def make_cluster(app, ctx, name, profile_id, size=0):
    status, body, response = call(app, 'POST', '/v1/clusters', {'cluster': {
        'name': name, 'profile_id': profile_id, 'desired_capacity': size,
        'min_size': 0, 'max_size': -1}})
    assert status == 202, body
    wait(ctx, response)
    return body['cluster']['id']


def act(app, ctx, cluster_id, body, expect=states.SUCCEEDED, status=202):
    code, answer, response = call(app, 'POST', '/v1/clusters/%s/actions'
                                  % cluster_id, body)
    assert code == status, answer
    if status != 202:
        return answer
    return wait(ctx, response, expect)


def servers(cloud, ctx):
    return [s for s in cloud.list_all_servers()
            if s['project_id'] == ctx.project_id and not s.get('deleted')]


def spread(cloud, ctx, cluster_id, key='availability_zone'):
    """{zone (or region): servers} of the cluster's nodes, as the cloud has them."""
    ids = {n.physical_id for n in node_obj.Node.for_cluster(ctx, cluster_id)}
    return dict(collections.Counter(s[key] for s in servers(cloud, ctx)
                                    if s['id'] in ids))


# --- the pure planning -------------------------------------------------------------------

def test_the_plan_follows_the_weights_and_the_caps():
    zones = [placement.Place('az1', 2), placement.Place('az2', 1)]
    names = placement.plan_places({}, zones, 9)
    assert collections.Counter(names) == {'az1': 6, 'az2': 3}
    assert placement.removal_quota({'az1': 6, 'az2': 3}, zones, 3) == \
        {'az1': 2, 'az2': 1}
    # Unplaced members (made before the policy) go first.
    assert placement.removal_quota({'az1': 4, 'az2': 2, '': 2}, zones, 2) == \
        {'': 2}
    regions = [placement.Place('r1', 1, cap=1), placement.Place('r2', 1)]
    assert placement.plan_places({}, regions, 3) == ['r1', 'r2', 'r2']
    with pytest.raises(placement.NoRoom, match='r1 has 1 of cap 1'):
        placement.plan_places({'r1': 1}, regions[:1], 1)
    assert placement.plan_places({}, zones, 2, skip=('az1',)) == ['az2', 'az2']


class _Node:
    def __init__(self, index, zone, status='ACTIVE'):
        self.id, self.name, self.index = 'n%d' % index, 'node-%d' % index, index
        self.status, self.tainted, self.physical_id = status, False, 'p%d' % index
        self.created_at = self.init_at = '2026-12-06T10:%02d:00' % index
        self.profile_id = 'p'
        self.data = {'placement': {'zone': zone}} if zone else {}


def test_the_dry_run_functions_plan_from_members_and_spec():
    spec = {'zones': [{'name': 'az1', 'weight': 2}, {'name': 'az2'}]}
    # az2's default weight is 100: 2 against 100 puts nearly everything in az2.
    assert placement.new_node_places([], spec, 'zone', 3) == ['az2'] * 3
    spec = {'zones': [{'name': 'az1', 'weight': 2}, {'name': 'az2', 'weight': 1}]}
    nodes = [_Node(i, 'az1' if i < 6 else 'az2') for i in range(9)]
    nodes[4].status = 'ERROR'
    victims, quota = placement.scale_in_victims(nodes, spec, 'zone', 3)
    assert quota == {'az1': 2, 'az2': 1}
    # Unhealthy first, then the oldest of each zone.
    assert [v['id'] for v in victims] == ['n4', 'n0', 'n6']
    assert placement.new_node_places(nodes, spec, 'zone', 3) == \
        ['az1', 'az2', 'az1']


# --- zone placement ---------------------------------------------------------------------

def test_zone_weights_place_new_nodes_and_scale_in_keeps_the_spread(app, ctx,
                                                                    cloud):
    profile = make_profile(app, 'zoned')
    cluster = make_cluster(app, ctx, 'zoned', profile)
    policy = make_policy(app, 'zones', 'senlin.policy.zone_placement', {
        'zones': [{'name': 'az1', 'weight': 2}, {'name': 'az2', 'weight': 1}]})
    act(app, ctx, cluster, {'policy_attach': {'policy_id': policy}})

    act(app, ctx, cluster, {'scale_out': {'count': 9}})
    assert spread(cloud, ctx, cluster) == {'az1': 6, 'az2': 3}
    nodes = node_obj.Node.for_cluster(ctx, cluster)
    by_server = {s['id']: s['availability_zone'] for s in servers(cloud, ctx)}
    for node in nodes:
        assert node.data['placement']['zone'] == by_server[node.physical_id]

    act(app, ctx, cluster, {'scale_in': {'count': 3}})
    assert spread(cloud, ctx, cluster) == {'az1': 4, 'az2': 2}

    act(app, ctx, cluster, {'resize': {'adjustment_type': 'EXACT_CAPACITY',
                                       'number': 9}})
    assert spread(cloud, ctx, cluster) == {'az1': 6, 'az2': 3}
    act(app, ctx, cluster, {'resize': {'adjustment_type': 'EXACT_CAPACITY',
                                       'number': 3}})
    assert spread(cloud, ctx, cluster) == {'az1': 2, 'az2': 1}

    # A node created into the cluster goes where the plan says: az1 (3 of 4).
    status, body, response = call(app, 'POST', '/v1/nodes', {'node': {
        'name': 'extra', 'profile_id': profile, 'cluster_id': cluster}})
    assert status == 202, body
    wait(ctx, response)
    node = node_obj.Node.get(ctx, body['node']['id'])
    assert node.data['placement']['zone'] == 'az1'
    assert spread(cloud, ctx, cluster) == {'az1': 3, 'az2': 1}


def test_a_failing_zone_is_skipped_for_the_rest_of_the_action(app, ctx, cloud):
    profile = make_profile(app, 'fallback')
    cluster = make_cluster(app, ctx, 'fallback', profile)
    policy = make_policy(app, 'zones-fallback', 'senlin.policy.zone_placement', {
        'zones': [{'name': 'az1', 'weight': 1}, {'name': 'az2', 'weight': 1}]})
    act(app, ctx, cluster, {'policy_attach': {'policy_id': policy}})
    hosts = ['az2-compute-%d' % i for i in (1, 2, 3)]
    for host in hosts:
        cloud.fail_host(host)
    try:
        done = act(app, ctx, cluster, {'scale_out': {'count': 6}})
    finally:
        for host in hosts:
            cloud.restore_host(host)
    assert spread(cloud, ctx, cluster) == {'az1': 6}
    nodes = node_obj.Node.for_cluster(ctx, cluster)
    assert {n.status for n in nodes} == {states.N_ACTIVE}
    assert {n.data['placement']['zone'] for n in nodes} == {'az1'}
    # The servers that failed in az2 were deleted, not left behind.
    names = {n.name for n in nodes}
    failed = [s for s in cloud.list_all_servers()
              if s['name'] in names and s['availability_zone'] == 'az2']
    assert all(s.get('deleted') or s.get('task_state') == 'deleting'
               for s in failed), failed
    skipped = [e for e in event_obj.Event.list_for(ctx, cluster)
               if e.status == 'zone_skipped']
    assert len(skipped) == 1, skipped
    assert 'az2' in skipped[0].status_reason
    assert done.id in skipped[0].status_reason
    assert 'No valid host' in skipped[0].status_reason


# --- region placement ------------------------------------------------------------------

def test_region_weights_and_a_hard_cap(app, ctx, cloud):
    profile = make_profile(app, 'regional')
    cluster = make_cluster(app, ctx, 'regional', profile)
    policy = make_policy(app, 'regions', 'senlin.policy.region_placement', {
        'regions': [{'name': 'RegionOne', 'weight': 1, 'cap': 2},
                    {'name': 'RegionTwo', 'weight': 1, 'cap': 3}]})
    act(app, ctx, cluster, {'policy_attach': {'policy_id': policy}})
    act(app, ctx, cluster, {'scale_out': {'count': 5}})
    assert spread(cloud, ctx, cluster, 'region') == {'RegionOne': 2,
                                                      'RegionTwo': 3}
    refused = act(app, ctx, cluster, {'scale_out': {'count': 1}},
                  expect=states.FAILED)
    assert 'RegionOne has 2 of cap 2' in refused.status_reason
    assert 'RegionTwo has 3 of cap 3' in refused.status_reason
    assert len(node_obj.Node.for_cluster(ctx, cluster)) == 5
    # Every node is read, and deleted, in its own region.
    act(app, ctx, cluster, {'scale_in': {'count': 2}})
    assert spread(cloud, ctx, cluster, 'region') == {'RegionOne': 1,
                                                      'RegionTwo': 2}
    status, _, response = call(app, 'DELETE', '/v1/clusters/%s' % cluster)
    assert status == 202
    wait(ctx, response)
    assert spread(cloud, ctx, cluster, 'region') == {}


# --- validation ---------------------------------------------------------------------------

def test_unknown_zones_regions_and_drs_are_refused_with_400(app, ctx, engine):
    body = make_policy(app, 'bad-zone', 'senlin.policy.zone_placement', {
        'zones': [{'name': 'az1'}, {'name': 'az9'}]}, expect=400)
    message = body['error']['message']
    assert "'az9'" in message and 'zones[1].name' in message, message
    body = make_policy(app, 'bad-region', 'senlin.policy.region_placement', {
        'regions': [{'name': 'RegionNine'}]}, expect=400)
    message = body['error']['message']
    assert "'RegionNine'" in message and 'regions[0].name' in message, message
    body = make_policy(app, 'drs', 'senlin.policy.affinity', {
        'enable_drs_extension': True}, expect=400)
    assert 'enable_drs_extension' in body['error']['message']
    body = make_policy(app, 'bad-az', 'senlin.policy.affinity', {
        'availability_zone': 'az9'}, expect=400)
    assert "'az9'" in body['error']['message']

    # At attach: the profile's server group has another policy than the spec.
    compute = backends.clouds(engine.conf).compute(ctx)
    compute.create_server_group('together', 'affinity')
    profile = make_profile(app, 'grouped', scheduler_hints={'group': 'together'})
    cluster = make_cluster(app, ctx, 'grouped', profile)
    policy = make_policy(app, 'apart', 'senlin.policy.affinity', {
        'servergroup': {'policies': 'anti-affinity'}})
    answer = act(app, ctx, cluster, {'policy_attach': {'policy_id': policy}},
                 status=400)
    message = answer['error']['message']
    assert "'together'" in message and "'affinity'" in message, message


# --- affinity -------------------------------------------------------------------------------

def test_anti_affinity_over_three_hosts(app, ctx, cloud):
    profile = make_profile(app, 'spread')
    cluster = make_cluster(app, ctx, 'spread', profile)
    policy = make_policy(app, 'anti', 'senlin.policy.affinity', {
        'servergroup': {'policies': 'anti-affinity'}})
    act(app, ctx, cluster, {'policy_attach': {'policy_id': policy}})
    groups = [g for g in cloud.server_groups.values()
              if g['project_id'] == ctx.project_id and
              g['name'] == 'clusterd-%s' % cluster]
    assert len(groups) == 1 and groups[0]['policy'] == 'anti-affinity'

    act(app, ctx, cluster, {'scale_out': {'count': 3}})
    nodes = node_obj.Node.for_cluster(ctx, cluster)
    mine = [s for s in servers(cloud, ctx)
            if s['id'] in {n.physical_id for n in nodes}]
    assert len({s['host'] for s in mine}) == 3
    assert set(groups[0]['members']) == {s['id'] for s in mine}

    failed = act(app, ctx, cluster, {'scale_out': {'count': 1}},
                 expect=states.FAILED)
    bad = [n for n in node_obj.Node.for_cluster(ctx, cluster)
           if n.status == states.N_ERROR]
    assert len(bad) == 1
    assert 'No valid host was found' in bad[0].status_reason
    assert 'No valid host was found' in failed.status_reason
    assert engines.cluster(ctx, cluster).status == states.C_WARNING

    # Detach deletes the group it made.
    act(app, ctx, cluster, {'policy_detach': {'policy_id': policy}})
    assert groups[0]['id'] not in cloud.server_groups


def test_affinity_reuses_a_named_group_and_keeps_it(app, ctx, cloud, engine):
    compute = backends.clouds(engine.conf).compute(ctx)
    group = compute.create_server_group('shared', 'anti-affinity')
    profile = make_profile(app, 'reuse')
    cluster = make_cluster(app, ctx, 'reuse', profile)
    policy = make_policy(app, 'reuse', 'senlin.policy.affinity', {
        'servergroup': {'name': 'shared'}, 'availability_zone': 'az2'})
    act(app, ctx, cluster, {'policy_attach': {'policy_id': policy}})
    act(app, ctx, cluster, {'scale_out': {'count': 2}})
    mine = [s for s in servers(cloud, ctx) if s['id'] in {
        n.physical_id for n in node_obj.Node.for_cluster(ctx, cluster)}]
    assert {s['availability_zone'] for s in mine} == {'az2'}
    assert set(cloud.server_groups[group.id]['members']) >= {s['id'] for s in mine}
    act(app, ctx, cluster, {'policy_detach': {'policy_id': policy}})
    assert group.id in cloud.server_groups


def test_a_deletion_policy_orders_victims_inside_the_zone_spread(app, ctx, cloud):
    profile = make_profile(app, 'ordered')
    cluster = make_cluster(app, ctx, 'ordered', profile)
    zones = make_policy(app, 'zones-ordered', 'senlin.policy.zone_placement', {
        'zones': [{'name': 'az1', 'weight': 2}, {'name': 'az2', 'weight': 1}]})
    deletion = make_policy(app, 'youngest', 'senlin.policy.deletion',
                           {'criteria': 'YOUNGEST_FIRST'})
    for policy in (zones, deletion):
        act(app, ctx, cluster, {'policy_attach': {'policy_id': policy}})
    act(app, ctx, cluster, {'scale_out': {'count': 6}})
    act(app, ctx, cluster, {'scale_out': {'count': 3}})
    young = {n.id for n in node_obj.Node.for_cluster(ctx, cluster)
             if n.index > 6}
    assert spread(cloud, ctx, cluster) == {'az1': 6, 'az2': 3}
    done = act(app, ctx, cluster, {'scale_in': {'count': 3}})
    assert spread(cloud, ctx, cluster) == {'az1': 4, 'az2': 2}
    victims = done.outputs['decision']['victims']
    # The three youngest were 2 in az1 and 1 in az2: exactly the quota.
    assert {v['id'] for v in victims} == young
    assert all('YOUNGEST_FIRST' in v['reason'] and 'leaves az' in v['reason']
               for v in victims), victims
