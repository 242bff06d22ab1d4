"""Throw-away databases on SQLite, MariaDB/MySQL and PostgreSQL.

MariaDB and PostgreSQL are used when reachable at 127.0.0.1 (override with
CLUSTERD_TEST_MYSQL_URL / CLUSTERD_TEST_POSTGRESQL_URL, each naming a server URL
whose user may create databases).  The URLs are those an operator writes in
``[database] connection``: ``sqlite:///PATH``, ``mysql+pymysql://...`` and
``postgresql://...`` (psycopg 3); :func:`create_engine` opens one as clusterd
does.  When one is not reachable its tests are skipped with the reason, unless CLUSTERD_TEST_REQUIRE_SERVICES=1, which makes them fail.
"""

import contextlib
import os
import uuid

import pytest
import sqlalchemy as sa

from clusterd.db import api as db_api
from clusterd.db import migration

BACKENDS = ('sqlite', 'mysql', 'postgresql')

SERVER_URLS = {
    'mysql': os.environ.get('CLUSTERD_TEST_MYSQL_URL',
                            'mysql+pymysql://root@127.0.0.1:3306/'),
    'postgresql': os.environ.get('CLUSTERD_TEST_POSTGRESQL_URL',
                                 'postgresql://postgres@127.0.0.1:5432/postgres'),
}


def services_required():
    return os.environ.get('CLUSTERD_TEST_REQUIRE_SERVICES') == '1'


def unavailable(reason):
    """Skip, or fail when the services are required."""
    if services_required():
        pytest.fail('%s (CLUSTERD_TEST_REQUIRE_SERVICES=1)' % reason)
    pytest.skip(reason)


def create_engine(url, **kwargs):
    """An SQLAlchemy engine for ``url`` as an operator writes it (a bare
    ``postgresql://`` is psycopg 3, as clusterd takes it)."""
    return sa.create_engine(db_api.driver_url(url), **kwargs)


def _server_engine(backend):
    url = sa.engine.make_url(SERVER_URLS[backend])
    engine = create_engine(url, isolation_level='AUTOCOMMIT',
                           connect_args={'connect_timeout': 5})
    try:
        with engine.connect() as conn:
            conn.execute(sa.text('SELECT 1'))
    except sa.exc.OperationalError as exc:
        engine.dispose()
        unavailable('%s is not reachable at %s: %s' % (
            backend, url.render_as_string(hide_password=True),
            str(exc.orig).strip().splitlines()[0]))
    return engine


@contextlib.contextmanager
def throwaway_url(backend, tmp_dir):
    """Yield the URL of a new, empty database; drop it afterwards."""
    if backend == 'sqlite':
        yield 'sqlite:///' + os.path.join(str(tmp_dir), 'clusterd-%s.sqlite' %
                                          uuid.uuid4().hex[:8])
        return
    name = 'clusterd_test_%s' % uuid.uuid4().hex[:12]
    server = _server_engine(backend)
    try:
        with server.connect() as conn:
            if backend == 'mysql':
                conn.execute(sa.text('CREATE DATABASE %s CHARACTER SET utf8mb4' % name))
            else:
                conn.execute(sa.text('CREATE DATABASE %s' % name))
        url = sa.engine.make_url(SERVER_URLS[backend]).set(database=name)
        if backend == 'mysql':
            url = url.update_query_dict({'charset': 'utf8mb4'})
        yield url.render_as_string(hide_password=False)
    finally:
        with server.connect() as conn:
            if backend == 'postgresql':
                conn.execute(sa.text(
                    'SELECT pg_terminate_backend(pid) FROM pg_stat_activity '
                    'WHERE datname = :n AND pid <> pg_backend_pid()'), {'n': name})
            conn.execute(sa.text('DROP DATABASE IF EXISTS %s' % name))
        server.dispose()


@contextlib.contextmanager
def migrated_database(backend, tmp_dir):
    """Yield a :class:`clusterd.db.api.Database` at the newest schema."""
    with throwaway_url(backend, tmp_dir) as url:
        # A pool as large as an engine's threads, as clusterd-engine sizes it.
        db = db_api.Database(url, max_retries=0, max_pool_size=40)
        try:
            migration.upgrade(db)
            yield db
        finally:
            db.dispose()
