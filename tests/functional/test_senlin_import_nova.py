"""After ``clusterd-manage import-senlin``, the imported os.nova.server cluster
runs on clusterd against a real Nova (the Nova anchor, whose flavor and image the
recorded Senlin profile names):

- a receiver's old alarm URL (Senlin's, without a token) scales the cluster out:
  a new server is made in Nova;
- a reconcile pass runs on the imported clusters: the servers Senlin's fake
  cloud "made" are not in this Nova, so their nodes become ERROR with
  ``RECONCILE``/``gone`` events (which openstacksdk lists, as the import's report
  says), the health policy asks for their recovery (until its circuit breaker
  opens), and the node the scale-out made is left alone.

In a real migration the servers exist in the Nova clusterd talks to, and the
same pass finds nothing.
"""

import json
import urllib.request

import pytest

from clusterd import context as context_mod
from clusterd.engine import reconcile
from clusterd.objects import cluster as cluster_obj
from clusterd.objects import event as event_obj
from clusterd.objects import health as health_obj
from clusterd.objects import node as node_obj
from clusterd import states
from tests import databases
from tests import engines
from tests.nova_anchor import nova_anchor  # noqa: F401 - the fixture
from tests.functional import senlin16

MADE = senlin16.recorded()['made']
WEB = MADE['clusters']['web']
API_CLUSTER = MADE['clusters']['api']
OWNER = ('senlin16-user-a', 'senlin16-a')


def _servers(anchor, user, project):
    connection = anchor.connect(user, project)
    return {server.id: server for server in connection.compute.servers()
            if server.status != 'DELETED'}


def _empty_nova_project(anchor, user, project):
    """Delete what an earlier (failed) run left in this Nova project."""
    connection = anchor.connect(user, project)
    left = list(connection.compute.servers())
    for server in left:
        connection.compute.delete_server(server)
    for server in left:
        connection.compute.wait_for_delete(server, interval=0.5, wait=120)


@pytest.fixture(scope='module')
def database(tmp_path_factory, nova_anchor):  # noqa: F811
    tmp = tmp_path_factory.mktemp('import')
    for user, project in (OWNER, ('senlin16-user-b', 'senlin16-b')):
        _empty_nova_project(nova_anchor, user, project)
    with senlin16.restored(tmp / 'senlin') as senlin_url, \
            databases.migrated_database('mysql', tmp / 'db') as db:
        code, report, stderr = senlin16.run_import(
            senlin16.target_conf(tmp, db), senlin_url, '--skip-busy',
            '--format', 'json')
        assert code == 0, stderr
        yield db


@pytest.fixture(scope='module')
def engine(database, nova_anchor):  # noqa: F811
    # NOTE: no health manager: it would find the imported nodes' servers missing
    # from this Nova and recover them while the webhook is triggered; the
    # reconcile test runs its pass itself.
    running = engines.Engine(database, groups={'health': {'enabled': False}},
                             cloud_call_threads=4)
    nova_anchor.configure(running.conf)
    with running:
        yield running


@pytest.fixture(scope='module')
def api(database, engine, nova_anchor):  # noqa: F811
    with senlin16.clusterd_api(database, engine) as url:
        yield url
    # The servers clusterd made; the database is thrown away.
    for user, project in (OWNER, ('senlin16-user-b', 'senlin16-b')):
        _empty_nova_project(nova_anchor, user, project)


def _sdk(url, user, project):
    import openstack
    connection = openstack.connect(
        auth_type='none', auth={'endpoint': url},
        clustering_default_microversion='1.14', load_envvars=False,
        load_yaml_config=False)
    connection.session.additional_headers.update({
        'X-User-Id': user, 'X-Project-Id': project, 'X-Roles': 'member'})
    return connection


def test_an_old_alarm_url_scales_out_on_clusterd(database, api, nova_anchor):  # noqa: F811,E501
    ctx = context_mod.admin_context(database)
    before = {node.id for node in node_obj.Node.for_cluster(ctx, WEB)}
    # The URL Aodh holds, with the host moved to clusterd (as an operator does
    # by moving the endpoint): no token, no identity.
    alarm_url = MADE['receivers']['grow']['alarm_url'].replace(
        'http://127.0.0.1:8778', api)
    assert 'token=' not in alarm_url
    alarm = {'alarm_id': 'cpu-high', 'alarm_name': 'cpu-high',
             'current': 'alarm', 'previous': 'ok', 'severity': 'moderate'}
    request = urllib.request.Request(alarm_url, data=json.dumps(alarm).encode(),
                                     headers={'Content-Type': 'application/json'},
                                     method='POST')
    with urllib.request.urlopen(request, timeout=60) as answer:
        assert answer.status == 202
        action_id = answer.headers['Location'].rsplit('/', 1)[1]
    action = engines.wait_action(ctx, action_id, timeout=300)
    assert action.status == states.SUCCEEDED, action.status_reason
    assert (action.action, action.inputs) == ('CLUSTER_SCALE_OUT', alarm)
    nodes = node_obj.Node.for_cluster(ctx, WEB)
    new = [node for node in nodes if node.id not in before]
    assert len(new) == 1 and new[0].status == states.N_ACTIVE
    assert new[0].index == cluster_obj.Cluster.get(
        ctx, WEB, project_safe=False).next_index - 1
    servers = _servers(nova_anchor, *OWNER)
    assert servers[new[0].physical_id].status == 'ACTIVE'


def test_a_reconcile_pass_runs_on_the_imported_clusters(database, engine, api,
                                                        nova_anchor):  # noqa: F811
    ctx = context_mod.admin_context(database)
    reconciler = reconcile.Reconciler(engine.service.env)
    servers = _servers(nova_anchor, *OWNER)
    nodes = node_obj.Node.for_cluster(ctx, WEB)
    imported = {node.id for node in nodes if node.physical_id not in servers}
    made_here = {node.id for node in nodes} - imported
    assert imported and made_here

    web = reconciler.reconcile_cluster(ctx, cluster_obj.Cluster.get(
        ctx, WEB, project_safe=False))
    assert web.skipped is None
    assert web.changed == {node_id: states.N_ERROR for node_id in imported}
    # The cluster's health policy, imported from Senlin, asks for recoveries
    # until the circuit breaker opens (more than half of the nodes failed).
    assert web.recoveries and set(web.recoveries) <= imported
    breaker = health_obj.ClusterHealth.get_one(ctx, WEB)
    assert bool(breaker and breaker.breaker_open) == (
        len(web.recoveries) < len(imported))
    other = reconciler.reconcile_cluster(ctx, cluster_obj.Cluster.get(
        ctx, API_CLUSTER, project_safe=False))
    assert list(other.changed.values()) == [states.N_ERROR]
    assert other.recoveries == {}     # no health policy there

    # What the report says to look at: RECONCILE events, through the API.
    events = list(_sdk(api, *OWNER).clustering.events(
        action='RECONCILE', cluster_id=WEB))
    assert {(e.obj_id, e.status) for e in events} == {
        (node_id, reconcile.GONE) for node_id in imported}
    assert {n.status for n in node_obj.Node.get_many(ctx, sorted(made_here))} \
        == {states.N_ACTIVE}

    # The recoveries run, and fail here, rightly: Senlin's fake cloud recorded
    # each server's zone as ZONE1 (the node's data['placement']), and clusterd
    # recreates a server in the zone its node records, which this Nova does not
    # have (Senlin's real cloud would).
    for node_id, action_id in web.recoveries.items():
        action = engines.wait_action(ctx, action_id, timeout=600)
        assert (action.action, action.target) == ('NODE_RECOVER', node_id)
        assert action.status == states.FAILED
        node = node_obj.Node.get(ctx, node_id, project_safe=False)
        assert node.data['placement'] == {'zone': 'ZONE1'}
        assert any('availability zone is not available' in (e.status_reason or '')
                   for e in event_obj.Event.list_for(ctx, node_id))
    again = reconciler.reconcile_cluster(ctx, cluster_obj.Cluster.get(
        ctx, WEB, project_safe=False))
    assert again.changed == {}
