"""clusterd.process: the spec, the placeholders, the physical ids and the parsing
of /proc, without starting processes (tests/functional/test_process_profile.py
starts real ones)."""

import os
import signal

import pytest
import yaml

from clusterd import conf as clusterd_conf
from clusterd import plugins
from clusterd import schema
from clusterd.conf import process as process_conf
from clusterd.drivers import process as process_driver
from clusterd.profiles import process as process_profile
from clusterd.profiles import simulated

EXAMPLE = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))), 'examples', 'http-service-process.yaml')


def _spec(**properties):
    properties.setdefault('command', ['app', '--port', '{port}'])
    return {'type': 'clusterd.process', 'version': '1.0', 'properties': properties}


def _profile(**properties):
    return process_profile.ProcessProfile('p', _spec(**properties))


def test_registered_under_its_type_name():
    plugins.rescan()
    assert plugins.profile_class('clusterd.process-1.0') is \
        process_profile.ProcessProfile


def test_defaults_of_a_minimal_spec():
    profile = _profile()
    assert profile.properties == {
        'command': ['app', '--port', '{port}'], 'env': {}, 'cwd': None,
        'port_range': '20000-29999', 'health_url': None,
        'stop_signal': 'SIGTERM', 'stop_timeout': 10, 'start_timeout': 30}
    assert profile.ports == (20000, 29999)
    assert profile.stop_signal == signal.SIGTERM
    assert profile._uses_port()
    assert not _profile(command=['sleep', '60'])._uses_port()
    assert _profile(command=['app'], env={'PORT': '{port}'})._uses_port()


@pytest.mark.parametrize('properties, path, reason', [
    ({'command': []}, 'properties.command', 'the command must not be empty'),
    ({'port_range': '30000-20000'}, 'properties.port_range',
     'within 1-65535 with the lower port first'),
    ({'port_range': 'http'}, 'properties.port_range', 'is not a port range'),
    ({'port_range': '0-10'}, 'properties.port_range', 'within 1-65535'),
    ({'stop_signal': 'SIGBOGUS'}, 'properties.stop_signal',
     "'SIGBOGUS' is not a signal"),
    ({'cwd': 'relative/dir'}, 'properties.cwd', 'is not an absolute path'),
    ({'health_url': 'ftp://x/{port}'}, 'properties.health_url',
     'is not an http or https URL'),
    ({'env': {'A': ['list']}}, 'properties.env.A', 'is not a string'),
    ({'stop_timeout': -1}, 'properties.stop_timeout', 'must be >= 0'),
    ({'bogus': 1}, 'properties', "Unrecognizable spec item 'bogus'"),
])
def test_bad_specs_name_the_field(properties, path, reason):
    with pytest.raises(schema.InvalidSpec) as info:
        _profile(**properties)
    assert info.value.path == path
    assert reason in info.value.reason


def test_loose_values_of_senlin_style_specs_are_accepted():
    profile = _profile(stop_signal='hup', stop_timeout='2.5', port_range=8080,
                       env={'WORKERS': 4, 'DEBUG': 'true'}, cwd='~/app')
    assert profile.stop_signal == signal.SIGHUP
    assert profile.properties['stop_timeout'] == 2.5
    assert profile.ports == (8080, 8080)
    assert profile.properties['env'] == {'WORKERS': '4', 'DEBUG': 'true'}


def test_schema_and_operations_as_the_api_serves_them():
    described = process_profile.ProcessProfile.describe()
    assert described['name'] == 'clusterd.process-1.0'
    assert described['schema']['command']['required'] is True
    assert described['schema']['stop_timeout']['default'] == 10
    assert all(item['updatable'] for item in described['schema'].values())
    ops = process_profile.ProcessProfile.describe_operations()['operations']
    assert sorted(ops) == ['restart', 'signal', 'start', 'stop']
    assert ops['signal']['parameters']['signal']['required'] is True


def test_update_to_another_type_is_refused():
    other = simulated.SimulatedProfile(
        's', {'type': 'clusterd.simulated', 'version': '1.0', 'properties': {}})
    with pytest.raises(schema.InvalidSpec, match='Cannot update a profile'):
        _profile().check_update(other)


def test_placeholders_are_replaced_literally():
    values = {'port': 20001, 'node_name': 'web-1', 'node_index': 1,
              'node_id': 'abc'}
    assert process_profile.substitute(
        '--listen=:{port} --name {node_name}-{node_index} {"json": {node_id}}',
        values) == '--listen=:20001 --name web-1-1 {"json": abc}'
    assert process_profile.substitute('{unknown} {port', values) == \
        '{unknown} {port'


def test_physical_ids_round_trip_and_foreign_ones_are_ignored():
    record = {'host': 'vm-1.example', 'pid': 4242, 'start_time': 987654}
    text = process_profile.physical_id(record)
    assert text == 'vm-1.example:4242:987654'
    assert process_profile.parse_physical_id(text) == ('vm-1.example', 4242, 987654)
    for foreign in (None, '', 'a5e1c7e2-6b0c-4d35-9b0d-0a0b0c0d0e0f', ':1:2',
                    'host:pid:start'):
        assert process_profile.parse_physical_id(foreign) is None


def test_stat_lines_with_awkward_command_names():
    # The name may hold spaces and parentheses; fields count from the last ')'.
    line = ('4242 (my (odd) name) S 1 4242 4242 0 -1 4194560 310 0 0 0 1 0 0 0 '
            '20 0 1 0 987654 12345678 1000 18446744073709551615 1 1 0 0 0 0 0 0 '
            '0 0 0 0 17 3 0 0 0 0 0\n')
    info = process_driver.parse_stat(4242, line)
    assert info == process_driver.ProcInfo(4242, 'S', 1, 4242, 4242, 987654)
    assert not info.dead
    assert process_driver.parse_stat(4242, line.replace(') S', ') Z')).dead


def test_our_own_stat_matches_what_the_kernel_says():
    info = process_driver.read_stat(os.getpid())
    assert info.pid == os.getpid() and info.ppid == os.getppid()
    assert info.session == os.getsid(0) and info.pgrp == os.getpgrp()
    assert process_driver.is_alive(os.getpid(), info.start_time)
    assert not process_driver.is_alive(os.getpid(), info.start_time + 1)
    assert not process_driver.is_alive(os.getpid(), info.start_time, boot='other')


@pytest.mark.parametrize('text, number', [
    ('HUP', signal.SIGHUP), ('SIGUSR1', signal.SIGUSR1), ('term', signal.SIGTERM),
    ('9', signal.SIGKILL), (15, signal.SIGTERM)])
def test_signals_by_name_or_number(text, number):
    assert process_driver.parse_signal(text) == number


def test_port_ranges():
    assert process_driver.parse_port_range('20000-29999') == (20000, 29999)
    assert process_driver.parse_port_range('8080') == (8080, 8080)
    for bad in ('1-2-3', '', 'a-b', '70000', '10-5'):
        with pytest.raises(ValueError):
            process_driver.parse_port_range(bad)


def test_state_dir_defaults_under_the_standalone_one(tmp_path):
    conf = clusterd_conf.make_conf()
    conf([], default_config_files=[])
    conf.set_override('state_dir', str(tmp_path / 'standalone'), group='standalone')
    assert process_conf.state_dir(conf) == str(tmp_path / 'standalone' / 'processes')
    conf.set_override('state_dir', str(tmp_path / 'mine'), group='process')
    assert process_conf.state_dir(conf) == str(tmp_path / 'mine')
    assert process_conf.state_dir(None).endswith(os.path.join('clusterd',
                                                              'processes'))


def test_node_ids_cannot_walk_out_of_the_state_dir(tmp_path):
    store = process_driver.RecordStore(str(tmp_path))
    for bad in ('../x', 'a/b', '', '.hidden'):
        with pytest.raises(process_driver.ProcessError):
            store.load(bad)


def test_the_example_spec_is_valid():
    with open(EXAMPLE) as source:
        spec = yaml.safe_load(source)
    assert schema.type_name_of(spec) == 'clusterd.process-1.0'
    profile = process_profile.ProcessProfile('web', spec)
    assert profile.properties['command'][:3] == ['python3', '-m', 'http.server']
    assert profile._uses_port() and profile.ports == (20000, 20999)
