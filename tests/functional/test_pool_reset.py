"""A connection goes back to the pool rolled back once, not twice.

A session ends its transaction (a commit, or a rollback for a reader) and then
closes its connection; the pool used to roll that connection back again on its
return, a second round trip for every transaction on MariaDB and PostgreSQL.
The pool still rolls back a connection whose transaction was left open, or that
was used without SQLAlchemy's transactions.
"""

import pytest
import sqlalchemy as sa

from clusterd import context as context_mod
from clusterd.db import api as db_api
from tests import databases


@pytest.fixture(params=['mysql', 'postgresql'])
def counted(request, tmp_path):
    """(Database with one pooled connection, list of its rollbacks)."""
    with databases.throwaway_url(request.param, tmp_path) as url:
        db = db_api.Database(url, max_pool_size=1, max_overflow=0,
                             max_retries=0)
        rollbacks = []

        def count(dbapi_connection, connection_record):
            real = dbapi_connection.rollback

            def rollback():
                rollbacks.append(True)
                return real()
            dbapi_connection.rollback = rollback
        sa.event.listen(db.engine, 'connect', count)
        try:
            yield db, rollbacks
        finally:
            db.dispose()


def _sees_new_rows(db):
    """Whether the pooled connection, as its next user gets it, sees a row
    committed since its last user read the table: not if that user's
    transaction (and, on MariaDB, its snapshot) was left open."""
    other = sa.create_engine(db.url, poolclass=sa.pool.NullPool)
    with other.begin() as conn:
        conn.execute(sa.text('INSERT INTO probe (id) SELECT COUNT(*) FROM probe'))
        committed = conn.execute(sa.text('SELECT COUNT(*) FROM probe')).scalar()
    other.dispose()
    with db.engine.connect() as conn:
        if db.backend == 'postgresql':
            assert conn.connection.dbapi_connection.info.transaction_status == 0
        return conn.execute(sa.text('SELECT COUNT(*) FROM probe')).scalar() == \
            committed


def test_a_transaction_is_ended_once(counted):
    db, rollbacks = counted
    ctx = context_mod.admin_context(db)
    with ctx.reader as session:
        session.execute(sa.text('SELECT 1')).all()
    with ctx.reader as session:
        session.execute(sa.text('SELECT 1')).all()
    assert len(rollbacks) == 2          # (one per reader)
    with ctx.writer as session:
        session.execute(sa.text('SELECT 1')).all()
    assert len(rollbacks) == 2          # (a commit, and nothing more)


def test_a_connection_left_in_a_transaction_is_rolled_back(counted):
    db, rollbacks = counted
    with db.engine.begin() as conn:
        conn.execute(sa.text('CREATE TABLE probe (id INTEGER PRIMARY KEY)'))
    # Used without SQLAlchemy's transactions: rolled back on its return.
    conn = db.engine.raw_connection()
    cursor = conn.cursor()
    cursor.execute('SELECT COUNT(*) FROM probe')
    cursor.fetchall()
    cursor.close()
    conn.close()
    assert len(rollbacks) == 1
    assert _sees_new_rows(db)
    # A transaction SQLAlchemy began and the user left open: rolled back.
    connection = db.engine.connect()
    connection.execute(sa.text('SELECT COUNT(*) FROM probe')).all()
    connection.close()
    assert _sees_new_rows(db)


def test_a_transaction_whose_connection_was_lost_rolls_back(counted):
    # A database restart invalidates the connection inside a transaction; the
    # rollback that follows must not try to reach the lost connection (it
    # raised "Can't reconnect until invalid transaction is rolled back").
    db, _rollbacks = counted
    ctx = context_mod.admin_context(db)
    with pytest.raises(RuntimeError):
        with ctx.writer as session:
            session.execute(sa.text('SELECT 1')).all()
            session.connection().invalidate()
            raise RuntimeError('the database went away')
    with ctx.reader as session:
        assert session.execute(sa.text('SELECT 1')).scalar() == 1
