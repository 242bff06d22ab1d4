#!/usr/bin/env python3
"""How fast LIFECYCLE_EVENTS (clusterd/health/lifecycle_events.py) reacts.

Engines (``--engines``, default 2) run in this process on a throw-away database
(SQLite, or MariaDB with ``--backend mysql``), listening in one pool on RabbitMQ
(``--broker``, default ``rabbit://guest:guest@127.0.0.1:5672/``) on an exchange of
this run.  A cluster of ``--nodes`` simulated nodes (default 200) has a health
policy with LIFECYCLE_EVENTS.  Nova-shaped ``instance.power_off.end``
notifications are sent with oslo.messaging as nova-compute sends them:

- *single*: ``--singles`` (20) notifications one at a time, each waited for;
- *burst*: one for every other node at once.

The latency of a node is from just before its notification is sent until the
handler recorded its detection event (the event's timestamp, same host clock).  Prints one
JSON object (milliseconds: p50, p95, max) on stdout; progress on stderr.  The
recoveries the marks ask for run too (the circuit breaker stops them in the
burst), as in a real engine.
"""

import argparse
import contextlib
import datetime
import json
import statistics
import sys
import tempfile
import time
import uuid

import oslo_messaging as messaging
from oslo_config import cfg
import sqlalchemy as sa

from clusterd import conf as conf_mod
from clusterd import context as context_mod
from clusterd.db import api as db_api
from clusterd.db import migration
from clusterd.db import models
from clusterd.engine import requests
from clusterd.engine import service as engine_service
from clusterd.objects import action as action_obj
from clusterd.objects import cluster as cluster_obj
from clusterd.objects import node as node_obj
from clusterd.objects import policy as policy_obj
from clusterd.objects import profile as profile_obj
from clusterd.policies import health as health_policy


def log(message):
    print(message, file=sys.stderr, flush=True)


@contextlib.contextmanager
def database(backend, mysql_url):
    if backend == 'sqlite':
        with tempfile.TemporaryDirectory() as directory:
            db = db_api.Database('sqlite:///%s/bench.sqlite' % directory,
                                 max_pool_size=40)
            migration.upgrade(db)
            try:
                yield db
            finally:
                db.dispose()
        return
    name = 'clusterd_bench_%s' % uuid.uuid4().hex[:10]
    server = sa.create_engine(mysql_url, isolation_level='AUTOCOMMIT')
    with server.connect() as conn:
        conn.execute(sa.text('CREATE DATABASE %s CHARACTER SET utf8mb4' % name))
    url = sa.engine.make_url(mysql_url).set(database=name).update_query_dict(
        {'charset': 'utf8mb4'})
    db = db_api.Database(url.render_as_string(hide_password=False),
                         max_pool_size=40)
    try:
        migration.upgrade(db)
        yield db
    finally:
        db.dispose()
        with server.connect() as conn:
            conn.execute(sa.text('DROP DATABASE IF EXISTS %s' % name))
        server.dispose()


def engine(db, broker, exchange, pool):
    conf = conf_mod.make_conf()
    conf([], default_config_files=[])
    for name, value in (('heartbeat_interval', 0.5), ('scan_interval', 0.2),
                        ('reconcile_interval', 0)):
        conf.set_override(name, value, group='engine')
    for name, value in (('transport_url', broker), ('exchange', exchange),
                        ('pool', pool)):
        conf.set_override(name, value, group='nova_notifications')
    transport = messaging.get_rpc_transport(conf, url='fake:/')
    return engine_service.EngineService(conf, db, transport)


def notifier(broker, exchange):
    conf = cfg.ConfigOpts()
    conf([], default_config_files=[])
    messaging.get_notification_transport(conf, url=broker).cleanup()
    conf.set_override('control_exchange', exchange)
    transport = messaging.get_notification_transport(conf, url=broker)
    return transport, messaging.Notifier(
        transport, publisher_id='nova-compute:bench', driver='messagingv2',
        topics=['versioned_notifications'])


def wait_action(ctx, action_id, timeout=300):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        action = action_obj.Action.get(ctx, action_id, project_safe=False)
        if action.status in ('SUCCEEDED', 'FAILED', 'CANCELLED'):
            return action
        time.sleep(0.05)
    raise RuntimeError('action %s did not end' % action_id)


def make_cluster(ctx, wake, size):
    spec = {'type': 'senlin.policy.health', 'version': '1.1', 'properties': {
        'detection': {'detection_modes': [{'type': 'LIFECYCLE_EVENTS'}]},
        'recovery': {'actions': [{'name': 'RECREATE'}]}}}
    profile = profile_obj.Profile.create(
        ctx, name='bench', type='clusterd.simulated-1.0', user=ctx.user_id,
        project=ctx.project_id, spec={'type': 'clusterd.simulated',
                                      'version': '1.0', 'properties': {}})
    cluster, action = requests.create_cluster(
        ctx, 3600, name='bench', profile_id=profile.id, min_size=0, max_size=-1,
        desired_capacity=size)
    wake()
    assert wait_action(ctx, action.id).status == 'SUCCEEDED'
    policy = policy_obj.Policy.create(ctx, name='hp', type='senlin.policy.health-1.1',
                                      user=ctx.user_id, project=ctx.project_id,
                                      spec=spec)
    settings = health_policy.HealthPolicy11('hp', spec).settings
    cluster_obj.ClusterPolicy.create(
        context_mod.admin_context(ctx.db), cluster_id=cluster.id,
        policy_id=policy.id, enabled=True, priority=600,
        data={'health': settings.to_dict()})
    return node_obj.Node.for_cluster(ctx, cluster.id)


def send(notify, server_id):
    notify.info({}, 'instance.power_off.end', {
        'nova_object.name': 'InstanceActionPayload', 'nova_object.namespace': 'nova',
        'nova_object.version': '1.8',
        'nova_object.data': {'uuid': server_id, 'state': 'stopped',
                             'host': 'bench', 'power_state': 'shutdown'}})


def marked_at(ctx, node_ids, timeout=60):
    """{node id: when it was marked (UTC)}, from the detection events, once all
    are (the node rows move on at once: recovery)."""
    table = models.Event
    wanted = set(node_ids)
    deadline = time.monotonic() + timeout
    done = {}
    while time.monotonic() < deadline:
        with ctx.reader as session:
            rows = session.execute(sa.select(table.oid, table.timestamp).where(
                table.action == 'LIFECYCLE_EVENTS',
                table.oid.in_(list(wanted - set(done))))).all()
        done.update({row.oid: row.timestamp for row in rows})
        if len(done) == len(wanted):
            return done
        time.sleep(0.01)
    raise RuntimeError('%d of %d nodes marked after %d s'
                       % (len(done), len(wanted), timeout))


def _aware(moment):
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.timezone.utc)


def summary(latencies):
    ordered = sorted(latencies)
    return {'count': len(ordered), 'p50_ms': round(statistics.median(ordered), 1),
            'p95_ms': round(ordered[int(0.95 * (len(ordered) - 1))], 1),
            'max_ms': round(ordered[-1], 1)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--backend', choices=('sqlite', 'mysql'), default='sqlite')
    parser.add_argument('--mysql-url', default='mysql+pymysql://root@127.0.0.1:3306/')
    parser.add_argument('--broker', default='rabbit://guest:guest@127.0.0.1:5672/')
    parser.add_argument('--engines', type=int, default=2)
    parser.add_argument('--nodes', type=int, default=200)
    parser.add_argument('--singles', type=int, default=20)
    args = parser.parse_args()
    run = uuid.uuid4().hex[:12]
    exchange, pool = 'clusterd-bench-%s' % run, 'clusterd-bench-pool-%s' % run
    with database(args.backend, args.mysql_url) as db:
        services = [engine(db, args.broker, exchange, pool)
                    for _ in range(args.engines)]
        for service in services:
            service.start()
        transport, notify = notifier(args.broker, exchange)
        try:
            ctx = context_mod.RequestContext(db=db, user_id='bench',
                                             project_id='bench', roles=['member'])
            nodes = make_cluster(ctx, services[0].wake, args.nodes)
            log('cluster of %d nodes ready' % len(nodes))
            singles = []
            for node in nodes[:args.singles]:
                sent = datetime.datetime.now(datetime.timezone.utc)
                send(notify, node.physical_id)
                at = marked_at(ctx, [node.id])[node.id]
                singles.append((_aware(at) - sent).total_seconds() * 1000)
            burst_nodes = nodes[args.singles:]
            sent = datetime.datetime.now(datetime.timezone.utc)
            started = time.monotonic()
            for node in burst_nodes:
                send(notify, node.physical_id)
            marks = marked_at(ctx, [n.id for n in burst_nodes])
            burst_wall = time.monotonic() - started
            burst = [(_aware(at) - sent).total_seconds() * 1000
                     for at in marks.values()]
            handled = [s.lifecycle_listener.handler.handled for s in services]
        finally:
            transport.cleanup()
            for service in services:
                service.stop()
            with contextlib.suppress(Exception):
                import kombu
                url = 'amqp://' + args.broker.split('://', 1)[1]
                with kombu.Connection(url) as connection:
                    connection.default_channel.queue_delete(pool)
                    connection.default_channel.exchange_delete(exchange)
    print(json.dumps({
        'benchmark': 'lifecycle_events', 'backend': args.backend,
        'engines': args.engines, 'nodes': args.nodes,
        'single': summary(singles),
        'burst': dict(summary(burst), seconds_for_all=round(burst_wall, 2)),
        'handled_per_engine': handled}, indent=1))


if __name__ == '__main__':
    main()
