"""Releasing the locks of some actions touches only the lock rows they hold.

Every action end and every hand-back releases the locks of its actions.  It used
to read every row of ``cluster_lock`` ``FOR UPDATE``, so each end waited for any
transaction that held the lock row of another cluster, and a hand-back (which
moves action rows first) deadlocked with an engine ending one of those actions
(seen on MariaDB in CI).  On SQLite a writer holds the whole database, so the
test runs on MariaDB and PostgreSQL.
"""

import threading
import uuid

import pytest
import sqlalchemy as sa

from clusterd.db import models
from clusterd.objects import lock as lock_obj


def test_a_release_does_not_wait_for_the_lock_row_of_another_cluster(
        admin_ctx, database):
    if database.backend == 'sqlite':
        pytest.skip('SQLite has no row locks: a writer holds the database')
    ours, theirs = str(uuid.uuid4()), str(uuid.uuid4())
    action, other = str(uuid.uuid4()), str(uuid.uuid4())
    assert lock_obj.acquire_cluster(admin_ctx, ours, action, 'engine-a',
                                    lock_obj.CLUSTER_SCOPE) is None
    assert lock_obj.acquire_cluster(admin_ctx, theirs, other, 'engine-b',
                                    lock_obj.CLUSTER_SCOPE) is None
    table = models.ClusterLock.__table__
    released = []
    with database.engine.connect() as holder:
        # Another transaction holds the row of the other cluster.
        holder.execute(sa.select(table).where(
            table.c.cluster_id == theirs).with_for_update()).all()
        worker = threading.Thread(target=lambda: released.append(
            lock_obj.release_for_actions(admin_ctx, [action])), daemon=True)
        worker.start()
        worker.join(timeout=10)
        ended_while_held = not worker.is_alive()
        holder.rollback()
    worker.join(timeout=60)
    assert ended_while_held, 'the release waited for the other cluster\'s row'
    assert released == [1]
    assert lock_obj.holders_of_cluster(admin_ctx, ours) == []
    assert lock_obj.holders_of_cluster(admin_ctx, theirs) == [other]


def test_a_free_cluster_is_locked_in_the_callers_transaction_and_a_held_one_is_no_error(
        admin_ctx, database):
    """A cluster action's start takes the lock of a free cluster with its other
    writes (take_free_cluster); on a held one it writes nothing and raises
    nothing, so the transaction goes on (an error would end it on PostgreSQL)
    and acquire_cluster's rules decide."""
    cluster, first, second = (str(uuid.uuid4()) for _ in range(3))
    with admin_ctx.writer:
        assert lock_obj.take_free_cluster(admin_ctx, cluster, first, 'engine-a')
        assert not lock_obj.take_free_cluster(admin_ctx, cluster, second,
                                              'engine-b')
        assert lock_obj.holders_of_cluster(admin_ctx, cluster) == [first]
    assert lock_obj.holders_of_cluster(admin_ctx, cluster) == [first]
    assert lock_obj.acquire_cluster(admin_ctx, cluster, second, 'engine-b',
                                    lock_obj.CLUSTER_SCOPE) == [first]
    assert lock_obj.acquire_cluster(admin_ctx, cluster, first, 'engine-c',
                                    lock_obj.CLUSTER_SCOPE) is None


def test_a_release_drops_only_its_own_lock(admin_ctx, database):
    cluster, shared = str(uuid.uuid4()), str(uuid.uuid4())
    holder, other, node_a, node_b = (str(uuid.uuid4()) for _ in range(4))
    # An exclusive lock, and a node-scoped one shared by two actions.
    for lock, action, scope in ((cluster, holder, lock_obj.CLUSTER_SCOPE),
                                (shared, node_a, lock_obj.NODE_SCOPE),
                                (shared, node_b, lock_obj.NODE_SCOPE)):
        assert lock_obj.acquire_cluster(admin_ctx, lock, action, 'engine-a',
                                        scope) is None
    for lock, action, released, left in ((cluster, other, False, [holder]),
                                         (cluster, holder, True, []),
                                         (shared, node_a, True, [node_b]),
                                         (shared, node_b, True, [])):
        assert lock_obj.release_cluster(admin_ctx, lock, action) is released
        assert lock_obj.holders_of_cluster(admin_ctx, lock) == left
