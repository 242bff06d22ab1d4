"""[api] auth_strategy = keystone against a real Keystone (shared/anchors/keystone).

keystonemiddleware's auth_token, configured as an operator would configure it
(``[keystone_authtoken]``, the service user ``senlin`` in project ``service``),
validates real tokens over HTTP: the caller, project and roles of every request
come from Keystone.  The anchor (and its users) are described in
tests/keystone_anchor.py; the ``keystone`` fixture is the session's.
"""

import json

import pytest
import webob

from clusterd.api import deploy
from clusterd import conf as conf_mod
from tests import databases
from tests import keystone_anchor
from tests import services
from tests.functional import openapi_conformance

PROFILE = {'profile': {'name': 'web', 'spec': {
    'type': 'clusterd.simulated', 'version': '1.0', 'properties': {}}}}

@pytest.fixture(scope='module')
def tokens(keystone):
    return {'demo': keystone_anchor.issue('demo', 'demo', 'demo'),
            'alt_demo': keystone_anchor.issue('alt_demo', 'demo', 'alt_demo'),
            'admin': keystone_anchor.issue('admin', 'admin', 'admin')}


@pytest.fixture(scope='module')
def app(keystone, tmp_path_factory):
    config = tmp_path_factory.mktemp('keystone') / 'clusterd.conf'
    services.write_conf(config, api={'auth_strategy': 'keystone'},
                        keystone_authtoken=keystone_anchor.authtoken_options(
                            keystone))
    conf = conf_mod.make_conf()
    conf(['--config-file', str(config)], project='clusterd')
    with databases.migrated_database('sqlite', tmp_path_factory.mktemp('db')) as db:
        # Every answer is held to the OpenAPI document, as in the gabbi suites.
        yield openapi_conformance.Conformance(deploy.make_app(conf, db))


def _call(app, method, path, token=None, body=None):
    headers = {'OpenStack-API-Version': 'clustering latest'}
    if token is not None:
        headers['X-Auth-Token'] = token
    request = webob.Request.blank(path, method=method, headers=headers)
    if body is not None:
        request.content_type = 'application/json'
        request.body = json.dumps(body).encode()
    response = request.get_response(app)
    return response.status_int, (json.loads(response.body) if response.body
                                 else None)


def test_the_token_names_the_caller_and_the_project(app, tokens):
    token, user, project = tokens['demo']
    status, body = _call(app, 'POST', '/v1/profiles', token, PROFILE)
    assert status == 201, body
    assert (body['profile']['user'], body['profile']['project']) == (user, project)
    status, body = _call(app, 'GET', '/v1/profiles', token)
    assert status == 200
    assert 'web' in [p['name'] for p in body['profiles']]
    assert {p['project'] for p in body['profiles']} == {project}


def test_another_project_neither_sees_nor_touches_it(app, tokens):
    token = tokens['demo'][0]
    status, body = _call(app, 'POST', '/v1/profiles', token,
                         {'profile': dict(PROFILE['profile'], name='private')})
    assert status == 201, body
    ident = body['profile']['id']
    other = tokens['alt_demo'][0]
    status, body = _call(app, 'GET', '/v1/profiles', other)
    assert status == 200 and ident not in [p['id'] for p in body['profiles']]
    for method, body in (('GET', None), ('PATCH', {'profile': {'name': 'mine'}}),
                         ('DELETE', None)):
        status, answer = _call(app, method, '/v1/profiles/%s' % ident, other, body)
        assert status == 404, (method, answer)
    status, body = _call(app, 'GET', '/v1/profiles/%s' % ident, token)
    assert status == 200 and body['profile']['name'] == 'private'


def test_only_an_admin_lists_every_project(app, tokens):
    demo_project = tokens['demo'][2]
    status, body = _call(app, 'GET', '/v1/profiles?global_project=true',
                         tokens['admin'][0])
    assert status == 200, body
    assert demo_project in {p['project'] for p in body['profiles']}
    status, body = _call(app, 'GET', '/v1/profiles?global_project=true',
                         tokens['demo'][0])
    assert status == 403, body


def test_a_bad_or_revoked_token_is_401(app, tokens):
    status, body = _call(app, 'GET', '/v1/profiles', 'not-a-token')
    assert status == 401, body
    assert body['error']['type'] == 'Unauthorized'
    fresh = keystone_anchor.issue('demo', 'demo', 'demo')[0]
    keystone_anchor.revoke(fresh, tokens['admin'][0])
    status, body = _call(app, 'GET', '/v1/profiles', fresh)
    assert status == 401, body
    status, body = _call(app, 'GET', '/v1/profiles')
    assert status == 401, body


def test_identity_headers_beside_a_real_token_are_not_believed(app, tokens):
    # auth_token replaces what the caller claims with what Keystone says.
    token, user, project = tokens['alt_demo']
    request = webob.Request.blank('/v1/profiles', headers={
        'X-Auth-Token': token, 'X-Roles': 'admin',
        'X-Project-Id': tokens['demo'][2], 'X-User-Id': tokens['demo'][1]})
    request.method = 'POST'
    request.content_type = 'application/json'
    request.body = json.dumps({'profile': dict(PROFILE['profile'],
                                               name='claimed')}).encode()
    response = request.get_response(app)
    assert response.status_int == 201, response.body
    created = json.loads(response.body)['profile']
    assert (created['user'], created['project']) == (user, project)
