"""Which database errors mean "the database is away for now".

Two questions, asked by two callers:

- :func:`unavailable`: the database cannot be reached, is restarting or is
  shutting down.  The API answers such a request 503 with ``Retry-After``
  instead of 500.
- :func:`transient`: the same, or a deadlock / lock wait timeout; trying the
  same work again later may succeed.  The engines retry such errors with
  backoff instead of failing the action.

The answer comes from what SQLAlchemy and the drivers say, never from message
text (which changes with every libpq and server version):

1. oslo.db's ``DBConnectionError`` and ``DBDeadlock``, and SQLAlchemy's
   ``DisconnectionError`` (the pool's signal that its connections are gone);
2. SQLAlchemy's own disconnect detection: ``DBAPIError.connection_invalidated``
   (the dialect's ``is_disconnect`` said so), or :func:`unavailable`'s
   ``dialect`` argument asked directly;
3. a driver ``OperationalError``/``InterfaceError`` raised while *opening* a
   connection (SQLAlchemy records no statement for it): nothing was executed,
   the server did not let us in (refused, starting up, shutting down);
4. the driver's error code: SQLSTATE classes 08 (connection exception) and
   57P01/57P02/57P03 (admin shutdown, crash shutdown, cannot connect now) from
   psycopg2 (``pgcode``) and psycopg 3 (``sqlstate``); the client errors
   2002/2003/2006/2013/2055 and the server's 1053 (shutdown in progress),
   1927 (connection killed) and 4031 (disconnected) from PyMySQL, and
   PyMySQL's InterfaceError on a closed connection; a psycopg
   OperationalError or InterfaceError without SQLSTATE (libpq's own failure:
   the connection could not be made or was lost); SQLite's BUSY, LOCKED,
   CANTOPEN and IOERR result codes.
"""

import logging

from oslo_db import exception as db_exc
from sqlalchemy import exc as sa_exc

# SQLSTATE (PostgreSQL): whole class 08, and these of class 57.
_PG_UNAVAILABLE = frozenset({'57P01', '57P02', '57P03'})
_PG_CONFLICT = frozenset({'40001', '40P01', '55P03'})
# MySQL/MariaDB client (2xxx) and server error numbers.
_MYSQL_UNAVAILABLE = frozenset({2002, 2003, 2006, 2013, 2055, 1053, 1927, 4031})
_MYSQL_CONFLICT = frozenset({1205, 1213})
# SQLite primary result codes (the low byte of an extended code).
_SQLITE_UNAVAILABLE = frozenset({5, 6, 10, 14})  # BUSY, LOCKED, IOERR, CANTOPEN


def _chain(error):
    """``error`` and every exception it wraps or was raised from."""
    seen = set()
    pending = [error]
    while pending:
        current = pending.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        pending.extend((getattr(current, 'inner_exception', None),
                        getattr(current, 'orig', None),
                        current.__cause__, current.__context__))


def _driver_verdict(orig):
    """'unavailable', 'conflict' or None from a DB-API exception's own code."""
    sqlstate = getattr(orig, 'sqlstate', None) or getattr(orig, 'pgcode', None)
    if isinstance(sqlstate, str) and sqlstate:
        if sqlstate.startswith('08') or sqlstate in _PG_UNAVAILABLE:
            return 'unavailable'
        if sqlstate in _PG_CONFLICT:
            return 'conflict'
        return None
    sqlite_code = getattr(orig, 'sqlite_errorcode', None)
    if isinstance(sqlite_code, int):
        return 'unavailable' if sqlite_code & 0xff in _SQLITE_UNAVAILABLE else None
    module = type(orig).__module__ or ''
    if module.startswith('psycopg') and type(orig).__name__ in (
            'OperationalError', 'InterfaceError'):
        # Without a SQLSTATE the error is libpq's own, not the server's: the
        # connection failed or was lost.
        return 'unavailable'
    if module.startswith('pymysql'):
        code = orig.args[0] if orig.args else None
        if code in _MYSQL_UNAVAILABLE:
            return 'unavailable'
        if code in _MYSQL_CONFLICT:
            return 'conflict'
        if type(orig).__name__ == 'InterfaceError':
            # PyMySQL's "(0, '')": the connection was closed under us.
            return 'unavailable'
    return None


def _verdict(error, dialect=None):
    for current in _chain(error):
        if isinstance(current, db_exc.DBConnectionError):
            return 'unavailable'
        if isinstance(current, db_exc.DBDeadlock):
            return 'conflict'
        if isinstance(current, sa_exc.DisconnectionError):
            # The pool's own signal (InvalidatePoolError among them) that the
            # connections it held are gone.
            return 'unavailable'
        if not isinstance(current, (sa_exc.SQLAlchemyError, db_exc.DBError)):
            # A driver's own exception, raw (SQLAlchemy's pool logs those).
            verdict = _driver_verdict(current)
            if verdict:
                return verdict
            continue
        if isinstance(current, sa_exc.DBAPIError):
            if current.connection_invalidated:
                return 'unavailable'
            if current.statement is None and isinstance(
                    current, (sa_exc.OperationalError, sa_exc.InterfaceError)):
                # Raised while connecting: the server did not let us in.
                return 'unavailable'
            orig = current.orig
            if dialect is not None and orig is not None:
                try:
                    if dialect.is_disconnect(orig, None, None):
                        return 'unavailable'
                except Exception:  # noqa: S110 - a dialect that cannot tell
                    pass
            verdict = _driver_verdict(orig) if orig is not None else None
            if verdict:
                return verdict
    return None


def unavailable(error, dialect=None):
    """Is ``error`` the database being unreachable, restarting or shutting down?

    :param error: any exception (oslo.db, SQLAlchemy or driver level)
    :param dialect: the engine's SQLAlchemy dialect, to ask its ``is_disconnect``
        too (optional)
    """
    return _verdict(error, dialect) == 'unavailable'


def transient(error, dialect=None):
    """Is ``error`` worth retrying later: the database away, or a deadlock or
    lock wait timeout?"""
    return _verdict(error, dialect) is not None


def summary(error):
    """One line about ``error`` (the wrapped driver error's first line), for a
    warning without a traceback."""
    inner = getattr(error, 'inner_exception', None) or error
    lines = str(inner).strip().splitlines()
    return '%s: %s' % (type(error).__name__, lines[0][:200] if lines else '')


class OneLineWhenAway(logging.Filter):
    """Turn a log record that carries a "database away" error into one warning
    line without the traceback.

    SQLAlchemy's pool logs an ERROR with a traceback for every connection it
    cannot reset or close while the database is down (each one a request or a
    worker); what helps an operator is one line saying the database is away.
    """

    def filter(self, record):
        error = record.exc_info[1] if record.exc_info else None
        if error is not None and unavailable(error):
            record.msg = '%s (%s)' % (record.getMessage(), summary(error))
            record.args = ()
            record.exc_info = None
            record.exc_text = None
            record.levelno = logging.WARNING
            record.levelname = 'WARNING'
        return True


_POOL_LOGGERS = ('sqlalchemy.pool.impl.QueuePool', 'sqlalchemy.pool.impl.NullPool',
                 'sqlalchemy.pool.impl.SingletonThreadPool',
                 'sqlalchemy.pool.impl.StaticPool', 'sqlalchemy.pool.base')


def quiet_pool_logs():
    """Install :class:`OneLineWhenAway` on SQLAlchemy's pool loggers (once)."""
    for name in _POOL_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, OneLineWhenAway) for f in logger.filters):
            logger.addFilter(OneLineWhenAway())
