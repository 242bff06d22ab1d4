"""A real Nova for the tests: the anchor in ``shared/anchors/nova``, started once
per test session.

The anchor (``setup.sh``) runs nova-api, conductor, scheduler, compute with the
fake virt driver, Placement, and a Glance/Neutron stub on 127.0.0.1, with no
Keystone: a token ``<user>:<project>`` is the caller.  The fixture runs
``setup.sh`` (about 3 minutes on a bare machine, 40 s with its venv, 3 s when it
is already up) and, if it started Nova itself, ``stop.sh --keep-services`` at the
end: MariaDB and RabbitMQ are shared with other tests and stay up.

When it cannot start, the tests that use it are skipped with the reason, or fail
when CLUSTERD_TEST_REQUIRE_SERVICES=1.  Environment knobs:
CLUSTERD_NOVA_ANCHOR (the anchor's directory; default ``../shared/anchors/nova``
beside the repository, else ``/work/shared/anchors/nova``) and the anchor's own
(NOVA_STATE, NOVA_API_PORT...).
"""

import os
import subprocess
import urllib.request

import pytest

from tests import databases

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
IMAGE = '155d900f-4e14-4e4c-a73d-069cbf4541e6'        # cirros-fake
OTHER_IMAGE = 'a2459075-d96c-40d5-893e-577ff92e721c'  # ubuntu-fake
FLAVOR, BIGGER_FLAVOR = 'm1.tiny', 'm1.small'
SETUP_TIMEOUT = 900


def anchor_dir():
    configured = os.environ.get('CLUSTERD_NOVA_ANCHOR')
    if configured:
        return configured
    for candidate in (os.path.join(ROOT, '..', 'shared', 'anchors', 'nova'),
                      '/work/shared/anchors/nova'):
        if os.path.exists(os.path.join(candidate, 'setup.sh')):
            return os.path.abspath(candidate)
    return None


class Anchor:
    """Where the running anchor is, and a clouds.yaml for clusterd."""

    def __init__(self, clouds_file):
        host = '127.0.0.1'
        self.endpoint = 'http://%s:%s/v2.1' % (host, os.environ.get('NOVA_API_PORT',
                                                                    '28774'))
        self.image_endpoint = 'http://%s:%s/' % (host, os.environ.get('GLANCE_PORT',
                                                                      '29292'))
        self.network_endpoint = 'http://%s:%s/' % (
            host, os.environ.get('NEUTRON_PORT', '29696'))
        self.clouds_file = clouds_file
        self.cloud = 'nova-anchor-clusterd'
        # NOTE: the token names the caller, so each (user, project) of clusterd
        # gets its own Nova project, as with Keystone.
        clouds_file.write_text(
            'clouds:\n'
            '  %s:\n'
            '    auth_type: admin_token\n'
            '    auth:\n'
            '      endpoint: %s\n'
            '      token: "{user_id}:{project_id}"\n'
            '    region_name: RegionOne\n'
            '    image_endpoint_override: %s\n'
            '    network_endpoint_override: %s\n'
            % (self.cloud, self.endpoint, self.image_endpoint,
               self.network_endpoint))

    def configure(self, conf, poll_interval=0.5):
        """Point ``conf``'s ``[openstack]`` at the anchor."""
        for name, value in (('connection_source', 'cloud'), ('cloud', self.cloud),
                            ('clouds_file', str(self.clouds_file)),
                            ('default_networks', 'none'),
                            ('poll_interval', poll_interval),
                            ('server_create_timeout', 180),
                            ('server_delete_timeout', 120),
                            ('server_action_timeout', 180)):
            conf.set_override(name, value, group='openstack')
        return conf

    def connect(self, user='admin', project='admin'):
        """A plain openstacksdk connection (to look at Nova behind clusterd)."""
        import openstack
        return openstack.connect(
            auth_type='admin_token',
            auth={'endpoint': self.endpoint, 'token': '%s:%s' % (user, project)},
            region_name='RegionOne', image_endpoint_override=self.image_endpoint,
            network_endpoint_override=self.network_endpoint)


def _answers(url):
    try:
        with urllib.request.urlopen(url, timeout=3):
            return True
    except Exception:  # noqa: BLE001 - any failure means "not up"
        return False


@pytest.fixture(scope='session')
def nova_anchor(tmp_path_factory):
    """The running anchor (:class:`Anchor`), started for the session if needed."""
    directory = anchor_dir()
    if directory is None:
        databases.unavailable('The Nova anchor (shared/anchors/nova) was not found; '
                              'set CLUSTERD_NOVA_ANCHOR')
    clouds_file = tmp_path_factory.mktemp('nova') / 'clouds.yaml'
    anchor = Anchor(clouds_file)
    was_up = _answers(anchor.endpoint + '/')
    try:
        result = subprocess.run(['bash', os.path.join(directory, 'setup.sh')],
                                capture_output=True, text=True,
                                timeout=SETUP_TIMEOUT, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        databases.unavailable('The Nova anchor did not start within %d s'
                              % SETUP_TIMEOUT)
    if result.returncode != 0:
        databases.unavailable('The Nova anchor failed to start (setup.sh exit %d): %s'
                              % (result.returncode,
                                 (result.stderr or result.stdout)[-2000:]))
    try:
        yield anchor
    finally:
        if not was_up:
            subprocess.run(['bash', os.path.join(directory, 'stop.sh'),
                            '--keep-services'], capture_output=True, timeout=120)
