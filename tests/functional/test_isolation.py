"""clusterd's transactions on MariaDB run at READ COMMITTED, as on PostgreSQL.

At MariaDB's default (REPEATABLE READ), a locking scan also locks the gaps
between the rows it passes: 20 clusters created at once deadlocked 2 to 14
times per run, an end of node actions against another cluster's fan-out.
"""

import pytest
import sqlalchemy as sa
from sqlalchemy import exc as sa_exc

from clusterd import context as context_mod
from clusterd.db import api as db_api
from tests import databases


def _database(backend, tmp_path):
    with databases.throwaway_url(backend, tmp_path) as url:
        db = db_api.Database(url, max_retries=0)
        try:
            yield db
        finally:
            db.dispose()


@pytest.fixture
def mariadb(tmp_path):
    yield from _database('mysql', tmp_path)


@pytest.fixture
def postgresql(tmp_path):
    yield from _database('postgresql', tmp_path)


def test_every_connection_is_read_committed(mariadb):
    ctx = context_mod.admin_context(mariadb)
    for scope in (ctx.reader, ctx.writer):
        with scope as session:
            connection = session.connection().connection.dbapi_connection
            assert mariadb.engine.dialect.get_isolation_level(connection) == \
                'READ COMMITTED'


def test_a_locking_scan_leaves_the_gaps_free(mariadb):
    with mariadb.engine.begin() as conn:
        conn.execute(sa.text(
            'CREATE TABLE probe (id INTEGER PRIMARY KEY, status VARCHAR(10), '
            'KEY ix_status (status))'))
        conn.execute(sa.text("INSERT INTO probe VALUES (1, 'DONE'), (9, 'DONE')"))
    # A connection at the server's default, as another client would be.
    other = sa.create_engine(mariadb.url, poolclass=sa.pool.NullPool)
    ctx = context_mod.admin_context(mariadb)
    try:
        with ctx.writer as session:
            # The claim's kind of read: the READY rows, locked (none yet).
            assert session.execute(sa.text(
                "SELECT id FROM probe WHERE status = 'READY' FOR UPDATE")
            ).all() == []
            with other.connect() as conn:
                conn.execute(sa.text('SET SESSION innodb_lock_wait_timeout = 1'))
                try:
                    conn.execute(sa.text(
                        "INSERT INTO probe VALUES (5, 'READY')"))
                except sa_exc.OperationalError as exc:
                    pytest.fail('the insert waited for a gap lock: %s' % exc)
                conn.rollback()
    finally:
        other.dispose()


def _transaction_status(session):
    return session.connection().connection.dbapi_connection.info.transaction_status


def test_postgresql_reads_outside_a_transaction_unless_inside_a_writer(postgresql):
    # psycopg sends BEGIN and COMMIT as round trips of their own: an outermost
    # reader runs its statements without them (at READ COMMITTED each statement
    # sees what was committed when it started, in a transaction or not); a
    # reader inside a writer is the writer's transaction.
    import psycopg
    idle, in_transaction = (psycopg.pq.TransactionStatus.IDLE,
                            psycopg.pq.TransactionStatus.INTRANS)
    ctx = context_mod.admin_context(postgresql)
    with ctx.reader as session:
        assert session.execute(sa.text('SELECT 1')).scalar() == 1
        assert _transaction_status(session) == idle
        with ctx.reader as inner:
            inner.execute(sa.text('SELECT 1'))
            assert _transaction_status(inner) == idle
    with ctx.writer as session:
        session.execute(sa.text('SELECT 1'))
        with ctx.reader as inner:
            assert inner is session
            inner.execute(sa.text('SELECT 1'))
            assert _transaction_status(inner) == in_transaction
    # The connection goes back to the pool as a writer expects it.
    with ctx.writer as session:
        session.execute(sa.text('SELECT 1'))
        assert _transaction_status(session) == in_transaction
    # And a reader cannot be made to write: oslo.db refuses a writer inside it.
    with pytest.raises(TypeError):
        with ctx.reader:
            with ctx.writer:
                pass


def test_postgresql_connections_opened_at_start_have_used_every_table(tmp_path):
    # (A server process loads what it knows of a table on its connection's
    # first use of it: done at start, not by the first actions.)
    from clusterd.db import models
    seen = {}
    with databases.migrated_database('postgresql', tmp_path) as postgresql:
        _open_two(postgresql, seen)
    assert len(seen) == 2
    for statements in seen.values():
        for table in models.Base.metadata.sorted_tables:
            assert any('FROM %s ' % table.name in s or 'FROM "%s"' % table.name in s
                       for s in statements), table.name


def test_postgresql_connections_open_before_the_schema_is_there(postgresql):
    # (clusterd-api started before clusterd-manage db sync: the pool still
    # opens, the tables are not looked at.)
    seen = {}
    _open_two(postgresql, seen)
    assert len(seen) == 2


def _open_two(database, seen):
    """Open two connections of ``database``; ``seen``: their statements."""
    def record(conn, cursor, statement, parameters, context, executemany):
        seen.setdefault(id(conn.connection.dbapi_connection), []).append(statement)
    sa.event.listen(database.engine, 'before_cursor_execute', record)
    try:
        database.open_connections(2)
    finally:
        sa.event.remove(database.engine, 'before_cursor_execute', record)
