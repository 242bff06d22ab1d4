"""Profile validate and create check the cloud, as Senlin did: an
``os.nova.server`` spec naming a flavor, image, key pair or network the caller's
project does not have is refused with 400 naming it, on the real Nova anchor
(Glance and Neutron are the anchor's stand-ins: Neutron has no networks)."""

import json
import uuid

import pytest
import webob

from clusterd.api import deploy
from clusterd import conf as conf_mod
from tests import databases
from tests.nova_anchor import FLAVOR, IMAGE
from tests.nova_anchor import nova_anchor  # noqa: F401  (a session fixture)

RUN = uuid.uuid4().hex[:8]
PROJECT = 'validate-%s' % RUN
HEADERS = {'X-Project-Id': PROJECT, 'X-User-Id': 'u-%s' % RUN,
           'X-Roles': 'member', 'OpenStack-API-Version': 'clustering 1.14'}


@pytest.fixture(scope='module')
def app(nova_anchor, tmp_path_factory):  # noqa: F811
    conf = conf_mod.make_conf()
    conf([], project='clusterd')
    conf.set_override('auth_strategy', 'noauth', group='api')
    nova_anchor.configure(conf)
    with databases.migrated_database('sqlite', tmp_path_factory.mktemp('db')) as db:
        yield deploy.make_app(conf, db)


def _post(app, path, spec, name='web'):
    request = webob.Request.blank(path, method='POST', headers=HEADERS)
    body = {'spec': spec}
    if not path.endswith('/validate'):
        body['name'] = name
    request.body = json.dumps({'profile': body}).encode()
    request.content_type = 'application/json'
    response = request.get_response(app)
    return response.status_int, json.loads(response.body)


def _spec(**properties):
    properties.setdefault('flavor', FLAVOR)
    properties.setdefault('image', IMAGE)
    return {'type': 'os.nova.server', 'version': '1.0', 'properties': properties}


def test_what_exists_validates_and_creates(app, nova_anchor):  # noqa: F811
    key = 'key-%s' % RUN
    nova = nova_anchor.connect(HEADERS['X-User-Id'], PROJECT)
    nova.compute.create_keypair(name=key)
    try:
        status, body = _post(app, '/v1/profiles/validate', _spec(key_name=key))
        assert status == 200, body
        status, body = _post(app, '/v1/profiles', _spec(key_name=key), name='ok')
        assert status == 201, body
    finally:
        nova.compute.delete_keypair(key)


@pytest.mark.parametrize('properties, field, message', [
    ({'flavor': 'no-such-flavor'}, 'properties.flavor',
     "The specified flavor 'no-such-flavor' could not be found."),
    ({'image': 'no-such-image'}, 'properties.image',
     "The specified image 'no-such-image' could not be found."),
    ({'key_name': 'no-such-key'}, 'properties.key_name',
     "The specified key pair 'no-such-key' could not be found."),
    ({'networks': [{'network': 'no-such-net'}]}, 'properties.networks[0].network',
     "The specified network 'no-such-net' could not be found."),
])
def test_what_is_missing_is_named(app, properties, field, message):
    for path in ('/v1/profiles/validate', '/v1/profiles'):
        status, body = _post(app, path, _spec(**properties))
        assert status == 400, body
        assert body['error']['message'].endswith('%s: %s' % (field, message)), body
