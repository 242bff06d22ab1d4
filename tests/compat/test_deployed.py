"""The real clients against clusterd deployed as an operator deploys it.

Two processes, ``clusterd-api`` (``auth_strategy = keystone``) and
``clusterd-engine``, on MariaDB and RabbitMQ; the real Keystone of the anchor
(tests/keystone_anchor.py) with the catalog's ``clustering`` endpoints pointing
at the API.  The clients are given nothing but Keystone's URL and a user's
password, as with an openrc file: they get a token, find clusterd in the
catalog, discover its versions and call it; the engine does the work it is
sent over the broker.
"""

import json
import os
import urllib.request

import pytest

from tests.compat import clients
from tests.compat import conftest
from tests import databases
from tests import services

try:
    from openstack import exceptions
except ImportError:     # a runtime dependency; only a broken install lacks it
    exceptions = None

WAIT = 90
REGION = 'RegionOne'

SPEC = """\
type: clusterd.simulated
version: 1.0
properties:
  latency: 0.1
"""


def _connect(keystone, user, project, password, **extra):
    return conftest.keystone_connection(keystone, user, project, password,
                                        **extra).clustering


def _wait_action(cl, action_id):
    return cl.wait_for_status(cl.get_action(action_id), 'SUCCEEDED',
                              failures=['FAILED', 'CANCELLED'], interval=0.2,
                              wait=WAIT)


def test_sdk_through_keystone_and_the_catalog(deployment, keystone):
    demo = _connect(keystone, 'demo', 'demo', 'demo',
                    clustering_default_microversion='1.14')
    # The endpoint came from the catalog, and version discovery from clusterd.
    assert demo.get_endpoint().rstrip('/').startswith(deployment.url)
    assert demo.get_build_info().api['revision']

    profile = demo.create_profile(name=conftest.unique('dep-sim'),
                                  spec=conftest.SIM_SPEC)
    cluster = demo.create_cluster(name=conftest.unique('dep-web'),
                                  profile_id=profile.id, desired_capacity=2,
                                  min_size=0, max_size=6)
    cluster = demo.wait_for_status(cluster, 'ACTIVE', failures=['ERROR'],
                                   interval=0.2, wait=WAIT)
    assert len(cluster.node_ids) == 2
    nodes = list(demo.nodes(cluster_id=cluster.id))
    assert {n.status for n in nodes} == {'ACTIVE'}
    # The token's project owns what was made.
    assert {n.project_id for n in nodes} == {cluster.project_id}

    _wait_action(demo, demo.scale_out_cluster(cluster.id, 1)['action'])
    assert len(demo.get_cluster(cluster.id).node_ids) == 3

    # An alarm service posts to the receiver's URL with no token at all.
    receiver = demo.create_receiver(name=conftest.unique('dep-hook'),
                                    type='webhook', cluster_id=cluster.id,
                                    action='CLUSTER_SCALE_OUT',
                                    params={'count': '1'})
    alarm_url = receiver.channel['alarm_url']
    assert alarm_url.startswith(deployment.url + '/v1/webhooks/')
    request = urllib.request.Request(alarm_url, data=b'{}', method='POST',
                                     headers={'Content-Type': 'application/json'})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 202
        action_id = json.loads(response.read())['action']
    _wait_action(demo, action_id)
    assert len(demo.get_cluster(cluster.id).node_ids) == 4
    kinds = {e.action for e in demo.events(obj_id=cluster.id)}
    assert {'CLUSTER_CREATE', 'CLUSTER_SCALE_OUT'} <= kinds, kinds

    # Another project's user: clusterd answers as if nothing were there.
    other = _connect(keystone, 'alt_demo', 'alt_demo', 'demo')
    with pytest.raises(exceptions.NotFoundException):
        other.get_cluster(cluster.id)
    assert cluster.id not in [c.id for c in other.clusters()]
    with pytest.raises(exceptions.NotFoundException):
        other.delete_cluster(cluster.id, ignore_missing=False)

    # The admin sees the engine that did the work: its own process, reached
    # over RabbitMQ.
    admin = _connect(keystone, 'admin', 'admin', 'admin',
                     clustering_default_microversion='1.14')
    engines = [(s.binary, s.host, s.state) for s in admin.services()]
    assert ('clusterd-engine', deployment.engine_host, 'up') in engines, engines
    with pytest.raises(exceptions.ForbiddenException):
        list(demo.services())

    demo.delete_receiver(receiver.id)
    demo.delete_cluster(cluster.id)
    demo.wait_for_delete(cluster, interval=0.2, wait=WAIT)
    demo.delete_profile(profile.id)


def openrc(keystone):
    """What `source demo-openrc.sh` leaves in the environment."""
    return {'OS_AUTH_URL': keystone + '/v3', 'OS_USERNAME': 'demo',
            'OS_PASSWORD': 'demo', 'OS_PROJECT_NAME': 'demo',
            'OS_USER_DOMAIN_NAME': 'Default', 'OS_PROJECT_DOMAIN_NAME': 'Default',
            'OS_REGION_NAME': REGION, 'OS_IDENTITY_API_VERSION': '3'}


def test_cli_with_an_openrc(deployment, keystone, tmp_path):
    if not os.path.exists(services.command('openstack')):
        databases.unavailable("the 'openstack' CLI is not installed")
    (tmp_path / 'sim.yaml').write_text(SPEC)
    cli = conftest.Cli(tmp_path, env=openrc(keystone))
    profile = conftest.unique('dep-cli-sim')
    cli.json('cluster', 'profile', 'create', '--spec-file', 'sim.yaml', profile)
    name = conftest.unique('dep-cli-web')
    made = cli.json('cluster', 'create', '--profile', profile, '--desired-capacity',
                    '2', '--max-size', '4', '--wait', name)
    assert made['status'] == 'ACTIVE'
    out = cli.run('cluster', 'expand', '--count', '1', '--wait', name).stdout
    assert 'Request accepted by action' in out, out
    members = cli.json('cluster', 'node', 'list', '--cluster', name)
    assert len(members) == 3 and {m['status'] for m in members} == {'ACTIVE'}
    out = cli.run('cluster', 'delete', '--force', '--wait', name).stdout
    assert 'failed' not in out, out
    assert name not in [c['name'] for c in cli.json('cluster', 'list')]
    cli.run('cluster', 'profile', 'delete', profile)


def test_our_cli_readme_session_with_an_openrc(deployment, keystone, tmp_path,
                                               client_openstack):
    """README.rst's session with our plugin (tests/compat/test_client.py runs
    it against the standalone), the service found in Keystone's catalog."""
    out = clients.run_readme_session(
        client_openstack, dict(openrc(keystone), HOME=str(tmp_path)),
        deployment.url)
    # The alarm URL is the deployment's API, reached without a token.
    assert 'accepted by action' in out
    cli = conftest.Cli(tmp_path, env=openrc(keystone),
                       executable=client_openstack)
    assert 'web' not in [c['name'] for c in cli.json('cluster', 'list')]
    # The engine process is there, as the admin sees it; a member may not look.
    refused = cli.run('cluster', 'service', 'list', check=False)
    assert refused.returncode == 1 and len(refused.stderr.splitlines()) == 1
    # Deleting the cluster took its receivers with it.
    assert 'hook' not in [r['name'] for r in cli.json('cluster', 'receiver', 'list')]
    cli.run('cluster', 'policy', 'delete', '--force', 'grow')
    cli.run('cluster', 'profile', 'delete', '--force', 'sim')
