"""LIFECYCLE_EVENTS (clusterd/health/lifecycle_events.py) on the real broker:
engines listen in one pool on the test RabbitMQ, Nova-shaped versioned
notifications are sent with oslo.messaging as nova-compute sends them (each test
run on an exchange of its own), and the nodes of their servers are marked.

The real Nova sending real notifications is tests/functional/test_nova_health.py.
"""

import time
import uuid

import oslo_messaging as messaging
from oslo_config import cfg
import pytest

from clusterd import context as context_mod
from clusterd.engine import reconcile
from clusterd.engine import requests
from clusterd.health import lifecycle_events
from clusterd.objects import action as action_obj
from clusterd.objects import cluster as cluster_obj
from clusterd.objects import event as event_obj
from clusterd.objects import lock as lock_obj
from clusterd.objects import node as node_obj
from clusterd.objects import policy as policy_obj
from clusterd.policies import health as health_policy
from clusterd import states
from tests import databases
from tests import engines
from tests import nova_anchor
from tests import services

BROKER = services.RABBIT_URL


@pytest.fixture(scope='module', params=('sqlite', 'mysql'))
def database(request, tmp_path_factory):
    with databases.migrated_database(request.param,
                                     tmp_path_factory.mktemp('db')) as db:
        yield db


RUN = uuid.uuid4().hex[:12]
POOL = 'clusterd-test-pool-%s' % RUN


@pytest.fixture(scope='module')
def exchange():
    """An exchange (and a pool queue) of this test run, deleted at its end."""
    services.require_rabbit()
    name = 'clusterd-test-%s' % RUN
    yield name
    with nova_anchor.broker(BROKER) as connection:
        channel = connection.default_channel
        channel.queue_delete(POOL)
        channel.exchange_delete(name)


def _listening(database, exchange):
    engine = engines.Engine(database, reconcile_interval=0)
    for name, value in (('transport_url', BROKER), ('exchange', exchange),
                        ('pool', POOL)):
        engine.conf.set_override(name, value, group='nova_notifications')
    return engine


@pytest.fixture(scope='module')
def two_engines(database, exchange):
    with _listening(database, exchange) as first, \
            _listening(database, exchange) as second:
        yield first, second


@pytest.fixture(scope='module')
def nova(exchange):
    """A notifier as nova-compute's: messagingv2, topic versioned_notifications,
    on the exchange of this test run."""
    conf = cfg.ConfigOpts()
    conf([], default_config_files=[])
    messaging.get_notification_transport(conf, url=BROKER).cleanup()
    conf.set_override('control_exchange', exchange)
    transport = messaging.get_notification_transport(conf, url=BROKER)
    notifier = messaging.Notifier(transport, publisher_id='nova-compute:anchor',
                                  driver='messagingv2',
                                  topics=['versioned_notifications'])
    yield notifier
    transport.cleanup()


@pytest.fixture
def ctx(database):
    return engines.user_context(database)


@pytest.fixture
def asked(monkeypatch):
    """The recoveries asked for (the recovery ladder is another component)."""
    calls = []
    monkeypatch.setattr(reconcile, 'request_recovery',
                        lambda env, context, node, reason, detector:
                        calls.append((node.id, detector)) or 'recover-%d' % len(calls))
    return calls


def _cluster(ctx, engine, size, modes=('LIFECYCLE_EVENTS',), name='lc'):
    profile = engines.simulated_profile(ctx)
    cluster, action = requests.create_cluster(
        ctx, 3600, name=name, profile_id=profile.id, min_size=0, max_size=-1,
        desired_capacity=size)
    engine.wake()
    assert engines.wait_action(ctx, action.id).status == states.SUCCEEDED
    if modes:
        admin = context_mod.admin_context(ctx.db)
        policy = policy_obj.Policy.create(
            ctx, name='hp-%s' % name, type='senlin.policy.health-1.1',
            user=ctx.user_id, project=ctx.project_id, spec={
                'type': 'senlin.policy.health', 'version': '1.1',
                'properties': {'detection': {'detection_modes': [
                    {'type': mode} for mode in modes]},
                    'recovery': {'actions': [{'name': 'RECREATE'}]}}})
        cluster_obj.ClusterPolicy.create(admin, cluster_id=cluster.id,
                                         policy_id=policy.id, enabled=True,
                                         priority=600, data={})
    return cluster, node_obj.Node.for_cluster(ctx, cluster.id)


def _send(nova, event_type, server_id, state='stopped', priority='info'):
    payload = {'nova_object.name': 'InstanceActionPayload',
               'nova_object.namespace': 'nova', 'nova_object.version': '1.8',
               'nova_object.data': {'uuid': server_id, 'state': state,
                                    'host': 'anchor-compute',
                                    'power_state': 'shutdown'}}
    getattr(nova, priority)({}, event_type, payload)


def _node(ctx, node_id):
    return node_obj.Node.get(ctx, node_id, project_safe=False)


def _wait_status(ctx, node_id, status, timeout=5.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if _node(ctx, node_id).status == status:
            return time.monotonic()
        time.sleep(0.02)
    raise AssertionError('node %s is %s, not %s, after %.0f s' % (
        node_id, _node(ctx, node_id).status, status, timeout))


def test_power_off_marks_the_node_and_asks_for_recovery(ctx, two_engines, nova,
                                                       asked):
    # How fast (target: within a second) is benchmarks/lifecycle_events.py's.
    first, _second = two_engines
    cluster, nodes = _cluster(ctx, first, 2, name='power-off')
    target, bystander = nodes
    _send(nova, 'instance.power_off.end', target.physical_id)
    _wait_status(ctx, target.id, states.N_ERROR)
    found = _node(ctx, target.id)
    assert found.status_reason.startswith(
        'Lifecycle event: instance.power_off.end: the server %s was powered off'
        % target.physical_id)
    assert [(e.action, e.status) for e in event_obj.Event.list_for(ctx, target.id)
            if e.action == 'LIFECYCLE_EVENTS'] == [('LIFECYCLE_EVENTS', 'lifecycle')]
    # The recovery is asked for just after the mark is committed.
    services.wait_for(lambda: asked, timeout=5, what='the recovery request')
    assert asked == [(target.id, 'LIFECYCLE_EVENTS')]
    assert _node(ctx, bystander.id).status == states.N_ACTIVE


def test_one_engine_of_the_pool_handles_each_notification(
        ctx, two_engines, nova, asked):
    first, second = two_engines
    handlers = [e.service.lifecycle_listener.handler for e in two_engines]
    before = sum(h.handled for h in handlers)
    cluster, nodes = _cluster(ctx, first, 4, name='pool')
    for node in nodes:
        _send(nova, 'instance.delete.end', node.physical_id, state='deleted')
    for node in nodes:
        _wait_status(ctx, node.id, states.N_ERROR)
    services.wait_for(lambda: len(asked) == 4, timeout=5,
                      what='the recovery requests')
    time.sleep(0.3)
    assert sum(h.handled for h in handlers) - before == 4
    assert sorted(node_id for node_id, _ in asked) == sorted(n.id for n in nodes)


def test_updates_count_only_in_error(ctx, two_engines, nova, asked):
    first, _ = two_engines
    cluster, (node,) = _cluster(ctx, first, 1, name='update')
    _send(nova, 'instance.update', node.physical_id, state='active')
    _send(nova, 'instance.update', node.physical_id, state='error',
          priority='error')
    _wait_status(ctx, node.id, states.N_ERROR)
    assert 'instance.update: the server %s was in ERROR' % node.physical_id in \
        _node(ctx, node.id).status_reason
    services.wait_for(lambda: asked, timeout=5, what='the recovery request')
    time.sleep(0.3)
    assert len(asked) == 1


def test_nodes_left_alone(ctx, two_engines, nova, asked):
    first, _ = two_engines
    # No health policy, or one without LIFECYCLE_EVENTS.
    _, (unwatched,) = _cluster(ctx, first, 1, modes=(), name='no-policy')
    _, (polled,) = _cluster(ctx, first, 1, modes=('NODE_STATUS_POLLING',),
                            name='polled')
    # Stopped on request by an operation.
    _, (stopped,) = _cluster(ctx, first, 1, name='stopped')
    action = requests.node_action(ctx, stopped, 'NODE_OPERATION',
                                  {'operation': 'stop', 'params': {}})
    first.wake()
    assert engines.wait_action(ctx, action.id).status == states.SUCCEEDED
    # A marker that is acted on, sent last: once it is ERROR, the others were
    # handled before it.
    _, (marker,) = _cluster(ctx, first, 1, name='marker')
    for node in (unwatched, polled, stopped):
        _send(nova, 'instance.power_off.end', node.physical_id)
    _send(nova, 'instance.power_off.end', 'not-a-server-of-ours')
    _send(nova, 'instance.power_off.end', marker.physical_id)
    _wait_status(ctx, marker.id, states.N_ERROR)
    services.wait_for(lambda: asked, timeout=5, what='the recovery request')
    time.sleep(0.3)
    assert _node(ctx, unwatched.id).status == states.N_ACTIVE
    assert _node(ctx, polled.id).status == states.N_ACTIVE
    assert _node(ctx, stopped.id).status == states.N_WARNING
    assert asked == [(marker.id, 'LIFECYCLE_EVENTS')]


def test_a_notification_older_than_the_node_change_is_ignored(ctx, two_engines):
    first, _ = two_engines
    _, (node,) = _cluster(ctx, first, 1, name='old')
    handler = lifecycle_events.Handler(first.service.env)
    payload = {'nova_object.data': {'uuid': node.physical_id, 'state': 'stopped'}}
    stale = {'timestamp': '2001-01-01 00:00:00.000000'}
    assert handler.handle('instance.power_off.end', payload, stale) == {}
    assert _node(ctx, node.id).status == states.N_ACTIVE


def test_a_burst_is_handled_while_the_first_recoveries_run(ctx, two_engines, nova):
    # Regression: a recovery holds the cluster lock in the shared node scope;
    # the notifications of the other nodes that came meanwhile were dropped.
    # Real recoveries here (4 of 10 nodes: under the circuit breaker).
    first, _ = two_engines
    cluster, nodes = _cluster(ctx, first, 10, name='burst')
    settings = health_policy.HealthPolicy11('hp', {
        'type': 'senlin.policy.health', 'version': '1.1', 'properties': {
            'detection': {'detection_modes': [{'type': 'LIFECYCLE_EVENTS'}]},
            'recovery': {'actions': [{'name': 'RECREATE'}]}}}).settings
    admin = context_mod.admin_context(ctx.db)
    [binding] = cluster_obj.ClusterPolicy.for_cluster(admin, cluster.id)
    cluster_obj.ClusterPolicy.update(admin, binding.id,
                                     data={'health': settings.to_dict()})
    failed, busy = nodes[:4], nodes[9]
    # Another node's action shares the cluster lock all along.  NOTE: a real
    # action row (INIT: no engine runs it), or the takeover pass would release
    # locks of an action it does not know.
    other = action_obj.Action.create(ctx, action='NODE_OPERATION', target=busy.id,
                                     cluster_id=cluster.id, status=states.INIT)
    assert lock_obj.acquire_cluster(admin, cluster.id, other.id, 'engine-x',
                                    lock_obj.NODE_SCOPE) is None
    assert lock_obj.acquire_node(admin, busy.id, other.id, 'engine-x') is None
    try:
        for node in failed + [busy]:
            _send(nova, 'instance.power_off.end', node.physical_id)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            seen = {node.id for node in failed
                    if any(e.action == 'LIFECYCLE_EVENTS'
                           for e in event_obj.Event.list_for(ctx, node.id))}
            if len(seen) == len(failed):
                break
            time.sleep(0.05)
        assert seen == {node.id for node in failed}
        # The node with an action of its own is left to it.
        assert _node(ctx, busy.id).status == states.N_ACTIVE, \
            _node(ctx, busy.id).status_reason
    finally:
        lock_obj.release_node(admin, busy.id, other.id)
        lock_obj.release_cluster(admin, cluster.id, other.id)
        action_obj.Action.transition(admin, other.id, states.CANCELLED)
    # ... and each was recovered (a new resource, ACTIVE again).
    for node in failed:
        _wait_status(ctx, node.id, states.N_ACTIVE, timeout=30)
        assert _node(ctx, node.id).physical_id != node.physical_id
