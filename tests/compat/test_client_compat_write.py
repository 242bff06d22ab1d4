"""Our ``openstack cluster`` plugin against python-senlinclient 3.1.0: the
commands that change something.

Each side changes its own objects (same command line, its own names), at the
same time, against the same clusterd-standalone; the outputs must be the same
once each side's names and ids are swapped for the other's.  Where
senlinclient is wrong, the test says how, and checks ours.
"""

import re
import urllib.error

import pytest

from tests.compat import clients
from tests.compat import conftest
from tests.compat.test_client_compat_read import DELETION
from tests.compat.test_client_compat_read import SPEC

SIM = {'type': 'clusterd.simulated', 'version': '1.0',
       'properties': {'latency': 0.1}}
ACCEPTED = re.compile(r'accepted by action:? ([0-9a-f-]{36})')


@pytest.fixture(scope='module')
def home(tmp_path_factory):
    path = tmp_path_factory.mktemp('compat-write')
    (path / 'sim.yaml').write_text(SPEC)
    (path / 'deletion.yaml').write_text(DELETION)
    (path / 'hello.sh').write_text('echo hello\n')
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
def profile(base_url):
    name = conftest.unique('write-sim')
    clients.api(base_url, '/profiles', 'POST', {'profile': {'name': name,
                                                           'spec': SIM}})
    return name


def pair(prefix):
    return conftest.unique(prefix + '-old'), conftest.unique(prefix + '-new')


def run_pair(legacy, new, names, *template, json_output=True, check=True):
    """Run ``template`` with ``{}`` replaced by each side's name."""
    def args(name):
        line = tuple(part.replace('{}', name) for part in template)
        return line + (('-f', 'json') if json_output else ())
    return clients.both(legacy, new, args(names[0]), args(names[1]), check=check)


def settled(base_url, *outputs):
    """Wait until the actions the outputs name have ended; return their ids."""
    ids = []
    for text in outputs:
        action_id = ACCEPTED.search(text).group(1)
        conftest.poll(lambda: clients.action_status(base_url, action_id) in (
            'SUCCEEDED', 'FAILED', 'CANCELLED'), what='action %s' % action_id)
        ids.append(action_id)
    return ids


def same_text(old, ours, pairs=()):
    """senlinclient's stdout and ours are the same, ids aside."""
    assert clients.no_ids(clients.swapped(old, list(pairs))) == \
        clients.no_ids(ours)


def test_profiles_and_policies(legacy, new):
    names = pair('wp')
    old, ours = run_pair(legacy, new, names, 'cluster', 'profile', 'create',
                         '--spec-file', 'sim.yaml', '--metadata',
                         'owner=compat;tier=web', '{}')
    old, ours = clients.parsed(old), clients.parsed(ours)
    pairs = [names] + clients.id_pairs(old['id'], ours['id'])
    clients.assert_same(old, ours, pairs)
    assert ours['metadata'] == '{\n  "owner": "compat",\n  "tier": "web"\n}'
    old, ours = run_pair(legacy, new, names, 'cluster', 'profile', 'update',
                         '--name', '{}-2', '--metadata', 'owner=other', '{}')
    clients.assert_same(clients.parsed(old), clients.parsed(ours), pairs)
    old, ours = run_pair(legacy, new, names, 'cluster', 'profile', 'delete',
                         '{}-2', json_output=False)
    same_text(old.stdout, ours.stdout, pairs)
    assert ours.stdout == "Profile deleted: ['%s-2']\n" % names[1]

    names = pair('wpol')
    old, ours = run_pair(legacy, new, names, 'cluster', 'policy', 'create',
                         '--spec-file', 'deletion.yaml', '{}')
    old, ours = clients.parsed(old), clients.parsed(ours)
    pairs = [names] + clients.id_pairs(old['id'], ours['id'])
    clients.assert_same(old, ours, pairs)
    old, ours = run_pair(legacy, new, names, 'cluster', 'policy', 'update',
                         '--name', '{}-2', '{}')
    clients.assert_same(clients.parsed(old), clients.parsed(ours), pairs)
    old, ours = run_pair(legacy, new, names, 'cluster', 'policy', 'delete',
                         '--force', '{}-2', json_output=False)
    same_text(old.stdout, ours.stdout, pairs)


def test_cluster_life(legacy, new, base_url, profile):
    names = pair('wc')
    old, ours = run_pair(legacy, new, names, 'cluster', 'create', '--profile',
                         profile, '--min-size', '1', '--max-size', '6',
                         '--desired-capacity', '2', '--metadata', 'team=a',
                         '--wait', '{}')
    old, ours = clients.parsed(old), clients.parsed(ours)
    assert ours['status'] == 'ACTIVE' and old['status'] == 'ACTIVE'
    pairs = [names] + clients.id_pairs(old['id'], ours['id'])
    clients.assert_same(old, ours, pairs, volatile=('node_ids',))
    assert len(ours['node_ids'].split('\n')) == 2
    cluster_ids = old['id'], ours['id']

    # A change of name and metadata: the cluster is shown at once, busy or not.
    old, ours = run_pair(legacy, new, names, 'cluster', 'update', '--name',
                         '{}-x', '--metadata', 'team=b', '{}')
    clients.assert_same(clients.parsed(old), clients.parsed(ours), pairs,
                        volatile=('node_ids', 'status', 'status_reason',
                                  'metadata', 'name'))
    for cluster_id in cluster_ids:
        conftest.poll(lambda: clients.api(base_url, '/clusters/' + cluster_id)[0]
                      ['cluster']['status'] == 'ACTIVE', what='update done')
        assert clients.api(base_url, '/clusters/' + cluster_id)[0]['cluster'][
            'metadata'] == {'team': 'b'}
    names = tuple(name + '-x' for name in names)
    pairs = [names] + pairs

    for line in (('expand', '--count', '1'), ('shrink', '--count', '1'),
                 ('resize', '--capacity', '3'),
                 ('resize', '--percentage', '-30', '--min-step', '1'),
                 ('op', '--operation', 'reboot')):
        old, ours = run_pair(legacy, new, names, 'cluster', *line, '{}',
                             json_output=False)
        same_text(old.stdout, ours.stdout, pairs)
        settled(base_url, old.stdout, ours.stdout)

    # --wait with -f json: senlinclient is wrong, it prints its "accepted"
    # line on stdout before the JSON; ours prints it on stderr.
    old, ours = run_pair(legacy, new, names, 'cluster', 'expand', '--count',
                         '1', '--wait', '{}')
    assert old.stdout.startswith('Request accepted by action')
    assert ours.stdout.startswith('{') and 'accepted' in ours.stderr
    clients.assert_same(clients.parsed(old), clients.parsed(ours), pairs,
                        volatile=('node_ids',))
    assert clients.parsed(ours)['desired_capacity'] == 3

    # A refusal.  senlinclient is wrong: it prints the error body and exits 0;
    # ours prints the server's message alone and exits 1.
    old, ours = run_pair(legacy, new, names, 'cluster', 'resize', '--capacity',
                         '9', '--strict', '{}', json_output=False, check=False)
    message = "The target capacity (9) is greater than the cluster's " \
        "max_size (6)."
    assert old.returncode == 0 and message in old.stdout
    assert ours.returncode == 1 and ours.stderr == message + '\n'
    assert ours.stdout == ''

    old, ours = run_pair(legacy, new, names, 'cluster', 'check', '{}',
                         json_output=False)
    same_text(old.stdout, ours.stdout, pairs)
    settled(base_url, old.stdout, ours.stdout)
    # senlinclient is wrong here too (the lines before the JSON).
    old, ours = run_pair(legacy, new, names, 'cluster', 'recover', '--check',
                         'true', '--wait', '{}')
    assert old.stdout.startswith('Cluster recover request')
    clients.assert_same(clients.parsed(old), clients.parsed(ours), pairs)
    assert clients.parsed(ours)[0]['Status'] == 'ACTIVE'


def test_policies_and_members(legacy, new, base_url, profile):
    names, policies, orphans, spares = pair('wm'), pair('wm-del'), \
        pair('wm-orphan'), pair('wm-spare')
    for index in (0, 1):
        clients.api(base_url, '/clusters', 'POST', {'cluster': {
            'name': names[index], 'profile_id': profile, 'desired_capacity': 1}})
        clients.api(base_url, '/policies', 'POST', {'policy': {
            'name': policies[index], 'spec': {
                'type': 'senlin.policy.deletion', 'version': '1.1',
                'properties': {'criteria': 'OLDEST_FIRST'}}}})
        for node in (orphans[index], spares[index]):
            clients.api(base_url, '/nodes', 'POST', {'node': {
                'name': node, 'profile_id': profile}})
    for name in names + orphans + spares:
        path = ('/clusters/' if name in names else '/nodes/') + name
        key = 'cluster' if name in names else 'node'
        conftest.poll(lambda: clients.api(base_url, path)[0][key]['status'] ==
                      'ACTIVE', what='%s ACTIVE' % name)
    pairs = [policies, orphans, spares, names]

    def both_settle(*line):
        old, ours = clients.both(legacy, new, *(
            tuple(clients.swapped(part, [(new_name, old_name) for
                                         old_name, new_name in pairs])
                  for part in line) if side == 0 else line
            for side in (0, 1)))
        same_text(old.stdout, ours.stdout, pairs)
        settled(base_url, old.stdout, ours.stdout)
        return ours

    cluster = names[1]
    both_settle('cluster', 'policy', 'attach', '--enabled', 'false',
                '--policy', policies[1], cluster)
    both_settle('cluster', 'policy', 'binding', 'update', '--policy',
                policies[1], '--enabled', 'true', cluster)
    old, ours = clients.both(
        legacy, new, ('cluster', 'policy', 'binding', 'show', '--policy',
                      policies[0], names[0], '-f', 'json'),
        ('cluster', 'policy', 'binding', 'show', '--policy', policies[1],
         cluster, '-f', 'json'))
    old, ours = clients.parsed(old), clients.parsed(ours)
    assert ours['is_enabled'] is True
    clients.assert_same(old, ours, pairs + clients.id_pairs(
        old['policy_id'], ours['policy_id']) + clients.id_pairs(
            old['id'], ours['id']))
    both_settle('cluster', 'policy', 'detach', '--policy', policies[1], cluster)
    both_settle('cluster', 'members', 'add', '--nodes', orphans[1], cluster)
    both_settle('cluster', 'members', 'replace', '--nodes',
                '%s=%s' % (orphans[1], spares[1]), cluster)
    both_settle('cluster', 'members', 'del', '--nodes', spares[1], cluster)
    assert clients.api(base_url, '/nodes/' + spares[1])[0]['node'][
        'cluster_id'] == ''
    old, ours = clients.both(legacy, new, (
        'cluster', 'delete', '--force', '--wait', names[0]),
        ('cluster', 'delete', '--force', '--wait', cluster))
    same_text(old.stdout, ours.stdout, pairs)
    assert clients.gone(base_url, '/clusters/' + cluster)


def test_nodes(legacy, new, base_url, profile):
    names = pair('wn')
    old, ours = run_pair(legacy, new, names, 'cluster', 'node', 'create',
                         '--profile', profile, '--role', 'web', '--metadata',
                         'k=v', '{}')
    old, ours = clients.parsed(old), clients.parsed(ours)
    pairs = [names] + clients.id_pairs(old['id'], ours['id'])
    # Shown at once: what the engine has done by then varies.
    volatile = ('status', 'status_reason', 'physical_id', 'data')
    clients.assert_same(old, ours, pairs, volatile=volatile)
    for node in names:
        conftest.poll(lambda: clients.api(base_url, '/nodes/' + node)[0]['node']
                      ['status'] == 'ACTIVE', what='node %s' % node)
    old, ours = run_pair(legacy, new, names, 'cluster', 'node', 'update',
                         '--name', '{}-2', '--role', 'db', '--metadata', 'k=w',
                         '{}')
    # The update runs in the engine: each client's show after its PATCH may
    # come before or after it (ours is no slower to apply than Senlin was).
    clients.assert_same(clients.parsed(old), clients.parsed(ours), pairs,
                        volatile=volatile + ('name', 'role', 'metadata',
                                             'updated_at'))
    names = tuple(name + '-2' for name in names)

    def renamed(name):
        try:
            node = clients.api(base_url, '/nodes/' + name)[0]['node']
        except urllib.error.HTTPError as exc:
            if exc.code == 404:
                return False
            raise
        return node['role'] == 'db'
    conftest.poll(lambda: all(renamed(name) for name in names),
                  what='renames')
    # senlinclient is wrong: an update without --metadata sends "metadata": {}
    # and wipes it; ours changes the role only.
    run_pair(legacy, new, names, 'cluster', 'node', 'update', '--role', 'app',
             '{}')
    def nodes():
        return [clients.api(base_url, '/nodes/' + name)[0]['node']
                for name in names]
    conftest.poll(lambda: all(node['role'] == 'app' and node['status'] ==
                              'ACTIVE' for node in nodes()), what='updates')
    assert [node['metadata'] for node in nodes()] == [{}, {'k': 'w'}]
    for line in (('check',), ('recover', '--check', 'true')):
        old, ours = run_pair(legacy, new, names, 'cluster', 'node', *line, '{}',
                             json_output=False)
        same_text(old.stdout, ours.stdout, pairs)
        settled(base_url, old.stdout, ours.stdout)
    # senlinclient is wrong: its node op starts the operation, then dies
    # ("cannot unpack non-iterable NoneType object") and exits 1.
    old, ours = run_pair(legacy, new, names, 'cluster', 'node', 'op',
                         '--operation', 'reboot', '{}', json_output=False,
                         check=False)
    assert old.returncode == 1 and 'cannot unpack' in old.stderr
    assert ours.returncode == 0
    settled(base_url, old.stdout, ours.stdout)
    old, ours = run_pair(legacy, new, names, 'cluster', 'node', 'delete',
                         '--force', '{}', json_output=False)
    same_text(old.stdout, ours.stdout, pairs)
    for node in names:
        conftest.poll(lambda: clients.gone(base_url, '/nodes/' + node),
                      what='node %s deleted' % node)


def test_receivers(legacy, new, base_url, profile):
    cluster = conftest.unique('wr-cluster')
    made = clients.api(base_url, '/clusters', 'POST', {'cluster': {
        'name': cluster, 'profile_id': profile}})[0]['cluster']
    names = pair('wr')
    old, ours = run_pair(legacy, new, names, 'cluster', 'receiver', 'create',
                         '--cluster', cluster, '--action', 'CLUSTER_SCALE_OUT',
                         '--params', 'count=1', '{}')
    old, ours = clients.parsed(old), clients.parsed(ours)
    pairs = [names] + clients.id_pairs(old['id'], ours['id'])
    # Each webhook has its own secret token in its URL.
    token = re.compile(r'token=[^"&]+')
    old['channel'] = token.sub('token=T', old['channel'])
    ours['channel'] = token.sub('token=T', ours['channel'])
    clients.assert_same(old, ours, pairs)
    assert made['id'] == ours['cluster_id']
    old, ours = run_pair(legacy, new, names, 'cluster', 'receiver', 'update',
                         '--action', 'CLUSTER_SCALE_IN', '--params', 'count=2',
                         '{}')
    old, ours = clients.parsed(old), clients.parsed(ours)
    for side in (old, ours):
        side['channel'] = token.sub('token=T', side['channel'])
    clients.assert_same(old, ours, pairs)
    # senlinclient is wrong: a rename sends "params": {} and wipes the
    # receiver's inputs; ours changes the name only.
    old, ours = run_pair(legacy, new, names, 'cluster', 'receiver', 'update',
                         '--name', '{}-2', '{}')
    assert clients.parsed(old)['params'] == '{}'
    assert clients.parsed(ours)['params'] == '{\n  "count": "2"\n}'
    old, ours = run_pair(legacy, new, names, 'cluster', 'receiver', 'delete',
                         '--force', '{}-2', json_output=False)
    same_text(old.stdout, ours.stdout, pairs)


def test_cancel(legacy, new, base_url):
    """``action update --status CANCELLED`` on a running action, and on one
    that has ended (the server's 409: both exit 1)."""
    slow = conftest.unique('wx-slow')
    # NOTE: a node create that takes 45 s: long enough for a CLI to start on a
    # busy machine (one took 35 s under a load of 30 on two cores); the cancel
    # takes effect when it has ended.
    clients.api(base_url, '/profiles', 'POST', {'profile': {'name': slow, 'spec': {
        'type': 'clusterd.simulated', 'version': '1.0',
        'properties': {'latency': 45}}}})
    actions = []
    for name in pair('wx'):
        _body, headers = clients.api(base_url, '/clusters', 'POST', {'cluster': {
            'name': name, 'profile_id': slow, 'desired_capacity': 1}})
        actions.append(headers['Location'].rsplit('/', 1)[1])
    old, ours = clients.both(
        legacy, new, ('cluster', 'action', 'update', '--status', 'CANCELLED',
                      actions[0], '-f', 'json'),
        ('cluster', 'action', 'update', '--status', 'CANCELLED', actions[1],
         '-f', 'json'))
    old, ours = clients.parsed(old), clients.parsed(ours)
    clients.assert_same(old, ours, clients.id_pairs(actions[0], actions[1]) +
                        clients.id_pairs(old['target_id'], ours['target_id']) +
                        [(old['name'], ours['name'])],
                        volatile=('status', 'status_reason', 'data', 'outputs',
                                  'depends_on', 'depended_by'))
    for action_id in actions:
        conftest.poll(lambda: clients.action_status(base_url, action_id) ==
                      'CANCELLED', timeout=180,
                      what='action %s cancelled' % action_id)
    old, ours = clients.both(legacy, new, (
        'cluster', 'action', 'update', '--status', 'CANCELLED', actions[0]),
        ('cluster', 'action', 'update', '--status', 'CANCELLED', actions[1]),
        check=False)
    assert old.returncode == ours.returncode == 1
    assert 'is in status (CANCELLED)' in ours.stderr
    assert len(ours.stderr.strip().splitlines()) == 1


def test_run_and_bad_input(legacy, new, base_url, profile):
    cluster = conftest.unique('wrun')
    clients.api(base_url, '/clusters', 'POST', {'cluster': {
        'name': cluster, 'profile_id': profile, 'desired_capacity': 1}})
    conftest.poll(lambda: clients.api(base_url, '/clusters/' + cluster)[0]
                  ['cluster']['status'] == 'ACTIVE', what='cluster ACTIVE')
    # senlinclient is wrong: a node without addresses (any node but a Nova
    # server's) kills it with KeyError 'addresses'.  Ours says, per node, why
    # it could not run there, and exits 1.
    old, ours = clients.both(legacy, new, ('cluster', 'run', '--script',
                                           'hello.sh', cluster), check=False)
    assert old.returncode == 1 and "'addresses'" in old.stderr
    assert ours.returncode == 1
    assert 'status: FAILED' in ours.stdout
    assert 'is not attached to any network' in ours.stdout

    # Bad input: the parser's reason or the server's, on one line, exit != 0.
    for line, reason in (
            (('cluster', 'create', '--profile', profile, '--desired-capacity',
              'x', 'bad'), "invalid int value: 'x'"),
            (('cluster', 'resize', '--capacity', '1', '--adjustment', '1',
              cluster), 'Give only one of'),
            (('cluster', 'expand', 'no-such-cluster'),
             "The cluster 'no-such-cluster' could not be found."),
            (('cluster', 'policy', 'attach', '--policy', 'no-such-policy',
              cluster), "policy 'no-such-policy' could not be found."),
            (('cluster', 'members', 'del', '-d', 'maybe', '--nodes', 'x',
              cluster), "'maybe' is not a boolean")):
        old, ours = clients.both(legacy, new, line, check=False)
        assert ours.returncode != 0, (line, ours)
        assert ours.stdout == '' and len(ours.stderr.splitlines()) == 1, (
            line, ours.stderr)
        assert reason in ours.stderr, (line, ours.stderr)
        assert 'Traceback' not in ours.stderr
