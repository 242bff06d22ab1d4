"""The clusterd.simulated profile and its cloud, on every database backend."""

import concurrent.futures
import contextlib
import json
import random

from oslo_db import exception as db_exc
import pytest
import sqlalchemy as sa

from clusterd.drivers import simulated as simulated_driver
from clusterd.drivers import simulated_store
from clusterd.objects import base as base_obj
from clusterd.objects import node as node_obj
from clusterd.profiles import base
from clusterd.profiles import simulated


def make_profile(**properties):
    return simulated.SimulatedProfile('sim', {
        'type': 'clusterd.simulated', 'version': '1.0', 'properties': properties},
        profile_id='profile-1')


def make_node(project='project-a', **values):
    values.setdefault('id', base_obj.new_id())
    values.setdefault('name', 'node-%s' % values['id'][:8])
    return node_obj.Node(project=project, **values)


def rows_of(ctx, node):
    return [r for r in simulated_driver.SimulatedCloud().list_resources(ctx)
            if r['node_id'] == node.id]


@contextlib.contextmanager
def statements(database):
    """Record the SQL statements that touch the simulated cloud's table."""
    seen = []

    def record(conn, cursor, statement, parameters, context, executemany):
        if 'simulated_resource' in statement:
            seen.append(statement)

    sa.event.listen(database.engine, 'before_cursor_execute', record)
    try:
        yield seen
    finally:
        sa.event.remove(database.engine, 'before_cursor_execute', record)


def test_create_is_one_statement_and_idempotent_by_node_id(database, admin_ctx):
    profile = make_profile(metadata={'tier': 'web'})
    node = make_node()
    with statements(database) as seen:
        physical_id = profile.create(admin_ctx, node)
    assert len(seen) == 1, seen
    # A retry after a crash (the physical id was never recorded on the node).
    assert profile.create(admin_ctx, node) == physical_id
    [row] = rows_of(admin_ctx, node)
    assert row['id'] == physical_id
    assert row['status'] == 'ACTIVE'
    assert row['name'] == node.name
    assert row['project'] == 'project-a'
    assert row['properties'] == {'metadata': {'tier': 'web'},
                                 'profile_id': 'profile-1'}
    assert row['created_at'].utcoffset().total_seconds() == 0


def test_create_with_latency_passes_through_build(admin_ctx):
    profile = make_profile(latency=2.5)
    waits = []

    def sleep(seconds):
        # What another engine would see while the cloud builds the resource.
        waits.append((seconds, [r['status'] for r in rows_of(admin_ctx, node)]))

    profile.cloud.sleep = sleep
    node = make_node()
    physical_id = profile.create(admin_ctx, node)
    assert waits == [(2.5, ['BUILD'])]
    assert rows_of(admin_ctx, node)[0]['status'] == 'ACTIVE'
    profile.delete(admin_ctx, make_node(id=node.id, physical_id=physical_id))
    assert [w[0] for w in waits] == [2.5, 2.5]


def test_retried_create_finishes_an_interrupted_build(admin_ctx):
    node = make_node()
    # The first attempt's engine died while the resource was building.
    first, created = simulated_store.SimulatedResource.create_for_node(
        admin_ctx, base_obj.new_id(), node.id, node.name, node.project, 'BUILD', {})
    assert created
    assert make_profile(latency=1).create(admin_ctx, node) == first.id
    assert [r['status'] for r in rows_of(admin_ctx, node)] == ['ACTIVE']


def test_delete_of_a_missing_resource_succeeds(admin_ctx):
    profile = make_profile()
    profile.delete(admin_ctx, make_node(physical_id=base_obj.new_id()))
    profile.delete(admin_ctx, make_node(physical_id=None))
    node = make_node()
    node.physical_id = profile.create(admin_ctx, node)
    profile.delete(admin_ctx, node)
    profile.delete(admin_ctx, node)
    assert rows_of(admin_ctx, node) == []


def test_delete_removes_what_an_interrupted_create_left(admin_ctx):
    profile = make_profile()
    node = make_node()
    profile.create(admin_ctx, node)
    # The physical id never reached the node row, but the node id is on the resource.
    profile.delete(admin_ctx, node)
    assert rows_of(admin_ctx, node) == []


def test_injected_create_failure_leaves_an_error_resource(admin_ctx):
    profile = make_profile(failure_rate=1.0, fail_operations=['create'])
    node = make_node()
    with pytest.raises(base.ResourceError) as info:
        profile.create(admin_ctx, node)
    assert info.value.message == 'Simulated failure of create'
    [row] = rows_of(admin_ctx, node)
    assert (row['id'], row['status'], row['status_reason']) == (
        info.value.resource_id, 'ERROR', 'Simulated failure of create')
    # Retrying finds the same broken resource, as a real cloud would report it.
    with pytest.raises(base.ResourceError) as again:
        make_profile().create(admin_ctx, node)
    assert again.value.resource_id == row['id']
    # Only create was told to fail: delete cleans up, and a new create works.
    node.physical_id = row['id']
    profile.delete(admin_ctx, node)
    assert make_profile().create(admin_ctx, node) != row['id']


def test_failure_injection_only_hits_listed_operations(admin_ctx):
    node = make_node()
    node.physical_id = make_profile().create(admin_ctx, node)
    failing = make_profile(failure_rate=1, fail_operations=['delete', 'check'])
    with pytest.raises(base.ResourceError, match='Simulated failure of check'):
        failing.check(admin_ctx, node)
    with pytest.raises(base.ResourceError, match='Simulated failure of delete'):
        failing.delete(admin_ctx, node)
    assert len(rows_of(admin_ctx, node)) == 1
    failing.update(admin_ctx, node, make_profile(metadata={'a': 1}))
    assert make_profile(failure_rate=0).check(admin_ctx, node) is True


def test_injected_update_failure_puts_the_resource_in_error(admin_ctx):
    profile = make_profile()
    node = make_node()
    node.physical_id = profile.create(admin_ctx, node)
    with pytest.raises(base.ResourceError) as info:
        make_profile(failure_rate=1).update(admin_ctx, node, profile)
    assert info.value.resource_id == node.physical_id
    assert profile.check(admin_ctx, node) is False


def test_random_failures_follow_the_rate(admin_ctx):
    profile = make_profile(failure_rate=0.5, fail_operations=['create'])
    profile.cloud.random = random.Random(20261101)
    outcomes = []
    for _ in range(40):
        try:
            profile.create(admin_ctx, make_node())
            outcomes.append(True)
        except base.ResourceError:
            outcomes.append(False)
    assert 5 < outcomes.count(False) < 35
    # Same seed, same sequence.
    again = make_profile(failure_rate=0.5, fail_operations=['create'])
    again.cloud.random = random.Random(20261101)
    assert [again.cloud.should_fail('create') for _ in range(40)] == \
        [not ok for ok in outcomes]


def test_check_sees_changes_behind_clusterds_back(admin_ctx):
    profile = make_profile()
    cloud = simulated_driver.SimulatedCloud()
    failed, removed = make_node(), make_node()
    for node in (failed, removed):
        node.physical_id = profile.create(admin_ctx, node)
        assert profile.check(admin_ctx, node) is True
    assert cloud.mark_failed(admin_ctx, failed.physical_id, 'disk on fire')
    assert cloud.remove(admin_ctx, removed.physical_id)
    assert profile.check(admin_ctx, failed) is False
    assert profile.check(admin_ctx, removed) is False
    assert profile.check(admin_ctx, make_node(physical_id=None)) is False
    assert profile.get_details(admin_ctx, failed)['status_reason'] == 'disk on fire'
    assert profile.get_details(admin_ctx, removed) == {}
    assert not cloud.remove(admin_ctx, removed.physical_id)
    assert not cloud.mark_failed(admin_ctx, removed.physical_id)


def test_bulk_listing_is_one_query(database, admin_ctx):
    profile = make_profile()
    nodes = [make_node() for _ in range(30)]
    for node in nodes:
        node.physical_id = profile.create(admin_ctx, node)
    cloud = simulated_driver.SimulatedCloud()
    cloud.mark_failed(admin_ctx, nodes[0].physical_id, 'broken')
    cloud.remove(admin_ctx, nodes[1].physical_id)
    never_created = make_node(physical_id=None)
    with statements(database) as seen:
        states = profile.list_resources(admin_ctx, nodes + [never_created])
    assert len(seen) == 1, seen
    assert states[nodes[0].id] == {'physical_id': nodes[0].physical_id,
                                   'status': 'ERROR', 'status_reason': 'broken',
                                   'healthy': False}
    assert states[nodes[1].id]['status'] == 'MISSING'
    assert states[nodes[1].id]['healthy'] is False
    assert states[never_created.id]['status'] == 'MISSING'
    assert all(states[n.id]['healthy'] for n in nodes[2:])
    assert states[nodes[2].id]['status'] == 'ACTIVE'


def test_bulk_listing_reports_an_unreachable_cloud(admin_ctx):
    profile = make_profile(failure_rate=1, fail_operations=['check'])
    node = make_node(physical_id='anything')
    assert profile.list_resources(admin_ctx, [node])[node.id] == {
        'physical_id': 'anything', 'status': 'UNKNOWN',
        'status_reason': 'Simulated failure of check', 'healthy': None}


def test_driver_lists_by_project_in_one_query(database, admin_ctx):
    profile = make_profile()
    project = 'project-%s' % base_obj.new_id()[:8]
    mine = [make_node(project=project) for _ in range(3)]
    for node in mine:
        profile.create(admin_ctx, node)
    profile.create(admin_ctx, make_node(project='someone-else'))
    with statements(database) as seen:
        listed = simulated_driver.SimulatedCloud().list_resources(
            admin_ctx, project=project)
    assert len(seen) == 1
    assert sorted(r['node_id'] for r in listed) == sorted(n.id for n in mine)
    assert len(simulated_driver.SimulatedCloud().list_resources(admin_ctx)) > 3


def test_operations_change_the_simulated_status(admin_ctx):
    profile = make_profile()
    node = make_node()
    node.physical_id = profile.create(admin_ctx, node)

    def status():
        return profile.get_details(admin_ctx, node)['status']

    profile.operation(admin_ctx, node, 'stop', {})
    assert status() == 'SHUTOFF'
    assert profile.check(admin_ctx, node) is False
    profile.operation(admin_ctx, node, 'start', {})
    assert status() == 'ACTIVE'
    simulated_driver.SimulatedCloud().mark_failed(admin_ctx, node.physical_id)
    with pytest.raises(base.ResourceError, match='from ERROR to SHUTOFF'):
        profile.operation(admin_ctx, node, 'stop', {})
    profile.operation(admin_ctx, node, 'reboot', {'type': 'HARD'})
    assert status() == 'ACTIVE'
    with pytest.raises(base.OperationNotSupported):
        profile.operation(admin_ctx, node, 'pause', {})
    gone = make_node(physical_id=base_obj.new_id())
    with pytest.raises(base.ResourceError, match='could not be found'):
        profile.operation(admin_ctx, gone, 'reboot', {})


def test_update_stores_the_new_metadata_and_name(admin_ctx):
    profile = make_profile(metadata={'v': 1})
    node = make_node()
    node.physical_id = profile.create(admin_ctx, node)
    node.name = 'renamed'
    profile.update(admin_ctx, node, make_profile(metadata={'v': 2}))
    details = profile.get_details(admin_ctx, node)
    assert details['name'] == 'renamed'
    assert details['properties']['metadata'] == {'v': 2}
    json.dumps(details)
    with pytest.raises(base.ResourceError, match='could not be found'):
        profile.update(admin_ctx, make_node(physical_id=base_obj.new_id()), profile)
    with pytest.raises(base.ResourceError, match='no resource'):
        profile.update(admin_ctx, make_node(), profile)


def test_recover(admin_ctx):
    profile = make_profile()
    node = make_node()
    node.physical_id = profile.create(admin_ctx, node)
    cloud = simulated_driver.SimulatedCloud()
    cloud.mark_failed(admin_ctx, node.physical_id)
    # In place: same resource, healthy again.
    assert profile.recover(admin_ctx, node, 'REBOOT') == node.physical_id
    assert profile.check(admin_ctx, node) is True
    # Recreate (the default): a new resource replaces the old one.
    new_id = profile.recover(admin_ctx, node)
    assert new_id != node.physical_id
    assert [r['id'] for r in rows_of(admin_ctx, node)] == [new_id]
    # A reboot of a resource that is gone recreates it.
    node.physical_id = new_id
    cloud.remove(admin_ctx, new_id)
    recreated = profile.recover(admin_ctx, node, 'REBOOT')
    assert recreated != new_id
    assert profile.check(admin_ctx, make_node(id=node.id, physical_id=recreated))
    with pytest.raises(base.ResourceError, match='Simulated failure of recover'):
        make_profile(failure_rate=1, fail_operations=['recover']).recover(
            admin_ctx, node)


# --- batches (create_batch, delete_batch): one statement for many nodes ------------


class RunNow:
    """A ``submit`` that runs each call at once and records whose it was."""

    def __init__(self):
        self.nodes = []

    def __call__(self, function, ctx, node, *args, **kwargs):
        self.nodes.append(node.id)
        future = concurrent.futures.Future()
        try:
            future.set_result(function(ctx, node, *args, **kwargs))
        except Exception as exc:
            future.set_exception(exc)
        return future


def results(futures):
    return {node_id: future.result() for node_id, future in futures.items()}


def test_create_batch_is_one_insert_with_each_nodes_outcome(database, admin_ctx):
    # Failures injected into other calls than create leave it a batch.
    profile = make_profile(metadata={'tier': 'web'}, failure_rate=1,
                           fail_operations=['delete', 'check'])
    nodes = [make_node(cluster_id='cluster-1') for _ in range(4)]
    nodes.append(make_node(project=None))
    submit = RunNow()
    with statements(database) as seen:
        made = results(profile.create_batch(admin_ctx, nodes, submit))
    assert submit.nodes == []
    assert len(seen) == 1 and seen[0].lstrip().upper().startswith('INSERT'), seen
    for node in nodes:
        [row] = rows_of(admin_ctx, node)
        assert row['id'] == made[node.id]
        assert (row['status'], row['status_reason'], row['name']) == (
            'ACTIVE', None, node.name)
        assert row['project'] == (node.project or admin_ctx.project_id)
        expected = {'metadata': {'tier': 'web'}, 'profile_id': 'profile-1'}
        if node.cluster_id:
            expected['cluster_id'] = 'cluster-1'
        assert row['properties'] == expected
        assert row['created_at'].utcoffset().total_seconds() == 0
    assert len(set(made.values())) == len(nodes)


def test_retried_create_batch_finds_what_the_first_attempt_made(admin_ctx):
    profile = make_profile()
    nodes = [make_node() for _ in range(3)]
    first = results(profile.create_batch(admin_ctx, nodes, RunNow()))
    # Meanwhile one resource broke; the retried batch also has a node not yet made.
    simulated_driver.SimulatedCloud().mark_failed(admin_ctx, first[nodes[0].id],
                                                  'disk on fire')
    late = make_node()
    submit = RunNow()
    again = profile.create_batch(admin_ctx, nodes + [late], submit)
    # The INSERT met the existing resources: nothing of it stayed, and each node
    # got its own create, which reports the first attempt's resource.
    assert sorted(submit.nodes) == sorted(n.id for n in nodes + [late])
    with pytest.raises(base.ResourceError, match='disk on fire') as info:
        again[nodes[0].id].result()
    assert info.value.resource_id == first[nodes[0].id]
    for node in nodes[1:]:
        assert again[node.id].result() == first[node.id]
    for node in nodes + [late]:
        assert [r['id'] for r in rows_of(admin_ctx, node)] == [
            first.get(node.id) or again[node.id].result()]


def test_a_batch_of_one_is_the_per_node_create(admin_ctx):
    node = make_node()
    submit = RunNow()
    physical_id = make_profile().create_batch(admin_ctx, [node], submit)[
        node.id].result()
    assert submit.nodes == [node.id]
    assert [r['id'] for r in rows_of(admin_ctx, node)] == [physical_id]


def test_create_batch_with_injected_create_failures_is_one_call_per_node(
        admin_ctx):
    profile = make_profile(failure_rate=1, fail_operations=['create'])
    nodes = [make_node() for _ in range(3)]
    submit = RunNow()
    futures = profile.create_batch(admin_ctx, nodes, submit)
    assert submit.nodes == [n.id for n in nodes]
    for node in nodes:
        with pytest.raises(base.ResourceError,
                           match='Simulated failure of create') as info:
            futures[node.id].result()
        [row] = rows_of(admin_ctx, node)
        assert (row['id'], row['status']) == (info.value.resource_id, 'ERROR')


def test_create_batch_draws_each_nodes_failure_as_before(admin_ctx):
    profile = make_profile(failure_rate=0.5, fail_operations=['create'])
    profile.cloud.random = random.Random(20261207)
    nodes = [make_node() for _ in range(20)]
    futures = profile.create_batch(admin_ctx, nodes, RunNow())
    failed = [futures[n.id].exception() is not None for n in nodes]
    # The same seed gives the same failures, node by node, as one create each.
    again = make_profile(failure_rate=0.5, fail_operations=['create'])
    again.cloud.random = random.Random(20261207)
    assert failed == [again.cloud.should_fail('create') for _ in nodes]
    assert 0 < failed.count(True) < len(nodes)


def test_create_batch_with_latency_is_one_call_per_node(admin_ctx):
    profile = make_profile(latency=1.5)
    waits = []
    profile.cloud.sleep = waits.append
    nodes = [make_node() for _ in range(3)]
    submit = RunNow()
    made = results(profile.create_batch(admin_ctx, nodes, submit))
    assert submit.nodes == [n.id for n in nodes]
    assert waits == [1.5] * 3
    for node in nodes:
        assert [(r['id'], r['status']) for r in rows_of(admin_ctx, node)] == [
            (made[node.id], 'ACTIVE')]


def test_a_failed_batch_statement_falls_back_to_one_call_per_node(admin_ctx,
                                                                   monkeypatch):
    def outage(*args, **kwargs):
        raise db_exc.DBConnectionError('the database went away')

    monkeypatch.setattr(simulated_store.SimulatedResource, 'create_many', outage)
    monkeypatch.setattr(simulated_store.SimulatedResource, 'delete_for_nodes',
                        outage)
    profile = make_profile()
    nodes = [make_node() for _ in range(3)]
    submit = RunNow()
    made = results(profile.create_batch(admin_ctx, nodes, submit))
    assert submit.nodes == [n.id for n in nodes]
    for node in nodes:
        assert [r['id'] for r in rows_of(admin_ctx, node)] == [made[node.id]]
        node.physical_id = made[node.id]
    submit = RunNow()
    assert results(profile.delete_batch(admin_ctx, nodes, submit)) == {
        n.id: None for n in nodes}
    assert submit.nodes == [n.id for n in nodes]
    assert all(rows_of(admin_ctx, node) == [] for node in nodes)


def test_delete_batch_is_one_delete(database, admin_ctx):
    profile = make_profile(failure_rate=1, fail_operations=['create', 'check'],
                           metadata={'a': 1})
    made = [make_node() for _ in range(3)]
    created = results(make_profile().create_batch(admin_ctx, made, RunNow()))
    for node in made[:2]:
        node.physical_id = created[node.id]
    # made[2]: its create was interrupted before the physical id reached it.
    gone = make_node(physical_id=base_obj.new_id())  # deleted behind our back
    never = make_node()  # never created at all
    nodes = made + [gone, never]
    submit = RunNow()
    with statements(database) as seen:
        deleted = results(profile.delete_batch(admin_ctx, nodes, submit,
                                               force=True))
    assert submit.nodes == []
    assert len(seen) == 1 and seen[0].lstrip().upper().startswith('DELETE'), seen
    assert deleted == {n.id: None for n in nodes}
    assert all(rows_of(admin_ctx, node) == [] for node in nodes)


def test_delete_batch_with_injected_delete_failures_is_one_call_per_node(
        admin_ctx):
    nodes = [make_node() for _ in range(3)]
    created = results(make_profile().create_batch(admin_ctx, nodes, RunNow()))
    for node in nodes:
        node.physical_id = created[node.id]
    submit = RunNow()
    futures = make_profile(failure_rate=1, fail_operations=['delete']).delete_batch(
        admin_ctx, nodes, submit)
    assert submit.nodes == [n.id for n in nodes]
    for node in nodes:
        with pytest.raises(base.ResourceError, match='Simulated failure of delete'):
            futures[node.id].result()
        assert [r['id'] for r in rows_of(admin_ctx, node)] == [node.physical_id]
