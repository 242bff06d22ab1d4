#!/usr/bin/env python3
"""Cost of a reconcile pass (clusterd/engine/reconcile.py) as clusters grow.

For each size N (``--sizes``, default 100,1000,10000) a throw-away database gets a
settled cluster of N ``clusterd.simulated`` nodes, each with its resource, written
in bulk.  Then, with the engine's own Reconciler:

- *clean*: a pass that finds nothing to do (the steady state), ``--rounds`` times;
- *drift*: 1% of the resources are removed and 1% stopped behind clusterd's back,
  and one pass marks those nodes ERROR (events and all);
- *again*: the pass after it, which must change nothing.

For each it reports the wall time (ms) and the SQL statements sent: all of them
and those to the simulated cloud's table (the simulated cloud's "API calls"), so
the O(1) claim can be read off: cloud statements stay at one per pass whatever N.

Prints one JSON object on stdout; progress on stderr.  ``--backend mysql`` uses the
server at ``--mysql-url`` / ``CLUSTERD_BENCH_MYSQL_URL`` (default
``mysql+pymysql://root@127.0.0.1:3306/``); the default is SQLite in a temporary
directory.
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

import sqlalchemy as sa

from clusterd.clock import utcnow
from clusterd import conf as conf_mod
from clusterd import context as context_mod
from clusterd.db import api as db_api
from clusterd.db import migration
from clusterd.db import models
from clusterd.engine import environment
from clusterd.engine import reconcile
from clusterd.objects import cluster as cluster_obj
from clusterd.objects import node as node_obj
from clusterd.objects import profile as profile_obj


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
    db = db_api.Database(url.render_as_string(hide_password=False))
    try:
        migration.upgrade(db)
        yield db
    finally:
        db.dispose()
        with server.connect() as conn:
            conn.execute(sa.text('DROP DATABASE IF EXISTS %s' % name))
        server.dispose()


def seed(ctx, size):
    """A settled cluster of ``size`` simulated nodes and their resources."""
    profile = profile_obj.Profile.create(
        ctx, name='bench', type='clusterd.simulated-1.0', user='bench',
        project='bench', spec={'type': 'clusterd.simulated', 'version': '1.0',
                               'properties': {}})
    cluster = cluster_obj.Cluster.create(
        ctx, name='bench-%d' % size, profile_id=profile.id, user='bench',
        project='bench', status='ACTIVE', min_size=0, max_size=-1,
        desired_capacity=size, next_index=size + 1)
    now = utcnow()
    nodes, resources = [], []
    for index in range(1, size + 1):
        node_id, resource_id = str(uuid.uuid4()), str(uuid.uuid4())
        nodes.append(node_obj.Node.values_for(
            ctx, id=node_id, name='n-%d' % index, cluster_id=cluster.id,
            profile_id=profile.id, user='bench', project='bench', index=index,
            status='ACTIVE', status_reason='Creation succeeded',
            physical_id=resource_id))
        resources.append({'id': resource_id, 'node_id': node_id,
                          'name': 'n-%d' % index, 'project': 'bench',
                          'status': 'ACTIVE', 'status_reason': None,
                          'properties': {'cluster_id': cluster.id},
                          'created_at': now, 'updated_at': now})
    for start in range(0, size, 2000):
        node_obj.Node.create_many(ctx, nodes[start:start + 2000])
        with ctx.writer as session:
            session.execute(sa.insert(models.SimulatedResource.__table__),
                            resources[start:start + 2000])
    return cluster, [r['id'] for r in resources]


@contextlib.contextmanager
def statements(db):
    seen = {'all': 0, 'cloud': 0}

    def record(conn, cursor, statement, parameters, context, executemany):
        seen['all'] += 1
        if 'simulated_resource' in statement:
            seen['cloud'] += 1

    sa.event.listen(db.engine, 'before_cursor_execute', record)
    try:
        yield seen
    finally:
        sa.event.remove(db.engine, 'before_cursor_execute', record)


def timed_pass(db, reconciler, ctx, cluster):
    with statements(db) as seen:
        started = time.perf_counter()
        outcome = reconciler.reconcile_cluster(ctx, cluster)
        took = (time.perf_counter() - started) * 1000
    return took, dict(seen), outcome


def measure(db, size, rounds):
    conf = conf_mod.make_conf()
    conf([], default_config_files=[])
    env = environment.Environment(conf, db, 'bench-engine', lambda fanout=False: None)
    reconciler = reconcile.Reconciler(env)
    ctx = context_mod.admin_context(db)
    log('seeding %d nodes' % size)
    cluster, resource_ids = seed(ctx, size)
    clean = []
    for _ in range(rounds):
        took, seen, outcome = timed_pass(db, reconciler, ctx, cluster)
        assert not outcome.changed, outcome
        clean.append((took, seen))
    share = max(1, size // 100)
    table = models.SimulatedResource.__table__
    with ctx.writer as session:
        session.execute(sa.delete(table).where(
            table.c.id.in_(resource_ids[:share])))
        session.execute(sa.update(table).where(
            table.c.id.in_(resource_ids[share:2 * share])).values(status='SHUTOFF'))
    drift_ms, drift_seen, outcome = timed_pass(db, reconciler, ctx, cluster)
    assert len(outcome.changed) == 2 * share, len(outcome.changed)
    again_ms, again_seen, outcome = timed_pass(db, reconciler, ctx, cluster)
    assert not outcome.changed
    return {
        'nodes': size,
        'clean_pass_ms_median': round(statistics.median(t for t, _ in clean), 1),
        'clean_pass_ms_max': round(max(t for t, _ in clean), 1),
        'clean_pass_statements': clean[-1][1]['all'],
        'clean_pass_cloud_statements': clean[-1][1]['cloud'],
        'drift_nodes_marked': 2 * share,
        'drift_pass_ms': round(drift_ms, 1),
        'drift_pass_statements': drift_seen['all'],
        'drift_pass_cloud_statements': drift_seen['cloud'],
        'again_pass_ms': round(again_ms, 1),
        'again_pass_changed': 0,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--backend', choices=('sqlite', 'mysql'), default='sqlite')
    parser.add_argument('--mysql-url', default=os.environ.get(
        'CLUSTERD_BENCH_MYSQL_URL', 'mysql+pymysql://root@127.0.0.1:3306/'))
    parser.add_argument('--sizes', default='100,1000,10000')
    parser.add_argument('--rounds', type=int, default=5)
    args = parser.parse_args()
    results = []
    for size in (int(s) for s in args.sizes.split(',')):
        with database(args.backend, args.mysql_url) as db:
            results.append(measure(db, size, args.rounds))
            log(json.dumps(results[-1]))
    print(json.dumps({'benchmark': 'reconcile', 'backend': args.backend,
                      'rounds': args.rounds, 'results': results}, indent=1))


if __name__ == '__main__':
    main()
