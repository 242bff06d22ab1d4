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

When something that is not the anchor's own recorded process holds one of its
ports (an anchor left running by a run in another PID namespace on this host,
or any other listener), setup.sh would fail to bind it; the fixture then runs a
private anchor for the session instead: free ports, its own state directory,
databases and RabbitMQ vhost, all removed at the end.
"""

import collections
import datetime
import http.server
import os
import re
import shutil
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
import warnings

import pytest

from tests import databases
from tests import services

IMAGE = '155d900f-4e14-4e4c-a73d-069cbf4541e6'        # cirros-fake
OTHER_IMAGE = 'a2459075-d96c-40d5-893e-577ff92e721c'  # ubuntu-fake
FLAVOR, BIGGER_FLAVOR = 'm1.tiny', 'm1.small'
SETUP_TIMEOUT = 900


def anchor_dir():
    return services.anchor_dir('nova')


class Anchor:
    """Where the running anchor is, and a clouds.yaml for clusterd.

    :param env: the anchor's knobs (NOVA_API_PORT...); default: this process's
        environment
    """

    def __init__(self, clouds_file, env=None):
        env = os.environ if env is None else env
        host = '127.0.0.1'
        self.env = dict(env)
        self.endpoint = 'http://%s:%s/v2.1' % (host, env.get('NOVA_API_PORT',
                                                             '28774'))
        self.image_endpoint = 'http://%s:%s/' % (host, env.get('GLANCE_PORT',
                                                               '29292'))
        self.network_endpoint = 'http://%s:%s/' % (
            host, env.get('NEUTRON_PORT', '29696'))
        self.clouds_file = clouds_file
        self.cloud = 'nova-anchor-clusterd'
        self.write_clouds(clouds_file, self.endpoint)

    def write_clouds(self, path, endpoint):
        """A clouds.yaml with the cloud ``self.cloud`` for compute at ``endpoint``.

        NOTE: the token names the caller, so each (user, project) of clusterd
        gets its own Nova project, as with Keystone.
        """
        path.write_text(
            'clouds:\n'
            '  %s:\n'
            '    auth_type: admin_token\n'
            '    auth:\n'
            '      endpoint: %s\n'
            '      token: "{user_id}:{project_id}"\n'
            '    region_name: RegionOne\n'
            '    image_endpoint_override: %s\n'
            '    network_endpoint_override: %s\n'
            % (self.cloud, endpoint, self.image_endpoint, self.network_endpoint))
        return path

    def configure(self, conf, poll_interval=0.5, clouds_file=None):
        """Point ``conf``'s ``[openstack]`` at the anchor (or at the clouds.yaml
        given, e.g. one through a :class:`FaultProxy`)."""
        for name, value in (('connection_source', 'cloud'), ('cloud', self.cloud),
                            ('clouds_file', str(clouds_file or self.clouds_file)),
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


class FaultProxy:
    """An HTTP proxy in front of nova-api that fails the requests a test picks.

    A fault is (method, path regex, kind, count): kind ``'503'`` (or any status)
    answers that status without forwarding, so Nova never sees the request;
    ``'drop'`` forwards it and then closes the connection without an answer, so
    Nova did the work and the client cannot know.  Everything else is forwarded
    as it is (with the links in Nova's answers pointing back at the proxy).
    """

    def __init__(self, target):
        self.target = target.rstrip('/')            # http://127.0.0.1:28774
        self.faults = []
        self.forwarded = collections.Counter()      # 'POST /v2.1/servers' -> n
        self.lock = threading.Lock()
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = 'HTTP/1.1'

            def log_message(self, *args):
                pass

            def _handle(self):
                length = int(self.headers.get('Content-Length') or 0)
                body = self.rfile.read(length) if length else None
                path = self.path.split('?')[0]
                kind = proxy._take_fault(self.command, path)
                if kind not in (None, 'drop'):
                    self._reply(int(kind), {'Content-Type': 'application/json'},
                                b'{"computeFault": {"code": %s, "message": '
                                b'"injected by the test proxy"}}' % kind.encode())
                    return
                status, headers, data = proxy._forward(self.command, self.path,
                                                       self.headers, body)
                if kind == 'drop':
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                self._reply(status, headers, data)

            def _reply(self, status, headers, data):
                self.send_response(status)
                for name, value in headers.items():
                    if name.lower() not in ('content-length', 'connection',
                                            'transfer-encoding', 'date', 'server'):
                        self.send_header(name, value)
                self.send_header('Content-Length', str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _handle

        self.server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
        self.server.daemon_threads = True
        self.url = 'http://127.0.0.1:%d' % self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def fail(self, method, pattern, kind='503', count=1):
        with self.lock:
            self.faults.append([method, re.compile(pattern), str(kind), count])

    def _take_fault(self, method, path):
        with self.lock:
            for fault in self.faults:
                if fault[0] == method and fault[1].search(path) and fault[3] > 0:
                    fault[3] -= 1
                    return fault[2]
        return None

    def _forward(self, method, path, headers, body):
        request = urllib.request.Request(self.target + path, data=body, method=method)
        for name, value in headers.items():
            if name.lower() not in ('host', 'content-length', 'connection'):
                request.add_header(name, value)
        with self.lock:
            self.forwarded['%s %s' % (method, path.split('?')[0])] += 1
        try:
            with urllib.request.urlopen(request, timeout=60) as answer:
                status, answer_headers, data = answer.status, answer.headers, \
                    answer.read()
        except urllib.error.HTTPError as error:
            status, answer_headers, data = error.code, error.headers, error.read()
        data = data.replace(self.target.encode(), self.url.encode())
        return status, dict(answer_headers.items()), data

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def _answers(url):
    try:
        with urllib.request.urlopen(url, timeout=3):
            return True
    except Exception:  # noqa: BLE001 - any failure means "not up"
        return False


# setup.sh's defaults for the knobs that say where an anchor lives.
PLACE = {
    'NOVA_STATE': '/tmp/nova-anchor',
    'NOVA_API_PORT': '28774',
    'PLACEMENT_PORT': '28778',
    'GLANCE_PORT': '29292',
    'NEUTRON_PORT': '29696',
    'NOVA_RABBIT_VHOST': 'nova',
    'NOVA_DB_PREFIX': '',
}
# The databases setup.sh creates, after NOVA_DB_PREFIX.
DATABASES = ('nova_api', 'nova_cell0', 'nova', 'placement', 'glance')


def _listeners(env):
    """(pid file name, port knob, a word of its command line) of each service
    of the anchor that listens."""
    if env.get('NOVA_GLANCE') == 'real':
        glance = ('glance-api', 'GLANCE_PORT', b'glance.wsgi.api')
    else:
        glance = ('fake-glance-neutron', 'GLANCE_PORT', b'fake_glance_neutron')
    return (glance,
            ('fake-glance-neutron', 'NEUTRON_PORT', b'fake_glance_neutron'),
            ('placement-api', 'PLACEMENT_PORT', b'placement.wsgi.api'),
            ('nova-api', 'NOVA_API_PORT', b'nova_api_wsgi'))


def _recorded(state, name, word):
    """Whether setup.sh's pid file for ``name`` names a live process of it (a
    pid from another PID namespace may name an unrelated process here)."""
    try:
        with open(os.path.join(state, 'pids', name + '.pid')) as source:
            pid = int(source.read().strip())
        with open('/proc/%d/cmdline' % pid, 'rb') as source:
            return word in source.read()
    except (OSError, ValueError):
        return False


def _taken(port):
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(('127.0.0.1', int(port)))
        except OSError:
            return True
    return False


def strangers(env):
    """The anchor's ports held by something other than its recorded processes:
    setup.sh would start its own there and fail to bind."""
    return sorted({env[knob] for name, knob, word in _listeners(env)
                   if _taken(env[knob])
                   and not _recorded(env['NOVA_STATE'], name, word)})


def _free_ports(count):
    probes = [socket.socket() for _ in range(count)]
    try:
        for probe in probes:
            probe.bind(('127.0.0.1', 0))
        return [str(probe.getsockname()[1]) for probe in probes]
    finally:
        for probe in probes:
            probe.close()


def settle_env(env):
    """The anchor's knobs, with setup.sh's defaults filled in.

    :returns: (env, private): ``private`` when strangers hold its ports and the
        knobs were moved to an anchor of this session's own.  Its databases and
        vhost are new too: the stranger may be an anchor of another run, on the
        same MariaDB and RabbitMQ, whose services would answer our RPC calls.
    """
    env = dict(env)
    for name, value in PLACE.items():
        env.setdefault(name, value)
    held = strangers(env)
    if not held:
        return env, False
    api, placement, glance, neutron = _free_ports(4)
    private = dict(env, NOVA_STATE='%s-%s' % (env['NOVA_STATE'], api),
                   NOVA_API_PORT=api, PLACEMENT_PORT=placement, GLANCE_PORT=glance,
                   NEUTRON_PORT=neutron,
                   NOVA_RABBIT_VHOST='%s_%s' % (env['NOVA_RABBIT_VHOST'], api),
                   NOVA_DB_PREFIX='t%s_%s' % (api, env['NOVA_DB_PREFIX']))
    warnings.warn('Ports %s of the Nova anchor in %s are held by processes it did not '
                  'record; running a private anchor in %s on port %s for this session'
                  % (', '.join(held), env['NOVA_STATE'], private['NOVA_STATE'], api))
    return private, True


def _start(directory, anchor, env):
    """Run setup.sh with ``env``; :returns: whether the anchor was up before."""
    was_up = _answers(anchor.endpoint + '/')
    try:
        result = subprocess.run(['bash', os.path.join(directory, 'setup.sh')],
                                capture_output=True, text=True, env=env,
                                timeout=SETUP_TIMEOUT, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        databases.unavailable('The Nova anchor did not start within %d s'
                              % SETUP_TIMEOUT)
    if result.returncode != 0:
        databases.unavailable('The Nova anchor failed to start (setup.sh exit %d): %s'
                              % (result.returncode,
                                 (result.stderr or result.stdout)[-2000:]))
    return was_up


def _stop(directory, env, private=False):
    subprocess.run(['bash', os.path.join(directory, 'stop.sh'), '--keep-services'],
                   capture_output=True, timeout=120, env=env)
    if private:
        _remove(env)


def _remove(env):
    """Drop a private anchor's databases, vhost and state directory."""
    import sqlalchemy as sa
    engine = sa.create_engine(databases.SERVER_URLS['mysql'])
    try:
        with engine.begin() as conn:
            for name in DATABASES:
                conn.execute(sa.text('DROP DATABASE IF EXISTS `%s%s`'
                                     % (env['NOVA_DB_PREFIX'], name)))
    finally:
        engine.dispose()
    try:
        subprocess.run(['rabbitmqctl', '-q', 'delete_vhost',
                        env['NOVA_RABBIT_VHOST']], capture_output=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        pass  # tidying only: setup.sh made it with the same command
    shutil.rmtree(env['NOVA_STATE'], ignore_errors=True)


@pytest.fixture(scope='session')
def nova_anchor(tmp_path_factory):
    """The running anchor (:class:`Anchor`), started for the session if needed."""
    directory = anchor_dir()
    if directory is None:
        databases.unavailable('The Nova anchor (shared/anchors/nova) was not found; '
                              'set CLUSTERD_NOVA_ANCHOR')
    env, private = settle_env(os.environ)
    clouds_file = tmp_path_factory.mktemp('nova') / 'clouds.yaml'
    anchor = Anchor(clouds_file, env)
    was_up = _start(directory, anchor, env)
    try:
        yield anchor
    finally:
        if not was_up:
            _stop(directory, env, private)


# --- a second anchor that sends versioned notifications ------------------------------

# Its own state directory, ports, RabbitMQ vhost and databases: nova-compute is
# restarted with notifications on, which must not disturb the tests using the
# shared anchor above.  Each knob can be overridden by the environment.
EVENTS_ANCHOR = {
    'NOVA_STATE': '/tmp/nova-anchor-events',
    'NOVA_API_PORT': '38774',
    'PLACEMENT_PORT': '38778',
    'GLANCE_PORT': '39292',
    'NEUTRON_PORT': '39696',
    'NOVA_RABBIT_VHOST': 'nova_events',
    'NOVA_DB_PREFIX': 'events_',
}
# setup.sh writes nova.conf with notifications off on every run; this second
# file, given to nova-compute after it, turns them on: versioned notifications
# (topic versioned_notifications, exchange nova) on Nova's own transport.
NOTIFICATIONS_CONF = """[oslo_messaging_notifications]
driver = messagingv2
[notifications]
notification_format = versioned
notify_on_state_change = vm_and_task_state
"""
COMPUTE_HOST = 'anchor-compute'     # setup.sh's


def events_env():
    env = dict(os.environ)
    for name, value in EVENTS_ANCHOR.items():
        env[name] = os.environ.get('CLUSTERD_EVENTS_' + name, value)
    return env


class EventsAnchor(Anchor):
    """An anchor whose nova-compute sends versioned notifications.

    :ivar transport_url: where they go (Nova's RabbitMQ vhost, user nova), for
        ``[nova_notifications] transport_url``
    """

    def __init__(self, clouds_file, env):
        super().__init__(clouds_file, env)
        self.state = env['NOVA_STATE']
        self.transport_url = 'rabbit://nova:nova@127.0.0.1:5672/%s' % env[
            'NOVA_RABBIT_VHOST']

    def configure(self, conf, poll_interval=0.5, clouds_file=None):
        super().configure(conf, poll_interval, clouds_file)
        conf.set_override('transport_url', self.transport_url,
                          group='nova_notifications')
        return conf


def _compute_has_notifications(pid_file, conf_file):
    try:
        with open(pid_file) as source:
            pid = int(source.read().strip())
        with open('/proc/%d/cmdline' % pid, 'rb') as source:
            return pid, conf_file.encode() in source.read()
    except (OSError, ValueError):
        return None, False


def _restart_compute_with_notifications(env):
    """Make the anchor's nova-compute run with NOTIFICATIONS_CONF.

    The anchor's own setup.sh started it (through this fixture) with the
    anchor's state directory: it is this fixture's process to restart.
    """
    state = env['NOVA_STATE']
    conf_file = os.path.join(state, 'etc', 'notifications.conf')
    with open(conf_file, 'w') as target:
        target.write(NOTIFICATIONS_CONF)
    pid_file = os.path.join(state, 'pids', 'nova-compute.pid')
    pid, ready = _compute_has_notifications(pid_file, conf_file)
    if ready:
        return
    if pid is not None:
        _terminate(pid)
    venv = env.get('NOVA_VENV', '/tmp/nova-venv')
    restarted = datetime.datetime.now(datetime.timezone.utc).replace(
        tzinfo=None, microsecond=0)
    with open(os.path.join(state, 'log', 'nova-compute.log'), 'ab') as log:
        process = subprocess.Popen(
            [os.path.join(venv, 'bin', 'nova-compute'), '--config-file',
             os.path.join(state, 'etc', 'nova.conf'), '--config-file', conf_file],
            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            start_new_session=True, env=env)
    # stop.sh (and setup.sh's "is it running?") go by this file.
    with open(pid_file, 'w') as target:
        target.write('%d\n' % process.pid)
    _wait_compute_reported(env, restarted, process)


def _terminate(pid):
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.2)


def _wait_compute_reported(env, since, process, timeout=120):
    """Wait until the new nova-compute has reported its state (its RPC server
    consumes from then on; a request sent before could be lost)."""
    import sqlalchemy as sa
    url = sa.engine.make_url(databases.SERVER_URLS['mysql']).set(
        database=env['NOVA_DB_PREFIX'] + 'nova')
    engine = sa.create_engine(url)
    try:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if process.poll() is not None:
                databases.unavailable('nova-compute exited (%s) after its restart '
                                      'with notifications' % process.returncode)
            with engine.connect() as conn:
                reported = conn.execute(sa.text(
                    'SELECT count(*) FROM services WHERE host = :host AND '
                    '`binary` = :binary AND deleted = 0 AND updated_at >= :since'),
                    {'host': COMPUTE_HOST, 'binary': 'nova-compute',
                     'since': since}).scalar()
            if reported:
                return
            time.sleep(1)
    finally:
        engine.dispose()
    databases.unavailable('nova-compute did not report within %d s of its restart'
                          % timeout)


@pytest.fixture(scope='session')
def nova_events_anchor(tmp_path_factory):
    """A second anchor (:class:`EventsAnchor`) whose nova-compute sends versioned
    notifications, started for the session if needed."""
    directory = anchor_dir()
    if directory is None:
        databases.unavailable('The Nova anchor (shared/anchors/nova) was not found; '
                              'set CLUSTERD_NOVA_ANCHOR')
    env, private = settle_env(events_env())
    clouds_file = tmp_path_factory.mktemp('nova-events') / 'clouds.yaml'
    anchor = EventsAnchor(clouds_file, env)
    was_up = _start(directory, anchor, env)
    try:
        _restart_compute_with_notifications(env)
        yield anchor
    finally:
        _purge_default_queue(anchor)
        if not was_up:
            _stop(directory, env, private)


def broker(transport_url):
    """A kombu connection to an oslo.messaging ``rabbit://`` transport URL (for
    tidying queues up)."""
    import kombu
    return kombu.Connection('amqp://' + transport_url.split('://', 1)[1])


def _purge_default_queue(anchor):
    """Nova also fills the queue of listeners without a pool, which nobody
    reads here: empty it, so it does not grow from run to run."""
    try:
        with broker(anchor.transport_url) as connection:
            connection.default_channel.queue_purge(
                'versioned_notifications.info')
    except Exception:  # noqa: BLE001 - tidying only; absent queue, broker gone
        pass
