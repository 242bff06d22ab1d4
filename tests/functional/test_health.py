"""The health policy at work: a real engine, real clusterd.process nodes serving
HTTP, real databases; processes are killed, stopped and fenced for real.

Nothing is mocked: failures are SIGKILL / SIGSTOP of the node's process, or a
port taken by the test, and recovery is observed through the node rows, the
actions, the events and the processes themselves.
"""

import os
import signal
import socket
import time

import pytest
import sqlalchemy as sa

from clusterd import context as context_mod
from clusterd.db import models
from clusterd.engine import requests
from clusterd.engine import service as engine_service
from clusterd.objects import action as action_obj
from clusterd.objects import event as event_obj
from clusterd.objects import health as health_obj
from clusterd.objects import node as node_obj
from clusterd.objects import policy as policy_obj
from clusterd.objects import service as service_obj
from clusterd.profiles import process as process_profile
from clusterd import states
from tests import databases
from tests import engines
from tests import services
from tests.functional.test_process_profile import _http_status
from tests.functional.test_process_profile import MARK
from tests.functional.test_process_profile import http_properties
from tests.functional.test_process_profile import mark  # noqa: F401 (fixture)
from tests.functional.test_process_profile import process_profile_row
from tests.functional.test_process_profile import www  # noqa: F401 (fixture)

HEALTH = {'interval_min': 1, 'manager_tick': 0.1, 'max_recoveries': 5,
          'breaker_window': 60}


def health_engine(db, state_dir, **health):
    running = engines.Engine(db)
    running.conf.set_override('state_dir', str(state_dir), group='process')
    for name, value in dict(HEALTH, **health).items():
        running.conf.set_override(name, value, group='health')
    return running


@pytest.fixture
def state_dir(tmp_path):
    return tmp_path / 'state'


@pytest.fixture
def engine(database, state_dir):
    with health_engine(database, state_dir) as running:
        yield running


@pytest.fixture
def ctx(database):
    return engines.user_context(database)


def health_spec(modes, actions, interval=1, grace=0, **recovery):
    recovery_props = {'actions': [{'name': a} if isinstance(a, str) else a
                                  for a in actions]}
    recovery_props.update(recovery)
    return {'type': 'senlin.policy.health', 'version': '1.1',
            'properties': {
                'detection': {'interval': interval, 'node_update_timeout': grace,
                              'detection_modes': modes},
                'recovery': recovery_props}}


def attach(ctx, engine, cluster_id, spec):
    policy = policy_obj.Policy.create(
        ctx, name='health', type='senlin.policy.health-1.1',
        user=ctx.user_id, project=ctx.project_id, spec=spec, data={})
    action = requests.cluster_action(
        ctx, engines.cluster(ctx, cluster_id), 'CLUSTER_ATTACH_POLICY',
        {'policy_id': policy.id, 'enabled': True})
    engine.wake()
    done = engines.wait_action(ctx, action.id)
    assert done.status == states.SUCCEEDED, done.status_reason
    return policy


def make_cluster(ctx, engine, mark, www, size, **extra):
    stored = process_profile_row(ctx, **http_properties(mark, www, **extra))
    plugin = process_profile.ProcessProfile.from_object(stored, engine.conf)
    cluster, action = requests.create_cluster(
        ctx, 3600, name='web', profile_id=stored.id, desired_capacity=size,
        min_size=0, max_size=-1)
    engine.wake()
    done = engines.wait_action(ctx, action.id)
    assert done.status == states.SUCCEEDED, done.status_reason
    return cluster, plugin, node_obj.Node.for_cluster(ctx, cluster.id)


def _recover_actions(ctx, cluster_id):
    with ctx.reader as session:
        rows = session.execute(sa.select(models.Action).where(
            models.Action.action == 'NODE_RECOVER',
            models.Action.cluster_id == cluster_id)).scalars()
        return [action_obj.Action.from_row(r) for r in rows]


def breaker_open(ctx, cluster_id):
    state = health_obj.ClusterHealth.get_one(ctx, cluster_id)
    return state is not None and state.breaker_open


def health_events(ctx, oid, status=None):
    return [e for e in event_obj.Event.list_for(ctx, oid)
            if e.action.endswith('_HEALTH') and (status is None or
                                                 e.status == status)]


def serving_again(plugin, ctx, node_id, old_pid):
    node = node_obj.Node.get(ctx, node_id, project_safe=False)
    details = plugin.get_details(ctx, node)
    return (node.status == states.N_ACTIVE and details.get('alive') and
            details.get('pid') != old_pid and
            _http_status(details['port'], '/hello.txt') == 200)


STATUS_POLLING = [{'type': 'NODE_STATUS_POLLING'}]


def test_a_killed_process_is_recovered(ctx, engine, mark, www):
    # How fast is measured by benchmarks/health_sweep.py
    # (failure_to_recovery_seconds), not here.
    cluster, plugin, nodes = make_cluster(ctx, engine, mark, www, 2)
    attach(ctx, engine, cluster.id, health_spec(STATUS_POLLING, ['REBOOT']))
    victim = nodes[0]
    before = plugin.get_details(ctx, victim)
    # Let a first pass record everything healthy.
    services.wait_for(lambda: len(health_obj.NodeHealth.for_cluster(
        ctx, cluster.id)) == 2, timeout=10, what='a first health pass')

    os.kill(before['pid'], signal.SIGKILL)
    services.wait_for(lambda: serving_again(plugin, ctx, victim.id, before['pid']),
                      timeout=15, what='the killed node to serve again')

    # The story is in the events.
    statuses = [e.status for e in health_events(ctx, victim.id)]
    for expected in ('unhealthy', 'recovery_requested', 'recovery_step',
                     'recovered'):
        assert expected in statuses, statuses
    recovered = _recover_actions(ctx, cluster.id)
    assert len(recovered) == 1
    done = engines.wait_action(ctx, recovered[0].id)
    assert done.status == states.SUCCEEDED
    assert done.outputs['steps'] == ['REBOOT']
    state = health_obj.NodeHealth.get_one(ctx, victim.id)
    assert len(state.recoveries) == 1 and state.last_action_id == done.id


def test_a_hung_process_fails_its_poll_url_and_is_restarted(
        ctx, engine, mark, www):
    # stop_timeout 5 s: a stopped process is woken to act on SIGTERM, so the
    # restart does not wait for the SIGKILL.
    cluster, plugin, nodes = make_cluster(ctx, engine, mark, www, 2)
    poll = {'type': 'NODE_STATUS_POLL_URL', 'options': {
        'poll_url': 'http://{node_ip}:{port}/hello.txt',
        'poll_url_healthy_response': '^hello$', 'poll_url_retry_limit': 1,
        'poll_url_timeout': 0.5}}
    attach(ctx, engine, cluster.id, health_spec([poll], ['RESTART']))
    victim = nodes[1]
    before = plugin.get_details(ctx, victim)
    services.wait_for(lambda: len(health_obj.NodeHealth.for_cluster(
        ctx, cluster.id)) == 2, timeout=10, what='a first health pass')
    assert health_obj.NodeHealth.get_one(ctx, victim.id).healthy is True

    # SIGSTOP: the process is alive (status polling would say healthy) but hung.
    os.kill(before['pid'], signal.SIGSTOP)
    try:
        services.wait_for(
            lambda: serving_again(plugin, ctx, victim.id, before['pid']),
            timeout=20, what='the hung node to be restarted')
    finally:
        try:
            os.kill(before['pid'], signal.SIGCONT)
        except ProcessLookupError:
            pass
    (recovery,) = _recover_actions(ctx, cluster.id)
    recovery = engines.wait_action(ctx, recovery.id)
    assert recovery.status == states.SUCCEEDED
    assert float(recovery.end_time) - float(recovery.start_time) < 5
    unhealthy = health_events(ctx, victim.id, 'unhealthy')
    assert unhealthy and 'NODE_STATUS_POLL_URL' in unhealthy[0].status_reason
    assert 'did not answer' in unhealthy[0].status_reason
    assert plugin.get_details(ctx, victim)['port'] == before['port']


def test_a_ladder_whose_first_step_fails_reaches_the_second(
        ctx, engine, mark, www):
    cluster, plugin, nodes = make_cluster(ctx, engine, mark, www, 1)
    attach(ctx, engine, cluster.id, health_spec(
        STATUS_POLLING, [{'name': 'RESTART', 'timeout': 10},
                         {'name': 'RECREATE', 'timeout': 20}]))
    victim = nodes[0]
    before = plugin.get_details(ctx, victim)
    services.wait_for(lambda: health_obj.NodeHealth.for_cluster(ctx, cluster.id),
                      timeout=10, what='a first health pass')
    # Kill the process and take its port: a restart on the same port fails, a
    # recreate (new port) works.
    thief = socket.socket()
    # The health checks' connections leave the port in TIME_WAIT.
    thief.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    os.kill(before['pid'], signal.SIGKILL)
    services.wait_for(lambda: _bind(thief, before['port']), timeout=5,
                      what='the port to be free')
    thief.listen(1)
    try:
        services.wait_for(lambda: _recover_actions(ctx, cluster.id), timeout=10,
                          what='a recovery action')
        action = engines.wait_action(ctx, _recover_actions(ctx, cluster.id)[0].id,
                                     timeout=60)
    finally:
        thief.close()
    assert action.status == states.SUCCEEDED, action.status_reason
    assert action.outputs['steps'] == ['RESTART', 'RECREATE']
    after = plugin.get_details(ctx, node_obj.Node.get(ctx, victim.id,
                                                       project_safe=False))
    assert after['alive'] and after['port'] != before['port']
    assert _http_status(after['port'], '/hello.txt') == 200
    statuses = [e.status for e in health_events(ctx, victim.id)]
    assert statuses.count('recovery_step') == 2
    assert 'recovery_step_failed' in statuses and 'fenced' in statuses


def _bind(sock, port):
    try:
        sock.bind(('127.0.0.1', port))
        return True
    except OSError:
        return False


def test_killing_three_of_four_trips_the_breaker_and_recreates_nothing(
        ctx, engine, mark, www):
    cluster, plugin, nodes = make_cluster(ctx, engine, mark, www, 4)
    attach(ctx, engine, cluster.id, health_spec(STATUS_POLLING, ['RECREATE']))
    services.wait_for(lambda: len(health_obj.NodeHealth.for_cluster(
        ctx, cluster.id)) == 4, timeout=10, what='a first health pass')
    pids = {n.id: plugin.get_details(ctx, n)['pid'] for n in nodes}
    victims = nodes[:3]
    for node in victims:
        os.kill(pids[node.id], signal.SIGKILL)

    services.wait_for(lambda: breaker_open(ctx, cluster.id), timeout=10,
                      what='the breaker to open')
    time.sleep(2.5)  # more passes: still nothing recovered, still one event
    assert _recover_actions(ctx, cluster.id) == []
    opened = health_events(ctx, cluster.id, 'breaker_open')
    assert len(opened) == 1
    assert '3 of 4 nodes' in opened[0].status_reason
    for node in victims:
        assert not plugin.get_details(ctx, node)['alive']
    state = health_obj.ClusterHealth.get_one(ctx, cluster.id)
    assert state.healthy_nodes == 1 and state.total_nodes == 4

    # An operator recovers two nodes by hand: 1 of 4 unhealthy is under 50%, the
    # breaker closes and the last one is recovered automatically.
    for node in victims[:2]:
        action = requests.node_action(ctx, node_obj.Node.get(ctx, node.id),
                                      'NODE_RECOVER', {})
        engine.wake()
        assert engines.wait_action(ctx, action.id).status == states.SUCCEEDED
    services.wait_for(
        lambda: serving_again(plugin, ctx, victims[2].id, pids[victims[2].id]),
        timeout=15, what='the last node to be recovered once the breaker closed')
    assert len(health_events(ctx, cluster.id, 'breaker_closed')) == 1
    assert len(_recover_actions(ctx, cluster.id)) == 3


# --- ownership: clusters move when an engine stops heartbeating ----------------------

@pytest.fixture
def mariadb(tmp_path):
    with databases.migrated_database('mysql', tmp_path) as db:
        yield db


def _sim_cluster(ctx, engine, profile, name):
    cluster, action = requests.create_cluster(
        ctx, 3600, name=name, profile_id=profile.id, desired_capacity=1,
        min_size=0, max_size=-1)
    engine.wake()
    assert engines.wait_action(ctx, action.id).status == states.SUCCEEDED
    return cluster


def _last_check(ctx, cluster_id):
    state = health_obj.ClusterHealth.get_one(ctx, cluster_id)
    return state.checked_at if state else None


def test_clusters_move_to_a_live_engine_when_one_stops_heartbeating(
        mariadb, tmp_path):
    ctx = engines.user_context(mariadb)
    first = health_engine(mariadb, tmp_path / 'a').__enter__()
    second = health_engine(mariadb, tmp_path / 'b').__enter__()
    try:
        profile = engines.simulated_profile(ctx)
        clusters = [_sim_cluster(ctx, first, profile, 'c%d' % i) for i in range(10)]
        for cluster in clusters:
            attach(ctx, first, cluster.id,
                   health_spec(STATUS_POLLING, ['RECREATE']))
        both = {first.service.engine_id, second.service.engine_id}
        services.wait_for(
            lambda: first.service.ownership.members == both and
            second.service.ownership.members == both, timeout=10,
            what='both engines on both rings')
        owners = {c.id: [e for e in (first, second)
                         if e.service.ownership.owns(c.id)] for c in clusters}
        assert all(len(found) == 1 for found in owners.values())
        of_first = [cid for cid, found in owners.items() if found[0] is first]
        assert of_first, 'the ring gave the first engine nothing to lose'
        services.wait_for(lambda: all(_last_check(ctx, c.id) for c in clusters),
                          timeout=10, what='every cluster checked once')

        # The first engine stops heartbeating: its row stays, its beat ages.
        first_id = first.service.engine_id
        first.service.stop()
        service_obj.Service.register(context_mod.admin_context(mariadb),
                                     first_id, 'host', engine_service.BINARY,
                                     'clusterd-engine')
        stopped = time.monotonic()
        lease = second.conf.engine.lease_seconds
        beat = second.conf.engine.heartbeat_interval
        services.wait_for(lambda: second.service.ownership.members ==
                          {second.service.engine_id}, timeout=lease + 5,
                          what='the ring without the silent engine')
        moved_after = time.monotonic() - stopped
        # Declared dead after the lease; the ring follows within a heartbeat.
        assert moved_after <= lease + 2 * beat + 1.0, moved_after
        assert all(second.service.ownership.owns(c.id) for c in clusters)
        moved_at = health_obj.since(0)
        services.wait_for(
            lambda: all(_last_check(ctx, cid) > moved_at for cid in of_first),
            timeout=5, what='the moved clusters checked by the live engine')
    finally:
        second.__exit__(None, None, None)
        first.__exit__(None, None, None)


def test_a_node_that_keeps_failing_spends_its_budget_and_needs_attention(
        database, state_dir, mark, tmp_path):
    ctx = engines.user_context(database)
    with health_engine(database, state_dir, max_recoveries=2) as running:
        # A process that dies 1.5 s after every start.
        stored = process_profile_row(
            ctx, command=['sleep', '1.5'], cwd=str(tmp_path), env={MARK: mark},
            stop_timeout=1)
        cluster, action = requests.create_cluster(
            ctx, 3600, name='flaky', profile_id=stored.id, desired_capacity=1,
            min_size=0, max_size=-1)
        running.wake()
        assert engines.wait_action(ctx, action.id).status == states.SUCCEEDED
        attach(ctx, running, cluster.id, health_spec(STATUS_POLLING, ['RESTART']))
        (node,) = node_obj.Node.for_cluster(ctx, cluster.id)
        services.wait_for(
            lambda: health_events(ctx, node.id, 'attention'), timeout=30,
            what='the node to be marked for attention')
        time.sleep(2)  # more passes: no more recoveries, one attention event
        assert len(_recover_actions(ctx, cluster.id)) == 2
        assert len(health_events(ctx, node.id, 'attention')) == 1
        state = health_obj.NodeHealth.get_one(ctx, node.id)
        assert state.attention and len(state.recoveries) == 2
        reason = health_events(ctx, node.id, 'attention')[0].status_reason
        assert '2 recoveries within 3600 s' in reason
