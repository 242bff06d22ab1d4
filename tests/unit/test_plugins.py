import pytest

from clusterd import plugins
from clusterd.profiles import base
from clusterd.profiles import simulated


class ExtraProfile(simulated.SimulatedProfile):
    TYPE = 'test.extra'


def test_simulated_profile_is_loaded_from_its_entry_point():
    # Real stevedore scan of the installed distribution's entry points.
    plugins.rescan()
    assert plugins.profile_class('clusterd.simulated-1.0') is \
        simulated.SimulatedProfile
    assert plugins.profile_types()['clusterd.simulated-1.0'] is \
        simulated.SimulatedProfile


def test_entry_point_names_match_the_classes():
    for type_name, cls in plugins.profile_types().items():
        assert issubclass(cls, base.Profile)
        assert cls.type_name() == type_name
    for type_name, cls in plugins.policy_types().items():
        assert '%s-%s' % (cls.TYPE, cls.VERSION) == type_name


def test_the_scan_is_cached():
    plugins.profile_types()
    scanned = plugins._PROFILES._scanned
    plugins.profile_class('clusterd.simulated-1.0')
    plugins.profile_types()
    assert plugins._PROFILES._scanned is scanned


def test_unknown_profile_type():
    with pytest.raises(plugins.ProfileTypeNotFound) as info:
        plugins.profile_class('os.nova.server-9.9')
    assert str(info.value) == "The profile_type 'os.nova.server-9.9' could not be found."
    assert isinstance(info.value, LookupError)
    assert info.value.type_name == 'os.nova.server-9.9'


def test_unknown_policy_type():
    with pytest.raises(LookupError) as info:
        plugins.policy_class('senlin.policy.bogus-1.0')
    assert str(info.value) == \
        "The policy_type 'senlin.policy.bogus-1.0' could not be found."


def test_register_and_unregister_profile_at_run_time():
    plugins.register_profile('test.extra-1.0', ExtraProfile)
    try:
        assert plugins.profile_class('test.extra-1.0') is ExtraProfile
        assert 'test.extra-1.0' in plugins.profile_types()
        assert 'clusterd.simulated-1.0' in plugins.profile_types()
    finally:
        plugins.unregister_profile('test.extra-1.0')
    with pytest.raises(plugins.ProfileTypeNotFound):
        plugins.profile_class('test.extra-1.0')


def test_register_and_unregister_policy_at_run_time():
    class FakePolicy:
        TYPE = 'test.policy'
        VERSION = '1.0'

    plugins.register_policy('test.policy-1.0', FakePolicy)
    try:
        assert plugins.policy_class('test.policy-1.0') is FakePolicy
        assert plugins.policy_types()['test.policy-1.0'] is FakePolicy
    finally:
        plugins.unregister_policy('test.policy-1.0')
    assert 'test.policy-1.0' not in plugins.policy_types()
