"""[api] auth_strategy = keystone: auth_token in front of all but the public paths.

No Keystone runs here: requests without a token never reach it, and the context
built from auth_token's headers is checked by handing ContextMiddleware what
auth_token hands it.
"""

import json

import pytest
import webob

from clusterd.api import auth
from clusterd.api import deploy
from clusterd.api import rbac
from clusterd.api import router
from clusterd.api import util
from clusterd import conf as conf_mod


@pytest.fixture(scope='module')
def conf():
    conf = conf_mod.make_conf()
    conf([], project='clusterd')
    conf.set_override('auth_strategy', 'keystone', group='api')
    return conf


@pytest.fixture(scope='module')
def app(conf, database):
    return deploy.make_app(conf, database)


def _get(app, path, method='GET', **headers):
    request = webob.Request.blank(path, method=method, headers=headers)
    return request.get_response(app)


def test_discovery_needs_no_token(app):
    assert _get(app, '/').status_int == 300
    assert _get(app, '/v1').status_int == 200
    assert _get(app, '/v1/').status_int == 200


def test_api_without_token_is_401(app):
    response = _get(app, '/v1/actions')
    assert response.status_int == 401
    body = json.loads(response.body)
    assert body['code'] == 401 and body['error']['type'] == 'Unauthorized'
    # keystonemiddleware tells the client where to authenticate.
    assert 'WWW-Authenticate' in response.headers or body['error']['message']


def test_identity_headers_without_token_are_not_believed(app):
    response = _get(app, '/v1/actions', **{'X-Roles': 'admin',
                                            'X-Project-Id': 'p1',
                                            'X-Identity-Status': 'Confirmed'})
    assert response.status_int == 401


def test_webhook_trigger_needs_no_token(app):
    # It passes authentication and reaches its handler: w1 is no receiver.
    response = _get(app, '/v1/webhooks/w1/trigger?V=2', 'POST')
    assert response.status_int == 404
    assert json.loads(response.body)['error']['type'] == 'ResourceNotFound'


def test_webhook_path_is_public_for_post_only(app):
    assert _get(app, '/v1/webhooks/w1/trigger').status_int == 401


def test_context_from_auth_token_headers(conf, database):
    seen = {}

    def handler(req):
        seen['context'] = util.context(req)
        return util.json_response({})

    inner = auth.ContextMiddleware(lambda environ, start_response: handler(
        webob.Request(environ))(environ, start_response), conf, database,
        rbac.Enforcer(conf))
    request = webob.Request.blank('/v1/actions', headers={
        'X-Identity-Status': 'Confirmed', 'X-User-Id': 'u1',
        'X-Project-Id': 'p1', 'X-Roles': 'reader,member',
        'X-Project-Domain-Id': 'default'})
    assert request.get_response(inner).status_int == 200
    context = seen['context']
    assert (context.user_id, context.project_id) == ('u1', 'p1')
    assert context.roles == ['reader', 'member']
    assert not context.is_admin
    assert context.db is database


def test_public_paths():
    assert auth.is_public({'PATH_INFO': '/', 'REQUEST_METHOD': 'GET'})
    assert auth.is_public({'PATH_INFO': '/v1/', 'REQUEST_METHOD': 'GET'})
    assert auth.is_public({'PATH_INFO': '/v1/webhooks/x/trigger',
                           'REQUEST_METHOD': 'POST'})
    assert not auth.is_public({'PATH_INFO': '/v1/clusters', 'REQUEST_METHOD': 'GET'})
    assert not auth.is_public({'PATH_INFO': '/v1/webhooks/x/trigger/more',
                               'REQUEST_METHOD': 'POST'})
    assert router.match('/v1/webhooks/x/trigger', 'POST')[0].__name__ == \
        'trigger_webhook'
