"""Health state: the per-pass read uses its index, and rows of deleted nodes and
clusters are purged."""

import sqlalchemy as sa

from clusterd.db import models
from clusterd.objects import health as health_obj
from tests.functional.test_query_plans import _plan


def test_a_clusters_health_rows_are_read_through_their_index(database):
    rows = [{'node_id': '%08d-0000-4000-8000-000000000000' % i,
             'cluster_id': 'c%035d' % (i % 100), 'healthy': True,
             'results': {}, 'recoveries': [], 'attention': False}
            for i in range(8000)]
    with database.engine.begin() as conn:
        conn.execute(sa.delete(models.NodeHealth))
        conn.execute(sa.insert(models.NodeHealth), rows)
        conn.execute(sa.text('ANALYZE TABLE node_health' if database.backend ==
                             'mysql' else 'ANALYZE node_health'))
    plan = _plan(database, health_obj.NodeHealth.cluster_query('c%035d' % 7))
    assert 'ix_node_health_cluster_id' in plan, plan
    with database.engine.begin() as conn:
        conn.execute(sa.delete(models.NodeHealth))


def test_rows_of_deleted_nodes_and_clusters_are_purged(admin_ctx):
    health_obj.NodeHealth.record(admin_ctx, 'no-such-cluster', {
        'no-such-node': (False, {'NODE_STATUS_POLLING': {'healthy': False,
                                                         'reason': 'gone'}})})
    health_obj.ClusterHealth.save_counts(admin_ctx, 'no-such-cluster', 0, 1)
    assert health_obj.purge_orphans(admin_ctx) == 2
    assert health_obj.NodeHealth.get_one(admin_ctx, 'no-such-node') is None
    assert health_obj.ClusterHealth.get_one(admin_ctx, 'no-such-cluster') is None
    assert health_obj.purge_orphans(admin_ctx) == 0
