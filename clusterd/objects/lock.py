"""Cluster and node locks: rows that name the holding action (and its engine).

A cluster lock is exclusive (``semaphore`` -1, the cluster scope) or shared by the
node-scoped actions listed in ``action_ids`` (``semaphore`` = how many).  A node lock
has one holder.  Locks belong to actions, not threads: a cluster action that waits for
its children keeps its lock while no worker runs it, and whichever engine resumes it
finds the lock already its own.  Engines that die lose their locks through
:func:`release_for_actions`, called by the takeover pass.
"""

from oslo_db import api as oslo_db_api
from oslo_db import exception as db_exc
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql as sa_postgresql
from sqlalchemy.dialects import sqlite as sa_sqlite

from clusterd.clock import utcnow
from clusterd.db import models
from clusterd.objects import base

CLUSTER_SCOPE = -1
NODE_SCOPE = 1


def _for_update(context, query):
    if context.db.backend != 'sqlite':
        query = query.with_for_update()
    return query


# The end of every cluster action reads its lock row and deletes it; built
# once (why: objects.base.prepared).  (FOR UPDATE: SQLite's dialect leaves it
# out.)
_CLUSTER_LOCK_ROW = sa.select(models.ClusterLock.__table__).where(
    models.ClusterLock.__table__.c.cluster_id == sa.bindparam('ident')
).with_for_update()
_DROP_CLUSTER_LOCK = sa.delete(models.ClusterLock.__table__).where(
    models.ClusterLock.__table__.c.cluster_id == sa.bindparam('ident'))
# The end of an action that holds a cluster alone (every cluster action):
# its lock row dropped in one statement, no read first.  (The JSON text is
# the one acquire_cluster and take_free_cluster write: db.types.Json.)
_DROP_OWN_CLUSTER_LOCK = sa.delete(models.ClusterLock.__table__).where(
    models.ClusterLock.__table__.c.cluster_id == sa.bindparam('ident'),
    models.ClusterLock.__table__.c.semaphore == CLUSTER_SCOPE,
    models.ClusterLock.__table__.c.action_ids == sa.bindparam(
        'held', type_=models.ClusterLock.__table__.c.action_ids.type))
# (Read by every takeover pass.)
_ALL_CLUSTER_LOCKS = sa.select(models.ClusterLock.__table__)
_ALL_NODE_LOCKS = sa.select(models.NodeLock.__table__)
_HOLDERS = sa.select(models.ClusterLock.__table__.c.action_ids).where(
    models.ClusterLock.__table__.c.cluster_id == sa.bindparam('ident'))


def _insert_if_free(backend):
    """An INSERT of a cluster's lock row that writes nothing, without an
    error, when the cluster has one: each database says it its own way."""
    def build():
        table = models.ClusterLock.__table__
        if backend == 'mysql':
            return sa.insert(table).prefix_with('IGNORE')
        if backend == 'postgresql':
            # (psycopg gives no row count for an INSERT ... ON CONFLICT: the
            # row it wrote, if any, tells.)
            return (sa_postgresql.insert(table).on_conflict_do_nothing()
                    .returning(table.c.cluster_id))
        return sa_sqlite.insert(table).on_conflict_do_nothing()
    return base.prepared(('cluster_lock.insert_if_free', backend), build)


def take_free_cluster(context, cluster_id, action_id, engine_id):
    """Take the exclusive lock of ``cluster_id`` for ``action_id`` if nobody
    holds it, in the caller's transaction: one statement, and no error (which
    would end the transaction on PostgreSQL) when it is held.

    :returns: True if taken; False if the cluster has a lock row (whoever
        holds it: :func:`acquire_cluster` sorts that out)
    """
    backend = context.db.backend
    with context.writer as session:
        result = session.execute(_insert_if_free(backend), dict(
            cluster_id=cluster_id, action_ids=[action_id], semaphore=CLUSTER_SCOPE,
            engine_id=engine_id, updated_at=utcnow()))
        if backend == 'postgresql':
            return result.first() is not None
        return bool(result.rowcount)


@oslo_db_api.wrap_db_retry(max_retries=5, retry_on_deadlock=True,
                           retry_interval=0.05, inc_retry_interval=True)
def acquire_cluster(context, cluster_id, action_id, engine_id, scope, force=False):
    """Take the lock of ``cluster_id`` for ``action_id``.

    The common case, an unlocked cluster, is one INSERT.  Only when the row exists
    is it read ``FOR UPDATE``: locking a row that is not there took gap locks on
    MariaDB, and two engines locking the same cluster deadlocked.

    :returns: None when taken (or already held by this action), else the list of
        action ids holding it
    """
    table = models.ClusterLock
    for _attempt in range(3):
        try:
            with context.writer as session:
                base.insert(session, table.__table__, dict(
                    cluster_id=cluster_id, action_ids=[action_id], semaphore=scope,
                    engine_id=engine_id, updated_at=utcnow()))
            return None
        except db_exc.DBDuplicateEntry:
            pass
        with context.writer as session:
            row = session.execute(_for_update(context, sa.select(table).where(
                table.cluster_id == cluster_id))).scalar_one_or_none()
            if row is None:
                continue  # released meanwhile: try the insert again
            holders = list(row.action_ids or [])
            if action_id in holders:
                row.engine_id = engine_id
                return None
            if scope == NODE_SCOPE and row.semaphore > 0:
                row.action_ids = holders + [action_id]
                row.semaphore = row.semaphore + 1
                row.engine_id = engine_id
                return None
            if force:
                row.action_ids = [action_id]
                row.semaphore = scope
                row.engine_id = engine_id
                return None
            return holders
    return holders_of_cluster(context, cluster_id) or ['unknown']


def release_cluster(context, cluster_id, action_id):
    with context.writer as session:
        if session.execute(_DROP_OWN_CLUSTER_LOCK, {
                'ident': cluster_id, 'held': [action_id]}).rowcount:
            return True
        # Shared with other node-scoped actions, or not (or no longer) ours.
        row = session.execute(_CLUSTER_LOCK_ROW,
                              {'ident': cluster_id}).one_or_none()
        if row is None or action_id not in (row.action_ids or []):
            return False
        holders = [a for a in row.action_ids if a != action_id]
        _rewrite_cluster_lock(session, cluster_id, holders, len(holders))
        return True


def _rewrite_cluster_lock(session, cluster_id, holders, semaphore):
    """The lock row of ``cluster_id`` now held by ``holders`` (gone if none);
    in Core, as the statements of the end of every action."""
    table = models.ClusterLock.__table__
    if holders:
        session.execute(sa.update(table).where(
            table.c.cluster_id == cluster_id).values(
                action_ids=holders, semaphore=semaphore))
    else:
        session.execute(_DROP_CLUSTER_LOCK, {'ident': cluster_id})


def holders_of_cluster(context, cluster_id):
    with context.reader as session:
        row = session.execute(_HOLDERS, {'ident': cluster_id}).scalar_one_or_none()
    return list(row or [])


def acquire_node(context, node_id, action_id, engine_id, force=False):
    """Take the lock of ``node_id``; returns None when taken, else the holder's id."""
    table = models.NodeLock
    try:
        with context.writer as session:
            base.insert(session, table.__table__, dict(
                node_id=node_id, action_id=action_id, engine_id=engine_id,
                updated_at=utcnow()))
        return None
    except db_exc.DBDuplicateEntry:
        pass
    with context.writer as session:
        row = session.execute(_for_update(context, sa.select(table).where(
            table.node_id == node_id))).scalar_one_or_none()
        if row is None:
            session.add(table(node_id=node_id, action_id=action_id,
                              engine_id=engine_id))
            return None
        if row.action_id == action_id or force:
            row.action_id = action_id
            row.engine_id = engine_id
            return None
        return row.action_id


def release_node(context, node_id, action_id):
    table = models.NodeLock.__table__
    with context.writer as session:
        return bool(session.execute(sa.delete(table).where(
            table.c.node_id == node_id, table.c.action_id == action_id)).rowcount)


def release_for_actions(context, action_ids):
    """Drop every lock held by ``action_ids``.

    :returns: how many lock holdings were released
    """
    if not action_ids:
        return 0
    action_ids = set(action_ids)
    released = 0
    node_locks = models.NodeLock.__table__
    with context.writer as session:
        released += session.execute(sa.delete(node_locks).where(
            node_locks.c.action_id.in_(action_ids))).rowcount
        # The cluster_lock table only holds clusters locked right now: small.
        # Read without locks, then lock only the rows these actions hold, in
        # one order: every row FOR UPDATE made each action end wait for all
        # the others, and deadlocked with them.
        table = models.ClusterLock.__table__
        held = sorted(
            row.cluster_id for row in session.execute(
                sa.select(table.c.cluster_id, table.c.action_ids))
            if action_ids.intersection(row.action_ids or []))
        if not held:
            return released
        rows = session.execute(_for_update(context, sa.select(table).where(
            table.c.cluster_id.in_(held)).order_by(table.c.cluster_id))).all()
        for row in rows:
            holders = [a for a in (row.action_ids or []) if a not in action_ids]
            if len(holders) == len(row.action_ids or []):
                continue
            released += len(row.action_ids) - len(holders)
            _rewrite_cluster_lock(
                session, row.cluster_id, holders,
                len(holders) if row.semaphore > 0 else row.semaphore)
    return released


def cluster_locked_exclusively(context, cluster_id):
    """Does a cluster-scope action (not node actions sharing it) hold the lock
    of ``cluster_id``?"""
    table = models.ClusterLock
    with context.reader as session:
        scope = session.execute(sa.select(table.semaphore).where(
            table.cluster_id == cluster_id)).scalar_one_or_none()
    return scope == CLUSTER_SCOPE


def locked_nodes(context, node_ids):
    """Which of ``node_ids`` are locked by an action (one query).

    :returns: a set of node ids
    """
    node_ids = sorted(set(node_ids))
    table = models.NodeLock
    found = set()
    with context.reader as session:
        for start in range(0, len(node_ids), base.IN_CHUNK):
            found.update(session.execute(sa.select(table.node_id).where(
                table.node_id.in_(node_ids[start:start + base.IN_CHUNK]))).scalars())
    return found


def list_cluster_locks(context):
    with context.reader as session:
        return [(r.cluster_id, list(r.action_ids), r.semaphore, r.engine_id)
                for r in session.execute(_ALL_CLUSTER_LOCKS)]


def list_node_locks(context):
    with context.reader as session:
        return [(r.node_id, r.action_id, r.engine_id)
                for r in session.execute(_ALL_NODE_LOCKS)]
