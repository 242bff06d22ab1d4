"""Our ``openstack cluster`` plugin against python-senlinclient 3.1.0: the
commands that read.

The same command line runs with both (senlinclient on osc-lib 3 in the test
venv, ours in a venv of its own, tests/compat/client_venv.py) against the
same clusterd-standalone, and the ``-f json`` must be the same: columns and
values.  Where senlinclient is wrong, the test says how, and checks ours.
"""

import pytest

from tests.compat import clients
from tests.compat import conftest

SPEC = 'type: clusterd.simulated\nversion: 1.0\nproperties:\n  latency: 0.1\n'
DELETION = ('type: senlin.policy.deletion\nversion: 1.1\nproperties:\n'
            '  criteria: OLDEST_FIRST\n')


@pytest.fixture(scope='module')
def home(tmp_path_factory):
    path = tmp_path_factory.mktemp('compat-read')
    (path / 'sim.yaml').write_text(SPEC)
    (path / 'deletion.yaml').write_text(DELETION)
    return path


@pytest.fixture(scope='module')
def legacy(base_url, home):
    return conftest.Cli(home, ['--os-auth-type', 'none', '--os-endpoint',
                               base_url])


@pytest.fixture(scope='module')
def new(base_url, home, client_openstack):
    return conftest.Cli(home, ['--os-auth-type', 'none', '--os-endpoint',
                               base_url], executable=client_openstack)


@pytest.fixture(scope='module')
def world(base_url):
    """Things to read, made through the API: two profiles, a policy attached
    to a cluster of two nodes that has scaled in once, a node outside it and
    a receiver."""
    def post(path, body):
        return clients.api(base_url, path, 'POST', body)

    names = {key: conftest.unique('read-' + key) for key in (
        'profile', 'other', 'policy', 'cluster', 'node', 'receiver')}
    sim = {'type': 'clusterd.simulated', 'version': '1.0',
           'properties': {'latency': 0.1}}
    profile = post('/profiles', {'profile': {'name': names['profile'],
                                             'spec': sim}})[0]['profile']
    post('/profiles', {'profile': {'name': names['other'], 'spec': sim,
                                   'metadata': {'k': 'v'}}})
    post('/policies', {'policy': {'name': names['policy'], 'spec': {
        'type': 'senlin.policy.deletion', 'version': '1.1',
        'properties': {'criteria': 'OLDEST_FIRST'}}}})
    cluster = post('/clusters', {'cluster': {
        'name': names['cluster'], 'profile_id': profile['id'],
        'desired_capacity': 3, 'metadata': {'team': 'a'}}})[0]['cluster']
    wait_active(base_url, '/clusters/' + cluster['id'], 'cluster')
    attach = post('/clusters/%s/actions' % cluster['id'], {'policy_attach': {
        'policy_id': names['policy']}})[0]['action']
    wait_action(base_url, attach)
    scale_in = post('/clusters/%s/actions' % cluster['id'],
                    {'scale_in': {'count': 1}})[0]['action']
    wait_action(base_url, scale_in)
    node = post('/nodes', {'node': {'name': names['node'],
                                    'profile_id': profile['id']}})[0]['node']
    wait_active(base_url, '/nodes/' + node['id'], 'node')
    receiver = post('/receivers', {'receiver': {
        'name': names['receiver'], 'type': 'webhook', 'cluster_id': cluster['id'],
        'action': 'CLUSTER_SCALE_OUT', 'params': {'count': '1'}}})[0]['receiver']
    node = clients.api(base_url, '/nodes/' + node['id'])[0]['node']
    return dict(names, cluster_id=cluster['id'], node_id=node['id'],
                physical_id=node['physical_id'], scale_in=scale_in,
                receiver_id=receiver['id'], url=base_url)


def wait_active(base_url, path, key):
    conftest.poll(lambda: clients.api(base_url, path)[0][key]['status'] ==
                  'ACTIVE', what='%s ACTIVE' % path)


def wait_action(base_url, action_id):
    conftest.poll(lambda: clients.action_status(base_url, action_id) in (
        'SUCCEEDED', 'FAILED', 'CANCELLED'), what='action %s' % action_id)
    assert clients.action_status(base_url, action_id) == 'SUCCEEDED'


def compare(legacy, new, *args, volatile=()):
    old, ours = clients.both(legacy, new, args + ('-f', 'json'))
    clients.assert_same(clients.parsed(old), clients.parsed(ours),
                        volatile=volatile)
    return clients.parsed(ours)


def test_service_and_types(legacy, new):
    compare(legacy, new, 'cluster', 'build', 'info')
    # The engine's heartbeat moves updated_at between the two reads.
    compare(legacy, new, 'cluster', 'service', 'list')
    types = compare(legacy, new, 'cluster', 'profile', 'type', 'list')
    assert {'name': 'clusterd.simulated', 'version': '1.0',
            'support_status': 'SUPPORTED since 2026.11'} in types
    compare(legacy, new, 'cluster', 'profile', 'type', 'show',
            'clusterd.simulated-1.0')
    compare(legacy, new, 'cluster', 'profile', 'type', 'ops',
            'clusterd.simulated-1.0')
    compare(legacy, new, 'cluster', 'policy', 'type', 'list')
    compare(legacy, new, 'cluster', 'policy', 'type', 'show',
            'senlin.policy.deletion-1.1')
    # Without -f both print YAML (senlinclient's default for these two).
    old, ours = clients.both(legacy, new, ('cluster', 'policy', 'type', 'show',
                                           'senlin.policy.deletion-1.1'))
    assert ours.stdout.startswith('name: senlin.policy.deletion-1.1\n')
    assert old.stdout.split('location:')[0] == ours.stdout.split('location:')[0]


def test_profiles_and_policies(legacy, new, world):
    compare(legacy, new, 'cluster', 'profile', 'list')
    compare(legacy, new, 'cluster', 'profile', 'list', '--full-id',
            '--global-project', '--sort', 'name:desc')
    rows = compare(legacy, new, 'cluster', 'profile', 'list', '--filters',
                   'name=%s' % world['other'])
    assert [row['name'] for row in rows] == [world['other']]
    shown = compare(legacy, new, 'cluster', 'profile', 'show', world['other'])
    assert shown['metadata'] == '{\n  "k": "v"\n}'
    assert shown['spec'].startswith('+------------+')
    compare(legacy, new, 'cluster', 'policy', 'list', '--full-id')
    compare(legacy, new, 'cluster', 'policy', 'show', world['policy'])


def test_clusters_and_nodes(legacy, new, world):
    compare(legacy, new, 'cluster', 'list')
    compare(legacy, new, 'cluster', 'list', '--global-project', '--filters',
            'status=ACTIVE;name=%s' % world['cluster'])
    shown = compare(legacy, new, 'cluster', 'show', world['cluster'])
    assert len(shown['node_ids'].split('\n')) == 2
    compare(legacy, new, 'cluster', 'members', 'list', world['cluster'])
    compare(legacy, new, 'cluster', 'members', 'list', '--full-id',
            '--sort', 'index:desc', world['cluster'])
    compare(legacy, new, 'cluster', 'node', 'list', '--cluster',
            world['cluster'])
    compare(legacy, new, 'cluster', 'node', 'list', '--global-project')
    compare(legacy, new, 'cluster', 'node', 'show', world['node'])
    details = compare(legacy, new, 'cluster', 'node', 'show', '--details',
                      world['node'])
    assert details['details'].startswith('+---')
    compare(legacy, new, 'cluster', 'collect', '--path', 'status',
            world['cluster'])
    compare(legacy, new, 'cluster', 'collect', '--full-id', '--path',
            'details.status', world['cluster'])
    compare(legacy, new, 'cluster', 'policy', 'binding', 'list',
            world['cluster'])
    compare(legacy, new, 'cluster', 'policy', 'binding', 'show', '--policy',
            world['policy'], world['cluster'])
    preview = compare(legacy, new, 'cluster', 'node', 'adopt', '--preview',
                      '--identity', world['physical_id'], '--type',
                      'clusterd.simulated-1.0')
    assert preview['type'] == 'clusterd.simulated'


def test_receivers_actions_events(legacy, new, world):
    compare(legacy, new, 'cluster', 'receiver', 'list')
    compare(legacy, new, 'cluster', 'receiver', 'list', '--global-project',
            '--filters', 'name=%s' % world['receiver'])
    compare(legacy, new, 'cluster', 'receiver', 'show', world['receiver'])
    target = 'target=%s' % world['cluster_id']
    rows = compare(legacy, new, 'cluster', 'action', 'list', '--filters',
                   target)
    assert {'CLUSTER_CREATE', 'CLUSTER_SCALE_IN'} <= {r['action'] for r in rows}
    compare(legacy, new, 'cluster', 'action', 'list', '--full-id', '--filters',
            target, '--sort', 'created_at:desc')
    action = compare(legacy, new, 'cluster', 'action', 'show', world['scale_in'])
    assert action['action'] == 'CLUSTER_SCALE_IN'
    oid = 'oid=%s' % world['cluster_id']
    events = compare(legacy, new, 'cluster', 'event', 'list', '--filters', oid)
    compare(legacy, new, 'cluster', 'event', 'list', '--full-id',
            '--global-project', '--filters', oid)
    full = clients.api(world['url'], '/events?oid=%s&limit=1' %
                       world['cluster_id'])[0]['events'][0]
    assert full['id'][:8] == events[0]['id']
    compare(legacy, new, 'cluster', 'event', 'show', full['id'])


def test_validate(legacy, new):
    shown = compare(legacy, new, 'cluster', 'profile', 'validate',
                    '--spec-file', 'sim.yaml', volatile=('domain',))
    assert shown['type'] == 'clusterd.simulated-1.0'
    # senlinclient is wrong: its policy validate reads 'project', 'user' and
    # 'domain' from openstacksdk's resource, which names them *_id, so they
    # are always empty.  Ours fills the same columns.
    old, ours = clients.both(legacy, new, ('cluster', 'policy', 'validate',
                                           '--spec-file', 'deletion.yaml',
                                           '-f', 'json'))
    old, ours = clients.parsed(old), clients.parsed(ours)
    assert (old['project'], old['user']) == ('', '')
    assert (ours['project'], ours['user']) == ('default', 'admin')
    clients.assert_same(old, ours, volatile=('project', 'user', 'domain'))


def test_limit_is_a_limit(legacy, new, world):
    """senlinclient is wrong: openstacksdk takes --limit as a page size and
    fetches every page, so it lists everything.  Ours lists at most N."""
    old, ours = clients.both(legacy, new, ('cluster', 'profile', 'list',
                                           '--limit', '1', '-f', 'json'))
    assert len(clients.parsed(old)) >= 2
    assert len(clients.parsed(ours)) == 1
    everything = clients.parsed(new.run('cluster', 'profile', 'list',
                                        '--full-id', '-f', 'json'))
    after = clients.parsed(new.run('cluster', 'profile', 'list', '--full-id',
                                   '--limit', '1', '--marker',
                                   everything[0]['id'], '-f', 'json'))
    assert after == [everything[1]]
