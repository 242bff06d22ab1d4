"""The autoscaling loop through a webhook, end to end: an Aodh-like POST to a
receiver's alarm_url scales the cluster out by its scaling policy's count; the
alarm repeated inside the cooldown does not.  The real API, a real engine, the
simulated cloud, on every database backend.
"""

import json

import pytest
import webob

from clusterd.api import deploy
from clusterd.api.handlers import webhooks
from clusterd import conf as conf_mod
from clusterd.engine import rpcapi
from clusterd.objects import event as event_obj
from clusterd.objects import node as node_obj
from clusterd import states
from tests import engines

ALPHA = {'X-Project-Id': 'p-alpha', 'X-User-Id': 'u-alpha', 'X-Roles': 'member',
         'OpenStack-API-Version': 'clustering 1.15'}


@pytest.fixture(scope='module')
def engine(database):
    with engines.Engine(database) as running:
        yield running


@pytest.fixture(scope='module')
def app(database, engine):
    conf = conf_mod.make_conf()
    conf([], project='clusterd')
    conf.set_override('auth_strategy', 'noauth', group='api')
    service = engine.service
    return deploy.make_app(conf, database, rpcapi.EngineClient(
        service.transport, service.conf.engine.topic))


@pytest.fixture(scope='module')
def ctx(database):
    return engines.user_context(database, project='p-alpha', user='u-alpha')


def _call(app, method, path, body=None, **headers):
    request = webob.Request.blank(path, method=method, headers=headers)
    if body is not None:
        request.body = json.dumps(body).encode()
        request.content_type = 'application/json'
    response = request.get_response(app)
    body = json.loads(response.body) if response.body else None
    if response.location and isinstance(body, dict) and 'action' not in body:
        # A create: its action is the one in Location.
        body['action'] = response.location.rsplit('/', 1)[1]
    return response.status_int, body


def _done(ctx, body):
    action = engines.wait_action(ctx, body['action'])
    assert action.status == states.SUCCEEDED, action.status_reason
    return action


def _size(ctx, cluster_id):
    return len(node_obj.Node.for_cluster(ctx, cluster_id))


def test_an_alarm_scales_out_by_the_policy_once_per_cooldown(app, ctx):
    engines.simulated_profile(ctx, name='sim')
    status, body = _call(app, 'POST', '/v1/clusters', {'cluster': {
        'name': 'web', 'profile_id': 'sim', 'desired_capacity': 1,
        'max_size': 10}}, **ALPHA)
    assert status == 202, body
    cluster_id = body['cluster']['id']
    _done(ctx, body)
    status, body = _call(app, 'POST', '/v1/policies', {'policy': {
        'name': 'out', 'spec': {
            'type': 'senlin.policy.scaling', 'version': '1.0', 'properties': {
                'event': 'CLUSTER_SCALE_OUT',
                'adjustment': {'number': 2, 'cooldown': 300}}}}}, **ALPHA)
    assert status == 201, body
    status, body = _call(app, 'POST', '/v1/clusters/web/actions', {
        'policy_attach': {'policy_id': 'out'}}, **ALPHA)
    assert status == 202, body
    _done(ctx, body)
    assert _size(ctx, cluster_id) == 1
    status, body = _call(app, 'POST', '/v1/receivers', {'receiver': {
        'name': 'grow', 'type': 'webhook', 'cluster_id': 'web',
        'action': 'CLUSTER_SCALE_OUT'}}, **ALPHA)
    assert status == 201, body
    url = body['receiver']['channel']['alarm_url']

    alarm = {'alarm_id': 'cpu-high', 'alarm_name': 'cpu-high',
             'current': 'alarm', 'previous': 'ok', 'severity': 'moderate',
             'reason': 'Transition to alarm due to 3 samples outside threshold'}
    status, first = _call(app, 'POST', url, alarm)
    assert status == 202, first
    action = _done(ctx, first)
    assert action.inputs == alarm
    assert _size(ctx, cluster_id) == 3

    # The alarm again (Aodh repeats it while the metric stays high).
    status, body = _call(app, 'POST', url, dict(alarm, previous='alarm'))
    assert (status, body) == (202, first)
    # Another alarm on the same receiver: inside the policy's cooldown.
    status, body = _call(app, 'POST', url, dict(alarm, alarm_id='mem-high'))
    assert status == 409
    assert 'cooldown' in body['error']['message']
    engines.wait_action(ctx, first['action'])
    assert _size(ctx, cluster_id) == 3
    statuses = [e.status for e in event_obj.Event.list_for(ctx, cluster_id)]
    assert webhooks.COALESCED in statuses and webhooks.REFUSED in statuses
