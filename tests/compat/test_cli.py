"""The ``openstack cluster`` CLI (python-senlinclient 3.1.0 on osc-lib 3 and
python-openstackclient 8.0.0, see README.rst) against a live clusterd-standalone.

Each command is a subprocess, as a user types it: ``--os-auth-type none
--os-endpoint URL``, or a ``clouds.yaml`` named by ``OS_CLIENT_CONFIG_FILE``.
Output is read with ``-f json``.  The CLI exits 0 after a server error in its
cluster action commands (a senlinclient habit), so the tests read what the
server did rather than trust the exit code.
"""

import json
import os
import re
import urllib.error
import urllib.request

import pytest

from tests.compat import conftest
from tests import databases
from tests import services

SPEC = """\
type: clusterd.simulated
version: 1.0
properties:
  latency: 0.1
"""


@pytest.fixture(scope='module')
def home(tmp_path_factory):
    path = tmp_path_factory.mktemp('cli-home')
    (path / 'sim.yaml').write_text(SPEC)
    return path


@pytest.fixture(scope='module')
def cli(base_url, home):
    if not os.path.exists(services.command('openstack')):
        databases.unavailable("the 'openstack' CLI is not installed (pip install "
                              "-e '.[test]')")
    client = conftest.Cli(home, ['--os-auth-type', 'none',
                                 '--os-endpoint', base_url])
    probe = client.run('cluster', 'build', 'info', '-f', 'json', check=False)
    if probe.returncode != 0:
        if "Unknown command" in probe.stderr or "is not an openstack command" in (
                probe.stderr):
            databases.unavailable('python-senlinclient is not installed: %s' %
                                  probe.stderr.strip()[-300:])
        raise AssertionError('openstack cluster build info failed:\n%s' %
                             probe.stderr)
    assert 'revision' in json.loads(probe.stdout)['api']
    return client


def _get(base_url, path):
    """A read straight from the API, to check what a command did without paying
    for another CLI start (seconds each on a busy machine)."""
    request = urllib.request.Request(base_url + '/v1' + path, headers={
        'OpenStack-API-Version': 'clustering 1.14'})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def _cluster(base_url, name):
    return _get(base_url, '/clusters/' + name)['cluster']


def _gone(base_url, path):
    try:
        _get(base_url, path)
    except urllib.error.HTTPError as exc:
        return exc.code == 404
    return False


def test_walkthrough(cli, base_url):
    """What README.rst tells a new user to do, and the commands around it."""
    rows = cli.json('cluster', 'profile', 'type', 'list')
    pairs = [(row['name'], row['version']) for row in rows]
    assert ('clusterd.simulated', '1.0') in pairs
    # One row per type and version.
    assert len(pairs) == len(set(pairs))

    profile = conftest.unique('cli-sim')
    created = cli.json('cluster', 'profile', 'create', '--spec-file', 'sim.yaml',
                       '--metadata', 'owner=compat', profile)
    assert created['type'] == 'clusterd.simulated-1.0'
    # Maps come as JSON text.
    assert json.loads(created['metadata']) == {'owner': 'compat'}

    # The CLI sends the sizes as strings; --wait polls the cluster status, which
    # must not say ACTIVE before the nodes are there.
    name = conftest.unique('cli-web')
    cluster = cli.json('cluster', 'create', '--profile', profile, '--min-size',
                       '1', '--max-size', '6', '--desired-capacity', '2',
                       '--wait', name)
    assert cluster['status'] == 'ACTIVE'
    assert len(_cluster(base_url, name)['nodes']) == 2
    assert name in [row['name'] for row in cli.json('cluster', 'list')]

    out = cli.run('cluster', 'expand', '--count', '2', '--wait', name).stdout
    assert 'Request accepted by action' in out, out
    shown = cli.json('cluster', 'show', name)
    assert shown['desired_capacity'] == 4 and shown['status'] == 'ACTIVE'
    assert len(shown['node_ids'].split()) == 4   # one id per line

    cli.run('cluster', 'resize', '--capacity', '3', '--wait', name)
    members = cli.json('cluster', 'node', 'list', '--cluster', name)
    assert len(members) == 3 and {m['status'] for m in members} == {'ACTIVE'}
    assert _cluster(base_url, name)['desired_capacity'] == 3

    # A refusal: the CLI prints the server's message (and exits 0).  Without
    # --strict the server would clip the capacity to max_size, as Senlin did.
    out = cli.run('cluster', 'resize', '--capacity', '9', '--strict', name).stdout
    assert "The target capacity (9) is greater than the cluster's max_size (6)." \
        in out, out

    out = cli.run('cluster', 'shrink', '--count', '1', '--wait', name).stdout
    assert 'Request accepted by action' in out, out
    assert len(_cluster(base_url, name)['nodes']) == 2
    for verb in ('check', 'recover'):
        out = cli.run('cluster', verb, name).stdout
        assert 'accepted by action' in out, out
        action_id = re.search(r'[0-9a-f]{8}-[0-9a-f-]{27}', out).group(0)
        conftest.poll(lambda: _get(base_url, '/actions/' + action_id)['action']
                      ['status'] == 'SUCCEEDED', what='cluster %s' % verb)

    actions = cli.json('cluster', 'action', 'list')
    resize = [a for a in actions if a['action'] == 'CLUSTER_RESIZE']
    assert resize and resize[0]['status'] == 'SUCCEEDED'
    action = cli.json('cluster', 'action', 'show', resize[0]['id'])
    assert action['action'] == 'CLUSTER_RESIZE'
    assert action['cluster_id'] == shown['id']

    # Cancelling (1.12) an action that has ended: the server's 409, printed.
    refused = cli.run('cluster', 'action', 'update', '--status', 'CANCELLED',
                      resize[0]['id'], check=False)
    assert 'is in status (SUCCEEDED)' in refused.stdout + refused.stderr, refused

    events = cli.json('cluster', 'event', 'list')
    assert shown['id'][:8] in {e['obj_id'] for e in events}

    node = conftest.unique('cli-node')
    made = cli.json('cluster', 'node', 'create', '--profile', profile, node)
    assert made['name'] == node
    conftest.poll(lambda: _get(base_url, '/nodes/' + node)['node']['status'] ==
                  'ACTIVE', what='node %s ACTIVE' % node)
    out = cli.run('cluster', 'node', 'delete', '--force', node)
    assert 'failed' not in out.stdout, out.stdout
    conftest.poll(lambda: _gone(base_url, '/nodes/' + node),
                  what='node %s deleted' % node)

    # A webhook, triggered as curl would: no token, no version header.
    receiver = conftest.unique('cli-hook')
    made = cli.json('cluster', 'receiver', 'create', '--cluster', name,
                    '--action', 'CLUSTER_SCALE_OUT', '--params', 'count=1',
                    receiver)
    alarm_url = json.loads(made['channel'])['alarm_url']
    assert '/v1/webhooks/' in alarm_url and 'count=1' in alarm_url
    request = urllib.request.Request(alarm_url, data=b'', method='POST')
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 202
        location = response.headers['Location']
    assert '/v1/actions/' in location
    conftest.poll(lambda: _get(base_url, location.split('/v1', 1)[1])
                  ['action']['status'] == 'SUCCEEDED', what='the webhook action')
    assert len(_cluster(base_url, name)['nodes']) == 3
    cli.run('cluster', 'receiver', 'delete', '--force', receiver)
    assert _gone(base_url, '/receivers/' + receiver)

    out = cli.run('cluster', 'delete', '--force', '--wait', name)
    assert 'failed' not in out.stdout, out.stdout
    missing = cli.run('cluster', 'show', name, check=False)
    assert missing.returncode == 1
    assert 'not found' in (missing.stdout + missing.stderr).lower()
    cli.run('cluster', 'profile', 'delete', '--force', profile)
    assert _gone(base_url, '/profiles/' + profile)


def test_clouds_yaml(cli, base_url, home):
    """The clouds.yaml entries of clients.md: an endpoint, an override, basic
    auth and an admin token."""
    clouds = home / 'clouds-compat.yaml'
    clouds.write_text(
        'clouds:\n'
        '  clusterd:\n'
        '    auth_type: none\n'
        '    auth:\n'
        '      endpoint: %s\n'
        "    clustering_default_microversion: '1.14'\n"
        '  clusterd-override:\n'
        '    auth_type: none\n'
        '    clustering_endpoint_override: %s/v1\n'
        '  clusterd-basic:\n'
        '    auth_type: http_basic\n'
        '    auth: {username: u, password: p}\n'
        '    clustering_endpoint_override: %s\n'
        '  clusterd-token:\n'
        '    auth_type: admin_token\n'
        '    auth: {endpoint: %s/v1, token: secret}\n'
        % (base_url, base_url, base_url, base_url))
    for cloud in ('clusterd', 'clusterd-override'):
        via = conftest.Cli(home, ['--os-cloud', cloud],
                           env={'OS_CLIENT_CONFIG_FILE': str(clouds)})
        name = conftest.unique('cloud')
        via.json('cluster', 'profile', 'create', '--spec-file', 'sim.yaml', name)
        assert name in [row['name'] for row in via.json('cluster', 'profile',
                                                        'list')]
    # The other client plugins a standalone accepts (their headers are ignored).
    for cloud in ('clusterd-basic', 'clusterd-token'):
        via = conftest.Cli(home, ['--os-cloud', cloud],
                           env={'OS_CLIENT_CONFIG_FILE': str(clouds)})
        assert isinstance(via.json('cluster', 'profile', 'list'), list)
    # And the environment variables the standalone's banner prints.
    env = conftest.Cli(home, env={'OS_AUTH_TYPE': 'none', 'OS_ENDPOINT': base_url})
    assert isinstance(env.json('cluster', 'list'), list)


def _accepted(out):
    """The action id a cluster or node action command printed."""
    match = re.search(r'accepted by action:? ([0-9a-f-]{36})', out)
    assert match, out
    return match.group(1)


def _succeeded(base_url, action_id):
    conftest.poll(lambda: _get(base_url, '/actions/' + action_id)['action']
                  ['status'] in ('SUCCEEDED', 'FAILED', 'CANCELLED'),
                  what='action %s' % action_id)
    action = _get(base_url, '/actions/' + action_id)['action']
    assert action['status'] == 'SUCCEEDED', action


def test_policies_members_and_collect(cli, base_url, home):
    (home / 'deletion.yaml').write_text(
        'type: senlin.policy.deletion\nversion: 1.0\n'
        'properties:\n  criteria: OLDEST_FIRST\n')
    profile = conftest.unique('cli-pm')
    cli.json('cluster', 'profile', 'create', '--spec-file', 'sim.yaml', profile)
    name = conftest.unique('cli-pm')
    cli.json('cluster', 'create', '--profile', profile, '--desired-capacity', '1',
             name)
    policy = conftest.unique('cli-del')
    made = cli.json('cluster', 'policy', 'create', '--spec-file', 'deletion.yaml',
                    policy)
    assert made['type'] == 'senlin.policy.deletion-1.0'
    conftest.poll(lambda: _cluster(base_url, name)['status'] == 'ACTIVE',
                  what='cluster %s ACTIVE' % name)

    # Names where ids are expected, as users type them.
    _succeeded(base_url, _accepted(cli.run(
        'cluster', 'policy', 'attach', '--policy', policy, name).stdout))
    bindings = cli.json('cluster', 'policy', 'binding', 'list', name)
    assert [(b['policy_name'], b['is_enabled']) for b in bindings] == [
        (policy, True)]
    _succeeded(base_url, _accepted(cli.run(
        'cluster', 'policy', 'binding', 'update', '--policy', policy,
        '--enabled', 'false', name).stdout))
    assert _get(base_url, '/clusters/%s/policies/%s' % (name, policy))[
        'cluster_policy']['enabled'] is False
    _succeeded(base_url, _accepted(cli.run(
        'cluster', 'policy', 'detach', '--policy', policy, name).stdout))
    cli.run('cluster', 'policy', 'delete', '--force', policy)
    assert _gone(base_url, '/policies/' + policy)

    node = conftest.unique('cli-orphan')
    cli.json('cluster', 'node', 'create', '--profile', profile, node)
    conftest.poll(lambda: _get(base_url, '/nodes/' + node)['node']['status'] ==
                  'ACTIVE', what='node %s ACTIVE' % node)
    _succeeded(base_url, _accepted(cli.run(
        'cluster', 'members', 'add', '--nodes', node, name).stdout))
    members = cli.json('cluster', 'members', 'list', name)
    assert node in [m['name'] for m in members] and len(members) == 2
    attrs = cli.json('cluster', 'collect', '--path', 'status', name)
    assert [a['attr_value'] for a in attrs] == ['ACTIVE', 'ACTIVE']
    _succeeded(base_url, _accepted(cli.run(
        'cluster', 'members', 'del', '--nodes', node, name).stdout))
    assert len(_cluster(base_url, name)['nodes']) == 1
    _succeeded(base_url, _accepted(cli.run('cluster', 'node', 'check',
                                           node).stdout))
    cli.run('cluster', 'delete', '--force', name)
    cli.run('cluster', 'node', 'delete', '--force', node)
    conftest.poll(lambda: _gone(base_url, '/clusters/' + name) and
                  _gone(base_url, '/nodes/' + node), what='the deletes')
