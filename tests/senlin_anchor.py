"""The Senlin 16 anchor (``shared/anchors/senlin``) and a Senlin estate built
through its REST API, for the tests of ``clusterd-manage import-senlin``.

The anchor runs senlin-api, -conductor, -engine and -health-manager with
Senlin's own fake cloud drivers and no Keystone: a caller names itself with
``X-User-Id``/``X-Project-Id``/``X-Roles`` headers.  Several sessions share it,
so everything here lives in projects of its own (a prefix per run) and is
deleted afterwards; its database is only ever read by the importer.

:func:`build` makes the estate the import tests expect (also recorded in
``tests/functional/senlin16/``, see ``record.py`` there): in project ``<p>-a`` an
``os.nova.server`` cluster with scaling, deletion and health policies, two
webhook receivers and a node with a role, scaled through a webhook and the API
(history); in ``<p>-b`` clusters clusterd cannot run (an ``os.heat.stack``
profile, a load-balancing policy); in ``<p>-c`` a cluster whose creation is still
running (Senlin's fake Nova sleeps ``simulated_wait_time`` seconds).

The Nova server specs name the Nova anchor's flavor and image
(``tests/nova_anchor.py``), which Senlin's fake cloud accepts as any other, so
that clusterd can run the imported cluster on a real Nova.
"""

import contextlib
import json
import os
import subprocess
import time
import urllib.error
import urllib.request

from tests import databases
from tests import services

URL = os.environ.get('CLUSTERD_TEST_SENLIN_URL', 'http://127.0.0.1:8778')
# Read-only use: the importer reads it, nothing here writes it.
DB_URL = os.environ.get('CLUSTERD_TEST_SENLIN_DB',
                        'mysql+pymysql://senlin:senlin@127.0.0.1/senlin')
SETUP_TIMEOUT = 900

IMAGE = '155d900f-4e14-4e4c-a73d-069cbf4541e6'   # the Nova anchor's cirros-fake
FLAVOR = 'm1.tiny'

WEB_SPEC = {'type': 'os.nova.server', 'version': '1.0', 'properties': {
    'flavor': FLAVOR, 'image': IMAGE, 'name': 'web', 'networks': [],
    'metadata': {'tier': 'web'}}}
STACK_SPEC = {'type': 'os.heat.stack', 'version': '1.0', 'properties': {
    'template': {'heat_template_version': '2016-04-08', 'resources': {
        'random': {'type': 'OS::Heat::RandomString'}}},
    'parameters': {}, 'timeout': 60}}
SCALE_OUT = {'type': 'senlin.policy.scaling', 'version': '1.0', 'properties': {
    'event': 'CLUSTER_SCALE_OUT',
    'adjustment': {'type': 'CHANGE_IN_CAPACITY', 'number': 1, 'cooldown': 0}}}
SCALE_IN = {'type': 'senlin.policy.scaling', 'version': '1.0', 'properties': {
    'event': 'CLUSTER_SCALE_IN',
    'adjustment': {'type': 'CHANGE_IN_CAPACITY', 'number': 1, 'cooldown': 0}}}
DELETION = {'type': 'senlin.policy.deletion', 'version': '1.1', 'properties': {
    'criteria': 'OLDEST_FIRST', 'destroy_after_deletion': True,
    'reduce_desired_capacity': True}}
HEALTH = {'type': 'senlin.policy.health', 'version': '1.1', 'properties': {
    'detection': {'interval': 600, 'detection_modes': [
        {'type': 'NODE_STATUS_POLLING'}]},
    'recovery': {'actions': [{'name': 'RECREATE'}], 'fencing': ['COMPUTE']}}}
LOAD_BALANCE = {'type': 'senlin.policy.loadbalance', 'version': '1.1',
                'properties': {
                    'pool': {'protocol': 'HTTP', 'protocol_port': 80,
                             'subnet': 'private-subnet'},
                    'vip': {'subnet': 'public-subnet', 'protocol': 'HTTP',
                            'protocol_port': 80}}}


def answers():
    try:
        with urllib.request.urlopen(URL + '/', timeout=3) as answer:
            body = answer.read()
    except urllib.error.HTTPError as error:
        body = error.read()     # version discovery answers 300
    except Exception:  # noqa: BLE001 - any failure means "not up"
        return False
    try:
        return 'versions' in json.loads(body)
    except ValueError:
        return False


@contextlib.contextmanager
def running():
    """Yield Senlin's URL while the anchor runs.

    A Senlin that answers is used as it is.  Otherwise, with
    CLUSTERD_TEST_SENLIN_ANCHOR=1 the anchor's ``setup.sh`` starts it (1 to 2
    minutes with its venv) and ``stop.sh`` stops it at the end; without, the
    test is skipped: CI imports the recorded dump instead (test_senlin_import).
    """
    if answers():
        yield URL
        return
    if os.environ.get('CLUSTERD_TEST_SENLIN_ANCHOR') != '1':
        import pytest
        pytest.skip('Senlin does not answer at %s; start shared/anchors/senlin/'
                    'setup.sh or set CLUSTERD_TEST_SENLIN_ANCHOR=1 (CI imports '
                    'the recorded dump instead)' % URL)
    directory = services.anchor_dir('senlin')
    if directory is None:
        databases.unavailable('The Senlin anchor (shared/anchors/senlin) was not '
                              'found; set CLUSTERD_SENLIN_ANCHOR')
    result = subprocess.run(['bash', os.path.join(directory, 'setup.sh')],
                            capture_output=True, text=True, timeout=SETUP_TIMEOUT,
                            stdin=subprocess.DEVNULL)
    if result.returncode != 0 or not answers():
        databases.unavailable('The Senlin anchor failed to start (setup.sh exit '
                              '%d): %s' % (result.returncode,
                                           (result.stderr or result.stdout)[-2000:]))
    try:
        yield URL
    finally:
        subprocess.run(['bash', os.path.join(directory, 'stop.sh')],
                       capture_output=True, timeout=120, stdin=subprocess.DEVNULL)


class Client:
    """Senlin's REST API as one user of one project (noauth headers).

    NOTE: a member, never an admin: Senlin lists every project's objects to an
    admin, and the anchor is shared with other sessions.
    """

    def __init__(self, project, user, url=URL, version='1.14'):
        self.project = project
        self.user = user
        self.url = url
        self.version = version

    def headers(self):
        return {'X-User-Id': self.user, 'X-Project-Id': self.project,
                'X-Roles': 'member', 'Content-Type': 'application/json',
                'OpenStack-API-Version': 'clustering %s' % self.version}

    def call(self, method, path, body=None, expect=None):
        url = path if path.startswith('http') else self.url + '/v1' + path
        request = urllib.request.Request(
            url, method=method, headers=self.headers(),
            data=None if body is None else json.dumps(body).encode())
        try:
            with urllib.request.urlopen(request, timeout=60) as answer:
                status, data = answer.status, answer.read()
                location = answer.headers.get('Location')
        except urllib.error.HTTPError as error:
            status, data, location = error.code, error.read(), None
        result = (json.loads(data) if data else None) or {}
        if expect is not None and status != expect:
            raise AssertionError('%s %s -> %d, not %d: %s' % (
                method, path, status, expect, data[:2000]))
        if location and isinstance(result, dict):
            result.setdefault('action', location.rsplit('/', 1)[1])
        return result

    def wait_action(self, action_id, timeout=120):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            action = self.call('GET', '/actions/%s' % action_id, expect=200)['action']
            if action['status'] in ('SUCCEEDED', 'FAILED', 'CANCELLED'):
                if action['status'] != 'SUCCEEDED':
                    raise AssertionError('Senlin action %s %s: %s' % (
                        action['action'], action['status'],
                        action['status_reason']))
                return action
            time.sleep(0.3)
        raise AssertionError('Senlin action %s did not end within %d s'
                             % (action_id, timeout))

    def create(self, kind, body, wait=True):
        """POST /<kind>s; wait for the action it started, if any."""
        plural = 'policies' if kind == 'policy' else kind + 's'
        result = self.call('POST', '/' + plural, {kind: body})
        if kind not in result:
            raise AssertionError('creating %s %s failed: %s' % (kind, body, result))
        if wait and result.get('action'):
            self.wait_action(result['action'])
        return result[kind]

    def cluster_action(self, cluster_id, body, wait=True):
        result = self.call('POST', '/clusters/%s/actions' % cluster_id, body,
                           expect=202)
        if wait:
            self.wait_action(result['action'])
        return result['action']

    def trigger(self, alarm_url, body):
        """POST a webhook's alarm URL as Aodh does.

        NOTE: the anchor has no Keystone, so the token Senlin's webhook
        middleware gets for the receiver's trust is never turned into an
        identity by auth_token; the owner's noauth headers stand in for it.
        """
        return self.call('POST', alarm_url, body, expect=202)


def build(prefix):
    """Make the estate (see the module's docstring); returns what it made:
    ``{'projects': {a, b, c}, 'clusters': {name: id}, 'receivers': {name:
    {id, alarm_url}}, ...}``."""
    a = Client(prefix + '-a', prefix + '-user-a')
    b = Client(prefix + '-b', prefix + '-user-b')
    c = Client(prefix + '-c', prefix + '-user-c')
    made = {'projects': {'a': a.project, 'b': b.project, 'c': c.project},
            'clusters': {}, 'receivers': {}, 'policies': {}}

    web = a.create('profile', {'name': 'web-server', 'spec': WEB_SPEC,
                               'metadata': {'owner': 'ops'}})
    cluster = a.create('cluster', {
        'name': 'web', 'profile_id': web['id'], 'desired_capacity': 2,
        'min_size': 1, 'max_size': 6, 'timeout': 1200,
        'metadata': {'app': 'shop'}, 'config': {'node.name.format': 'web-$3I'}})
    made['clusters']['web'] = cluster['id']
    for name, spec in (('scale-out', SCALE_OUT), ('scale-in', SCALE_IN),
                       ('oldest-first', DELETION), ('health', HEALTH)):
        policy = a.create('policy', {'name': name, 'spec': spec})
        made['policies'][name] = policy['id']
        a.cluster_action(cluster['id'], {'policy_attach': {
            'policy_id': policy['id'], 'enabled': name != 'oldest-first'}})
    for name, action, params in (('grow', 'CLUSTER_SCALE_OUT', {}),
                                 ('shrink', 'CLUSTER_SCALE_IN', {'count': '1'})):
        receiver = a.create('receiver', {'name': name, 'type': 'webhook',
                                         'cluster_id': cluster['id'],
                                         'action': action, 'params': params})
        made['receivers'][name] = {'id': receiver['id'],
                                   'alarm_url': receiver['channel']['alarm_url']}
    first = a.call('GET', '/nodes?cluster_id=%s' % cluster['id'],
                   expect=200)['nodes'][0]['id']
    a.create('node', {'name': 'db-1', 'profile_id': web['id'],
                      'cluster_id': cluster['id'], 'role': 'database',
                      'metadata': {'backup': 'daily'}})
    a.create('node', {'name': 'spare', 'profile_id': web['id'],
                      'role': 'standby'})
    # History: an alarm scales out through the webhook, the API removes the
    # first node.
    result = a.trigger(made['receivers']['grow']['alarm_url'],
                       {'alarm_id': 'cpu-high', 'current': 'alarm'})
    a.wait_action(result['action'])
    a.cluster_action(cluster['id'], {'del_nodes': {'nodes': [first]}})

    stack = b.create('profile', {'name': 'stack', 'spec': STACK_SPEC})
    made['clusters']['stacks'] = b.create('cluster', {
        'name': 'stacks', 'profile_id': stack['id'], 'desired_capacity': 1})['id']
    api = b.create('profile', {'name': 'api-server', 'spec': WEB_SPEC})
    api_cluster = b.create('cluster', {'name': 'api', 'profile_id': api['id'],
                                       'desired_capacity': 1, 'max_size': 3})
    made['clusters']['api'] = api_cluster['id']
    lb = b.create('policy', {'name': 'lb', 'spec': LOAD_BALANCE})
    made['policies']['lb'] = lb['id']
    b.cluster_action(api_cluster['id'], {'policy_attach': {'policy_id': lb['id']}})
    receiver = b.create('receiver', {'name': 'api-grow', 'type': 'webhook',
                                     'cluster_id': api_cluster['id'],
                                     'action': 'CLUSTER_SCALE_OUT'})
    made['receivers']['api-grow'] = {'id': receiver['id'],
                                     'alarm_url': receiver['channel']['alarm_url']}
    return made


def start_busy(prefix, seconds):
    """In project ``<prefix>-c``, a cluster whose creation takes ``seconds``
    (Senlin's fake Nova sleeps that long); returns (cluster id, action id)."""
    c = Client(prefix + '-c', prefix + '-user-c')
    spec = json.loads(json.dumps(WEB_SPEC))
    spec['properties']['metadata']['simulated_wait_time'] = seconds
    slow = c.create('profile', {'name': 'slow-server', 'spec': spec})
    result = c.call('POST', '/clusters', {'cluster': {
        'name': 'slow', 'profile_id': slow['id'], 'desired_capacity': 1}},
        expect=202)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if c.call('GET', '/actions/%s' % result['action'])['action'][
                'status'] == 'RUNNING':
            return result['cluster']['id'], result['action']
        time.sleep(0.2)
    raise AssertionError('the slow cluster\'s creation did not start')


def cleanup(prefix, timeout=300):
    """Delete everything the projects of ``prefix`` hold in Senlin (waiting for
    running actions to end first)."""
    for suffix in ('a', 'b', 'c'):
        empty(Client('%s-%s' % (prefix, suffix), '%s-user-%s' % (prefix, suffix)),
              timeout)


def _own(client, plural):
    """The client's project's objects of a list (never another project's, even
    if Senlin listed them)."""
    return [item for item in client.call('GET', '/' + plural).get(plural, [])
            if item.get('project') == client.project]


def empty(client, timeout=300):
    """Delete every receiver, cluster, node, policy and profile of the
    client's project."""
    for receiver in _own(client, 'receivers'):
        client.call('DELETE', '/receivers/%s' % receiver['id'])
    for cluster in _own(client, 'clusters'):
        client.call('DELETE', '/clusters/%s' % cluster['id'])
    for node in _own(client, 'nodes'):
        if not node['cluster_id']:
            client.call('DELETE', '/nodes/%s' % node['id'])
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and (_own(client, 'clusters') or
                                           _own(client, 'nodes')):
        time.sleep(1)
    for kind in ('policies', 'profiles'):
        for item in _own(client, kind):
            client.call('DELETE', '/%s/%s' % (kind, item['id']))


def sdk_views(endpoint, project, user, microversion='1.14'):
    """What openstacksdk's clustering proxy lists for one project at
    ``endpoint`` (Senlin or clusterd): ``{'profiles': [...], 'policies': ...,
    'clusters': ..., 'nodes': ..., 'receivers': ..., 'bindings': {cluster id:
    [...]}}``, each item the resource's ``to_dict()`` (without the client-side
    ``location``), lists sorted by id."""
    import openstack
    connection = openstack.connect(
        auth_type='none', auth={'endpoint': endpoint},
        clustering_default_microversion=microversion,
        load_envvars=False, load_yaml_config=False)
    # NOTE: no Keystone on either side: the noauth identity headers say who
    # calls, as auth_token would have.
    connection.session.additional_headers.update({
        'X-User-Id': user, 'X-Project-Id': project, 'X-Roles': 'member'})
    clustering = connection.clustering

    def plain(resources):
        items = []
        for resource in resources:
            item = resource.to_dict()
            item.pop('location', None)
            if item.get('project_id', project) == project:
                items.append(item)
        return sorted(items, key=lambda item: item['id'])

    views = {'profiles': plain(clustering.profiles()),
             'policies': plain(clustering.policies()),
             'clusters': plain(clustering.clusters()),
             'nodes': plain(clustering.nodes()),
             'receivers': plain(clustering.receivers())}
    views['bindings'] = {
        cluster['id']: plain(clustering.cluster_policies(cluster['id']))
        for cluster in views['clusters']}
    connection.close()
    return json.loads(json.dumps(views, default=str))
