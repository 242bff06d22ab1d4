"""Rolling updates under the batch policy (senlin.policy.batch-1.0 and
clusterd.policy.batch-1.1), run by a real engine on the simulated cloud."""

import threading
import time

import pytest

from clusterd.engine import control
from clusterd.engine import requests
from clusterd.objects import action as action_obj
from clusterd.objects import base as objects_base
from clusterd.objects import node as node_obj
from clusterd.objects import policy as policy_obj
from clusterd import states
from tests import engines


@pytest.fixture(scope='module')
def engine(database):
    # No health manager: the gate asks the detectors itself, and a pass would
    # recover the nodes a test breaks on purpose.
    with engines.Engine(database, groups={'health': {'enabled': False}}) as running:
        yield running


@pytest.fixture
def ctx(database):
    return engines.user_context(database)


def _policy(ctx, properties, version='1.0'):
    type_name = ('senlin.policy.batch' if version == '1.0'
                 else 'clusterd.policy.batch')
    return policy_obj.Policy.create(
        ctx, id=objects_base.new_id(), name='batch', type='%s-%s' % (type_name,
                                                                      version),
        project=ctx.project_id, user=ctx.user_id,
        spec={'type': type_name, 'version': version, 'properties': properties})


def _start(ctx, engine, cluster_id, name, inputs=None):
    action = requests.cluster_action(ctx, engines.cluster(ctx, cluster_id), name,
                                     inputs or {})
    engine.wake()
    return action


def _run(ctx, engine, cluster_id, name, inputs=None):
    return engines.wait_action(ctx, _start(ctx, engine, cluster_id, name,
                                           inputs).id, timeout=120)


def _cluster(ctx, engine, size, profile, *policies):
    cluster, created = requests.create_cluster(
        ctx, 3600, name='rolling%d' % size, profile_id=profile.id,
        desired_capacity=size, min_size=0, max_size=-1)
    engine.wake()
    assert engines.wait_action(ctx, created.id).status == states.SUCCEEDED
    for policy in policies:
        attached = _run(ctx, engine, cluster.id, 'CLUSTER_ATTACH_POLICY',
                        {'policy_id': policy.id})
        assert attached.status == states.SUCCEEDED, attached.status_reason
    return cluster


class Watcher:
    """Polls the node list while an action runs: the fewest ACTIVE nodes seen."""

    def __init__(self, ctx, cluster_id, action_id):
        self.ctx, self.cluster_id, self.action_id = ctx, cluster_id, action_id
        self.fewest = None
        self.samples = 0
        self.outputs = []
        self.thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.thread.join(timeout=120)

    def _loop(self):
        while True:
            action = action_obj.Action.get(self.ctx, self.action_id,
                                           project_safe=False)
            nodes = node_obj.Node.for_cluster(self.ctx, self.cluster_id)
            active = sum(1 for n in nodes if n.status == states.N_ACTIVE)
            self.fewest = active if self.fewest is None else min(self.fewest,
                                                                 active)
            self.samples += 1
            if action.outputs:
                self.outputs.append(action.outputs)
            if action.status in states.ACTION_TERMINAL:
                return
            time.sleep(0.01)


def _wait_for(what, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = what()
        if found:
            return found
        time.sleep(0.02)
    raise AssertionError('timed out')


def _batches_of(children):
    """The children grouped by the batch they ran in (start times)."""
    ordered = sorted(children, key=lambda c: float(c.start_time))
    groups = []
    for child in ordered:
        if groups and float(child.start_time) < max(
                float(c.end_time) for c in groups[-1]):
            groups[-1].append(child)
        else:
            groups.append([child])
    return groups


def test_update_keeps_min_in_service_in_five_paused_batches(ctx, engine):
    old = engines.simulated_profile(ctx, name='v1', latency=0.05)
    new = engines.simulated_profile(ctx, name='v2', latency=0.05, metadata={'v': 2})
    batch = _policy(ctx, {'min_in_service': 8, 'max_batch_size': 2,
                          'pause_time': 1})
    cluster = _cluster(ctx, engine, 10, old, batch)
    started = time.monotonic()
    action = _start(ctx, engine, cluster.id, 'CLUSTER_UPDATE',
                    {'new_profile_id': new.id})
    with Watcher(ctx, cluster.id, action.id) as watcher:
        action = engines.wait_action(ctx, action.id, timeout=120)
    elapsed = time.monotonic() - started
    assert action.status == states.SUCCEEDED, action.status_reason
    assert watcher.samples > 20 and watcher.fewest >= 8
    updates = action_obj.Action.children(ctx, action.id)
    assert len(updates) == 10
    groups = _batches_of(updates)
    assert [len(g) for g in groups] == [2, 2, 2, 2, 2]
    for before, after in zip(groups, groups[1:]):
        gap = min(float(c.start_time) for c in after) - \
            max(float(c.end_time) for c in before)
        assert gap >= 0.95  # pause_time 1
    assert elapsed >= 4
    assert action.outputs['batches_done'] == 5
    assert action.outputs['nodes_updated'] == 10
    assert action.outputs['nodes_left'] == 0
    # Progress was visible while the update ran, batch after batch.
    seen = {o['batches_done'] for o in watcher.outputs}
    assert {1, 2, 3, 4} <= seen
    assert {o['batches_total'] for o in watcher.outputs} == {5}
    assert action.data['decisions']['update']['batches'] == [
        g for g in action.data['update']['plan']]
    nodes = node_obj.Node.for_cluster(ctx, cluster.id)
    assert {n.profile_id for n in nodes} == {new.id} and len(nodes) == 10
    found = engines.cluster(ctx, cluster.id)
    assert (found.profile_id, found.status) == (new.id, states.C_ACTIVE)


def test_unhealthy_nodes_go_first(ctx, engine):
    old = engines.simulated_profile(ctx, name='v1')
    new = engines.simulated_profile(ctx, name='v2')
    batch = _policy(ctx, {'min_in_service': 3, 'max_batch_size': 1,
                          'pause_time': 0})
    cluster = _cluster(ctx, engine, 4, old, batch)
    nodes = sorted(node_obj.Node.for_cluster(ctx, cluster.id), key=lambda n: n.index)
    node_obj.Node.set_status(ctx, nodes[3].id, states.N_ERROR, 'broken')
    action = _run(ctx, engine, cluster.id, 'CLUSTER_UPDATE',
                  {'new_profile_id': new.id})
    assert action.status == states.SUCCEEDED, action.status_reason
    assert action.data['update']['plan'] == [[nodes[3].id], [nodes[0].id],
                                             [nodes[1].id], [nodes[2].id]]


def test_surge_never_drops_below_desired(ctx, engine):
    old = engines.simulated_profile(ctx, name='v1', latency=0.05)
    new = engines.simulated_profile(ctx, name='v2', latency=0.05)
    batch = _policy(ctx, {'min_in_service': 8, 'max_batch_size': 2,
                          'pause_time': 0, 'max_surge': 2}, version='1.1')
    cluster = _cluster(ctx, engine, 10, old, batch)
    before = {n.id for n in node_obj.Node.for_cluster(ctx, cluster.id)}
    action = _start(ctx, engine, cluster.id, 'CLUSTER_UPDATE',
                    {'new_profile_id': new.id})
    with Watcher(ctx, cluster.id, action.id) as watcher:
        action = engines.wait_action(ctx, action.id, timeout=120)
    assert action.status == states.SUCCEEDED, action.status_reason
    assert watcher.samples > 20 and watcher.fewest >= 10
    nodes = node_obj.Node.for_cluster(ctx, cluster.id)
    assert len(nodes) == 10 and {n.profile_id for n in nodes} == {new.id}
    assert not before & {n.id for n in nodes}  # all replaced
    assert action.outputs['batches_done'] == 5
    found = engines.cluster(ctx, cluster.id)
    assert (found.desired_capacity, found.status) == (10, states.C_ACTIVE)


@pytest.mark.parametrize('rollback', [False, True])
def test_failing_profile_stops_after_first_batch(ctx, engine, rollback):
    old = engines.simulated_profile(ctx, name='v1')
    bad = engines.simulated_profile(ctx, name='bad', failure_rate=1,
                                    fail_operations=['update', 'create'])
    batch = _policy(ctx, {'min_in_service': 8, 'max_batch_size': 2,
                          'pause_time': 0, 'health_gate': True, 'timeout': 5,
                          'rollback': rollback}, version='1.1')
    cluster = _cluster(ctx, engine, 10, old, batch)
    before = {n.id: n for n in node_obj.Node.for_cluster(ctx, cluster.id)}
    action = _run(ctx, engine, cluster.id, 'CLUSTER_UPDATE',
                  {'new_profile_id': bad.id})
    assert action.status == states.FAILED
    assert 'stopped after batch 1 of 5' in action.status_reason
    assert 'Simulated failure of update' in action.status_reason
    assert action.outputs['batches_done'] == 0
    assert action.outputs['stopped'] in action.status_reason
    first = action.data['update']['plan'][0]
    nodes = {n.id: n for n in node_obj.Node.for_cluster(ctx, cluster.id)}
    untouched = [nodes[i] for i in nodes if i not in first]
    assert len(untouched) == 8
    for node in untouched:
        assert (node.status, node.profile_id, node.physical_id) == (
            states.N_ACTIVE, old.id, before[node.id].physical_id)
        assert node.updated_at == before[node.id].updated_at
    found = engines.cluster(ctx, cluster.id)
    assert found.status == states.C_WARNING
    assert found.profile_id == old.id
    assert 'stopped after batch 1' in found.status_reason
    if rollback:
        assert 'rolled back 2 of 2 node(s)' in action.status_reason
        assert all(nodes[i].status == states.N_ACTIVE and
                   nodes[i].profile_id == old.id for i in first)
    else:
        assert {nodes[i].status for i in first} == {states.N_ERROR}


def test_health_gate_uses_the_health_policy_and_rolls_back_in_place(ctx, engine):
    old = engines.simulated_profile(ctx, name='v1')
    # Its resources are made fine, but the health policy cannot see them healthy.
    blind = engines.simulated_profile(ctx, name='blind', failure_rate=1,
                                      fail_operations=['check'])
    health = policy_obj.Policy.create(
        ctx, id=objects_base.new_id(), name='health',
        type='senlin.policy.health-1.1', project=ctx.project_id,
        user=ctx.user_id, spec={
            'type': 'senlin.policy.health', 'version': '1.1', 'properties': {
                'detection': {'interval': 60, 'detection_modes': [
                    {'type': 'NODE_STATUS_POLLING'}]},
                'recovery': {'actions': [{'name': 'RECREATE'}]}}})
    batch = _policy(ctx, {'min_in_service': 3, 'max_batch_size': 2,
                          'pause_time': 0, 'health_gate': True, 'timeout': 1,
                          'rollback': True}, version='1.1')
    cluster = _cluster(ctx, engine, 4, old, batch, health)
    action = _run(ctx, engine, cluster.id, 'CLUSTER_UPDATE',
                  {'new_profile_id': blind.id})
    assert action.status == states.FAILED
    assert 'health gate: 1 of 1 node(s) of batch 1 not healthy within 1 s' in \
        action.status_reason
    assert 'by the health policy' in action.status_reason
    assert 'rolled back 1 of 1 node(s)' in action.status_reason
    nodes = node_obj.Node.for_cluster(ctx, cluster.id)
    assert {(n.status, n.profile_id) for n in nodes} == {(states.N_ACTIVE, old.id)}
    assert engines.cluster(ctx, cluster.id).status == states.C_WARNING


def test_surge_with_failing_creates_rolls_back_the_replacements(ctx, engine):
    old = engines.simulated_profile(ctx, name='v1')
    bad = engines.simulated_profile(ctx, name='bad', failure_rate=1,
                                    fail_operations=['create'])
    batch = _policy(ctx, {'max_surge': 2, 'pause_time': 0, 'rollback': True},
                    version='1.1')
    cluster = _cluster(ctx, engine, 6, old, batch)
    before = {n.id for n in node_obj.Node.for_cluster(ctx, cluster.id)}
    action = _run(ctx, engine, cluster.id, 'CLUSTER_UPDATE',
                  {'new_profile_id': bad.id})
    assert action.status == states.FAILED
    assert 'Simulated failure of create' in action.status_reason
    assert 'rolled back 2 of 2' in action.status_reason
    nodes = node_obj.Node.for_cluster(ctx, cluster.id)
    assert {n.id for n in nodes} == before
    assert {(n.status, n.profile_id) for n in nodes} == {(states.N_ACTIVE, old.id)}


def _progress(ctx, action_id):
    return action_obj.Action.get(ctx, action_id, project_safe=False).outputs or {}


def test_pause_resume_and_cancel(ctx, engine):
    # Each batch takes at least 0.25 s (a simulated update waits out the
    # latency of the node's profile before the update), so that the pause lands
    # with batches still to go even when this thread polls late on a loaded host.
    old = engines.simulated_profile(ctx, name='v1', latency=0.25)
    new = engines.simulated_profile(ctx, name='v2', latency=0.25)
    batch = _policy(ctx, {'min_in_service': 5, 'max_batch_size': 1,
                          'pause_time': 0})
    cluster = _cluster(ctx, engine, 6, old, batch)
    action = _start(ctx, engine, cluster.id, 'CLUSTER_UPDATE',
                    {'new_profile_id': new.id})
    _wait_for(lambda: _progress(ctx, action.id).get('batches_done', 0) >= 1)
    control.pause(ctx, action.id)
    _wait_for(lambda: _progress(ctx, action.id).get('paused'))
    held = _progress(ctx, action.id)['batches_done']
    children = len(action_obj.Action.children(ctx, action.id))
    time.sleep(1.0)
    assert _progress(ctx, action.id)['batches_done'] == held
    assert len(action_obj.Action.children(ctx, action.id)) == children
    assert action_obj.Action.get(ctx, action.id).status == states.RUNNING
    control.resume(ctx, action.id)
    done = engines.wait_action(ctx, action.id, timeout=60)
    assert done.status == states.SUCCEEDED, done.status_reason
    assert done.outputs['batches_done'] == 6 and not done.outputs['paused']

    # Cancelled while paused: the remaining nodes keep the old profile.
    action = _start(ctx, engine, cluster.id, 'CLUSTER_UPDATE',
                    {'new_profile_id': old.id})
    _wait_for(lambda: _progress(ctx, action.id).get('batches_done', 0) >= 2)
    control.pause(ctx, action.id)
    _wait_for(lambda: _progress(ctx, action.id).get('paused'))
    control.cancel(ctx, action.id)
    done = engines.wait_action(ctx, action.id, timeout=60)
    assert done.status == states.CANCELLED
    updated = done.outputs['nodes_updated']
    assert 2 <= updated < 6
    profiles = [n.profile_id for n in node_obj.Node.for_cluster(ctx, cluster.id)]
    assert profiles.count(old.id) == updated
    found = engines.cluster(ctx, cluster.id)
    assert found.status == states.C_ACTIVE and found.profile_id == new.id
    with pytest.raises(control.ActionImmutable):
        control.pause(ctx, action.id)
    with pytest.raises(control.ActionImmutable):
        control.resume(ctx, action.id)


def test_only_rolling_actions_pause(ctx, engine):
    profile = engines.simulated_profile(ctx)
    cluster = _cluster(ctx, engine, 1, profile)
    action = _run(ctx, engine, cluster.id, 'CLUSTER_CHECK')
    with pytest.raises(control.NotPausable):
        control.pause(ctx, action.id)


def test_replace_nodes_in_batches(ctx, engine):
    profile = engines.simulated_profile(ctx)
    batch = _policy(ctx, {'min_in_service': 2, 'max_batch_size': 2,
                          'pause_time': 0, 'health_gate': True, 'timeout': 5},
                    version='1.1')
    cluster = _cluster(ctx, engine, 4, profile, batch)
    spares = []
    for i in range(4):
        node, created = requests.create_node(ctx, 3600, name='spare%d' % i,
                                             profile_id=profile.id)
        engine.wake()
        assert engines.wait_action(ctx, created.id).status == states.SUCCEEDED
        spares.append(node.id)
    olds = [n.id for n in node_obj.Node.for_cluster(ctx, cluster.id)]
    action = _run(ctx, engine, cluster.id, 'CLUSTER_REPLACE_NODES',
                  {'nodes': dict(zip(olds, spares))})
    assert action.status == states.SUCCEEDED, action.status_reason
    assert action.outputs['batches_done'] == 2
    assert {n.id for n in node_obj.Node.for_cluster(ctx, cluster.id)} == set(spares)
    groups = _batches_of([c for c in action_obj.Action.children(ctx, action.id)
                          if c.action == 'NODE_JOIN'])
    assert [len(g) for g in groups] == [2, 2]
