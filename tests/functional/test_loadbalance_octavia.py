"""``senlin.policy.loadbalance`` and LB_STATUS_POLLING against the real
Octavia of shared/anchors/octavia (Octavia 19, no-op amphorae whose fake
heartbeats make members ONLINE, and ERROR when ``member-status.json`` says
DOWN), as the Keystone user ``demo``.  The cluster's nodes are servers of the
simulated cloud (the Nova anchor gives its servers no addresses); with
``[simulated] load_balancer_cloud`` the policy talks to the real Octavia.

The fixtures start the Keystone and Octavia anchors (tests.keystone_anchor,
tests.octavia_anchor) and stop what they started; without them the tests skip,
or fail with CLUSTERD_TEST_REQUIRE_SERVICES=1.
"""

import contextlib
import fcntl
import json
import os
import time

import openstack
from openstack import config as sdk_config
import pytest
import yaml

from clusterd.api import deploy
from clusterd.drivers import backends
from clusterd.health import detectors
from clusterd.health import manager as health_manager
from clusterd.objects import node as node_obj
from clusterd.policies import health as health_policy
from clusterd import states
from tests import engines
from tests import octavia_anchor
from tests import services
from tests.functional.test_loadbalance import lb_spec, make_policy
from tests.functional.test_simulated_openstack import (  # noqa: F401 - fixtures
    act, call, ctx, db, example, make_cluster, make_profile)

MEMBER_STATUS = os.environ.get('CLUSTERD_OCTAVIA_MEMBER_STATUS',
                               '/tmp/octavia-run/member-status.json')
# (Octavia's own path is /v2.0/..., the simulated one's /v2/...)
STATUS_TREE = '/lbaas/loadbalancers/{id}/status'


@pytest.fixture(scope='module')
def octavia(keystone):
    with octavia_anchor.running(keystone) as url:
        yield url


@pytest.fixture(scope='module')
def clouds_file(keystone, octavia, tmp_path_factory):
    cloud = {'auth': {'auth_url': keystone + '/v3', 'username': 'demo',
                      'password': 'demo', 'project_name': 'demo',
                      'user_domain_id': 'default',
                      'project_domain_id': 'default'},
             'region_name': 'RegionOne', 'identity_api_version': 3}
    path = tmp_path_factory.mktemp('clouds') / 'clouds.yaml'
    path.write_text(yaml.safe_dump({'clouds': {'octavia-anchor': cloud}}))
    return str(path)


@pytest.fixture(scope='module')
def sdk(clouds_file):
    """openstacksdk as demo: what the test checks Octavia with."""
    region = sdk_config.OpenStackConfig(config_files=[clouds_file]).get_one(
        cloud='octavia-anchor')
    return openstack.connection.Connection(config=region).load_balancer


@pytest.fixture(scope='module')
def engine(db, clouds_file):  # noqa: F811
    running = engines.Engine(db, groups={
        None: {'cloud_backend': 'simulated'},
        'simulated': {'build_seconds': 0.1, 'poll_interval': 0.05,
                      'load_balancer_cloud': 'octavia-anchor'},
        'openstack': {'poll_interval': 0.2, 'clouds_file': clouds_file},
        'api': {'auth_strategy': 'noauth'},
        'health': {'interval_min': 1, 'manager_tick': 0.1},
    })
    with running:
        yield running


@pytest.fixture(scope='module')
def app(engine, db):  # noqa: F811
    return deploy.make_app(engine.conf, db)


@pytest.fixture(scope='module')
def cloud(engine):
    return backends.clouds(engine.conf).cloud


@pytest.fixture
def cleanup(sdk):
    """Load balancers to delete at the end, whatever happens."""
    made = []
    yield made
    for lb_id in made:
        with contextlib.suppress(Exception):
            if sdk.find_load_balancer(lb_id) is not None:
                _wait_settled(sdk, lb_id)
                sdk.delete_load_balancer(lb_id, cascade=True)


def _wait_settled(sdk, lb_id, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        lb = sdk.get_load_balancer(lb_id)
        if not lb.provisioning_status.startswith('PENDING_'):
            return lb
        time.sleep(0.3)
    raise AssertionError('load balancer %s stays %s' % (lb_id,
                                                        lb.provisioning_status))


def _members(sdk, pool_id):
    return {m.id: m for m in sdk.members(pool_id)}


def _wait_online(sdk, pool_id, count, timeout=60):
    def online():
        found = _members(sdk, pool_id)
        return len(found) == count and all(
            m.operating_status == 'ONLINE' for m in found.values())
    services.wait_for(online, timeout=timeout, interval=0.5,
                      what='%d ONLINE members' % count)
    return _members(sdk, pool_id)


def _addresses(cloud, ctx, cluster_id):
    servers = {s['id']: s for s in cloud.list_all_servers()}
    return {n.id: servers[n.physical_id]['addresses']['private'][0]['addr']
            for n in node_obj.Node.for_cluster(ctx, cluster_id)}


def _shown(app, cluster_id, policy_id):
    status, body, _ = call(app, 'GET', '/v1/clusters/%s' % cluster_id)
    assert status == 200, body
    return body['cluster']['data'].get('loadbalancers', {}).get(policy_id)


@contextlib.contextmanager
def _member_down(member_id):
    """The fake amphora reports the member DOWN (the anchor's override file is
    shared: other entries are kept)."""
    def change(update):
        with open('/tmp/clusterd-member-status.lock', 'a') as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                with open(MEMBER_STATUS) as f:
                    current = json.load(f)
            except (OSError, ValueError):
                current = {}
            update(current)
            if not current:
                # As the anchor is without overrides: no file.
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(MEMBER_STATUS)
                return
            tmp = MEMBER_STATUS + '.clusterd-tmp'
            with open(tmp, 'w') as f:
                json.dump(current, f)
            os.replace(tmp, MEMBER_STATUS)
    change(lambda current: current.update({member_id: 'DOWN'}))
    try:
        yield
    finally:
        change(lambda current: current.pop(member_id, None))


def test_attach_scale_out_scale_in_detach_on_octavia(app, ctx, cloud, sdk,
                                                     cleanup):
    profile = make_profile(app, 'oct-web', example('nova-server-cirros.yaml'))
    cluster_id = make_cluster(app, ctx, 'oct-web', profile, 3)
    policy_id = make_policy(app, 'oct-lb', lb_spec('1.3'))
    action = act(app, ctx, '/v1/clusters/%s/actions' % cluster_id,
                 {'policy_attach': {'policy_id': policy_id}}, timeout=180)
    shown = _shown(app, cluster_id, policy_id)
    assert shown is not None, action.status_reason
    cleanup.append(shown['loadbalancer'])
    lb = sdk.get_load_balancer(shown['loadbalancer'])
    assert lb.provisioning_status == 'ACTIVE'
    assert shown['vip_address'] == lb.vip_address
    pool = sdk.get_pool(shown['pool'])
    assert pool.lb_algorithm == 'ROUND_ROBIN'
    assert sdk.get_health_monitor(shown['healthmonitor']).type == 'HTTP'
    assert sdk.get_listener(shown['listener']).protocol_port == 80

    # 3 nodes: 3 ONLINE members at the nodes' addresses.
    found = _wait_online(sdk, pool.id, 3)
    where = _addresses(cloud, ctx, cluster_id)
    assert sorted(m.address for m in found.values()) == sorted(where.values())

    # Scale out by 2: 5.
    act(app, ctx, '/v1/clusters/%s/actions' % cluster_id,
        {'scale_out': {'count': 2}}, timeout=180)
    found = _wait_online(sdk, pool.id, 5)
    assert sorted(m.address for m in found.values()) == sorted(
        _addresses(cloud, ctx, cluster_id).values())

    # Scale in by 2, held 3 s by the deletion policy's grace period: the
    # victims' members are gone from Octavia while their nodes still exist.
    act(app, ctx, '/v1/clusters/%s/actions' % cluster_id, {'policy_attach': {
        'policy_id': make_policy(app, 'oct-del', {
            'type': 'senlin.policy.deletion', 'version': '1.1', 'properties': {
                'criteria': 'OLDEST_FIRST', 'grace_period': 3}})}})
    nodes = node_obj.Node.for_cluster(ctx, cluster_id)
    victims = {n.id: n.data['lb_member'] for n in nodes[:2]}
    victim_servers = {n.physical_id for n in nodes[:2]}
    status, body, _ = call(app, 'POST', '/v1/clusters/%s/actions' % cluster_id,
                           {'scale_in': {'count': 2}})
    assert status == 202, body
    seen_before_delete = False
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        members_now = set(_members(sdk, pool.id))
        still = node_obj.Node.for_cluster(ctx, cluster_id, ids=list(victims))
        live = {s['id'] for s in cloud.list_all_servers()}
        if not set(victims.values()) & members_now and len(still) == 2 and \
                victim_servers <= live:
            seen_before_delete = True
        if not still:
            break
        # A victim's node never goes while its member is still there.
        if len(still) < 2:
            assert not set(victims.values()) & members_now
        time.sleep(0.2)
    assert seen_before_delete
    found = _wait_online(sdk, pool.id, 3)
    assert sorted(m.address for m in found.values()) == sorted(
        _addresses(cloud, ctx, cluster_id).values())

    # Detach: nothing of the policy's is left in Octavia.
    act(app, ctx, '/v1/clusters/%s/actions' % cluster_id,
        {'policy_detach': {'policy_id': policy_id}}, timeout=180)
    assert sdk.find_load_balancer(shown['loadbalancer']) is None
    assert sdk.find_listener(shown['listener']) is None
    assert sdk.find_pool(shown['pool']) is None
    assert sdk.find_health_monitor(shown['healthmonitor']) is None
    assert _shown(app, cluster_id, policy_id) is None


def test_an_adopted_octavia_load_balancer_stays(app, ctx, cloud, sdk, cleanup):
    subnet = cloud.find('subnets', 'public-subnet').id
    lb = sdk.create_load_balancer(name='oct-existing', vip_subnet_id=subnet)
    cleanup.append(lb.id)
    _wait_settled(sdk, lb.id)
    profile = make_profile(app, 'oct-adopt', example('nova-server-cirros.yaml'))
    cluster_id = make_cluster(app, ctx, 'oct-adopt', profile, 2)
    policy_id = make_policy(app, 'oct-adopt', lb_spec('1.1', loadbalancer=lb.id))
    act(app, ctx, '/v1/clusters/%s/actions' % cluster_id,
        {'policy_attach': {'policy_id': policy_id}}, timeout=180)
    shown = _shown(app, cluster_id, policy_id)
    assert shown['loadbalancer'] == lb.id
    _wait_online(sdk, shown['pool'], 2)
    act(app, ctx, '/v1/clusters/%s/actions' % cluster_id,
        {'policy_detach': {'policy_id': policy_id}}, timeout=180)
    kept = sdk.get_load_balancer(lb.id)
    assert kept.provisioning_status == 'ACTIVE'
    assert sdk.find_pool(shown['pool']) is None
    assert sdk.find_listener(shown['listener']) is None


def _tree_requests(engine):
    return sum(count for c in backends.clouds(engine.conf).computes()
               for key, count in c.request_counts().items()
               if key.startswith('GET ') and key.endswith(STATUS_TREE))


def test_a_member_down_makes_its_node_unhealthy_and_recovered(
        app, ctx, cloud, sdk, engine, cleanup):
    profile = make_profile(app, 'oct-health', example('nova-server-cirros.yaml'))
    cluster_id = make_cluster(app, ctx, 'oct-health', profile, 3)
    policy_id = make_policy(app, 'oct-health', lb_spec('1.2'))
    act(app, ctx, '/v1/clusters/%s/actions' % cluster_id,
        {'policy_attach': {'policy_id': policy_id}}, timeout=180)
    shown = _shown(app, cluster_id, policy_id)
    cleanup.append(shown['loadbalancer'])
    _wait_online(sdk, shown['pool'], 3)

    # One sweep: ONE status tree request for the three members.
    env = engine.service.env
    checker = detectors.Checker(env, env.admin_context(), None)
    settings = health_policy.HealthSettings(
        interval=2, node_update_timeout=0, recovery_conditional='ALL_FAILED',
        modes=[health_policy.Mode('LB_STATUS_POLLING', {'interval': 2})],
        steps=[], fencing=[], node_delete_timeout=1, node_force_recreate=False)
    nodes = node_obj.Node.for_cluster(ctx, cluster_id)
    before = _tree_requests(engine)
    judged = health_manager.judge(checker, settings, nodes)
    assert _tree_requests(engine) - before == 1, [
        c.request_counts() for c in backends.clouds(engine.conf).computes()]
    assert {v[0] for v in judged.values()} == {True}, judged

    interval = 2
    act(app, ctx, '/v1/clusters/%s/actions' % cluster_id, {'policy_attach': {
        'policy_id': make_policy(app, 'oct-watch', {
            'type': 'senlin.policy.health', 'version': '1.1', 'properties': {
                'detection': {'interval': interval, 'node_update_timeout': 0,
                              'detection_modes': [
                                  {'type': 'LB_STATUS_POLLING'}]},
                'recovery': {'actions': [{'name': 'RECREATE'}]}}})}})
    victim = nodes[0]
    member = victim.data['lb_member']
    before = _tree_requests(engine)
    with _member_down(member):
        def member_error():
            return sdk.get_member(member, shown['pool']).operating_status == \
                'ERROR'
        services.wait_for(member_error, timeout=30, interval=0.2,
                          what='Octavia reports the member ERROR')
        started = time.monotonic()

        def recovery_started():
            node = node_obj.Node.get(ctx, victim.id)
            return node.status == states.N_RECOVERING or \
                node.physical_id != victim.physical_id
        services.wait_for(recovery_started, timeout=2 * interval + 1,
                          interval=0.05, what='recovery within two intervals')
        found_after = time.monotonic() - started

        def recovered():
            node = node_obj.Node.get(ctx, victim.id)
            return node.status == states.N_ACTIVE and \
                node.data.get('lb_member') not in (None, member)
        services.wait_for(recovered, timeout=120, interval=0.2,
                          what='the node recreated and back in the pool')
    elapsed = time.monotonic() - started
    assert found_after <= 2 * interval + 1
    found = _wait_online(sdk, shown['pool'], 3)
    assert member not in found
    assert sorted(m.address for m in found.values()) == sorted(
        _addresses(cloud, ctx, cluster_id).values())
    trees = _tree_requests(engine) - before
    # One per sweep (one LB), plus the ladder's checks of the one node.
    assert trees <= elapsed / interval + 2 + elapsed / 0.5, (trees, elapsed)
    print('member ERROR -> recovery started after %.1f s; %d status trees in '
          '%.1f s' % (found_after, trees, elapsed))
    act(app, ctx, '/v1/clusters/%s/actions' % cluster_id,
        {'policy_detach': {'policy_id': policy_id}}, timeout=180)
