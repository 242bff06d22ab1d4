"""The engine's workflows run statements built once (objects.base.prepared and
module constants), with what changes between calls bound: a statement built
per call cost SQLAlchemy more CPU than running it (issue 20)."""

import collections

import sqlalchemy as sa

from clusterd import states
from tests.functional.test_engine_workflows import _act
from tests.functional.test_engine_workflows import _create
# (The fixtures of the workflow tests: an engine per module, a user's context.)
from tests.functional.test_engine_workflows import ctx  # noqa: F401,F811
from tests.functional.test_engine_workflows import engine  # noqa: F401,F811


def test_create_scale_and_delete_build_no_statement_twice(ctx, engine):
    seen = []

    def record(conn, clauseelement, multiparams, params, execution_options):
        seen.append(clauseelement)

    def life_cycle():
        cluster, action = _create(ctx, engine, 4)
        assert action.status == states.SUCCEEDED, action.status_reason
        for name, inputs in (('CLUSTER_SCALE_OUT', {'count': 3}),
                             ('CLUSTER_SCALE_IN', {'count': 2}),
                             ('CLUSTER_DELETE', None)):
            done = _act(ctx, engine, cluster, name, inputs)
            assert done.status == states.SUCCEEDED, (name, done.status_reason)

    # (Every engine: the test's requests and the engine's workers, whatever
    # database engine object each holds.)
    sa.event.listen(sa.engine.Engine, 'before_execute', record)
    try:
        life_cycle()
        first = collections.defaultdict(set)
        for statement in seen:
            first[str(statement)].add(id(statement))
        del seen[:]
        life_cycle()
        second = list(seen)
    finally:
        sa.event.remove(sa.engine.Engine, 'before_execute', record)
    # A statement whose SQL ran in the first life cycle as another object was
    # built again.  (One first run in the second, by a periodic pass, is not
    # counted: nothing to compare it with.)
    built_again = sorted({str(s) for s in second
                          if str(s) in first and id(s) not in first[str(s)]})
    assert len(second) > 50
    assert built_again == []
