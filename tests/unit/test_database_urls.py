"""[database] connection as operators write it: what is taken, and the one line
that says what to write instead of what is not."""

import importlib.util

import pytest
import sqlalchemy as sa

from clusterd.db import api as db_api


@pytest.mark.parametrize('url, driver', [
    ('sqlite:////var/lib/clusterd/clusterd.sqlite', 'sqlite'),
    ('sqlite://', 'sqlite'),
    ('mysql+pymysql://clusterd:secret@db.example.com/clusterd?charset=utf8mb4',
     'mysql+pymysql'),
    ('mariadb+pymysql://clusterd:secret@db.example.com:3307/clusterd',
     'mariadb+pymysql'),
    # What operators write for PostgreSQL: psycopg 3, on SQLAlchemy 2.0 and 2.1.
    ('postgresql://clusterd:secret@db.example.com/clusterd', 'postgresql+psycopg'),
    ('postgresql+psycopg://clusterd@db.example.com/clusterd', 'postgresql+psycopg'),
])
def test_supported_urls(url, driver):
    parsed = db_api.check_url(url)
    assert parsed.drivername == sa.engine.make_url(url).drivername
    assert db_api.driver_url(url).drivername == driver
    # Nothing else about the URL changes.
    assert db_api.driver_url(url).set(drivername='x') == parsed.set(drivername='x')


@pytest.mark.skipif(importlib.util.find_spec('psycopg2') is None,
                    reason='psycopg2 is not installed')
def test_psycopg2_is_taken_where_it_is_installed():
    url = 'postgresql+psycopg2://clusterd@db.example.com/clusterd'
    assert db_api.driver_url(db_api.check_url(url)).drivername == \
        'postgresql+psycopg2'


def _refusal(url):
    with pytest.raises(db_api.UnsupportedDatabase) as info:
        db_api.check_url(url)
    message = str(info.value)
    assert '\n' not in message
    assert '[database] connection' in message
    return message


@pytest.mark.skipif(importlib.util.find_spec('MySQLdb') is not None,
                    reason='MySQLdb is installed here')
def test_mysql_without_a_driver_says_pymysql():
    message = _refusal('mysql://clusterd:secret@db.example.com/clusterd')
    assert 'secret' not in message
    assert 'mysql://clusterd:***@db.example.com/clusterd' in message
    assert 'MySQLdb' in message
    assert message.endswith(
        'write mysql+pymysql://clusterd:***@db.example.com/clusterd')
    message = _refusal('mariadb://root@127.0.0.1/x')
    assert message.endswith('write mariadb+pymysql://root@127.0.0.1/x')


def test_a_driver_that_is_not_installed_is_named():
    message = _refusal('postgresql+pg8000://u:pw@h/d')
    if importlib.util.find_spec('pg8000') is None:
        assert 'pg8000' in message and 'pw' not in message
        assert message.endswith('write postgresql://u:***@h/d')


def test_unknown_drivers_and_schemes():
    message = _refusal('mysql+nosuchdriver://u@h/d')
    assert message.endswith('write mysql+pymysql://u@h/d')
    message = _refusal('oracle://scott:tiger@h/orcl')
    assert "unsupported database URL scheme 'oracle'" in message
    assert 'tiger' not in message
    for scheme in ('sqlite://', 'mysql+pymysql://', 'mariadb+pymysql://',
                   'postgresql://'):
        assert scheme in message


@pytest.mark.parametrize('url', ['not a url', 'mysql+pymysql://u:pw@h:port/d'])
def test_unparsable_urls(url):
    message = _refusal(url)
    assert 'cannot be parsed' in message
    assert 'pw' not in message
    assert 'mysql+pymysql://USER:PASSWORD@HOST/NAME' in message


def test_no_url():
    assert 'set [database] connection' in _refusal('')


def test_hide_password():
    assert db_api.hide_password('postgresql://u:pw@h/d') == \
        'postgresql://u:***@h/d'
    assert db_api.hide_password('mysql+pymysql://u:pw@h:port/d') == \
        'mysql+pymysql://u:***@h:port/d'


def test_describe_error_is_one_line_without_the_password():
    try:
        sa.create_engine('sqlite:////nonexistent/dir/x.sqlite').connect()
    except sa.exc.OperationalError as exc:
        error = exc
    line = db_api.describe_error('mysql+pymysql://u:pw@h/d', error)
    assert line == ('cannot use the database mysql+pymysql://u:***@h/d '
                    '([database] connection): unable to open database file')
