"""openstacksdk's clustering proxy, unmodified, against a live clusterd-standalone.

Two connections, as real users make them: with ``clustering_default_microversion``
1.14 (what the CLI pins and most scripts set) and with none, which sends no
version header, so the server acts as 1.0 (as Heat and plain SDK users call it).
"""

import json
import time
import urllib.request

import pytest

from tests.compat import conftest
from tests import databases

try:
    import openstack
    from openstack import exceptions
except ImportError:     # a runtime dependency; only a broken install lacks it
    openstack = None

WAIT = 60

# The connection is the one given here, whatever OS_* variables or clouds.yaml
# the machine running the tests has.
HERMETIC = {'load_envvars': False, 'load_yaml_config': False}


@pytest.fixture(scope='module', autouse=True)
def _sdk():
    if openstack is None:
        databases.unavailable('openstacksdk is not installed')


@pytest.fixture(scope='module')
def cl(base_url):
    """The clustering proxy at 1.14."""
    return openstack.connect(auth_type='none', auth={'endpoint': base_url},
                             clustering_default_microversion='1.14',
                             **HERMETIC).clustering


@pytest.fixture(scope='module')
def cl10(base_url):
    """The clustering proxy with no default microversion (1.0)."""
    return openstack.connect(auth_type='none', auth={'endpoint': base_url},
                             **HERMETIC).clustering


@pytest.fixture(scope='module')
def profile(cl):
    return cl.create_profile(name=conftest.unique('sim'), spec=conftest.SIM_SPEC)


def _done(cl, result):
    """Wait for the action of a ``{'action': id}`` answer to succeed."""
    action = cl.get_action(result['action'])
    return cl.wait_for_status(action, 'SUCCEEDED', failures=['FAILED', 'CANCELLED'],
                              interval=0.2, wait=WAIT)


def _active(cl, cluster):
    return cl.wait_for_status(cl.get_cluster(cluster.id), 'ACTIVE',
                              failures=['ERROR'], interval=0.2, wait=WAIT)


def _member_ids(cl, cluster_id):
    return sorted(node.id for node in cl.nodes(cluster_id=cluster_id))


def test_build_info_services_and_types(cl):
    info = cl.get_build_info()
    assert info.api['revision'] and info.engine['revision']
    services = list(cl.services())
    assert [s.binary for s in services] == ['clusterd-engine']
    assert services[0].state == 'up' and services[0].status == 'enabled'
    # The SDK keeps name and support_status (keyed by the version) only.
    types = {(t.name, v) for t in cl.profile_types() for v in t.support_status}
    assert ('clusterd.simulated', '1.0') in types
    assert ('os.nova.server', '1.0') in types
    profile_type = cl.get_profile_type('clusterd.simulated-1.0')
    assert 'latency' in profile_type.schema
    ops = cl.list_profile_type_operations('clusterd.simulated-1.0')
    assert 'reboot' in ops['operations']
    for policy_type in cl.policy_types():
        for version in policy_type.support_status:
            assert cl.get_policy_type('%s-%s' % (policy_type.name,
                                                 version)).schema


def test_profile_crud_and_validate(cl):
    name = conftest.unique('prof')
    checked = cl.validate_profile(spec=conftest.SIM_SPEC)
    assert checked.type == 'clusterd.simulated-1.0'
    with pytest.raises(exceptions.BadRequestException) as bad:
        cl.validate_profile(spec={'type': 'clusterd.simulated', 'version': '1.0',
                                  'properties': {'latency': -1}})
    assert 'latency' in str(bad.value)
    created = cl.create_profile(name=name, spec=conftest.SIM_SPEC,
                                metadata={'k': 'v'})
    assert created.id and created.type == 'clusterd.simulated-1.0'
    assert cl.get_profile(name).id == created.id
    assert cl.find_profile(created.id[:8]).id == created.id
    assert created.id in [p.id for p in cl.profiles()]
    assert [p.name for p in cl.profiles(name=name)] == [name]
    # The SDK walks pages (limit + marker of the last id) until a short page.
    cl.create_profile(name=name + '-2', spec=conftest.SIM_SPEC)
    every = [p.id for p in cl.profiles()]
    assert len(every) >= 2
    assert [p.id for p in cl.profiles(limit=1)] == every
    cl.delete_profile(name + '-2')
    updated = cl.update_profile(created, name=name + '-renamed',
                                metadata={'k': 'w'})
    assert updated.name == name + '-renamed'
    assert cl.get_profile(created.id).metadata == {'k': 'w'}
    assert cl.delete_profile(created.id) is None
    with pytest.raises(exceptions.NotFoundException):
        cl.get_profile(created.id)
    assert cl.find_profile(name + '-renamed', ignore_missing=True) is None


def test_a_cluster_is_active_only_when_its_work_is_done(cl, profile):
    cluster = cl.create_cluster(name=conftest.unique('wait'),
                                profile_id=profile.name, desired_capacity=3,
                                min_size=1, max_size=10)
    assert cluster.status in ('INIT', 'CREATING')
    seen = set()
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        current = cl.get_cluster(cluster.id)
        seen.add(current.status)
        if current.status == 'ACTIVE':
            break
        time.sleep(0.05)
    # Three nodes at 0.2 s each: the wait loop sees the work going on.
    assert seen & {'INIT', 'CREATING'}, seen
    # The moment it says ACTIVE, every node is there and ACTIVE.
    nodes = list(cl.nodes(cluster_id=cluster.id))
    assert len(nodes) == 3
    assert {n.status for n in nodes} == {'ACTIVE'}
    assert sorted(current.node_ids) == sorted(n.id for n in nodes)
    cl.delete_cluster(cluster.id)
    cl.wait_for_delete(current, interval=0.2, wait=WAIT)


def test_cluster_lifecycle(cl, profile):
    name = conftest.unique('life')
    cluster = cl.create_cluster(name=name, profile_id=profile.id,
                                desired_capacity=2, min_size=1, max_size=6,
                                metadata={'a': '1'})
    cluster = _active(cl, cluster)
    assert len(cluster.node_ids) == 2
    assert cl.get_cluster(name).id == cluster.id
    assert cl.find_cluster(cluster.id[:8]).id == cluster.id
    assert cluster.id in [c.id for c in cl.clusters()]

    # An update is an action (202); the name changes with it.
    cl.update_cluster(cluster.id, name=name + '-b', metadata={'a': '2'})
    cluster = _active(cl, cluster)
    conftest.poll(lambda: cl.get_cluster(cluster.id).name == name + '-b',
                  what='the new name')
    assert cl.get_cluster(cluster.id).metadata == {'a': '2'}

    _done(cl, cl.scale_out_cluster(cluster, 2))
    assert len(_member_ids(cl, cluster.id)) == 4
    _done(cl, cl.scale_in_cluster(cluster, 1))
    assert len(_member_ids(cl, cluster.id)) == 3
    _done(cl, cl.resize_cluster(cluster, adjustment_type='EXACT_CAPACITY',
                                number=2))
    assert len(_member_ids(cl, cluster.id)) == 2
    _done(cl, cl.resize_cluster(cluster, adjustment_type='CHANGE_IN_PERCENTAGE',
                                number=50, min_step=1))
    assert len(_member_ids(cl, cluster.id)) == 3
    assert cl.get_cluster(cluster.id).desired_capacity == 3
    # The SDK's cluster actions return the error body instead of raising.
    refused = cl.resize_cluster(cluster, adjustment_type='EXACT_CAPACITY',
                                number=7)
    assert refused['code'] == 400
    assert refused['error']['message'] == (
        "The target capacity (7) is greater than the cluster's max_size (6).")

    _done(cl, cl.check_cluster(cluster))
    _done(cl, cl.recover_cluster(cluster))
    attrs = list(cl.collect_cluster_attrs(cluster.id, 'status'))
    assert sorted(a.node_id for a in attrs) == _member_ids(cl, cluster.id)
    assert {a.attr_value for a in attrs} == {'ACTIVE'}
    _done(cl, cl.perform_operation_on_cluster(cluster, 'reboot', type='SOFT'))
    refused = cl.perform_operation_on_cluster(cluster, 'no-such-op')
    assert refused['code'] == 400 and 'no-such-op' in refused['error']['message']

    events = list(cl.events(obj_id=cluster.id))
    assert events and {e.cluster_id for e in events} == {cluster.id}
    actions = list(cl.actions(target=cluster.id))
    assert {'CLUSTER_CREATE', 'CLUSTER_SCALE_OUT', 'CLUSTER_RESIZE',
            'CLUSTER_CHECK'} <= {a.action for a in actions}
    assert {a.cluster_id for a in actions} == {cluster.id}
    assert cl.get_action(actions[0].id).target_id == cluster.id

    assert list(cl.cluster_policies(cluster.id)) == []
    members = set(_member_ids(cl, cluster.id))
    action = cl.delete_cluster(cluster)
    assert action.id
    cl.wait_for_status(cl.get_action(action.id), 'SUCCEEDED', failures=['FAILED'],
                       interval=0.2, wait=WAIT)
    with pytest.raises(exceptions.NotFoundException):
        cl.get_cluster(cluster.id)
    assert not members & {node.id for node in cl.nodes()}


def test_nodes(cl, profile):
    cluster = _active(cl, cl.create_cluster(name=conftest.unique('members'),
                                            profile_id=profile.id,
                                            desired_capacity=1))
    node = cl.create_node(name=conftest.unique('node'), profile_id=profile.id,
                          metadata={'role': 'db'})
    assert node.status in ('INIT', 'CREATING')
    node = cl.wait_for_status(cl.get_node(node.id), 'ACTIVE', failures=['ERROR'],
                              interval=0.2, wait=WAIT)
    assert node.physical_id
    detailed = cl.get_node(node.id, details=True)
    assert detailed.details

    _done(cl, cl.add_nodes_to_cluster(cluster, [node.name]))
    assert node.id in _member_ids(cl, cluster.id)
    assert cl.get_node(node.id).cluster_id == cluster.id
    _done(cl, cl.remove_nodes_from_cluster(cluster, [node.id]))
    assert _member_ids(cl, cluster.id) == cluster.node_ids
    assert cl.get_node(node.id).cluster_id in ('', None)

    new_name = node.name + '-b'
    cl.update_node(node.id, name=new_name, role='primary')
    conftest.poll(lambda: getattr(cl.find_node(new_name, ignore_missing=True),
                                  'role', None) == 'primary',
                  what='the node update')
    node = cl.wait_for_status(cl.get_node(node.id), 'ACTIVE', failures=['ERROR'],
                              interval=0.2, wait=WAIT)
    _done(cl, cl.check_node(node))
    _done(cl, cl.recover_node(node))
    _done(cl, cl.perform_operation_on_node(node, 'reboot'))

    # A recover may have replaced the resource: read its id again.
    node = cl.get_node(node.id)
    preview = cl.adopt_node(preview=True, identity=node.physical_id,
                            type='clusterd.simulated-1.0')
    assert preview.get('node_profile', {}).get('type') == 'clusterd.simulated', \
        preview

    action = cl.delete_node(node)
    cl.wait_for_status(cl.get_action(action.id), 'SUCCEEDED', failures=['FAILED'],
                       interval=0.2, wait=WAIT)
    with pytest.raises(exceptions.NotFoundException):
        cl.get_node(node.id)
    cl.delete_cluster(cluster.id)


def test_cancel_an_action(cl):
    slow = cl.create_profile(name=conftest.unique('slow'), spec={
        'type': 'clusterd.simulated', 'version': '1.0',
        'properties': {'latency': 3}})
    cluster = cl.create_cluster(name=conftest.unique('cancel'),
                                profile_id=slow.id, desired_capacity=2)
    create = [a for a in cl.actions(target=cluster.id)
              if a.action == 'CLUSTER_CREATE'][0]
    cl.update_action(create.id, status='CANCELLED')
    create = cl.wait_for_status(cl.get_action(create.id), 'CANCELLED',
                                failures=['FAILED', 'SUCCEEDED'], interval=0.2,
                                wait=WAIT)
    assert create.status == 'CANCELLED'
    # An action that has ended stays as it is.
    with pytest.raises(exceptions.ConflictException) as conflict:
        cl.update_action(create.id, status='CANCELLED')
    assert 'CANCELLED' in str(conflict.value)
    with pytest.raises(exceptions.BadRequestException) as bad:
        cl.update_action(create.id, status='SUCCEEDED')
    assert "'status'" in str(bad.value)
    cl.delete_cluster(cluster.id, force_delete=True)
    cl.wait_for_delete(cluster, interval=0.2, wait=WAIT)


def test_force_delete_a_busy_cluster(cl, cl10):
    slow = cl.create_profile(name=conftest.unique('slow'), spec={
        'type': 'clusterd.simulated', 'version': '1.0',
        'properties': {'latency': 3}})
    cluster = cl.create_cluster(name=conftest.unique('busy'), profile_id=slow.id,
                                desired_capacity=2)
    conftest.poll(lambda: cl.get_cluster(cluster.id).status == 'CREATING',
                  what='the cluster to be CREATING')
    # Without force, a busy cluster is refused a delete.
    with pytest.raises(exceptions.ConflictException):
        cl.delete_cluster(cluster.id)
    # At 1.0 the SDK still sends {"force": true}; Senlin ignored it before 1.8.
    with pytest.raises(exceptions.ConflictException):
        cl10.delete_cluster(cluster.id, force_delete=True)
    action = cl.delete_cluster(cluster.id, force_delete=True)
    assert action.id
    cl.wait_for_delete(cluster, interval=0.2, wait=WAIT)


def test_receiver_and_webhook(cl, profile):
    cluster = _active(cl, cl.create_cluster(name=conftest.unique('hooked'),
                                            profile_id=profile.id,
                                            desired_capacity=1, max_size=5))
    receiver = cl.create_receiver(name=conftest.unique('hook'), type='webhook',
                                  cluster_id=cluster.name,
                                  action='CLUSTER_SCALE_OUT',
                                  params={'count': '1'})
    url = receiver.channel['alarm_url']
    assert '/v1/webhooks/%s/trigger?V=2' % receiver.id in url
    assert cl.get_receiver(receiver.name).id == receiver.id
    assert receiver.id in [r.id for r in cl.receivers()]
    new_name = receiver.name + '-b'
    assert cl.update_receiver(receiver.id, name=new_name).name == new_name
    assert cl.get_receiver(new_name).id == receiver.id

    # As an alarm service or curl does it: no token, no version header.
    request = urllib.request.Request(url, data=b'{}', method='POST', headers={
        'Content-Type': 'application/json'})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 202
        location = response.headers['Location']
        action_id = json.loads(response.read())['action']
    assert location.endswith('/v1/actions/%s' % action_id)
    _done(cl, {'action': action_id})
    assert len(_member_ids(cl, cluster.id)) == 2

    assert cl.delete_receiver(receiver.id) is None
    with pytest.raises(exceptions.NotFoundException):
        cl.get_receiver(receiver.id)
    cl.delete_cluster(cluster.id)


def test_cluster_policies(cl, profile):
    types = {'%s-%s' % (t.name, v) for t in cl.policy_types()
             for v in t.support_status}
    spec = {'type': 'senlin.policy.deletion', 'version': '1.0',
            'properties': {'criteria': 'OLDEST_FIRST'}}
    assert 'senlin.policy.deletion-1.0' in types
    # An unknown type is a 404 naming it, as in Senlin.
    with pytest.raises(exceptions.NotFoundException) as missing:
        cl.create_policy(name=conftest.unique('pol'),
                         spec=dict(spec, type='senlin.policy.nothing'))
    assert "The policy_type 'senlin.policy.nothing-1.0' could not be found." in str(
        missing.value)
    policy = cl.create_policy(name=conftest.unique('pol'), spec=spec)
    assert cl.validate_policy(spec=spec).type == 'senlin.policy.deletion-1.0'
    cluster = _active(cl, cl.create_cluster(name=conftest.unique('pol'),
                                            profile_id=profile.id,
                                            desired_capacity=1))
    _done(cl, cl.attach_policy_to_cluster(cluster, policy.name, enabled=True))
    bindings = list(cl.cluster_policies(cluster.id))
    assert [b.policy_id for b in bindings] == [policy.id]
    binding = cl.get_cluster_policy(policy.id, cluster.id)
    assert binding.is_enabled is True
    _done(cl, cl.update_cluster_policy(cluster, policy.id, enabled=False))
    assert cl.get_cluster_policy(policy.id, cluster.id).is_enabled is False
    with pytest.raises(exceptions.ConflictException):
        cl.delete_policy(policy.id)
    _done(cl, cl.detach_policy_from_cluster(cluster, policy.id))
    assert list(cl.cluster_policies(cluster.id)) == []
    cl.delete_policy(policy.id)
    cl.delete_cluster(cluster.id)


def test_without_a_microversion_the_server_acts_as_1_0(cl10):
    """What Heat and plain SDK users send: no OpenStack-API-Version header."""
    names = {t.name for t in cl10.profile_types()}
    assert 'clusterd.simulated-1.0' in names
    with pytest.raises(exceptions.BadRequestException) as bad:
        list(cl10.services())
    assert "API version '1.0' is not supported on this method." in str(bad.value)
    with pytest.raises(exceptions.BadRequestException):
        cl10.validate_profile(spec=conftest.SIM_SPEC)

    profile = cl10.create_profile(name=conftest.unique('p10'),
                                  spec=conftest.SIM_SPEC)
    # Heat's calls: create, poll get_cluster until ACTIVE, resize, delete, poll 404.
    cluster = cl10.create_cluster(name=conftest.unique('heat'),
                                  profile_id=profile.id, desired_capacity=2,
                                  min_size=0, max_size=4, metadata={},
                                  timeout=600)
    cluster = cl10.wait_for_status(cluster, 'ACTIVE', failures=['ERROR'],
                                   interval=0.2, wait=WAIT)
    assert len(cluster.node_ids) == 2
    result = cl10.resize_cluster(cluster, adjustment_type='EXACT_CAPACITY',
                                 number=1)
    action = cl10.wait_for_status(cl10.get_action(result['action']), 'SUCCEEDED',
                                  failures=['FAILED'], interval=0.2, wait=WAIT)
    assert action.cluster_id is None     # from 1.14 only
    assert len(cl10.get_cluster(cluster.id).node_ids) == 1
    cl10.delete_cluster(cluster.id)
    cl10.wait_for_delete(cluster, interval=0.2, wait=WAIT)
    cl10.delete_profile(profile.id)
