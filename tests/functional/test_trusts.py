"""Keystone trusts on the real Keystone anchor (shared/anchors/keystone).

A user's first authenticated request makes a trust from that user to the service
user (``senlin`` in the anchor), stored per (user, project); the engine's cloud
connections act through it with a trust-scoped token, also after the user's own
token is revoked; a trust deleted in Keystone gives an error naming it, is
forgotten, and the user's next request makes a new one.
"""

import json
import urllib.request

import pytest
import webob

from clusterd.api import deploy
from clusterd import conf as conf_mod
from clusterd import context as context_mod
from clusterd.drivers import keystone as keystone_driver
from clusterd.drivers import openstack as openstack_driver
from clusterd.engine import requests
from clusterd.engine import trusts
from clusterd.objects import credential as credential_obj
from clusterd.objects import node as node_obj
from clusterd.objects import profile as profile_obj
from clusterd.profiles import cloud_access
from clusterd import states
from tests import databases
from tests import engines
from tests import keystone_anchor
from tests import services


def _keystone(method, path, token, body=None):
    request = urllib.request.Request(
        keystone_anchor.URL + path, method=method,
        data=json.dumps(body).encode() if body is not None else None,
        headers={'X-Auth-Token': token, 'Content-Type': 'application/json'})
    with urllib.request.urlopen(request, timeout=30) as answer:
        raw = answer.read()
        return json.loads(raw) if raw else None


def _trusts_of(token, user_id):
    return _keystone('GET', '/v3/OS-TRUST/trusts?trustor_user_id=%s' % user_id,
                     token)['trusts']


@pytest.fixture(scope='module')
def conf(keystone, tmp_path_factory):
    path = tmp_path_factory.mktemp('trusts') / 'clusterd.conf'
    services.write_conf(
        path, api={'auth_strategy': 'keystone'},
        keystone_authtoken=keystone_anchor.authtoken_options(keystone),
        openstack={'connection_source': 'trust', 'auth_url': keystone + '/v3',
                   'service_username': 'senlin', 'service_password': 'senlin',
                   'service_project_name': 'service'})
    conf = conf_mod.make_conf()
    conf(['--config-file', str(path)], project='clusterd')
    return conf


@pytest.fixture(scope='module')
def db(tmp_path_factory):
    with databases.migrated_database('sqlite', tmp_path_factory.mktemp('db')) as db:
        yield db


@pytest.fixture(scope='module')
def demo(keystone):
    """demo's token, user and project, with no trust of demo's left over."""
    token, user, project = keystone_anchor.issue('demo', 'demo', 'demo')
    for trust in _trusts_of(token, user):
        _keystone('DELETE', '/v3/OS-TRUST/trusts/%s' % trust['id'], token)
    return token, user, project


def _user_context(db, token, user, project, roles=('member', 'reader')):
    return context_mod.RequestContext(db=db, user_id=user, project_id=project,
                                      auth_token=token, roles=list(roles))


def test_first_request_makes_a_trust_to_the_service_user(conf, db, demo):
    token, user, project = demo
    ctx = _user_context(db, token, user, project)
    trust_id = trusts.ensure(ctx, conf)
    assert trust_id and ctx.trusts == trust_id
    assert credential_obj.trust_of(ctx, user, project) == trust_id
    trust = _keystone('GET', '/v3/OS-TRUST/trusts/%s' % trust_id, token)['trust']
    assert trust['trustor_user_id'] == user
    assert trust['trustee_user_id'] == keystone_driver.service_user_id(
        conf.openstack)
    assert trust['project_id'] == project
    assert trust['impersonation'] is True
    assert {r['name'] for r in trust['roles']} >= {'member'}
    # Stored: the next request asks Keystone nothing and gets the same trust.
    assert trusts.ensure(_user_context(db, token, user, project), conf) == trust_id
    # Lost from the table: Keystone's trust is found again, not duplicated.
    assert credential_obj.forget(ctx, user, project, trust_id)
    assert trusts.ensure(_user_context(db, token, user, project), conf) == trust_id
    assert [t['id'] for t in _trusts_of(token, user)] == [trust_id]


def test_cloud_calls_use_a_trust_scoped_token_after_the_user_token_is_gone(
        conf, db, demo):
    token, user, project = keystone_anchor.issue('demo', 'demo', 'demo')
    trust_id = trusts.ensure(_user_context(db, token, user, project), conf)
    admin_token = keystone_anchor.issue('admin', 'admin', 'admin')[0]
    keystone_anchor.revoke(token, admin_token)
    # The engine's context: no user token at all.
    engine_ctx = context_mod.admin_context(db)
    compute = cloud_access.compute(conf, engine_ctx, user, project)
    session = compute.conn.session
    access = session.auth.get_access(session)
    assert access.trust_id == trust_id
    assert (access.user_id, access.project_id) == (user, project)  # impersonation
    # The token is issued again when it has to be (expiry): still the trust's.
    session.auth.invalidate()
    again = session.auth.get_access(session)
    assert again.auth_token != access.auth_token
    assert again.trust_id == trust_id


def test_a_deleted_trust_is_named_forgotten_and_made_again(conf, db, demo):
    token, user, project = keystone_anchor.issue('demo', 'demo', 'demo')
    trust_id = trusts.ensure(_user_context(db, token, user, project), conf)
    engine_ctx = context_mod.admin_context(db)
    compute = cloud_access.compute(conf, engine_ctx, user, project)
    _keystone('DELETE', '/v3/OS-TRUST/trusts/%s' % trust_id, token)

    # A cached connection meets it when its token is issued again...
    compute.conn.session.auth.invalidate()
    with pytest.raises(openstack_driver.TrustError) as failure:
        compute.call('list servers', compute.conn.session.get_token, read=True)
    assert trust_id in failure.value.message
    assert 'deleted or has expired' in failure.value.message
    assert credential_obj.trust_of(engine_ctx, user, project) is None

    # ... and a new connection at once (the stored id is gone: it says so).
    with pytest.raises(openstack_driver.CloudError, match='No trust is stored for '
                       'user %s' % user):
        cloud_access.compute(conf, engine_ctx, user, project)
    credential_obj.store(engine_ctx, user, project, trust_id)
    with pytest.raises(openstack_driver.TrustError, match=trust_id):
        cloud_access.compute(conf, engine_ctx, user, project)
    assert credential_obj.trust_of(engine_ctx, user, project) is None

    # The user's next request makes a new one, and the engine acts through it.
    fresh = trusts.ensure(_user_context(db, token, user, project), conf)
    assert fresh != trust_id
    compute = cloud_access.compute(conf, engine_ctx, user, project)
    assert compute.conn.session.auth.get_access(compute.conn.session).trust_id == \
        fresh


def test_the_api_makes_the_trust_at_the_first_request(conf, db, keystone):
    token, user, project = keystone_anchor.issue('alt_demo', 'demo', 'alt_demo')
    for trust in _trusts_of(token, user):
        _keystone('DELETE', '/v3/OS-TRUST/trusts/%s' % trust['id'], token)
    app = deploy.make_app(conf, db)
    request = webob.Request.blank('/v1/profiles', headers={
        'X-Auth-Token': token, 'OpenStack-API-Version': 'clustering latest'})
    assert request.get_response(app).status_int == 200
    ctx = context_mod.admin_context(db)
    trust_id = credential_obj.trust_of(ctx, user, project)
    assert trust_id is not None
    assert [t['id'] for t in _trusts_of(token, user)] == [trust_id]
    # Later requests reuse it.
    assert request.get_response(app).status_int == 200
    assert [t['id'] for t in _trusts_of(token, user)] == [trust_id]


def test_an_engine_action_through_a_deleted_trust_names_it(keystone, conf, db):
    token, user, project = keystone_anchor.issue('demo', 'demo', 'demo')
    trust_id = trusts.ensure(_user_context(db, token, user, project), conf)
    _keystone('DELETE', '/v3/OS-TRUST/trusts/%s' % trust_id, token)
    options = {name: getattr(conf.openstack, name) for name in (
        'connection_source', 'auth_url', 'service_username', 'service_password',
        'service_project_name')}
    ctx = engines.user_context(db, project=project, user=user)
    profile = profile_obj.Profile.create(
        ctx, name='web', type='os.nova.server-1.0', project=project, user=user,
        spec={'type': 'os.nova.server', 'version': '1.0',
              'properties': {'flavor': 'm1.small', 'image': 'cirros'}})
    with engines.Engine(db, groups={'openstack': options,
                                    'health': {'enabled': False}}) as engine:
        node, action = requests.create_node(ctx, 3600, name='web-1',
                                            profile_id=profile.id, user=user,
                                            project=project)
        engine.wake()
        done = engines.wait_action(ctx, action.id)
    assert done.status == states.FAILED
    assert trust_id in done.status_reason
    failed = node_obj.Node.get(ctx, node.id)
    assert failed.status == states.N_ERROR
    assert 'The Keystone trust %s' % trust_id in failed.status_reason
    assert credential_obj.trust_of(ctx, user, project) is None
    # The next request makes a new trust.
    assert trusts.ensure(_user_context(db, token, user, project), conf) != trust_id
