"""A database that goes away, as each driver reports it, and what the API answers.

Private servers (tests/faults/servers.py) are stopped for real: PostgreSQL through
psycopg2 and psycopg 3, MariaDB through PyMySQL, and an SQLite file that cannot be
opened.  :func:`clusterd.db.faults.unavailable` must recognise every way they
fail (refused connections, sessions terminated by a shutdown, the pool's stale
connections after a restart) and nothing else; the API must answer those
requests 503 with ``Retry-After`` and Senlin's error body, log one warning line
per request and no traceback, and answer the first request after the restart.
"""

import importlib.util
import json
import logging
import threading
import time

import pytest
import sqlalchemy as sa
import webob

from clusterd.api import deploy
from clusterd import context as context_mod
from clusterd.db import api as db_api
from clusterd.db import faults
from clusterd.db import migration
from tests.faults import servers
from tests.functional import test_api_gabbi

DRIVERS = [('postgresql', 'psycopg2'), ('postgresql', 'psycopg'), ('mysql', None)]


def _error(db, statement='SELECT 1'):
    try:
        with context_mod.admin_context(db).reader as session:
            session.execute(sa.text(statement))
    except Exception as exc:
        return exc
    return None


@pytest.fixture(scope='module', params=DRIVERS,
                ids=['psycopg2', 'psycopg3', 'pymysql'])
def server(request):
    backend, driver = request.param
    if driver and importlib.util.find_spec(driver) is None:
        pytest.skip('%s is not installed' % driver)
    running = servers.private_server(backend, **({'driver': driver} if driver
                                                 else {}))
    try:
        yield running
    finally:
        running.close()


def test_every_way_the_database_goes_away_is_recognised(server):
    url = server.create_database('classify')
    db = db_api.Database(url, max_retries=0)
    try:
        migration.upgrade(db)
        assert _error(db) is None
        # Not an outage: a bad statement, a duplicate key.
        assert not faults.unavailable(_error(db, 'SELECT * FROM no_such_table'))
        with context_mod.admin_context(db).writer as session:
            session.execute(sa.text(
                "INSERT INTO service (id, host, %s, topic, disabled) VALUES "
                "('s1', 'h', 'b', 't', false)" % (
                    '"binary"' if server.backend == 'postgresql' else '`binary`')))
        duplicate = _error(db, "INSERT INTO service (id, host, %s, topic, "
                               "disabled) VALUES ('s1', 'h', 'b', 't', false)" % (
                                   '"binary"' if server.backend == 'postgresql'
                                   else '`binary`'))
        assert duplicate is not None and not faults.transient(duplicate)

        # A session that the shutdown terminates in the middle of a statement.
        slow = ('SELECT pg_sleep(5)' if server.backend == 'postgresql'
                else 'SELECT SLEEP(5)')
        caught = []
        thread = threading.Thread(target=lambda: caught.append(_error(db, slow)))
        thread.start()
        time.sleep(0.5)
        server.stop()
        thread.join()
        assert faults.unavailable(caught[0]), repr(caught[0])
        # Connections refused while it is down.
        refused = _error(db)
        assert faults.unavailable(refused), repr(refused)
        assert faults.transient(refused)
        server.start()
        # The pool's connections died with the server: the first use after the
        # restart reconnects (pre-ping) instead of failing.
        assert _error(db) is None
    finally:
        db.dispose()


def test_sqlite_file_that_cannot_be_opened_is_unavailable(tmp_path):
    db = db_api.Database('sqlite:///%s/missing/dir/x.sqlite' % tmp_path,
                         max_retries=0)
    try:
        assert faults.unavailable(_error(db))
    finally:
        db.dispose()


def test_the_pools_invalidation_signal_is_an_outage():
    # Raised by SQLAlchemy's pool (not a DB-API error) when the connections it
    # held went away with the server; seen in an engine during a PostgreSQL stop.
    assert faults.unavailable(sa.exc.InvalidatePoolError())
    assert faults.transient(sa.exc.DisconnectionError('gone'))


def test_non_database_errors_are_not_outages():
    assert not faults.unavailable(ValueError('x'))
    assert not faults.transient(RuntimeError('connection refused'))


def _api(url):
    conf = test_api_gabbi.make_conf()
    db = db_api.Database(url, max_retries=0)
    return db, deploy.make_app(conf, db)


def _get(app, path):
    return webob.Request.blank(path, headers={
        'X-Project-Id': 'p', 'X-User-Id': 'u', 'X-Roles': 'admin'}).get_response(app)


def test_the_api_answers_503_while_the_database_is_away(server, caplog):
    db = None
    try:
        db, app = _api(server.create_database('api503'))
        migration.upgrade(db)
        assert _get(app, '/v1/clusters').status_int == 200
        server.stop()
        caplog.clear()
        with caplog.at_level(logging.WARNING):
            for path in ('/v1/clusters', '/v1/actions', '/v1/nodes'):
                response = _get(app, path)
                assert response.status_int == 503, response.body
                assert response.headers['Retry-After'] == '2'
                body = json.loads(response.body)
                assert body['code'] == 503
                assert body['error']['type'] == 'ServiceUnavailable'
                assert body['error']['message'] == 'The database is not reachable.'
        ours = [r for r in caplog.records if r.name == 'clusterd.api.errors']
        assert len(ours) == 3
        assert all(r.levelno == logging.WARNING and not r.exc_info for r in ours)
        assert not [r for r in caplog.records if r.exc_info]
        server.start()
        assert _get(app, '/v1/clusters').status_int == 200
    finally:
        if db is not None:
            db.dispose()
