"""Dry runs (1.16) with zone placement and affinity on the simulated OpenStack
cloud, through the real API and a real engine: the zone the plan gives each new
node is the zone the scale-out then gives it, and the victims of a spread-keeping
scale-in are the ones it then removes.  (Placement's own behaviour is in
test_placement_policies.py.)
"""

import collections
import json

import pytest
import webob

from clusterd.api import deploy
from clusterd.objects import node as node_obj
from clusterd.policies import placement
from clusterd import states
from tests import databases
from tests import engines

HEADERS = {'X-Project-Id': 'p-dryplace', 'X-User-Id': 'u-dryplace',
           'X-Roles': 'member', 'OpenStack-API-Version': 'clustering 1.16'}
PROFILE = {'type': 'os.nova.server', 'version': '1.0', 'properties': {
    'flavor': 'm1.small', 'image': 'cirros-0.5.2-x86_64-disk',
    'networks': [{'network': 'private'}]}}
ZONES = {'zones': [{'name': 'az1', 'weight': 2}, {'name': 'az2', 'weight': 1}]}


@pytest.fixture(scope='module')
def db(tmp_path_factory):
    with databases.migrated_database('sqlite', tmp_path_factory.mktemp('db')) as db:
        yield db


@pytest.fixture(scope='module')
def engine(db):
    running = engines.Engine(db, groups={
        None: {'cloud_backend': 'simulated'},
        'simulated': {'build_seconds': 0.05, 'poll_interval': 0.05,
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
    return engines.user_context(db, project='p-dryplace', user='u-dryplace')


@pytest.fixture(scope='module')
def api(app, ctx):
    """``api(method, path, body)``: status and JSON body; a 202 is waited for
    (its action must succeed)."""
    def call(method, path, body=None):
        request = webob.Request.blank(path, method=method, headers=HEADERS)
        if body is not None:
            request.body = json.dumps(body).encode()
            request.content_type = 'application/json'
        response = request.get_response(app)
        payload = json.loads(response.body) if response.body else None
        if response.status_int == 202:
            action_id = response.headers['Location'].rsplit('/', 1)[1]
            done = engines.wait_action(ctx, action_id)
            assert done.status == states.SUCCEEDED, done.status_reason
        return response.status_int, payload
    return call


def _setup(api, name, policies):
    status, body = api('POST', '/v1/profiles', {'profile': {
        'name': name, 'spec': PROFILE}})
    assert status == 201, body
    status, body = api('POST', '/v1/clusters', {'cluster': {
        'name': name, 'profile_id': name, 'desired_capacity': 0,
        'min_size': 0, 'max_size': -1}})
    assert status == 202, body
    for kind, properties in policies:
        policy = '%s-%s' % (name, kind.rsplit('.', 1)[1])
        status, body = api('POST', '/v1/policies', {'policy': {
            'name': policy, 'spec': {'type': kind, 'version': '1.0',
                                     'properties': properties}}})
        assert status == 201, body
        status, body = api('POST', '/v1/clusters/%s/actions' % name,
                           {'policy_attach': {'policy_id': policy}})
        assert status == 202, body


def _dry(api, cluster, name, inputs):
    status, body = api('POST', '/v1/clusters/%s/actions' % cluster,
                       {name: dict(inputs, dry_run=True)})
    assert status == 200, body
    return body['dry_run']


def test_the_planned_zones_and_victims_are_the_real_ones(api, ctx):
    _setup(api, 'dryzones', [('senlin.policy.zone_placement', ZONES)])
    plan = _dry(api, 'dryzones', 'scale_out', {'count': 9})
    zones = [p['zone'] for p in plan['placements']]
    assert collections.Counter(zones) == {'az1': 6, 'az2': 3}
    assert plan['decided_by']['placements'] == 'dryzones-zone_placement'
    # The same planning as placement's pure function for a dry run.
    assert zones == placement.new_node_places([], ZONES, 'zone', 9)
    assert node_obj.Node.for_cluster(ctx, _cluster_id(api, 'dryzones')) == []

    api('POST', '/v1/clusters/dryzones/actions', {'scale_out': {'count': 9}})
    nodes = node_obj.Node.for_cluster(ctx, _cluster_id(api, 'dryzones'))
    assert [(n.index, n.data['placement']['zone']) for n in nodes] == \
        [(p['index'], p['zone']) for p in plan['placements']]

    members = {n.id for n in nodes}
    plan = _dry(api, 'dryzones', 'scale_in', {'count': 3})
    victims = {v['id'] for v in plan['victims']}
    assert len(victims) == 3 and plan['refused'] is None
    assert plan['decided_by']['victims'] == 'dryzones-zone_placement'
    api('POST', '/v1/clusters/dryzones/actions', {'scale_in': {'count': 3}})
    left = node_obj.Node.for_cluster(ctx, _cluster_id(api, 'dryzones'))
    assert members - {n.id for n in left} == victims
    assert collections.Counter(n.data['placement']['zone'] for n in left) == \
        {'az1': 4, 'az2': 2}


def test_affinity_shows_the_server_group_of_each_new_node(api, ctx):
    _setup(api, 'dryaffinity', [('senlin.policy.affinity', {
        'servergroup': {'policies': 'anti-affinity'}})])
    plan = _dry(api, 'dryaffinity', 'scale_out', {'count': 2})
    groups = {p['servergroup'] for p in plan['placements']}
    assert len(groups) == 1 and None not in groups
    assert plan['decided_by']['placements'] == 'dryaffinity-affinity'


def _cluster_id(api, name):
    status, body = api('GET', '/v1/clusters/%s' % name)
    assert status == 200, body
    return body['cluster']['id']
