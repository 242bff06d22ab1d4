"""The abstract profile surface, through a small in-memory profile type."""

import json

import pytest

from clusterd import schema
from clusterd.objects import node as node_obj
from clusterd.profiles import base
from clusterd.profiles import simulated


class MemoryProfile(base.Profile):
    """Resources in a dict: enough backend to exercise the base class's defaults."""

    TYPE = 'test.memory'
    VERSION = '1.0'
    SUPPORT_STATUS = {'1.0': [{'status': 'SUPPORTED', 'since': '2026.11'}],
                      '1.1': [{'status': 'EXPERIMENTAL', 'since': '2026.11'}]}
    properties_schema = {
        'size': schema.Integer('Size.', default=1),
        'label': schema.String('Label.', updatable=True),
    }
    OPERATIONS = {
        'resize': {'description': 'Change the size.',
                   'parameters': {'size': {'type': 'Integer', 'required': True,
                                           'description': 'New size.'},
                                  'mode': {'type': 'String', 'required': False,
                                           'allowed': ['fast', 'slow']}}},
        'declared_only': {'description': 'Declared without a handler.'},
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.resources = {}
        self.calls = []
        self.broken = set()

    def create(self, ctx, node):
        self.calls.append('create')
        physical_id = 'res-%d' % len(self.calls)
        self.resources[physical_id] = node.id
        return physical_id

    def delete(self, ctx, node, force=False):
        self.calls.append('delete force=%s' % force)
        self.resources.pop(node.physical_id, None)

    def check(self, ctx, node):
        if node.id in self.broken:
            raise base.ResourceError('backend down')
        return node.physical_id in self.resources

    def get_details(self, ctx, node):
        return {'id': node.physical_id}

    def handle_resize(self, ctx, node, size, mode):
        return size, mode


def spec(**properties):
    return {'type': 'test.memory', 'version': '1.0', 'properties': properties}


def make_node(**values):
    values.setdefault('id', 'node-1')
    return node_obj.Node(**values)


def test_constructor_validates_and_applies_defaults():
    profile = MemoryProfile('p', spec(label='x'), profile_id='pid')
    assert profile.properties == {'size': 1, 'label': 'x'}
    assert (profile.name, profile.id, profile.version) == ('p', 'pid', '1.0')
    assert MemoryProfile('p', dict(spec(), version='1.1')).version == '1.1'


@pytest.mark.parametrize('bad_spec, message', [
    (spec(size='big'), "properties.size: 'big' is not an integer"),
    (spec(bogus=1), "Unrecognizable spec item 'bogus'"),
    (dict(spec(), type='os.nova.server'), "type: 'os.nova.server' is not the expected"),
    (dict(spec(), version='2.0'), "version: '2.0' must be one of the supported "
                                  "versions: 1.0, 1.1"),
])
def test_constructor_refuses_bad_specs(bad_spec, message):
    with pytest.raises(schema.InvalidSpec) as info:
        MemoryProfile('p', bad_spec)
    assert message in str(info.value)


def test_abstract_methods_must_be_implemented():
    class Incomplete(base.Profile):
        TYPE = 'test.incomplete'
        VERSION = '1.0'

    with pytest.raises(TypeError):
        Incomplete('p', {'type': 'test.incomplete', 'version': '1.0'})


def test_type_descriptions():
    assert MemoryProfile.type_name() == 'test.memory-1.0'
    assert MemoryProfile.summary() == {
        'name': 'test.memory-1.0', 'version': '1.0',
        'support_status': MemoryProfile.SUPPORT_STATUS}
    described = MemoryProfile.describe()
    assert described['name'] == 'test.memory-1.0'
    assert described['schema']['size'] == {
        'type': 'Integer', 'description': 'Size.', 'default': 1,
        'required': False, 'updatable': False}
    operations = MemoryProfile.describe_operations()['operations']
    assert operations['resize']['parameters']['size']['type'] == 'Integer'
    assert operations['declared_only'] == {'description': 'Declared without a handler.',
                                           'parameters': {}}
    json.dumps(described)
    json.dumps(simulated.SimulatedProfile.describe_operations())


def test_operation_dispatches_to_its_handler_with_checked_parameters():
    profile = MemoryProfile('p', spec())
    assert profile.operation(None, make_node(), 'resize', {'size': '3'}) == (3, None)
    assert profile.operation(None, make_node(), 'resize',
                             {'size': 3, 'mode': 'fast'}) == (3, 'fast')
    with pytest.raises(schema.InvalidSpec) as info:
        profile.operation(None, make_node(), 'resize', {})
    assert str(info.value) == "parameters: Required spec item 'size' not provided"
    with pytest.raises(schema.InvalidSpec) as info:
        profile.operation(None, make_node(), 'resize', {'size': 1, 'mode': 'warp'})
    assert str(info.value).startswith("parameters.mode: 'warp' must be one of")


@pytest.mark.parametrize('name', ['explode', 'declared_only', 'create'])
def test_unknown_operation_is_refused(name):
    profile = MemoryProfile('p', spec())
    with pytest.raises(base.OperationNotSupported) as info:
        profile.operation(None, make_node(), name, {})
    assert str(info.value) == ("The operation '%s' is not supported by the "
                               "profile type 'test.memory-1.0'." % name)


def test_default_recover_recreates():
    profile = MemoryProfile('p', spec())
    node = make_node()
    node.physical_id = profile.create(None, node)
    new_id = profile.recover(None, node, params={'force': True})
    assert new_id != node.physical_id
    assert profile.calls == ['create', 'delete force=True', 'create']
    assert list(profile.resources) == [new_id]


def test_default_hooks():
    profile = MemoryProfile('p', spec())
    assert profile.join(None, make_node(), 'cluster-1') is True
    assert profile.leave(None, make_node()) is True
    with pytest.raises(base.OperationNotSupported):
        profile.update(None, make_node(), MemoryProfile('q', spec()))


def test_default_list_resources_asks_check_per_node():
    profile = MemoryProfile('p', spec())
    healthy = make_node(id='a')
    healthy.physical_id = profile.create(None, healthy)
    gone = make_node(id='b', physical_id='res-gone')
    unknown = make_node(id='c', physical_id='res-x')
    profile.broken.add('c')
    assert profile.list_resources(None, [healthy, gone, unknown]) == {
        'a': {'physical_id': healthy.physical_id, 'status': 'ACTIVE',
              'status_reason': None, 'healthy': True},
        'b': {'physical_id': 'res-gone', 'status': 'ERROR',
              'status_reason': None, 'healthy': False},
        'c': {'physical_id': 'res-x', 'status': 'UNKNOWN',
              'status_reason': 'backend down', 'healthy': None},
    }


def test_check_update_refuses_frozen_properties():
    profile = MemoryProfile('p', spec(size=1, label='a'))
    profile.check_update(MemoryProfile('q', spec(size=1, label='b')))
    with pytest.raises(schema.InvalidSpec) as info:
        profile.check_update(MemoryProfile('q', spec(size=2)))
    assert str(info.value) == \
        'properties: these properties cannot be updated: size'
    with pytest.raises(schema.InvalidSpec):
        profile.check_update(simulated.SimulatedProfile(
            'r', {'type': 'clusterd.simulated', 'version': '1.0'}))


def test_from_object():
    stored = type('StoredProfile', (), {'name': 'web', 'id': 'pid',
                                        'spec': spec(size=5)})()
    profile = MemoryProfile.from_object(stored)
    assert (profile.name, profile.id, profile.properties['size']) == ('web', 'pid', 5)


def test_resource_error_carries_what_was_left_behind():
    error = base.ResourceError('quota exceeded', resource_id='r-1')
    assert str(error) == 'quota exceeded'
    assert error.resource_id == 'r-1'
    assert base.ResourceError('x').resource_id is None


def test_simulated_spec_validation():
    def make(**properties):
        return simulated.SimulatedProfile('s', {
            'type': 'clusterd.simulated', 'version': 1.0, 'properties': properties})

    assert make().properties == {
        'latency': 0, 'failure_rate': 0,
        'fail_operations': ['create', 'delete', 'update', 'check', 'recover'],
        'metadata': {}}
    assert make(latency='0.5', failure_rate='1').properties['failure_rate'] == 1
    for properties, message in [
            ({'latency': '-1'}, "properties.latency: '-1' must be >= 0"),
            ({'failure_rate': 1.5}, "properties.failure_rate: '1.5' must be <= 1"),
            ({'fail_operations': ['create', 'reboot']},
             "properties.fail_operations[1]: 'reboot' must be one of the allowed "
             "values: create, delete, update, check, recover"),
            ({'bogus': 1}, "properties: Unrecognizable spec item 'bogus'")]:
        with pytest.raises(schema.InvalidSpec) as info:
            make(**properties)
        assert str(info.value) == message
