"""The console scripts, run as an operator runs them."""

import signal
import socket
import subprocess
import urllib.request
import json
import os
import sys

import pytest

from clusterd import context as context_mod
from clusterd.db import api as db_api
from clusterd.db import migration
from clusterd.objects import service as service_obj
from tests import databases
from tests import services


def _assert_one_clean_line(result, *words):
    assert result.returncode == 1, (result.returncode, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert 'Traceback' not in result.stderr
    for word in words:
        assert word in lines[0], lines[0]


def test_manage_db_upgrade_and_version(backend, tmp_path):
    with databases.throwaway_url(backend, tmp_path) as url:
        conf = services.write_conf(tmp_path / 'c.conf', database={'connection': url})
        manage = services.command('clusterd-manage')
        result = services.run([manage, '--config-file', conf, 'db', 'version'])
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == 'None (empty database)'
        result = services.run([manage, '--config-file', conf, 'db', 'upgrade'])
        assert result.returncode == 0, result.stderr
        result = services.run([manage, '--config-file', conf, 'db', 'version'])
        assert result.stdout.strip() == migration.head()


BAD_URLS = [
    ('foo://bar/baz', ['[database] connection', 'unsupported database URL scheme',
                       'foo', 'mysql+pymysql://', 'postgresql://']),
    ('not a url', ['[database] connection', 'cannot be parsed']),
    # mysql:// means MySQLdb, which clusterd does not install.
    ('mysql://root:secret@127.0.0.1/nothing', [
        '[database] connection', 'mysql://root:***@127.0.0.1/nothing',
        'write mysql+pymysql://root:***@127.0.0.1/nothing']),
    ('mysql+pymysql://root:secret@127.0.0.1:1/nothing', [
        'cannot use the database mysql+pymysql://root:***@127.0.0.1:1/nothing',
        '[database] connection']),
    ('postgresql://postgres:secret@127.0.0.1:1/nothing', [
        'cannot use the database postgresql://postgres:***@127.0.0.1:1/nothing',
        '[database] connection']),
]


@pytest.mark.parametrize('url, words', BAD_URLS)
def test_manage_bad_database_url_is_one_line(tmp_path, url, words):
    conf = services.write_conf(tmp_path / 'c.conf',
                               database={'connection': url, 'max_retries': 0})
    result = services.run([services.command('clusterd-manage'), '--config-file',
                           conf, 'db', 'version'])
    _assert_one_clean_line(result, *words)
    assert 'secret' not in result.stderr


@pytest.mark.parametrize('url, words', [BAD_URLS[2], BAD_URLS[4]],
                         ids=['mysql-driver', 'unreachable'])
@pytest.mark.parametrize('program', ['clusterd-api', 'clusterd-engine',
                                     'clusterd-standalone', 'wsgi'])
def test_every_service_refuses_a_bad_database_in_one_line(tmp_path, program, url,
                                                          words):
    conf = services.write_conf(
        tmp_path / 'c.conf', DEFAULT={'transport_url': services.RABBIT_URL},
        database={'connection': url, 'max_retries': 0})
    env = None
    if program == 'wsgi':
        # As a WSGI server loads the application.
        env = dict(os.environ, CLUSTERD_CONFIG_FILES=conf)
        args = [sys.executable, '-c', 'import clusterd.api.wsgi']
    elif program == 'clusterd-standalone':
        args = [services.command(program), '--config-file', conf, '--port',
                str(services.free_port()), '--state-dir', str(tmp_path / 'state')]
    else:
        args = [services.command(program), '--config-file', conf]
    result = services.run(args, env=env, timeout=60)
    _assert_one_clean_line(result, *words)
    assert 'secret' not in result.stderr


def _start_standalone(tmp_path, port):
    proc = subprocess.Popen(
        [services.command('clusterd-standalone'), '--port', str(port),
         '--state-dir', str(tmp_path / 'state')],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    banner = proc.stdout.readline()
    assert 'clusterd-standalone is running at http://127.0.0.1:%d' % port in banner, \
        banner + proc.stderr.read()
    return proc


def test_standalone_serves_and_stops_cleanly(tmp_path):
    port = services.free_port()
    proc = _start_standalone(tmp_path, port)
    try:
        with pytest.raises(urllib.error.HTTPError) as info:
            urllib.request.urlopen('http://127.0.0.1:%d/' % port, timeout=10)
        assert info.value.code == 300
        assert json.loads(info.value.read())['versions'][0]['max_version'] == '1.16'
        with urllib.request.urlopen('http://127.0.0.1:%d/v1' % port,
                                    timeout=10) as response:
            assert json.loads(response.read())['version']['min_version'] == '1.0'
        # The engine inside it registered itself in the SQLite state database.
        db = db_api.Database('sqlite:///%s' % (tmp_path / 'state' / 'clusterd.sqlite'))
        ctx = context_mod.admin_context(db)
        assert [s.binary for s in service_obj.Service.list_all(ctx)] == [
            'clusterd-engine']
    finally:
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert 'stopped' in out
    assert 'Traceback' not in err
    # A clean stop deregisters the engine.
    assert service_obj.Service.list_all(ctx) == []
    db.dispose()
    # A second start reuses the state dir (migrations already applied).
    proc = _start_standalone(tmp_path, port)
    proc.send_signal(signal.SIGINT)
    proc.communicate(timeout=30)
    assert proc.returncode == 0


def test_standalone_port_in_use_is_one_line(tmp_path):
    with socket.socket() as busy:
        busy.bind(('127.0.0.1', 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = services.run([services.command('clusterd-standalone'), '--port',
                               str(port), '--state-dir', str(tmp_path / 's')])
    _assert_one_clean_line(result, 'port %d' % port, 'already in use')


def test_standalone_unwritable_state_dir_is_one_line(tmp_path):
    blocker = tmp_path / 'a-file'
    blocker.write_text('not a directory')
    result = services.run([services.command('clusterd-standalone'), '--port',
                           str(services.free_port()), '--state-dir',
                           str(blocker / 'state')])
    _assert_one_clean_line(result, 'state directory', 'not writable')


@pytest.mark.parametrize('backend', ['mysql'])
def test_engine_registers_heartbeats_and_deregisters(backend, tmp_path):
    rabbit = services.require_rabbit()
    with databases.migrated_database(backend, tmp_path) as db:
        conf = services.write_conf(
            tmp_path / 'engine.conf',
            DEFAULT={'transport_url': rabbit, 'host': 'engine-test-host'},
            database={'connection': db.url.render_as_string(hide_password=False)},
            engine={'heartbeat_interval': 0.2})
        proc = subprocess.Popen([services.command('clusterd-engine'),
                                 '--config-file', conf],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True)
        ctx = context_mod.admin_context(db)
        try:
            registered = services.wait_for(
                lambda: service_obj.Service.list_all(ctx), timeout=60,
                what='the engine to register')
            assert registered[0].host == 'engine-test-host'
            first = registered[0].updated_at
            services.wait_for(
                lambda: service_obj.Service.list_all(ctx)[0].updated_at > first,
                timeout=10, what='a heartbeat')
        finally:
            proc.send_signal(signal.SIGTERM)
            out, err = proc.communicate(timeout=60)
        assert service_obj.Service.list_all(ctx) == [], err
        assert 'Traceback' not in err


def test_api_serves_and_stops_on_sigterm(tmp_path):
    port = services.free_port()
    with databases.throwaway_url('sqlite', tmp_path) as url:
        conf = services.write_conf(
            tmp_path / 'api.conf',
            DEFAULT={'transport_url': 'fake:/'},
            database={'connection': url},
            api={'bind_host': '127.0.0.1', 'bind_port': port,
                 'auth_strategy': 'noauth'})
        proc = subprocess.Popen([services.command('clusterd-api'), '--config-file',
                                 conf], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        try:
            def answers():
                try:
                    urllib.request.urlopen('http://127.0.0.1:%d/v1' % port,
                                           timeout=2)
                    return True
                except OSError:
                    return False
            services.wait_for(answers, timeout=60, what='clusterd-api to answer')
        finally:
            proc.send_signal(signal.SIGTERM)
            out, err = proc.communicate(timeout=30)
        assert proc.returncode == 0, err
        assert 'Traceback' not in err


def test_standalone_that_cannot_migrate_exits(tmp_path):
    # A state database migrated by a newer clusterd (a revision this one does
    # not know): the start fails after the port was bound, and the process
    # must still exit (the server's threads kept it alive).
    state = tmp_path / 'state'
    state.mkdir()
    db = db_api.Database('sqlite:///%s' % (state / 'clusterd.sqlite'))
    with db.engine.begin() as conn:
        conn.exec_driver_sql('CREATE TABLE alembic_version '
                             '(version_num VARCHAR(32) NOT NULL)')
        conn.exec_driver_sql("INSERT INTO alembic_version VALUES ('f00dface')")
    db.dispose()
    result = services.run([services.command('clusterd-standalone'), '--port',
                           str(services.free_port()), '--state-dir', str(state)],
                          timeout=60)
    _assert_one_clean_line(result, 'f00dface')
    assert 'newer clusterd' in result.stderr
    conf = tmp_path / 'manage.conf'
    conf.write_text('[database]\nconnection = sqlite:///%s\n'
                    % (state / 'clusterd.sqlite'))
    result = services.run([services.command('clusterd-manage'), '--config-file',
                           str(conf), 'db', 'upgrade'])
    _assert_one_clean_line(result, 'f00dface', 'newer clusterd')
