"""Our own ``openstack cluster`` plugin (``client/``), installed alone in a
fresh venv (tests/compat/client_venv.py), against a live clusterd-standalone:
the README's session, ``--wait``, bad input, and what only clusterd has.
Its compatibility with python-senlinclient: test_client_compat_*.py.
"""

import http.server
import json
import os
import pty
import re
import subprocess
import threading
import urllib.error
import urllib.request

import pytest

from tests.compat import client_venv
from tests.compat import clients
from tests.compat import conftest

SIM = {'type': 'clusterd.simulated', 'version': '1.0',
       'properties': {'latency': 0.3}}


@pytest.fixture(scope='module')
def home(tmp_path_factory):
    path = tmp_path_factory.mktemp('client-home')
    (path / 'sim.yaml').write_text('type: clusterd.simulated\nversion: 1.0\n'
                                   'properties:\n  latency: 0.3\n')
    return path


@pytest.fixture(scope='module')
def cli(base_url, home, client_openstack):
    return conftest.Cli(home, ['--os-auth-type', 'none', '--os-endpoint',
                               base_url], executable=client_openstack)


@pytest.fixture(scope='module')
def profile(base_url):
    name = conftest.unique('client-sim')
    clients.api(base_url, '/profiles', 'POST', {'profile': {'name': name,
                                                           'spec': SIM}})
    return name


def make_cluster(base_url, profile, size=2, **extra):
    name = conftest.unique('client-web')
    clients.api(base_url, '/clusters', 'POST', {'cluster': dict(
        extra, name=name, profile_id=profile, desired_capacity=size)})
    conftest.poll(lambda: clients.api(base_url, '/clusters/' + name)[0][
        'cluster']['status'] == 'ACTIVE', what='cluster %s ACTIVE' % name)
    return name


def test_installed_alone(client_openstack):
    """Only the client stack: current python-openstackclient and osc-lib 4,
    neither the server's dependencies nor python-senlinclient."""
    versions = dict(line.split('==', 1) for line in client_venv.installed()
                    if '==' in line)
    names = {name.lower().replace('_', '-') for name in versions}
    assert 'python-clusterdclient' in names
    for absent in ('clusterd', 'python-senlinclient', 'oslo.db', 'sqlalchemy',
                   'oslo.messaging', 'python-heatclient'):
        assert absent not in names, absent
    lower = {name.lower(): version for name, version in versions.items()}
    assert int(lower['osc-lib'].split('.')[0]) >= 4
    assert int(lower['python-openstackclient'].split('.')[0]) >= 9


def test_readme_session(client_openstack, base_url):
    out = clients.run_readme_session(client_openstack, {
        'HOME': os.environ.get('HOME', '/tmp')}, base_url)
    assert 'accepted by action' in out
    assert clients.gone(base_url, '/clusters/web')


def run_on_terminal(command, cwd):
    """Run with stdout and stderr on a pseudo-terminal; what it wrote."""
    main, sub = pty.openpty()
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=sub,
                               stderr=sub, cwd=str(cwd),
                               env={'PATH': os.environ.get('PATH', ''),
                                    'HOME': str(cwd), 'LANG': 'C.UTF-8'})
    os.close(sub)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 4096)
        except OSError:          # EIO: the other side closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(main)
    assert process.wait(timeout=300) == 0, b''.join(chunks)
    return b''.join(chunks).decode()


def test_wait_progress_on_a_terminal(cli, base_url, profile, home):
    name = conftest.unique('client-tty')
    base = [cli.executable] + cli.args
    shown = run_on_terminal(base + ['cluster', 'create', '--profile', profile,
                                    '--desired-capacity', '4', '--wait', name],
                            home)
    # One line, redrawn: the action, its status, nodes done of total, time.
    assert re.search(r'\rCLUSTER_CREATE [0-9a-f]{8}: SUCCEEDED, 4/4 nodes '
                     r'done, \d+s\x1b\[K\r?\n', shown), repr(shown)
    assert re.search(r'\| status +\| ACTIVE', shown), shown
    # Nothing extra for -f json on a terminal, nor when not a terminal.
    shown = run_on_terminal(base + ['cluster', 'expand', '--wait', name, '-f',
                                    'json'], home)
    assert 'nodes done' not in shown and '\x1b[K' not in shown
    done = cli.run('cluster', 'shrink', '--count', '2', '--wait', name)
    assert 'nodes done' not in done.stdout + done.stderr
    assert clients.api(base_url, '/clusters/' + name)[0]['cluster'][
        'desired_capacity'] == 3


def test_wait_failure_and_timeout(cli, base_url):
    broken = conftest.unique('client-broken')
    clients.api(base_url, '/profiles', 'POST', {'profile': {'name': broken,
                'spec': {'type': 'clusterd.simulated', 'version': '1.0',
                         'properties': {'failure_rate': 1.0,
                                        'fail_operations': ['create']}}}})
    failed = cli.run('cluster', 'create', '--profile', broken,
                     '--desired-capacity', '1', '--wait',
                     conftest.unique('client-fails'), check=False)
    assert failed.returncode == 1, failed
    assert re.match(r'Action [0-9a-f-]{36} \(CLUSTER_CREATE\) FAILED: \S',
                    failed.stderr), failed.stderr
    assert len(failed.stderr.splitlines()) == 1 and failed.stdout == ''

    slow = conftest.unique('client-slow')
    clients.api(base_url, '/profiles', 'POST', {'profile': {'name': slow,
                'spec': {'type': 'clusterd.simulated', 'version': '1.0',
                         'properties': {'latency': 20}}}})
    late = cli.run('cluster', 'node', 'create', '--profile', slow, '--wait',
                   '--timeout', '1', conftest.unique('client-late'), check=False)
    assert late.returncode == 1
    assert re.match(r'Gave up waiting after 1 s: action [0-9a-f-]{36} '
                    r'\(NODE_CREATE\) is still (READY|RUNNING|WAITING)\.$',
                    late.stderr.strip()), late.stderr


def test_node_commands_wait(cli, base_url, profile):
    name = conftest.unique('client-node')
    made = json.loads(cli.run('cluster', 'node', 'create', '--profile', profile,
                              '--wait', name, '-f', 'json').stdout)
    assert made['status'] == 'ACTIVE' and made['physical_id']
    for line in (('check',), ('recover', '--check', 'true')):
        out = cli.run('cluster', 'node', *line, '--wait', name).stdout
        assert 'is accepted by action' in out
    out = cli.run('cluster', 'node', 'op', '--operation', 'stop', '--wait',
                  name).stdout
    action_id = re.search(r'Request accepted by action: (\S+)', out).group(1)
    assert clients.action_status(base_url, action_id) == 'SUCCEEDED'
    cli.run('cluster', 'node', 'delete', '--force', '--wait', name)
    assert clients.gone(base_url, '/nodes/' + name)


def test_health(cli, base_url, profile):
    name = make_cluster(base_url, profile, size=2)
    policy = conftest.unique('client-health')
    clients.api(base_url, '/policies', 'POST', {'policy': {'name': policy,
                'spec': {'type': 'senlin.policy.health', 'version': '1.1',
                         'properties': {
                             'detection': {
                                 'interval': 5, 'node_update_timeout': 0,
                                 'detection_modes': [
                                     {'type': 'NODE_STATUS_POLLING'}]},
                             'recovery': {'actions': [{'name': 'RECREATE'}]}}}}})
    out = cli.run('cluster', 'policy', 'attach', '--policy', policy, '--wait',
                  name).stdout
    assert 'Request accepted by action' in out
    conftest.poll(lambda: [node['health']['healthy'] for node in clients.api(
        base_url, '/nodes?cluster_id=' + name)[0]['nodes']] == [True, True],
        timeout=60, what='a health check of both nodes')
    rows = json.loads(cli.run('cluster', 'health', name, '-f', 'json').stdout)
    assert len(rows) == 2
    for row in rows:
        assert row['healthy'] is True and row['status'] == 'ACTIVE'
        assert row['detection']['NODE_STATUS_POLLING']['healthy'] is True
        assert row['checked_at'] and row['breaker'] == 'closed'
        assert len(row['id']) == 8
    table = cli.run('cluster', 'health', name).stdout
    assert table.startswith('%s: 2 of 2 nodes healthy (checked ' % name)
    assert 'NODE_STATUS_POLLING: healthy' in table
    too_old = cli.run('--os-clustering-api-version', '1.14', 'cluster',
                      'health', name, check=False)
    assert too_old.returncode == 1
    assert too_old.stderr == ('openstack cluster health needs clustering API '
                              '1.15; --os-clustering-api-version asks for '
                              '1.14.\n')


def test_explain(cli, base_url, profile):
    name = make_cluster(base_url, profile, size=3)
    policy = conftest.unique('client-oldest')
    clients.api(base_url, '/policies', 'POST', {'policy': {'name': policy,
                'spec': {'type': 'senlin.policy.deletion', 'version': '1.1',
                         'properties': {'criteria': 'OLDEST_FIRST'}}}})
    cli.run('cluster', 'policy', 'attach', '--policy', policy, '--wait', name)
    out = cli.run('cluster', 'shrink', '--count', '1', '--wait', name,
                  '-c', 'desired_capacity').stdout
    action_id = re.search(r'action: ([0-9a-f-]{36})', out).group(1)
    explained = json.loads(cli.run('cluster', 'action', 'explain', action_id,
                                   '-f', 'json').stdout)
    assert explained['action'] == 'CLUSTER_SCALE_IN'
    assert explained['operation'] == 'remove' and explained['count'] == 1
    assert explained['criteria'] == 'OLDEST_FIRST'
    (victim,) = explained['victims']
    assert victim['reason'].startswith('OLDEST_FIRST: created ')
    members = clients.api(base_url, '/clusters/' + name)[0]['cluster']['nodes']
    assert victim['id'] not in members and len(members) == 2
    assert explained['explain'].startswith('remove 1 node(s) by OLDEST_FIRST')
    assert any(policy in line for line in explained['policies'])
    table = cli.run('cluster', 'action', 'explain', action_id).stdout
    assert '(%s): OLDEST_FIRST: created' % explained['victims'][0]['id'][:8] \
        in table
    check = json.loads(cli.run('cluster', 'check', '--wait', name, '-f',
                               'json').stdout)
    assert check[0]['Status'] == 'ACTIVE'


def test_rotate_secret_and_idempotency(cli, base_url, profile):
    name = make_cluster(base_url, profile, size=1, max_size=5)
    receiver = conftest.unique('client-hook')
    made = json.loads(cli.run('cluster', 'receiver', 'create', '--cluster', name,
                              '--action', 'CLUSTER_SCALE_OUT', receiver, '-f',
                              'json').stdout)
    old_url = json.loads(made['channel'])['alarm_url']
    rotated = json.loads(cli.run('cluster', 'receiver', 'rotate-secret',
                                 receiver, '-f', 'json').stdout)
    new_url = json.loads(rotated['channel'])['alarm_url']
    assert new_url != old_url and rotated['id'] == made['id']
    request = urllib.request.Request(old_url, data=b'{}', method='POST')
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 404
    request = urllib.request.Request(new_url, data=b'{}', method='POST')
    with urllib.request.urlopen(request, timeout=10) as answer:
        triggered = json.loads(answer.read())['action']
    conftest.poll(lambda: clients.action_status(base_url, triggered) ==
                  'SUCCEEDED', what='the webhook action')

    # The same key twice: the same action, done once.
    key = conftest.unique('client-key')
    first, second = (cli.run('cluster', 'expand', '--idempotency-key', key,
                             name).stdout for _ in range(2))
    assert first == second and 'Request accepted by action' in first
    action_id = re.search(r'([0-9a-f-]{36})', first).group(1)
    conftest.poll(lambda: clients.action_status(base_url, action_id) ==
                  'SUCCEEDED', what='the scale-out')
    cluster = clients.api(base_url, '/clusters/' + name)[0]['cluster']
    assert cluster['desired_capacity'] == 3     # 1, the webhook's 1, this 1
    reused = cli.run('cluster', 'shrink', '--idempotency-key', key, name,
                     check=False)
    assert reused.returncode == 1 and reused.stderr.count('\n') == 1


def test_microversions_and_dry_run(cli, profile, base_url):
    name = make_cluster(base_url, profile, size=1)
    debug = cli.run('--debug', 'cluster', 'show', name)
    assert 'OpenStack-API-Version: clustering 1.16' in debug.stderr
    pinned = cli.run('--os-clustering-api-version', '1.2', '--debug', 'cluster',
                     'show', name)
    assert 'OpenStack-API-Version: clustering 1.2' in pinned.stderr
    # openstacksdk itself refuses a version the server does not offer.
    wrong = cli.run('--os-clustering-api-version', '1.99', 'cluster', 'list',
                    check=False)
    assert wrong.returncode == 1 and wrong.stderr.count('\n') == 1
    assert 'of 1.99 was requested' in wrong.stderr
    assert 'a maximum of 1.16' in wrong.stderr
    # The server's dry run (1.16): the plan, and no change.
    plan = json.loads(cli.run('cluster', 'resize', '--capacity', '3',
                              '--dry-run', name, '-f', 'json').stdout)
    assert plan['action'] == 'CLUSTER_RESIZE'
    assert plan['counts'] == {'current': 1, 'desired': 1, 'after': 3}
    assert len(plan['placements']) == 2 and plan['refused'] is None
    refused = cli.run('--os-clustering-api-version', '1.15', 'cluster', 'resize',
                      '--capacity', '3', '--dry-run', name, check=False)
    assert refused.returncode == 1
    assert refused.stderr == ('--dry-run needs clustering API 1.16; '
                              '--os-clustering-api-version asks for 1.15.\n')
    assert clients.api(base_url, '/clusters/' + name)[0]['cluster'][
        'desired_capacity'] == 1


class _Planner(http.server.BaseHTTPRequestHandler):
    """A server that offers API 1.16 and answers every change with a plan.

    The dry run (1.16) is not in clusterd yet (the rollout issue); until it is,
    this records what the client sends and answers as the issue says the
    server will: 200 with the plan.
    """

    seen = []
    PLAN = {'plan': {'count': 1, 'victims': [
        {'id': 'a1b2c3d4-0000-4000-8000-000000000001', 'name': 'n1',
         'reason': 'OLDEST_FIRST: created first'}], 'refused': None}}

    def _answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        host, port = self.server.server_address[:2]
        version = {'id': '1.0', 'status': 'CURRENT', 'min_version': '1.0',
                   'max_version': '1.16', 'links': [
                       {'rel': 'self', 'href': 'http://%s:%d/v1/' % (host, port)}]}
        if self.path.rstrip('/') == '':
            self._answer(300, {'versions': [version]})
        elif self.path.rstrip('/') == '/v1':
            self._answer(200, {'version': version})
        else:
            self._answer(404, {'error': {'message': 'not here'}})

    def _change(self):
        length = int(self.headers.get('Content-Length') or 0)
        self.seen.append((self.command, self.path,
                          self.headers.get('OpenStack-API-Version'),
                          json.loads(self.rfile.read(length) or b'null')))
        self._answer(200, self.PLAN)

    do_POST = do_PATCH = _change

    def log_message(self, *args):
        pass


def test_dry_run_sends_the_flag_at_1_16(home, client_openstack):
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), _Planner)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        cli = conftest.Cli(home, ['--os-auth-type', 'none', '--os-endpoint',
                                  'http://127.0.0.1:%d' % server.server_port],
                           executable=client_openstack)
        for line, path, method, body in (
                (('resize', '--capacity', '1'), '/actions', 'POST', {'resize': {
                    'adjustment_type': 'EXACT_CAPACITY', 'number': 1,
                    'min_size': None, 'max_size': None, 'min_step': None,
                    'strict': False, 'dry_run': True}}),
                (('expand', '--count', '2'), '/actions', 'POST',
                 {'scale_out': {'count': 2, 'dry_run': True}}),
                (('shrink',), '/actions', 'POST', {'scale_in': {'dry_run': True}}),
                (('members', 'del', '--nodes', 'n1,n2'), '/actions', 'POST',
                 {'del_nodes': {'nodes': ['n1', 'n2'],
                                'destroy_after_deletion': False,
                                'dry_run': True}}),
                (('members', 'replace', '--nodes', 'n1=n3'), '/actions', 'POST',
                 {'replace_nodes': {'nodes': {'n1': 'n3'}, 'dry_run': True}}),
                (('update', '--profile', 'p2'), '', 'PATCH', {'cluster': {
                    'profile_id': 'p2', 'profile_only': False,
                    'dry_run': True}})):
            _Planner.seen.clear()
            out = cli.run('cluster', *line, '--dry-run', 'web', '-f', 'json')
            assert _Planner.seen == [(method, '/v1/clusters/web' + path,
                                      'clustering 1.16', body)], line
            assert json.loads(out.stdout) == _Planner.PLAN['plan'], line
            assert out.stderr == ''
        table = cli.run('cluster', 'shrink', '--dry-run', 'web').stdout
        assert '"reason": "OLDEST_FIRST: created first"' in table
    finally:
        server.shutdown()
        server.server_close()
