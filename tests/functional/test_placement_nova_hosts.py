"""Zone placement and anti-affinity on the real Nova anchor with three more
compute hosts (tests/nova_hosts.py: nova-compute processes with the fake virt
driver, started for this module and removed after it), through a real
in-process engine on MariaDB.  Where the servers went is read back from Nova.

- zones: az1 (two hosts) and az2 (one host) with weights 2:1; a scale-out 0 -> 9
  puts 6 servers in az1 and 3 in az2, a scale-in to 6 leaves 4 and 2;
- anti-affinity in a zone of exactly the three hosts: three nodes on three
  hosts, a fourth fails with Nova's "No valid host" and the cluster is WARNING.

The servers use the run's flavor, which fits the extra hosts while the other
tests' flavors do not, so the other tests of the shared anchor never land on
them (see tests/nova_hosts.py).
"""

import collections
import uuid

import pytest

from clusterd.objects import node as node_obj
from clusterd.objects import profile as profile_obj
from clusterd import states
from tests import databases
from tests import engines
from tests import nova_hosts as nova_hosts_mod
from tests.nova_anchor import FLAVOR, IMAGE
from tests.functional.test_placement_nova import _act, _cluster, _policy, _servers
from tests.nova_anchor import nova_anchor  # noqa: F401  (a session fixture)

RUN = uuid.uuid4().hex[:8]


@pytest.fixture(scope='module')
def database(tmp_path_factory):
    with databases.migrated_database('mysql', tmp_path_factory.mktemp('db')) as db:
        yield db


@pytest.fixture(scope='module')
def hosts(nova_anchor):  # noqa: F811
    extra = nova_hosts_mod.NovaHosts(nova_anchor, count=3).start()
    try:
        yield extra
    finally:
        extra.close()
        print('\nextra hosts: %s' % ', '.join(
            '%s %.1f s' % item for item in sorted(extra.timings.items())))


@pytest.fixture(scope='module')
def engine(database, nova_anchor, hosts):  # noqa: F811
    running = engines.Engine(database, cloud_call_threads=10)
    nova_anchor.configure(running.conf)
    with running:
        yield running


def _profile(ctx, hosts, name):
    return profile_obj.Profile.create(
        ctx, name=name, type='os.nova.server-1.0', project=ctx.project_id,
        user=ctx.user_id, spec={'type': 'os.nova.server', 'version': '1.0',
                                'properties': {'flavor': hosts.flavor,
                                               'image': IMAGE}})


def _spread(nova_anchor, hosts, ctx):  # noqa: F811
    """({zone: servers}, {zone: {host: servers}}) as Nova has them."""
    servers = _servers(nova_anchor, ctx)
    on = hosts.hosts_of(servers)
    zones = collections.Counter(s.availability_zone for s in servers.values())
    by_host = collections.defaultdict(collections.Counter)
    for server_id, server in servers.items():
        by_host[server.availability_zone][on[server_id]] += 1
    return dict(zones), {z: dict(c) for z, c in by_host.items()}


def test_zone_weights_over_three_real_hosts(database, engine, nova_anchor,  # noqa: F811
                                            hosts):
    a, b, c = hosts.hosts
    az1, az2 = 'az1-%s' % RUN, 'az2-%s' % RUN
    with hosts.zones({az1: [a, b], az2: [c]}):
        ctx = engines.user_context(database, project='p-zones-%s' % RUN,
                                   user='u-zones')
        profile = _profile(ctx, hosts, 'zones-%s' % RUN)
        cluster = _cluster(ctx, engine, profile)
        policy = _policy(ctx, 'senlin.policy.zone_placement', zones=[
            {'name': az1, 'weight': 2}, {'name': az2, 'weight': 1}])
        done = _act(ctx, engine, cluster.id, 'CLUSTER_ATTACH_POLICY',
                    {'policy_id': policy.id})
        assert done.status == states.SUCCEEDED, done.status_reason

        done = _act(ctx, engine, cluster.id, 'CLUSTER_SCALE_OUT', {'count': 9})
        assert done.status == states.SUCCEEDED, done.status_reason
        zones, by_host = _spread(nova_anchor, hosts, ctx)
        print('\nscale-out 0 -> 9: %s, hosts %s' % (zones, by_host))
        assert zones == {az1: 6, az2: 3}
        assert set(by_host[az1]) <= {a, b} and set(by_host[az2]) == {c}
        servers = _servers(nova_anchor, ctx)
        nodes = node_obj.Node.for_cluster(ctx, cluster.id)
        assert sorted(servers) == sorted(n.physical_id for n in nodes)
        for node in nodes:
            assert node.data['placement']['zone'] == \
                servers[node.physical_id].availability_zone

        done = _act(ctx, engine, cluster.id, 'CLUSTER_SCALE_IN', {'count': 3})
        assert done.status == states.SUCCEEDED, done.status_reason
        zones, by_host = _spread(nova_anchor, hosts, ctx)
        print('scale-in 9 -> 6: %s, hosts %s' % (zones, by_host))
        assert zones == {az1: 4, az2: 2}

        done = _act(ctx, engine, cluster.id, 'CLUSTER_DELETE')
        assert done.status == states.SUCCEEDED, done.status_reason
        assert _servers(nova_anchor, ctx) == {}


def test_anti_affinity_over_three_real_hosts(database, engine,
                                             nova_anchor, hosts):  # noqa: F811
    # A zone of exactly the three extra hosts: the anchor's own host is not a
    # candidate, and each host has room for many more servers, so the fourth
    # node has no valid host only because of the anti-affinity.
    zone = 'azall-%s' % RUN
    with hosts.zones({zone: list(hosts.hosts)}):
        ctx = engines.user_context(database, project='p-anti-%s' % RUN,
                                   user='u-anti')
        conn = nova_anchor.connect(ctx.user_id, ctx.project_id)
        profile = _profile(ctx, hosts, 'anti-%s' % RUN)
        cluster = _cluster(ctx, engine, profile)
        policy = _policy(ctx, 'senlin.policy.affinity', availability_zone=zone,
                         servergroup={'policies': 'anti-affinity'})
        done = _act(ctx, engine, cluster.id, 'CLUSTER_ATTACH_POLICY',
                    {'policy_id': policy.id})
        assert done.status == states.SUCCEEDED, done.status_reason
        groups = [g for g in conn.compute.server_groups()
                  if g.name == 'clusterd-%s' % cluster.id]
        assert len(groups) == 1

        done = _act(ctx, engine, cluster.id, 'CLUSTER_SCALE_OUT', {'count': 3})
        assert done.status == states.SUCCEEDED, done.status_reason
        nodes = node_obj.Node.for_cluster(ctx, cluster.id)
        on = hosts.hosts_of([n.physical_id for n in nodes])
        print('\nanti-affinity, 3 nodes on: %s' % sorted(on.values()))
        assert sorted(on.values()) == sorted(hosts.hosts)
        assert set(conn.compute.get_server_group(groups[0].id).member_ids) == \
            set(on)

        failed = _act(ctx, engine, cluster.id, 'CLUSTER_SCALE_OUT', {'count': 1})
        assert failed.status == states.FAILED
        bad = [n for n in node_obj.Node.for_cluster(ctx, cluster.id)
               if n.status == states.N_ERROR]
        assert len(bad) == 1
        print('4th node: %s' % bad[0].status_reason)
        assert 'No valid host was found' in bad[0].status_reason, \
            bad[0].status_reason
        assert 'No valid host was found' in failed.status_reason, \
            failed.status_reason
        assert engines.cluster(ctx, cluster.id).status == states.C_WARNING

        done = _act(ctx, engine, cluster.id, 'CLUSTER_DETACH_POLICY',
                    {'policy_id': policy.id})
        assert done.status == states.SUCCEEDED, done.status_reason
        assert not [g for g in conn.compute.server_groups()
                    if g.id == groups[0].id]
        done = _act(ctx, engine, cluster.id, 'CLUSTER_DELETE')
        assert done.status == states.SUCCEEDED, done.status_reason
        assert _servers(nova_anchor, ctx) == {}


def test_the_other_tests_servers_do_not_fit_on_the_extra_hosts(nova_anchor,  # noqa: F811
                                                                hosts):
    # What keeps the shared anchor's other tests off these hosts: m1.tiny
    # (their smallest flavor) has no room on them, even in a zone of only them.
    zone = 'aztiny-%s' % RUN
    with hosts.zones({zone: list(hosts.hosts)}):
        conn = nova_anchor.connect('u-tiny', 'p-tiny-%s' % RUN)
        flavor = conn.compute.find_flavor(FLAVOR, ignore_missing=False)
        server = conn.compute.create_server(
            name='tiny-%s' % RUN, flavor_id=flavor.id, image_id=IMAGE,
            networks='none', availability_zone=zone)
        try:
            server = conn.compute.wait_for_server(server, status='ERROR',
                                                  failures=['ACTIVE'], wait=120)
            assert 'No valid host was found' in server.fault['message']
        finally:
            conn.compute.delete_server(server)
            conn.compute.wait_for_delete(server, wait=120)
