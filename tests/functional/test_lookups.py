"""The API's look-ups (an id, a name, a short id) run statements built once.

Building and keying a cluster's SELECT (its four subqueries) cost more than
running it; the look-ups keep one statement per shape, with the identity and
the project as bound parameters.
"""

import sqlalchemy as sa

from clusterd import context as context_mod
from clusterd.db import models
from clusterd.objects import base as objects_base
from clusterd.objects import cluster as cluster_obj
from clusterd.objects import listing
from tests import engines

FIRST = '0a1b2c3d-0000-4000-8000-00000000000%d'
FIELDS = ('id', 'name', 'project')


def _lookups():
    return [key for key in objects_base._PREPARED if key[0] == 'lookup']


def test_lookups_reuse_their_statements_and_bind_what_changes(admin_ctx,
                                                               monkeypatch):
    ctx = admin_ctx
    monkeypatch.setattr(objects_base, '_PREPARED', {})
    mine = context_mod.RequestContext(db=ctx.db, user_id='u', project_id='pa',
                                      roles=['member'])
    profile = engines.simulated_profile(mine, name='look')
    with ctx.writer as session:
        session.execute(sa.delete(models.Cluster.__table__).where(
            models.Cluster.__table__.c.name.like('look-%')))
        for n, project in ((1, 'pa'), (2, 'pa'), (3, 'pb')):
            session.execute(sa.insert(models.Cluster.__table__).values(
                id=FIRST % n, name='look-%d' % n, profile_id=profile.id,
                project=project, user='u', status='ACTIVE', min_size=0,
                max_size=-1, desired_capacity=0, next_index=1,
                created_at=sa.func.now(), updated_at=sa.func.now()))
    Cluster = cluster_obj.Cluster
    columns = Cluster.api_columns()
    for n in (1, 2, 3):
        row = listing.by_id(mine, Cluster, FIELDS, FIRST % n, extra=columns)
        if n < 3:
            assert (row['name'], row['node_count']) == ('look-%d' % n, 0)
        else:
            assert row is None          # (another project's)
    assert len(_lookups()) == 1
    assert [r['id'] for r in listing.by_name(mine, Cluster, FIELDS, 'look-2')] \
        == [FIRST % 2]
    assert listing.by_name(mine, Cluster, FIELDS, 'look-3') == []
    assert listing.by_name(ctx, Cluster, FIELDS, 'look-3',
                           project_safe=False)[0]['project'] == 'pb'
    # A short id: ambiguous (two of the project's), then exact; the wildcards
    # a user types match themselves only.
    assert len(listing.by_id_prefix(mine, Cluster, FIELDS, '0a1b2c3d')) == 2
    assert [r['name'] for r in listing.by_id_prefix(
        mine, Cluster, FIELDS, FIRST % 1)] == ['look-1']
    assert listing.by_id_prefix(mine, Cluster, FIELDS, '0a1b%') == []
    assert listing.by_id_prefix(mine, Cluster, FIELDS, '_a1b') == []
    # by_id with columns, by_name, by_name of any project, by_id_prefix.
    assert len(_lookups()) == 4


def test_the_engines_reads_by_id_run_statements_built_once(admin_ctx):
    # (objects.base.prepared: get, the claim, a hold, a parent's child counts,
    # a cluster's ACTIVE nodes and its bindings, a status change.)
    from clusterd.objects import action as action_obj
    from clusterd.objects import node as node_obj
    ctx = admin_ctx
    seen = []

    def record(conn, clauseelement, multiparams, params, execution_options):
        seen.append(clauseelement)
    calls = [
        lambda: action_obj.Action.hold(ctx, 'no-such-action'),
        lambda: action_obj.Action.claim(ctx, 'engine-x', 5),
        lambda: action_obj.Action.claim(ctx, 'engine-x', 5,
                                        action_ids=['a', 'b']),
        lambda: action_obj.Action.child_counts(ctx, 'no-such-action'),
        lambda: node_obj.Node.count_active(ctx, 'no-such-cluster'),
        lambda: node_obj.Node.for_cluster(ctx, 'no-such-cluster'),
        lambda: cluster_obj.ClusterPolicy.for_cluster(ctx, 'no-such-cluster'),
        lambda: listing.by_id(ctx, cluster_obj.Cluster, FIELDS, 'x',
                              project_safe=False),
        lambda: cluster_obj.Cluster.set_status(ctx, 'no-such-cluster',
                                               'ACTIVE', 'settled'),
        lambda: cluster_obj.Cluster.count_in_project(ctx),
    ]
    sa.event.listen(ctx.db.engine, 'before_execute', record)
    try:
        for call in calls:
            del seen[:]
            call()
            first = list(seen)
            del seen[:]
            call()
            assert first and [id(s) for s in seen] == [id(s) for s in first]
        del seen[:]
        try:
            cluster_obj.Cluster.get(ctx, 'x', project_safe=False)
        except Exception:
            pass
        first = list(seen)
        try:
            cluster_obj.Cluster.get(ctx, 'y', project_safe=False)
        except Exception:
            pass
        assert [id(s) for s in seen[len(first):]] == [id(s) for s in first]
    finally:
        sa.event.remove(ctx.db.engine, 'before_execute', record)
