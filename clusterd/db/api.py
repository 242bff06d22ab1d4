"""Database handles built on oslo.db's enginefacade.

A :class:`Database` owns one enginefacade transaction context, configured from
explicit settings; a process makes one per database it talks to and hands it down
(the request context carries it as ``context.db``).  Tests make one per throw-away
database, so several backends can be used in one test run.
"""

import sqlalchemy as sa
from oslo_db import exception as db_exc
from oslo_db.sqlalchemy import enginefacade

from clusterd.db import faults

SUPPORTED_SCHEMES = ('sqlite', 'mysql', 'mariadb', 'postgresql')


class UnsupportedDatabase(ValueError):
    pass


def check_url(url):
    """Raise :class:`UnsupportedDatabase` unless ``url`` names a supported backend."""
    if not url:
        raise UnsupportedDatabase('no database connection is configured '
                                  '([database] connection)')
    try:
        parsed = sa.engine.make_url(url)
    except sa.exc.ArgumentError:
        raise UnsupportedDatabase('the database URL %r cannot be parsed' % url)
    backend = parsed.get_backend_name()
    if backend not in SUPPORTED_SCHEMES:
        raise UnsupportedDatabase(
            'unsupported database URL scheme %r in [database] connection; use one '
            'of %s' % (parsed.drivername, ', '.join(SUPPORTED_SCHEMES)))
    return parsed


def _sqlite_pragmas(dbapi_connection, connection_record):
    # API threads and engine workers share one SQLite file in clusterd-standalone:
    # WAL lets readers run beside the writer, and the busy timeout makes a writer
    # wait for the lock instead of failing at once with "database is locked".
    cursor = dbapi_connection.cursor()
    cursor.execute('PRAGMA journal_mode=WAL')
    cursor.execute('PRAGMA busy_timeout=30000')
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
        connection.exec_driver_sql('BEGIN IMMEDIATE')
        connection.info['in_transaction'] = True


class Database:
    """One database: ``reader``/``writer`` transaction scopes and its engine."""

    def __init__(self, url, **options):
        self.url = check_url(url)
        faults.quiet_pool_logs()
        self._tx = enginefacade.transaction_context()
        options.setdefault('sqlite_fk', True)
        self._tx.configure(connection=url, **options)
        self.engine = self._tx.writer.get_engine()
        if self.backend == 'sqlite':
            sa.event.listen(self.engine, 'connect', _sqlite_pragmas)
            for listener in list(self.engine.dispatch.begin):
                if getattr(listener, '__name__', '') == '_sqlite_emit_begin':
                    sa.event.remove(self.engine, 'begin', listener)
            sa.event.listen(self.engine, 'begin', _sqlite_begin)
            self.engine.dispose()

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


class DatabaseUnusable(RuntimeError):
    """The configured database cannot be used; the message is one line for the
    operator (the URL with its password hidden, and why)."""


def is_database_error(exc):
    return isinstance(exc, (db_exc.DBError, sa.exc.DBAPIError))


def describe_error(conf, exc):
    """One line: the configured database and what went wrong with it."""
    url = conf.database.connection
    try:
        url = sa.engine.make_url(url).render_as_string(hide_password=True)
    except sa.exc.ArgumentError:
        pass
    inner = getattr(exc, 'inner_exception', None) or exc
    detail = str(getattr(inner, 'orig', None) or inner).strip().splitlines()
    return 'cannot use the database %s: %s' % (url, detail[0] if detail else
                                               type(inner).__name__)


def open_database(conf):
    """The configured :class:`Database`.

    :raises DatabaseUnusable: the URL is not supported, or the database cannot
        be reached
    """
    try:
        return Database.from_conf(conf)
    except UnsupportedDatabase as exc:
        raise DatabaseUnusable(str(exc))
    except Exception as exc:
        if is_database_error(exc):
            raise DatabaseUnusable(describe_error(conf, exc))
        raise
