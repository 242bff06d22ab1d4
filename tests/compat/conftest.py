"""A live ``clusterd-standalone`` for the real clients (see testing.rst, "Client
compatibility"), and clusterd deployed behind the Keystone anchor.

The server is a subprocess of this environment's console script, on a free port
(``--port 0``; the URL is read from its banner) with a throw-away state directory,
started once for the whole ``tests/compat`` session and stopped with SIGTERM at
the end (a clean stop is part of the test).  When the script or a client is
missing, the tests skip, or fail under ``CLUSTERD_TEST_REQUIRE_SERVICES=1``.
"""

import json
import os
import re
import signal
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid

import pytest

from tests import databases
from tests import keystone_anchor
from tests import services

try:
    import openstack
except ImportError:     # a runtime dependency; only a broken install lacks it
    openstack = None

BANNER = re.compile(r'is running at (http://\S+)')

# Simulated resources that take a little time, so that a cluster is seen busy
# before it is ACTIVE.
SIM_SPEC = {'type': 'clusterd.simulated', 'version': '1.0',
            'properties': {'latency': 0.2}}

REGION = 'RegionOne'


class Standalone:
    """One ``clusterd-standalone`` process."""

    def __init__(self, state_dir, args=()):
        self.state_dir = state_dir
        self.args = list(args)  # more command-line options
        self.url = None
        self.output = []
        self.proc = None

    def start(self, timeout=60):
        script = services.command('clusterd-standalone')
        if not os.path.exists(script):
            databases.unavailable('%s is not installed' % script)
        env = dict(os.environ, PYTHONUNBUFFERED='1')
        for name in list(env):
            if name.startswith('OS_'):
                del env[name]
        self.proc = subprocess.Popen(
            [script, '--port', '0', '--state-dir', self.state_dir] + self.args,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
        found = threading.Event()

        def _read():
            for line in self.proc.stdout:
                self.output.append(line)
                match = BANNER.search(line)
                if match:
                    self.url = match.group(1)
                    found.set()
        threading.Thread(target=_read, daemon=True).start()
        if not found.wait(timeout) or self.proc.poll() is not None:
            self.stop()
            raise AssertionError('clusterd-standalone did not start:\n%s' %
                                 ''.join(self.output))
        services.wait_for(self._answers, timeout=timeout, what='GET / of %s' % self.url)
        return self.url

    def _answers(self):
        try:
            urllib.request.urlopen(self.url + '/v1', timeout=2).close()
        except OSError:
            return False
        return True

    def stop(self, timeout=30):
        """SIGTERM; returns the exit code (None if it had to be killed)."""
        if self.proc is None or self.proc.poll() is not None:
            return self.proc and self.proc.returncode
        self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            return None

    def log(self):
        path = os.path.join(self.state_dir, 'clusterd.log')
        try:
            with open(path) as f:
                return f.read()
        except OSError:
            return ''


class Cli:
    """Runs ``openstack`` in a clean environment (no OS_* variables, a HOME and
    a working directory of its own, so no clouds.yaml is found by accident).

    ``executable`` is this environment's ``openstack`` (python-senlinclient)
    unless given (our plugin's, from tests/compat/client_venv.py)."""

    def __init__(self, home, args=(), env=None, executable=None):
        self.home = home
        self.executable = executable or services.command('openstack')
        self.args = list(args)
        self.env = {'PATH': os.environ.get('PATH', ''), 'HOME': str(home),
                    'LANG': 'C.UTF-8'}
        self.env.update(env or {})

    def run(self, *args, check=True):
        command = [self.executable] + self.args + list(args)
        start = time.monotonic()
        result = subprocess.run(command, capture_output=True, text=True,
                                cwd=str(self.home), env=self.env, timeout=120)
        if os.environ.get('CLUSTERD_COMPAT_TIMES'):
            print('%.1fs %s' % (time.monotonic() - start, ' '.join(args)))
        if check and result.returncode != 0:
            raise AssertionError('%s exited %d:\n%s\n%s' % (
                ' '.join(args), result.returncode, result.stdout, result.stderr))
        return result

    def json(self, *args):
        return json.loads(self.run(*(args + ('-f', 'json'))).stdout)


@pytest.fixture(scope='session')
def standalone():
    with tempfile.TemporaryDirectory(prefix='clusterd-compat-') as state_dir:
        server = Standalone(state_dir)
        server.start()
        yield server
        code = server.stop()
        assert code == 0, 'clusterd-standalone did not stop cleanly (%s):\n%s' % (
            code, ''.join(server.output[-20:]))
        assert 'clusterd-standalone stopped.' in ''.join(server.output)
        # Whatever the clients did, the server never answered them a 500.
        assert 'Unexpected error in' not in server.log(), server.log()[-5000:]


@pytest.fixture(scope='session')
def base_url(standalone):
    return standalone.url


@pytest.fixture(scope='session')
def client_openstack():
    """The ``openstack`` of a venv with only ``pip install ./client``."""
    from tests.compat import client_venv
    return client_venv.openstack()


def unique(prefix):
    """A name no other test of the session uses."""
    unique.counter += 1
    return '%s-%d-%d' % (prefix, os.getpid() % 1000, unique.counter)


unique.counter = 0


def poll(predicate, timeout=60, interval=0.2, what='condition'):
    return services.wait_for(predicate, timeout=timeout, interval=interval,
                             what=what)


def elapsed(start):
    return time.monotonic() - start


# --- clusterd deployed as an operator deploys it ------------------------------------

class Process:
    """One clusterd command with its own config file and log."""

    def __init__(self, tmp_path, name, **groups):
        self.name = name
        self.log_file = tmp_path / ('%s.log' % name)
        groups['DEFAULT'] = dict(groups.get('DEFAULT', {}),
                                 log_file=str(self.log_file))
        conf = services.write_conf(tmp_path / ('%s.conf' % name), **groups)
        self.proc = subprocess.Popen(
            [services.command(name), '--config-file', conf],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
            start_new_session=True)

    def stop(self):
        """SIGTERM; returns the exit code (None if it had to be killed)."""
        if self.proc.poll() is not None:
            return self.proc.returncode
        os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            return self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
            return None

    def log(self):
        try:
            return self.log_file.read_text()
        except OSError:
            return ''


class Deployment:
    def __init__(self, url, engine_host):
        self.url = url
        self.engine_host = engine_host


def _answers(url):
    try:
        urllib.request.urlopen(url + '/v1', timeout=2).close()
    except urllib.error.HTTPError:
        return True         # any HTTP answer: it is serving
    except OSError:
        return False
    return True


@pytest.fixture(scope='module')
def deployment(keystone, tmp_path_factory):
    """``clusterd-api`` (keystone auth) and ``clusterd-engine`` on MariaDB and
    RabbitMQ, in the Keystone anchor's catalog as ``clustering`` while the module
    runs (the catalog is set back to the anchor's default at the end; another
    session on the host waits for that, see ``catalog_pointing_at``)."""
    rabbit = services.require_rabbit()
    tmp = tmp_path_factory.mktemp('deployed')
    port = services.free_port()
    url = 'http://127.0.0.1:%d' % port
    # A topic of its own: no other engine on this broker takes its casts.
    topic = 'clusterd-engine-deployed-%s' % uuid.uuid4().hex[:8]
    engine_host = 'deployed-%s' % uuid.uuid4().hex[:6]
    with databases.migrated_database('mysql', tmp) as db:
        common = {'database': {'connection': db.url.render_as_string(
            hide_password=False)}, 'engine': {'topic': topic}}
        # The processes stop before the catalog is set back (and another session
        # may point it at its own clusterd).
        with keystone_anchor.catalog_pointing_at(url):
            engine = Process(tmp, 'clusterd-engine',
                             DEFAULT={'transport_url': rabbit, 'host': engine_host},
                             **common)
            api = Process(tmp, 'clusterd-api', DEFAULT={'transport_url': rabbit},
                          api={'bind_host': '127.0.0.1', 'bind_port': port,
                               'auth_strategy': 'keystone'},
                          keystone_authtoken=keystone_anchor.authtoken_options(
                              keystone), **common)
            try:
                services.wait_for(
                    lambda: api.proc.poll() is not None or _answers(url),
                    timeout=60, what='clusterd-api at %s' % url)
                assert api.proc.poll() is None, api.proc.stderr.read()
                yield Deployment(url, engine_host)
            finally:
                codes = {p.name: p.stop() for p in (api, engine)}
        for process in (api, engine):
            assert codes[process.name] == 0, (process.name, codes,
                                              process.log()[-5000:])
            # Whatever the clients did, nothing was logged with a traceback:
            # no request ended in a 500, no action step raised.
            assert 'Traceback' not in process.log(), process.log()[-5000:]


def keystone_connection(keystone, user, project, password, **extra):
    """An openstacksdk connection as an openrc file gives one: Keystone's URL and
    a user's password; every endpoint comes from the catalog."""
    if openstack is None:
        databases.unavailable('openstacksdk is not installed')
    return openstack.connect(
        auth_url=keystone + '/v3', username=user, password=password,
        project_name=project, user_domain_id='default',
        project_domain_id='default', region_name=REGION,
        load_envvars=False, load_yaml_config=False, **extra)
