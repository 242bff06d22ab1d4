"""A live ``clusterd-standalone`` for the real clients (see testing.rst, "Client
compatibility").

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
import urllib.request

import pytest

from tests import databases
from tests import services

BANNER = re.compile(r'is running at (http://\S+)')

# Simulated resources that take a little time, so that a cluster is seen busy
# before it is ACTIVE.
SIM_SPEC = {'type': 'clusterd.simulated', 'version': '1.0',
            'properties': {'latency': 0.2}}


class Standalone:
    """One ``clusterd-standalone`` process."""

    def __init__(self, state_dir):
        self.state_dir = state_dir
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
            [script, '--port', '0', '--state-dir', self.state_dir],
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
