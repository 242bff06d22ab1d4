"""Webhook tokens, coalescing and rate limits, and Idempotency-Key, on every
database backend (tests/databases.py): the real app over a real database, no
engine (the actions written stay READY, which is all these tests look at).

Two app instances over one database stand for two API processes.
"""

import concurrent.futures
import datetime
import hmac
import json
import logging
import threading
import uuid

import pytest
import sqlalchemy as sa
import webob

from clusterd.api import deploy
from clusterd.api.handlers import webhooks
from clusterd.api import idempotency
from clusterd.clock import utcnow
from clusterd import conf as conf_mod
from clusterd.db import models
from clusterd.objects import action as action_obj
from clusterd.objects import cluster as cluster_obj
from clusterd.objects import event as event_obj
from clusterd.objects import idempotency as idempotency_obj
from clusterd.objects import policy as policy_obj
from clusterd.objects import receiver as receiver_obj
from clusterd import states
from tests import engines

ALPHA = {'X-Project-Id': 'p-alpha', 'X-User-Id': 'u-alpha', 'X-Roles': 'member',
         'OpenStack-API-Version': 'clustering 1.15'}
BETA = dict(ALPHA, **{'X-Project-Id': 'p-beta', 'X-User-Id': 'u-beta'})

AODH_ALARM = {
    'alarm_id': 'b3c5e7a1-cpu', 'alarm_name': 'cpu-high', 'severity': 'low',
    'previous': 'ok', 'current': 'alarm',
    'reason': 'Transition to alarm due to 3 samples outside threshold, most '
              'recent: 91.2',
    'reason_data': {'type': 'threshold', 'disposition': 'outside',
                    'count': 3, 'most_recent': 91.2},
}


def _conf(**api):
    conf = conf_mod.make_conf()
    conf([], project='clusterd')
    conf.set_override('auth_strategy', 'noauth', group='api')
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


@pytest.fixture(scope='module')
def ctx(database):
    return engines.user_context(database, project='p-alpha', user='u-alpha')


@pytest.fixture(scope='module')
def profile(ctx):
    return engines.simulated_profile(ctx)


@pytest.fixture
def cluster(ctx, profile):
    """An ACTIVE cluster of its own for each test (no action holds it)."""
    return cluster_obj.Cluster.create(
        ctx, name='c-%s' % uuid.uuid4().hex[:12], profile_id=profile.id, status=states.C_ACTIVE, desired_capacity=0,
        timeout=3600)


def _app(database, **api):
    return deploy.make_app(_conf(**api), database)


def _webhook(app, cluster, action='CLUSTER_SCALE_OUT', params=None, name=None):
    status, body, _ = _call(app, 'POST', '/v1/receivers', {'receiver': {
        'name': name or 'hook-%s' % cluster.id[:8], 'type': 'webhook',
        'cluster_id': cluster.id, 'action': action,
        'params': params if params is not None else {'count': 1}}}, **ALPHA)
    assert status == 201, body
    return body['receiver']


def _actions(ctx, cluster):
    with ctx.reader as session:
        return session.execute(sa.select(models.Action.id).where(
            models.Action.target == cluster.id)).scalars().all()


def _finish(ctx, action_id):
    """The action as if an engine had run it (none runs here)."""
    with ctx.writer as session:
        session.execute(sa.update(models.Action).where(
            models.Action.id == action_id).values(status=states.SUCCEEDED))


def _bind_scaling_policy(ctx, cluster, event, cooldown, last_op=None):
    policy = policy_obj.Policy.create(
        ctx, name='scale-%s' % cluster.id[:8], type='senlin.policy.scaling-1.0',
        user=ctx.user_id, project=ctx.project_id,
        spec={'type': 'senlin.policy.scaling', 'version': '1.0', 'properties': {
            'event': event, 'adjustment': {'type': 'CHANGE_IN_CAPACITY',
                                           'number': 1, 'cooldown': cooldown}}})
    cluster_obj.ClusterPolicy.create(ctx, cluster_id=cluster.id,
                                     policy_id=policy.id, enabled=True,
                                     priority=100, last_op=last_op,
                                     data={'last_op': last_op.isoformat()}
                                     if last_op else {})


# --- the token ---------------------------------------------------------------------

def test_wrong_missing_rotated_token_answer_as_an_unknown_receiver(
        database, ctx, cluster):
    app = _app(database)
    receiver = _webhook(app, cluster)
    url = receiver['channel']['alarm_url']
    base = url.split('&token=')[0]
    secret = receiver_obj.Receiver.get(ctx, receiver['id']).secret
    assert len(secret) >= 22 and secret not in receiver['id']

    answers = {
        'missing': _call(app, 'POST', base, {}),
        'wrong': _call(app, 'POST', base + '&token=' + 'x' * len(secret), {}),
        'short': _call(app, 'POST', base + '&token=x', {}),
        'empty': _call(app, 'POST', base + '&token=', {}),
    }
    status, body, _ = _call(app, 'PATCH', '/v1/receivers/%s' % receiver['id'],
                            {'receiver': {'rotate_secret': True}}, **ALPHA)
    assert status == 200, body
    new_url = body['receiver']['channel']['alarm_url']
    assert new_url != url and new_url.split('&token=')[0] == base
    answers['rotated away'] = _call(app, 'POST', url, {})

    unknown_id = 'a0000000-0000-4000-8000-00000000000f'
    status, unknown, response = _call(
        app, 'POST', url.replace(receiver['id'], unknown_id), {})
    assert status == 404
    for why, (status, body, response) in answers.items():
        assert status == 404, why
        assert json.dumps(body).replace(receiver['id'], unknown_id) == \
            json.dumps(unknown), why
    assert _actions(ctx, cluster) == []

    status, body, _ = _call(app, 'POST', new_url, {})
    assert status == 202, body
    assert _actions(ctx, cluster) == [body['action']]


def test_the_comparison_is_the_same_for_known_and_unknown_receivers(
        database, ctx, cluster, monkeypatch):
    app = _app(database)
    receiver = _webhook(app, cluster, action='CLUSTER_CHECK', params={})
    url = receiver['channel']['alarm_url']
    queue = receiver_obj.Receiver.create(ctx, name='queue', type='message',
                                         params={}, channel={})
    calls = []
    real = hmac.compare_digest

    def spy(first, second):
        calls.append((type(first), len(first), type(second), len(second)))
        return real(first, second)

    monkeypatch.setattr(webhooks.hmac, 'compare_digest', spy)
    paths = {
        'right token': url,
        'wrong token': url.split('&token=')[0] + '&token=nope',
        'no token': url.split('&token=')[0],
        'unknown receiver': url.replace(receiver['id'],
                                        'a0000000-0000-4000-8000-00000000000e'),
        'not a uuid': '/v1/webhooks/whatever/trigger?V=2&token=abc',
        'message receiver': '/v1/webhooks/%s/trigger?V=2&token=abc' % queue.id,
    }
    for why, path in paths.items():
        calls.clear()
        status, body, _ = _call(app, 'POST', path, {})
        assert status == (202 if why == 'right token' else 404), (why, body)
        # One comparison of two SHA-256 digests, whatever the token and receiver.
        assert calls == [(bytes, 32, bytes, 32)], why


def test_receivers_imported_without_a_secret(database, ctx, cluster, caplog):
    legacy = receiver_obj.Receiver.create(
        ctx, name='legacy-%s' % cluster.id[:8], type='webhook',
        cluster_id=cluster.id, action='CLUSTER_CHECK', params={},
        channel={'alarm_url': 'http://senlin/v1/webhooks/x/trigger?V=2'})
    path = '/v1/webhooks/%s/trigger?V=2' % legacy.id

    strict = _app(database, webhook_legacy_urls=False)
    assert _call(strict, 'POST', path, {})[0] == 404

    app = _app(database, webhook_cooldown=0)
    with caplog.at_level(logging.WARNING, logger=webhooks.__name__):
        status, body, _ = _call(app, 'POST', path, {})
    assert status == 202, body
    assert 'has no token' in caplog.text and legacy.id in caplog.text

    status, body, _ = _call(app, 'PATCH', '/v1/receivers/%s' % legacy.id,
                            {'receiver': {'rotate_secret': True}}, **ALPHA)
    assert status == 200, body
    assert '&token=' in body['receiver']['channel']['alarm_url']
    assert _call(app, 'POST', path, {})[0] == 404


def test_rotation_needs_1_15_and_a_webhook(database, ctx, cluster):
    app = _app(database)
    receiver = _webhook(app, cluster)
    status, body, _ = _call(app, 'PATCH', '/v1/receivers/%s' % receiver['id'],
                            {'receiver': {'rotate_secret': True}},
                            **dict(ALPHA, **{'OpenStack-API-Version':
                                             'clustering 1.14'}))
    assert status == 400
    assert 'rotate_secret' in body['error']['message']
    queue = receiver_obj.Receiver.create(ctx, name='q-%s' % cluster.id[:8],
                                         type='message', params={}, channel={})
    status, body, _ = _call(app, 'PATCH', '/v1/receivers/%s' % queue.id,
                            {'receiver': {'rotate_secret': True}}, **ALPHA)
    assert status == 400
    assert body['error']['message'] == ('Only a webhook receiver has a secret '
                                        'to rotate.')


# --- Aodh bodies and coalescing ----------------------------------------------------

def test_an_aodh_notification_is_recorded_in_the_action_inputs(
        database, ctx, cluster):
    app = _app(database)
    receiver = _webhook(app, cluster, params={'count': 2})
    status, body, response = _call(app, 'POST',
                                   receiver['channel']['alarm_url'], AODH_ALARM)
    assert status == 202, body
    assert response.location.endswith('/v1/actions/%s' % body['action'])
    action = action_obj.Action.get(ctx, body['action'])
    assert action.inputs == dict(AODH_ALARM, count=2)
    assert action.name == 'webhook_%s' % receiver['id'][:8]
    assert (action.user, action.project) == ('u-alpha', 'p-alpha')


def test_the_same_alarm_inside_the_policy_cooldown_is_one_decision(
        database, ctx, cluster):
    # The scaling policy's cooldown wins over the default (0: never coalesce).
    _bind_scaling_policy(ctx, cluster, 'CLUSTER_SCALE_OUT', 300)
    app = _app(database, webhook_cooldown=0)
    url = _webhook(app, cluster)['channel']['alarm_url']
    status, first, response = _call(app, 'POST', url, AODH_ALARM)
    assert status == 202, first
    again = dict(AODH_ALARM, previous='alarm', reason='Remaining as alarm')
    for _ in range(3):
        status, body, replay = _call(app, 'POST', url, again)
        assert status == 202, body
        assert body == first
        assert replay.location == response.location
    assert _actions(ctx, cluster) == [first['action']]
    # The first trigger's inputs stay; the coalesced ones are told in events.
    assert action_obj.Action.get(ctx, first['action']).inputs['previous'] == 'ok'
    coalesced = [e for e in event_obj.Event.list_for(ctx, cluster.id)
                 if e.status == webhooks.COALESCED]
    assert len(coalesced) == 3
    assert coalesced[0].metadata['action_id'] == first['action']
    assert coalesced[0].metadata['alarm'] == 'alarm:b3c5e7a1-cpu'
    assert 'cooldown 300 s' in coalesced[0].status_reason

    # Another alarm is another decision (refused here: the first still runs).
    status, body, _ = _call(app, 'POST', url, dict(AODH_ALARM, alarm_id='other'))
    assert status == 409
    assert body['error']['type'] == 'ActionConflict'


def test_a_policy_without_cooldown_never_coalesces(database, ctx, cluster):
    _bind_scaling_policy(ctx, cluster, 'CLUSTER_SCALE_OUT', 0)
    # A policy for the other event does not count.
    _bind_scaling_policy(ctx, cluster, 'CLUSTER_SCALE_IN', 900)
    app = _app(database, webhook_cooldown=3600)
    url = _webhook(app, cluster)['channel']['alarm_url']
    assert _call(app, 'POST', url, AODH_ALARM)[0] == 202
    status, body, _ = _call(app, 'POST', url, AODH_ALARM)
    assert status == 409 and body['error']['type'] == 'ActionConflict'


def test_the_cooldown_counts_from_the_last_scaling(database, ctx, cluster):
    app = _app(database, webhook_cooldown=60)
    receiver = _webhook(app, cluster)
    url = receiver['channel']['alarm_url']
    status, first, _ = _call(app, 'POST', url, {})
    assert status == 202
    # The first trigger was 2 minutes ago: outside the default cooldown...
    row = receiver_obj.Receiver.get(ctx, receiver['id'])
    state = dict(row.trigger_state)
    state['alarms']['receiver']['at'] -= 120
    assert receiver_obj.Receiver.save_trigger_state(ctx, row, state)
    _finish(ctx, first['action'])
    # ... but inside a policy's cooldown from its last scaling, 30 s ago.
    _bind_scaling_policy(ctx, cluster, 'CLUSTER_SCALE_OUT', 100,
                         last_op=utcnow() - datetime.timedelta(seconds=30))
    status, body, _ = _call(app, 'POST', url, {})
    assert status == 202 and body == first
    assert len(_actions(ctx, cluster)) == 1
    # Another alarm inside the cooldown is refused at once, as a scale-out
    # request is (Senlin 1.11), and the refusal is told in an event.
    status, body, _ = _call(app, 'POST', url, {'alarm_id': 'another'})
    assert status == 409
    assert 'cooldown of its scaling policy' in body['error']['message']
    refused = [e for e in event_obj.Event.list_for(ctx, cluster.id)
               if e.status == webhooks.REFUSED]
    assert [e.metadata['alarm'] for e in refused] == ['alarm:another']
    assert len(_actions(ctx, cluster)) == 1


def test_concurrent_triggers_of_one_alarm_make_one_action(database, ctx, cluster):
    apps = [_app(database), _app(database)]
    url = _webhook(apps[0], cluster)['channel']['alarm_url']
    barrier = threading.Barrier(8)

    def trigger(index):
        barrier.wait()
        return _call(apps[index % 2], 'POST', url, AODH_ALARM)[:2]

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        results = list(pool.map(trigger, range(8)))
    assert {status for status, _ in results} == {202}, results
    assert len({body['action'] for _, body in results}) == 1
    assert len(_actions(ctx, cluster)) == 1


# --- the rate limit ----------------------------------------------------------------

def test_rate_limit_is_per_receiver_and_shared_by_api_processes(
        database, ctx, cluster, profile):
    options = dict(webhook_cooldown=0, webhook_rate=0.001, webhook_burst=2)
    first, second = _app(database, **options), _app(database, **options)
    url = _webhook(first, cluster, action='CLUSTER_CHECK', params={})[
        'channel']['alarm_url']
    assert _call(first, 'POST', url, {'n': 1})[0] == 202
    # Refused by the conflict check, but it spent its token all the same.
    assert _call(second, 'POST', url, {'n': 2})[0] == 409
    status, body, response = _call(second, 'POST', url, {'n': 3})
    assert status == 429
    assert response.headers['Retry-After'] == '1000'
    assert body['error']['type'] == 'RequestLimitExceeded'
    assert body['error']['message'] == (
        'The webhook receiver %s was triggered more often than its limit of '
        '0.001 per second (burst 2); retry after 1000 s.' % url.split('/')[5])
    assert _call(first, 'POST', url, {'n': 4})[0] == 429
    assert len(_actions(ctx, cluster)) == 1

    other = cluster_obj.Cluster.create(ctx, name='other-%s' % cluster.id[:8],
                                       profile_id=profile.id,
                                       status=states.C_ACTIVE, timeout=3600)
    other_url = _webhook(first, other, action='CLUSTER_CHECK', params={},
                         name='other-%s' % cluster.id[:8])['channel']['alarm_url']
    assert _call(second, 'POST', other_url, {})[0] == 202


def test_the_bucket_refills():
    state, wait = webhooks.take_token({}, 1000.0, rate=0.5, burst=2)
    assert wait is None and state['tokens'] == 1
    state, wait = webhooks.take_token(state, 1000.0, rate=0.5, burst=2)
    assert wait is None and state['tokens'] == 0
    assert webhooks.take_token(state, 1001.0, rate=0.5, burst=2)[1] == 1
    state, wait = webhooks.take_token(state, 1002.0, rate=0.5, burst=2)
    assert wait is None and state['tokens'] == 0
    # Never more than the burst, however long it rested.
    state, _ = webhooks.take_token(state, 9999.0, rate=0.5, burst=2)
    assert state['tokens'] == 1
    assert webhooks.take_token({}, 5.0, rate=0, burst=1) == ({}, None)


# --- Idempotency-Key ---------------------------------------------------------------

def _scale(app, cluster, key, count=1, headers=ALPHA):
    return _call(app, 'POST', '/v1/clusters/%s/actions' % cluster.id,
                 {'scale_out': {'count': count}}, **dict(headers, **{
                     'Idempotency-Key': key}))


def test_a_replayed_key_gets_the_first_answer(database, ctx, cluster):
    app = _app(database)
    status, first, response = _scale(app, cluster, 'scale-1')
    assert status == 202, first
    # Another API process, the same project.
    status, body, replay = _scale(_app(database), cluster, 'scale-1')
    assert status == 202 and body == first
    assert replay.location == response.location
    assert replay.headers['Idempotent-Replayed'] == 'true'
    assert 'Idempotent-Replayed' not in response.headers
    assert _actions(ctx, cluster) == [first['action']]

    status, body, _ = _scale(app, cluster, 'scale-1', count=2)
    assert status == 422
    assert body['error']['message'] == (
        "The Idempotency-Key 'scale-1' was already used for another request "
        "(method, path or body differ) in the last 86400 seconds; use a new key "
        "for a new request.")

    # Keys are per project: the same key elsewhere is another request (here a
    # 404: the cluster is not p-beta's).
    assert _scale(app, cluster, 'scale-1', headers=BETA)[0] == 404
    # An error answer is kept and replayed too.
    status, refused, _ = _scale(app, cluster, 'scale-2')
    assert status == 409
    assert _scale(app, cluster, 'scale-2')[:2] == (409, refused)


def test_keys_on_other_verbs_and_bad_keys(database, ctx, cluster):
    app = _app(database)
    path = '/v1/clusters/%s' % cluster.id
    keyed = dict(ALPHA, **{'Idempotency-Key': 'delete-me'})
    status, _, first = _call(app, 'DELETE', path, **keyed)
    assert status == 202
    status, _, again = _call(app, 'DELETE', path, **keyed)
    assert status == 202 and again.location == first.location
    assert len(_actions(ctx, cluster)) == 1
    # A GET is never kept.
    assert _call(app, 'GET', path, **keyed)[0] == 200
    for bad in ('x' * 256, 'tab\tkey', 'caf\xe9', ''):
        status, body, _ = _call(app, 'DELETE', path,
                                **dict(ALPHA, **{'Idempotency-Key': bad}))
        assert status == 400, bad
        assert body['error']['message'] == ('The Idempotency-Key header must be '
                                            '1 to 255 printable ASCII '
                                            'characters.')


def test_concurrent_requests_with_one_key_run_once(database, ctx, cluster):
    apps = [_app(database), _app(database)]
    barrier = threading.Barrier(8)

    def scale(index):
        barrier.wait()
        status, body, response = _scale(apps[index % 2], cluster, 'together')
        return status, body

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        results = list(pool.map(scale, range(8)))
    assert {status for status, _ in results} == {202}, results
    assert len({body['action'] for _, body in results}) == 1
    assert len(_actions(ctx, cluster)) == 1


def test_a_key_in_progress_is_a_409(database, ctx, cluster):
    admin_ctx = engines.user_context(database, project='p-alpha')
    held = idempotency_obj.IdempotencyKey.claim(
        admin_ctx, 'p-alpha', 'held', 'not-yet-known')
    assert held is not None
    app = _app(database, idempotency_wait=0.2)
    status, body, response = _call(
        app, 'POST', '/v1/clusters/%s/actions' % cluster.id,
        {'scale_out': {}}, **dict(ALPHA, **{'Idempotency-Key': 'held'}))
    # The fingerprint differs: misuse is told before waiting.
    assert status == 422
    fingerprint = _fingerprint_of_scale(cluster)
    with admin_ctx.writer as session:
        session.execute(sa.update(models.IdempotencyKey).where(
            models.IdempotencyKey.id == held.id).values(fingerprint=fingerprint))
    status, body, response = _call(
        app, 'POST', '/v1/clusters/%s/actions' % cluster.id,
        {'scale_out': {}}, **dict(ALPHA, **{'Idempotency-Key': 'held'}))
    assert status == 409
    assert body['error']['type'] == 'IdempotencyKeyInProgress'
    assert response.headers['Retry-After'] == '1'
    assert _actions(ctx, cluster) == []

    # A holder that never finished (its process died) lets go after a while.
    with admin_ctx.writer as session:
        session.execute(sa.update(models.IdempotencyKey).where(
            models.IdempotencyKey.id == held.id).values(
                created_at=utcnow() - datetime.timedelta(seconds=600)))
    status, body, _ = _call(
        app, 'POST', '/v1/clusters/%s/actions' % cluster.id,
        {'scale_out': {}}, **dict(ALPHA, **{'Idempotency-Key': 'held'}))
    assert status == 202, body


def _fingerprint_of_scale(cluster):
    request = webob.Request.blank('/v1/clusters/%s/actions' % cluster.id,
                                  method='POST')
    request.body = json.dumps({'scale_out': {}}).encode()
    return idempotency.fingerprint(request)


def test_keys_expire(database, ctx, cluster):
    app = _app(database, idempotency_ttl=3600)
    status, first, _ = _scale(app, cluster, 'old-key')
    assert status == 202
    _finish(ctx, first['action'])
    with ctx.writer as session:
        session.execute(sa.update(models.IdempotencyKey).where(
            models.IdempotencyKey.key == 'old-key').values(
                created_at=utcnow() - datetime.timedelta(hours=2)))
    status, second, _ = _scale(app, cluster, 'old-key', count=3)
    assert status == 202 and second != first
    assert idempotency_obj.IdempotencyKey.purge(ctx, 3600) == 0
    with ctx.writer as session:
        session.execute(sa.update(models.IdempotencyKey).where(
            models.IdempotencyKey.key == 'old-key').values(
                created_at=utcnow() - datetime.timedelta(hours=2)))
    assert idempotency_obj.IdempotencyKey.purge(ctx, 3600) == 1


def test_anonymous_failures_are_not_kept(database, ctx, cluster):
    app = _app(database)
    url = _webhook(app, cluster)['channel']['alarm_url']
    wrong = url.split('&token=')[0] + '&token=guess'
    key = {'Idempotency-Key': 'storm-1'}
    assert _call(app, 'POST', wrong, {}, **key)[0] == 404
    with ctx.reader as session:
        assert session.execute(sa.select(sa.func.count()).select_from(
            models.IdempotencyKey).where(
                models.IdempotencyKey.key == 'storm-1')).scalar_one() == 0
    # The right URL with the same key is its own scope, and is kept.
    status, first, _ = _call(app, 'POST', url, {}, **key)
    assert status == 202
    status, body, replay = _call(app, 'POST', url, {}, **key)
    assert (status, body) == (202, first)
    assert replay.headers['Idempotent-Replayed'] == 'true'


# --- query plans -------------------------------------------------------------------

def _plan(db, query):
    compiled = query.compile(dialect=db.engine.dialect,
                             compile_kwargs={'literal_binds': True})
    prefix = {'mysql': 'EXPLAIN FORMAT=JSON ',
              'postgresql': 'EXPLAIN (FORMAT JSON) ',
              'sqlite': 'EXPLAIN QUERY PLAN '}[db.backend]
    with db.engine.connect() as conn:
        rows = conn.execute(sa.text(prefix + str(compiled))).all()
    if db.backend == 'sqlite':
        return ' | '.join(str(r[-1]) for r in rows)
    document = rows[0][0]
    return document if isinstance(document, str) else json.dumps(document)


def test_idempotency_queries_use_their_indexes(database):
    now = utcnow()
    rows = [{'id': str(uuid.uuid4()), 'project': 'plan-%d' % (i % 50),
             'key': 'k-%d' % i, 'fingerprint': 'f', 'status_code': 202,
             'response': {}, 'created_at': now - datetime.timedelta(seconds=i % 1800)}
            for i in range(5000)]
    with database.engine.begin() as conn:
        conn.execute(sa.insert(models.IdempotencyKey), rows)
        conn.execute(sa.text('ANALYZE TABLE idempotency_key'
                             if database.backend == 'mysql'
                             else 'ANALYZE idempotency_key'))
    plan = _plan(database, idempotency_obj.IdempotencyKey.find_query(
        'plan-7', 'k-7'))
    # SQLite names the index of a unique constraint itself.
    assert ('uq_idempotency_key_project_key' in plan or
            'sqlite_autoindex_idempotency_key' in plan and 'key=?' in plan), plan
    plan = _plan(database, idempotency_obj.IdempotencyKey.purge_query(
        now - datetime.timedelta(days=1)))
    assert 'ix_idempotency_key_created_at' in plan, plan
