"""Request URLs and bodies no handler or database could read are a 400, not a 500
(found by schemathesis; the rest are in gabbits/schemathesis-regressions.yaml)."""

import json

import pytest
import webob

from clusterd.api import deploy
from clusterd import conf as conf_mod


@pytest.fixture(scope='module')
def app():
    conf = conf_mod.make_conf()
    conf([], project='clusterd')
    conf.set_override('auth_strategy', 'noauth', group='api')
    # No database: every request here is refused before one is needed.
    return deploy.make_app(conf, None)


@pytest.mark.parametrize('path', ['/v1/clusters/%FF', '/v1/clusters?name=%FF',
                                  '/v1/%C3%28', '/%FF'])
def test_url_not_utf8_is_400(app, path):
    response = webob.Request.blank(path).get_response(app)
    assert response.status_int == 400
    body = json.loads(response.body)
    assert body['error']['message'] == ('The request URL is not valid UTF-8 once '
                                        'percent-decoded.')


def test_nul_in_body_key_names_it(app):
    request = webob.Request.blank('/v1/profiles', method='POST',
                                  content_type='application/json')
    request.body = b'{"profile": {"name": "p", "spec": {}, "metadata": {"a\\u0000": 1}}}'
    response = request.get_response(app)
    assert response.status_int == 400
    assert json.loads(response.body)['error']['message'] == (
        "Invalid value for 'profile.metadata.a\\x00': NUL characters are not "
        "allowed.")
