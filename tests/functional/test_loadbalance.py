"""``senlin.policy.loadbalance`` on the simulated OpenStack cloud: the flows
of Senlin's own load-balancing functional tests (create a cluster with the
policy, scale out and in, detach), an adopted load balancer, draining, 409s,
bad specs, and LB_STATUS_POLLING, through the real REST API and a real
in-process engine.  What Octavia holds is read from the simulated Octavia's
own store.
"""

import time

import pytest

from clusterd.drivers import backends
from clusterd.health import detectors
from clusterd.health import manager as health_manager
from clusterd.objects import cluster as cluster_obj
from clusterd.objects import node as node_obj
from clusterd.policies import health as health_policy
from clusterd import states
from tests import engines
from tests import services
from tests.functional.test_simulated_openstack import (  # noqa: F401 - fixtures
    act, app, call, ctx, db, example, make_cluster, make_profile,
    wait_api_action)

# (Octavia's own path is /v2.0/..., the simulated one's /v2/...)
STATUS_TREE = '/lbaas/loadbalancers/{id}/status'


@pytest.fixture(scope='module')
def engine(db):  # noqa: F811 - a quicker health manager than the shared one
    running = engines.Engine(db, groups={
        None: {'cloud_backend': 'simulated'},
        'simulated': {'build_seconds': 0.1, 'poll_interval': 0.02},
        'openstack': {'poll_interval': 0.05},
        'api': {'auth_strategy': 'noauth'},
        'health': {'interval_min': 1, 'manager_tick': 0.1},
    })
    with running:
        yield running


@pytest.fixture(scope='module')
def cloud(engine):
    return backends.clouds(engine.conf).cloud


def lb_spec(version='1.1', **extra):
    """Senlin's functional-test spec (tests/functional/utils/policy spec)."""
    properties = {
        'pool': {'protocol': 'HTTP', 'protocol_port': 80,
                 'subnet': 'private-subnet', 'lb_method': 'ROUND_ROBIN',
                 'session_persistence': {'type': 'SOURCE_IP'}},
        'vip': {'subnet': 'public-subnet', 'connection_limit': -1,
                'protocol': 'HTTP', 'protocol_port': 80},
        'health_monitor': {'type': 'HTTP', 'delay': 1, 'timeout': 1,
                           'max_retries': 1, 'url_path': '/'},
        'lb_status_timeout': 60}
    properties.update(extra)
    return {'type': 'senlin.policy.loadbalance', 'version': version,
            'properties': properties}


def make_policy(app, name, spec):
    status, body, _ = call(app, 'POST', '/v1/policies',
                           {'policy': {'name': name, 'spec': spec}})
    assert status == 201, body
    return body['policy']['id']


def attach(app, ctx, cluster_id, policy_id, expect=states.SUCCEEDED):
    return act(app, ctx, '/v1/clusters/%s/actions' % cluster_id,
               {'policy_attach': {'policy_id': policy_id}}, expect=expect)


def detach(app, ctx, cluster_id, policy_id):
    return act(app, ctx, '/v1/clusters/%s/actions' % cluster_id,
               {'policy_detach': {'policy_id': policy_id}})


def octavia(cloud, kind):
    return dict(cloud.octavia[kind])


def members(cloud):
    return {m['id']: m for m in octavia(cloud, 'members').values()}


def addresses(cloud, ctx, cluster_id):
    """{node id: its server's address on the private network}."""
    servers = {s['id']: s for s in cloud.list_all_servers()}
    return {n.id: servers[n.physical_id]['addresses']['private'][0]['addr']
            for n in node_obj.Node.for_cluster(ctx, cluster_id)}


def assert_members_are_the_nodes(cloud, ctx, cluster_id):
    nodes = node_obj.Node.for_cluster(ctx, cluster_id)
    pools = {members(cloud)[n.data['lb_member']]['pool_id'] for n in nodes}
    assert len(pools) == 1
    found = {k: m for k, m in members(cloud).items() if m['pool_id'] in pools}
    assert {n.data['lb_member'] for n in nodes} == set(found)
    where = addresses(cloud, ctx, cluster_id)
    for node in nodes:
        member = found[node.data['lb_member']]
        assert member['address'] == where[node.id]
        assert member['protocol_port'] == 80
        assert member['operating_status'] == 'ONLINE'


def show(app, cluster_id):
    status, body, _ = call(app, 'GET', '/v1/clusters/%s' % cluster_id)
    assert status == 200, body
    return body['cluster']


def test_senlin_flows_attach_scale_out_scale_in_detach(app, ctx, cloud):
    profile = make_profile(app, 'lb-web', example('nova-server-cirros.yaml'))
    cluster_id = make_cluster(app, ctx, 'lb-web', profile, 3)
    policy_id = make_policy(app, 'lb', lb_spec())
    attach(app, ctx, cluster_id, policy_id)

    ids = show(app, cluster_id)['data']['loadbalancers'][policy_id]
    lb = octavia(cloud, 'loadbalancers')[ids['loadbalancer']]
    assert lb['provisioning_status'] == 'ACTIVE'
    assert lb['vip_address'].startswith('172.24.4.')
    listener = octavia(cloud, 'listeners')[ids['listener']]
    pool = octavia(cloud, 'pools')[ids['pool']]
    monitor = octavia(cloud, 'healthmonitors')[ids['healthmonitor']]
    assert (listener['protocol'], listener['protocol_port']) == ('HTTP', 80)
    assert pool['lb_algorithm'] == 'ROUND_ROBIN'
    assert pool['session_persistence'] == {'type': 'SOURCE_IP'}
    assert (monitor['type'], monitor['pool_id']) == ('HTTP', pool['id'])
    assert len(_pool_members(cloud, app, cluster_id, policy_id)) == 3
    assert_members_are_the_nodes(cloud, ctx, cluster_id)
    shown = show(app, cluster_id)['data']['loadbalancers'][policy_id]
    assert shown == {'vip_address': lb['vip_address'], 'loadbalancer': lb['id'],
                     'listener': listener['id'], 'pool': pool['id'],
                     'healthmonitor': monitor['id']}

    act(app, ctx, '/v1/clusters/%s/actions' % cluster_id,
        {'scale_out': {'count': 2}})
    assert len(_pool_members(cloud, app, cluster_id, policy_id)) == 5
    assert_members_are_the_nodes(cloud, ctx, cluster_id)

    before = {n.id: n.data['lb_member']
              for n in node_obj.Node.for_cluster(ctx, cluster_id)}
    done = act(app, ctx, '/v1/clusters/%s/actions' % cluster_id,
               {'scale_in': {'count': 2}})
    assert len(_pool_members(cloud, app, cluster_id, policy_id)) == 3
    assert_members_are_the_nodes(cloud, ctx, cluster_id)
    gone = set(before) - {n.id for n in node_obj.Node.for_cluster(ctx,
                                                                  cluster_id)}
    assert len(gone) == 2
    assert not {before[n] for n in gone} & set(members(cloud))
    made = [m['id'] for m in members(cloud).values()
            if m['pool_id'] == pool['id']]
    notes = done.data['decisions']['notes']
    assert any('removed 2 member(s)' in note for note in notes), notes

    detach(app, ctx, cluster_id, policy_id)
    for kind, item in (('loadbalancers', lb['id']),
                       ('listeners', listener['id']), ('pools', pool['id']),
                       ('healthmonitors', monitor['id'])):
        assert item not in octavia(cloud, kind), kind
    assert not set(made) & set(members(cloud))
    assert 'loadbalancers' not in show(app, cluster_id)['data']
    assert all('lb_member' not in n.data
               for n in node_obj.Node.for_cluster(ctx, cluster_id))


def test_members_leave_before_the_grace_period_and_the_delete(app, ctx, cloud):
    """Shrink: the victims' members go first (drained when asked), then the
    deletion policy's grace period holds the nodes, then they are deleted."""
    profile = make_profile(app, 'lb-grace', example('nova-server-cirros.yaml'))
    cluster_id = make_cluster(app, ctx, 'lb-grace', profile, 3)
    policy_id = make_policy(app, 'lb-drain', lb_spec('1.3', drain_timeout=1))
    attach(app, ctx, cluster_id, policy_id)
    attach(app, ctx, cluster_id, make_policy(app, 'del-grace', {
        'type': 'senlin.policy.deletion', 'version': '1.1', 'properties': {
            'criteria': 'OLDEST_FIRST', 'grace_period': 3}}))
    oldest = node_obj.Node.for_cluster(ctx, cluster_id)[0]
    member = oldest.data['lb_member']
    status, body, _ = call(app, 'POST', '/v1/clusters/%s/actions'
                                  % cluster_id, {'scale_in': {'count': 1}})
    assert status == 202, body
    started = time.monotonic()
    # Drained, then removed: the node is still there, held by the grace period.
    services.wait_for(lambda: member not in members(cloud), timeout=30,
                      what='the member removed')
    drained_for = time.monotonic() - started
    assert drained_for >= 0.9, drained_for
    assert node_obj.Node.for_cluster(ctx, cluster_id, ids=[oldest.id])
    services.wait_for(lambda: not node_obj.Node.for_cluster(
        ctx, cluster_id, ids=[oldest.id]), timeout=30, what='the node deleted')
    assert time.monotonic() - started >= 3
    assert len(_pool_members(cloud, app, cluster_id, policy_id)) == 2


def test_an_adopted_load_balancer_stays_after_detach(app, ctx, cloud, engine):
    lb = backends.clouds(engine.conf).load_balancing(ctx)
    subnet = cloud.find('subnets', 'public-subnet').id
    lb_id = lb.create_load_balancer(name='existing', vip_subnet_id=subnet)
    profile = make_profile(app, 'lb-adopt', example('nova-server-cirros.yaml'))
    cluster_id = make_cluster(app, ctx, 'lb-adopt', profile, 2)
    policy_id = make_policy(app, 'lb-adopt', lb_spec('1.1', loadbalancer=lb_id))
    attach(app, ctx, cluster_id, policy_id)
    mine = [p for p in octavia(cloud, 'pools').values()
            if p['loadbalancer_id'] == lb_id]
    assert len(mine) == 1
    assert len([m for m in members(cloud).values()
                if m['pool_id'] == mine[0]['id']]) == 2
    assert show(app, cluster_id)['data']['loadbalancers'][policy_id][
        'loadbalancer'] == lb_id
    detach(app, ctx, cluster_id, policy_id)
    assert lb.get_load_balancer(lb_id).provisioning_status == 'ACTIVE'
    assert not [p for p in octavia(cloud, 'pools').values()
                if p['loadbalancer_id'] == lb_id]
    assert not [item for item in octavia(cloud, 'listeners').values()
                if item['loadbalancer_id'] == lb_id]
    lb.delete_load_balancer(lb_id)


def test_a_409_while_the_load_balancer_is_pending_is_retried(app, ctx, cloud):
    profile = make_profile(app, 'lb-409', example('nova-server-cirros.yaml'))
    cluster_id = make_cluster(app, ctx, 'lb-409', profile, 1)
    policy_id = make_policy(app, 'lb-409', lb_spec())
    attach(app, ctx, cluster_id, policy_id)
    cloud.inject('create_member', 409, 'Load Balancer x is immutable and cannot '
                 'be updated.', count=2)
    act(app, ctx, '/v1/clusters/%s/actions' % cluster_id,
        {'scale_out': {'count': 1}})
    assert len(node_obj.Node.for_cluster(ctx, cluster_id)) == 2
    assert all(n.data.get('lb_member')
               for n in node_obj.Node.for_cluster(ctx, cluster_id))
    # Another conflict (a duplicate) is not retried: the action fails and
    # says why, and the node is marked.
    cloud.inject('create_member', 409, 'Duplicate member', count=1)
    done = act(app, ctx, '/v1/clusters/%s/actions' % cluster_id,
               {'scale_out': {'count': 1}}, expect=states.FAILED)
    assert 'Duplicate member' in done.status_reason
    assert [n.status for n in node_obj.Node.for_cluster(ctx, cluster_id)
            ].count(states.N_WARNING) == 1
    detach(app, ctx, cluster_id, policy_id)


@pytest.mark.parametrize('change, field', [
    ({'pool': {'protocol_port': 80}}, 'subnet'),
    ({'pool': {'subnet': 'private-subnet', 'protocol': 'GOPHER'}},
     'properties.pool.protocol'),
    ({'pool': {'subnet': 'private-subnet', 'protocol_port': 70000}},
     'properties.pool.protocol_port'),
    ({'vip': {'subnet': 'public-subnet', 'protocol_port': 0}},
     'properties.vip.protocol_port'),
    ({'vip': {'protocol': 'HTTP'}}, 'properties.vip.subnet'),
    ({'health_monitor': {'type': 'ICMP'}}, 'properties.health_monitor.type'),
])
def test_bad_specs_are_400_naming_the_field(app, change, field):
    spec = lb_spec()
    spec['properties'].update(change)
    status, body, _ = call(app, 'POST', '/v1/policies',
                           {'policy': {'name': 'bad', 'spec': spec}})
    assert status == 400, body
    assert field in body['error']['message'], body


def test_attach_to_a_profile_without_addresses_is_400(app, ctx):
    profile = make_profile(app, 'lb-sim', {
        'type': 'clusterd.simulated', 'version': '1.0', 'properties': {}})
    cluster_id = make_cluster(app, ctx, 'lb-sim', profile, 1)
    policy_id = make_policy(app, 'lb-sim', lb_spec())
    status, body, _ = call(app, 'POST', '/v1/clusters/%s/actions' % cluster_id,
                           {'policy_attach': {'policy_id': policy_id}})
    assert status == 400, body
    assert 'profile_id' in body['error']['message'], body
    assert 'clusterd.simulated-1.0' in body['error']['message'], body


def _status_tree_requests(engine, ctx):
    return sum(count for c in backends.clouds(engine.conf).computes()
               for key, count in c.request_counts().items()
               if key.startswith('GET ') and key.endswith(STATUS_TREE))


def test_lb_status_polling_one_status_tree_per_sweep_and_recovery(
        app, ctx, cloud, engine):
    profile = make_profile(app, 'lb-health', example('nova-server-cirros.yaml'))
    cluster_id = make_cluster(app, ctx, 'lb-health', profile, 3)
    attach(app, ctx, cluster_id, make_policy(app, 'lb-health', lb_spec()))
    interval = 1
    health = make_policy(app, 'lb-watch', {
        'type': 'senlin.policy.health', 'version': '1.1', 'properties': {
            'detection': {'interval': interval, 'node_update_timeout': 0,
                          'recovery_conditional': 'ANY_FAILED',
                          'detection_modes': [
                              {'type': 'NODE_STATUS_POLLING'},
                              {'type': 'LB_STATUS_POLLING'}]},
            'recovery': {'actions': [{'name': 'RECREATE'}]}}})

    # One sweep by hand: ONE status tree for the three nodes.
    checker = detectors.Checker(engine.service.env, engine.service.env
                                .admin_context(), None)
    settings = health_policy.HealthSettings(
        interval=1, node_update_timeout=0, recovery_conditional='ANY_FAILED',
        modes=[health_policy.Mode('LB_STATUS_POLLING', {'interval': 1})],
        steps=[], fencing=[], node_delete_timeout=1, node_force_recreate=False)
    nodes = node_obj.Node.for_cluster(ctx, cluster_id)
    before = _status_tree_requests(engine, ctx)
    judged = health_manager.judge(checker, settings, nodes)
    assert _status_tree_requests(engine, ctx) - before == 1
    assert {v[0] for v in judged.values()} == {True}

    attach(app, ctx, cluster_id, health)
    victim = nodes[1]
    old_server = victim.physical_id
    old_member = victim.data['lb_member']
    before = _status_tree_requests(engine, ctx)
    started = time.monotonic()
    cloud.set_member_status(old_member, 'ERROR')

    def recovery_started():
        return node_obj.Node.get(ctx, victim.id).status == states.N_RECOVERING \
            or node_obj.Node.get(ctx, victim.id).physical_id != old_server
    services.wait_for(recovery_started, timeout=2 * interval + 1.5,
                      interval=0.05, what='recovery of the node')
    found_after = time.monotonic() - started
    assert found_after <= 2 * interval + 1.5, found_after

    def recovered():
        node = node_obj.Node.get(ctx, victim.id)
        return node.status == states.N_ACTIVE and \
            node.physical_id != old_server and \
            node.data.get('lb_member') not in (None, old_member)
    services.wait_for(recovered, timeout=60, what='the node recreated')
    # The recreated node's member is at its new address; the old one is gone.
    assert old_member not in members(cloud)
    assert_members_are_the_nodes(cloud, ctx, cluster_id)
    # One status tree per sweep: at most one per interval (plus the
    # ladder's checks of the one node), never one per member.
    sweeps = (time.monotonic() - started) / interval + 1
    trees = _status_tree_requests(engine, ctx) - before
    assert trees <= sweeps + 40, (trees, sweeps)


def _pool_members(cloud, app, cluster_id, policy_id):
    pool = show(app, cluster_id)['data']['loadbalancers'][policy_id]['pool']
    return {k: m for k, m in members(cloud).items() if m['pool_id'] == pool}


def test_every_growth_and_shrink_keeps_the_pool_right(app, ctx, cloud):
    """Resize (both ways), node create and delete, add, delete and replace
    nodes: the pool holds exactly the cluster's nodes after each."""
    profile = make_profile(app, 'lb-paths', example('nova-server-cirros.yaml'))
    cluster_id = make_cluster(app, ctx, 'lb-paths', profile, 2)
    policy_id = make_policy(app, 'lb-paths', lb_spec('1.0'))
    attach(app, ctx, cluster_id, policy_id)
    actions = '/v1/clusters/%s/actions' % cluster_id

    def check(size):
        assert len(_pool_members(cloud, app, cluster_id, policy_id)) == size
        assert_members_are_the_nodes(cloud, ctx, cluster_id)

    act(app, ctx, actions, {'resize': {'adjustment_type': 'EXACT_CAPACITY',
                                       'number': 4}})
    check(4)
    act(app, ctx, actions, {'resize': {'adjustment_type': 'CHANGE_IN_CAPACITY',
                                       'number': -1}})
    check(3)
    # A node made in the cluster by request, then deleted by request.
    status, body, response = call(app, 'POST', '/v1/nodes', {'node': {
        'name': 'lb-extra', 'profile_id': profile['id'],
        'cluster_id': cluster_id}})
    assert status == 202, body
    wait_api_action(app, ctx, response)
    check(4)
    extra = body['node']['id']
    status, body, response = call(app, 'DELETE', '/v1/nodes/%s' % extra)
    assert status == 202, body
    wait_api_action(app, ctx, response)
    check(3)
    # Orphans added, one deleted from the cluster, one replaced.
    orphans = []
    for name in ('lb-orphan-1', 'lb-orphan-2'):
        status, body, response = call(app, 'POST', '/v1/nodes', {'node': {
            'name': name, 'profile_id': profile['id']}})
        assert status == 202, body
        wait_api_action(app, ctx, response)
        orphans.append(body['node']['id'])
    act(app, ctx, actions, {'add_nodes': {'nodes': [orphans[0]]}})
    check(4)
    assert orphans[0] in {n.id for n in node_obj.Node.for_cluster(ctx,
                                                                  cluster_id)}
    act(app, ctx, actions, {'del_nodes': {'nodes': [orphans[0]]}})
    check(3)
    assert 'lb_member' not in node_obj.Node.get(ctx, orphans[0]).data
    old = node_obj.Node.for_cluster(ctx, cluster_id)[0]
    act(app, ctx, actions, {'replace_nodes': {'nodes': {old.id: orphans[1]}}})
    check(3)
    assert orphans[1] in {n.id for n in node_obj.Node.for_cluster(ctx,
                                                                  cluster_id)}
    assert old.data['lb_member'] not in members(cloud)
    lb_id = show(app, cluster_id)['data']['loadbalancers'][policy_id][
        'loadbalancer']
    detach(app, ctx, cluster_id, policy_id)
    assert lb_id not in octavia(cloud, 'loadbalancers')


def test_offline_longer_than_the_interval_is_unhealthy(app, ctx, cloud, engine):
    profile = make_profile(app, 'lb-offline', example('nova-server-cirros.yaml'))
    cluster_id = make_cluster(app, ctx, 'lb-offline', profile, 2)
    policy_id = make_policy(app, 'lb-offline', lb_spec())
    attach(app, ctx, cluster_id, policy_id)
    env = engine.service.env
    checker = detectors.Checker(env, env.admin_context(), None)
    nodes = node_obj.Node.for_cluster(ctx, cluster_id)
    down, up = nodes
    cloud.set_member_status(down.data['lb_member'], 'OFFLINE')
    options = {'interval': 0.5}
    first = detectors.lb_status_polling(checker, nodes, options)
    assert first[down.id][0] is None and 'OFFLINE' in first[down.id][1]
    assert first[up.id] == (True, None)
    time.sleep(0.6)
    later = detectors.lb_status_polling(checker, nodes, options)
    assert later[down.id][0] is False and 'OFFLINE for' in later[down.id][1]
    cloud.set_member_status(down.data['lb_member'], 'ERROR')
    assert detectors.lb_status_polling(checker, nodes, options)[down.id][0] \
        is False
    cloud.set_member_status(down.data['lb_member'], None)
    assert detectors.lb_status_polling(checker, nodes, options)[down.id] == \
        (True, None)
    # Combined: ALL_FAILED needs the server to fail too.
    cloud.set_member_status(down.data['lb_member'], 'ERROR')
    settings = health_policy.HealthSettings(
        interval=1, node_update_timeout=0, recovery_conditional='ALL_FAILED',
        modes=[health_policy.Mode('NODE_STATUS_POLLING', {}),
               health_policy.Mode('LB_STATUS_POLLING', {'interval': 1})],
        steps=[], fencing=[], node_delete_timeout=1, node_force_recreate=False)
    assert health_manager.judge(checker, settings, nodes)[down.id][0] is True
    settings.recovery_conditional = 'ANY_FAILED'
    assert health_manager.judge(checker, settings, nodes)[down.id][0] is False
    cloud.set_member_status(down.data['lb_member'], None)
    detach(app, ctx, cluster_id, policy_id)


def test_a_binding_imported_from_senlin_is_detached_by_its_data(
        app, ctx, cloud, engine):
    """Senlin's binding data (no 'made'): detach deletes the load balancer it
    made, and the members' ids it kept in the nodes are read."""
    profile = make_profile(app, 'lb-senlin', example('nova-server-cirros.yaml'))
    cluster_id = make_cluster(app, ctx, 'lb-senlin', profile, 2)
    policy_id = make_policy(app, 'lb-senlin', lb_spec())
    attach(app, ctx, cluster_id, policy_id)
    binding = cluster_obj.ClusterPolicy.find(ctx, cluster_id, policy_id)
    data = dict(binding.data['LoadBalancingPolicy']['data'])
    lb_id = data['loadbalancer']
    senlin = {k: data[k] for k in ('loadbalancer', 'listener', 'pool',
                                   'healthmonitor', 'vip_address')}
    cluster_obj.ClusterPolicy.update(ctx, binding.id, data={
        'LoadBalancingPolicy': {'version': '1.0', 'data': senlin}})
    # Growth still works from Senlin's data (the spec gives the subnet).
    act(app, ctx, '/v1/clusters/%s/actions' % cluster_id,
        {'scale_out': {'count': 1}})
    assert len([m for m in members(cloud).values()
                if m['pool_id'] == data['pool']]) == 3
    detach(app, ctx, cluster_id, policy_id)
    assert lb_id not in octavia(cloud, 'loadbalancers')


def test_deleting_the_cluster_detaches_the_policy(app, ctx, cloud):
    profile = make_profile(app, 'lb-gone', example('nova-server-cirros.yaml'))
    cluster_id = make_cluster(app, ctx, 'lb-gone', profile, 2)
    policy_id = make_policy(app, 'lb-gone', lb_spec())
    attach(app, ctx, cluster_id, policy_id)
    lb_id = show(app, cluster_id)['data']['loadbalancers'][policy_id][
        'loadbalancer']
    status, body, response = call(app, 'DELETE', '/v1/clusters/%s' % cluster_id)
    assert status == 202, body
    wait_api_action(app, ctx, response)
    assert lb_id not in octavia(cloud, 'loadbalancers')


def test_scale_in_with_zone_placement_removes_the_spread_victims_members(
        app, ctx, cloud):
    profile = make_profile(app, 'lb-zones', example('nova-server-cirros.yaml'))
    cluster_id = make_cluster(app, ctx, 'lb-zones', profile, 0)
    actions = '/v1/clusters/%s/actions' % cluster_id
    act(app, ctx, actions, {'policy_attach': {'policy_id': make_policy(
        app, 'lb-zones-place', {'type': 'senlin.policy.zone_placement',
                                'version': '1.0', 'properties': {'zones': [
                                    {'name': 'az1'}, {'name': 'az2'}]}})}})
    policy_id = make_policy(app, 'lb-zones', lb_spec())
    attach(app, ctx, cluster_id, policy_id)
    act(app, ctx, actions, {'scale_out': {'count': 4}})
    assert len(_pool_members(cloud, app, cluster_id, policy_id)) == 4
    zones = {s['id']: s['availability_zone'] for s in cloud.list_all_servers()}

    def spread():
        found = {}
        for node in node_obj.Node.for_cluster(ctx, cluster_id):
            zone = zones[node.physical_id]
            found[zone] = found.get(zone, 0) + 1
        return found
    assert spread() == {'az1': 2, 'az2': 2}
    act(app, ctx, actions, {'scale_in': {'count': 2}})
    # One victim per zone, as the placement policy ranked them, and exactly
    # their members gone.
    assert spread() == {'az1': 1, 'az2': 1}
    assert len(_pool_members(cloud, app, cluster_id, policy_id)) == 2
    assert_members_are_the_nodes(cloud, ctx, cluster_id)
    detach(app, ctx, cluster_id, policy_id)


def test_a_member_added_but_not_recorded_is_kept_not_added_twice(app, ctx, cloud):
    """An AFTER check whose engine died between Octavia's member create and
    the node's record runs again: the member at the node's address becomes
    the node's (Octavia refuses a second one with 409)."""
    profile = make_profile(app, 'lb-unrecorded', example('nova-server-cirros.yaml'))
    cluster_id = make_cluster(app, ctx, 'lb-unrecorded', profile, 2)
    policy_id = make_policy(app, 'lb-unrecorded', lb_spec())
    attach(app, ctx, cluster_id, policy_id)
    node = node_obj.Node.for_cluster(ctx, cluster_id)[0]
    kept = node.data['lb_member']
    # What the dead engine left: the member in the pool, not in the node.
    node_obj.Node.update(ctx, node.id, data={
        k: v for k, v in node.data.items()
        if k not in ('lb_member', 'lb_member_for')})
    act(app, ctx, '/v1/clusters/%s/actions' % cluster_id,
        {'scale_out': {'count': 1}})
    assert len(_pool_members(cloud, app, cluster_id, policy_id)) == 3
    assert_members_are_the_nodes(cloud, ctx, cluster_id)
    assert node_obj.Node.get(ctx, node.id).data['lb_member'] == kept
