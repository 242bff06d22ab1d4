"""A pooled connection is pinged before use only after it sat idle.

oslo.db turns on SQLAlchemy's pre-ping: one round trip before every
transaction.  clusterd pings only a connection unused for
``PING_AFTER_IDLE_S``; one given back a moment ago goes straight to work.
A connection that died while idle is still replaced without an error.
"""

import time

import pytest
import sqlalchemy as sa

from clusterd import context as context_mod
from clusterd.db import api as db_api
from clusterd.db import faults
from tests import databases


@pytest.fixture(params=['mysql', 'postgresql'])
def pinged(request, tmp_path, monkeypatch):
    """(Database with one pooled connection, list of its pings)."""
    monkeypatch.setattr(db_api, 'PING_AFTER_IDLE_S', 0.2)
    with databases.throwaway_url(request.param, tmp_path) as url:
        db = db_api.Database(url, max_pool_size=1, max_overflow=0,
                             max_retries=0)
        pings = []
        real = db.engine.dialect.do_ping

        def do_ping(dbapi_connection):
            pings.append(dbapi_connection)
            return real(dbapi_connection)
        # (SQLAlchemy's own pre-ping calls this too.)
        monkeypatch.setattr(db.engine.dialect, 'do_ping', do_ping)
        try:
            yield db, pings
        finally:
            db.dispose()


def _session_id(db):
    with context_mod.admin_context(db).reader as session:
        return session.execute(sa.text(
            'SELECT pg_backend_pid()' if db.backend == 'postgresql'
            else 'SELECT CONNECTION_ID()')).scalar()


def _kill(db, session_id):
    """End ``session_id`` from another connection, as a server restart or a
    proxy's timeout would."""
    other = sa.create_engine(db.url, poolclass=sa.pool.NullPool)
    with other.begin() as conn:
        if db.backend == 'postgresql':
            conn.execute(sa.text('SELECT pg_terminate_backend(:p)'),
                         {'p': session_id})
        else:
            conn.execute(sa.text('KILL %d' % session_id))
    other.dispose()


def test_a_connection_in_use_is_not_pinged(pinged):
    db, pings = pinged
    first = _session_id(db)
    for _ in range(5):
        assert _session_id(db) == first
    assert pings == []


def test_an_idle_connection_is_pinged_once(pinged):
    db, pings = pinged
    first = _session_id(db)
    time.sleep(0.3)
    assert _session_id(db) == first
    assert _session_id(db) == first
    assert len(pings) == 1


def test_a_burst_after_a_quiet_time_pings_once(tmp_path, monkeypatch):
    # The pool hands out the connection given back last: the transactions of
    # a burst one after another use one connection, pinged once, instead of
    # each of the pool's idle connections in turn.
    monkeypatch.setattr(db_api, 'PING_AFTER_IDLE_S', 0.2)
    with databases.throwaway_url('mysql', tmp_path) as url:
        db = db_api.Database(url, max_pool_size=5, max_overflow=0,
                             max_retries=0)
        try:
            db.open_connections(5)
            pings = []
            real = db.engine.dialect.do_ping
            monkeypatch.setattr(db.engine.dialect, 'do_ping',
                                lambda c: pings.append(c) or real(c))
            time.sleep(0.3)
            assert len({_session_id(db) for _ in range(5)}) == 1
            assert len(pings) == 1
        finally:
            db.dispose()


def test_a_connection_that_died_while_idle_is_replaced(pinged):
    db, pings = pinged
    first = _session_id(db)
    _kill(db, first)
    time.sleep(0.3)
    second = _session_id(db)        # (no error)
    assert second != first
    assert len(pings) == 1


def test_a_connection_that_died_a_moment_ago_fails_once(pinged):
    # What no ping catches either: the server went away after the connection's
    # last use.  Its user gets an outage error (the engine retries, the API
    # answers 503), and the pool drops its connections: the next user gets a
    # new one.
    db, pings = pinged
    first = _session_id(db)
    _kill(db, first)
    with pytest.raises(Exception) as caught:
        _session_id(db)
    assert faults.unavailable(caught.value), repr(caught.value)
    assert _session_id(db) != first
    assert pings == []


def test_a_connection_given_back_does_not_hand_the_gil_away(tmp_path):
    # oslo.db's time.sleep(0) at every check-in is for green threads; with
    # native threads it made the thread wait for the GIL once per transaction.
    from oslo_db.sqlalchemy import engines
    db = db_api.Database('sqlite:///%s/x.sqlite' % tmp_path)
    try:
        assert not sa.event.contains(db.engine, 'checkin', engines._thread_yield)
    finally:
        db.dispose()
