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
