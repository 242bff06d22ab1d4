"""A cluster whose nodes never got a server can be deleted when the cloud cannot
be reached, and then its profile (issue 25).

Through the in-process API and a real in-process engine, with an
``os.nova.server`` profile whose cloud is out of reach two ways: no trust stored
for the user (the connection cannot even be made), and a ``clouds.yaml`` whose
compute endpoint is a closed port (every call fails to connect).  Each node's
create fails before any server exists (``physical_id`` stays NULL).  A plain
delete then fails, saying that a forced one removes such nodes; a forced delete
(microversion 1.8) removes them, with a note in the node deletion's reason and
event, and the profile can then be deleted.
"""

import json
import socket
import tempfile
import time

import pytest
import webob

from clusterd.api import deploy
from clusterd import conf as conf_mod
from clusterd.engine import rpcapi
from tests import databases
from tests import engines

SPEC = {'type': 'os.nova.server', 'version': '1.0', 'properties': {
    'flavor': 'm1.tiny', 'image': 'cirros', 'networks': []}}


def _closed_port():
    with socket.socket() as probe:
        probe.bind(('127.0.0.1', 0))
        return probe.getsockname()[1]   # nobody listens once it is closed


def _unreachable_cloud(tmp):
    clouds = '%s/clouds.yaml' % tmp
    with open(clouds, 'w') as out:
        out.write('clouds:\n  gone:\n    auth_type: admin_token\n    auth:\n'
                  '      endpoint: http://127.0.0.1:%d/v2.1\n'
                  '      token: "{user_id}:{project_id}"\n'
                  '    region_name: RegionOne\n' % _closed_port())
    return {'connection_source': 'cloud', 'cloud': 'gone', 'clouds_file': clouds,
            'api_retries': 0, 'retry_backoff': 0.01}


class API:
    def __init__(self, app):
        self.app = app

    def __call__(self, method, path, body=None, version='1.14'):
        request = webob.Request.blank('/v1' + path, method=method)
        request.headers.update({'X-User-Id': 'u-gone', 'X-Project-Id': 'p-gone',
                                'X-Roles': 'member',
                                'OpenStack-API-Version': 'clustering ' + version})
        if body is not None:
            request.content_type = 'application/json'
            request.body = json.dumps(body).encode()
        response = request.get_response(self.app)
        # The action a 202 started (its Location).
        self.action = (response.headers.get('Location') or '').rpartition('/')[2]
        return response.status_int, (response.json if response.body else None)

    def wait(self, action_id, timeout=120):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            status, body = self('GET', '/actions/' + action_id)
            assert status == 200, body
            if body['action']['status'] in ('SUCCEEDED', 'FAILED', 'CANCELLED'):
                return body['action']
            time.sleep(0.1)
        raise AssertionError('action %s still running' % action_id)


@pytest.fixture(params=['no-trust', 'closed-port'])
def api(request, tmp_path):
    openstack = {} if request.param == 'no-trust' else _unreachable_cloud(tmp_path)
    with tempfile.TemporaryDirectory() as tmp, \
            databases.migrated_database('sqlite', tmp) as db, \
            engines.Engine(db, groups={'openstack': openstack}) as engine:
        conf = conf_mod.make_conf()
        conf([], project='clusterd')
        conf.set_override('auth_strategy', 'noauth', group='api')
        client = rpcapi.EngineClient(engine.service.transport,
                                     engine.conf.engine.topic)
        yield API(deploy.make_app(conf, db, client))


def test_cluster_without_servers_is_deleted_by_force_then_its_profile(api):
    assert api('POST', '/profiles', {'profile': {'name': 'web', 'spec': SPEC}})[0] \
        == 201
    status, body = api('POST', '/clusters', {'cluster': {
        'name': 'c', 'profile_id': 'web', 'desired_capacity': 2}})
    assert status == 202, body
    created = api.wait(api.action)
    assert created['status'] == 'FAILED'
    nodes = api('GET', '/nodes?cluster_id=c')[1]['nodes']
    assert len(nodes) == 2
    assert all(n['physical_id'] is None and n['status'] == 'ERROR' for n in nodes)

    # Without force: refused, saying how to go on; nothing is lost.
    status, body = api('DELETE', '/clusters/c')
    assert status == 202, body
    assert api.wait(api.action)['status'] == 'FAILED'
    node_deletes = api('GET', '/actions?action=NODE_DELETE')[1]['actions']
    assert [a['status'] for a in node_deletes] == ['FAILED', 'FAILED']
    for action in node_deletes:
        assert 'a forced delete removes it without looking for one' in \
            action['status_reason'], action['status_reason']
    assert len(api('GET', '/nodes?cluster_id=c')[1]['nodes']) == 2
    assert api('DELETE', '/profiles/web')[0] == 409

    # With force (1.8): the nodes go, with a note, then the cluster, then the profile.
    status, body = api('DELETE', '/clusters/c', {'force': True})
    assert status == 202, body
    assert api.wait(api.action)['status'] == 'SUCCEEDED'
    assert api('GET', '/clusters/c')[0] == 404
    assert api('GET', '/nodes')[1]['nodes'] == []
    deleted = [a for a in api('GET', '/actions?action=NODE_DELETE')[1]['actions']
               if a['status'] == 'SUCCEEDED']
    assert len(deleted) == 2
    for action in deleted:
        assert action['status_reason'].startswith('Node deleted successfully. The '
                                                  'cloud could not be asked'), \
            action['status_reason']
        assert action['status_reason'].endswith('deleted without looking (force).')
    assert api('DELETE', '/profiles/web')[0] == 204


def test_orphan_node_without_server_is_deleted_by_force(api):
    assert api('POST', '/profiles', {'profile': {'name': 'web', 'spec': SPEC}})[0] \
        == 201
    status, body = api('POST', '/nodes', {'node': {'name': 'n', 'profile_id': 'web'}})
    assert status == 202, body
    assert api.wait(api.action)['status'] == 'FAILED'
    node = api('GET', '/nodes/n')[1]['node']
    assert node['physical_id'] is None and node['status'] == 'ERROR'

    assert api('DELETE', '/nodes/n')[0] == 202
    refused = api.wait(api.action)
    assert refused['status'] == 'FAILED'
    assert api('GET', '/nodes/n')[0] == 200

    assert api('DELETE', '/nodes/n', {'force': True})[0] == 202
    done = api.wait(api.action)
    assert done['status'] == 'SUCCEEDED', done['status_reason']
    assert 'deleted without looking (force)' in done['status_reason']
    assert api('GET', '/nodes/n')[0] == 404
    events = api('GET', '/events?action=NODE_DELETE')[1]['events']
    assert any('deleted without looking (force)' in (e['status_reason'] or '')
               for e in events), events
    assert api('DELETE', '/profiles/web')[0] == 204

