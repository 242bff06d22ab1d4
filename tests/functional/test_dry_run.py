"""Dry runs (microversion 1.16) through the real API, with a real engine on the
simulated cloud, on every database backend: the plan of each kind of action,
the victims the real scale-in then removes, refusals answered as 200, bodies
refused below 1.16, and nothing written (every table the plan could touch,
compared row by row before and after).
"""

import json
import time

import pytest
import sqlalchemy as sa
import webob

from clusterd.api import deploy
from clusterd import conf as conf_mod
from clusterd.db import models
from clusterd.engine import rpcapi
from clusterd.objects import action as action_obj
from clusterd.objects import node as node_obj
from clusterd import states
from tests import engines
from tests.functional import openapi_conformance

V16 = {'X-Project-Id': 'p-dry', 'X-User-Id': 'u-dry', 'X-Roles': 'member',
       'OpenStack-API-Version': 'clustering 1.16'}
V15 = dict(V16, **{'OpenStack-API-Version': 'clustering 1.15'})

# What a dry run must leave alone: every row of these (the simulated cloud's
# resources included: no cloud call).
WATCHED = ('cluster', 'node', 'action', 'dependency', 'event', 'cluster_lock',
           'node_lock', 'cluster_policy', 'policy', 'profile',
           'simulated_resource')


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
def ctx(database, app):
    context = engines.user_context(database, project='p-dry', user='u-dry')
    engines.simulated_profile(context, name='sim')
    engines.simulated_profile(context, name='sim2')
    return context


def _call(app, method, path, body=None, headers=V16, checked=True):
    """The status and JSON body of a request; a ``checked`` answer is held to
    /v1/openapi.json."""
    if checked:
        app = openapi_conformance.Conformance(app)
    request = webob.Request.blank(path, method=method, headers=headers)
    if body is not None:
        request.body = json.dumps(body).encode()
        request.content_type = 'application/json'
    response = request.get_response(app)
    assert response.status_int != 500, response.body.decode()
    payload = json.loads(response.body) if response.body else None
    if response.location and isinstance(payload, dict) and 'action' not in payload:
        payload['action'] = response.location.rsplit('/', 1)[1]
    return response.status_int, payload


def _done(ctx, payload):
    action = engines.wait_action(ctx, payload['action'])
    assert action.status == states.SUCCEEDED, action.status_reason
    return action


def _cluster(app, ctx, name, size, **values):
    status, body = _call(app, 'POST', '/v1/clusters', {'cluster': dict(
        {'name': name, 'profile_id': 'sim', 'desired_capacity': size,
         'min_size': 0, 'max_size': -1}, **values)})
    assert status == 202, body
    _done(ctx, body)
    return body['cluster']['id']


def _policy(app, name, type_name, version, **properties):
    status, body = _call(app, 'POST', '/v1/policies', {'policy': {
        'name': name, 'spec': {'type': type_name, 'version': version,
                               'properties': properties}}})
    assert status == 201, body
    return body['policy']['id']


def _act(app, ctx, cluster, body, wait=True):
    status, payload = _call(app, 'POST', '/v1/clusters/%s/actions' % cluster, body)
    assert status == 202, payload
    return _done(ctx, payload) if wait else payload


def _dry(app, cluster, name, inputs=None):
    status, body = _call(app, 'POST', '/v1/clusters/%s/actions' % cluster,
                         {name: dict(inputs or {}, dry_run=True)})
    assert status == 200, body
    return body['dry_run']


def _members(ctx, cluster_id):
    return [n.id for n in node_obj.Node.for_cluster(ctx, cluster_id)]


def _snapshot(database):
    """Every row of the watched tables, as text, per table."""
    rows = {}
    with database.engine.connect() as conn:
        for name in WATCHED:
            table = models.Base.metadata.tables[name]
            rows[name] = sorted(repr(tuple(row)) for row in conn.execute(
                sa.select(table)))
    return rows


def _unchanged(database, before):
    after = _snapshot(database)
    for name in WATCHED:
        assert after[name] == before[name], 'the dry run changed %s' % name


# --- the victims a dry run names are the ones the scale-in removes ------------------

@pytest.mark.parametrize('criteria', ['OLDEST_FIRST', 'YOUNGEST_FIRST', 'RANDOM',
                                      None])
def test_a_dry_run_scale_in_names_the_victims_the_scale_in_removes(
        app, ctx, database, criteria):
    name = 'victims-%s' % (criteria or 'none').lower()
    cluster = _cluster(app, ctx, name, 6)
    if criteria is not None:
        policy = _policy(app, name, 'senlin.policy.deletion', '1.1',
                         criteria=criteria)
        _act(app, ctx, cluster, {'policy_attach': {'policy_id': policy}})
    members = _members(ctx, cluster)
    before = _snapshot(database)
    plan = _dry(app, name, 'scale_in', {'count': 3})
    _unchanged(database, before)
    assert plan['refused'] is None, plan
    assert plan['counts'] == {'current': 6, 'desired': 6, 'after': 3}
    victims = [v['id'] for v in plan['victims']]
    assert len(victims) == 3 and set(victims) <= set(members)
    if criteria == 'OLDEST_FIRST':
        assert victims == members[:3]  # created in index order
        assert all(v['reason'].startswith('OLDEST_FIRST: created')
                   for v in plan['victims'])
    if criteria == 'YOUNGEST_FIRST':
        assert victims == members[:2:-1]
    if criteria is None:
        assert plan['decided_by']['victims'] == 'RANDOM (engine)'
        assert {v['reason'] for v in plan['victims']} == {'RANDOM pick'}
    else:
        assert plan['decided_by']['victims'] == name
        assert [p['name'] for p in plan['policies']] == [name]
    # The same question twice, the same answer.
    assert _dry(app, name, 'scale_in', {'count': 3})['victims'] == plan['victims']
    done = _act(app, ctx, cluster, {'scale_in': {'count': 3}})
    assert set(members) - set(_members(ctx, cluster)) == set(victims)
    assert [v['id'] for v in done.outputs['decision']['victims']] == victims


# --- the plan of each kind of action --------------------------------------------------

def test_the_plan_of_every_action_kind_and_nothing_written(app, ctx, database):
    cluster = _cluster(app, ctx, 'kinds', 3, min_size=1, max_size=10)
    members = _members(ctx, cluster)
    status, body = _call(app, 'POST', '/v1/nodes', {'node': {
        'name': 'spare', 'profile_id': 'sim'}})
    assert status == 202, body
    _done(ctx, body)
    spare = body['node']['id']
    deletion = _policy(app, 'kinds-deletion', 'senlin.policy.deletion', '1.1',
                       criteria='OLDEST_FIRST')
    scaling = _policy(app, 'kinds-out', 'senlin.policy.scaling', '1.0',
                      event='CLUSTER_SCALE_OUT', adjustment={'number': 2})
    _act(app, ctx, cluster, {'policy_attach': {'policy_id': scaling}})
    before = _snapshot(database)

    plan = _dry(app, 'kinds', 'scale_out')
    assert plan['action'] == 'CLUSTER_SCALE_OUT' and plan['refused'] is None
    assert plan['counts'] == {'current': 3, 'desired': 3, 'after': 5}
    assert plan['decided_by']['count'] == 'kinds-out'
    assert [p['zone'] for p in plan['placements']] == [None, None]
    assert [p['index'] for p in plan['placements']] == [4, 5]
    assert plan['decided_by']['placements'] == 'the cloud (no placement policy)'
    assert plan['policies'][0]['type'] == 'senlin.policy.scaling-1.0'
    assert 'add 2 node(s)' in plan['policies'][0]['decided'][0]

    plan = _dry(app, 'kinds', 'scale_out', {'count': 1})
    assert plan['counts']['after'] == 4 and len(plan['placements']) == 1

    plan = _dry(app, 'kinds', 'scale_in', {'count': 1})
    assert plan['counts']['after'] == 2 and len(plan['victims']) == 1

    plan = _dry(app, 'kinds', 'resize', {'adjustment_type': 'EXACT_CAPACITY',
                                         'number': 6})
    assert plan['counts']['after'] == 6 and len(plan['placements']) == 3
    plan = _dry(app, 'kinds', 'resize', {'adjustment_type': 'CHANGE_IN_CAPACITY',
                                         'number': -2})
    assert plan['counts']['after'] == 1 and len(plan['victims']) == 2

    plan = _dry(app, 'kinds', 'del_nodes', {'nodes': [members[1]],
                                            'destroy_after_deletion': True})
    assert [v['id'] for v in plan['victims']] == [members[1]]
    assert plan['victims'][0]['reason'] == 'named as a candidate'
    assert plan['details']['destroy_after_deletion'] is True
    assert plan['counts']['after'] == 2

    plan = _dry(app, 'kinds', 'add_nodes', {'nodes': ['spare']})
    assert plan['details']['join'] == [spare] and plan['counts']['after'] == 4

    plan = _dry(app, 'kinds', 'replace_nodes', {'nodes': {members[0]: 'spare'}})
    assert plan['details']['replace'] == [{'old': members[0], 'new': spare}]
    assert plan['batches'] == [[members[0]]]

    plan = _dry(app, 'kinds', 'check')
    assert sorted(plan['details']['check']) == sorted(members)

    plan = _dry(app, 'kinds', 'recover', {'check_capacity': True})
    assert plan['details']['recover'] == [] and plan['refused'] is None

    plan = _dry(app, 'kinds', 'policy_attach', {'policy_id': 'kinds-deletion'})
    assert plan['refused'] is None and plan['details']['policy_id'] == deletion
    plan = _dry(app, 'kinds', 'policy_attach', {'policy_id': 'kinds-out'})
    assert plan['details']['note'] == 'Policy already attached.'
    plan = _dry(app, 'kinds', 'policy_update', {'policy_id': 'kinds-out',
                                                'enabled': False})
    assert plan['details'] == {'policy_id': scaling, 'enabled': False}
    plan = _dry(app, 'kinds', 'policy_detach', {'policy_id': 'kinds-out'})
    assert plan['details'] == {'policy_id': scaling}

    status, body = _call(app, 'POST', '/v1/clusters/kinds/ops',
                         {'reboot': {'params': {'type': 'SOFT'},
                                     'dry_run': True}})
    assert status == 200, body
    assert body['dry_run']['details']['operation'] == 'reboot'
    assert sorted(body['dry_run']['details']['nodes']) == sorted(members)

    status, body = _call(app, 'PATCH', '/v1/clusters/kinds', {'cluster': {
        'name': 'renamed', 'profile_id': 'sim2', 'dry_run': True}})
    assert status == 200, body
    plan = body['dry_run']
    assert plan['action'] == 'CLUSTER_UPDATE'
    assert plan['details']['properties'] == {'name': 'renamed'}
    # [engine] update_max_unavailable (default) decides the batches.
    assert [n for batch in plan['batches'] for n in batch] == members
    assert plan['decided_by']['batches'].startswith('engine')

    status, body = _call(app, 'DELETE', '/v1/nodes/%s' % members[2],
                         {'dry_run': True})
    assert status == 200, body
    assert body['dry_run']['victims'][0]['id'] == members[2]
    assert body['dry_run']['counts'] == {'current': 3, 'desired': 3, 'after': 2}
    status, body = _call(app, 'DELETE', '/v1/nodes/%s?dry_run=true' % spare)
    assert status == 200, body
    assert body['dry_run']['counts'] == {} and body['dry_run']['refused'] is None

    _unchanged(database, before)
    assert _members(ctx, cluster) == members


def test_a_dry_run_update_plans_the_batches_the_update_runs(app, ctx, database):
    cluster = _cluster(app, ctx, 'rolling', 10)
    policy = _policy(app, 'rolling-batch', 'senlin.policy.batch', '1.0',
                     min_in_service=8, max_batch_size=2, pause_time=0)
    _act(app, ctx, cluster, {'policy_attach': {'policy_id': policy}})
    before = _snapshot(database)
    status, body = _call(app, 'PATCH', '/v1/clusters/rolling', {'cluster': {
        'profile_id': 'sim2', 'dry_run': True}})
    _unchanged(database, before)
    assert status == 200, body
    plan = body['dry_run']
    assert plan['decided_by']['batches'] == 'rolling-batch'
    assert [len(batch) for batch in plan['batches']] == [2, 2, 2, 2, 2]
    assert sorted(n for batch in plan['batches'] for n in batch) == \
        sorted(_members(ctx, cluster))
    status, body = _call(app, 'PATCH', '/v1/clusters/rolling', {'cluster': {
        'profile_id': 'sim2'}})
    assert status == 202, body
    done = _done(ctx, body)
    assert done.data['update']['plan'] == plan['batches']


# --- refusals: 200 with the reasons ---------------------------------------------------

def test_refusals_are_a_plan_with_reasons(app, ctx, database):
    cluster = _cluster(app, ctx, 'refusals', 2, min_size=1, max_size=4)
    before = _snapshot(database)
    plan = _dry(app, 'refusals', 'scale_in', {'count': 2})
    assert plan['refused']['reasons'] == [{
        'by': 'request', 'reason': "The target capacity (0) is less than the "
                                   "cluster's min_size (1)."}]
    assert plan['counts'] == {'current': 2, 'desired': 2, 'after': 2}
    plan = _dry(app, 'refusals', 'del_nodes', {'nodes': ['no-such-node']})
    assert plan['refused']['reasons'][0]['reason'] == \
        "Nodes not found: ['no-such-node']."
    plan = _dry(app, 'refusals', 'complete_lifecycle',
                {'lifecycle_action_token': 'no-such-action'})
    assert 'could not be found' in plan['refused']['reasons'][0]['reason']
    _unchanged(database, before)

    # A policy check failure: the scaling policy's count breaks max_size.
    big = _policy(app, 'refusals-out', 'senlin.policy.scaling', '1.0',
                  event='CLUSTER_SCALE_OUT', adjustment={'number': 5,
                                                         'cooldown': 300})
    _act(app, ctx, cluster, {'policy_attach': {'policy_id': big}})
    before = _snapshot(database)
    plan = _dry(app, 'refusals', 'scale_out')
    assert plan['refused']['reasons'] == [{
        'by': 'refusals-out', 'reason': "Policy check failure: The target "
        "capacity (7) is greater than the cluster's max_size (4)."}]
    assert plan['policies'][0]['name'] == 'refusals-out'
    _unchanged(database, before)

    # The cooldown: refused by the request (409 for a real one) and the policy.
    _act(app, ctx, cluster, {'scale_out': {'count': 1}})
    before = _snapshot(database)
    plan = _dry(app, 'refusals', 'scale_out', {'count': 1})
    assert [r['by'] for r in plan['refused']['reasons']] == ['cooldown',
                                                             'refusals-out']
    assert 'cooldown' in plan['refused']['reasons'][1]['reason']
    _unchanged(database, before)


def test_a_busy_cluster_and_a_held_removal(app, ctx, database):
    """A scale-in held by a lifecycle hook: the cluster is locked (another dry
    run says so), and complete_lifecycle's dry run names what it would release."""
    cluster = _cluster(app, ctx, 'held', 3)
    policy = _policy(app, 'held', 'senlin.policy.deletion', '1.1',
                     criteria='OLDEST_FIRST', hooks={
                         'type': 'zaqar', 'params': {'queue': 'q'},
                         'timeout': 300})
    _act(app, ctx, cluster, {'policy_attach': {'policy_id': policy}})
    members = _members(ctx, cluster)
    payload = _act(app, ctx, cluster, {'scale_in': {'count': 1}}, wait=False)
    deadline = time.monotonic() + 30
    held, settled = [], False
    while not (held and settled) and time.monotonic() < deadline:
        children = action_obj.Action.children(ctx, payload['action'])
        held = [c for c in children
                if c.status == states.WAITING_LIFECYCLE_COMPLETION]
        # The hook's notify action has ended too (the state stays still).
        settled = all(c.status in states.ACTION_TERMINAL for c in children
                      if c not in held)
        time.sleep(0.05)
    assert held and settled, 'the removal was not held'
    time.sleep(0.5)  # its end event and the parent's wait are written
    before = _snapshot(database)
    plan = _dry(app, 'held', 'scale_out', {'count': 1})
    assert [r['by'] for r in plan['refused']['reasons']] == ['lock']
    plan = _dry(app, 'held', 'complete_lifecycle',
                {'lifecycle_action_token': held[0].id})
    assert plan['refused'] is None
    assert plan['details'] == {'release': held[0].id, 'node': members[0],
                               'then': held[0].action}
    _unchanged(database, before)
    status, body = _call(app, 'POST', '/v1/clusters/held/actions', {
        'complete_lifecycle': {'lifecycle_action_token': held[0].id}})
    assert status == 202, body
    _done(ctx, payload)
    assert _members(ctx, cluster) == members[1:]


# --- below 1.16, and malformed bodies -------------------------------------------------

def test_dry_run_is_refused_below_1_16_and_nothing_runs(app, ctx, database):
    cluster = _cluster(app, ctx, 'early', 2)
    members = _members(ctx, cluster)
    before = _snapshot(database)
    path = '/v1/clusters/early/actions'
    status, body = _call(app, 'POST', path, {'scale_in': {'count': 1,
                                                           'dry_run': True}}, V15)
    assert status == 400
    assert body['error']['message'] == ("Additional properties are not allowed "
                                        "('dry_run' was unexpected)")
    early = "The 'dry_run' parameter needs API version 1.16 or later."
    status, body = _call(app, 'POST', path, {'check': {'dry_run': True}}, V15)
    assert (status, body['error']['message']) == (400, early)
    status, body = _call(app, 'POST', path, {'recover': {'dry_run': True}}, V15)
    assert (status, body['error']['message']) == (400, early)
    status, body = _call(app, 'POST', '/v1/clusters/early/ops',
                         {'reboot': {'dry_run': True}}, V15)
    assert status == 400 and 'dry_run' in body['error']['message']
    status, body = _call(app, 'PATCH', '/v1/clusters/early',
                         {'cluster': {'name': 'x', 'dry_run': True}}, V15)
    assert status == 400 and "'dry_run' was unexpected" in body['error']['message']
    for version in ('1.15', '1.7'):
        headers = dict(V16, **{'OpenStack-API-Version': 'clustering ' + version})
        status, body = _call(app, 'DELETE', '/v1/nodes/%s' % members[0],
                             {'dry_run': True}, headers)
        assert (status, body['error']['message']) == (400, early)
        status, body = _call(app, 'DELETE', '/v1/nodes/%s?dry_run=1' % members[0],
                             None, headers)
        assert (status, body['error']['message']) == (400, early)
    # Malformed at 1.16 is 400 as usual.
    status, body = _call(app, 'POST', path, {'scale_in': {'count': 'bad',
                                                           'dry_run': True}})
    assert status == 400 and 'count' in body['error']['message']
    status, body = _call(app, 'POST', path, {'scale_in': {'dry_run': 'maybe'}})
    assert status == 400 and 'dry_run' in body['error']['message']
    status, body = _call(app, 'PATCH', '/v1/clusters/early',
                         {'cluster': {'dry_run': True}})
    assert (status, body['error']['message']) == (400,
                                                  'No property needs an update.')
    status, body = _call(app, 'POST', '/v1/clusters/no-such/actions',
                         {'scale_in': {'dry_run': True}})
    assert status == 404
    _unchanged(database, before)
    # dry_run false is the real action.
    status, body = _call(app, 'POST', path, {'scale_in': {'dry_run': False}})
    assert status == 202, body
    _done(ctx, body)
    assert len(_members(ctx, cluster)) == 1
