"""``clusterd-standalone --simulated-openstack``: Senlin's os.nova.server spec
makes servers with no cloud, over HTTP; the servers outlive a restart (the
simulated cloud keeps them in the state directory); ``clusterd-manage
simulated`` breaks one from another process, and check and recover see it."""

import json
import os
import signal
import subprocess
import time
import urllib.error
import urllib.request

import yaml

from tests import services

EXAMPLES = os.path.join(os.path.dirname(__file__), '..', '..', 'examples',
                        'senlin')


def _start(tmp_path, port):
    proc = subprocess.Popen(
        [services.command('clusterd-standalone'), '--simulated-openstack',
         '--port', str(port), '--state-dir', str(tmp_path / 'state'),
         '--config-file', str(tmp_path / 'fast.conf')],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines = [proc.stdout.readline() for _ in range(4)]
    assert 'clusterd-standalone is running at http://127.0.0.1:%d' % port \
        in lines[0], ''.join(lines) + proc.stderr.read()
    assert any('simulated OpenStack' in line for line in lines), lines
    return proc


def _manage(tmp_path, *args):
    return services.run([services.command('clusterd-manage'), 'simulated',
                         '--state-file', str(tmp_path / 'state' /
                                             'simulated-openstack.json')]
                        + list(args))


def _stop(proc):
    proc.send_signal(signal.SIGTERM)
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert 'Traceback' not in err


def _call(port, method, path, body=None):
    request = urllib.request.Request(
        'http://127.0.0.1:%d%s' % (port, path), method=method,
        data=json.dumps(body).encode() if body is not None else None,
        headers={'Content-Type': 'application/json',
                 'OpenStack-API-Version': 'clustering 1.14'})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            text = response.read()
            return response.status, json.loads(text) if text else None, \
                response.headers
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b'null'), exc.headers


def _wait_action(port, headers, timeout=60):
    path = '/v1/actions/' + headers['Location'].rsplit('/', 1)[1]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        _status, body, _ = _call(port, 'GET', path)
        if body['action']['status'] in ('SUCCEEDED', 'FAILED', 'CANCELLED'):
            return body['action']
        time.sleep(0.2)
    raise AssertionError('action %s did not end' % path)


def test_senlin_nova_spec_on_standalone_survives_a_restart(tmp_path):
    (tmp_path / 'fast.conf').write_text(
        '[simulated]\nbuild_seconds = 0.2\npoll_interval = 0.1\n'
        '[openstack]\npoll_interval = 0.1\n')
    with open(os.path.join(EXAMPLES, 'nova-server-cirros.yaml')) as f:
        spec = yaml.safe_load(f)
    port = services.free_port()
    proc = _start(tmp_path, port)
    try:
        status, body, _ = _call(port, 'POST', '/v1/profiles', {
            'profile': {'name': 'cirros', 'spec': dict(
                spec, properties=dict(spec['properties'], flavor='m1.giant'))}})
        assert status == 400
        assert "The specified flavor 'm1.giant' could not be found" in \
            body['error']['message']
        status, body, _ = _call(port, 'POST', '/v1/profiles',
                                {'profile': {'name': 'cirros', 'spec': spec}})
        assert status == 201, body
        status, body, headers = _call(port, 'POST', '/v1/clusters', {'cluster': {
            'name': 'web', 'profile_id': body['profile']['id'],
            'desired_capacity': 2}})
        assert status == 202, body
        cluster_id = body['cluster']['id']
        assert _wait_action(port, headers)['status'] == 'SUCCEEDED'
        _status, body, _ = _call(port, 'GET', '/v1/nodes?cluster_id=' + cluster_id)
        node_ids = sorted(n['id'] for n in body['nodes'])
        assert len(node_ids) == 2
        _status, body, _ = _call(port, 'GET', '/v1/nodes/%s?show_details=true'
                                 % node_ids[0])
        details = body['node']['details']
        assert details['simulated'] is True and details['status'] == 'ACTIVE'
        server_id = body['node']['physical_id']
    finally:
        _stop(proc)
    assert (tmp_path / 'state' / 'simulated-openstack.json').exists()

    proc = _start(tmp_path, port)
    try:
        # The servers are still there: a check finds every node healthy.
        status, body, headers = _call(port, 'POST', '/v1/clusters/%s/actions'
                                      % cluster_id, {'check': {}})
        assert status == 202, body
        assert _wait_action(port, headers)['status'] == 'SUCCEEDED'
        _status, body, _ = _call(port, 'GET', '/v1/nodes/%s?show_details=true'
                                 % node_ids[0])
        assert body['node']['status'] == 'ACTIVE'
        assert body['node']['details']['id'] == server_id

        # Behind clusterd's back, from another process: the server fails.
        result = _manage(tmp_path, 'servers')
        assert server_id in result.stdout and 'ACTIVE' in result.stdout
        result = _manage(tmp_path, 'server-status', server_id, 'ERROR',
                         '--reason', 'pulled the plug')
        assert result.returncode == 0, result.stderr
        _status, body, headers = _call(port, 'POST', '/v1/clusters/%s/actions'
                                       % cluster_id, {'check': {}})
        assert _wait_action(port, headers)['status'] == 'FAILED'
        _status, body, _ = _call(port, 'GET', '/v1/nodes/' + node_ids[0])
        assert body['node']['status'] == 'ERROR'
        _status, body, headers = _call(port, 'POST', '/v1/clusters/%s/actions'
                                       % cluster_id, {'recover': {}})
        assert _wait_action(port, headers)['status'] == 'SUCCEEDED'
        _status, body, _ = _call(port, 'GET', '/v1/nodes/' + node_ids[0])
        assert body['node']['status'] == 'ACTIVE'
        result = _manage(tmp_path, 'server-status', 'no-such-server', 'ERROR')
        assert result.returncode == 1  # one clean line, as every command error
        assert 'the server no-such-server could not be found' in result.stderr
        status, body, headers = _call(port, 'DELETE', '/v1/clusters/' + cluster_id)
        assert status == 202
        assert _wait_action(port, headers)['status'] == 'SUCCEEDED'
    finally:
        _stop(proc)
    saved = json.loads((tmp_path / 'state' / 'simulated-openstack.json')
                       .read_text())
    assert all(s.get('deleted') for s in saved['servers'].values())
