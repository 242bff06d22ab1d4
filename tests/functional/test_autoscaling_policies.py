"""Scaling and deletion policies, cooldowns and lifecycle hooks, run by a real
engine on the simulated cloud, on every database backend."""

import datetime
import http.server
import json
import threading
import time

import pytest

from clusterd.engine import lifecycle
from clusterd.engine import requests
from clusterd.objects import action as action_obj
from clusterd.objects import base as objects_base
from clusterd.objects import cluster as cluster_obj
from clusterd.objects import event as event_obj
from clusterd.objects import node as node_obj
from clusterd.objects import policy as policy_obj
from clusterd.policies import scaling
from clusterd import states
from tests import engines


@pytest.fixture(scope='module')
def engine(database):
    with engines.Engine(database) as running:
        yield running


@pytest.fixture
def ctx(database):
    return engines.user_context(database, project='project-%s' %
                                objects_base.new_id()[:8])


class HookServer:
    """A local HTTP server that records the lifecycle hook POSTs it receives."""

    def __init__(self, status=200):
        received = self.received = []
        answer = self.status = status

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get('Content-Length') or 0)
                received.append(json.loads(self.rfile.read(length)))
                self.send_response(answer)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
        self.url = 'http://127.0.0.1:%d/hook' % self.server.server_port
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def wait_for(self, count, timeout=30.0):
        deadline = time.monotonic() + timeout
        while len(self.received) < count and time.monotonic() < deadline:
            time.sleep(0.02)
        assert len(self.received) >= count, self.received
        return self.received


def _cluster(ctx, engine, size, **values):
    profile = engines.simulated_profile(ctx)
    values.setdefault('min_size', 0)
    values.setdefault('max_size', -1)
    cluster, action = requests.create_cluster(
        ctx, 3600, name='as-%d' % size, profile_id=profile.id,
        desired_capacity=size, **values)
    engine.wake()
    assert engines.wait_action(ctx, action.id).status == states.SUCCEEDED
    return cluster


def _policy(ctx, type_name, **properties):
    kind, version = type_name.rsplit('-', 1)
    return policy_obj.Policy.create(
        ctx, id=objects_base.new_id(), name='%s-%s' % (kind.rsplit('.', 1)[1],
                                                       objects_base.new_id()[:4]),
        type=type_name, project=ctx.project_id, user=ctx.user_id,
        spec={'type': kind, 'version': version, 'properties': properties})


def _act(ctx, engine, cluster_id, name, inputs=None, wait=True):
    action = requests.cluster_action(ctx, engines.cluster(ctx, cluster_id), name,
                                     inputs or {})
    engine.wake()
    return engines.wait_action(ctx, action.id) if wait else action


def _attach(ctx, engine, cluster_id, policy):
    return _act(ctx, engine, cluster_id, 'CLUSTER_ATTACH_POLICY',
                {'policy_id': policy.id})


def _scaling(ctx, event, **adjustment):
    return _policy(ctx, 'senlin.policy.scaling-1.0', event=event,
                   adjustment=adjustment)


def _count(ctx, cluster_id):
    return len(node_obj.Node.for_cluster(ctx, cluster_id))


def test_scale_out_by_the_policy_count_then_cooldown_refuses(ctx, engine):
    cluster = _cluster(ctx, engine, 1, max_size=10)
    policy = _scaling(ctx, 'CLUSTER_SCALE_OUT', number=2, cooldown=60)
    assert _attach(ctx, engine, cluster.id, policy).status == states.SUCCEEDED

    action = _act(ctx, engine, cluster.id, 'CLUSTER_SCALE_OUT')
    assert action.status == states.SUCCEEDED, action.status_reason
    assert _count(ctx, cluster.id) == 3
    assert engines.cluster(ctx, cluster.id).desired_capacity == 3
    decision = action.data['decision']
    assert decision['operation'] == 'create' and decision['count'] == 2
    assert 'CHANGE_IN_CAPACITY 2' in decision['count_reason']
    assert action.outputs['decision']['count'] == 2

    binding = cluster_obj.ClusterPolicy.find(ctx, cluster.id, policy.id)
    stamped = scaling.parse_time(binding.data[scaling.LAST_OP])
    assert abs((datetime.datetime.now(datetime.timezone.utc) - stamped)
               .total_seconds()) < 30
    assert 0 < scaling.cooldown_left(ctx, cluster.id, 'CLUSTER_SCALE_OUT') <= 60
    assert scaling.cooldown_left(ctx, cluster.id, 'CLUSTER_SCALE_IN') == 0

    # Refused at once, and the refusal is an event with its reason.
    with pytest.raises(requests.ActionConflict, match='cooldown'):
        requests.cluster_action(ctx, engines.cluster(ctx, cluster.id),
                                'CLUSTER_SCALE_OUT', {})
    refused = [e for e in event_obj.Event.list_for(ctx, cluster.id)
               if e.status == 'refused']
    assert len(refused) == 1 and 'cooldown' in refused[0].status_reason
    assert refused[0].action == 'CLUSTER_SCALE_OUT'
    assert _count(ctx, cluster.id) == 3


def test_scale_in_removes_the_oldest_nodes_and_says_why(ctx, engine):
    cluster = _cluster(ctx, engine, 4)
    nodes = sorted(node_obj.Node.for_cluster(ctx, cluster.id), key=lambda n: n.index)
    base_time = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
    # Make the ages unambiguous: the last two by index are the oldest.
    ages = {nodes[0].id: 30, nodes[1].id: 20, nodes[2].id: 0, nodes[3].id: 10}
    for node_id, minutes in ages.items():
        node_obj.Node.update(ctx, node_id,
                             created_at=base_time + datetime.timedelta(minutes=minutes))
    deletion = _policy(ctx, 'senlin.policy.deletion-1.1', criteria='OLDEST_FIRST')
    assert _attach(ctx, engine, cluster.id, deletion).status == states.SUCCEEDED

    action = _act(ctx, engine, cluster.id, 'CLUSTER_SCALE_IN', {'count': 2})
    assert action.status == states.SUCCEEDED, action.status_reason
    left = {n.id for n in node_obj.Node.for_cluster(ctx, cluster.id)}
    assert left == {nodes[0].id, nodes[1].id}
    victims = action.data['decision']['victims']
    assert [v['id'] for v in victims] == [nodes[2].id, nodes[3].id]
    assert all(v['reason'].startswith('OLDEST_FIRST: created 2026-01-01')
               for v in victims)
    assert action.outputs['explain'].startswith('remove 2 node(s) by OLDEST_FIRST')
    decisions = action.data['decisions']
    assert decisions['deletion']['criteria'] == 'OLDEST_FIRST'
    assert len(decisions['deletion']['ranking']) == 4
    explained = [e for e in event_obj.Event.list_for(ctx, cluster.id)
                 if e.status == 'decision']
    assert explained and nodes[2].name in explained[-1].status_reason


def test_unhealthy_nodes_go_before_the_criterion(ctx, engine):
    cluster = _cluster(ctx, engine, 3)
    nodes = sorted(node_obj.Node.for_cluster(ctx, cluster.id), key=lambda n: n.index)
    node_obj.Node.update(ctx, nodes[2].id, status=states.N_ERROR)
    deletion = _policy(ctx, 'senlin.policy.deletion-1.0', criteria='OLDEST_FIRST')
    _attach(ctx, engine, cluster.id, deletion)
    action = _act(ctx, engine, cluster.id, 'CLUSTER_SCALE_IN', {'count': 1})
    assert action.status == states.SUCCEEDED, action.status_reason
    assert action.data['decision']['victims'] == [
        {'id': nodes[2].id, 'name': nodes[2].name,
         'reason': 'unhealthy (status ERROR)'}]


def test_best_effort_clips_at_max_size(ctx, engine):
    cluster = _cluster(ctx, engine, 3, max_size=4)
    policy = _scaling(ctx, 'CLUSTER_SCALE_OUT', number=3, best_effort=True)
    _attach(ctx, engine, cluster.id, policy)
    action = _act(ctx, engine, cluster.id, 'CLUSTER_SCALE_OUT')
    assert action.status == states.SUCCEEDED, action.status_reason
    assert _count(ctx, cluster.id) == 4
    assert 'clipped from 3 to 1 by best_effort at max_size 4' in \
        action.data['decision']['count_reason']

    strict = _cluster(ctx, engine, 3, max_size=4)
    _attach(ctx, engine, strict.id,
            _scaling(ctx, 'CLUSTER_SCALE_OUT', number=3, best_effort=False))
    failed = _act(ctx, engine, strict.id, 'CLUSTER_SCALE_OUT')
    assert failed.status == states.FAILED
    assert "greater than the cluster's max_size (4)" in failed.status_reason
    assert _count(ctx, strict.id) == 3


def test_a_second_scaling_policy_for_one_event_is_refused(ctx, engine):
    cluster = _cluster(ctx, engine, 1)
    first = _scaling(ctx, 'CLUSTER_SCALE_OUT', number=1)
    assert _attach(ctx, engine, cluster.id, first).status == states.SUCCEEDED
    # Another event is fine.
    scale_in = _scaling(ctx, 'CLUSTER_SCALE_IN', number=1)
    assert _attach(ctx, engine, cluster.id, scale_in).status == states.SUCCEEDED
    second = _scaling(ctx, 'CLUSTER_SCALE_OUT', number=5)
    refused = _attach(ctx, engine, cluster.id, second)
    assert refused.status == states.FAILED
    assert 'a cluster takes one scaling policy per event' in refused.status_reason
    assert {b.policy_id for b in cluster_obj.ClusterPolicy.for_cluster(
        ctx, cluster.id)} == {first.id, scale_in.id}


def _hooked_scale_in(ctx, engine, url, timeout, size=3, count=1, hooks=None):
    cluster = _cluster(ctx, engine, size)
    deletion = _policy(ctx, 'senlin.policy.deletion-1.1', criteria='OLDEST_FIRST',
                       hooks=hooks or {'type': 'webhook', 'params': {'url': url},
                                       'timeout': timeout})
    assert _attach(ctx, engine, cluster.id, deletion).status == states.SUCCEEDED
    action = _act(ctx, engine, cluster.id, 'CLUSTER_SCALE_IN', {'count': count},
                  wait=False)
    return cluster, action


def _held(ctx, action_id):
    return [c for c in action_obj.Action.children(ctx, action_id)
            if c.status == states.WAITING_LIFECYCLE_COMPLETION]


def test_a_webhook_hook_delays_deletion_until_complete_lifecycle(ctx, engine):
    with HookServer() as server:
        cluster, action = _hooked_scale_in(ctx, engine, server.url, timeout=300)
        payload = server.wait_for(1)[0]
        token = payload['lifecycle_action_token']
        assert payload['cluster_id'] == cluster.id
        assert payload['action_id'] == action.id
        assert payload['lifecycle_transition_type'] == 'termination'
        time.sleep(0.5)  # several engine scans and takeover passes
        assert [c.id for c in _held(ctx, action.id)] == [token]
        waiting = node_obj.Node.get(ctx, payload['node_id'])
        assert waiting.status == states.N_ACTIVE
        assert waiting.status_reason.startswith(
            'Waiting for lifecycle completion (token %s)' % token)
        parent = action_obj.Action.get(ctx, action.id)
        assert parent.status == states.WAITING
        assert parent.data['decision']['lifecycle_hook']['tokens'] == {
            payload['node_id']: token}

        # Another scaling request meanwhile is refused at once, and recorded.
        with pytest.raises(requests.ActionConflict) as refusal:
            requests.cluster_action(ctx, engines.cluster(ctx, cluster.id),
                                    'CLUSTER_SCALE_OUT', {'count': 1})
        assert 'already locked' in str(refusal.value)
        refused = [e for e in event_obj.Event.list_for(ctx, cluster.id)
                   if e.status == 'refused']
        assert [e.status_reason for e in refused] == [str(refusal.value)]

        assert lifecycle.complete(ctx, cluster.id, token) == token
        with pytest.raises(lifecycle.NotWaiting):
            lifecycle.complete(ctx, cluster.id, token)
        engine.wake()
        done = engines.wait_action(ctx, action.id)
    assert done.status == states.SUCCEEDED, done.status_reason
    assert _count(ctx, cluster.id) == 2
    with pytest.raises(objects_base.NotFound):
        node_obj.Node.get(ctx, payload['node_id'])
    assert done.outputs['lifecycle_hook']['status'] == states.SUCCEEDED


def test_a_webhook_hook_times_out_and_deletion_goes_on(ctx, engine):
    with HookServer() as server:
        started = time.monotonic()
        cluster, action = _hooked_scale_in(ctx, engine, server.url, timeout=2)
        payload = server.wait_for(1)[0]
        done = engines.wait_action(ctx, action.id)
        elapsed = time.monotonic() - started
    assert done.status == states.SUCCEEDED, done.status_reason
    assert elapsed >= 2
    assert _count(ctx, cluster.id) == 2
    child = action_obj.Action.get(ctx, payload['lifecycle_action_token'])
    assert child.status == states.SUCCEEDED
    # The hold reason was replaced by the node deletion's own result.
    assert child.action == 'NODE_DELETE'


def test_an_undeliverable_hook_is_reported_and_waits_for_the_timeout(ctx, engine):
    with HookServer(status=403) as server:
        cluster, action = _hooked_scale_in(ctx, engine, server.url, timeout=1)
        done = engines.wait_action(ctx, action.id)
        assert len(server.received) == 1  # a 403 is not retried
    assert done.status == states.SUCCEEDED, done.status_reason
    assert done.outputs['lifecycle_hook']['status'] == states.FAILED
    assert 'HTTP 403' in done.outputs['lifecycle_hook']['reason']
    warnings = [e for e in event_obj.Event.list_for(ctx, cluster.id)
                if e.action == lifecycle.NOTIFY_ACTION]
    assert warnings and 'could not be delivered' in warnings[0].status_reason


def test_a_hook_without_type_but_with_a_url_is_a_webhook(ctx, engine):
    with HookServer() as server:
        cluster, action = _hooked_scale_in(
            ctx, engine, None, None,
            hooks={'params': {'url': server.url}, 'timeout': 1})
        payload = server.wait_for(1)[0]
        done = engines.wait_action(ctx, action.id)
    assert done.status == states.SUCCEEDED, done.status_reason
    assert payload['cluster_id'] == cluster.id
    assert done.outputs['lifecycle_hook']['status'] == states.SUCCEEDED


def test_a_zaqar_hook_holds_the_victims_and_says_the_queue_was_not_told(ctx,
                                                                       engine):
    # Senlin's sample (type zaqar, a queue): accepted; no Zaqar here, so the
    # victims wait for the timeout and a warning names the queue.
    started = time.monotonic()
    cluster, action = _hooked_scale_in(
        ctx, engine, None, None,
        hooks={'type': 'zaqar', 'params': {'queue': 'zaqar_queue_name'},
               'timeout': 2})
    done = engines.wait_action(ctx, action.id)
    assert time.monotonic() - started >= 2
    assert done.status == states.SUCCEEDED, done.status_reason
    assert _count(ctx, cluster.id) == 2
    assert done.outputs['lifecycle_hook']['status'] == states.FAILED
    assert "cannot post to queue 'zaqar_queue_name'" in \
        done.outputs['lifecycle_hook']['reason']
    assert done.data['decision']['lifecycle_hook']['queue'] == 'zaqar_queue_name'
    warnings = [e for e in event_obj.Event.list_for(ctx, cluster.id)
                if e.action == lifecycle.NOTIFY_ACTION]
    assert warnings and 'has no Zaqar' in warnings[0].status_reason


def test_complete_lifecycle_refuses_foreign_and_unknown_tokens(ctx, engine):
    cluster = _cluster(ctx, engine, 1)
    other = _cluster(ctx, engine, 1)
    attach = _attach(ctx, engine, other.id,
                     _scaling(ctx, 'CLUSTER_SCALE_OUT', number=1))
    with pytest.raises(lifecycle.NotOfCluster):
        lifecycle.complete(ctx, cluster.id, attach.id)
    with pytest.raises(lifecycle.NotWaiting):
        lifecycle.complete(ctx, other.id, attach.id)
    with pytest.raises(objects_base.NotFound):
        lifecycle.complete(ctx, cluster.id, objects_base.new_id())


def test_a_grace_period_holds_the_victims_without_a_worker(ctx, engine):
    cluster = _cluster(ctx, engine, 2)
    deletion = _policy(ctx, 'senlin.policy.deletion-1.0', grace_period=1,
                       destroy_after_deletion=False)
    _attach(ctx, engine, cluster.id, deletion)
    started = time.monotonic()
    action = _act(ctx, engine, cluster.id, 'CLUSTER_SCALE_IN', {'count': 1},
                  wait=False)
    deadline = time.monotonic() + 10
    while not _held(ctx, action.id) and time.monotonic() < deadline:
        time.sleep(0.02)
    [held] = _held(ctx, action.id)
    assert held.action == 'NODE_LEAVE'  # destroy_after_deletion: false
    done = engines.wait_action(ctx, action.id)
    assert done.status == states.SUCCEEDED, done.status_reason
    assert time.monotonic() - started >= 1
    assert _count(ctx, cluster.id) == 1
    # The node left the cluster and still exists, as an orphan.
    orphan = node_obj.Node.get(ctx, held.target)
    assert orphan.cluster_id == ''
    assert orphan.status_reason.startswith('The lifecycle hold (hook timeout or '
                                           'grace period) ended')


def _aged(ctx, cluster_id):
    """The members, oldest first, with unambiguous creation times."""
    nodes = sorted(node_obj.Node.for_cluster(ctx, cluster_id), key=lambda n: n.index)
    base_time = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
    for minutes, node in enumerate(reversed(nodes)):
        node_obj.Node.update(ctx, node.id,
                             created_at=base_time + datetime.timedelta(minutes=minutes))
    return list(reversed(nodes))


def test_a_resize_down_takes_its_victims_from_the_deletion_policy(ctx, engine):
    cluster = _cluster(ctx, engine, 4)
    oldest_first = _aged(ctx, cluster.id)
    _attach(ctx, engine, cluster.id,
            _policy(ctx, 'senlin.policy.deletion-1.1', criteria='YOUNGEST_FIRST'))
    action = _act(ctx, engine, cluster.id, 'CLUSTER_RESIZE',
                  {'adjustment_type': 'EXACT_CAPACITY', 'number': 1})
    assert action.status == states.SUCCEEDED, action.status_reason
    assert [n.id for n in node_obj.Node.for_cluster(ctx, cluster.id)] == [
        oldest_first[0].id]
    assert [v['id'] for v in action.outputs['decision']['victims']] == [
        n.id for n in reversed(oldest_first[1:])]


def test_del_nodes_follows_the_deletion_policy(ctx, engine):
    cluster = _cluster(ctx, engine, 3)
    nodes = _aged(ctx, cluster.id)
    _attach(ctx, engine, cluster.id, _policy(
        ctx, 'senlin.policy.deletion-1.0', destroy_after_deletion=False,
        reduce_desired_capacity=False))
    action = _act(ctx, engine, cluster.id, 'CLUSTER_DEL_NODES',
                  {'nodes': [nodes[2].id], 'destroy_after_deletion': False})
    assert action.status == states.SUCCEEDED, action.status_reason
    # The node left (an orphan now) and the desired capacity stayed.
    assert node_obj.Node.get(ctx, nodes[2].id).cluster_id == ''
    assert engines.cluster(ctx, cluster.id).desired_capacity == 3
    assert action.outputs['decision']['victims'] == [
        {'id': nodes[2].id, 'name': nodes[2].name,
         'reason': 'named as a candidate'}]
