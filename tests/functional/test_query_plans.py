"""Hot queries use their index (the planner's own word, on each backend)."""

import datetime
import json

import sqlalchemy as sa

from clusterd.db import models
from clusterd.objects import action as action_obj

INDEX = 'ix_action_status_created_at'


def _fill_actions(db, total=6000, ready=20):
    start = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
    rows = [{
        'id': '%08d-0000-0000-0000-000000000000' % i,
        'name': 'node_create_%d' % i,
        'action': 'NODE_CREATE',
        'status': 'READY' if i % (total // ready) == 0 else 'SUCCEEDED',
        'project': 'project-%d' % (i % 7),
        'created_at': start + datetime.timedelta(seconds=i),
    } for i in range(total)]
    with db.engine.begin() as conn:
        conn.execute(sa.delete(models.Action))
        conn.execute(sa.insert(models.Action), rows)
        if db.backend == 'mysql':
            conn.execute(sa.text('ANALYZE TABLE action'))
        else:
            conn.execute(sa.text('ANALYZE action'))


def _plan(db, query):
    compiled = query.compile(dialect=db.engine.dialect,
                             compile_kwargs={'literal_binds': True})
    prefix = {'mysql': 'EXPLAIN FORMAT=JSON ',
              'postgresql': 'EXPLAIN (FORMAT JSON) ',
              'sqlite': 'EXPLAIN QUERY PLAN '}[db.backend]
    with db.engine.connect() as conn:
        rows = conn.execute(sa.text(prefix + str(compiled))).all()
    if db.backend == 'sqlite':
        return ' | '.join(str(r[-1]) for r in rows)
    document = rows[0][0]
    return document if isinstance(document, str) else json.dumps(document)


def test_ready_action_scan_uses_its_index(database):
    _fill_actions(database)
    plan = _plan(database, action_obj.Action.ready_query(limit=16))
    assert INDEX in plan, plan
    # No sort step: the index already yields READY rows in creation order.
    assert 'TEMP B-TREE' not in plan and '"Sort"' not in plan and \
        'filesort": true' not in plan, plan
