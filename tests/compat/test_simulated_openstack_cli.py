"""Senlin's OpenStack specs without a cloud, as a user runs them: the
``openstack cluster`` CLI (python-senlinclient) and openstacksdk against
``clusterd-standalone --simulated-openstack``, with ``clusterd-manage
simulated`` breaking a server behind clusterd's back (README.rst, "Senlin's
specs without a cloud")."""

import os
import shutil
import tempfile

import openstack
import pytest

from tests.compat import conftest
from tests import databases
from tests import services

EXAMPLES = os.path.join(services.ROOT, 'examples', 'senlin')


@pytest.fixture(scope='module')
def simulated():
    with tempfile.TemporaryDirectory(prefix='clusterd-simcloud-') as state_dir:
        with open(os.path.join(state_dir, 'fast.conf'), 'w') as f:
            f.write('[simulated]\nbuild_seconds = 0.2\npoll_interval = 0.1\n')
        server = conftest.Standalone(state_dir, [
            '--simulated-openstack', '--config-file',
            os.path.join(state_dir, 'fast.conf')])
        server.start()
        yield server
        assert server.stop() == 0, ''.join(server.output[-20:])
        assert 'Unexpected error in' not in server.log(), server.log()[-5000:]


@pytest.fixture(scope='module')
def cli(simulated, tmp_path_factory):
    if not os.path.exists(services.command('openstack')):
        databases.unavailable("the 'openstack' CLI is not installed")
    home = tmp_path_factory.mktemp('simcloud-home')
    for name in os.listdir(EXAMPLES):
        shutil.copy(os.path.join(EXAMPLES, name), home)
    return conftest.Cli(home, ['--os-auth-type', 'none',
                               '--os-endpoint', simulated.url])


def _manage(simulated, *args):
    result = services.run([services.command('clusterd-manage'), 'simulated',
                           '--state-file', os.path.join(
                               simulated.state_dir, 'simulated-openstack.json')]
                          + list(args))
    assert result.returncode == 0, result.stderr
    return result.stdout


def _wait_status(cli, kind, name, status, timeout=90):
    conftest.poll(lambda: cli.json('cluster', *(kind + ('show', name)))['status']
                  == status, timeout=timeout,
                  what='%s %s %s' % (' '.join(kind), name, status))


def _flavor_and_image(conn, node_id):
    details = conn.clustering.get_node(node_id, details=True).details
    return details['flavor']['name'], (details.get('image') or {}).get('id')


def test_senlin_specs_with_the_cli_and_openstacksdk(cli, simulated):
    # A name the cloud lacks: refused when the profile is made, naming it.
    (cli.home / 'huge.yaml').write_text(
        (cli.home / 'nova-server-cirros.yaml').read_text().replace(
            'flavor: m1.small', 'flavor: m1.huge'))
    refused = cli.run('cluster', 'profile', 'create', '--spec-file', 'huge.yaml',
                      'huge', check=False)
    assert refused.returncode != 0
    assert "properties.flavor: The specified flavor 'm1.huge' could not be found." in \
        refused.stderr

    cli.run('cluster', 'profile', 'create', '--spec-file',
            'nova-server-cirros.yaml', 'web')
    cli.run('cluster', 'create', '--profile', 'web', '--desired-capacity', '2',
            'web')
    _wait_status(cli, (), 'web', 'ACTIVE')
    nodes = cli.json('cluster', 'node', 'list', '--filters', 'status=ACTIVE')
    assert len(nodes) == 2

    # openstacksdk's clustering proxy shows the same node with its server.
    conn = openstack.connect(auth_type='none', endpoint=simulated.url,
                             load_envvars=False, load_yaml_config=False)
    node = conn.clustering.get_node(nodes[0]['id'], details=True)
    assert node.details['simulated'] is True
    assert node.details['availability_zone'] == 'nova'
    assert node.details['compute_host']
    assert node.details['addresses']['private']

    # Behind clusterd's back; check sees it, recover mends it.
    _manage(simulated, 'server-status', node.physical_id, 'ERROR',
            '--reason', 'pulled the plug')
    cli.run('cluster', 'check', 'web')
    _wait_status(cli, ('node',), nodes[0]['id'], 'ERROR')
    cli.run('cluster', 'recover', 'web')
    _wait_status(cli, ('node',), nodes[0]['id'], 'ACTIVE')

    # Operations: stop (the node is then WARNING on purpose), start.
    # NOTE: senlinclient's node op starts the operation, then dies on its own
    # output ("cannot unpack non-iterable NoneType object") and exits 1
    # (tests/compat/test_client_compat_write.py).
    for operation, status in (('reboot', 'ACTIVE'), ('stop', 'WARNING'),
                              ('start', 'ACTIVE')):
        result = cli.run('cluster', 'node', 'op', '--operation', operation,
                         nodes[1]['id'], check=False)
        assert 'Request accepted by action' in result.stdout, result.stderr
        _wait_status(cli, ('node',), nodes[1]['id'], status)

    # Profile update: a new flavor (resize) and a new image (rebuild).
    (cli.home / 'medium.yaml').write_text(
        (cli.home / 'nova-server-cirros.yaml').read_text().replace(
            'flavor: m1.small', 'flavor: m1.medium').replace(
            'cirros-0.5.2-x86_64-disk', 'cirros-0.6.2-x86_64-disk'))
    old_images = {_flavor_and_image(conn, n['id'])[1] for n in nodes}
    assert len(old_images) == 1 and None not in old_images
    cli.run('cluster', 'profile', 'create', '--spec-file', 'medium.yaml', 'medium')
    cli.run('cluster', 'update', '--profile', 'medium', 'web')

    def resized_and_rebuilt():
        now = [_flavor_and_image(conn, n['id']) for n in nodes]
        return all(flavor == 'm1.medium' and image and image not in old_images
                   for flavor, image in now)
    conftest.poll(resized_and_rebuilt, timeout=90, what='the resize and rebuild')

    # Spec versions 1.1 and 1.2 (a subnet and a zone): made, then deleted below.
    zone_spec = (cli.home / 'nova-server-zone.yaml').read_text()
    (cli.home / 'zone-1.2.yaml').write_text(
        zone_spec.replace('version: 1.1', 'version: 1.2'))
    for version, spec_file in (('1.1', 'nova-server-zone.yaml'),
                               ('1.2', 'zone-1.2.yaml')):
        name = 'zone-' + version.replace('.', '-')
        cli.run('cluster', 'profile', 'create', '--spec-file', spec_file, name)
        cli.run('cluster', 'create', '--profile', name, '--desired-capacity', '1',
                name)
        _wait_status(cli, (), name, 'ACTIVE')
        (member,) = cli.json('cluster', 'node', 'list', '--filters',
                             'cluster_id=%s' % cli.json('cluster', 'show',
                                                        name)['id'])
        details = conn.clustering.get_node(member['id'], details=True).details
        assert details['availability_zone'] == 'az1', details

    # os.heat.stack: the CLI reads the template file the spec names.
    cli.run('cluster', 'profile', 'create', '--spec-file',
            'heat-stack-random-string.yaml', 'stacks')
    cli.run('cluster', 'create', '--profile', 'stacks', '--desired-capacity', '1',
            'stacks')
    _wait_status(cli, (), 'stacks', 'ACTIVE')
    (stack_node,) = cli.json('cluster', 'node', 'list', '--filters',
                             'cluster_id=%s' % cli.json('cluster', 'show',
                                                        'stacks')['id'])
    details = conn.clustering.get_node(stack_node['id'], details=True).details
    assert details['status'] == 'CREATE_COMPLETE'

    for name in ('web', 'stacks', 'zone-1-1', 'zone-1-2'):
        cli.run('cluster', 'delete', '--force', name)
    conftest.poll(lambda: cli.json('cluster', 'list') == [], timeout=90,
                  what='the clusters deleted')
    assert 'ACTIVE' not in _manage(simulated, 'servers')


def test_the_load_balancing_policy_with_the_cli(cli, simulated):
    """README.rst, "Load balancing": Senlin's policy spec on the simulated
    cloud; ``cluster show`` prints the VIP in ``data.loadbalancers``."""
    cli.run('cluster', 'profile', 'create', '--spec-file',
            'nova-server-cirros.yaml', 'lb-web')
    cli.run('cluster', 'create', '--profile', 'lb-web', '--desired-capacity',
            '2', 'lb-web')
    _wait_status(cli, (), 'lb-web', 'ACTIVE')
    cli.run('cluster', 'policy', 'create', '--spec-file',
            'loadbalance-policy.yaml', 'lb')
    cli.run('cluster', 'policy', 'attach', '--policy', 'lb', 'lb-web')

    def shown():
        data = cli.json('cluster', 'show', 'lb-web').get('data') or {}
        return data.get('loadbalancers')
    conftest.poll(lambda: bool(shown()), timeout=60, what='the load balancer')
    (entry,) = shown().values()
    assert entry['vip_address'].startswith('172.24.4.')
    assert entry['pool'] and entry['listener'] and entry['healthmonitor']
    cli.run('cluster', 'policy', 'detach', '--policy', 'lb', 'lb-web')
    conftest.poll(lambda: not shown(), timeout=60, what='the detach')
    cli.run('cluster', 'delete', '--force', 'lb-web')
