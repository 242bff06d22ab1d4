"""Engine deaths under the load-balancing and zone placement policies.

The fault suite's deployment (``harness.Deployment``: a private database
server, RabbitMQ through a proxy, ``clusterd-api`` and two ``clusterd-engine``
processes) on the simulated OpenStack cloud (``cloud_backend = simulated``,
one ``[simulated] state_file`` that every process shares under its file lock).
One cluster of ``os.nova.server`` nodes with ``senlin.policy.loadbalance-1.1``
and ``senlin.policy.zone_placement`` (az1 weight 2, az2 weight 1) attached.
The engine running the node actions of a scale-out, then of a scale-in, is
SIGKILLed at a random moment of the batch and started again; the survivor takes
the orphans over.  Then, read from the simulated cloud's own store (servers and
Octavia), not from clusterd:

- the scale action SUCCEEDED and no node is left CREATING/DELETING;
- every ACTIVE node has one server (none made twice) and exactly one pool
  member at its address; no member is left for a node that is gone;
- the nodes' zones (their servers') follow the weights' plan;
- deleting the cluster leaves no server and no Octavia object the policy made.
"""

import collections
import json
import random
import time
import uuid

import pytest

from clusterd.drivers import simulated_openstack
from clusterd.policies import placement
from tests import services
from tests.faults import harness

LEASE = 4.0
HEARTBEAT = 1.0
# How long a simulated server takes to build or to delete: a batch of node
# actions lasts at least this long from when the test sees it RUNNING.
BUILD_SECONDS = 1.0
ZONES = [{'name': 'az1', 'weight': 2}, {'name': 'az2', 'weight': 1}]
PROFILE = {'type': 'os.nova.server', 'version': '1.0', 'properties': {
    'flavor': 'm1.small', 'image': 'cirros-0.5.2-x86_64-disk',
    'networks': [{'network': 'private'}]}}
LB = {'type': 'senlin.policy.loadbalance', 'version': '1.1', 'properties': {
    'pool': {'protocol': 'HTTP', 'protocol_port': 80,
             'subnet': 'private-subnet', 'lb_method': 'ROUND_ROBIN'},
    'vip': {'subnet': 'public-subnet', 'protocol': 'HTTP',
            'protocol_port': 80},
    'health_monitor': {'type': 'HTTP', 'delay': 1, 'timeout': 1,
                       'max_retries': 1, 'url_path': '/'},
    'lb_status_timeout': 60}}


@pytest.fixture(params=['mysql', 'postgresql'])
def deployment(request, tmp_path):
    groups, state_file = harness.Deployment.simulated_cloud(
        str(tmp_path), build_seconds=BUILD_SECONDS, poll_interval=0.1)
    groups['openstack'] = {'poll_interval': 0.1}
    running = harness.Deployment(request.param, lease=LEASE, heartbeat=HEARTBEAT,
                                 groups=groups)
    running.state_file = state_file
    try:
        yield running.start()
    finally:
        codes = running.close()
        print('exit codes: %s' % codes)


class CloudView:
    """What the simulated cloud holds, read from the shared state file."""

    def __init__(self, state_file):
        self.cloud = simulated_openstack.Cloud(state_file=state_file,
                                               build_seconds=BUILD_SECONDS)

    def servers(self):
        return self.cloud.list_all_servers()

    def octavia(self, kind):
        """The live objects of ``kind`` (not those being deleted)."""
        with self.cloud.lock:
            return [dict(item) for item in self.cloud.octavia[kind].values()
                    if (item.get('pending') or {}).get('status') != 'DELETED'
                    and item.get('provisioning_status') != 'PENDING_DELETE']


def _create(client, path, body, key):
    answer = client.call('POST', path, body)
    assert answer is not None and answer[0] == 201, answer
    return answer[2][key]['id']


def _act(client, path, body, timeout=180):
    answer = client.call('POST', path, body)
    action_id = client.action_of(answer)
    assert action_id, answer
    return action_id, client.wait_action(action_id, timeout=timeout)


def _nodes(deployment, cluster_id):
    return deployment.query(
        'SELECT id, status, physical_id, data FROM node WHERE cluster_id = :c',
        c=cluster_id)


def _data(raw):
    if isinstance(raw, str):
        return json.loads(raw) if raw else {}
    return raw or {}


def _check_cluster(deployment, view, cluster_id, pool_id, label):
    """The invariants between the nodes, their servers and the pool members.
    :returns: violations, and {zone: count} of the servers"""
    problems = []
    nodes = _nodes(deployment, cluster_id)
    busy = [(n.id, n.status) for n in nodes if n.status in (
        'INIT', 'CREATING', 'DELETING', 'UPDATING', 'RECOVERING')]
    if busy:
        problems.append('%s: nodes left busy: %s' % (label, busy))
    servers = view.servers()
    by_node = collections.defaultdict(list)
    for server in servers:
        node_id = (server.get('metadata') or {}).get('cluster_node_id')
        if node_id:
            by_node[node_id].append(server)
    node_ids = {n.id for n in nodes}
    twice = {k: [s['id'] for s in v] for k, v in by_node.items() if len(v) > 1}
    if twice:
        problems.append('%s: several servers for a node: %s' % (label, twice))
    orphans = [s['id'] for k, v in by_node.items() if k not in node_ids for s in v]
    if orphans:
        problems.append('%s: servers of no node: %s' % (label, orphans))
    members = [m for m in view.octavia('members') if m['pool_id'] == pool_id]
    at = collections.defaultdict(list)
    for member in members:
        at[member['address']].append(member['id'])
    addresses, zones = set(), collections.Counter()
    for node in nodes:
        if node.status != 'ACTIVE':
            problems.append('%s: node %s is %s' % (label, node.id, node.status))
            continue
        own = [s for s in by_node.get(node.id, []) if s['id'] == node.physical_id]
        if not own:
            problems.append('%s: node %s has no server' % (label, node.id))
            continue
        server = own[0]
        zones[server.get('availability_zone')] += 1
        address = server['addresses']['private'][0]['addr']
        addresses.add(address)
        if len(at.get(address, [])) != 1:
            problems.append('%s: node %s (%s) has %d members: %s' % (
                label, node.id, address, len(at.get(address, [])),
                at.get(address)))
        elif _data(node.data).get('lb_member') != at[address][0]:
            problems.append('%s: node %s records member %s, the pool has %s' % (
                label, node.id, _data(node.data).get('lb_member'), at[address]))
    leaked = {a: ids for a, ids in at.items() if a not in addresses}
    if leaked:
        problems.append('%s: members of no node: %s' % (label, leaked))
    return problems, dict(zones)


def _kill_in_batch(deployment, client, rng, cluster_id, verb, body):
    """Start the scale action, SIGKILL the engine running its ``verb`` node
    actions at a random moment of the batch, start it again, and wait for the
    action.  :returns: measurements"""
    faults = harness.Faults(deployment, harness.Record(), None, rng=rng)
    answer = client.call('POST', '/v1/clusters/%s/actions' % cluster_id, body)
    parent = client.action_of(answer)
    assert parent, answer
    started = time.monotonic()
    services.wait_for(lambda: faults._running_batches(verb, parent),
                      timeout=60, interval=0.05,
                      what='a batch of %s under way' % verb)
    # A moment inside the batch: it lasts a build (or delete) from when it was
    # seen RUNNING, and the engine no longer adds much to that.
    delay = rng.uniform(0.0, 0.7 * BUILD_SECONDS)
    time.sleep(delay)
    found = faults._running_batches(verb, parent)
    if not found:  # the batch ended in the delay: kill the parent's engine
        found = deployment.query(
            "SELECT owner, 1 FROM action WHERE id = :p AND status = 'RUNNING'",
            p=parent)
    assert found, 'the action %s ended before the kill' % parent
    owner = max(found, key=lambda row: row[1])[0]
    parent_owner = deployment.query('SELECT owner FROM action WHERE id = :p',
                                    p=parent)[0][0]
    victim = deployment.engine_of(owner)
    assert victim is not None, (owner, deployment.service_rows())
    orphans = deployment.query(
        "SELECT count(*) FROM action WHERE owner = :o AND status = 'RUNNING'",
        o=owner)[0][0]
    victim.kill()
    killed = time.monotonic()
    deployment.restart_engine(victim.name)
    status = client.wait_action(parent, timeout=LEASE + 180)
    reason = deployment.query('SELECT status_reason FROM action WHERE id = :p',
                              p=parent)[0][0]
    services.wait_for(lambda: len(deployment.service_rows()) == 2, timeout=60,
                      what='the restarted engine to register')
    return {'verb': verb, 'delay_s': round(delay, 2),
            'parent_on_victim': parent_owner == owner,
            'running_on_victim': orphans, 'status': status, 'reason': reason,
            'ended_after_kill_s': round(time.monotonic() - killed, 2),
            'total_s': round(time.monotonic() - started, 2)}


def _kill_in_after_check(deployment, client, view, cluster_id, pool, count):
    """Scale out by ``count`` and SIGKILL the engine running the scale action
    while the load-balancing policy's AFTER check adds the new nodes' members
    (some are in the pool, not all).  :returns: measurements"""
    before = len([m for m in view.octavia('members') if m['pool_id'] == pool])
    answer = client.call('POST', '/v1/clusters/%s/actions' % cluster_id,
                         {'scale_out': {'count': count}})
    parent = client.action_of(answer)
    assert parent, answer
    started = time.monotonic()

    def adding():
        added = len([m for m in view.octavia('members')
                     if m['pool_id'] == pool]) - before
        if 0 < added < count:
            return deployment.query(
                "SELECT owner FROM action WHERE id = :p AND status = 'RUNNING'",
                p=parent)
    found = services.wait_for(adding, timeout=120, interval=0.05,
                              what='the AFTER check adding members')
    victim = deployment.engine_of(found[0][0])
    assert victim is not None, (found, deployment.service_rows())
    victim.kill()
    killed = time.monotonic()
    deployment.restart_engine(victim.name)
    status = client.wait_action(parent, timeout=LEASE + 180)
    reason = deployment.query('SELECT status_reason FROM action WHERE id = :p',
                              p=parent)[0][0]
    services.wait_for(lambda: len(deployment.service_rows()) == 2, timeout=60,
                      what='the restarted engine to register')
    return {'verb': 'AFTER check', 'status': status, 'reason': reason,
            'ended_after_kill_s': round(time.monotonic() - killed, 2),
            'total_s': round(time.monotonic() - started, 2)}


def test_engine_deaths_under_lb_and_zone_policies(deployment):
    rng = random.Random()
    client = harness.Client(deployment, harness.Record(), None)
    view = CloudView(deployment.state_file)
    suffix = uuid.uuid4().hex[:6]
    profile = _create(client, '/v1/profiles', {'profile': {
        'name': 'web-%s' % suffix, 'spec': PROFILE}}, 'profile')
    zones = _create(client, '/v1/policies', {'policy': {
        'name': 'zones-%s' % suffix, 'spec': {
            'type': 'senlin.policy.zone_placement', 'version': '1.0',
            'properties': {'zones': ZONES}}}}, 'policy')
    lb = _create(client, '/v1/policies', {'policy': {
        'name': 'lb-%s' % suffix, 'spec': LB}}, 'policy')
    answer, status = client.act('POST', '/v1/clusters', {'cluster': {
        'name': 'web-%s' % suffix, 'profile_id': profile, 'min_size': 0,
        'max_size': -1, 'desired_capacity': 0}})
    assert status == 'SUCCEEDED', answer
    cluster_id = answer[2]['cluster']['id']
    path = '/v1/clusters/%s/actions' % cluster_id
    for policy in (zones, lb):
        _, status = _act(client, path, {'policy_attach': {'policy_id': policy}})
        assert status == 'SUCCEEDED', policy
    _, status = _act(client, path, {'scale_out': {'count': 3}})
    assert status == 'SUCCEEDED'
    shown = client.call('GET', '/v1/clusters/%s' % cluster_id)[2]['cluster']
    made = shown['data']['loadbalancers'][lb]
    pool = made['pool']
    places = [placement.Place(z['name'], z['weight']) for z in ZONES]

    def plan(counts, count):
        grown = collections.Counter(counts)
        grown.update(placement.plan_places(dict(counts), places, count))
        return dict(grown)

    problems, measured = [], []
    found, spread = _check_cluster(deployment, view, cluster_id, pool, 'start')
    problems += found
    assert spread == plan({}, 3), spread

    def judge(result, what, planned):
        """Record ``result``; check the cluster and that the zones are as
        ``planned(spread before)``.  :returns: the spread after"""
        measured.append(result)
        if result['status'] != 'SUCCEEDED':
            problems.append('%s: %s' % (what, result))
        expected = planned(spread)
        found, after = _check_cluster(deployment, view, cluster_id, pool,
                                      'after the %s' % what)
        problems.extend(found)
        result['zones'] = after
        if after != expected:
            problems.append('zones after the %s: %s, planned %s'
                            % (what, after, expected))
        return after

    def kept(before, count):
        # A scale-in keeps the spread (the weights' removal quota).
        quota = placement.removal_quota(dict(before), places, count)
        return {z: n - quota.get(z, 0) for z, n in before.items()
                if n - quota.get(z, 0)}

    spread = judge(_kill_in_batch(deployment, client, rng, cluster_id,
                                  'NODE_CREATE', {'scale_out': {'count': 6}}),
                   'scale-out', lambda before: plan(before, 6))
    # The engine of the scale action itself, while the load-balancing policy
    # adds the members of the new nodes.
    spread = judge(_kill_in_after_check(deployment, client, view, cluster_id,
                                        pool, 3),
                   'scale-out in the AFTER check', lambda before: plan(before, 3))
    spread = judge(_kill_in_batch(deployment, client, rng, cluster_id,
                                  'NODE_DELETE', {'scale_in': {'count': 4}}),
                   'scale-in', lambda before: kept(before, 4))

    _, status = client.act('DELETE', '/v1/clusters/%s' % cluster_id)
    if status != 'SUCCEEDED':
        problems.append('cluster delete: %s' % status)
    time.sleep(1.5)  # Octavia's deletes settle after build_seconds
    left = {kind: [i['id'] for i in view.octavia(kind)
                   if i['id'] in made.values() or i.get('pool_id') == pool]
            for kind in ('loadbalancers', 'listeners', 'pools', 'members',
                         'healthmonitors')}
    left = {kind: ids for kind, ids in left.items() if ids}
    if left:
        problems.append('Octavia objects left after the cluster delete: %s'
                        % left)
    servers = [s['id'] for s in view.servers()
               if (s.get('metadata') or {}).get('cluster_id') == cluster_id]
    if servers:
        problems.append('servers left after the cluster delete: %s' % servers)
    harness.wait_quiet(deployment, timeout=60)
    problems += [p for p in harness.check_invariants(deployment)
                 if 'resource' not in p]  # (simulated_resource: another profile)
    print(json.dumps(measured, indent=1))
    print('\n'.join(['problems:'] + problems))
    assert problems == [], problems
