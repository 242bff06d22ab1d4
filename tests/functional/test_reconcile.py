"""Reconcile (clusterd/engine/reconcile.py) on the simulated cloud, with a real
engine, on SQLite and MariaDB: resources gone or drifted behind clusterd's back,
orphans, idempotent passes and O(1) backend calls per cluster."""

import contextlib

import pytest
import sqlalchemy as sa

from clusterd import context as context_mod
from clusterd.drivers import simulated as simulated_driver
from clusterd.engine import reconcile
from clusterd.engine import requests
from clusterd.objects import action as action_obj
from clusterd.objects import base as base_obj
from clusterd.objects import cluster as cluster_obj
from clusterd.objects import event as event_obj
from clusterd.objects import lock as lock_obj
from clusterd.objects import node as node_obj
from clusterd.objects import policy as policy_obj
from clusterd.policies import health as health_policy
from clusterd import states
from tests import databases
from tests import engines


@pytest.fixture(scope='module', params=('sqlite', 'mysql'))
def database(request, tmp_path_factory):
    with databases.migrated_database(request.param,
                                     tmp_path_factory.mktemp('db')) as db:
        yield db


@pytest.fixture(scope='module')
def engine(database):
    # NOTE: no timer: each test runs its passes itself.
    with engines.Engine(database, reconcile_interval=0) as running:
        yield running


@pytest.fixture
def ctx(database):
    return engines.user_context(database)


@pytest.fixture
def reconciler(engine):
    return reconcile.Reconciler(engine.service.env)


@pytest.fixture
def cloud():
    return simulated_driver.SimulatedCloud()


def _cluster(ctx, engine, size, name='rc'):
    profile = engines.simulated_profile(ctx)
    cluster, action = requests.create_cluster(
        ctx, 3600, name=name, profile_id=profile.id, min_size=0, max_size=-1,
        desired_capacity=size)
    engine.wake()
    assert engines.wait_action(ctx, action.id).status == states.SUCCEEDED
    return engines.cluster(ctx, cluster.id), node_obj.Node.for_cluster(ctx, cluster.id)


def _pass(reconciler, ctx, cluster):
    return reconciler.reconcile_cluster(context_mod.admin_context(ctx.db), cluster)


def _events(ctx, oid):
    return [(e.action, e.status) for e in event_obj.Event.list_for(ctx, oid)
            if e.action == reconcile.DETECTOR]


def _node(ctx, node_id):
    return node_obj.Node.get(ctx, node_id, project_safe=False)


@contextlib.contextmanager
def _cloud_statements(database):
    """The SQL statements sent to the simulated cloud's table meanwhile: the
    simulated cloud's equivalent of API calls."""
    seen = []

    def record(conn, cursor, statement, parameters, context, executemany):
        if 'simulated_resource' in statement:
            seen.append(statement)

    sa.event.listen(database.engine, 'before_cursor_execute', record)
    try:
        yield seen
    finally:
        sa.event.remove(database.engine, 'before_cursor_execute', record)


def test_resource_deleted_behind_our_back_makes_node_error_and_pass_is_idempotent(
        ctx, engine, reconciler, cloud):
    cluster, nodes = _cluster(ctx, engine, 3, 'gone')
    victim = nodes[1]
    assert cloud.remove(ctx, victim.physical_id)

    outcome = _pass(reconciler, ctx, cluster)
    assert outcome.skipped is None
    assert outcome.changed == {victim.id: states.N_ERROR}
    found = _node(ctx, victim.id)
    assert found.status == states.N_ERROR
    assert found.status_reason.startswith('Reconcile: the resource %s of the node '
                                          'is gone' % victim.physical_id)
    assert _events(ctx, victim.id) == [('RECONCILE', 'gone')]
    assert {_node(ctx, n.id).status for n in nodes if n is not victim} == {'ACTIVE'}
    after = engines.cluster(ctx, cluster.id)
    assert after.status == states.C_WARNING
    assert 'number of active nodes (2) is below desired_capacity' in \
        after.status_reason

    # A second pass finds nothing more to do, and says nothing more.
    again = _pass(reconciler, ctx, cluster)
    assert (again.changed, again.orphans, again.skipped) == ({}, [], None)
    assert _events(ctx, victim.id) == [('RECONCILE', 'gone')]
    assert _node(ctx, victim.id).status_reason == found.status_reason


def test_drift_is_recorded_and_undone_when_the_resource_is_back(
        ctx, engine, reconciler, cloud):
    cluster, nodes = _cluster(ctx, engine, 2, 'drift')
    drifted = nodes[0]
    cloud.set_power(ctx, drifted.physical_id, simulated_driver.SHUTOFF)

    outcome = _pass(reconciler, ctx, cluster)
    assert outcome.changed == {drifted.id: states.N_ERROR}
    found = _node(ctx, drifted.id)
    assert found.status == states.N_ERROR
    assert "is SHUTOFF behind clusterd's back" in found.status_reason
    assert _events(ctx, drifted.id) == [('RECONCILE', 'drift')]

    cloud.set_power(ctx, drifted.physical_id, simulated_driver.ACTIVE)
    outcome = _pass(reconciler, ctx, cluster)
    assert outcome.changed == {drifted.id: states.N_ACTIVE}
    assert _node(ctx, drifted.id).status == states.N_ACTIVE
    assert _events(ctx, drifted.id) == [('RECONCILE', 'drift'),
                                        ('RECONCILE', 'healthy')]
    assert engines.cluster(ctx, cluster.id).status == states.C_ACTIVE


def test_a_node_stopped_by_an_operation_is_not_drift(ctx, engine, reconciler):
    cluster, nodes = _cluster(ctx, engine, 1, 'stopped')
    action = requests.node_action(ctx, nodes[0], 'NODE_OPERATION',
                                  {'operation': 'stop', 'params': {}})
    engine.wake()
    assert engines.wait_action(ctx, action.id).status == states.SUCCEEDED
    assert _node(ctx, nodes[0].id).status == states.N_WARNING

    outcome = _pass(reconciler, ctx, cluster)
    assert outcome.changed == {}
    assert _node(ctx, nodes[0].id).status == states.N_WARNING


def test_a_node_stopped_by_an_operation_and_then_deleted_is_gone(
        ctx, engine, reconciler, cloud):
    cluster, nodes = _cluster(ctx, engine, 1, 'stopped-gone')
    action = requests.node_action(ctx, nodes[0], 'NODE_OPERATION',
                                  {'operation': 'stop', 'params': {}})
    engine.wake()
    assert engines.wait_action(ctx, action.id).status == states.SUCCEEDED
    cloud.remove(ctx, nodes[0].physical_id)

    assert _pass(reconciler, ctx, cluster).changed == {nodes[0].id: 'ERROR'}
    found = _node(ctx, nodes[0].id)
    assert 'stopped_by' not in (found.data or {})


def test_orphans_are_reported_once_and_deleted_when_configured(
        ctx, engine, reconciler, cloud):
    cluster, nodes = _cluster(ctx, engine, 2, 'orphans')
    # Resources whose node rows were lost (a crash between the cloud and the row).
    lost_nodes = [base_obj.new_id(), base_obj.new_id()]
    lost = [cloud.create(ctx, node_id, 'lost', ctx.project_id,
                         {'metadata': {}, 'cluster_id': cluster.id})
            for node_id in lost_nodes]
    # A resource of another cluster is not this cluster's.
    other = cloud.create(ctx, base_obj.new_id(), 'other', ctx.project_id,
                         {'metadata': {}, 'cluster_id': base_obj.new_id()})

    outcome = _pass(reconciler, ctx, cluster)
    assert sorted(outcome.orphans) == sorted(lost)
    assert outcome.changed == {} and outcome.deleted == []
    events = [e for e in event_obj.Event.list_for(ctx, cluster.id)
              if e.action == reconcile.DETECTOR]
    assert sorted(e.metadata['physical_id'] for e in events) == sorted(lost)
    assert {e.status for e in events} == {'orphan'}
    assert any('carries the id of node %s, which does not exist' % lost_nodes[0]
               in e.status_reason for e in events)

    # Reported once: a second pass finds them again but says nothing new, and
    # (report only, the default) leaves them.
    again = _pass(reconciler, ctx, cluster)
    assert sorted(again.orphans) == sorted(lost)
    assert len(_events(ctx, cluster.id)) == 2
    assert cloud.get(ctx, lost[0]) is not None

    engine.conf.set_override('reconcile_orphans', 'delete', group='engine')
    try:
        deleting = _pass(reconciler, ctx, cluster)
    finally:
        engine.conf.clear_override('reconcile_orphans', group='engine')
    assert sorted(deleting.deleted) == sorted(lost)
    assert [cloud.get(ctx, resource) for resource in lost] == [None, None]
    assert _events(ctx, cluster.id)[-2:] == [('RECONCILE', 'orphan_deleted')] * 2
    # The nodes' own resources, and the other cluster's, are still there.
    assert all(cloud.get(ctx, n.physical_id) is not None for n in nodes)
    assert cloud.get(ctx, other) is not None
    assert _pass(reconciler, ctx, cluster).orphans == []
    assert {_node(ctx, n.id).status for n in nodes} == {'ACTIVE'}


def test_an_orphan_whose_node_row_is_lost_is_adopted_when_configured(
        ctx, engine, reconciler, cloud):
    cluster, nodes = _cluster(ctx, engine, 1, 'adopt')
    # As after a database restored from a backup older than the node.
    lost_node = base_obj.new_id()
    lost = cloud.create(ctx, lost_node, 'restored', ctx.project_id,
                        {'metadata': {}, 'cluster_id': cluster.id})
    assert _pass(reconciler, ctx, cluster).orphans == [lost]

    engine.conf.set_override('reconcile_orphans', 'adopt', group='engine')
    try:
        outcome = _pass(reconciler, ctx, cluster)
    finally:
        engine.conf.clear_override('reconcile_orphans', group='engine')
    assert outcome.adopted == [lost]
    node = _node(ctx, lost_node)
    assert (node.cluster_id, node.physical_id, node.status, node.name,
            node.index, node.project) == (cluster.id, lost, 'ACTIVE', 'restored',
                                          2, ctx.project_id)
    assert _events(ctx, lost_node) == [('RECONCILE', 'orphan_adopted')]
    again = _pass(reconciler, ctx, cluster)
    assert (again.orphans, again.changed) == ([], {})
    assert len(node_obj.Node.for_cluster(ctx, cluster.id)) == 2


def test_a_resource_of_a_node_being_created_is_no_orphan(
        ctx, engine, reconciler, cloud):
    cluster, nodes = _cluster(ctx, engine, 1, 'creating')
    # A node row in CREATING whose resource exists but is not recorded yet.
    admin = context_mod.admin_context(ctx.db)
    node = node_obj.Node.create(admin, name='late', cluster_id=cluster.id,
                                profile_id=cluster.profile_id,
                                user=ctx.user_id, project=ctx.project_id,
                                status=states.N_CREATING, index=9)
    made = cloud.create(ctx, node.id, 'late', ctx.project_id,
                        {'metadata': {}, 'cluster_id': cluster.id})
    assert _pass(reconciler, ctx, cluster).orphans == []
    # Recorded, settled: its own.
    node_obj.Node.set_status(admin, node.id, states.N_ACTIVE, 'made',
                             physical_id=made)
    outcome = _pass(reconciler, ctx, cluster)
    assert (outcome.orphans, outcome.changed) == ([], {})


def test_nodes_and_clusters_with_actions_in_progress_are_left_alone(
        ctx, engine, reconciler, cloud):
    cluster, nodes = _cluster(ctx, engine, 2, 'busy')
    for node in nodes:
        cloud.remove(ctx, node.physical_id)
    admin = context_mod.admin_context(ctx.db)
    # NOTE: the holders are real action rows (INIT: no engine runs them, and
    # aimed elsewhere: only the locks count here); the takeover pass releases
    # locks held by actions it does not know.
    someone = action_obj.Action.create(ctx, action='CLUSTER_CHECK',
                                       target=base_obj.new_id(), status=states.INIT)
    assert lock_obj.acquire_cluster(admin, cluster.id, someone.id, 'engine-x',
                                    lock_obj.CLUSTER_SCOPE) is None
    try:
        outcome = _pass(reconciler, ctx, cluster)
    finally:
        lock_obj.release_cluster(admin, cluster.id, someone.id)
    assert outcome.skipped == 'an action is in progress on the cluster'
    assert {_node(ctx, n.id).status for n in nodes} == {'ACTIVE'}

    # A node action shares the cluster lock and locks its node: only that node
    # is left alone.
    assert lock_obj.acquire_cluster(admin, cluster.id, someone.id, 'engine-x',
                                    lock_obj.NODE_SCOPE) is None
    assert lock_obj.acquire_node(admin, nodes[0].id, someone.id, 'engine-x') is None
    try:
        outcome = _pass(reconciler, ctx, cluster)
    finally:
        lock_obj.release_node(admin, nodes[0].id, someone.id)
        lock_obj.release_cluster(admin, cluster.id, someone.id)
        action_obj.Action.transition(admin, someone.id, states.CANCELLED)
    assert outcome.changed == {nodes[1].id: states.N_ERROR}
    assert _node(ctx, nodes[0].id).status == states.N_ACTIVE


def test_list_calls_per_cluster_do_not_grow_with_its_size(
        ctx, engine, reconciler, database):
    small, _ = _cluster(ctx, engine, 2, 'small')
    large, _ = _cluster(ctx, engine, 25, 'large')
    counts = {}
    for cluster in (small, large):
        with _cloud_statements(database) as seen:
            assert _pass(reconciler, ctx, cluster).changed == {}
        counts[cluster.name] = len(seen)
    assert counts == {'small': 1, 'large': 1}, counts


def test_run_once_covers_every_cluster_the_engine_owns(
        ctx, engine, reconciler, cloud):
    cluster, nodes = _cluster(ctx, engine, 1, 'owned')
    cloud.remove(ctx, nodes[0].physical_id)
    outcomes = reconciler.run_once()
    assert outcomes[cluster.id].changed == {nodes[0].id: states.N_ERROR}


def test_health_policy_modes_and_recovery_request(ctx, engine, reconciler, cloud,
                                                  monkeypatch):
    cluster, nodes = _cluster(ctx, engine, 1, 'healthy-policy')
    admin = context_mod.admin_context(ctx.db)
    assert reconcile.health_modes(admin, cluster.id) is None
    policy = policy_obj.Policy.create(
        ctx, name='hp', type='senlin.policy.health-1.1', user=ctx.user_id,
        project=ctx.project_id, spec={
            'type': 'senlin.policy.health', 'version': '1.1', 'properties': {
                'detection': {'detection_modes': [{'type': 'NODE_STATUS_POLLING'}]},
                'recovery': {'actions': [{'name': 'RECREATE'}]}}})
    # A binding without the policy's settings: the spec says.
    binding = cluster_obj.ClusterPolicy.create(
        admin, cluster_id=cluster.id, policy_id=policy.id, enabled=True,
        priority=600, data={})
    assert reconcile.health_modes(admin, cluster.id) == {'NODE_STATUS_POLLING'}
    # The settings the policy keeps in its binding win.  NOTE: LIFECYCLE_EVENTS
    # only, so that the engine's health manager polls nothing meanwhile.
    settings = health_policy.HealthPolicy11('hp', {
        'type': 'senlin.policy.health', 'version': '1.1', 'properties': {
            'detection': {'detection_modes': [{'type': 'LIFECYCLE_EVENTS'}]},
            'recovery': {'actions': [{'name': 'RECREATE'}]}}}).settings
    cluster_obj.ClusterPolicy.update(admin, binding.id,
                                     data={'health': settings.to_dict()})
    assert reconcile.health_modes(admin, cluster.id) == {'LIFECYCLE_EVENTS'}

    asked = []
    # NOTE: the recovery ladder is another component; here only the hand-over.
    monkeypatch.setattr(reconcile, 'request_recovery',
                        lambda env, context, node, reason, detector:
                        asked.append((node.id, node.status, detector)) or 'a-1')
    cloud.remove(ctx, nodes[0].physical_id)
    outcome = _pass(reconciler, ctx, cluster)
    assert outcome.recoveries == {nodes[0].id: 'a-1'}
    assert asked == [(nodes[0].id, states.N_ERROR, 'RECONCILE')]

    cluster_obj.ClusterPolicy.update(admin, binding.id, enabled=False)
    assert reconcile.health_modes(admin, cluster.id) is None


def test_the_engine_reconciles_the_clusters_it_owns_on_its_timer(
        database, ctx, engine, cloud):
    import time
    with engines.Engine(database, reconcile_interval=0.3) as timed:
        made = [_cluster(ctx, timed, 1, 'timer-%d' % i) for i in range(4)]
        for _cluster_row, nodes in made:
            cloud.remove(ctx, nodes[0].physical_id)
        ownership = timed.service.ownership
        ownership.refresh()
        mine = [nodes[0].id for cluster, nodes in made if ownership.owns(cluster.id)]
        others = [nodes[0].id for cluster, nodes in made
                  if not ownership.owns(cluster.id)]
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and \
                {_node(ctx, n).status for n in mine} - {states.N_ERROR}:
            time.sleep(0.1)
        assert [_node(ctx, n).status for n in mine] == [states.N_ERROR] * len(mine)
        time.sleep(1.0)
    # The other engine (reconcile_interval = 0) owns the rest: left alone.
    assert [_node(ctx, n).status for n in others] == [states.N_ACTIVE] * len(others)


def test_a_node_gone_is_recovered_through_the_health_policy(
        ctx, engine, reconciler, cloud):
    # End to end with clusterd.health.recovery: nothing replaced.
    import time
    cluster, nodes = _cluster(ctx, engine, 4, 'recovered')
    policy = policy_obj.Policy.create(
        ctx, name='hp-r', type='senlin.policy.health-1.1', user=ctx.user_id,
        project=ctx.project_id, spec={
            'type': 'senlin.policy.health', 'version': '1.1', 'properties': {
                # NOTE: no polling mode: only this pass may find the node.
                'detection': {'detection_modes': [{'type': 'LIFECYCLE_EVENTS'}]},
                'recovery': {'actions': [{'name': 'RECREATE'}]}}})
    attach = requests.cluster_action(ctx, cluster, 'CLUSTER_ATTACH_POLICY',
                                     {'policy_id': policy.id, 'enabled': True})
    engine.wake()
    assert engines.wait_action(ctx, attach.id).status == states.SUCCEEDED
    victim = nodes[2]
    cloud.remove(ctx, victim.physical_id)

    outcome = _pass(reconciler, ctx, engines.cluster(ctx, cluster.id))
    assert outcome.changed == {victim.id: states.N_ERROR}
    assert list(outcome.recoveries) == [victim.id]
    recovery = engines.wait_action(ctx, outcome.recoveries[victim.id])
    assert recovery.status == states.SUCCEEDED, recovery.status_reason
    found = _node(ctx, victim.id)
    assert found.status == states.N_ACTIVE
    assert found.physical_id != victim.physical_id
    assert cloud.get(ctx, found.physical_id)['status'] == 'ACTIVE'
    deadline = time.monotonic() + 10
    while engines.cluster(ctx, cluster.id).status not in states.CLUSTER_SETTLED \
            and time.monotonic() < deadline:
        time.sleep(0.05)
    again = _pass(reconciler, ctx, engines.cluster(ctx, cluster.id))
    assert (again.skipped, again.changed, again.orphans) == (None, {}, [])
