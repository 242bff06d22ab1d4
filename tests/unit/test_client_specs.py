"""Spec files in our plugin (``client/clusterdclient/specs.py``): a Heat stack
profile's template, the files it pulls in and its environment are read as
python-senlinclient read them with python-heatclient (both installed in the
test venv; our plugin has no heatclient), and ``cluster run`` picks the
address senlinclient would."""

import json
import os
import sys

import pytest

CLIENT = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))), 'client')
if CLIENT not in sys.path:
    sys.path.insert(0, CLIENT)

from clusterdclient import specs  # noqa: E402
from clusterdclient.v1 import cluster_run  # noqa: E402
from osc_lib import exceptions  # noqa: E402

TEMPLATE = """\
heat_template_version: 2016-10-14
parameters:
  size: {type: number, default: 1}
resources:
  group:
    type: lib/server.yaml
  config:
    type: OS::Heat::SoftwareConfig
    properties:
      config: {get_file: scripts/boot.sh}
"""
NESTED = """\
heat_template_version: 2016-10-14
resources:
  port:
    type: OS::Neutron::Port
    properties:
      name: {get_file: ../scripts/name.txt}
"""
ENVIRONMENT = """\
parameters:
  size: 2
resource_registry:
  My::Server: lib/server.yaml
  OS::Nova::Server: OS::Nova::Server
  resources:
    group:
      hooks: pre-create
"""


@pytest.fixture
def stack(tmp_path, monkeypatch):
    (tmp_path / 'lib').mkdir()
    (tmp_path / 'scripts').mkdir()
    (tmp_path / 'stack.yaml').write_text(TEMPLATE)
    (tmp_path / 'lib' / 'server.yaml').write_text(NESTED)
    (tmp_path / 'scripts' / 'boot.sh').write_text('#!/bin/sh\necho up\n')
    (tmp_path / 'scripts' / 'name.txt').write_text('web')
    (tmp_path / 'env.yaml').write_text(ENVIRONMENT)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_heat_stack_spec_as_heatclient_reads_it(stack):
    heatclient_way = pytest.importorskip('senlinclient.common.utils')
    properties = {'template': 'stack.yaml', 'environment': ['env.yaml'],
                  'parameters': {'size': 3}, 'timeout': 30}
    expected = heatclient_way.process_stack_spec(dict(properties))
    got = specs.stack_properties(dict(properties))
    # heatclient keeps a file that is not a template as bytes (which then
    # cannot be sent as JSON); ours sends the text.
    expected['files'] = {url: content.decode() if isinstance(content, bytes)
                         else content for url, content in expected['files'].items()}
    assert got == expected
    base = stack.as_uri()
    assert set(got['files']) == {base + '/lib/server.yaml',
                                 base + '/scripts/boot.sh',
                                 base + '/scripts/name.txt'}
    nested = json.loads(got['files'][base + '/lib/server.yaml'])
    assert nested['resources']['port']['properties']['name'] == {
        'get_file': base + '/scripts/name.txt'}
    assert got['environment']['resource_registry']['My::Server'] == \
        base + '/lib/server.yaml'
    assert got['template']['heat_template_version'] == '2016-10-14'


def test_profile_spec_checks(stack):
    (stack / 'spec.yaml').write_text(
        'type: os.heat.stack\nversion: 1.0\nproperties:\n  template: stack.yaml\n')
    spec = specs.load_profile('spec.yaml')
    assert spec['properties']['template']['resources']['group']['type'] == \
        stack.as_uri() + '/lib/server.yaml'
    (stack / 'bad.yaml').write_text('type: os.heat.stack\nversion: 1.0\n')
    with pytest.raises(exceptions.CommandError, match="Missing 'properties'"):
        specs.load_profile('bad.yaml')
    (stack / 'broken.yaml').write_text('type: [\n')
    with pytest.raises(exceptions.CommandError, match='not valid YAML'):
        specs.load('broken.yaml')
    with pytest.raises(exceptions.CommandError, match='Cannot read'):
        specs.load('missing.yaml')
    (stack / 'notemplate.yaml').write_text('resources: {}\n')
    with pytest.raises(exceptions.CommandError, match='format version'):
        specs.stack_properties({'template': 'notemplate.yaml'})


ADDRESSES = {
    'private': [{'addr': '10.0.0.5', 'version': 4, 'OS-EXT-IPS:type': 'fixed'},
                {'addr': '172.24.4.9', 'version': 4,
                 'OS-EXT-IPS:type': 'floating'},
                {'addr': 'fd00::5', 'version': 6, 'OS-EXT-IPS:type': 'fixed'}],
    'public': [{'addr': '203.0.113.7', 'version': 4}],
}


def test_cluster_run_picks_one_address():
    pick = cluster_run.pick_address
    assert pick(ADDRESSES, 'private', 'floating', 4) == '172.24.4.9'
    assert pick(ADDRESSES, 'private', 'fixed', 4) == '10.0.0.5'
    assert pick(ADDRESSES, 'private', 'fixed', 6) == 'fd00::5'
    # An address without the extension's type counts as floating.
    assert pick(ADDRESSES, 'public', 'floating', 4) == '203.0.113.7'
    assert pick({'net': ADDRESSES['public']}, '', 'floating', 4) == '203.0.113.7'
    for addresses, network, kind, version, reason in (
            (ADDRESSES, '', 'floating', 4, 'more than one network'),
            (ADDRESSES, 'other', 'floating', 4, "not attached to network 'other'"),
            ({}, '', 'floating', 4, 'not attached to any network'),
            (None, '', 'floating', 4, 'not attached to any network'),
            (ADDRESSES, 'public', 'fixed', 4, 'no fixed IPv4 address'),
            ({'n': ADDRESSES['public'] * 2}, '', 'floating', 4,
             'more than one floating IPv4')):
        with pytest.raises(ValueError, match=reason):
            pick(addresses, network, kind, version)
