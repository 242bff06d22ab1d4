"""Nodes, receivers and webhooks where gabbi cannot reach: the Keystone pipeline,
other configuration options, and receivers imported from a Senlin database.

SQLite, a real engine and the real app; nothing is mocked.
"""

import json

import pytest
import webob

from clusterd.api import deploy
from clusterd.api.handlers import receivers as receiver_handlers
from clusterd import conf as conf_mod
from clusterd.engine.actions import registry
from clusterd.engine import requests
from clusterd.objects import node as node_obj
from clusterd.objects import receiver as receiver_obj
from clusterd import plugins
from clusterd.profiles import simulated as simulated_profile
from clusterd import states
from tests import databases
from tests import engines

ALPHA = {'X-Project-Id': 'p-alpha', 'X-User-Id': 'u-alpha', 'X-Roles': 'member',
         'OpenStack-API-Version': 'clustering 1.14'}


@pytest.fixture(scope='module')
def db(tmp_path_factory):
    with databases.migrated_database('sqlite', tmp_path_factory.mktemp('db')) as db:
        yield db


@pytest.fixture(scope='module')
def engine(db):
    with engines.Engine(db) as running:
        yield running


@pytest.fixture(scope='module')
def ctx(db):
    return engines.user_context(db, project='p-alpha', user='u-alpha')


@pytest.fixture(scope='module')
def profile(ctx):
    return engines.simulated_profile(ctx)


def _conf(**api):
    conf = conf_mod.make_conf()
    conf([], project='clusterd')
    conf.set_override('auth_strategy', api.pop('auth_strategy', 'noauth'),
                      group='api')
    for name, value in api.items():
        conf.set_override(name, value, group='api')
    return conf


def _call(app, method, path, body=None, **headers):
    request = webob.Request.blank(path, method=method, headers=headers)
    if body is not None:
        request.body = json.dumps(body).encode()
        request.content_type = 'application/json'
    response = request.get_response(app)
    return response.status_int, (json.loads(response.body) if response.body
                                 else None), response


def _cluster(ctx, engine, profile, name, size):
    cluster, action = requests.create_cluster(ctx, 3600, name=name,
                                              profile_id=profile.id,
                                              desired_capacity=size)
    engine.wake()
    assert engines.wait_action(ctx, action.id).status == states.SUCCEEDED
    return cluster


def test_trigger_through_keystone_pipeline_needs_no_token(db, ctx, engine,
                                                          profile):
    cluster = _cluster(ctx, engine, profile, 'kweb', 1)
    noauth = deploy.make_app(_conf(), db)
    status, body, _ = _call(noauth, 'POST', '/v1/receivers', {'receiver': {
        'name': 'kgrow', 'type': 'webhook', 'cluster_id': 'kweb',
        'action': 'CLUSTER_SCALE_OUT', 'params': {'count': 2}}}, **ALPHA)
    assert status == 201, body
    url = body['receiver']['channel']['alarm_url']
    assert url.startswith('http://localhost/v1/webhooks/')

    # An Aodh-like caller: no token, no identity, no microversion.
    keystone = deploy.make_app(_conf(auth_strategy='keystone'), db)
    status, body, response = _call(keystone, 'POST', url, {'current': 'alarm'})
    assert status == 202, body
    action_id = body['action']
    assert response.location.endswith('/v1/actions/%s' % action_id)
    engine.wake()
    action = engines.wait_action(ctx, action_id)
    assert action.status == states.SUCCEEDED, action.status_reason
    assert (action.user, action.project) == ('u-alpha', 'p-alpha')
    assert action.inputs == {'count': 2, 'current': 'alarm'}
    assert len(node_obj.Node.for_cluster(ctx, cluster.id)) == 3

    # The rest of the API still wants a token.
    status, _, _ = _call(keystone, 'GET', '/v1/receivers/kgrow')
    assert status == 401


def test_alarm_url_uses_the_public_endpoint(db, ctx, engine, profile):
    _cluster(ctx, engine, profile, 'pub', 0)
    app = deploy.make_app(_conf(public_endpoint='https://clustering.example.com'),
                          db)
    status, body, _ = _call(app, 'POST', '/v1/receivers', {'receiver': {
        'name': 'pub-check', 'type': 'webhook', 'cluster_id': 'pub',
        'action': 'CLUSTER_CHECK'}}, **ALPHA)
    assert status == 201, body
    receiver = receiver_obj.Receiver.get(ctx, body['receiver']['id'])
    assert body['receiver']['channel']['alarm_url'] == (
        'https://clustering.example.com/v1/webhooks/%s/trigger?V=2&token=%s'
        % (receiver.id, receiver.secret))


def test_name_unique_refuses_a_second_node_and_receiver(db, ctx, engine,
                                                        profile):
    _cluster(ctx, engine, profile, 'uniq', 0)
    conf = _conf()
    conf.set_override('name_unique', True)
    app = deploy.make_app(conf, db)
    node = {'node': {'name': 'only-one', 'profile_id': profile.id}}
    assert _call(app, 'POST', '/v1/nodes', node, **ALPHA)[0] == 202
    status, body, _ = _call(app, 'POST', '/v1/nodes', node, **ALPHA)
    assert status == 400
    assert body['error']['message'] == 'The node named (only-one) already exists.'

    receiver = {'receiver': {'name': 'only-one', 'type': 'webhook',
                             'cluster_id': 'uniq', 'action': 'CLUSTER_CHECK'}}
    assert _call(app, 'POST', '/v1/receivers', receiver, **ALPHA)[0] == 201
    status, body, _ = _call(app, 'POST', '/v1/receivers', receiver, **ALPHA)
    assert status == 400
    assert body['error']['message'] == \
        "A receiver named 'only-one' already exists."


def test_imported_message_receiver_is_shown_but_not_run(db, ctx):
    # A row as a Senlin database import brings it: no cluster, a Zaqar queue.
    receiver = receiver_obj.Receiver.create(
        ctx, name='queue', type='message', params={},
        channel={'queue_name': 'senlin-receiver-x'})
    app = deploy.make_app(_conf(), db)
    status, body, _ = _call(app, 'GET', '/v1/receivers/queue', **ALPHA)
    assert status == 200
    assert body['receiver']['channel'] == {'queue_name': 'senlin-receiver-x'}
    assert body['receiver']['cluster_id'] is None

    status, body, _ = _call(app, 'POST', '/v1/receivers/queue/notify', **ALPHA)
    assert status == 400
    assert body['error']['message'] == receiver_handlers.MESSAGE_UNSUPPORTED

    # As if it did not exist: only a webhook's token makes a trigger known.
    status, body, _ = _call(app, 'POST',
                            '/v1/webhooks/%s/trigger?V=2' % receiver.id)
    assert status == 404
    assert body['error']['message'] == \
        "The receiver '%s' could not be found." % receiver.id

    assert _call(app, 'DELETE', '/v1/receivers/queue', **ALPHA)[0] == 204


def test_every_receiver_action_is_one_the_engine_runs():
    assert set(receiver_handlers.CLUSTER_ACTIONS) <= set(registry.WORKFLOWS)


class AdoptingProfile(simulated_profile.SimulatedProfile):
    """A type that describes existing resources through ``adopt_spec``, as
    os.nova.server does."""
    TYPE = 'test.adopting'
    calls = []

    @classmethod
    def adopt_spec(cls, ctx, conf, physical_id, overrides=None, user_id=None,
                   project_id=None):
        cls.calls.append((physical_id, overrides, user_id, project_id))
        return {'type': cls.TYPE, 'version': cls.VERSION,
                'properties': dict({'metadata': {'seen': physical_id}},
                                   **(overrides or {}))}


@pytest.fixture
def adopting_type():
    plugins.register_profile('test.adopting-1.0', AdoptingProfile)
    yield 'test.adopting-1.0'
    plugins.unregister_profile('test.adopting-1.0')


def test_adoption_asks_the_profile_type_for_its_spec(db, ctx, adopting_type):
    app = deploy.make_app(_conf(), db)
    request = {'identity': 'srv-1', 'type': adopting_type,
               'overrides': {'latency': 1}}
    status, body, _ = _call(app, 'POST', '/v1/nodes/adopt-preview', request,
                            **ALPHA)
    assert status == 200, body
    assert body == {'node_profile': {
        'type': 'test.adopting', 'version': '1.0',
        'properties': {'metadata': {'seen': 'srv-1'}, 'latency': 1}}}
    assert AdoptingProfile.calls[-1] == ('srv-1', {'latency': 1}, 'u-alpha',
                                         'p-alpha')

    # The resource does not exist in the simulated cloud: adopted, but ERROR.
    status, body, _ = _call(app, 'POST', '/v1/nodes/adopt',
                            dict(request, name='srv'), **ALPHA)
    assert status == 200, body
    node = body['node']
    assert (node['name'], node['physical_id'], node['profile_name']) == \
        ('srv', 'srv-1', 'prof-srv')
    assert node['status'] == 'ERROR'
    status, body, _ = _call(app, 'GET', '/v1/nodes/srv', **ALPHA)
    assert body['node']['profile_id'] == node['profile_id']
