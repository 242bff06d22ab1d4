"""``clusterd-manage db upgrade`` with each database URL as an operator writes it,
on a fresh database, with the drivers that ``pip install clusterd`` brings."""

import importlib.util

import pytest
import sqlalchemy as sa

from clusterd import context as context_mod
from clusterd.db import api as db_api
from clusterd.db import models
from clusterd.db import migration
from tests import databases
from tests import services

# The scheme an operator writes for each backend, and the driver it gets.
SCHEMES = {'postgresql': ('postgresql', 'psycopg'),
           'mysql': ('mysql+pymysql', 'pymysql'),
           'sqlite': ('sqlite', 'pysqlite')}


def _operator_url(url, backend):
    """``url`` (a throw-away database) as written in clusterd.conf: the bare
    scheme, no driver options."""
    parsed = sa.engine.make_url(url)
    parsed = parsed.set(drivername=SCHEMES[backend][0], query={})
    if parsed.port in (3306, 5432):
        parsed = parsed.set(port=None)
    return parsed.render_as_string(hide_password=False)


def _manage(conf, *args):
    return services.run([services.command('clusterd-manage'), '--config-file',
                         conf, *args])


@pytest.mark.parametrize('backend', ['postgresql', 'mysql', 'sqlite'])
def test_db_upgrade_with_the_url_an_operator_writes(backend, tmp_path):
    with databases.throwaway_url(backend, tmp_path) as url:
        url = _operator_url(url, backend)
        assert url.startswith(SCHEMES[backend][0] + ':///' if backend == 'sqlite'
                              else SCHEMES[backend][0] + '://')
        conf = services.write_conf(tmp_path / 'c.conf',
                                   database={'connection': url})
        result = _manage(conf, 'db', 'upgrade')
        assert result.returncode == 0, result.stderr
        result = _manage(conf, 'db', 'version')
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == migration.head()
        db = db_api.Database(url, max_retries=0)
        try:
            assert db.engine.dialect.driver == SCHEMES[backend][1]
            tables = set(sa.inspect(db.engine).get_table_names())
            assert {'cluster', 'node', 'action', 'alembic_version'} <= tables
        finally:
            db.dispose()


@pytest.mark.skipif(importlib.util.find_spec('MySQLdb') is not None,
                    reason='MySQLdb is installed here: mysql:// works')
def test_mysql_url_without_its_driver_says_what_to_write(tmp_path):
    with databases.throwaway_url('mysql', tmp_path) as url:
        name = sa.engine.make_url(url).database
        url = 'mysql://root@127.0.0.1/%s' % name
        conf = services.write_conf(tmp_path / 'c.conf',
                                   database={'connection': url})
        result = _manage(conf, 'db', 'upgrade')
        assert result.returncode == 1
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, result.stderr
        assert 'Traceback' not in result.stderr
        assert '[database] connection' in lines[0]
        assert lines[0].endswith('write mysql+pymysql://root@127.0.0.1/%s' % name)
        # Nothing was written.
        server = databases.create_engine(
            sa.engine.make_url(databases.SERVER_URLS['mysql']).set(database=name))
        try:
            assert sa.inspect(server).get_table_names() == []
        finally:
            server.dispose()


def test_action_times_keep_every_microsecond(backend, tmp_path):
    # psycopg 3 sends a float as float8, which PostgreSQL casts to NUMERIC with
    # 15 significant digits: types.Epoch hands the column a decimal instead.
    times = [1796000000.123456, 1796000000.123457, 1796000000.999999]
    with databases.migrated_database(backend, tmp_path) as db:
        with context_mod.admin_context(db).writer as session:
            for number, value in enumerate(times):
                session.add(models.Action(id='a%d' % number, status='READY', user='u',
                                          project='p', domain='d',
                                          start_time=value, end_time=value + 1))
        with context_mod.admin_context(db).reader as session:
            rows = session.execute(sa.select(
                models.Action.start_time, models.Action.end_time)
                .order_by(models.Action.start_time)).all()
            assert [(float(start), float(end)) for start, end in rows] == [
                (t, t + 1) for t in times]
            assert all(type(value) is float for row in rows for value in row)
            # Equality in a query, as the engine compares them.
            assert session.execute(sa.select(sa.func.count()).where(
                models.Action.start_time == times[1])).scalar() == 1
