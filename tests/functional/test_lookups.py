"""The API's look-ups (an id, a name, a short id) run statements built once.

Building and keying a cluster's SELECT (its four subqueries) cost more than
running it; the look-ups keep one statement per shape, with the identity and
the project as bound parameters.
"""

import sqlalchemy as sa

from clusterd import context as context_mod
from clusterd.db import models
from clusterd.objects import cluster as cluster_obj
from clusterd.objects import listing
from tests import engines

FIRST = '0a1b2c3d-0000-4000-8000-00000000000%d'
FIELDS = ('id', 'name', 'project')


def test_lookups_reuse_their_statements_and_bind_what_changes(admin_ctx,
                                                               monkeypatch):
    ctx = admin_ctx
    monkeypatch.setattr(listing, '_LOOKUPS', {})
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
    assert len(listing._LOOKUPS) == 1
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
    assert len(listing._LOOKUPS) == 4
