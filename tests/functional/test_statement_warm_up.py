"""The engine's warm-up transaction: it runs a cluster action's statements and
leaves nothing behind (clusterd/engine/statements.py)."""

import sqlalchemy as sa

from clusterd import context as context_mod
from clusterd.engine import statements

TABLES = ('profile', 'cluster', 'action', 'node', 'event', 'cluster_lock',
          'node_lock', 'dependency')


def _counts(database):
    with database.engine.connect() as connection:
        return {table: connection.execute(
            sa.text('SELECT count(*) FROM %s' % table)).scalar()
            for table in TABLES}


def test_the_warm_up_runs_every_statement_and_writes_nothing(database):
    context = context_mod.admin_context(database)
    before = _counts(database)

    assert statements.compile_hot_statements(context, 'engine-a')
    assert statements.compile_hot_statements(context, 'engine-a')

    assert _counts(database) == before


# The threads of periodic passes (they compile their statements on their
# first pass, whenever it comes) and the test's own (the API's part).
PERIODIC = ('MainThread', 'engine-heartbeat', 'engine-takeover', 'reconcile',
            'health-manager', 'engine-nudges', 'engine-warm-up')


def test_after_the_warm_up_a_first_create_compiles_no_statement_of_its_action(
        database):
    import threading
    import time

    from clusterd.engine import requests
    from clusterd import states
    from tests import engines

    compiled = []

    def record(conn, cursor, statement, parameters, context, executemany):
        if (context.cache_hit is context.dialect.CACHE_MISS and
                threading.current_thread().name not in PERIODIC):
            compiled.append(' '.join(statement.split())[:120])
    with engines.Engine(database) as engine:
        deadline = time.monotonic() + 30
        while any(t.name == 'engine-warm-up' for t in threading.enumerate()):
            assert time.monotonic() < deadline, 'the warm-up did not end'
            time.sleep(0.02)
        ctx = engines.user_context(database)
        profile = engines.simulated_profile(ctx)
        sa.event.listen(database.engine, 'after_cursor_execute', record)
        try:
            for size in (10, 3):
                cluster, action = requests.create_cluster(
                    ctx, 3600, name='first-%d' % size, profile_id=profile.id,
                    desired_capacity=size, min_size=0, max_size=-1)
                engine.wake()
                done = engines.wait_action(ctx, action.id)
                assert done.status == states.SUCCEEDED, done.status_reason
        finally:
            sa.event.remove(database.engine, 'after_cursor_execute', record)
    # (The simulated cloud's own INSERT, a plugin's, is compiled on its first
    # call: a real cloud has none.)
    assert [s for s in compiled if 'simulated_resource' not in s] == []


def test_after_the_api_warm_up_a_create_request_compiles_nothing(database):
    # What POST /v1/clusters writes (and the look-ups before it) is compiled
    # by the API's warm-up, in a transaction it rolls back.
    from clusterd.api import deploy
    from clusterd.engine import requests
    from tests import engines

    before = _counts(database)
    deploy.warm_up(database)
    assert _counts(database) == before
    ctx = engines.user_context(database)
    profile = engines.simulated_profile(ctx)
    compiled = []

    def record(conn, cursor, statement, parameters, context, executemany):
        if context.cache_hit is context.dialect.CACHE_MISS:
            compiled.append(' '.join(statement.split())[:120])
    sa.event.listen(database.engine, 'after_cursor_execute', record)
    try:
        requests.create_cluster(ctx, 3600, name='first', profile_id=profile.id,
                                min_size=0, max_size=-1, desired_capacity=2)
    finally:
        sa.event.remove(database.engine, 'after_cursor_execute', record)
    assert compiled == []
