"""[api] auth_strategy = keystone against a real Keystone (shared/anchors/keystone).

keystonemiddleware's auth_token, configured as an operator would configure it
(``[keystone_authtoken]``, the service user ``senlin`` in project ``service``),
validates real tokens over HTTP: the caller, project and roles of every request
come from Keystone.  The anchor's users: ``demo`` and ``alt_demo`` (member, each
in a project of its own) and ``admin`` (admin in project ``admin``).

The fixture runs the anchor's ``setup.sh`` once per session (about 2 minutes on
a bare machine, seconds when it is up) and ``stop.sh`` at the end if it started
Keystone.  Without the anchor the module is skipped, or fails with
CLUSTERD_TEST_REQUIRE_SERVICES=1.  Knobs: CLUSTERD_KEYSTONE_ANCHOR (its
directory), KEYSTONE_PORT (5000).
"""

import json
import os
import subprocess
import urllib.request
import warnings

import pytest
import webob

from clusterd.api import deploy
from clusterd import conf as conf_mod
from tests import databases
from tests import services
from tests.functional import openapi_conformance

PORT = os.environ.get('KEYSTONE_PORT', '5000')
KEYSTONE = 'http://127.0.0.1:%s' % PORT
SETUP_TIMEOUT = 900

PROFILE = {'profile': {'name': 'web', 'spec': {
    'type': 'clusterd.simulated', 'version': '1.0', 'properties': {}}}}


def _keystone_answers():
    try:
        with urllib.request.urlopen(KEYSTONE + '/v3', timeout=3) as answer:
            return 'version' in json.loads(answer.read())
    except Exception:  # noqa: BLE001 - any failure means "not up"
        return False


def _run(directory, script):
    env = dict(os.environ, KEYSTONE_PORT=PORT)
    return subprocess.run(['bash', os.path.join(directory, script)],
                          capture_output=True, text=True, env=env,
                          timeout=SETUP_TIMEOUT, stdin=subprocess.DEVNULL)


@pytest.fixture(scope='module')
def keystone():
    directory = services.anchor_dir('keystone')
    if directory is None:
        databases.unavailable('The Keystone anchor (shared/anchors/keystone) was '
                              'not found; set CLUSTERD_KEYSTONE_ANCHOR')
    was_up = _keystone_answers()
    try:
        result = _run(directory, 'setup.sh')
    except subprocess.TimeoutExpired:
        databases.unavailable('The Keystone anchor did not start within %d s'
                              % SETUP_TIMEOUT)
    if result.returncode != 0:
        if not was_up:
            databases.unavailable(
                'The Keystone anchor failed to start (setup.sh exit %d): %s'
                % (result.returncode, (result.stderr or result.stdout)[-2000:]))
        # A Keystone this run did not start (e.g. an anchor of a run in another
        # PID namespace on this host) answers on the port: use it as it is.
        warnings.warn('setup.sh of the Keystone anchor failed (%s); using the '
                      'Keystone already answering at %s'
                      % ((result.stderr.strip().splitlines() or [''])[-1], KEYSTONE))
        was_up = True
    try:
        yield KEYSTONE
    finally:
        if not was_up:
            _run(directory, 'stop.sh')


def _issue(name, password, project):
    """A project-scoped token: (token, user id, project id)."""
    body = {'auth': {
        'identity': {'methods': ['password'], 'password': {'user': {
            'name': name, 'domain': {'id': 'default'}, 'password': password}}},
        'scope': {'project': {'name': project, 'domain': {'id': 'default'}}}}}
    request = urllib.request.Request(
        KEYSTONE + '/v3/auth/tokens', data=json.dumps(body).encode(),
        headers={'Content-Type': 'application/json'}, method='POST')
    with urllib.request.urlopen(request, timeout=30) as answer:
        token = json.loads(answer.read())['token']
        return (answer.headers['X-Subject-Token'], token['user']['id'],
                token['project']['id'])


def _revoke(token, admin_token):
    request = urllib.request.Request(
        KEYSTONE + '/v3/auth/tokens', method='DELETE',
        headers={'X-Auth-Token': admin_token, 'X-Subject-Token': token})
    with urllib.request.urlopen(request, timeout=30):
        pass


@pytest.fixture(scope='module')
def tokens(keystone):
    return {'demo': _issue('demo', 'demo', 'demo'),
            'alt_demo': _issue('alt_demo', 'demo', 'alt_demo'),
            'admin': _issue('admin', 'admin', 'admin')}


@pytest.fixture(scope='module')
def app(keystone, tmp_path_factory):
    config = tmp_path_factory.mktemp('keystone') / 'clusterd.conf'
    config.write_text(
        '[api]\nauth_strategy = keystone\n'
        '[keystone_authtoken]\n'
        'www_authenticate_uri = %(url)s\nauth_url = %(url)s\n'
        'auth_type = password\nusername = senlin\npassword = senlin\n'
        'project_name = service\nuser_domain_name = Default\n'
        'project_domain_name = Default\n' % {'url': keystone})
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
    fresh = _issue('demo', 'demo', 'demo')[0]
    _revoke(fresh, tokens['admin'][0])
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
