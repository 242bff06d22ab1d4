"""The Nova anchor fixture moves to a private anchor when strangers hold its ports
(tests/nova_anchor.py): CI once failed because an anchor left running in another
PID namespace held 29292/29696 while this run's pid files named nothing."""

import os
import socket
import subprocess
import sys

import pytest

from tests import nova_anchor


def _free_port():
    with socket.socket() as probe:
        probe.bind(('127.0.0.1', 0))
        return str(probe.getsockname()[1])


@pytest.fixture
def knobs(tmp_path):
    return {'NOVA_STATE': str(tmp_path / 'state'), 'NOVA_API_PORT': _free_port(),
            'PLACEMENT_PORT': _free_port(), 'GLANCE_PORT': _free_port(),
            'NEUTRON_PORT': _free_port(), 'NOVA_RABBIT_VHOST': 'nova_x',
            'NOVA_DB_PREFIX': 'x_'}


def test_free_ports_keep_the_anchor_where_it_is(knobs):
    env, private = nova_anchor.settle_env(knobs)
    assert not private
    assert {name: env[name] for name in knobs} == knobs


def test_a_stranger_on_a_port_moves_everything_to_a_private_anchor(knobs):
    with socket.socket() as stranger:
        stranger.bind(('127.0.0.1', int(knobs['NEUTRON_PORT'])))
        stranger.listen()
        assert nova_anchor.strangers(knobs) == [knobs['NEUTRON_PORT']]
        with pytest.warns(UserWarning, match=knobs['NEUTRON_PORT']):
            env, private = nova_anchor.settle_env(knobs)
    assert private
    ports = [env[name] for name in ('NOVA_API_PORT', 'PLACEMENT_PORT',
                                    'GLANCE_PORT', 'NEUTRON_PORT')]
    assert len(set(ports)) == 4
    assert not set(ports) & {knobs[name] for name in knobs}
    # Nothing is shared with the stranger, which may be another run's anchor.
    assert env['NOVA_STATE'] != knobs['NOVA_STATE']
    assert env['NOVA_RABBIT_VHOST'] != knobs['NOVA_RABBIT_VHOST']
    assert env['NOVA_DB_PREFIX'].endswith('x_') and env['NOVA_DB_PREFIX'] != 'x_'


def test_the_anchors_own_recorded_process_is_no_stranger(knobs):
    # A listener whose command line says it is the anchor's stub, recorded in
    # the state directory as setup.sh records it.
    listener = subprocess.Popen(
        [sys.executable, '-c', 'import socket, sys, time\n'
         's = socket.socket(); s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen()\n'
         'print("up", flush=True); time.sleep(60)',
         knobs['NEUTRON_PORT'], 'fake_glance_neutron'],
        stdout=subprocess.PIPE, text=True)
    try:
        assert listener.stdout.readline().strip() == 'up'
        os.makedirs(os.path.join(knobs['NOVA_STATE'], 'pids'))
        with open(os.path.join(knobs['NOVA_STATE'], 'pids',
                               'fake-glance-neutron.pid'), 'w') as target:
            target.write('%d\n' % listener.pid)
        assert nova_anchor.strangers(knobs) == []
        # The same pid file naming an unrelated process does not count.
        with open(os.path.join(knobs['NOVA_STATE'], 'pids',
                               'fake-glance-neutron.pid'), 'w') as target:
            target.write('%d\n' % os.getpid())
        assert nova_anchor.strangers(knobs) == [knobs['NEUTRON_PORT']]
    finally:
        listener.kill()
        listener.wait()
