"""Engines as separate processes on MariaDB + RabbitMQ: dying, and losing the broker.

These run the real ``clusterd-engine`` command.  A request is written exactly as the
API writes it (the change and a READY action in one transaction), then nudged with
an RPC cast.
"""

import collections
import os
import signal
import subprocess
import time
import uuid

import oslo_messaging as messaging
import pytest
import sqlalchemy as sa

from clusterd.db import models
from clusterd.drivers import simulated as simulated_driver
from clusterd.engine import requests
from clusterd.engine import rpcapi
from clusterd.objects import lock as lock_obj
from clusterd.objects import node as node_obj
from clusterd.objects import service as service_obj
from clusterd import states
from tests import databases
from tests import engines
from tests import services

LEASE = 3.0


@pytest.fixture
def mariadb(tmp_path):
    with databases.migrated_database('mysql', tmp_path) as db:
        yield db


class EngineProcess:
    def __init__(self, tmp_path, db, transport_url, topic, name):
        self.conf_file = services.write_conf(
            tmp_path / ('%s.conf' % name),
            DEFAULT={'transport_url': transport_url, 'host': name,
                     'log_file': str(tmp_path / ('%s.log' % name))},
            database={'connection': db.url.render_as_string(hide_password=False)},
            engine={'topic': topic, 'heartbeat_interval': 0.5,
                    'lease_seconds': LEASE, 'scan_interval': 0.5})
        # Its own session: kill -9 must take the launcher and its worker together.
        self.proc = subprocess.Popen(
            [services.command('clusterd-engine'), '--config-file', self.conf_file],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True)

    def kill(self):
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=30)

    def stop(self):
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.kill()


def _client(transport_url, topic):
    conf = engines.make_conf()
    transport = messaging.get_rpc_transport(conf, url=transport_url)
    return rpcapi.EngineClient(transport, topic)


def _services(ctx):
    return {s.id for s in service_obj.Service.list_all(ctx)}


def _resources_per_node(ctx):
    counts = collections.Counter(
        r['node_id'] for r in simulated_driver.SimulatedCloud().list_resources(ctx))
    return counts


def _running(ctx):
    with ctx.reader as session:
        return session.execute(sa.select(models.Action.id, models.Action.owner).where(
            models.Action.status == states.RUNNING)).all()


def test_kill_9_of_one_engine_during_a_200_node_create(mariadb, tmp_path):
    rabbit = services.require_rabbit()
    topic = 'clusterd-test-%s' % uuid.uuid4().hex[:8]
    ctx = engines.user_context(mariadb)
    first = EngineProcess(tmp_path, mariadb, rabbit, topic, 'engine-a')
    second = EngineProcess(tmp_path, mariadb, rabbit, topic, 'engine-b')
    try:
        services.wait_for(lambda: len(_services(ctx)) == 2, timeout=60,
                          what='two engines to register')
        both = _services(ctx)
        # Slow enough that the kill lands in the middle of the work.
        profile = engines.simulated_profile(ctx, latency=0.1)
        cluster, action = requests.create_cluster(
            ctx, 3600, name='big', profile_id=profile.id, desired_capacity=200)
        _client(rabbit, topic).start_action(fanout=True)
        services.wait_for(
            lambda: 20 <= node_obj.Node.count_active(ctx, cluster.id) < 150,
            timeout=60, interval=0.05, what='the create to be under way')
        first.kill()
        killed_at = time.monotonic()

        # The dead engine is noticed and its work taken over within the lease.
        services.wait_for(lambda: len(_services(ctx)) == 1,
                          timeout=LEASE + 10, what='the dead engine to be removed')
        dead = (both - _services(ctx)).pop()
        services.wait_for(
            lambda: not [r for r in _running(ctx) if r.owner == dead],
            timeout=max(LEASE + 10 - (time.monotonic() - killed_at), 1),
            what="the dead engine's actions to be taken over")

        done = engines.wait_action(ctx, action.id, timeout=120)
        assert done.status == states.SUCCEEDED, done.status_reason
        assert engines.cluster(ctx, cluster.id).status == states.C_ACTIVE
        nodes = node_obj.Node.for_cluster(ctx, cluster.id)
        assert len(nodes) == 200
        counts = _resources_per_node(ctx)
        # Every node exists exactly once in the backend, and nothing else does.
        assert {n.id: counts.get(n.id, 0) for n in nodes} == {n.id: 1 for n in nodes}
        assert sum(counts.values()) == 200
        assert _running(ctx) == []
        assert lock_obj.list_cluster_locks(ctx) == []
        assert lock_obj.list_node_locks(ctx) == []
    finally:
        first.stop()
        second.stop()


def test_work_written_during_a_broker_outage_completes(mariadb, tmp_path):
    services.require_rabbit()
    outage = float(os.environ.get('CLUSTERD_TEST_BROKER_OUTAGE', '60'))
    proxy = services.TcpProxy(5672).start()
    url = 'rabbit://guest:guest@127.0.0.1:%d/' % proxy.port
    topic = 'clusterd-test-%s' % uuid.uuid4().hex[:8]
    ctx = engines.user_context(mariadb)
    engine = EngineProcess(tmp_path, mariadb, url, topic, 'engine-a')
    client = _client(url, topic)
    try:
        services.wait_for(lambda: len(_services(ctx)) == 1, timeout=60,
                          what='the engine to register')
        profile = engines.simulated_profile(ctx)
        proxy.cut()
        cut_at = time.monotonic()
        written = []
        while time.monotonic() - cut_at < outage:
            cluster, action = requests.create_cluster(
                ctx, 3600, name='during', profile_id=profile.id,
                desired_capacity=3)
            try:
                client.start_action()  # the nudge is lost: no broker
            except Exception:
                pass
            written.append(action.id)
            time.sleep(outage / 6)
        # Completed through the database scan while the broker was away.
        for action_id in written:
            assert engines.wait_action(ctx, action_id, timeout=30).status == \
                states.SUCCEEDED
        proxy.restore()
        # Once it is back, a cast wakes the engine at once again.  Make the scan
        # irrelevant by measuring many requests.
        time.sleep(3)
        started = time.monotonic()
        cluster, action = requests.create_cluster(
            ctx, 3600, name='after', profile_id=profile.id, desired_capacity=3)
        services.wait_for(lambda: _try_cast(client), timeout=30,
                          what='the broker to accept casts again')
        assert engines.wait_action(ctx, action.id, timeout=30).status == \
            states.SUCCEEDED
        assert time.monotonic() - started < 5
    finally:
        engine.stop()
        if not proxy.up:
            proxy.restore()
        proxy.cut()


def _try_cast(client):
    try:
        client.start_action()
        return True
    except Exception:
        return False
