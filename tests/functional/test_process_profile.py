"""clusterd.process: nodes that are real local processes.

Real processes throughout (``python -m http.server``, ``sleep``, ``sh``), run by a
real engine on every database backend or by the profile directly; nothing is
mocked.  Every process a test starts carries a per-test marker in its environment,
and the ``mark`` fixture's finalizer kills whatever still carries it, so a failing
test leaves nothing running.
"""

import contextlib
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
import uuid

import pytest

from clusterd.drivers import process as process_driver
from clusterd.engine import requests
from clusterd.objects import node as node_obj
from clusterd.objects import profile as profile_obj
from clusterd.profiles import base as profile_base
from clusterd.profiles import process as process_profile
from clusterd import states
from tests import databases
from tests import engines
from tests import services

MARK = 'CLUSTERD_TEST_MARK'


# --- fixtures and helpers ----------------------------------------------------------

@pytest.fixture
def mark():
    """A value put in the environment of every process the test starts; whatever
    still carries it at the end is killed, pass or fail."""
    value = uuid.uuid4().hex
    yield value
    for info in _marked(value):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(info.session, signal.SIGKILL)
        with contextlib.suppress(ProcessLookupError):
            os.kill(info.pid, signal.SIGKILL)
    services.wait_for(lambda: not _marked(value), timeout=10,
                      what='the processes of the test to die')


@pytest.fixture
def www(tmp_path):
    """The directory the HTTP servers serve."""
    path = tmp_path / 'www'
    path.mkdir()
    (path / 'hello.txt').write_text('hello')
    return path


@pytest.fixture
def state_dir(tmp_path):
    return tmp_path / 'state'


def _marked(value):
    """Live processes carrying the marker (leaders and their children)."""
    return process_driver.find_by_environ(MARK, value, leaders_only=False)


def _of_node(node_id):
    """Live processes carrying the node id (leaders and their children)."""
    return process_driver.find_by_environ(process_driver.NODE_ID_ENV, node_id,
                                          leaders_only=False)


def _http_status(port, path='/'):
    """The status of GET http://127.0.0.1:<port><path>, or None when nothing
    answers.  (Plain http.client: independent of the profile's own probe.)"""
    connection = http.client.HTTPConnection('127.0.0.1', port, timeout=3)
    try:
        connection.request('GET', path)
        return connection.getresponse().status
    except OSError:
        return None
    finally:
        connection.close()


def _gone(pid, start_time):
    info = process_driver.read_stat(pid)
    return info is None or info.start_time != start_time or info.dead


def http_properties(mark, www, **extra):
    properties = {
        # NOTE: the interpreter running the tests rather than a `python3` from
        # PATH, which may be a slow wrapper (pyenv) or missing.
        'command': [sys.executable, '-m', 'http.server', '{port}',
                    '--bind', '127.0.0.1'],
        'cwd': str(www),
        'port_range': '20000-29999',
        'health_url': 'http://127.0.0.1:{port}/',
        'env': {MARK: mark},
        'stop_timeout': 5,
    }
    properties.update(extra)
    return properties


def process_profile_row(ctx, name='proc', **properties):
    """A stored clusterd.process profile (like engines.simulated_profile)."""
    return profile_obj.Profile.create(
        ctx, name=name, type='clusterd.process-1.0', project=ctx.project_id,
        user=ctx.user_id,
        spec={'type': 'clusterd.process', 'version': '1.0',
              'properties': properties})


def _conf(state_dir, host=None):
    conf = engines.make_conf()
    conf.set_override('state_dir', str(state_dir), group='process')
    if host:
        conf.set_override('host', host)
    return conf


def _profile(conf, **properties):
    return process_profile.ProcessProfile(
        'proc', {'type': 'clusterd.process', 'version': '1.0',
                 'properties': properties}, conf=conf, profile_id=str(uuid.uuid4()))


def _node(name='node-1', index=1):
    return node_obj.Node(id=str(uuid.uuid4()), name=name, index=index,
                         cluster_id='', physical_id=None)


# --- a cluster of HTTP servers, run by a real engine ------------------------------

@pytest.fixture
def engine(database, state_dir):
    running = engines.Engine(database)
    running.conf.set_override('state_dir', str(state_dir), group='process')
    with running:
        yield running


@pytest.fixture
def ctx(database):
    return engines.user_context(database)


def _act(ctx, engine, cluster_id, name, inputs=None):
    action = requests.cluster_action(ctx, engines.cluster(ctx, cluster_id), name,
                                     inputs)
    engine.wake()
    return engines.wait_action(ctx, action.id)


def _node_op(ctx, engine, node_id, operation):
    action = requests.node_action(ctx, node_obj.Node.get(ctx, node_id),
                                  'NODE_OPERATION',
                                  {'operation': operation, 'params': {}})
    engine.wake()
    return engines.wait_action(ctx, action.id)


def _create_cluster(ctx, engine, profile, size):
    cluster, action = requests.create_cluster(
        ctx, 3600, name='web', profile_id=profile.id, desired_capacity=size,
        min_size=0, max_size=-1)
    engine.wake()
    return cluster, engines.wait_action(ctx, action.id)


def test_cluster_of_three_http_servers_checked_recovered_and_deleted(
        ctx, engine, mark, www, state_dir):
    stored = process_profile_row(ctx, **http_properties(mark, www))
    plugin = process_profile.ProcessProfile.from_object(stored, engine.conf)
    cluster, action = _create_cluster(ctx, engine, stored, 3)
    assert action.status == states.SUCCEEDED, action.status_reason
    assert engines.cluster(ctx, cluster.id).status == states.C_ACTIVE

    nodes = node_obj.Node.for_cluster(ctx, cluster.id)
    details = {node.id: plugin.get_details(ctx, node) for node in nodes}
    ports = sorted(d['port'] for d in details.values())
    assert len(set(ports)) == 3 and all(20000 <= p <= 29999 for p in ports)
    for node in nodes:
        found = details[node.id]
        assert found['alive'] and found['host'] == engine.conf.host
        assert node.physical_id == '%s:%d:%d' % (
            found['host'], found['pid'], found['start_time'])
        assert found['command'][-3:] == [str(found['port']), '--bind', '127.0.0.1']
        assert _http_status(found['port'], '/hello.txt') == 200
        assert [p.pid for p in _of_node(node.id)] == [found['pid']]
    assert len(_marked(mark)) == 3

    # SIGKILL one server behind clusterd's back: the check reports it.
    victim = nodes[1]
    os.kill(details[victim.id]['pid'], signal.SIGKILL)
    action = _act(ctx, engine, cluster.id, 'CLUSTER_CHECK')
    assert action.status == states.FAILED
    statuses = {n.id: n.status for n in node_obj.Node.for_cluster(ctx, cluster.id)}
    assert statuses == {n.id: states.N_ERROR if n.id == victim.id
                        else states.N_ACTIVE for n in nodes}
    assert engines.cluster(ctx, cluster.id).status == states.C_WARNING

    # Recover restarts it on the same port.
    action = _act(ctx, engine, cluster.id, 'CLUSTER_RECOVER')
    assert action.status == states.SUCCEEDED, action.status_reason
    assert engines.cluster(ctx, cluster.id).status == states.C_ACTIVE
    recovered = node_obj.Node.get(ctx, victim.id)
    assert recovered.status == states.N_ACTIVE
    again = plugin.get_details(ctx, recovered)
    assert again['port'] == details[victim.id]['port']
    assert again['pid'] != details[victim.id]['pid'] and again['alive']
    assert recovered.physical_id != victim.physical_id
    assert _http_status(again['port'], '/hello.txt') == 200
    details[victim.id] = again

    # A deliberate stop is WARNING (not ERROR), survives a check, and start clears it.
    action = _node_op(ctx, engine, victim.id, 'stop')
    assert action.status == states.SUCCEEDED, action.status_reason
    stopped = node_obj.Node.get(ctx, victim.id)
    assert (stopped.status, stopped.data.get('stopped_by')) == (states.N_WARNING,
                                                                 'stop')
    assert _http_status(again['port'], '/hello.txt') is None
    action = _act(ctx, engine, cluster.id, 'CLUSTER_CHECK')
    assert action.status == states.SUCCEEDED, action.status_reason
    assert node_obj.Node.get(ctx, victim.id).status == states.N_WARNING
    action = _node_op(ctx, engine, victim.id, 'start')
    assert action.status == states.SUCCEEDED, action.status_reason
    started = node_obj.Node.get(ctx, victim.id)
    assert started.status == states.N_ACTIVE and 'stopped_by' not in started.data
    details[victim.id] = plugin.get_details(ctx, started)
    assert _http_status(details[victim.id]['port'], '/hello.txt') == 200

    # Deleting the cluster leaves no process behind, and the ports are closed.
    action = _act(ctx, engine, cluster.id, 'CLUSTER_DELETE')
    assert action.status == states.SUCCEEDED, action.status_reason
    assert _marked(mark) == []
    for found in details.values():
        assert _gone(found['pid'], found['start_time'])
        assert _http_status(found['port']) is None
    assert os.listdir(state_dir / 'records') == []


# --- surviving the death of the engine that started them ---------------------------

@pytest.fixture
def mariadb(tmp_path):
    with databases.migrated_database('mysql', tmp_path) as db:
        yield db


def test_processes_outlive_a_kill_9_of_their_engine(mariadb, tmp_path, mark, www):
    state = tmp_path / 'state'
    conf_file = services.write_conf(
        tmp_path / 'engine.conf',
        DEFAULT={'transport_url': 'fake:/',
                 'log_file': str(tmp_path / 'engine.log')},
        database={'connection': mariadb.url.render_as_string(hide_password=False)},
        engine={'heartbeat_interval': 0.5, 'lease_seconds': 3.0,
                'scan_interval': 0.2},
        process={'state_dir': str(state)})
    # Its own session, as a service manager would run it; kill -9 hits only it.
    first = subprocess.Popen(
        [services.command('clusterd-engine'), '--config-file', conf_file],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True)
    ctx = engines.user_context(mariadb)
    try:
        stored = process_profile_row(ctx, **http_properties(mark, www))
        cluster, action = requests.create_cluster(
            ctx, 3600, name='web', profile_id=stored.id, desired_capacity=2,
            min_size=0, max_size=-1)
        done = engines.wait_action(ctx, action.id, timeout=60)
        assert done.status == states.SUCCEEDED, done.status_reason
        leaders = {info.pid for info in _marked(mark)}
        assert len(leaders) == 2
    finally:
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(timeout=30)
    # The servers were started by the dead engine, and still serve.
    assert {info.pid for info in _marked(mark)} == leaders

    second = engines.Engine(mariadb)
    second.conf.set_override('state_dir', str(state), group='process')
    with second:
        action = _act(ctx, second, cluster.id, 'CLUSTER_CHECK')
        assert action.status == states.SUCCEEDED, action.status_reason
        assert {n.status for n in node_obj.Node.for_cluster(ctx, cluster.id)} == \
            {states.N_ACTIVE}
        action = _act(ctx, second, cluster.id, 'CLUSTER_DELETE')
        assert action.status == states.SUCCEEDED, action.status_reason
    assert _marked(mark) == []


# --- the profile's own guarantees, against real processes --------------------------

def test_create_retried_after_an_engine_death_makes_one_process(
        state_dir, mark, www):
    properties = http_properties(mark, www)
    node = _node()
    first = _profile(_conf(state_dir), **properties).create(None, node)
    pid = int(first.split(':')[1])

    # A new engine (a fresh profile instance, no memory) retries the create.
    assert _profile(_conf(state_dir), **properties).create(None, node) == first
    assert [info.pid for info in _of_node(node.id)] == [pid]

    # The engine died between spawning the process and writing its pid down:
    # the retry finds it by the node id in its environment.
    record_file = state_dir / 'records' / (node.id + '.json')
    record = json.loads(record_file.read_text())
    record.update(pid=None, start_time=None, state=process_driver.STARTING)
    record_file.write_text(json.dumps(record))
    retry = _profile(_conf(state_dir), **properties)
    assert retry.create(None, node) == first
    assert [info.pid for info in _of_node(node.id)] == [pid]
    assert json.loads(record_file.read_text())['pid'] == pid
    assert _http_status(record['port'], '/hello.txt') == 200

    node.physical_id = first
    retry.delete(None, node)
    assert _of_node(node.id) == [] and not record_file.exists()
    # Deleting what is already gone is success.
    retry.delete(None, node)


@pytest.fixture
def bystander(mark):
    """A process that is not any node's: it must survive everything."""
    process = subprocess.Popen(['sleep', '300'], env={MARK: mark,
                                                      'PATH': os.defpath},
                               start_new_session=True)
    yield process
    process.kill()
    process.wait()


def test_a_reused_pid_is_never_taken_for_the_nodes_process(state_dir, bystander):
    conf = _conf(state_dir)
    profile = _profile(conf, command=['sleep', '300'])
    node = _node()
    info = process_driver.read_stat(bystander.pid)
    # The node's process had this pid once, but started at another time.
    record = {'node_id': node.id, 'node_name': node.name, 'host': conf.host,
              'boot_id': process_driver.boot_id(), 'pid': bystander.pid,
              'start_time': info.start_time - 1, 'port': None,
              'command': ['sleep', '300'], 'cwd': str(state_dir),
              'log_file': str(state_dir / 'x.log'), 'health_url': None,
              'state': process_driver.RUNNING}
    profile.store.save(record)
    node.physical_id = '%s:%d:%d' % (conf.host, bystander.pid, info.start_time - 1)

    assert profile.check(None, node) is False
    assert profile.get_details(None, node)['alive'] is False
    listed = profile.list_resources(None, [node])[node.id]
    assert (listed['status'], listed['healthy']) == (process_profile.EXITED, False)
    with pytest.raises(profile_base.ResourceError, match='not running'):
        profile.operation(None, node, 'signal', {'signal': 'TERM'})
    profile.delete(None, node)
    # Without a record, the physical id alone is guarded the same way.
    assert profile.check(None, node) is False
    profile.delete(None, node)
    assert bystander.poll() is None


def test_a_zombie_is_not_alive(state_dir, mark):
    log = state_dir / 'zombie.log'
    state_dir.mkdir()
    info = process_driver.spawn(['sleep', '300'], {MARK: mark, 'PATH': os.defpath},
                                str(state_dir), str(log))
    assert process_driver.is_alive(info.pid, info.start_time)
    os.kill(info.pid, signal.SIGKILL)
    # Not reaped yet (read_stat does not reap): /proc still lists it, as Z.
    services.wait_for(lambda: process_driver.read_stat(info.pid).dead,
                      what='the process to become a zombie')
    assert not process_driver.is_alive(info.pid, info.start_time)
    process_driver.reap()
    assert process_driver.read_stat(info.pid) is None
    assert process_driver.exit_code(info.pid) == -signal.SIGKILL


def test_a_node_of_another_host_is_refused_with_both_host_names(
        state_dir, mark, www):
    properties = http_properties(mark, www)
    here = _profile(_conf(state_dir, host='host-a'), **properties)
    there = _profile(_conf(state_dir, host='host-b'), **properties)
    node = _node()
    node.physical_id = here.create(None, node)
    message = 'node node-1 runs on host host-a; this engine is on host host-b'
    for call in (lambda: there.check(None, node),
                 lambda: there.create(None, node),
                 lambda: there.recover(None, node),
                 lambda: there.update(None, node, there),
                 lambda: there.get_details(None, node),
                 lambda: there.operation(None, node, 'restart'),
                 lambda: there.delete(None, node)):
        with pytest.raises(profile_base.ResourceError) as info:
            call()
        assert info.value.message == message
    listed = there.list_resources(None, [node])[node.id]
    assert listed == {'physical_id': node.physical_id, 'status': 'UNKNOWN',
                      'status_reason': message, 'healthy': None}
    assert here.check(None, node) is True
    here.delete(None, node)


def test_operations_stop_start_restart_and_signal(state_dir, mark, www):
    profile = _profile(_conf(state_dir), **http_properties(mark, www))
    node = _node()
    node.physical_id = profile.create(None, node)
    started = profile.get_details(None, node)
    port = started['port']

    profile.operation(None, node, 'stop')
    stopped = profile.get_details(None, node)
    assert (stopped['state'], stopped['alive']) == ('stopped', False)
    assert _http_status(port) is None and profile.check(None, node) is False
    assert profile.list_resources(None, [node])[node.id]['status'] == 'STOPPED'

    profile.operation(None, node, 'start')
    assert profile.check(None, node) is True
    assert _http_status(port, '/hello.txt') == 200
    profile.operation(None, node, 'start')   # already running: nothing to do
    running = profile.get_details(None, node)

    profile.operation(None, node, 'restart')
    restarted = profile.get_details(None, node)
    assert restarted['port'] == port and restarted['pid'] != running['pid']
    assert _gone(running['pid'], running['start_time'])

    with pytest.raises(profile_base.ResourceError, match="'BOGUS' is not a signal"):
        profile.operation(None, node, 'signal', {'signal': 'BOGUS'})
    # http.server has no handler for SIGUSR1: the default action ends it.
    profile.operation(None, node, 'signal', {'signal': 'USR1'})
    services.wait_for(lambda: not profile.check(None, node),
                      what='SIGUSR1 to end the server')
    assert profile.recover(None, node) != node.physical_id
    assert profile.get_details(None, node)['port'] == port
    assert _http_status(port, '/hello.txt') == 200
    profile.delete(None, node)
    assert _marked(mark) == []


def test_update_restarts_with_the_new_command_on_the_same_port(
        state_dir, mark, www, tmp_path):
    other = tmp_path / 'other'
    other.mkdir()
    (other / 'v2.txt').write_text('v2')
    conf = _conf(state_dir)
    old = _profile(conf, **http_properties(mark, www))
    new_properties = http_properties(mark, www)
    new_properties['command'] = new_properties['command'] + [
        '--directory', str(other)]
    new = _profile(conf, **new_properties)
    old.check_update(new)
    node = _node()
    node.physical_id = old.create(None, node)
    before = old.get_details(None, node)

    old.update(None, node, new)
    after = new.get_details(None, node)
    assert after['port'] == before['port'] and after['pid'] != before['pid']
    assert after['command'][-2:] == ['--directory', str(other)]
    assert _http_status(after['port'], '/v2.txt') == 200
    assert _gone(before['pid'], before['start_time'])
    assert new.check(None, node) is True
    new.delete(None, node)


def test_stop_escalates_to_sigkill_of_the_whole_group(state_dir, mark):
    # A shell and two children that all ignore SIGTERM (an ignored signal stays
    # ignored across fork and exec).
    profile = _profile(_conf(state_dir),
                       command=['sh', '-c', 'trap "" TERM; sleep 300 & sleep 300 '
                                            '& wait'],
                       env={MARK: mark}, stop_timeout=0.5)
    node = _node()
    node.physical_id = profile.create(None, node)
    services.wait_for(lambda: len(_marked(mark)) == 3,
                      what='the shell to start its children')
    started = time.monotonic()
    profile.delete(None, node)
    assert time.monotonic() - started >= 0.5
    assert _marked(mark) == []


def test_list_resources_answers_for_every_node_in_one_pass(
        state_dir, mark, www, monkeypatch):
    conf = _conf(state_dir)
    profile = _profile(conf, **http_properties(mark, www))
    healthy, killed, stopped, never, elsewhere, starting = (
        _node('node-%d' % i, i) for i in range(1, 7))
    for node in (healthy, killed, stopped):
        node.physical_id = profile.create(None, node)
    os.kill(profile.get_details(None, killed)['pid'], signal.SIGKILL)
    profile.operation(None, stopped, 'stop')
    elsewhere.physical_id = 'host-z:1:1'
    # A create under way: the record is written, the pid not yet.
    profile.store.save({'node_id': starting.id, 'host': conf.host, 'pid': None,
                        'start_time': None, 'port': 1,
                        'state': process_driver.STARTING})

    passes = []
    real_scan = process_driver.scan
    monkeypatch.setattr(process_driver, 'scan',
                        lambda pids=None: passes.append(pids) or real_scan(pids))
    listed = profile.list_resources(
        None, [healthy, killed, stopped, never, elsewhere, starting])
    assert len(passes) == 1
    assert {node_id: (found['status'], found['healthy'])
            for node_id, found in listed.items()} == {
        healthy.id: ('RUNNING', True), killed.id: ('EXITED', False),
        stopped.id: ('STOPPED', False), never.id: ('MISSING', False),
        elsewhere.id: ('UNKNOWN', None), starting.id: ('STARTING', None)}
    assert listed[healthy.id]['physical_id'] == healthy.physical_id
    for node in (healthy, killed, stopped):
        profile.delete(None, node)


def test_a_command_that_fails_at_once_fails_the_create_with_its_output(
        state_dir, mark):
    profile = _profile(_conf(state_dir),
                       command=[sys.executable, '-c',
                                'import sys; print("no such config"); sys.exit(3)'],
                       env={MARK: mark})
    node = _node()
    with pytest.raises(profile_base.ResourceError) as info:
        profile.create(None, node)
    assert 'exited with status 3' in info.value.message
    assert 'no such config' in info.value.message
    node.physical_id = info.value.resource_id
    assert node.physical_id.startswith(profile.host + ':')
    profile.delete(None, node)

    missing = _profile(_conf(state_dir), command=['/nonexistent/binary'])
    with pytest.raises(profile_base.ResourceError, match='No such file'):
        missing.create(None, _node())


def test_a_health_url_that_never_answers_fails_the_create_in_time(
        state_dir, mark):
    profile = _profile(_conf(state_dir), command=['sleep', '300'],
                       env={MARK: mark}, start_timeout=1,
                       health_url='http://127.0.0.1:{port}/')
    node = _node()
    started = time.monotonic()
    with pytest.raises(profile_base.ResourceError,
                       match='not healthy 1 s after') as info:
        profile.create(None, node)
    assert time.monotonic() - started < 10
    # The process is left for the engine to record and delete, as a cloud
    # leaves a server in ERROR.
    node.physical_id = info.value.resource_id
    assert len(_marked(mark)) == 1
    profile.delete(None, node)
    assert _marked(mark) == []


def _busy_range():
    """A port held by this test, followed by two free ones."""
    for low in range(31000, 39000, 7):
        if all(process_driver.port_is_free(p) for p in (low, low + 1, low + 2)):
            holder = socket.socket()
            try:
                holder.bind(('127.0.0.1', low))
                holder.listen()
            except OSError:
                holder.close()
                continue
            return holder, low
    raise AssertionError('no three free ports in a row')


def test_ports_are_reserved_per_node_and_busy_ones_skipped(state_dir, mark):
    holder, low = _busy_range()
    with holder:
        # `sleep` binds nothing: only the records keep two nodes apart.
        profile = _profile(_conf(state_dir), command=['sleep', '300'],
                           env={MARK: mark, 'PORT': '{port}'},
                           port_range='%d-%d' % (low, low + 2))
        first, second, third = _node('a', 1), _node('b', 2), _node('c', 3)
        for node in (first, second):
            node.physical_id = profile.create(None, node)
        ports = {profile.get_details(None, n)['port'] for n in (first, second)}
        assert ports == {low + 1, low + 2}
        with pytest.raises(profile_base.ResourceError, match='No free port left'):
            profile.create(None, third)
        profile.delete(None, first)
        third.physical_id = profile.create(None, third)
        assert profile.get_details(None, third)['port'] in ports
        for node in (second, third):
            profile.delete(None, node)


def test_list_cluster_resources_lists_the_cluster_records_and_deletes_orphans(
        state_dir, mark):
    # For reconcile: the records of this host made for nodes of a cluster, one
    # read of the record directory; an orphan's process group is stopped.
    profile = _profile(_conf(state_dir), command=['sleep', '300'],
                       env={MARK: mark})
    cluster = node_obj.Node(id=str(uuid.uuid4()), name='c')  # id and name suffice
    member, orphan, stranger = (_node(name, i) for i, name in
                                enumerate(('member', 'orphan', 'stranger'), 1))
    member.cluster_id = orphan.cluster_id = cluster.id
    for node in (member, orphan, stranger):
        node.physical_id = profile.create(None, node)

    resources, tagged = profile.list_cluster_resources(None, cluster, [member])
    assert resources[member.id]['healthy'] is True
    assert sorted(t['node_id'] for t in tagged) == sorted([member.id, orphan.id])
    [item] = [t for t in tagged if t['node_id'] == orphan.id]
    assert (item['physical_id'], item['status']) == (orphan.physical_id, 'RUNNING')

    profile.delete_orphan(None, cluster, item)
    assert _of_node(orphan.id) == []
    assert profile.store.load(orphan.id) is None
    assert profile.list_resources(None, [orphan])[orphan.id]['healthy'] is False
    assert profile.check(None, member) and profile.check(None, stranger)
    for node in (member, stranger):
        profile.delete(None, node)
