"""Regression: concurrent read-then-write transactions on SQLite failed at once with
"database is locked" (a deferred transaction cannot upgrade to a write lock after
another writer committed).  clusterd-standalone's API and engine threads do exactly
this; every transaction must start with BEGIN IMMEDIATE and wait its turn."""

import threading
import uuid

import pytest
import sqlalchemy as sa

from clusterd import context as context_mod
from clusterd.db import api as db_api
from clusterd.db import models
from tests import databases


def test_concurrent_read_then_write_transactions_wait_their_turn(tmp_path):
    with databases.migrated_database('sqlite', tmp_path) as db:
        errors = []

        def worker():
            ctx = context_mod.admin_context(db)
            for _ in range(50):
                try:
                    with ctx.writer as session:
                        session.execute(sa.select(models.ClusterLock)).all()
                        session.add(models.ClusterLock(
                            cluster_id=str(uuid.uuid4()), action_ids=[],
                            semaphore=1))
                        session.flush()
                except Exception as exc:
                    errors.append(str(exc))

        threads = [threading.Thread(target=worker) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        with db.engine.connect() as conn:
            assert conn.execute(sa.select(sa.func.count()).select_from(
                models.ClusterLock)).scalar() == 300


def _record_begins(db, events, released):
    # (BEGIN IMMEDIATE is sent on the driver's connection: SQLite's trace
    # callback sees it, SQLAlchemy's events do not.)
    def trace(statement):
        if statement == 'BEGIN IMMEDIATE':
            events.append((threading.current_thread().name, released.is_set()))

    def connect(dbapi_connection, connection_record):
        dbapi_connection.set_trace_callback(trace)
    sa.event.listen(db.engine, 'connect', connect)
    db.engine.dispose()         # (the migration's connections had no callback)


def test_a_writer_waits_for_its_turn_before_it_asks_sqlite(tmp_path):
    # SQLite's own busy wait sleeps 1, 2, 5, 10, 20 ms and more between tries,
    # however soon the lock is free: twenty POSTs at once took 650 ms.  The
    # threads of the process take turns instead: a second writer's BEGIN
    # IMMEDIATE is sent only once the first has committed.
    with databases.migrated_database('sqlite', tmp_path) as db:
        events = []
        holding = threading.Event()
        release = threading.Event()
        _record_begins(db, events, release)

        def first():
            with context_mod.admin_context(db).writer as session:
                session.execute(sa.select(models.ClusterLock)).all()
                holding.set()
                release.wait(10)

        def second():
            holding.wait(10)
            with context_mod.admin_context(db).writer as session:
                session.execute(sa.select(models.ClusterLock)).all()

        threads = [threading.Thread(target=first, name='first'),
                   threading.Thread(target=second, name='second')]
        for thread in threads:
            thread.start()
        assert holding.wait(10)
        threads[1].join(0.3)           # (it waits for its turn meanwhile)
        assert events == [('first', False)]
        release.set()
        for thread in threads:
            thread.join(10)
        # (The second began once the first was let go and had committed.)
        assert events == [('first', False), ('second', True)]


def test_the_turn_is_given_back_on_rollback_and_on_error(tmp_path):
    with databases.migrated_database('sqlite', tmp_path) as db:
        ctx = context_mod.admin_context(db)
        try:
            with ctx.writer as session:
                session.execute(sa.select(models.ClusterLock)).all()
                raise RuntimeError('boom')
        except RuntimeError:
            pass
        with ctx.reader as session:
            session.execute(sa.select(models.ClusterLock)).all()
        conn = db.engine.connect()
        conn.exec_driver_sql('SELECT 1')
        conn.close()                    # (a transaction left open: rolled back)
        done = []

        def other():
            with context_mod.admin_context(db).writer as session:
                session.execute(sa.select(models.ClusterLock)).all()
            done.append(True)

        thread = threading.Thread(target=other)
        thread.start()
        thread.join(10)
        assert done == [True]


def test_a_begin_that_fails_is_a_database_error_and_gives_the_turn_back(tmp_path):
    # Another process holds the write lock longer than the busy timeout: the
    # BEGIN fails as SQLAlchemy and oslo.db report database errors (what the
    # API turns into a 503), not as a bare sqlite3 error.
    import sqlite3

    with databases.migrated_database('sqlite', tmp_path) as db:
        def short_wait(dbapi_connection, connection_record):
            dbapi_connection.execute('PRAGMA busy_timeout=50')
        sa.event.listen(db.engine, 'connect', short_wait)
        db.engine.dispose()
        other = sqlite3.connect(db.url.database, isolation_level=None)
        other.execute('BEGIN IMMEDIATE')
        ctx = context_mod.admin_context(db)
        try:
            with pytest.raises(Exception) as info:
                with ctx.writer as session:
                    session.execute(sa.select(models.ClusterLock)).all()
            assert db_api.is_database_error(info.value), repr(info.value)
            assert 'locked' in str(info.value)
        finally:
            other.rollback()
            other.close()
        with ctx.writer as session:
            session.execute(sa.select(models.ClusterLock)).all()
