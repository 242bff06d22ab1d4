"""``os.nova.server`` against a real Nova (the anchor: nova-api, conductor,
scheduler and compute with the fake virt driver), through a real in-process
engine on MariaDB.  No mock of Nova anywhere: what Nova did is read back from
Nova.

The anchor starts once per session (tests/nova_anchor.py); each test works in its
own Nova project, so they do not see each other's servers.
"""

import concurrent.futures
import time
import uuid

import pytest

from clusterd.drivers import backends
from clusterd.drivers import simulated_openstack
from clusterd.engine import requests
from clusterd.objects import node as node_obj
from clusterd.objects import profile as profile_obj
from clusterd import plugins
from clusterd.profiles import base as profile_base
from clusterd.profiles import nova_server
from clusterd import schema
from clusterd import states
from tests import databases
from tests import engines
from tests.nova_anchor import BIGGER_FLAVOR, FLAVOR, IMAGE, OTHER_IMAGE
from tests.nova_anchor import FaultProxy
from tests.nova_anchor import nova_anchor  # noqa: F401  (a session fixture)


# Test runs of several engineers may share one anchor: each run its own projects.
RUN = uuid.uuid4().hex[:8]


# The names of each backend's catalog the tests use.  The anchor's are Nova's
# (tests/nova_anchor.py); the simulated cloud's are Senlin's test names (its
# default catalog, clusterd.drivers.simulated_openstack.DEFAULT_CATALOG).
NOVA_NAMES = {'flavor': FLAVOR, 'bigger_flavor': BIGGER_FLAVOR, 'image': IMAGE,
              'other_image': OTHER_IMAGE}
SIMULATED_FLAVORS = {'flavor': 'm1.small', 'bigger_flavor': 'm1.medium'}
SIMULATED_IMAGES = {'image': 'cirros-0.5.2-x86_64-disk',
                    'other_image': 'cirros-0.6.2-x86_64-disk'}


def _spec(version='1.0', names=NOVA_NAMES, **properties):
    properties.setdefault('flavor', names['flavor'])
    properties.setdefault('image', names['image'])
    return {'type': 'os.nova.server', 'version': version, 'properties': properties}


# --- the plugin itself (no Nova needed) ----------------------------------------------

@pytest.mark.parametrize('version', ['1.0', '1.1', '1.2'])
def test_every_advertised_version_is_registered(version):
    # Regression: Senlin advertised 1.1 and 1.2 but registered only 1.0.
    cls = plugins.profile_class('os.nova.server-%s' % version)
    profile = cls('p', _spec(version, networks=[{'network': 'n', 'subnet': 's'}],
                             block_device_mapping_v2=[{'uuid': 'u',
                                                       'volume_type': 'fast'}]))
    assert profile.version == version
    assert cls.describe()['schema']['flavor']['updatable'] is True
    assert cls.describe()['schema']['key_name']['updatable'] is False


def test_every_operation_has_a_handler():
    # Regression: Senlin declared evacuate without a handler, and had a migrate
    # handler that OPERATIONS did not declare.
    cls = nova_server.NovaServerProfile
    assert {'migrate', 'evacuate', 'reboot', 'rebuild', 'rescue'} <= set(
        cls.describe_operations()['operations'])
    for name in cls.OPERATIONS:
        assert callable(getattr(cls, 'handle_' + name)), name


# --- against Nova --------------------------------------------------------------------

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


class Backend:
    """One cloud behind ``os.nova.server`` for the tests that run on both.

    :ivar name: ``nova`` (the anchor) or ``simulated``
    :ivar database: the engine's database (its own per backend)
    :ivar engine: an engine whose ``[DEFAULT] cloud_backend`` is this cloud
    :ivar names: the flavors and images of its catalog the tests use
    :ivar connect: ``connect(user, project)``, an openstacksdk-like connection
        to look at the cloud behind clusterd's back
    """

    def __init__(self, name, database, engine, names, connect):
        self.name, self.database, self.engine = name, database, engine
        self.names, self.connect = names, connect


@pytest.fixture(scope='module')
def nova_cloud(database, engine, nova_anchor):  # noqa: F811
    return Backend('nova', database, engine, NOVA_NAMES, nova_anchor.connect)


@pytest.fixture(scope='module')
def simulated_cloud(tmp_path_factory):
    # Its own database: an engine takes any action of its database, and the
    # anchor's engine must not run the simulated cloud's.
    with databases.migrated_database('mysql',
                                     tmp_path_factory.mktemp('sim-db')) as db:
        running = engines.Engine(db, cloud_call_threads=10, groups={
            None: {'cloud_backend': backends.SIMULATED},
            # One compute host per zone, as the anchor has.
            'simulated': {'build_seconds': 0.3, 'poll_interval': 0.1,
                          'hosts_per_zone': 1},
            'openstack': {'poll_interval': 0.1, 'default_networks': 'none'}})
        with running:
            registry = backends.clouds(running.conf)
            the_cloud = registry.cloud
            names = dict(SIMULATED_FLAVORS)
            for key, image in SIMULATED_IMAGES.items():
                names[key] = the_cloud.find('images', image).id
            region = the_cloud.catalog['regions'][0]

            def connect(user='admin', project='admin'):
                # A compute of its own, so clusterd's request counts stay its own.
                return simulated_openstack.Compute(
                    the_cloud, user, project, region, running.conf.openstack,
                    running.conf.simulated.poll_interval).conn

            yield Backend('simulated', db, running, names, connect)


@pytest.fixture(scope='module', params=['nova', 'simulated'])
def cloud(request):
    """The same tests on the real Nova (the anchor) and on the simulated cloud,
    so the simulation cannot drift from Nova unnoticed."""
    return request.getfixturevalue(request.param + '_cloud')


def _context(database, name, nova_anchor=None):  # noqa: F811
    """The context of a test's own Nova project, emptied of what an earlier
    (failed) run left there (``nova_anchor``: the anchor or a :class:`Backend`)."""
    ctx = engines.user_context(database, project='p-%s-%s' % (name, RUN),
                               user='u-' + name)
    if nova_anchor is not None:
        conn = nova_anchor.connect(ctx.user_id, ctx.project_id)
        left = list(conn.compute.servers())
        for server in left:
            conn.compute.delete_server(server)
        for server in left:
            conn.compute.wait_for_delete(server, interval=0.5, wait=120)
    return ctx


def _profile(ctx, name='web', names=NOVA_NAMES, **properties):
    return profile_obj.Profile.create(
        ctx, name=name, type='os.nova.server-1.0', project=ctx.project_id,
        user=ctx.user_id, spec=_spec(names=names, **properties))


def _create_cluster(ctx, engine, profile, size, timeout=240):
    cluster, action = requests.create_cluster(
        ctx, 3600, name='c-%s' % profile.name, profile_id=profile.id,
        desired_capacity=size, min_size=0, max_size=-1)
    engine.wake()
    return cluster, engines.wait_action(ctx, action.id, timeout=timeout)


def _act(ctx, engine, cluster_id, name, inputs=None, timeout=240):
    action = requests.cluster_action(ctx, engines.cluster(ctx, cluster_id), name,
                                     inputs)
    engine.wake()
    return engines.wait_action(ctx, action.id, timeout=timeout)


def _servers(nova_anchor, ctx):  # noqa: F811
    """The project's servers as Nova (the anchor or a :class:`Backend`) lists them.

    NOTE: a server whose deletion clusterd waited for can still be listed for a
    moment as DELETED (Nova sets that status just before it soft-deletes the
    row); that is gone for clusterd, as for openstacksdk's wait_for_delete.
    """
    conn = nova_anchor.connect(ctx.user_id, ctx.project_id)
    return {s.id: s for s in conn.compute.servers(details=True)
            if s.status != 'DELETED'}


def _compute(engine, ctx):
    return backends.clouds(engine.conf).compute(ctx)


def test_cluster_lifecycle(cloud):
    ctx = _context(cloud.database, 'life', cloud)
    profile = _profile(ctx, names=cloud.names,
                       metadata={'tier': 'web', 'owner': 'ops'})
    cluster, action = _create_cluster(ctx, cloud.engine, profile, 3)
    assert action.status == states.SUCCEEDED, action.status_reason
    nodes = node_obj.Node.for_cluster(ctx, cluster.id)
    servers = _servers(cloud, ctx)
    assert sorted(servers) == sorted(n.physical_id for n in nodes)
    for node in nodes:
        server = servers[node.physical_id]
        assert server.status == 'ACTIVE'
        assert server.metadata['cluster_node_id'] == node.id
        assert server.metadata['cluster_id'] == cluster.id
        assert server.metadata['tier'] == 'web'
        assert server.tags == ['clusterd-node:' + node.id]
        assert server.name == node.name

    # Operations: a hard reboot, then stop and start, each waited for.
    action = _act(ctx, cloud.engine, cluster.id, 'CLUSTER_OPERATION',
                  {'operation': 'stop', 'params': {}})
    assert action.status == states.SUCCEEDED, action.status_reason
    assert {s.status for s in _servers(cloud, ctx).values()} == {'SHUTOFF'}
    action = _act(ctx, cloud.engine, cluster.id, 'CLUSTER_OPERATION',
                  {'operation': 'start', 'params': {}})
    assert action.status == states.SUCCEEDED, action.status_reason
    action = _act(ctx, cloud.engine, cluster.id, 'CLUSTER_OPERATION',
                  {'operation': 'reboot', 'params': {'type': 'HARD'}})
    assert action.status == states.SUCCEEDED, action.status_reason
    assert {s.status for s in _servers(cloud, ctx).values()} == {'ACTIVE'}

    # Update: image -> rebuild, flavor -> resize + confirm, name, metadata keys.
    updated = _profile(ctx, names=cloud.names, name='web-v2',
                       image=cloud.names['other_image'],
                       flavor=cloud.names['bigger_flavor'],
                       metadata={'tier': 'web', 'release': '2'})
    action = _act(ctx, cloud.engine, cluster.id, 'CLUSTER_UPDATE',
                  {'new_profile_id': updated.id})
    assert action.status == states.SUCCEEDED, action.status_reason
    for server in _servers(cloud, ctx).values():
        assert server.status == 'ACTIVE'
        assert server.image.id == cloud.names['other_image']
        assert server.flavor.original_name == cloud.names['bigger_flavor']
        assert server.metadata['release'] == '2' and 'owner' not in server.metadata
        assert server.metadata['cluster_node_id']  # clusterd's keys stay
    assert {n.profile_id for n in node_obj.Node.for_cluster(ctx, cluster.id)} == {
        updated.id}

    # Check sees a server deleted behind clusterd's back; delete still succeeds.
    victim = nodes[0]
    conn = cloud.connect(ctx.user_id, ctx.project_id)
    conn.compute.delete_server(victim.physical_id)
    conn.compute.wait_for_delete(conn.compute.get_server(victim.physical_id),
                                 interval=0.5, wait=60)
    action = _act(ctx, cloud.engine, cluster.id, 'CLUSTER_CHECK')
    checked = {n.id: n.status for n in node_obj.Node.for_cluster(ctx, cluster.id)}
    assert checked[victim.id] == states.N_ERROR
    assert [s for n, s in checked.items() if n != victim.id] == [states.N_ACTIVE] * 2

    # Recover recreates the missing server, for the same node.
    action = _act(ctx, cloud.engine, cluster.id, 'CLUSTER_RECOVER')
    assert action.status == states.SUCCEEDED, action.status_reason
    recovered = node_obj.Node.get(ctx, victim.id)
    assert recovered.status == states.N_ACTIVE
    assert recovered.physical_id not in (None, victim.physical_id)
    server = _servers(cloud, ctx)[recovered.physical_id]
    assert server.metadata['cluster_node_id'] == victim.id

    action = _act(ctx, cloud.engine, cluster.id, 'CLUSTER_DELETE')
    assert action.status == states.SUCCEEDED, action.status_reason
    assert node_obj.Node.for_cluster(ctx, cluster.id) == []
    assert _servers(cloud, ctx) == {}


def _node(ctx, profile, name, status=states.N_INIT):
    node = node_obj.Node.create(ctx, name=name, profile_id=profile.id)
    if status != states.N_INIT:
        node_obj.Node.set_status(ctx, node.id, status, 'test')
    return node_obj.Node.get(ctx, node.id)


def _plugin(engine, stored):
    return plugins.profile_class(stored.type).from_object(stored, engine.conf)


def test_create_retried_after_a_crash_finds_the_first_server(cloud):
    ctx = _context(cloud.database, 'retry', cloud)
    stored = _profile(ctx, names=cloud.names)
    profile = _plugin(cloud.engine, stored)
    node = _node(ctx, stored, 'n-retry')
    pool = concurrent.futures.ThreadPoolExecutor(4)
    # The first attempt POSTs the server and then "dies": nobody waits for it
    # and the node never records a physical id.
    profile.create_batch(ctx, [node], nova_server._run_now)
    node_obj.Node.set_status(ctx, node.id, states.N_CREATING, 'Creation in progress')
    node = node_obj.Node.get(ctx, node.id)
    assert node.physical_id is None
    # The retry (the one-node path, then the batch path) finds it.
    first = profile.create(ctx, node)
    again = profile.create_batch(ctx, [node], pool.submit)[node.id].result(120)
    pool.shutdown()
    assert first == again
    servers = _servers(cloud, ctx)
    assert list(servers) == [first]
    assert servers[first].status == 'ACTIVE'
    # A delete of a node that never recorded its server finds it by the tag too.
    profile.delete(ctx, node)
    assert _servers(cloud, ctx) == {}
    # And a server deleted behind clusterd's back is no reason to fail.
    node = _node(ctx, stored, 'n-gone')
    server_id = profile.create(ctx, node)
    conn = cloud.connect(ctx.user_id, ctx.project_id)
    conn.compute.delete_server(server_id)
    conn.compute.wait_for_delete(conn.compute.get_server(server_id), interval=0.5,
                                 wait=60)
    node.physical_id = server_id
    profile.delete(ctx, node)


def test_twenty_node_cluster_costs_twenty_posts_and_one_list_per_poll(cloud):
    engine = cloud.engine
    ctx = _context(cloud.database, 'bulk', cloud)
    profile = _profile(ctx, names=cloud.names, name='bulk')
    compute = _compute(engine, ctx)
    before, polls = compute.request_counts(), compute.waiter.polls
    started = time.monotonic()
    cluster, action = _create_cluster(ctx, engine, profile, 20)
    took = time.monotonic() - started
    assert action.status == states.SUCCEEDED, action.status_reason
    calls = compute.request_counts() - before
    cycles = compute.waiter.polls - polls
    assert calls['POST /v2.1/servers'] == 20
    # Each poll cycle costs ONE list call for all 20 servers, and there are
    # about as many cycles as the boot takes seconds / poll_interval.
    assert calls['GET /v2.1/servers/detail'] == cycles
    assert cycles <= took / engine.conf.openstack.poll_interval + 2
    # No per-server GETs (a server the filtered list misses is looked for in an
    # unfiltered list of the same cycle).
    assert calls['GET /v2.1/servers/{id}'] == 0
    others = sum(calls.values()) - 20 - cycles
    # The rest does not grow with the nodes: the flavor and image lookups, once
    # per batch, and the API version discovery of a new connection.
    assert others <= 6, calls
    assert len(_servers(cloud, ctx)) == 20

    before, polls = compute.request_counts(), compute.waiter.polls
    action = _act(ctx, engine, cluster.id, 'CLUSTER_DELETE')
    assert action.status == states.SUCCEEDED, action.status_reason
    calls = compute.request_counts() - before
    assert calls['DELETE /v2.1/servers/{id}'] == 20
    assert calls['GET /v2.1/servers/detail'] == compute.waiter.polls - polls
    assert calls['GET /v2.1/servers/{id}'] == 0
    assert _servers(cloud, ctx) == {}


def test_node_operations_on_a_real_server(cloud):
    ctx = _context(cloud.database, 'ops', cloud)
    stored = _profile(ctx, names=cloud.names)
    profile = _plugin(cloud.engine, stored)
    node = _node(ctx, stored, 'n-ops')
    node.physical_id = profile.create(ctx, node)
    conn = cloud.connect(ctx.user_id, ctx.project_id)

    def status():
        return conn.compute.get_server(node.physical_id).status

    for operation, params, expected in (
            ('pause', {}, 'PAUSED'), ('unpause', {}, 'ACTIVE'),
            ('suspend', {}, 'SUSPENDED'), ('resume', {}, 'ACTIVE'),
            ('lock', {}, 'ACTIVE'), ('unlock', {}, 'ACTIVE'),
            ('rescue', {'image_ref': cloud.names['other_image']}, 'RESCUE'),
            ('unrescue', {}, 'ACTIVE'), ('rebuild', {}, 'ACTIVE'),
            ('reboot', {}, 'ACTIVE'), ('stop', {}, 'SHUTOFF'),
            ('stop', {}, 'SHUTOFF'), ('start', {}, 'ACTIVE')):
        profile.operation(ctx, node, operation, params)
        assert status() == expected, operation
    assert conn.compute.get_server(node.physical_id).is_locked is False

    # Migrate and evacuate are admin operations in Nova: a member gets Nova's
    # own refusal as the reason, not an AttributeError as in Senlin.
    with pytest.raises(profile_base.ResourceError, match='HTTP 403'):
        profile.operation(ctx, node, 'migrate', {})
    with pytest.raises(profile_base.ResourceError, match='evacuate server .*HTTP 403'):
        profile.operation(ctx, node, 'evacuate', {})
    with pytest.raises(profile_base.OperationNotSupported):
        profile.operation(ctx, node, 'snapshot', {})

    details = profile.get_details(ctx, node)
    assert details['id'] == node.physical_id and details['status'] == 'ACTIVE'
    assert details['metadata']['cluster_node_id'] == node.id

    spec = type(profile).adopt_spec(ctx, cloud.engine.conf, node.physical_id,
                                    overrides={'name': 'adopted'})
    assert spec['properties']['flavor'] == cloud.names['flavor']
    assert spec['properties']['image'] == cloud.names['image']
    assert spec['properties']['name'] == 'adopted'
    assert 'cluster_node_id' not in spec['properties'].get('metadata', {})

    profile.join(ctx, node, 'cluster-x')
    assert conn.compute.get_server(node.physical_id).metadata['cluster_id'] == \
        'cluster-x'
    profile.leave(ctx, node)
    metadata = conn.compute.get_server(node.physical_id).metadata
    assert 'cluster_id' not in metadata and metadata['cluster_node_id'] == node.id

    resources = profile.list_resources(ctx, [node])
    assert resources[node.id]['healthy'] is True
    profile.delete(ctx, node)
    assert profile.list_resources(ctx, [node])[node.id]['status'] == 'MISSING'
    assert profile.check(ctx, node) is False
    assert profile.get_details(ctx, node) == {}


def test_migrate_and_evacuate_as_admin(cloud):
    # Both give the user 'admin' the admin role, in any project.
    ctx = engines.user_context(cloud.database, project='p-admin-' + RUN,
                               user='admin')
    stored = _profile(ctx, names=cloud.names, name='admin-ops')
    profile = _plugin(cloud.engine, stored)
    node = _node(ctx, stored, 'n-admin')
    node.physical_id = profile.create(ctx, node)
    try:
        # The anchor has one compute host (the simulated cloud too, in its
        # fixture): the scheduler finds nowhere to migrate to, puts the server
        # back to ACTIVE without a fault, and the reason comes from the
        # instance action's events.
        with pytest.raises(profile_base.ResourceError,
                           match='did not migrate .*No valid host'):
            profile.operation(ctx, node, 'migrate', {})
        server = cloud.connect().compute.get_server(node.physical_id)
        assert server.status == 'ACTIVE'
        # Its host is up, so Nova refuses to evacuate, and says why.
        with pytest.raises(profile_base.ResourceError,
                           match='Failed to evacuate server .* still in use'):
            profile.operation(ctx, node, 'evacuate', {})
    finally:
        profile.delete(ctx, node)


def test_errors_name_what_is_wrong(cloud):
    ctx = _context(cloud.database, 'errors', cloud)
    bad = _profile(ctx, names=cloud.names, name='bad', flavor='no-such-flavor')
    cluster, action = _create_cluster(ctx, cloud.engine, bad, 2)
    assert action.status == states.FAILED
    reasons = {n.status_reason for n in node_obj.Node.for_cluster(ctx, cluster.id)}
    assert len(reasons) == 1
    assert 'find flavor no-such-flavor' in reasons.pop()

    stored = _profile(ctx, names=cloud.names, networks=[{'network': 'no-such-net'}])
    node = _node(ctx, stored, 'n-net')
    with pytest.raises(profile_base.ResourceError, match='no-such-net'):
        _plugin(cloud.engine, stored).create(ctx, node)

    # A property that cannot change in place is refused, by name.
    old = _plugin(cloud.engine, _profile(ctx, names=cloud.names, key_name='a'))
    new = _plugin(cloud.engine, _profile(ctx, names=cloud.names, key_name='b',
                                         flavor=cloud.names['bigger_flavor']))
    node.physical_id = 'not-used'
    with pytest.raises(profile_base.ResourceError, match="'key_name' cannot be"):
        old.update(ctx, node, new)
    assert _servers(cloud, ctx) == {}


def test_validation_names_what_nova_does_not_know(cloud):
    """Profile create and validate refuse (400) a flavor, image, network or key
    pair Nova does not know, naming it; the simulated cloud too (also
    tests/functional/test_simulated_openstack.py)."""
    ctx = _context(cloud.database, 'valid')
    nova_server.NovaServerProfile('ok', _spec(names=cloud.names),
                                  conf=cloud.engine.conf).validate_resources(ctx)
    for change, words in [
            ({'flavor': 'm1.huge'}, "properties.flavor: The specified flavor 'm1.huge'"),
            ({'image': 'no-such-image'},
             "properties.image: The specified image 'no-such-image'"),
            ({'networks': [{'network': 'nowhere'}]},
             "properties.networks[0].network: The specified network 'nowhere'"),
            ({'key_name': 'lost'}, "properties.key_name: The specified key pair 'lost'")]:
        profile = nova_server.NovaServerProfile(
            'bad', _spec(names=cloud.names, **change), conf=cloud.engine.conf)
        with pytest.raises(schema.InvalidSpec) as caught:
            profile.validate_resources(ctx)
        assert words in str(caught.value)


def test_transient_failures_are_retried_without_duplicates(database, nova_anchor,
                                                         tmp_path):  # noqa: F811
    proxy = FaultProxy(nova_anchor.endpoint.rsplit('/v2.1', 1)[0])
    try:
        conf = engines.make_conf()
        nova_anchor.configure(conf, clouds_file=nova_anchor.write_clouds(
            tmp_path / 'clouds.yaml', proxy.url + '/v2.1'))
        conf.set_override('retry_backoff', 0.05, group='openstack')
        ctx = _context(database, 'flaky', nova_anchor)
        stored = _profile(ctx, name='flaky')
        profile = _plugin_with(conf, stored)

        # A 503 that Nova never saw: the POST is sent again.
        proxy.fail('POST', r'/servers$', '503')
        # A POST that Nova served but whose answer was lost: the retry looks
        # for the node's server first, finds it and POSTs nothing.
        proxy.fail('POST', r'/servers$', 'drop')
        # Lists and deletes that fail once.
        proxy.fail('GET', r'/servers/detail$', '502', count=2)
        proxy.fail('DELETE', r'/servers/', '503')
        first = _node(ctx, stored, 'n-flaky-1')
        second = _node(ctx, stored, 'n-flaky-2')
        first.physical_id = profile.create(ctx, first)
        second.physical_id = profile.create(ctx, second)
        servers = _servers(nova_anchor, ctx)
        assert sorted(servers) == sorted([first.physical_id, second.physical_id])
        assert proxy.forwarded['POST /v2.1/servers'] == 2
        for node in (first, second):
            profile.delete(ctx, node)
        assert _servers(nova_anchor, ctx) == {}

        # A failure that lasts becomes the node's reason, naming the call.
        proxy.fail('POST', r'/servers$', '500', count=10)
        with pytest.raises(profile_base.ResourceError,
                           match=r'create the server of node n-flaky-3: injected by '
                                 r'the test proxy \(HTTP 500\)'):
            profile.create(ctx, _node(ctx, stored, 'n-flaky-3'))
        assert _servers(nova_anchor, ctx) == {}
    finally:
        proxy.close()


def _plugin_with(conf, stored):
    return plugins.profile_class(stored.type).from_object(stored, conf)


def test_without_keystone_the_trust_path_says_what_is_missing(database):
    conf = engines.make_conf()  # connection_source = trust, the default
    ctx = engines.user_context(database, project='p-trust', user='u-trust')
    profile = nova_server.NovaServerProfile('p', _spec(), conf=conf)
    node = node_obj.Node(id='n', name='n', user='u-trust', project='p-trust',
                         status=states.N_INIT, data={}, cluster_id='', index=-1)
    with pytest.raises(profile_base.ResourceError,
                       match='No trust is stored for user u-trust in project '
                             'p-trust'):
        profile.create(ctx, node)
    ctx.trust_id = 'a-trust'
    with pytest.raises(profile_base.ResourceError,
                       match=r'\[openstack\] auth_url and service_password'):
        profile.create(ctx, node)
