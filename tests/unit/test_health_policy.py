"""Spec validation of senlin.policy.health 1.0, 1.1 and 1.2."""

import pytest

from clusterd import conf as clusterd_conf
from clusterd import plugins
from clusterd import schema
from clusterd.policies import health


def _conf(interval_min=5):
    conf = clusterd_conf.make_conf()
    conf([], default_config_files=[])
    conf.set_override('interval_min', interval_min, group='health')
    return conf


def _spec(version='1.1', **properties):
    return {'type': 'senlin.policy.health', 'version': version,
            'properties': properties}


SENLIN_11 = {
    'detection': {
        'interval': 120, 'node_update_timeout': 240,
        'detection_modes': [
            {'type': 'NODE_STATUS_POLL_URL',
             'options': {'poll_url': 'http://{nodename}/healthstatus',
                         'poll_url_healthy_response': 'passing',
                         'poll_url_retry_limit': 3,
                         'poll_url_retry_interval': 2}},
            {'type': 'NODE_STATUS_POLLING'}],
        'recovery_conditional': 'ANY_FAILED'},
    'recovery': {'actions': [{'name': 'RECREATE'}], 'fencing': ['COMPUTE'],
                 'node_delete_timeout': 20, 'node_force_recreate': False},
}

SENLIN_10 = {
    'detection': {'type': 'NODE_STATUS_POLLING', 'options': {'interval': 60}},
    'recovery': {'actions': [{'name': 'RECREATE'}], 'fencing': ['COMPUTE']},
}


@pytest.mark.parametrize('version', ['1.0', '1.1', '1.2'])
def test_every_version_is_an_entry_point(version):
    cls = plugins.policy_class('senlin.policy.health-%s' % version)
    assert cls.VERSION == version and cls.PRIORITY == 600


def test_senlin_11_spec_is_normalised():
    policy = health.HealthPolicy11('hp', _spec('1.1', **SENLIN_11), _conf())
    settings = policy.settings
    assert settings.interval == 120 and settings.node_update_timeout == 240
    assert [m.type for m in settings.modes] == ['NODE_STATUS_POLL_URL',
                                                'NODE_STATUS_POLLING']
    assert settings.modes[0].options['poll_url_healthy_response'] == 'passing'
    assert [s.name for s in settings.steps] == ['RECREATE']
    assert settings.fencing == ['COMPUTE']
    # Round trip through the binding's data.
    again = health.HealthSettings.from_dict(settings.to_dict())
    assert again == settings


def test_senlin_10_shape_type_and_options():
    settings = health.HealthPolicy10('hp', _spec('1.0', **SENLIN_10),
                                     _conf()).settings
    assert settings.interval == 60
    assert [m.type for m in settings.modes] == ['NODE_STATUS_POLLING']


def test_ladder_keeps_its_order():
    props = dict(SENLIN_11, recovery={'actions': [
        {'name': 'REBOOT', 'timeout': 30}, {'name': 'REBUILD'},
        {'name': 'RECREATE'}]})
    steps = health.HealthPolicy12('hp', _spec('1.2', **props), _conf()).settings.steps
    assert [(s.name, s.timeout) for s in steps] == [
        ('REBOOT', 30), ('REBUILD', None), ('RECREATE', None)]


@pytest.mark.parametrize('change, path', [
    ({'detection': {'detection_modes': [{'type': 'BOGUS'}]}},
     'properties.detection.detection_modes[0].type'),
    ({'detection': {'detection_modes': [{'type': 'NODE_STATUS_POLLING'},
                                        {'type': 'NODE_STATUS_POLLING'}]}},
     'properties.detection.detection_modes[1]'),
    ({'detection': {'detection_modes': [{'type': 'LIFECYCLE_EVENTS'},
                                        {'type': 'NODE_STATUS_POLLING'}]}},
     'properties.detection.detection_modes'),
    ({'detection': {'detection_modes': [{'type': 'NODE_STATUS_POLL_URL'}]}},
     'properties.detection.detection_modes[0].options'),
    ({'detection': {'interval': 2, 'detection_modes': [
        {'type': 'NODE_STATUS_POLLING'}]}}, 'properties.detection.interval'),
    ({'detection': {'type': 'NODE_STATUS_POLLING', 'detection_modes': [
        {'type': 'NODE_STATUS_POLLING'}]}}, 'properties.detection'),
    ({'recovery': {'actions': [{'name': 'REBOOT'}, {'name': 'REBOOT'}]}},
     'properties.recovery.actions'),
    ({'recovery': {'actions': [{'name': 'EVACUATE'}]}},
     'properties.recovery.actions[0].name'),
    ({'recovery': {'fencing': ['NETWORK']}}, 'properties.recovery.fencing[0]'),
    ({'recovery': {'bogus': 1}}, 'properties.recovery'),
])
def test_bad_specs_name_the_field(change, path):
    props = dict(SENLIN_11)
    props.update(change)
    with pytest.raises(schema.InvalidSpec) as caught:
        health.HealthPolicy11('hp', _spec('1.1', **props), _conf())
    assert caught.value.path == path, str(caught.value)


def test_adopting_a_senlin_binding_adds_the_normalised_settings():
    """clusterd-manage import-senlin keeps Senlin's binding data (its own
    HealthPolicy key) and adds what attach would have kept."""
    policy = plugins.policy_class('senlin.policy.health-1.1')(
        'h', _spec(**SENLIN_11), _conf())
    senlin_data = {'HealthPolicy': {'version': '1.2', 'data': {'interval': 120}}}
    adopted = policy.adopt(senlin_data)
    assert adopted['HealthPolicy'] == senlin_data['HealthPolicy']
    assert adopted['health'] == policy.attach(None, None)[1]['health']
    assert health.HealthSettings.from_dict(adopted['health']).interval == 120
