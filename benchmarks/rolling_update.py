#!/usr/bin/env python3
"""A rolling update of a ``--nodes`` simulated cluster under the batch policy.

A throw-away database (SQLite in a temporary directory, or ``--backend mysql`` at
``--mysql-url`` / ``CLUSTERD_BENCH_MYSQL_URL``) and a real engine in this process
(oslo.messaging's in-process transport).  A cluster of ``--nodes``
``clusterd.simulated`` nodes is created and a ``senlin.policy.batch-1.0`` with
``max_batch_size: --batch`` and ``pause_time: --pause`` attached (neither timed);
then CLUSTER_UPDATE to a new profile is timed from the request until the action
has ended, ``--rounds`` times (back and forth between two profiles).  Each round
also reports the CPU time of this process (engine and client) while it ran: on a
machine shared with other jobs, wall time mostly measures the wait for a core.

Prints one JSON object on stdout (the target: under 3 s for 100 nodes in batches
of 10 with no pause); progress on stderr.  Exit status 1 when an update failed.
"""

import argparse
import contextlib
import json
import os
import statistics
import sys
import tempfile
import time
import uuid

import oslo_messaging as messaging
import sqlalchemy as sa

from clusterd import conf as conf_mod
from clusterd import context as context_mod
from clusterd.db import api as db_api
from clusterd.db import migration
from clusterd.engine import requests
from clusterd.engine import service as engine_service
from clusterd.objects import action as action_obj
from clusterd.objects import base as objects_base
from clusterd.objects import cluster as cluster_obj
from clusterd.objects import policy as policy_obj
from clusterd.objects import profile as profile_obj
from clusterd import states


def log(message):
    print(message, file=sys.stderr, flush=True)


@contextlib.contextmanager
def database(backend, mysql_url):
    if backend == 'sqlite':
        with tempfile.TemporaryDirectory() as directory:
            db = db_api.Database('sqlite:///%s/bench.sqlite' % directory)
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


@contextlib.contextmanager
def engine(db):
    conf = conf_mod.make_conf()
    conf([], default_config_files=[])
    for name, value in {'heartbeat_interval': 0.5, 'lease_seconds': 5.0,
                        'scan_interval': 0.2, 'reconcile_interval': 0}.items():
        conf.set_override(name, value, group='engine')
    conf.set_override('enabled', False, group='health')
    transport = messaging.get_rpc_transport(conf, url='fake:/')
    service = engine_service.EngineService(conf, db, transport)
    service.start()
    try:
        yield service
    finally:
        service.stop()


def wait(ctx, action_id, timeout=600):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        action = action_obj.Action.get(ctx, action_id, project_safe=False)
        if action.status in states.ACTION_TERMINAL:
            return action
        time.sleep(0.005)
    raise RuntimeError('action %s did not end in %d s' % (action_id, timeout))


def profile(ctx, name):
    return profile_obj.Profile.create(
        ctx, name=name, type='clusterd.simulated-1.0', project=ctx.project_id,
        user=ctx.user_id, spec={'type': 'clusterd.simulated', 'version': '1.0',
                                'properties': {'metadata': {'name': name}}})


def run(db, nodes, batch, pause, rounds):
    ctx = context_mod.RequestContext(db=db, user_id='bench', project_id='bench',
                                     roles=['member'])
    with engine(db) as service:
        profiles = [profile(ctx, 'v1'), profile(ctx, 'v2')]
        cluster, created = requests.create_cluster(
            ctx, 3600, name='rolling', profile_id=profiles[0].id,
            desired_capacity=nodes, min_size=0, max_size=-1)
        service.wake()
        assert wait(ctx, created.id).status == states.SUCCEEDED
        spec = {'type': 'senlin.policy.batch', 'version': '1.0',
                'properties': {'max_batch_size': batch, 'pause_time': pause}}
        policy = policy_obj.Policy.create(
            ctx, id=objects_base.new_id(), name='batch',
            type='senlin.policy.batch-1.0', project=ctx.project_id,
            user=ctx.user_id, spec=spec)
        attach = requests.cluster_action(
            ctx, cluster_obj.Cluster.get(ctx, cluster.id), 'CLUSTER_ATTACH_POLICY',
            {'policy_id': policy.id})
        service.wake()
        assert wait(ctx, attach.id).status == states.SUCCEEDED
        log('cluster of %d nodes ready' % nodes)
        figures, failures = [], []
        for round_ in range(rounds):
            target = profiles[(round_ + 1) % 2]
            started, cpu = time.monotonic(), time.process_time()
            action = requests.cluster_action(
                ctx, cluster_obj.Cluster.get(ctx, cluster.id), 'CLUSTER_UPDATE',
                {'new_profile_id': target.id})
            service.wake()
            done = wait(ctx, action.id)
            seconds = time.monotonic() - started
            cpu = time.process_time() - cpu
            log('round %d: %s in %.3f s, %.3f s of CPU (%s batches)' % (
                round_ + 1, done.status, seconds, cpu,
                (done.outputs or {}).get('batches_done')))
            if done.status != states.SUCCEEDED:
                failures.append(done.status_reason)
            figures.append({'seconds': round(seconds, 3),
                            'cpu_seconds': round(cpu, 3),
                            'batches_done': (done.outputs or {}).get('batches_done'),
                            'nodes_updated': (done.outputs or {}).get(
                                'nodes_updated')})
    times = [f['seconds'] for f in figures]
    cpus = [f['cpu_seconds'] for f in figures]
    return {'median_cpu_seconds': statistics.median(cpus), 'nodes': nodes, 'max_batch_size': batch, 'pause_time': pause,
            'rounds': figures, 'median_seconds': statistics.median(times),
            'max_seconds': max(times), 'target_seconds': 3.0,
            'failures': failures}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--nodes', type=int, default=100)
    parser.add_argument('--batch', type=int, default=10)
    parser.add_argument('--pause', type=int, default=0)
    parser.add_argument('--rounds', type=int, default=3)
    parser.add_argument('--backend', choices=('sqlite', 'mysql'), default='sqlite')
    parser.add_argument('--mysql-url', default=os.environ.get(
        'CLUSTERD_BENCH_MYSQL_URL', 'mysql+pymysql://root@127.0.0.1:3306/'))
    args = parser.parse_args()
    with database(args.backend, args.mysql_url) as db:
        result = run(db, args.nodes, args.batch, args.pause, args.rounds)
    result['backend'] = args.backend
    print(json.dumps(result, indent=2))
    return 1 if result['failures'] else 0


if __name__ == '__main__':
    sys.exit(main())
