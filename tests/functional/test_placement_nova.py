"""Zone placement and affinity against the real Nova anchor (nova-api,
conductor, scheduler, one compute host with the fake virt driver), through a
real in-process engine on MariaDB.  What Nova did is read back from Nova.

The anchor has ONE compute host (``anchor-compute``, zone ``nova``), and Nova
refuses to move a host that has servers (any project's: the anchor is shared)
into another zone.  The 6/3 split over two zones and "3 nodes on 3 hosts" run
in test_placement_nova_hosts.py, on three more compute hosts it starts (and on
the simulated cloud, test_placement_policies.py).  Here: the zone check against Nova's zone list
(a zone made through os-aggregates without a host is not one Nova offers), the
zone Nova boots each server in, the fallback from a zone Nova refuses, and
anti-affinity over the one host (the second node fails with Nova's reason).
"""

import uuid

import pytest

from clusterd.engine import requests
from clusterd.objects import base as objects_base
from clusterd.objects import event as event_obj
from clusterd.objects import node as node_obj
from clusterd.objects import policy as policy_obj
from clusterd.objects import profile as profile_obj
from clusterd import plugins
from clusterd.profiles import nova_server
from clusterd import schema
from clusterd import states
from tests import databases
from tests import engines
from tests.nova_anchor import FLAVOR, IMAGE
from tests.nova_anchor import nova_anchor  # noqa: F401  (a session fixture)

RUN = uuid.uuid4().hex[:8]


@pytest.fixture(scope='module')
def database(tmp_path_factory):
    with databases.migrated_database('mysql', tmp_path_factory.mktemp('db')) as db:
        yield db


@pytest.fixture(scope='module')
def engine(database, nova_anchor):  # noqa: F811
    running = engines.Engine(database, cloud_call_threads=10)
    nova_anchor.configure(running.conf)
    with running:
        yield running


@pytest.fixture(scope='module')
def hostless_zone(nova_anchor):  # noqa: F811
    """A zone made through Nova's os-aggregates API, with no host in it."""
    admin = nova_anchor.connect()
    zone = 'az-clusterd-%s' % RUN
    aggregate = admin.compute.create_aggregate(name='clusterd-%s' % RUN,
                                               availability_zone=zone)
    try:
        yield zone
    finally:
        admin.compute.delete_aggregate(aggregate)


def _context(database, nova_anchor, name):  # noqa: F811
    ctx = engines.user_context(database, project='p-%s-%s' % (name, RUN),
                               user='u-' + name)
    conn = nova_anchor.connect(ctx.user_id, ctx.project_id)
    for server in list(conn.compute.servers()):
        conn.compute.delete_server(server)
        conn.compute.wait_for_delete(server, interval=0.5, wait=120)
    return ctx


def _profile(ctx, name):
    return profile_obj.Profile.create(
        ctx, name=name, type='os.nova.server-1.0', project=ctx.project_id,
        user=ctx.user_id, spec={'type': 'os.nova.server', 'version': '1.0',
                                'properties': {'flavor': FLAVOR, 'image': IMAGE}})


def _policy(ctx, kind, **properties):
    return policy_obj.Policy.create(
        ctx, id=objects_base.new_id(), name='%s-%s' % (kind.rsplit('.', 1)[1], RUN),
        type=kind + '-1.0', project=ctx.project_id, user=ctx.user_id,
        spec={'type': kind, 'version': '1.0', 'properties': properties})


def _cluster(ctx, engine, profile):
    cluster, action = requests.create_cluster(
        ctx, 3600, name='c-%s' % profile.name, profile_id=profile.id,
        desired_capacity=0, min_size=0, max_size=-1)
    engine.wake()
    assert engines.wait_action(ctx, action.id).status == states.SUCCEEDED
    return cluster


def _act(ctx, engine, cluster_id, name, inputs=None, timeout=300):
    action = requests.cluster_action(ctx, engines.cluster(ctx, cluster_id), name,
                                     inputs or {})
    engine.wake()
    return engines.wait_action(ctx, action.id, timeout=timeout)


def _servers(nova_anchor, ctx):  # noqa: F811
    conn = nova_anchor.connect(ctx.user_id, ctx.project_id)
    return {s.id: s for s in conn.compute.servers(details=True)
            if s.status != 'DELETED'}


def test_zones_are_checked_against_nova_and_passed_to_it(database, engine,
                                                         nova_anchor,  # noqa: F811
                                                         hostless_zone):
    ctx = _context(database, nova_anchor, 'zones')
    # Nova offers only zones with a host: the aggregate's zone is refused.
    refused = _policy(ctx, 'senlin.policy.zone_placement', zones=[
        {'name': 'nova', 'weight': 2}, {'name': hostless_zone, 'weight': 1}])
    plugin = engine.service.env.policy(ctx, refused.id)
    with pytest.raises(schema.InvalidSpec, match="'%s'" % hostless_zone) as exc:
        plugin.validate_resources(ctx)
    assert exc.value.path == 'properties.zones[1].name'
    profile = _profile(ctx, 'zoned')
    cluster = _cluster(ctx, engine, profile)
    failed = _act(ctx, engine, cluster.id, 'CLUSTER_ATTACH_POLICY',
                  {'policy_id': refused.id})
    assert failed.status == states.FAILED
    assert hostless_zone in failed.status_reason

    # The zone Nova has: every server booted in it, as Nova reports.
    policy = _policy(ctx, 'senlin.policy.zone_placement',
                     zones=[{'name': 'nova'}])
    done = _act(ctx, engine, cluster.id, 'CLUSTER_ATTACH_POLICY',
                {'policy_id': policy.id})
    assert done.status == states.SUCCEEDED, done.status_reason
    done = _act(ctx, engine, cluster.id, 'CLUSTER_SCALE_OUT', {'count': 3})
    assert done.status == states.SUCCEEDED, done.status_reason
    nodes = node_obj.Node.for_cluster(ctx, cluster.id)
    servers = _servers(nova_anchor, ctx)
    assert sorted(servers) == sorted(n.physical_id for n in nodes)
    assert {s.availability_zone for s in servers.values()} == {'nova'}
    assert {n.data['placement']['zone'] for n in nodes} == {'nova'}
    done = _act(ctx, engine, cluster.id, 'CLUSTER_SCALE_IN', {'count': 2})
    assert done.status == states.SUCCEEDED, done.status_reason
    assert len(_servers(nova_anchor, ctx)) == 1
    done = _act(ctx, engine, cluster.id, 'CLUSTER_DELETE')
    assert done.status == states.SUCCEEDED, done.status_reason
    assert _servers(nova_anchor, ctx) == {}


def test_a_zone_nova_refuses_is_skipped_for_the_next_one(database, engine,
                                                         nova_anchor,  # noqa: F811
                                                         hostless_zone):
    # A zone that went away after the policy was attached: Nova refuses it
    # (400 "The requested availability zone is not available").
    ctx = _context(database, nova_anchor, 'fallback')
    stored = _profile(ctx, 'fallback')
    profile = plugins.profile_class(stored.type).from_object(stored, engine.conf)
    action_id = objects_base.new_id()
    nodes = []
    for index in range(2):
        node = node_obj.Node.create(ctx, name='n-fallback-%d' % index,
                                    profile_id=stored.id, data={'placement': {
                                        'zone': hostless_zone,
                                        'fallback_zones': ['nova'],
                                        'action': action_id}})
        nodes.append(node_obj.Node.get(ctx, node.id))
    results = profile.create_batch(ctx, nodes, nova_server._run_now)
    server_ids = [results[n.id].result(180) for n in nodes]
    servers = _servers(nova_anchor, ctx)
    assert sorted(servers) == sorted(server_ids)
    assert {s.availability_zone for s in servers.values()} == {'nova'}
    for node in nodes:
        assert node_obj.Node.get(ctx, node.id).data['placement']['zone'] == 'nova'
    events = [e for e in event_obj.Event.list_for(ctx, nodes[0].id) +
              event_obj.Event.list_for(ctx, nodes[1].id)
              if e.status == 'zone_skipped']
    assert len(events) == 1, events
    assert hostless_zone in events[0].status_reason
    assert 'availability zone' in events[0].status_reason
    for node in nodes:
        profile.delete(ctx, node_obj.Node.get(ctx, node.id))


def test_anti_affinity_on_the_one_host(database, engine,
                                       nova_anchor):  # noqa: F811
    ctx = _context(database, nova_anchor, 'anti')
    conn = nova_anchor.connect(ctx.user_id, ctx.project_id)
    profile = _profile(ctx, 'anti')
    cluster = _cluster(ctx, engine, profile)
    policy = _policy(ctx, 'senlin.policy.affinity',
                     servergroup={'policies': 'anti-affinity'})
    done = _act(ctx, engine, cluster.id, 'CLUSTER_ATTACH_POLICY',
                {'policy_id': policy.id})
    assert done.status == states.SUCCEEDED, done.status_reason
    groups = [g for g in conn.compute.server_groups()
              if g.name == 'clusterd-%s' % cluster.id]
    assert len(groups) == 1
    assert nova_server.openstack_driver.server_group_policy(groups[0]) == \
        'anti-affinity'

    done = _act(ctx, engine, cluster.id, 'CLUSTER_SCALE_OUT', {'count': 1})
    assert done.status == states.SUCCEEDED, done.status_reason
    first = node_obj.Node.for_cluster(ctx, cluster.id)[0]
    assert first.physical_id in conn.compute.get_server_group(groups[0].id).member_ids

    done = _act(ctx, engine, cluster.id, 'CLUSTER_SCALE_OUT', {'count': 1})
    assert done.status == states.FAILED
    bad = [n for n in node_obj.Node.for_cluster(ctx, cluster.id)
           if n.status == states.N_ERROR]
    assert len(bad) == 1
    assert 'No valid host was found' in bad[0].status_reason, bad[0].status_reason
    assert engines.cluster(ctx, cluster.id).status == states.C_WARNING

    done = _act(ctx, engine, cluster.id, 'CLUSTER_DETACH_POLICY',
                {'policy_id': policy.id})
    assert done.status == states.SUCCEEDED, done.status_reason
    assert not [g for g in conn.compute.server_groups() if g.id == groups[0].id]
    for server in list(conn.compute.servers()):
        conn.compute.delete_server(server)
