"""Database handles built on oslo.db's enginefacade.

A :class:`Database` owns one enginefacade transaction context, configured from
explicit settings; a process makes one per database it talks to and hands it down
(the request context carries it as ``context.db``).  Tests make one per throw-away
database, so several backends can be used in one test run.
"""

import re
import sqlite3
import threading
import time

import sqlalchemy as sa
from oslo_db import exception as db_exc
from oslo_db.sqlalchemy import enginefacade

from clusterd.db import faults
from clusterd.db import models

#: What an operator writes in ``[database] connection``.
SUPPORTED_SCHEMES = ('sqlite', 'mysql+pymysql', 'mariadb+pymysql', 'postgresql')

OPTION = '[database] connection'

# A bare postgresql:// means psycopg 3 (SQLAlchemy 2.0 would pick psycopg2, 2.1
# picks psycopg: say it, so that both do the same); postgresql+psycopg2:// still
# works where psycopg2 is installed.
_EXPLICIT = {'postgresql': 'postgresql+psycopg'}
# What to write instead of a scheme whose driver is missing.
_INSTEAD = {'mysql': 'mysql+pymysql', 'mariadb': 'mariadb+pymysql',
            'postgresql': 'postgresql', 'sqlite': 'sqlite'}


class UnsupportedDatabase(ValueError):
    pass


def hide_password(url):
    """``url`` as text with its password replaced by ``***`` (even when it
    cannot be parsed)."""
    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except (sa.exc.ArgumentError, ValueError, TypeError):
        return re.sub(r'(://[^:/@]*:)[^@/]*@', r'\1***@', str(url))


def _missing_driver(parsed):
    """Why the DB-API module of ``parsed`` cannot be used, or None."""
    try:
        driver_url(parsed).get_dialect().import_dbapi()
    except sa.exc.NoSuchModuleError:
        return 'names a database driver SQLAlchemy does not know'
    except ImportError as exc:
        if parsed.drivername in ('mysql', 'mariadb'):
            return 'means the MySQLdb driver, which is not installed'
        return 'needs the database driver %s, which is not installed' % (
            exc.name or exc)
    return None


def check_url(url):
    """The parsed ``url``, or :class:`UnsupportedDatabase` with one line that names
    the option, the URL (password hidden) and what to write instead."""
    if not url:
        raise UnsupportedDatabase(
            'no database is configured: set %s, for example to '
            'sqlite:////var/lib/clusterd/clusterd.sqlite' % OPTION)
    try:
        parsed = sa.engine.make_url(url)
    except (sa.exc.ArgumentError, ValueError):
        raise UnsupportedDatabase(
            '%s = %s cannot be parsed as a database URL; write sqlite:///PATH, '
            'mysql+pymysql://USER:PASSWORD@HOST/NAME or '
            'postgresql://USER:PASSWORD@HOST/NAME' % (OPTION, hide_password(url)))
    shown = parsed.render_as_string(hide_password=True)
    backend = parsed.get_backend_name()
    if backend not in _INSTEAD:
        raise UnsupportedDatabase(
            'unsupported database URL scheme %r in %s = %s; write one of %s' % (
                parsed.drivername, OPTION, shown,
                ', '.join('%s://' % s for s in SUPPORTED_SCHEMES)))
    why = _missing_driver(parsed)
    if why:
        instead = parsed.set(drivername=_INSTEAD[backend])
        raise UnsupportedDatabase('%s = %s %s; write %s' % (
            OPTION, shown, why, instead.render_as_string(hide_password=True)))
    return parsed


def driver_url(url):
    """``url`` (text or a URL) with its driver spelled out, as SQLAlchemy is
    given it: ``postgresql://`` becomes ``postgresql+psycopg://``."""
    parsed = sa.engine.make_url(url)
    if parsed.drivername in _EXPLICIT:
        parsed = parsed.set(drivername=_EXPLICIT[parsed.drivername])
    return parsed


#: How long a thread waits for its turn to write before it goes on to SQLite's
#: own busy wait, and how long that waits before "database is locked".
SQLITE_BUSY_TIMEOUT_S = 30


def _sqlite_pragmas(dbapi_connection, connection_record):
    # API threads and engine workers share one SQLite file in clusterd-standalone:
    # WAL lets readers run beside the writer, and the busy timeout makes a writer
    # wait for the lock instead of failing at once with "database is locked".
    cursor = dbapi_connection.cursor()
    cursor.execute('PRAGMA journal_mode=WAL')
    cursor.execute('PRAGMA busy_timeout=%d' % (SQLITE_BUSY_TIMEOUT_S * 1000))
    cursor.execute('PRAGMA foreign_keys=ON')
    cursor.close()


def _sqlite_begin(connection):
    # NOTE: a deferred SQLite transaction that reads and then writes fails at once
    # with "database is locked" (no busy wait) when another writer committed
    # meanwhile.  Taking the write lock at BEGIN makes every transaction wait its
    # turn instead; SQLite has one writer at a time anyway.  This replaces
    # oslo.db's listener, which emits a plain BEGIN; oslo.db's commit and rollback
    # listeners still clear the "in_transaction" flag.
    if 'in_transaction' not in connection.info:
        dbapi_connection = connection.connection.dbapi_connection
        turns = isinstance(dbapi_connection, _TurnTaking)
        if turns:
            dbapi_connection.take_write_turn()
        try:
            connection.exec_driver_sql('BEGIN IMMEDIATE')
        except BaseException:
            if turns:
                dbapi_connection.end_write_turn()
            raise
        connection.info['in_transaction'] = True


def _turn_taking_connection_class(lock):
    """A sqlite3 connection class whose write transactions take turns on ``lock``.

    SQLite has one writer at a time, and a thread that finds the write lock
    taken sleeps in SQLite's busy handler: 1, 2, 5, 10, 15, 20 ms and more
    between tries, however soon the lock is free again.  With API threads and
    engine workers writing at once in clusterd-standalone, requests waited for
    sleeps, not for writes (a POST /v1/clusters took 650 ms among 20 at once).
    The threads of one process queue on a Python lock instead, taken before
    BEGIN IMMEDIATE and given back once COMMIT or ROLLBACK has returned, so the
    next writer starts as soon as the previous one ends.  Other processes on
    the same file still meet SQLite's busy wait.
    """
    class TurnTakingConnection(_TurnTaking):
        _lock = lock

    return TurnTakingConnection


class _TurnTaking(sqlite3.Connection):
    _lock = None
    _holding = False

    def take_write_turn(self):
        # (After the timeout, SQLite's busy wait decides.)
        if not self._holding and self._lock.acquire(timeout=SQLITE_BUSY_TIMEOUT_S):
            self._holding = True

    def end_write_turn(self):
        if self._holding:
            self._holding = False
            self._lock.release()

    def commit(self):
        try:
            super().commit()
        finally:
            self.end_write_turn()

    def rollback(self):
        try:
            super().rollback()
        finally:
            self.end_write_turn()

    def close(self):
        try:
            super().close()
        finally:
            self.end_write_turn()


def _pool_sqlite_file(engine, options):
    """Keep SQLite file connections open between transactions.

    oslo.db puts a NullPool on a SQLite file: every transaction then opens the
    file, runs the pragmas and closes it again, which was a sixth of the engine's
    CPU in clusterd-standalone.  A QueuePool as large as the other backends' keeps
    them (pysqlite already opens file connections with check_same_thread=False,
    and a connection is used by one thread at a time).  The listeners oslo.db put
    on the old pool (foreign keys, the BEGIN marker) go with it.
    """
    old = engine.pool
    if not isinstance(old, sa.pool.NullPool):
        return          # :memory: (a StaticPool) or already pooled
    cargs, cparams = engine.dialect.create_connect_args(engine.url)
    cparams['factory'] = _turn_taking_connection_class(threading.Lock())

    def connect():
        return engine.dialect.loaded_dbapi.connect(*cargs, **cparams)

    engine.pool = sa.pool.QueuePool(
        connect, pool_size=options.get('max_pool_size') or 5,
        max_overflow=options.get('max_overflow') or 10,
        timeout=options.get('pool_timeout') or 30, recycle=old._recycle,
        pre_ping=False, reset_on_return=old._reset_on_return,
        echo=old.echo, logging_name=old._orig_logging_name,
        _dispatch=old.dispatch, dialect=old._dialect)


_ENDED = 'clusterd_transaction_ended'


def _mark(connection, ended):
    # (Not on a connection that was lost: its info would reach for it, and
    # fail.  Its record gets a new connection, which starts clean.)
    if not connection.invalidated and not connection.closed:
        connection.info[_ENDED] = ended


def _mark_begun(connection):
    _mark(connection, False)


def _mark_checked_out(dbapi_connection, connection_record, proxy):
    # (A connection used without SQLAlchemy's transactions is rolled back.)
    connection_record.info[_ENDED] = False


def _mark_ended(connection):
    _mark(connection, True)


def _reset_unless_ended(dbapi_connection, connection_record, reset_state):
    if reset_state.terminate_only or reset_state.transaction_was_reset:
        return
    if connection_record is not None and \
            connection_record.info.get(_ENDED):
        return
    dbapi_connection.rollback()


def _roll_back_once(engine):
    """Roll a connection back when it goes back to the pool only if its last
    transaction has not ended already.

    A session ends its transaction (a commit, or a rollback for a reader) and
    then closes its connection, and the pool rolled the connection back once
    more on its return: a second round trip for every transaction on MariaDB
    and PostgreSQL (880 rollbacks for 460 API requests).  The driver cannot
    tell: MariaDB reports no transaction while a read snapshot is held.  So
    the connection's record notes when a transaction begins and when it ends
    (commit or rollback), and the pool's reset rolls back only a connection
    whose transaction was left open, or that was used without SQLAlchemy's
    transactions (checked out and not ended since).
    """
    if getattr(engine.pool, '_reset_on_return', None) is not sa.pool.reset_rollback:
        return      # (a pool that does not roll back on return: left alone)
    sa.event.listen(engine.pool, 'checkout', _mark_checked_out)
    sa.event.listen(engine, 'begin', _mark_begun)
    sa.event.listen(engine, 'commit', _mark_ended)
    sa.event.listen(engine, 'rollback', _mark_ended)
    sa.event.listen(engine.pool, 'reset', _reset_unless_ended)
    engine.pool._reset_on_return = sa.pool.reset_none


#: A pooled connection unused for longer than this is pinged before it is
#: handed out (MariaDB, PostgreSQL).
PING_AFTER_IDLE_S = 1.0

_RETURNED = 'clusterd_returned_at'


def _note_returned(dbapi_connection, connection_record):
    connection_record.info[_RETURNED] = time.monotonic()


def _ping_if_idle(engine):
    def checkout(dbapi_connection, connection_record, proxy):
        returned = connection_record.info.get(_RETURNED)
        # (None: a connection opened for this checkout.)
        if returned is None or \
                time.monotonic() - returned < PING_AFTER_IDLE_S:
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except engine.dialect.loaded_dbapi.Error as exc:
            # The server went away since: the pool replaces this connection
            # and every other one opened before now, and checks out again.
            raise sa.exc.InvalidatePoolError(
                'the connection was lost while idle: %s' % exc) from exc
    return checkout


def _ping_only_idle_connections(engine):
    """Ping a pooled connection before use only when it sat unused for
    :data:`PING_AFTER_IDLE_S` or more.

    oslo.db turns on SQLAlchemy's pre-ping, a round trip before every
    transaction: about 1,500 extra round trips, and 5-10% of the engine's and
    the API's CPU, for 20 clusters of 10 nodes.  The ping is for connections
    that died while they sat in the pool (a database restart, a server or
    proxy timeout); a connection given back a moment ago is as alive as the
    ping would find it.  What the ping cannot catch either way, a database
    that goes away during a transaction or within a second of its last use,
    is the same disconnect error the callers already handle: the pool drops
    every connection older than the error, the engine retries, the API
    answers 503.
    """
    pool = engine.pool
    if not getattr(pool, '_pre_ping', False):
        return
    pool._pre_ping = False
    # Last in, first out: a burst after a quiet second reuses the connection
    # just given back (pinged once) instead of walking the whole pool, each
    # idle and pinged in turn (the first create after start pinged 20-30
    # times).  (Kept by the pool's recreate() on dispose.)
    queue = getattr(pool, '_pool', None)
    if hasattr(queue, 'use_lifo'):
        queue.use_lifo = True
    sa.event.listen(pool, 'checkin', _note_returned)
    sa.event.listen(pool, 'checkout', _ping_if_idle(engine))


def _read_committed(engine):
    """Run every transaction on MariaDB at READ COMMITTED, as on PostgreSQL.

    At MariaDB's default, REPEATABLE READ, a locking read or an UPDATE locks
    the gaps between the index entries it scans as well as the rows, and
    InnoDB scans the whole table of a small one even for ``WHERE id IN
    (...)``.  With 20 clusters created at once on one engine, an end of a
    batch of node actions that scanned the action table held a gap that
    another cluster's fan-out had to insert into, while waiting for that
    fan-out's parent row: 2 to 14 deadlocks per run, each a retry, and one
    that hit the claim left 16 clusters READY for a second (the next scan).
    READ COMMITTED takes no gap locks and lets go of the rows a scan does
    not match.  The code already runs at READ COMMITTED on PostgreSQL: each
    statement of a transaction sees what was committed before it began, and
    what must not change under a transaction is locked (``FOR UPDATE``).
    """
    def set_level(dbapi_connection, connection_record):
        engine.dialect.set_isolation_level(dbapi_connection, 'READ COMMITTED')
    sa.event.listen(engine, 'connect', set_level)
    # (Already open: the connection oslo.db tried.)
    engine.dispose()


class Database:
    """One database: ``reader``/``writer`` transaction scopes and its engine."""

    def __init__(self, url, **options):
        self.url = driver_url(check_url(url))
        faults.quiet_pool_logs()
        self._tx = enginefacade.transaction_context()
        options.setdefault('sqlite_fk', True)
        # (oslo.db's sleep(0) at every check-in lets green threads run; with
        # native threads it only hands the GIL away, once per transaction.)
        options.setdefault('thread_checkin', False)
        self._tx.configure(
            connection=self.url.render_as_string(hide_password=False), **options)
        self.engine = self._tx.writer.get_engine()
        if self.backend == 'sqlite':
            _pool_sqlite_file(self.engine, options)
            sa.event.listen(self.engine, 'connect', _sqlite_pragmas)
            for listener in list(self.engine.dispatch.begin):
                if getattr(listener, '__name__', '') == '_sqlite_emit_begin':
                    sa.event.remove(self.engine, 'begin', listener)
            sa.event.listen(self.engine, 'begin', _sqlite_begin)
            self.engine.dispose()
        else:
            _roll_back_once(self.engine)
            _ping_only_idle_connections(self.engine)
            if self.backend == 'mysql':
                _read_committed(self.engine)
        # The engine an outermost read-only scope runs on (None: the same as
        # the writers').  PostgreSQL reads without a transaction: psycopg sends
        # BEGIN and COMMIT as round trips of their own, two of the three of a
        # one-statement read, and at READ COMMITTED, the level clusterd runs
        # at, every statement sees what was committed when it started inside
        # a transaction as outside one.  (Same pool.  MariaDB would pay a
        # round trip to switch a connection to autocommit and one to switch
        # it back: it keeps the transaction, whose BEGIN is implicit.)
        self.read_bind = None
        if self.backend == 'postgresql':
            self.read_bind = self.engine.execution_options(
                isolation_level='AUTOCOMMIT')

    @classmethod
    def from_conf(cls, conf):
        group = conf.database
        # Every engine worker and cloud-call thread may hold a connection at once;
        # a smaller pool makes them open and close overflow connections all day.
        needed = conf.engine.workers + conf.engine.cloud_call_threads + 4
        options = {
            'max_pool_size': max(group.max_pool_size or 0, needed),
            'max_overflow': group.max_overflow,
            'pool_timeout': group.pool_timeout,
            'max_retries': group.max_retries,
            'connection_recycle_time': group.connection_recycle_time,
        }
        return cls(group.connection, **{k: v for k, v in options.items()
                                        if v is not None})

    @property
    def backend(self):
        """'sqlite', 'mysql' or 'postgresql'."""
        return self.url.get_backend_name().replace('mariadb', 'mysql')

    @property
    def reader(self):
        return self._tx.reader

    @property
    def writer(self):
        return self._tx.writer

    def dispose(self):
        self._tx.dispose_pool()

    def open_connections(self, count):
        """Have ``count`` connections in the pool: hold that many at once (those
        the pool has are reused, the others are opened), then give them back.

        Done at start, so that the first requests that run in parallel do not
        each open one: a handshake and, with PyMySQL 1.2.4, a TLS context built
        from the system's CA certificates even when the server has TLS off
        (about 20 ms of CPU per connection).

        :raises: the database error of a connection that failed; the ones
            already held go back to the pool
        """
        held = []
        touch = True
        try:
            for _ in range(count):
                conn = self.engine.connect()
                held.append(conn)
                conn.exec_driver_sql('SELECT 1').close()
                if self.backend == 'postgresql' and touch:
                    touch = _touch_tables(conn)
                # (Ended at once: on SQLite every transaction holds the write
                # lock.)
                conn.rollback()
        finally:
            for conn in held:
                conn.close()


# A look-up by primary key on every table of the schema, for no row
# (Database.open_connections).
_TOUCHES = [sa.select(table.primary_key.columns[0]).where(
    table.primary_key.columns[0] == '') for table in models.Base.metadata.sorted_tables]


def _touch_tables(conn):
    """Use every table once on ``conn``: a PostgreSQL server process loads
    what it knows of a table and its indexes the first time its connection
    uses them, 0.1 to 0.5 ms each, done at start then rather than by the
    first actions on each pooled connection.  False (and nothing done) when
    the schema is not there yet (``clusterd-manage db sync`` not run)."""
    try:
        for query in _TOUCHES:
            conn.execute(query).close()
    except (db_exc.DBError, sa.exc.DBAPIError):
        conn.rollback()
        return False
    return True


class DatabaseUnusable(RuntimeError):
    """The configured database cannot be used; the message is one line for the
    operator (the URL with its password hidden, and why)."""


def is_database_error(exc):
    return isinstance(exc, (db_exc.DBError, sa.exc.DBAPIError))


def describe_error(url, exc):
    """One line: the configured database (password hidden) and what went wrong
    with it."""
    inner = getattr(exc, 'inner_exception', None) or exc
    detail = str(getattr(inner, 'orig', None) or inner).strip().splitlines()
    return 'cannot use the database %s (%s): %s' % (
        hide_password(url), OPTION, detail[0] if detail else type(inner).__name__)


def open_database(conf):
    """The configured :class:`Database`, once one connection to it worked.

    :raises DatabaseUnusable: the URL is not supported, or the database cannot
        be reached
    """
    url = conf.database.connection
    try:
        db = Database.from_conf(conf)
    except UnsupportedDatabase as exc:
        raise DatabaseUnusable(str(exc))
    except Exception as exc:
        if is_database_error(exc):
            raise DatabaseUnusable(describe_error(url, exc))
        raise
    try:
        # The engine connects lazily: find out now, not at the first request.
        with db.engine.connect():
            pass
    except Exception as exc:
        db.dispose()
        if is_database_error(exc):
            raise DatabaseUnusable(describe_error(url, exc))
        raise
    return db
