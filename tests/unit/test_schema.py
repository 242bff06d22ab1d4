import json

import pytest

from clusterd import schema

POOL = {
    'protocol': schema.String('Protocol.', default='HTTP',
                              constraints=[schema.AllowedValues(['HTTP', 'TCP'])]),
    'protocol_port': schema.Integer('Port.', default=80,
                                    constraints=[schema.Range(min=1, max=65535)]),
    'subnet': schema.String('Subnet.', required=True),
}

SCHEMA = {
    'latency': schema.Number('Seconds.', default=0,
                             constraints=[schema.Range(min=0)], updatable=True),
    'count': schema.Integer('How many.'),
    'enabled': schema.Boolean('On or off.', default=True),
    'zones': schema.List('Zones.', schema=schema.String('A zone.')),
    'pool': schema.Map('The pool.', schema=POOL),
    'metadata': schema.Map('Free-form.', default={}, updatable=True),
}


def invalid(data, target=SCHEMA):
    with pytest.raises(schema.InvalidSpec) as info:
        schema.validate(target, data)
    return str(info.value)


def test_defaults_are_applied_and_absent_items_are_none():
    assert schema.validate(SCHEMA, {}) == {
        'latency': 0, 'count': None, 'enabled': True, 'zones': None,
        'pool': None, 'metadata': {}}


def test_defaults_are_copies():
    first = schema.validate(SCHEMA, {})
    first['metadata']['changed'] = 1
    assert schema.validate(SCHEMA, {})['metadata'] == {}


def test_loose_input_is_converted_as_senlin_did():
    result = schema.validate(SCHEMA, {
        'latency': '0.25', 'count': '3', 'enabled': 'false',
        'zones': ['az1', 2], 'pool': {'subnet': 'private', 'protocol_port': '8080'},
        'metadata': json.dumps({'a': 1})})
    assert result['latency'] == 0.25
    assert result['count'] == 3
    assert result['enabled'] is False
    assert result['zones'] == ['az1', '2']
    assert result['pool'] == {'protocol': 'HTTP', 'protocol_port': 8080,
                              'subnet': 'private'}
    assert result['metadata'] == {'a': 1}
    assert schema.validate(SCHEMA, {'enabled': 'True'})['enabled'] is True
    assert schema.validate(SCHEMA, {'count': 4.0})['count'] == 4


def test_range_error_names_the_field():
    assert invalid({'latency': '-1'}) == "properties.latency: '-1' must be >= 0"


def test_unknown_key_is_refused():
    message = invalid({'bogus': 1})
    assert "Unrecognizable spec item 'bogus'" in message
    assert message.startswith('properties')


def test_nested_errors_name_the_full_path():
    assert invalid({'pool': {'subnet': 's', 'protocol_port': 0}}) == \
        "properties.pool.protocol_port: '0' must be >= 1"
    assert invalid({'pool': {'subnet': 's', 'protocol': 'UDP'}}) == (
        "properties.pool.protocol: 'UDP' must be one of the allowed values: "
        "HTTP, TCP")
    assert invalid({'pool': {'protocol': 'TCP'}}) == \
        "properties.pool: Required spec item 'subnet' not provided"
    assert "properties.pool: Unrecognizable spec item 'extra'" == \
        invalid({'pool': {'subnet': 's', 'extra': 1}})


def test_list_items_are_named_by_index():
    target = {'ops': schema.List('Ops.', schema=schema.String(
        'Op.', constraints=[schema.AllowedValues(['create', 'delete'])]))}
    assert invalid({'ops': ['create', 'bogus']}, target).startswith(
        "properties.ops[1]: 'bogus' must be one of the allowed values")
    plain = {'ops': schema.List('Ops.',
                                constraints=[schema.AllowedValues(['a'])])}
    assert invalid({'ops': ['a', 'b']}, plain).startswith("properties.ops[1]: 'b'")


@pytest.mark.parametrize('data, fragment', [
    ({'count': 'three'}, "properties.count: 'three' is not an integer"),
    ({'count': '1.5'}, "properties.count: '1.5' is not an integer"),
    ({'count': True}, "properties.count: 'True' is not an integer"),
    ({'latency': 'soon'}, "properties.latency: 'soon' is not a number"),
    ({'latency': 'nan'}, "properties.latency: 'nan' is not a number"),
    ({'enabled': 'yes'}, "properties.enabled: 'yes' is not a boolean"),
    ({'zones': 'az1'}, "properties.zones: 'az1' is not a list"),
    ({'zones': [{'a': 1}]}, "properties.zones[0]: '{'a': 1}' is not a string"),
    ({'metadata': [1]}, "properties.metadata: '[1]' is not a map"),
])
def test_wrong_kinds_are_refused(data, fragment):
    assert invalid(data).startswith(fragment)


def test_invalid_spec_carries_path_and_reason():
    with pytest.raises(schema.InvalidSpec) as info:
        schema.validate(SCHEMA, {'latency': -2})
    assert info.value.path == 'properties.latency'
    assert info.value.reason == "'-2' must be >= 0"
    assert isinstance(info.value, ValueError)


def test_render_matches_what_the_api_serves():
    rendered = schema.render(SCHEMA)
    assert rendered['latency'] == {
        'type': 'Number', 'description': 'Seconds.', 'default': 0,
        'required': False, 'updatable': True,
        'constraints': [{'type': 'Range', 'constraint': {'min': 0}}]}
    assert rendered['count'] == {'type': 'Integer', 'description': 'How many.',
                                 'required': False, 'updatable': False}
    assert rendered['zones']['schema'] == {'*': {
        'type': 'String', 'description': 'A zone.', 'required': False,
        'updatable': False}}
    pool = rendered['pool']
    assert pool['type'] == 'Map' and 'default' not in pool
    assert pool['schema']['subnet']['required'] is True
    assert pool['schema']['protocol']['constraints'] == [
        {'type': 'AllowedValues', 'constraint': ['HTTP', 'TCP']}]
    assert 'schema' not in rendered['metadata']
    assert rendered['enabled']['type'] == 'Boolean'
    json.dumps(rendered)  # the API serves it as is


def test_not_updatable_names_frozen_changes():
    old = schema.validate(SCHEMA, {'latency': 1, 'count': 1})
    new = schema.validate(SCHEMA, {'latency': 2, 'count': 2})
    assert schema.not_updatable(SCHEMA, old, new) == ['count']
    assert schema.not_updatable(SCHEMA, old, old) == []


def test_split_spec():
    spec = {'type': 'clusterd.simulated', 'version': 1.0,
            'properties': {'latency': 1}}
    assert schema.split_spec(spec, 'clusterd.simulated', '1.0') == (
        'clusterd.simulated', '1.0', {'latency': 1})
    assert schema.split_spec({'type': 't', 'version': '1.1'},
                             version=('1.0', '1.1')) == ('t', '1.1', {})
    assert schema.type_name_of(spec) == 'clusterd.simulated-1.0'


@pytest.mark.parametrize('spec, message', [
    ([], 'The provided spec is not a map.'),
    ({'version': '1.0'}, "The 'type' key is missing from the provided spec map."),
    ({'type': 't'}, "The 'version' key is missing from the provided spec map."),
    ({'type': 't', 'version': '1.0', 'bogus': 1}, "Unrecognizable spec item 'bogus'"),
    ({'type': 'other', 'version': '1.0'}, "type: 'other' is not the expected type 't'"),
    ({'type': 't', 'version': '2.0'},
     "version: '2.0' must be one of the supported versions: 1.0"),
    ({'type': 't', 'version': '1.0', 'properties': [1]},
     "properties: '[1]' is not a map"),
])
def test_split_spec_errors(spec, message):
    with pytest.raises(schema.InvalidSpec) as info:
        schema.split_spec(spec, 't', '1.0')
    assert str(info.value) == message
