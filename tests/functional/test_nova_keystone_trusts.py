"""The production layout end to end: clusterd behind the real Keystone anchor acts
for a user on a real Nova that checks every token with Keystone.

Nova here is a second nova-api in front of the Nova anchor, with keystonemiddleware
pointed at the Keystone anchor and named ``compute`` in Keystone's catalog
(tests/nova_keystone_anchor.py).  clusterd runs its real API (keystone auth, trusts
made at the first request) and a real engine; its only credentials for the cloud
are the service user's and the trusts users gave it.  The user ``demo`` creates a
cluster of two os.nova.server nodes; Nova shows them in demo's project; demo's
token is revoked and webhooks still scale the cluster in and out (the engine acts
through the trust); the trust deleted in Keystone makes the next action fail with
a reason naming the trust, and demo's next request makes a new trust.
"""

import json
import uuid

import pytest
import webob

from clusterd.api import deploy
from clusterd import conf as conf_mod
from clusterd.drivers import keystone as keystone_driver
from clusterd.drivers import openstack as openstack_driver
from clusterd.engine import rpcapi
from clusterd import context as context_mod
from clusterd.objects import credential as credential_obj
from clusterd.objects import node as node_obj
from clusterd import states
from tests import databases
from tests import engines
from tests import keystone_anchor
from tests import nova_keystone_anchor
from tests import services
from tests.nova_anchor import FLAVOR, IMAGE
from tests.nova_anchor import nova_anchor  # noqa: F401  (a session fixture)

RUN = uuid.uuid4().hex[:6]
API_VERSION = {'OpenStack-API-Version': 'clustering 1.15'}
OPENSTACK = {'connection_source': 'trust', 'auth_url': keystone_anchor.URL + '/v3',
             'service_username': 'senlin', 'service_password': 'senlin',
             'service_project_name': 'service', 'default_networks': 'none',
             'poll_interval': 0.5, 'server_create_timeout': 180,
             'server_delete_timeout': 120}


@pytest.fixture(scope='module')
def nova(nova_anchor, keystone):  # noqa: F811
    with nova_keystone_anchor.running(nova_anchor, keystone) as running:
        yield running


@pytest.fixture(scope='module')
def db(tmp_path_factory):
    with databases.migrated_database('sqlite', tmp_path_factory.mktemp('db')) as db:
        yield db


@pytest.fixture(scope='module')
def engine(db, nova):
    with engines.Engine(db, groups={'openstack': OPENSTACK,
                                    'health': {'enabled': False}}) as running:
        yield running


@pytest.fixture(scope='module')
def app(keystone, db, engine, tmp_path_factory):
    path = tmp_path_factory.mktemp('conf') / 'clusterd.conf'
    services.write_conf(
        path, api={'auth_strategy': 'keystone'},
        keystone_authtoken=keystone_anchor.authtoken_options(keystone),
        openstack={name: OPENSTACK[name] for name in (
            'connection_source', 'auth_url', 'service_username',
            'service_password', 'service_project_name')})
    conf = conf_mod.make_conf()
    conf(['--config-file', str(path)], project='clusterd')
    service = engine.service
    return deploy.make_app(conf, db, rpcapi.EngineClient(
        service.transport, service.conf.engine.topic))


def _keystone(method, path, token):
    return nova_keystone_anchor._http(method, keystone_anchor.URL + path, token)


def _call(app, method, path, token=None, body=None):
    headers = dict(API_VERSION)
    if token is not None:
        headers['X-Auth-Token'] = token
    request = webob.Request.blank(path, method=method, headers=headers)
    if body is not None:
        request.body = json.dumps(body).encode()
        request.content_type = 'application/json'
    response = request.get_response(app)
    body = json.loads(response.body) if response.body else None
    if response.location and (body is None or isinstance(body, dict)) and \
            'action' not in (body or {}):
        # A create or a delete: its action is the one in Location.
        body = dict(body or {}, action=response.location.rsplit('/', 1)[1])
    return response.status_int, body


def _alarm(app, url, alarm_id):
    """An Aodh-like alarm on a receiver's alarm_url (no token).  Each has its own
    alarm_id: the same alarm repeated would coalesce into its first action."""
    status, body = _call(app, 'POST', url, body={
        'alarm_id': alarm_id, 'current': 'alarm', 'previous': 'ok'})
    assert status == 202, body
    return body


def _finished(ctx, body, status=states.SUCCEEDED, timeout=240):
    action = engines.wait_action(ctx, body['action'], timeout=timeout)
    assert action.status == status, action.status_reason
    return action


def _servers(nova, token, cluster_id):
    """The cluster's servers that Nova (behind Keystone) lists to the token's
    project (clusterd puts the cluster's id in their metadata)."""
    status, body = nova.call('GET', '/servers/detail', token)
    assert status == 200, body
    return {s['id']: s for s in body['servers']
            if s['metadata'].get('cluster_id') == cluster_id}


def _trusts_of(token, user):
    return _keystone('GET', '/v3/OS-TRUST/trusts?trustor_user_id=%s' % user,
                     token)['trusts']


@pytest.fixture
def leftovers(nova):
    """Cluster ids whose servers are deleted from Nova at the end, if a failed
    test left any (through Nova itself, with demo's token)."""
    clusters = []
    yield clusters
    token = keystone_anchor.issue('demo', 'demo', 'demo')[0]
    for cluster_id in clusters:
        for server_id in _servers(nova, token, cluster_id):
            nova.call('DELETE', '/servers/%s' % server_id, token)


def test_a_user_with_a_token_gets_servers_made_through_a_trust(app, db, engine,
                                                               nova, leftovers):
    token, user, project = keystone_anchor.issue('demo', 'demo', 'demo')
    for trust in _trusts_of(token, user):
        _keystone('DELETE', '/v3/OS-TRUST/trusts/%s' % trust['id'], token)
    ctx = context_mod.admin_context(db)
    name = 'kc-' + RUN

    # Nova itself refuses a caller without a Keystone token: it is not the
    # anchor's no-auth nova-api.
    assert nova.call('GET', '/servers', 'admin:admin')[0] == 401

    status, body = _call(app, 'POST', '/v1/profiles', token, {'profile': {
        'name': name, 'spec': {'type': 'os.nova.server', 'version': '1.0',
                               'properties': {'flavor': FLAVOR, 'image': IMAGE}}}})
    assert status == 201, body
    # The first request made the trust, from demo to the service user.
    trust_id = credential_obj.trust_of(ctx, user, project)
    assert trust_id is not None
    trust = _keystone('GET', '/v3/OS-TRUST/trusts/%s' % trust_id, token)['trust']
    assert (trust['trustor_user_id'], trust['project_id']) == (user, project)
    assert trust['trustee_user_id'] == keystone_driver.service_user_id(
        engine.conf.openstack)

    status, body = _call(app, 'POST', '/v1/clusters', token, {'cluster': {
        'name': name, 'profile_id': name, 'desired_capacity': 2, 'min_size': 0,
        'max_size': 4}})
    assert status == 202, body
    cluster_id = body['cluster']['id']
    leftovers.append(cluster_id)
    _finished(ctx, body)
    nodes = node_obj.Node.for_cluster(ctx, cluster_id)
    assert len(nodes) == 2
    servers = _servers(nova, token, cluster_id)
    assert set(servers) == {n.physical_id for n in nodes}
    for server in servers.values():
        assert server['status'] == 'ACTIVE'
        # Made as demo in demo's project: the trust impersonates its trustor.
        assert (server['user_id'], server['tenant_id']) == (user, project)

    # The engine's connection for demo is the service user's, scoped by the
    # trust: the token Nova accepted for the POSTs was trust-scoped.
    [compute] = [c for c in openstack_driver.clouds(engine.conf).computes()
                 if c.owner == (user, project)]
    assert compute.trust_id == trust_id
    access = compute.conn.session.auth.get_access(compute.conn.session)
    assert access.trust_id == trust_id
    assert access.trustee_user_id == keystone_driver.service_user_id(
        engine.conf.openstack)
    assert compute.request_counts()['POST /v2.1/servers'] == 2

    receivers = {}
    for action in ('CLUSTER_SCALE_IN', 'CLUSTER_SCALE_OUT'):
        status, body = _call(app, 'POST', '/v1/receivers', token, {'receiver': {
            'name': '%s-%s' % (name, action.lower()), 'type': 'webhook',
            'cluster_id': cluster_id, 'action': action}})
        assert status == 201, body
        receivers[action] = body['receiver']['channel']['alarm_url']

    # demo's token is gone: the webhooks (no token) still scale, through the trust.
    admin_token = keystone_anchor.issue('admin', 'admin', 'admin')[0]
    keystone_anchor.revoke(token, admin_token)
    assert nova.call('GET', '/servers', token)[0] == 401
    _finished(ctx, _alarm(app, receivers['CLUSTER_SCALE_IN'], 'low-' + RUN))
    token = keystone_anchor.issue('demo', 'demo', 'demo')[0]   # to look only
    left = node_obj.Node.for_cluster(ctx, cluster_id)
    assert len(left) == 1
    assert set(_servers(nova, token, cluster_id)) == {left[0].physical_id}

    _finished(ctx, _alarm(app, receivers['CLUSTER_SCALE_OUT'], 'high-' + RUN))
    nodes = node_obj.Node.for_cluster(ctx, cluster_id)
    assert len(nodes) == 2
    assert set(_servers(nova, token, cluster_id)) == {n.physical_id for n in nodes}

    # The trust deleted in Keystone: the next action fails, naming it.
    _keystone('DELETE', '/v3/OS-TRUST/trusts/%s' % trust_id, token)
    failed = _finished(ctx, _alarm(app, receivers['CLUSTER_SCALE_OUT'],
                                   'higher-' + RUN), status=states.FAILED)
    assert trust_id in failed.status_reason
    assert 'Traceback' not in failed.status_reason
    broken = [n for n in node_obj.Node.for_cluster(ctx, cluster_id)
              if n.status == states.N_ERROR]
    assert len(broken) == 1
    assert 'The Keystone trust %s' % trust_id in broken[0].status_reason
    assert 'deleted or has expired' in broken[0].status_reason
    assert credential_obj.trust_of(ctx, user, project) is None
    assert len(_servers(nova, token, cluster_id)) == 2

    # demo's next request makes a new trust; the cluster goes, servers and all.
    status, body = _call(app, 'DELETE', '/v1/clusters/%s' % cluster_id, token)
    assert status == 202, body
    fresh = credential_obj.trust_of(ctx, user, project)
    assert fresh not in (None, trust_id)
    assert [t['id'] for t in _trusts_of(token, user)] == [fresh]
    _finished(ctx, body)
    assert _servers(nova, token, cluster_id) == {}
    status, body = _call(app, 'DELETE', '/v1/profiles/%s' % name, token)
    assert status == 204, body
