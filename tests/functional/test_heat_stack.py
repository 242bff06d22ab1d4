"""``os.heat.stack`` against a real Heat (the Heat anchor, Heat 27 behind the
Keystone anchor), through an in-process engine on SQLite and the real
openstacksdk driver (``cloud_backend = openstack``): the same spec and the same
checks as on the simulated cloud (tests/functional/test_simulated_openstack.py),
so the simulated Heat cannot drift from Heat's behaviour unnoticed.

Slow to set up (Keystone and Heat anchors: seconds when up, minutes when not),
so only one cluster's life is run here.
"""

import http.server
import json
import threading
import time
import uuid

import openstack
import pytest

from clusterd.engine import requests
from clusterd.objects import event as event_obj
from clusterd.objects import node as node_obj
from clusterd.objects import policy as policy_obj
from clusterd.objects import profile as profile_obj
from clusterd.profiles import heat_stack
from clusterd import schema
from clusterd import states
from tests import databases
from tests import engines
from tests import heat_plugin_anchor
from tests import keystone_anchor
from tests import services
from tests.functional.test_simulated_openstack import example


@pytest.fixture(scope='module')
def keystone():
    with keystone_anchor.running() as url:
        yield url


@pytest.fixture(scope='module')
def heat(keystone):
    # (os.heat.stack needs no plugin: a running Heat is used as it is)
    with heat_plugin_anchor.running(plugin=False):
        yield openstack.connect(
            auth_url=keystone + '/v3', username='demo', password='demo',
            project_name='demo', user_domain_id='default',
            project_domain_id='default', region_name='RegionOne',
            load_envvars=False, load_yaml_config=False).orchestration


@pytest.fixture(scope='module')
def db(tmp_path_factory):
    with databases.migrated_database('sqlite', tmp_path_factory.mktemp('db')) as db:
        yield db


@pytest.fixture(scope='module')
def engine(db, keystone, heat, tmp_path_factory):
    clouds = tmp_path_factory.mktemp('clouds') / 'clouds.yaml'
    clouds.write_text(
        'clouds:\n  demo:\n    auth:\n      auth_url: %s/v3\n'
        '      username: demo\n      password: demo\n      project_name: demo\n'
        '      user_domain_id: default\n      project_domain_id: default\n'
        '    region_name: RegionOne\n' % keystone)
    running = engines.Engine(db, groups={
        'openstack': {'connection_source': 'cloud', 'cloud': 'demo',
                      'clouds_file': str(clouds), 'poll_interval': 0.5},
        # (the health policy's checks every second; a failed recreate must not
        # spend a node's recovery budget before the template is fixed)
        'health': {'interval_min': 1, 'manager_tick': 0.2,
                   'max_recoveries': 20}})
    with running:
        yield running


def test_senlin_heat_spec_on_real_heat(db, engine, heat):
    ctx = engines.user_context(db, project='p-heat-' + uuid.uuid4().hex[:6])
    spec = example('heat-stack-random-string.yaml')

    # Validation: Heat's own refusal names the type.
    bad = dict(spec, properties=dict(spec['properties'], template=dict(
        spec['properties']['template'], resources=dict(
            spec['properties']['template']['resources'],
            extra={'type': 'OS::Not::AType'}))))
    with pytest.raises(schema.InvalidSpec) as caught:
        heat_stack.HeatStackProfile('bad', bad, conf=engine.conf) \
            .validate_resources(ctx)
    assert 'OS::Not::AType' in str(caught.value)
    heat_stack.HeatStackProfile('ok', spec, conf=engine.conf) \
        .validate_resources(ctx)

    profile = profile_obj.Profile.create(
        ctx, name='stacks', type='os.heat.stack-1.0', project=ctx.project_id,
        user=ctx.user_id, spec=spec)
    cluster, action = requests.create_cluster(
        ctx, 3600, name='stacks', profile_id=profile.id, desired_capacity=1,
        min_size=0, max_size=-1)
    engine.wake()
    done = engines.wait_action(ctx, action.id, timeout=240)
    assert done.status == states.SUCCEEDED, done.status_reason
    (node,) = node_obj.Node.for_cluster(ctx, cluster.id)
    stack = heat.get_stack(node.physical_id)
    assert stack.status == 'CREATE_COMPLETE'
    assert 'cluster_node_id=%s' % node.id in (stack.tags or [])
    outputs = {o['output_key']: o['output_value'] for o in stack.outputs}
    assert len(outputs['value']) == 12

    # Check: Heat's stack check.
    action = requests.cluster_action(ctx, engines.cluster(ctx, cluster.id),
                                     'CLUSTER_CHECK')
    engine.wake()
    assert engines.wait_action(ctx, action.id, timeout=240).status == \
        states.SUCCEEDED
    assert heat.get_stack(node.physical_id).status == 'CHECK_COMPLETE'

    # Profile update: new parameters.
    longer = dict(spec, properties=dict(spec['properties'],
                                        parameters={'length': 20}))
    new = profile_obj.Profile.create(
        ctx, name='longer', type='os.heat.stack-1.0', project=ctx.project_id,
        user=ctx.user_id, spec=longer)
    action = requests.cluster_action(ctx, engines.cluster(ctx, cluster.id),
                                     'CLUSTER_UPDATE', {'new_profile_id': new.id})
    engine.wake()
    done = engines.wait_action(ctx, action.id, timeout=240)
    assert done.status == states.SUCCEEDED, done.status_reason
    stack = heat.get_stack(node.physical_id)
    assert stack.status == 'UPDATE_COMPLETE'
    outputs = {o['output_key']: o['output_value'] for o in stack.outputs}
    assert len(outputs['value']) == 20

    action = requests.cluster_action(ctx, engines.cluster(ctx, cluster.id),
                                     'CLUSTER_DELETE')
    engine.wake()
    done = engines.wait_action(ctx, action.id, timeout=240)
    assert done.status == states.SUCCEEDED, done.status_reason
    assert heat.find_stack(node.physical_id, ignore_missing=True) is None or \
        heat.get_stack(node.physical_id).status == 'DELETE_COMPLETE'



# --- a stack that fails to create, on the real Heat ---------------------------------

BOOM = 'Resource CREATE failed: ValueError: resources.boom: Test Resource failed boom'


def _template(fail):
    """One OS::Heat::TestResource: Heat fails its create when ``fail``."""
    return {'heat_template_version': '2016-04-08',
            'parameters': {'word': {'type': 'string', 'default': 'up'}},
            'resources': {'boom': {'type': 'OS::Heat::TestResource', 'properties': {
                'value': {'get_param': 'word'}, 'fail': fail}}},
            'outputs': {'word': {'value': {'get_attr': ['boom', 'output']}}}}


@pytest.fixture
def template_url():
    """An HTTP server that Heat fetches a ``template_url`` from; the test
    changes what it serves (an operator fixing the template)."""
    served = {'template': _template(True)}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's name
            body = json.dumps(served['template']).encode()
            self.send_response(200)
            self.send_header('Content-Type', 'application/json')
            self.send_header('Content-Length', str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield 'http://127.0.0.1:%d/stack.json' % server.server_address[1], served
    finally:
        server.shutdown()
        server.server_close()


def _cluster_stacks(heat, cluster_id):
    """The stacks Heat has for the cluster (by clusterd's tag), not deleted."""
    return [s for s in heat.stacks(tags=['cluster_id=%s' % cluster_id])
            if s.status != 'DELETE_COMPLETE']


def _status(heat, stack_id):
    try:
        return heat.get_stack(stack_id).status
    except openstack.exceptions.NotFoundException:
        return 'DELETE_COMPLETE'  # (openstacksdk's answer for a deleted stack)


def _gone(heat, stack_id):
    return _status(heat, stack_id) == 'DELETE_COMPLETE'


def _run(engine, ctx, action, timeout=300):
    engine.wake()
    return engines.wait_action(ctx, action.id, timeout=timeout)


def test_a_stack_in_create_failed_is_detected_and_recreated(
        db, engine, heat, template_url):
    url, served = template_url
    ctx = engines.user_context(db, project='p-heatfail-' + uuid.uuid4().hex[:6])
    profile = profile_obj.Profile.create(
        ctx, name='failing', type='os.heat.stack-1.0', project=ctx.project_id,
        user=ctx.user_id, spec={'type': 'os.heat.stack', 'version': '1.0',
                                'properties': {'template_url': url, 'timeout': 5}})
    cluster, action = requests.create_cluster(
        ctx, 3600, name='failing', profile_id=profile.id, desired_capacity=2,
        min_size=0, max_size=-1)
    done = _run(engine, ctx, action)
    assert done.status == states.FAILED

    # Each node is ERROR with Heat's reason, and owns its failed stack.
    nodes = node_obj.Node.for_cluster(ctx, cluster.id)
    assert len(nodes) == 2
    first = {}
    for node in nodes:
        assert node.status == states.N_ERROR
        assert BOOM in node.status_reason, node.status_reason
        stack = heat.get_stack(node.physical_id)
        assert stack.status == 'CREATE_FAILED' and stack.status_reason == BOOM
        first[node.id] = node.physical_id

    # A cluster check finds them unhealthy, without a Heat check (whose
    # CHECK_FAILED would hide why the create failed).
    done = _run(engine, ctx, requests.cluster_action(
        ctx, engines.cluster(ctx, cluster.id), 'CLUSTER_CHECK'))
    assert done.status == states.FAILED
    for node in node_obj.Node.for_cluster(ctx, cluster.id):
        assert node.status == states.N_ERROR
        assert heat.get_stack(node.physical_id).status == 'CREATE_FAILED'

    # The health policy sees CREATE_FAILED and recreates; the template is
    # still broken, so each new stack fails too: the node owns the new
    # failed stack and the old one is deleted.
    policy = policy_obj.Policy.create(
        ctx, name='health', type='senlin.policy.health-1.1',
        user=ctx.user_id, project=ctx.project_id, data={}, spec={
            'type': 'senlin.policy.health', 'version': '1.1', 'properties': {
                'detection': {'interval': 1, 'node_update_timeout': 0,
                              'detection_modes': [
                                  {'type': 'NODE_STATUS_POLLING'}]},
                'recovery': {'actions': [{'name': 'RECREATE'}]}}})
    done = _run(engine, ctx, requests.cluster_action(
        ctx, engines.cluster(ctx, cluster.id), 'CLUSTER_ATTACH_POLICY',
        {'policy_id': policy.id, 'enabled': True}))
    assert done.status == states.SUCCEEDED, done.status_reason

    def recreated_and_failed():
        current = {n.id: n.physical_id
                   for n in node_obj.Node.for_cluster(ctx, cluster.id)}
        return all(current[i] and current[i] != first[i] for i in first) and \
            current
    again = services.wait_for(recreated_and_failed, timeout=300, interval=0.5,
                              what='both nodes recreated (and failed again)')
    for node_id, old in first.items():
        assert _gone(heat, old), 'the failed stack %s was left behind' % old
        # (or already on its way out: the policy keeps recreating)
        assert _status(heat, again[node_id]) in (
            'CREATE_FAILED', 'DELETE_IN_PROGRESS', 'DELETE_COMPLETE')
    assert len(_cluster_stacks(heat, cluster.id)) <= 2
    failed_steps = [e for n in first for e in event_obj.Event.list_for(ctx, n)
                    if e.status == 'recovery_step_failed']
    assert failed_steps and BOOM in failed_steps[0].status_reason, \
        [e.status_reason for e in failed_steps]

    # The operator fixes the template: the next recreate makes both healthy.
    served['template'] = _template(False)

    def recovered():
        nodes = node_obj.Node.for_cluster(ctx, cluster.id)
        return all(n.status == states.N_ACTIVE for n in nodes) and nodes
    nodes = services.wait_for(recovered, timeout=300, interval=0.5,
                              what='both nodes ACTIVE again')
    stacks = _cluster_stacks(heat, cluster.id)
    assert sorted(s.id for s in stacks) == sorted(n.physical_id for n in nodes)
    for node in nodes:
        stack = heat.get_stack(node.physical_id)
        assert stack.status == 'CREATE_COMPLETE'
        assert stack.outputs[0]['output_value'] == 'up'
        assert node.status_reason == 'Recovered by RECREATE'

    # Delete: no stack of the cluster is left, failed or not.
    done = _run(engine, ctx, requests.cluster_action(
        ctx, engines.cluster(ctx, cluster.id), 'CLUSTER_DELETE'))
    assert done.status == states.SUCCEEDED, done.status_reason
    assert _cluster_stacks(heat, cluster.id) == []
    assert all(_gone(heat, n.physical_id) for n in nodes)


def test_a_create_heat_rolls_back_fails_at_once_with_heats_reason(
        db, engine, heat):
    """``disable_rollback: false``: Heat ends a failed create ROLLBACK_COMPLETE
    ("Stack ROLLBACK completed successfully"), and its check of the empty stack
    passes; the node must still be ERROR with why, and unhealthy."""
    ctx = engines.user_context(db, project='p-heatrb-' + uuid.uuid4().hex[:6])
    profile = profile_obj.Profile.create(
        ctx, name='rolled', type='os.heat.stack-1.0', project=ctx.project_id,
        user=ctx.user_id, spec={'type': 'os.heat.stack', 'version': '1.0',
                                'properties': {'template': _template(True),
                                               'disable_rollback': False,
                                               'timeout': 5}})
    cluster, action = requests.create_cluster(
        ctx, 3600, name='rolled', profile_id=profile.id, desired_capacity=1,
        min_size=0, max_size=-1)
    started = time.monotonic()
    done = _run(engine, ctx, action)
    assert done.status == states.FAILED
    assert time.monotonic() - started < 120  # not the 5-minute stack timeout
    (node,) = node_obj.Node.for_cluster(ctx, cluster.id)
    assert node.status == states.N_ERROR
    assert 'rolled back (ROLLBACK_COMPLETE): %s' % BOOM in node.status_reason, \
        node.status_reason
    assert heat.get_stack(node.physical_id).status == 'ROLLBACK_COMPLETE'

    plugin = heat_stack.HeatStackProfile.from_object(profile, conf=engine.conf)
    found = plugin.list_resources(ctx, [node])[node.id]
    assert found['healthy'] is False and BOOM in found['status_reason']
    assert plugin.check(ctx, node) is False
    assert heat.get_stack(node.physical_id).status == 'ROLLBACK_COMPLETE'

    done = _run(engine, ctx, requests.cluster_action(
        ctx, engines.cluster(ctx, cluster.id), 'CLUSTER_DELETE'))
    assert done.status == states.SUCCEEDED, done.status_reason
    assert _cluster_stacks(heat, cluster.id) == []
