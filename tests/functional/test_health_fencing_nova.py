"""Fencing before a recreate on the real Nova anchor (os.nova.server).

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
