"""Heat templates with Senlin's resource types, on a real Heat, served by clusterd.

The Heat anchor (Heat 27, which keeps ``OS::Senlin::*`` only as hidden
placeholders) runs with ``clusterd/heat`` in its ``plugin_dirs``
(tests/heat_plugin_anchor.py); clusterd is deployed behind keystonemiddleware and is
``clustering`` in the Keystone anchor's catalog (the ``deployment`` fixture).
The user ``demo`` creates stacks through openstacksdk's orchestration proxy;
heat-engine runs the plugin, which calls clusterd with the stack's trust through
the catalog.  What the stacks made is then checked in clusterd directly, as
``demo``.
"""

import json
import os
import time
import urllib.request

from openstack import exceptions
import pytest
import yaml

from tests.compat import conftest
from tests import heat_plugin_anchor
from tests import services

EXAMPLE = os.path.join(services.ROOT, 'examples', 'heat', 'autoscaling.yaml')
# Explicit bounds of every wait (a stack of simulated nodes takes seconds).
STACK_WAIT = 300
ACTION_WAIT = 90


@pytest.fixture(scope='module')
def heat(deployment, keystone):
    with heat_plugin_anchor.running():
        yield conftest.keystone_connection(keystone, 'demo', 'demo',
                                           'demo').orchestration


@pytest.fixture(scope='module')
def clustering(deployment, keystone):
    """clusterd as the stacks' owner sees it."""
    clustering = conftest.keystone_connection(
        keystone, 'demo', 'demo', 'demo',
        clustering_default_microversion='1.14').clustering
    # Heat finds clusterd in the same catalog.
    found = clustering.get_endpoint()
    assert found.startswith(deployment.url), (
        "the catalog's clustering endpoint is %s, not this module's clusterd %s: "
        "a test session without the catalog lock re-pointed it" % (
            found, deployment.url))
    return clustering


def _template(path=EXAMPLE):
    with open(path) as f:
        template = yaml.safe_load(f)
    # YAML reads the version as a date; Heat's own loader keeps it a string.
    template['heat_template_version'] = str(template['heat_template_version'])
    return template


def _wait(heat, stack_id, action):
    """The stack once ``action`` ended (COMPLETE or FAILED)."""
    deadline = time.monotonic() + STACK_WAIT
    while True:
        stack = heat.get_stack(stack_id)
        if stack.status in (action + '_COMPLETE', action + '_FAILED'):
            return stack
        assert time.monotonic() < deadline, (
            'stack %s still %s after %d s' % (stack_id, stack.status, STACK_WAIT))
        time.sleep(0.5)


def _deleted(heat, stack):
    heat.delete_stack(stack)
    deadline = time.monotonic() + STACK_WAIT
    while True:
        found = heat.find_stack(stack.id)
        if found is None or found.status == 'DELETE_COMPLETE':
            return
        assert found.status != 'DELETE_FAILED', found.status_reason
        assert time.monotonic() < deadline, 'stack %s still %s' % (stack.id,
                                                                   found.status)
        time.sleep(0.5)


def _outputs(stack):
    return {o['output_key']: o['output_value'] for o in stack.outputs}


def _resource(heat, stack, name):
    found, = [r for r in heat.resources(stack) if r.name == name]
    return found


def _physical_ids(heat, stack):
    return {r.name: r.physical_resource_id for r in heat.resources(stack)}


def _gone(clustering, ids):
    """The subset of ``{kind: id}`` that clusterd still has."""
    left = {}
    for kind, identity in ids.items():
        try:
            getattr(clustering, 'get_' + kind)(identity)
        except exceptions.NotFoundException:
            continue
        left[kind] = identity
    return left


def _wait_action(clustering, action_id):
    return clustering.wait_for_status(
        clustering.get_action(action_id), 'SUCCEEDED',
        failures=['FAILED', 'CANCELLED'], interval=0.2, wait=ACTION_WAIT)


def test_the_example_creates_updates_in_place_and_deletes(heat, clustering,
                                                          deployment):
    stack = heat.create_stack(name=conftest.unique('heat-autoscaling'),
                              template=_template(), parameters={})
    stack = _wait(heat, stack.id, 'CREATE')
    assert stack.status == 'CREATE_COMPLETE', stack.status_reason
    ids = _physical_ids(heat, stack)
    outputs = _outputs(stack)

    cluster = clustering.get_cluster(ids['cluster'])
    assert cluster.status == 'ACTIVE'
    assert cluster.profile_id == ids['profile']
    assert len(cluster.node_ids) == 2
    assert (cluster.min_size, cluster.max_size) == (1, 5)
    # The stack's user owns what its resources made (Heat called with its trust).
    assert cluster.project_id == heat.get_project_id()
    bindings = list(clustering.cluster_policies(cluster.id))
    assert [(b.policy_id, b.is_enabled) for b in bindings] == [
        (ids['scale_out_policy'], True)]
    assert clustering.get_policy(ids['scale_out_policy']).type == \
        'senlin.policy.scaling-1.0'

    # get_attr: the cluster's nodes, what collect finds on them, the receiver's URL.
    assert outputs['cluster_id'] == cluster.id
    assert sorted(outputs['nodes']) == sorted(cluster.node_ids)
    names = {clustering.get_node(n).name for n in cluster.node_ids}
    assert sorted(outputs['node_names']) == sorted(names)
    receiver = clustering.get_receiver(ids['scale_out_receiver'])
    assert receiver.action == 'CLUSTER_SCALE_OUT'
    assert receiver.cluster_id == cluster.id
    assert outputs['alarm_url'] == receiver.channel['alarm_url']
    assert outputs['alarm_url'].startswith(deployment.url + '/v1/webhooks/')

    # New size and new profile properties: the cluster is updated in place (same
    # id, its nodes rolled over to a new profile); the profile, whose spec cannot
    # change, is replaced and the old one deleted.
    heat.update_stack(stack, template=_template(),
                      parameters={'desired_capacity': 3, 'latency': 0.2})
    stack = _wait(heat, stack.id, 'UPDATE')
    assert stack.status == 'UPDATE_COMPLETE', stack.status_reason
    updated = _physical_ids(heat, stack)
    assert updated['cluster'] == cluster.id
    assert updated['scale_out_policy'] == ids['scale_out_policy']
    assert updated['scale_out_receiver'] == ids['scale_out_receiver']
    assert updated['profile'] != ids['profile']
    new_profile = clustering.get_profile(updated['profile'])
    assert new_profile.spec['properties']['latency'] == 0.2
    cluster = clustering.get_cluster(cluster.id)
    assert cluster.status == 'ACTIVE'
    assert cluster.profile_id == new_profile.id
    assert len(cluster.node_ids) == 3
    assert {clustering.get_node(n).profile_id for n in cluster.node_ids} == {
        new_profile.id}
    assert _gone(clustering, {'profile': ids['profile']}) == {}
    assert sorted(_outputs(stack)['nodes']) == sorted(cluster.node_ids)

    # The alarm URL scales out without a token, through the attached policy.
    request = urllib.request.Request(
        _outputs(stack)['alarm_url'], data=b'{}', method='POST',
        headers={'Content-Type': 'application/json'})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 202
        _wait_action(clustering, json.loads(response.read())['action'])
    assert len(clustering.get_cluster(cluster.id).node_ids) == 4
    nodes = clustering.get_cluster(cluster.id).node_ids

    _deleted(heat, stack)
    left = _gone(clustering, {'cluster': cluster.id,
                              'profile': new_profile.id,
                              'policy': ids['scale_out_policy'],
                              'receiver': ids['scale_out_receiver']})
    assert left == {}
    assert [n for n in nodes if _gone(clustering, {'node': n})] == []


def test_a_property_clusterd_refuses_fails_the_resource_with_its_message(
        heat, clustering):
    spec = {'type': 'clusterd.simulated', 'version': '1.0',
            'properties': {'latency': -1}}
    name = conftest.unique('heat-refused')
    # What clusterd answers to that profile, asked directly.
    with pytest.raises(exceptions.BadRequestException) as refused:
        clustering.create_profile(name=name, spec=spec)
    message = refused.value.details
    assert 'latency' in message, message

    template = {
        'heat_template_version': '2021-04-16',
        'resources': {
            'profile': {'type': 'OS::Senlin::Profile', 'properties': {
                'name': name, 'type': 'clusterd.simulated-1.0',
                'properties': spec['properties']}},
            'cluster': {'type': 'OS::Senlin::Cluster', 'properties': {
                'profile': {'get_resource': 'profile'}, 'desired_capacity': 1}},
        },
    }
    stack = heat.create_stack(name=conftest.unique('heat-refused'),
                              template=template, timeout_mins=60)
    stack = _wait(heat, stack.id, 'CREATE')
    assert stack.status == 'CREATE_FAILED'
    # Heat's reason names the resource and carries clusterd's 400 message; the
    # resource failed at once (no timeout, no retries: a refusal is final).
    assert message in stack.status_reason, stack.status_reason
    assert 'timed out' not in stack.status_reason.lower()
    profile = _resource(heat, stack, 'profile')
    assert profile.status == 'CREATE_FAILED'
    assert message in profile.status_reason
    assert '400' in profile.status_reason
    assert _resource(heat, stack, 'cluster').status == 'INIT_COMPLETE'
    _deleted(heat, stack)

    # A 409 that no running action explains is a refusal too: a second scaling
    # policy for the same event.
    policy = {'type': 'OS::Senlin::Policy', 'properties': {
        'type': 'senlin.policy.scaling-1.0',
        'properties': {'event': 'CLUSTER_SCALE_OUT'}}}
    template = {
        'heat_template_version': '2021-04-16',
        'resources': {
            'profile': {'type': 'OS::Senlin::Profile', 'properties': {
                'type': 'clusterd.simulated-1.0', 'properties': {}}},
            'first': policy, 'second': policy,
            'cluster': {'type': 'OS::Senlin::Cluster', 'properties': {
                'profile': {'get_resource': 'profile'},
                'policies': [{'policy': {'get_resource': 'first'}},
                             {'policy': {'get_resource': 'second'}}]}},
        },
    }
    stack = heat.create_stack(name=conftest.unique('heat-two-scalers'),
                              template=template)
    stack = _wait(heat, stack.id, 'CREATE')
    assert stack.status == 'CREATE_FAILED'
    cluster = _resource(heat, stack, 'cluster')
    assert cluster.status == 'CREATE_FAILED'
    assert '409' in cluster.status_reason, cluster.status_reason
    assert 'scaling' in cluster.status_reason.lower(), cluster.status_reason
    _deleted(heat, stack)


NODE_TEMPLATE = {
    'heat_template_version': '2021-04-16',
    'parameters': {
        'node_cluster': {'type': 'string', 'default': ''},
        'node_name': {'type': 'string', 'default': 'lonely'},
        'enabled': {'type': 'boolean', 'default': True},
    },
    'conditions': {'in_cluster': {'not': {'equals': [
        {'get_param': 'node_cluster'}, '']}}},
    'resources': {
        'profile': {'type': 'OS::Senlin::Profile', 'properties': {
            'type': 'clusterd.simulated-1.0', 'properties': {'latency': 0}}},
        'cluster': {'type': 'Clusterd::Cluster', 'properties': {
            'profile': {'get_resource': 'profile'}, 'desired_capacity': 1,
            'max_size': 3}},
        'deletion_policy': {'type': 'OS::Senlin::Policy', 'properties': {
            'type': 'senlin.policy.deletion-1.1',
            'properties': {'criteria': 'OLDEST_FIRST'},
            'bindings': [{'cluster': {'get_resource': 'cluster'},
                          'enabled': {'get_param': 'enabled'}}]}},
        'node': {'type': 'OS::Senlin::Node', 'properties': {
            'profile': {'get_resource': 'profile'},
            'name': {'get_param': 'node_name'},
            'metadata': {'role': 'spare'},
            'cluster': {'if': ['in_cluster', {'get_resource': 'cluster'},
                               None]}}},
    },
    'outputs': {
        'node_cluster': {'value': {'get_attr': ['node', 'cluster_id']}},
        'node_details': {'value': {'get_attr': ['node', 'details']}},
        'status': {'value': {'get_attr': ['cluster', 'status']}},
        'health': {'value': {'get_attr': ['cluster', 'health']}},
    },
}


def test_node_policy_bindings_and_the_health_cluster(heat, clustering):
    stack = heat.create_stack(name=conftest.unique('heat-node'),
                              template=NODE_TEMPLATE)
    stack = _wait(heat, stack.id, 'CREATE')
    assert stack.status == 'CREATE_COMPLETE', stack.status_reason
    ids = _physical_ids(heat, stack)
    outputs = _outputs(stack)
    node = clustering.get_node(ids['node'])
    assert (node.name, node.cluster_id, node.metadata) == ('lonely', '',
                                                           {'role': 'spare'})
    assert outputs['node_cluster'] == ''
    assert outputs['node_details']['status'] == 'ACTIVE'
    # Clusterd::Cluster: API 1.15's health beside the cluster's status.
    assert outputs['status'] == 'ACTIVE'
    assert set(outputs['health']) >= {'checked_at', 'breaker'}
    binding = clustering.get_cluster_policy(ids['deletion_policy'], ids['cluster'])
    assert binding.is_enabled is True

    # In place: the node joins the cluster under a new name; the binding is
    # disabled (a policy_update, not a detach and attach).
    heat.update_stack(stack, template=NODE_TEMPLATE, parameters={
        'node_cluster': 'yes', 'node_name': 'member', 'enabled': False})
    stack = _wait(heat, stack.id, 'UPDATE')
    assert stack.status == 'UPDATE_COMPLETE', stack.status_reason
    assert _physical_ids(heat, stack) == ids
    node = clustering.get_node(ids['node'])
    assert (node.name, node.cluster_id) == ('member', ids['cluster'])
    assert len(clustering.get_cluster(ids['cluster']).node_ids) == 2
    assert _outputs(stack)['node_cluster'] == ids['cluster']
    binding = clustering.get_cluster_policy(ids['deletion_policy'], ids['cluster'])
    assert binding.is_enabled is False

    # And back out of the cluster: the node stays, as an orphan.
    heat.update_stack(stack, template=NODE_TEMPLATE, parameters={
        'node_name': 'member', 'enabled': False})
    stack = _wait(heat, stack.id, 'UPDATE')
    assert stack.status == 'UPDATE_COMPLETE', stack.status_reason
    assert clustering.get_node(ids['node']).cluster_id == ''
    assert len(clustering.get_cluster(ids['cluster']).node_ids) == 1

    _deleted(heat, stack)
    kinds = {'profile': ids['profile'], 'cluster': ids['cluster'],
             'policy': ids['deletion_policy'], 'node': ids['node']}
    assert _gone(clustering, kinds) == {}


SLOW_TEMPLATE = {
    'heat_template_version': '2021-04-16',
    'parameters': {'tier': {'type': 'string', 'default': 'web'}},
    'resources': {
        # Each simulated create takes SLOW seconds: a scale-out keeps the
        # cluster busy that long.
        'profile': {'type': 'OS::Senlin::Profile', 'properties': {
            'type': 'clusterd.simulated-1.0', 'properties': {'latency': 20}}},
        'cluster': {'type': 'OS::Senlin::Cluster', 'properties': {
            'profile': {'get_resource': 'profile'}, 'desired_capacity': 0,
            'metadata': {'tier': {'get_param': 'tier'}}}},
    },
}


def test_an_update_waits_for_the_action_running_on_the_cluster(heat, clustering):
    """clusterd refuses a second action on a busy cluster at once (409), where
    Senlin queued it: the plugin asks again until the running one ended."""
    stack = heat.create_stack(name=conftest.unique('heat-busy'),
                              template=SLOW_TEMPLATE)
    stack = _wait(heat, stack.id, 'CREATE')
    assert stack.status == 'CREATE_COMPLETE', stack.status_reason
    cluster_id = _physical_ids(heat, stack)['cluster']
    scale_out = clustering.scale_out_cluster(cluster_id, 1)['action']

    heat.update_stack(stack, template=SLOW_TEMPLATE, parameters={'tier': 'db'})
    deadline = time.monotonic() + STACK_WAIT
    while _resource(heat, stack, 'cluster').status != 'UPDATE_IN_PROGRESS':
        assert time.monotonic() < deadline
        time.sleep(0.2)
    # Heat is updating the cluster while the scale-out has not ended.
    assert clustering.get_action(scale_out).status in ('READY', 'RUNNING',
                                                       'WAITING')
    stack = _wait(heat, stack.id, 'UPDATE')
    assert stack.status == 'UPDATE_COMPLETE', stack.status_reason
    ended = _wait_action(clustering, scale_out)
    update, = [a for a in clustering.actions(target=cluster_id)
               if a.action == 'CLUSTER_UPDATE']
    assert update.status == 'SUCCEEDED'
    assert update.start_at >= ended.end_at
    cluster = clustering.get_cluster(cluster_id)
    assert (cluster.metadata, len(cluster.node_ids)) == ({'tier': 'db'}, 1)
    _deleted(heat, stack)
