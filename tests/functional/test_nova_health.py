"""Reconcile and LIFECYCLE_EVENTS against a real Nova: the second anchor of
tests/nova_anchor.py, whose nova-compute sends versioned notifications on its
RabbitMQ vhost, and a real in-process engine on MariaDB listening to them.

Servers are stopped, deleted and made behind clusterd's back with openstacksdk
directly, as an operator (or a failing host) would.
"""

import time
import uuid

import pytest

from clusterd import context as context_mod
from clusterd.drivers import openstack as openstack_driver
from clusterd.engine import reconcile
from clusterd.engine import requests
from clusterd.objects import cluster as cluster_obj
from clusterd.objects import event as event_obj
from clusterd.objects import node as node_obj
from clusterd.objects import policy as policy_obj
from clusterd.objects import profile as profile_obj
from clusterd import states
from tests import databases
from tests import engines
from tests import services
from tests import nova_anchor as nova_anchor_mod
from tests.nova_anchor import FLAVOR, IMAGE
from tests.nova_anchor import nova_events_anchor  # noqa: F401  (session fixture)

RUN = uuid.uuid4().hex[:8]
POOL = 'clusterd-test-engines'


@pytest.fixture(scope='module')
def database(tmp_path_factory):
    with databases.migrated_database('mysql', tmp_path_factory.mktemp('db')) as db:
        yield db


@pytest.fixture(scope='module')
def engine(database, nova_events_anchor):  # noqa: F811
    # NOTE: no reconcile timer: the tests run their passes themselves.
    running = engines.Engine(database, cloud_call_threads=10, reconcile_interval=0)
    nova_events_anchor.configure(running.conf)
    # NOTE: one pool name for every run, and its queue deleted at the end: a
    # queue left bound to Nova's exchange would collect notifications for ever.
    running.conf.set_override('pool', POOL, group='nova_notifications')
    try:
        with running:
            yield running
    finally:
        with nova_anchor_mod.broker(nova_events_anchor.transport_url) as connection:
            connection.default_channel.queue_delete(POOL)


@pytest.fixture
def asked(monkeypatch):
    """Recoveries asked for (the recovery ladder is tested with its own code)."""
    calls = []
    monkeypatch.setattr(reconcile, 'request_recovery',
                        lambda env, context, node, reason, detector:
                        calls.append((node.id, detector)) or None)
    return calls


def _context(database, name, anchor):
    ctx = engines.user_context(database, project='h-%s-%s' % (name, RUN),
                               user='u-' + name)
    conn = anchor.connect(ctx.user_id, ctx.project_id)
    for server in list(conn.compute.servers()):
        conn.compute.delete_server(server)
    return ctx, conn


def _cluster(ctx, engine, size, lifecycle=False, name='c'):
    profile = profile_obj.Profile.create(
        ctx, name=name, type='os.nova.server-1.0', project=ctx.project_id,
        user=ctx.user_id, spec={'type': 'os.nova.server', 'version': '1.0',
                                'properties': {'flavor': FLAVOR, 'image': IMAGE}})
    cluster, action = requests.create_cluster(
        ctx, 3600, name=name, profile_id=profile.id, desired_capacity=size,
        min_size=0, max_size=-1)
    engine.wake()
    action = engines.wait_action(ctx, action.id, timeout=240)
    assert action.status == states.SUCCEEDED, action.status_reason
    if lifecycle:
        policy = policy_obj.Policy.create(
            ctx, name='hp-' + name, type='senlin.policy.health-1.1',
            user=ctx.user_id, project=ctx.project_id, spec={
                'type': 'senlin.policy.health', 'version': '1.1', 'properties': {
                    'detection': {'detection_modes': [
                        {'type': 'LIFECYCLE_EVENTS'}]},
                    'recovery': {'actions': [{'name': 'RECREATE'}]}}})
        cluster_obj.ClusterPolicy.create(
            context_mod.admin_context(ctx.db), cluster_id=cluster.id,
            policy_id=policy.id, enabled=True, priority=600, data={})
    return (engines.cluster(ctx, cluster.id),
            node_obj.Node.for_cluster(ctx, cluster.id))


def _node(ctx, node_id):
    return node_obj.Node.get(ctx, node_id, project_safe=False)


def _wait_node(ctx, node_id, status, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        node = _node(ctx, node_id)
        if node.status == status:
            return node
        time.sleep(0.05)
    raise AssertionError('node %s is %s (%s), not %s' % (
        node_id, node.status, node.status_reason, status))


def _detections(ctx, oid, detector):
    return [e for e in event_obj.Event.list_for(ctx, oid) if e.action == detector]


def _pass(engine, ctx, cluster):
    return engine.service.reconciler.reconcile_cluster(
        context_mod.admin_context(ctx.db), cluster)


def _server_lists(engine, ctx):
    counts = openstack_driver.clouds(engine.conf).compute(ctx).request_counts()
    return counts['GET /v2.1/servers/detail']


def test_server_stopped_behind_our_back_is_seen_by_lifecycle_events(
        database, engine, nova_events_anchor, asked):  # noqa: F811
    ctx, conn = _context(database, 'stop-events', nova_events_anchor)
    cluster, (node, bystander) = _cluster(ctx, engine, 2, lifecycle=True,
                                          name='events')
    sent = time.monotonic()
    conn.compute.stop_server(node.physical_id)
    found = _wait_node(ctx, node.id, states.N_ERROR, timeout=30)
    took = time.monotonic() - sent
    assert found.status_reason.startswith(
        'Lifecycle event: instance.power_off.end: the server %s was powered off'
        % node.physical_id), found.status_reason
    assert [e.status for e in _detections(ctx, node.id, 'LIFECYCLE_EVENTS')] == [
        'lifecycle']
    # The recovery is asked for just after the mark is committed.
    services.wait_for(lambda: asked, timeout=5, what='the recovery request')
    assert asked == [(node.id, 'LIFECYCLE_EVENTS')]
    assert _node(ctx, bystander.id).status == states.N_ACTIVE
    # From the stop request to the node marked: the fake driver's power-off plus
    # the notification; printed for the record (pytest -s).
    print('stop_server -> node ERROR: %.2f s' % took)


def test_server_deleted_behind_our_back_is_seen_by_lifecycle_events(
        database, engine, nova_events_anchor, asked):  # noqa: F811
    ctx, conn = _context(database, 'delete-events', nova_events_anchor)
    cluster, (node,) = _cluster(ctx, engine, 1, lifecycle=True,
                                name='delete-events')
    conn.compute.delete_server(node.physical_id)
    found = _wait_node(ctx, node.id, states.N_ERROR, timeout=30)
    # Nova shuts the server down, then deletes it: the first notification that
    # says so marks the node, the second finds it ERROR already.
    assert any('%s: the server %s was %s' % (event, node.physical_id, what)
               in found.status_reason for event, what in (
                   ('instance.shutdown.end', 'shut down'),
                   ('instance.delete.end', 'deleted'))), found.status_reason
    # The server may be gone already (the node turned ERROR on its deletion).
    deadline = time.monotonic() + 60
    while conn.compute.find_server(node.physical_id) is not None:
        assert time.monotonic() < deadline, 'the server was never deleted'
        time.sleep(0.5)
    time.sleep(0.5)
    assert len(_detections(ctx, node.id, 'LIFECYCLE_EVENTS')) == 1
    assert asked == [(node.id, 'LIFECYCLE_EVENTS')]
    # Reconcile agrees and says nothing more: the node is ERROR already.
    assert _pass(engine, ctx, cluster).changed == {}


def test_server_stopped_behind_our_back_is_drift_for_reconcile(
        database, engine, nova_events_anchor, asked):  # noqa: F811
    ctx, conn = _context(database, 'stop-drift', nova_events_anchor)
    cluster, (node,) = _cluster(ctx, engine, 1, name='drift')
    conn.compute.stop_server(node.physical_id)
    conn.compute.wait_for_server(conn.compute.get_server(node.physical_id),
                                 status='SHUTOFF', interval=0.5, wait=60)
    # No health policy: the notification changes nothing; reconcile records it.
    assert _node(ctx, node.id).status == states.N_ACTIVE
    outcome = _pass(engine, ctx, cluster)
    assert outcome.changed == {node.id: states.N_ERROR}
    found = _node(ctx, node.id)
    assert "is SHUTOFF behind clusterd's back" in found.status_reason
    assert [e.status for e in _detections(ctx, node.id, 'RECONCILE')] == ['drift']
    assert asked == []  # no health policy: recorded, not recovered

    conn.compute.start_server(node.physical_id)
    conn.compute.wait_for_server(conn.compute.get_server(node.physical_id),
                                 status='ACTIVE', interval=0.5, wait=60)
    assert _pass(engine, ctx, cluster).changed == {node.id: states.N_ACTIVE}


def test_server_deleted_behind_our_back_is_found_by_reconcile(
        database, engine, nova_events_anchor):  # noqa: F811
    ctx, conn = _context(database, 'deleted', nova_events_anchor)
    cluster, nodes = _cluster(ctx, engine, 3, name='deleted')
    victim = nodes[0]
    conn.compute.delete_server(victim.physical_id)
    conn.compute.wait_for_delete(conn.compute.get_server(victim.physical_id),
                                 interval=0.5, wait=60)

    lists = _server_lists(engine, ctx)
    outcome = _pass(engine, ctx, cluster)
    # One server list for the whole cluster, whatever its size.
    assert _server_lists(engine, ctx) - lists == 1
    assert outcome.changed == {victim.id: states.N_ERROR}
    found = _node(ctx, victim.id)
    assert found.status_reason.startswith(
        'Reconcile: the resource %s of the node is gone' % victim.physical_id)
    assert [e.status for e in _detections(ctx, victim.id, 'RECONCILE')] == ['gone']
    assert {_node(ctx, n.id).status for n in nodes[1:]} == {states.N_ACTIVE}
    assert engines.cluster(ctx, cluster.id).status == states.C_WARNING
    # Idempotent: a second pass changes and says nothing more.
    again = _pass(engine, ctx, cluster)
    assert (again.changed, again.orphans) == ({}, [])
    assert len(_detections(ctx, victim.id, 'RECONCILE')) == 1


def test_orphan_server_with_a_clusterd_node_id_is_reported(
        database, engine, nova_events_anchor):  # noqa: F811
    ctx, conn = _context(database, 'orphan', nova_events_anchor)
    cluster, nodes = _cluster(ctx, engine, 1, name='orphan')
    lost_node = str(uuid.uuid4())
    # What a create leaves when the engine dies before the node row is written
    # (or after it was lost): a server carrying the node id and the cluster id.
    flavor = conn.compute.find_flavor(FLAVOR)
    server = conn.compute.create_server(
        name='lost', image_id=IMAGE, flavor_id=flavor.id, networks='none',
        metadata={'cluster_node_id': lost_node, 'cluster_id': cluster.id})
    conn.compute.wait_for_server(server, interval=0.5, wait=120)
    # An unrelated server of the project is nobody's orphan.
    other = conn.compute.create_server(name='mine', image_id=IMAGE,
                                       flavor_id=flavor.id, networks='none')
    conn.compute.wait_for_server(other, interval=0.5, wait=120)

    outcome = _pass(engine, ctx, cluster)
    assert outcome.orphans == [server.id]
    [event] = _detections(ctx, cluster.id, 'RECONCILE')
    assert event.status == 'orphan'
    assert 'the resource %s (lost, ACTIVE) carries the id of node %s, which does ' \
        'not exist' % (server.id, lost_node) in event.status_reason
    assert _pass(engine, ctx, cluster).orphans == [server.id]
    assert len(_detections(ctx, cluster.id, 'RECONCILE')) == 1   # reported once

    engine.conf.set_override('reconcile_orphans', 'delete', group='engine')
    try:
        assert _pass(engine, ctx, cluster).deleted == [server.id]
    finally:
        engine.conf.clear_override('reconcile_orphans', group='engine')
    conn.compute.wait_for_delete(server, interval=0.5, wait=60)
    assert conn.compute.get_server(other.id).status == 'ACTIVE'
    assert conn.compute.get_server(nodes[0].physical_id).status == 'ACTIVE'
    conn.compute.delete_server(other)


def test_server_stopped_behind_our_back_is_recovered_by_the_health_policy(
        database, engine, nova_events_anchor):  # noqa: F811
    # End to end, nothing replaced: the notification makes the node ERROR and
    # asks clusterd.health.recovery, whose ladder (REBOOT first) brings the
    # same server back.
    ctx, conn = _context(database, 'recover', nova_events_anchor)
    cluster, (node,) = _cluster(ctx, engine, 1, name='recover')
    policy = policy_obj.Policy.create(
        ctx, name='hp-recover', type='senlin.policy.health-1.1',
        user=ctx.user_id, project=ctx.project_id, spec={
            'type': 'senlin.policy.health', 'version': '1.1', 'properties': {
                'detection': {'detection_modes': [{'type': 'LIFECYCLE_EVENTS'}],
                              'node_update_timeout': 0},
                'recovery': {'actions': [{'name': 'REBOOT'},
                                         {'name': 'RECREATE'}]}}})
    attach = requests.cluster_action(ctx, cluster, 'CLUSTER_ATTACH_POLICY',
                                     {'policy_id': policy.id, 'enabled': True})
    engine.wake()
    assert engines.wait_action(ctx, attach.id).status == states.SUCCEEDED

    started = time.monotonic()
    conn.compute.stop_server(node.physical_id)
    # Detected: the lifecycle event's record (the node is ERROR from then until
    # the recovery, which can be shorter than a poll of this loop).
    deadline = time.monotonic() + 30
    while not _detections(ctx, node.id, 'LIFECYCLE_EVENTS'):
        assert time.monotonic() < deadline, 'no lifecycle detection in 30 s'
        time.sleep(0.05)
    detected = time.monotonic() - started
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        found = _node(ctx, node.id)
        if found.status == states.N_ACTIVE and \
                found.status_reason == 'Recovered by REBOOT':
            break
        time.sleep(0.2)
    recovered = time.monotonic() - started
    assert found.status == states.N_ACTIVE, found.status_reason
    assert found.status_reason == 'Recovered by REBOOT'
    assert conn.compute.get_server(found.physical_id).status == 'ACTIVE'
    assert found.physical_id == node.physical_id   # REBOOT was enough
    assert [e.status for e in _detections(ctx, node.id, 'LIFECYCLE_EVENTS')] == [
        'lifecycle']
    print('stop_server -> node ERROR %.2f s -> ACTIVE again %.2f s'
          % (detected, recovered))
