"""The real Octavia of shared/anchors/octavia, for the load-balancing tests.

:func:`running` runs the anchor's ``setup.sh`` (its venv takes a few minutes
on a bare machine; seconds when it is up) and ``stop.sh`` at the end if it
started Octavia.  Octavia authenticates with Keystone: run it inside
:func:`tests.keystone_anchor.running`.  Without the anchor, tests skip, or fail
with CLUSTERD_TEST_REQUIRE_SERVICES=1.  Knobs: CLUSTERD_OCTAVIA_ANCHOR (its
directory), OCTAVIA_PORT (9876).
"""

import contextlib
import fcntl
import os
import subprocess
import urllib.error
import urllib.request
import warnings

from tests import databases
from tests import services

PORT = os.environ.get('OCTAVIA_PORT', '9876')
URL = 'http://127.0.0.1:%s' % PORT
SETUP_TIMEOUT = 1200
# Two sessions on one host take turns at setup.sh (it builds one venv).  The
# lock is held by this process only: the daemons setup.sh starts do not
# inherit it (subprocess closes other descriptors).
SETUP_LOCK = '/tmp/clusterd-octavia-anchor.lock'


def answers():
    try:
        with urllib.request.urlopen(URL + '/', timeout=3):
            return True
    except urllib.error.HTTPError:
        return True
    except Exception:  # noqa: BLE001 - any failure means "not up"
        return False


def _run(directory, script, keystone_url):
    env = dict(os.environ, OCTAVIA_PORT=PORT, KEYSTONE_URL=keystone_url)
    return subprocess.run(['bash', os.path.join(directory, script)],
                          capture_output=True, text=True, env=env,
                          timeout=SETUP_TIMEOUT, stdin=subprocess.DEVNULL)


@contextlib.contextmanager
def running(keystone_url):
    """Yield Octavia's URL while the anchor runs, with Keystone at
    ``keystone_url`` (without /v3)."""
    directory = services.anchor_dir('octavia')
    if directory is None:
        databases.unavailable('The Octavia anchor (shared/anchors/octavia) was '
                              'not found; set CLUSTERD_OCTAVIA_ANCHOR')
    was_up = answers()
    try:
        with open(SETUP_LOCK, 'a') as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            result = _run(directory, 'setup.sh', keystone_url)
    except subprocess.TimeoutExpired:
        databases.unavailable('The Octavia anchor did not start within %d s'
                              % SETUP_TIMEOUT)
    if result.returncode != 0 or not answers():
        if not was_up:
            databases.unavailable(
                'The Octavia anchor failed to start (setup.sh exit %d): %s'
                % (result.returncode, (result.stderr or result.stdout)[-2000:]))
        # An Octavia this run did not start answers on the port: use it.
        warnings.warn('setup.sh of the Octavia anchor failed (exit %d); using '
                      'the Octavia already answering at %s'
                      % (result.returncode, URL))
    try:
        yield URL
    finally:
        if not was_up:
            _run(directory, 'stop.sh', keystone_url)
