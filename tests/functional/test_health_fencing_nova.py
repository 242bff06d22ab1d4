"""The health parts of os.nova.server on the real Nova anchor: fencing before a
recreate, HYPERVISOR_STATUS_POLLING and the endpoints of poll URLs.

``Profile.fence`` force-deletes the server and waits until it is gone; with
COMPUTE fencing it forces down the host's nova-compute only when Nova already
reports that service down, never a live host.
"""

import pytest

from clusterd.objects import node as node_obj
from clusterd.objects import profile as profile_obj
from clusterd import plugins
from tests import databases
from tests import engines
from tests.nova_anchor import nova_anchor  # noqa: F401  (a session fixture)
from tests.functional.test_nova_server import RUN
from tests.functional.test_nova_server import _spec


@pytest.fixture(scope='module')
def database(tmp_path_factory):
    with databases.migrated_database('mysql', tmp_path_factory.mktemp('db')) as db:
        yield db


@pytest.fixture(scope='module')
def engine(database, nova_anchor):  # noqa: F811
    running = engines.Engine(database, cloud_call_threads=4)
    nova_anchor.configure(running.conf)
    with running:
        yield running


@pytest.mark.parametrize('user', ['admin', 'u-fence'])
def test_fence_force_deletes_and_leaves_a_live_host_alone(database, engine,
                                                          nova_anchor,  # noqa: F811
                                                          user):
    ctx = engines.user_context(database, project='p-fence-%s-%s' % (user, RUN),
                               user=user)
    stored = profile_obj.Profile.create(
        ctx, name='fence', type='os.nova.server-1.0', project=ctx.project_id,
        user=ctx.user_id, spec=_spec())
    profile = plugins.profile_class(stored.type).from_object(stored, engine.conf)
    node = node_obj.Node.create(ctx, name='n-fence', profile_id=stored.id)
    node.physical_id = profile.create(ctx, node)
    admin = nova_anchor.connect()
    host = admin.compute.get_server(node.physical_id).compute_host
    assert host

    profile.fence(ctx, node, ('COMPUTE',))

    conn = nova_anchor.connect(ctx.user_id, ctx.project_id)
    assert [s.id for s in conn.compute.servers() if s.status != 'DELETED'] == []
    services = list(admin.compute.services(host=host, binary='nova-compute'))
    assert services and all(s.state == 'up' and not s.is_forced_down
                            for s in services)


def test_hypervisor_status_polling_sees_the_servers_hypervisor(database, engine,
                                                                nova_anchor):  # noqa: F811
    from clusterd.health import detectors
    import futurist
    admin_ctx = engines.user_context(database, project='p-hyp-' + RUN,
                                     user='admin')
    member_ctx = engines.user_context(database, project='p-hyp-m-' + RUN,
                                      user='u-hyp')
    verdicts = {}
    for ctx in (admin_ctx, member_ctx):
        stored = profile_obj.Profile.create(
            ctx, name='hyp', type='os.nova.server-1.0', project=ctx.project_id,
            user=ctx.user_id, spec=_spec())
        profile = plugins.profile_class(stored.type).from_object(stored,
                                                                 engine.conf)
        node = node_obj.Node.create(ctx, name='n-hyp', profile_id=stored.id)
        node.physical_id = profile.create(ctx, node)
        try:
            checker = detectors.Checker(engine.service.env, ctx,
                                        futurist.SynchronousExecutor())
            verdicts[ctx.user_id] = detectors.hypervisor_status_polling(
                checker, [node], {})[node.id]
        finally:
            profile.delete(ctx, node)
    # As admin: the anchor's only hypervisor is up and enabled.
    assert verdicts['admin'] == (True, None)
    # A member may not list hypervisors: no verdict, never "unhealthy".
    assert verdicts['u-hyp'][0] is None
    assert 'Cannot read the hypervisors' in verdicts['u-hyp'][1]


def test_endpoints_give_the_servers_address_and_host(database, engine,
                                                      nova_anchor):  # noqa: F811
    ctx = engines.user_context(database, project='p-ep-' + RUN, user='admin')
    stored = profile_obj.Profile.create(
        ctx, name='ep', type='os.nova.server-1.0', project=ctx.project_id,
        user=ctx.user_id, spec=_spec())
    profile = plugins.profile_class(stored.type).from_object(stored, engine.conf)
    node = node_obj.Node.create(ctx, name='n-ep', profile_id=stored.id)
    node.physical_id = profile.create(ctx, node)
    try:
        server = nova_anchor.connect().compute.get_server(node.physical_id)
        found = profile.endpoints(ctx, [node])[node.id]
        addresses = [item['addr'] for items in (server.addresses or {}).values()
                     for item in items]
        assert found['host'] == server.compute_host
        assert (found['node_ip'] in addresses) if addresses else \
            found['node_ip'] is None
    finally:
        profile.delete(ctx, node)
