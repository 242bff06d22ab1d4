"""How many database round trips and commits the engine spends per workflow.

Counts the statements and commits an engine issues (its own threads only: the
test's polling is left out) for create 10, scale out 10 and delete 10, on every
database backend, and prints them per node and as a fixed part per action
(``pytest -s`` shows the table).  The bounds below are the budget the engine
keeps: a change that adds a commit per node or several per action fails here.
"""

import collections
import contextlib
import json
import os
import threading
import time

import pytest
import sqlalchemy as sa

from clusterd.engine import requests
from clusterd import states
from tests import engines


@pytest.fixture(scope='module')
def engine(database):
    # A slow heartbeat (and a long lease), so that its statements do not blur
    # the workflow's.
    with engines.Engine(database, groups={'health': {'enabled': False}},
                        heartbeat_interval=30, lease_seconds=120,
                        scan_interval=30) as running:
        # Its warm-up (connections, then a rolled-back transaction of the
        # workflow statements) runs in a thread after start: counted, it
        # blurred the first workflow measured (on MariaDB, where the
        # connections take longest to open).
        deadline = time.monotonic() + 60
        while any(t.name == 'engine-warm-up' for t in threading.enumerate()):
            assert time.monotonic() < deadline, 'the engine warm-up never ended'
            time.sleep(0.01)
        yield running


@pytest.fixture
def ctx(database):
    return engines.user_context(database)


# CLUSTERD_TRACE_SQL=1 prints every counted statement and commit.
TRACE = os.environ.get('CLUSTERD_TRACE_SQL') == '1'


class Counter:
    """Statements and commits on ``database``'s engine from other threads."""

    def __init__(self, database):
        self.database = database
        self.me = threading.get_ident()
        self.statements = collections.Counter()
        self.commits = 0
        self.lock = threading.Lock()

    def _on_statement(self, conn, cursor, statement, parameters, context,
                      executemany):
        if threading.get_ident() == self.me:
            return
        verb = statement.lstrip().split(None, 1)[0].upper()
        # An executemany of an INSERT is one multi-row statement for the
        # drivers; of anything else, a statement per row (PyMySQL runs them
        # one by one).
        rows = len(parameters) if executemany and verb != 'INSERT' else 1
        with self.lock:
            self.statements[verb] += rows
            if TRACE:
                print('  SQL [%s] %s' % (threading.current_thread().name,
                                         ' '.join(statement.split())[:160]))

    def _on_commit(self, conn):
        if threading.get_ident() == self.me:
            return
        with self.lock:
            self.commits += 1
            if TRACE:
                print('  COMMIT [%s]' % threading.current_thread().name)

    @contextlib.contextmanager
    def counting(self):
        engine = self.database.engine
        sa.event.listen(engine, 'before_cursor_execute', self._on_statement)
        sa.event.listen(engine, 'commit', self._on_commit)
        try:
            yield self
        finally:
            sa.event.remove(engine, 'before_cursor_execute', self._on_statement)
            sa.event.remove(engine, 'commit', self._on_commit)

    @property
    def round_trips(self):
        return sum(self.statements.values())


def _measure(database, ctx, engine, start):
    """Run ``start()`` (which writes a request and returns its action id) and
    count what the engine does until the action ends."""
    counter = Counter(database)
    with counter.counting():
        action_id = start()
        engine.wake()
        action = engines.wait_action(ctx, action_id)
    assert action.status == states.SUCCEEDED, action.status_reason
    return counter


def _report(name, nodes, counter):
    line = ('%-14s %3d nodes: %4d round trips (%s), %3d commits; per node %.2f '
            'round trips, %.2f commits' % (
                name, nodes, counter.round_trips,
                ' '.join('%s %d' % kv for kv in sorted(counter.statements.items())),
                counter.commits, counter.round_trips / nodes,
                counter.commits / nodes))
    print(line)
    return line


def _save(backend, figures):
    """Add this backend's figures to the JSON file CLUSTERD_ROUND_TRIPS_JSON
    names, if any (benchmarks/side_by_side.py --round-trips shows them)."""
    path = os.environ.get('CLUSTERD_ROUND_TRIPS_JSON')
    if not path:
        return
    saved = {}
    if os.path.exists(path):
        with open(path) as f:
            saved = json.load(f)
    saved[backend] = figures
    with open(path, 'w') as f:
        json.dump(saved, f, indent=1, sort_keys=True)


def test_round_trips_and_commits_per_workflow(database, ctx, engine):
    profile = engines.simulated_profile(ctx)
    made = {}

    def create(size):
        cluster, action = requests.create_cluster(
            ctx, 3600, name='rt%d' % size, profile_id=profile.id,
            desired_capacity=size, min_size=0, max_size=-1)
        made[size] = cluster
        return action.id

    def scale_out(size, count):
        return requests.cluster_action(
            ctx, engines.cluster(ctx, made[size].id), 'CLUSTER_SCALE_OUT',
            {'count': count}).id

    def delete(size):
        return requests.cluster_action(
            ctx, engines.cluster(ctx, made[size].id), 'CLUSTER_DELETE').id

    # Warm up (plugins loaded, pool connections open) with a first cluster.
    _measure(database, ctx, engine, lambda: create(1))
    _measure(database, ctx, engine, lambda: delete(1))

    figures = {}
    for size in (10, 20):
        if TRACE:
            print('--- create/scale_out/delete %d' % size)
        figures['create', size] = _measure(database, ctx, engine,
                                           lambda: create(size))
        figures['scale_out', size] = _measure(database, ctx, engine,
                                              lambda: scale_out(size, size))
        figures['delete', size] = _measure(database, ctx, engine,
                                           lambda: delete(size))
    print()
    print('backend %s' % database.backend)
    for (name, size), counter in sorted(figures.items()):
        _report(name, 2 * size if name == 'delete' else size, counter)
    for name in ('create', 'scale_out', 'delete'):
        c10, c20 = figures[name, 10], figures[name, 20]
        # Two sizes give the slope (per node) and the intercept (per action).
        # The delete removes the scaled-out cluster: twice its size in nodes.
        n10, n20 = (20, 40) if name == 'delete' else (10, 20)
        per_node = (c20.commits - c10.commits) / float(n20 - n10)
        fixed = c10.commits - n10 * per_node
        trips_node = (c20.round_trips - c10.round_trips) / float(n20 - n10)
        trips_fixed = c10.round_trips - n10 * trips_node
        print('%-10s commits: %.2f per node + %.1f per action; round trips: '
              '%.2f per node + %.1f per action' % (name, per_node, fixed,
                                                   trips_node, trips_fixed))
        figures[name] = (per_node, fixed, trips_node, trips_fixed)
    _save(database.backend, {name: dict(zip(
        ('commits_per_node', 'commits_per_action', 'round_trips_per_node',
         'round_trips_per_action'), figures[name]))
        for name in ('create', 'scale_out', 'delete')})
    for name in ('create', 'scale_out', 'delete'):
        per_node, fixed, trips_node, trips_fixed = figures[name]
        # One commit per node is the simulated cloud's own write (its create or
        # delete of the resource); the engine's writes are per batch.  The
        # scheduler's scans (when they find nothing, a commit each) vary with
        # timing: the bounds leave room for them, not for a commit per node.
        assert per_node <= 1.5, (name, per_node)
        assert fixed <= 30, (name, fixed)
        # Nor a statement per node: the engine writes a batch's rows at once.
        assert trips_node <= 0.5, (name, trips_node)


def test_warm_up_opens_the_pool_and_the_rpc_connection(database):
    """No cold first request: the API opens its database connections and its
    RPC connection (a cast), and loads the plugins, before it serves."""
    from clusterd.api import deploy
    from clusterd import plugins

    casts = []

    class Client:
        def start_action(self, **kwargs):
            casts.append(kwargs)

    database.engine.dispose()
    assert database.engine.pool.checkedin() == 0
    deploy.warm_up(database, Client(), connections=3)
    assert database.engine.pool.checkedin() == 3
    assert 'clusterd.simulated-1.0' in plugins.profile_types()
    deadline = time.monotonic() + 10
    while not casts and time.monotonic() < deadline:
        time.sleep(0.01)
    assert casts == [{}]


def test_warm_up_compiles_the_lookups_without_a_warning(database, caplog):
    """The API's warm-up looks up a cluster and a profile that do not exist;
    a failure would only be logged, so check that there is none."""
    from clusterd.api import deploy

    with caplog.at_level('WARNING', logger='clusterd.api.deploy'):
        deploy.warm_up(database, None, connections=1)
    assert not [r for r in caplog.records if r.name == 'clusterd.api.deploy']


def test_engine_warms_up_at_start(database):
    """No cold first action: when start() returns, the engine's worker and
    cloud-call threads run and, soon after on a database server, its pool
    holds a connection for each of them (opened in a thread)."""
    from clusterd import plugins

    database.engine.dispose()
    with engines.Engine(database, workers=3, cloud_call_threads=2) as engine:
        service = engine.service
        assert 'clusterd.simulated-1.0' in plugins.profile_types()
        pool = database.engine.pool

        def warm():
            return (service.scheduler._pool.get_num_idle_workers() == 3 and
                    service.env.cloud_pool.get_num_idle_workers() == 2 and
                    (database.backend == 'sqlite' or
                     pool.checkedin() + pool.checkedout() >= 5))
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not warm():
            time.sleep(0.01)
        assert warm()
