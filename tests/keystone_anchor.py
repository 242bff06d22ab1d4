"""The real Keystone of shared/anchors/keystone, for tests of keystone mode.

:func:`running` runs the anchor's ``setup.sh`` (about 2 minutes on a bare
machine, seconds when it is up) and ``stop.sh`` at the end if it started
Keystone.  The anchor's accounts: ``demo`` and ``alt_demo`` (member, each in a
project of its own), ``admin`` (admin in project ``admin``) and the service
user ``senlin`` in project ``service``.  Without the anchor, tests skip, or fail
with CLUSTERD_TEST_REQUIRE_SERVICES=1.  Knobs: CLUSTERD_KEYSTONE_ANCHOR (its
directory), KEYSTONE_PORT (5000).
"""

import contextlib
import fcntl
import json
import os
import subprocess
import sys
import time
import urllib.request
import warnings

from tests import databases
from tests import services

PORT = os.environ.get('KEYSTONE_PORT', '5000')
URL = 'http://127.0.0.1:%s' % PORT
SETUP_TIMEOUT = 900
# Where setup.sh points the catalog's clustering endpoints when not told.
DEFAULT_CLUSTERING_URL = 'http://127.0.0.1:8778'


def answers():
    try:
        with urllib.request.urlopen(URL + '/v3', timeout=3) as answer:
            return 'version' in json.loads(answer.read())
    except Exception:  # noqa: BLE001 - any failure means "not up"
        return False


def _run(directory, script):
    env = dict(os.environ, KEYSTONE_PORT=PORT)
    return subprocess.run(['bash', os.path.join(directory, script)],
                          capture_output=True, text=True, env=env,
                          timeout=SETUP_TIMEOUT, stdin=subprocess.DEVNULL)


@contextlib.contextmanager
def running():
    """Yield Keystone's URL (without /v3) while the anchor runs."""
    directory = services.anchor_dir('keystone')
    if directory is None:
        databases.unavailable('The Keystone anchor (shared/anchors/keystone) was '
                              'not found; set CLUSTERD_KEYSTONE_ANCHOR')
    was_up = answers()
    try:
        # setup.sh points the catalog's clustering at its default.
        with _catalog_lock():
            result = _run(directory, 'setup.sh')
    except subprocess.TimeoutExpired:
        databases.unavailable('The Keystone anchor did not start within %d s'
                              % SETUP_TIMEOUT)
    if result.returncode != 0:
        if not was_up:
            databases.unavailable(
                'The Keystone anchor failed to start (setup.sh exit %d): %s'
                % (result.returncode, (result.stderr or result.stdout)[-2000:]))
        # A Keystone this run did not start (e.g. an anchor of a run in another
        # PID namespace on this host) answers on the port: use it as it is.
        warnings.warn('setup.sh of the Keystone anchor failed (%s); using the '
                      'Keystone already answering at %s'
                      % ((result.stderr.strip().splitlines() or [''])[-1], URL))
        was_up = True
    try:
        yield URL
    finally:
        if not was_up:
            _run(directory, 'stop.sh')


# Held while a test's clusterd is the catalog's ``clustering``: the catalog is one
# for the whole host, so two sessions (or two checkouts) must take turns.
CATALOG_LOCK = '/tmp/clusterd-keystone-catalog.lock'
CATALOG_WAIT = 1800


@contextlib.contextmanager
def _catalog_lock():
    with open(CATALOG_LOCK, 'a') as lock:
        deadline = time.monotonic() + CATALOG_WAIT
        while True:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise AssertionError('another test session held %s for %d s'
                                         % (CATALOG_LOCK, CATALOG_WAIT))
                time.sleep(1)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@contextlib.contextmanager
def catalog_pointing_at(clustering_url):
    """Make ``clustering_url`` the catalog's ``clustering`` for the block, then
    set the anchor's default back; other sessions on this host wait meanwhile
    (setup.sh, which sets the default, too)."""
    with _catalog_lock():
        try:
            point_catalog(clustering_url)
            yield
        finally:
            point_catalog(DEFAULT_CLUSTERING_URL)


def point_catalog(clustering_url):
    """Make the catalog's ``clustering`` endpoints ``clustering_url``.

    The anchor's own provision.py does it (idempotent, plain HTTP), so it works
    for a Keystone this run did not start as well.
    """
    script = os.path.join(services.anchor_dir('keystone'), 'provision.py')
    env = dict(os.environ, KEYSTONE_URL=URL + '/v3', CLUSTERING_URL=clustering_url)
    result = subprocess.run([sys.executable, script], capture_output=True,
                            text=True, env=env, timeout=120,
                            stdin=subprocess.DEVNULL)
    if result.returncode != 0:
        raise AssertionError('provision.py could not set the clustering endpoints '
                             'to %s:\n%s' % (clustering_url, result.stderr[-2000:]))


def issue(name, password, project):
    """A project-scoped token: (token, user id, project id)."""
    body = {'auth': {
        'identity': {'methods': ['password'], 'password': {'user': {
            'name': name, 'domain': {'id': 'default'}, 'password': password}}},
        'scope': {'project': {'name': project, 'domain': {'id': 'default'}}}}}
    request = urllib.request.Request(
        URL + '/v3/auth/tokens', data=json.dumps(body).encode(),
        headers={'Content-Type': 'application/json'}, method='POST')
    with urllib.request.urlopen(request, timeout=30) as answer:
        token = json.loads(answer.read())['token']
        return (answer.headers['X-Subject-Token'], token['user']['id'],
                token['project']['id'])


def revoke(token, admin_token):
    request = urllib.request.Request(
        URL + '/v3/auth/tokens', method='DELETE',
        headers={'X-Auth-Token': admin_token, 'X-Subject-Token': token})
    with urllib.request.urlopen(request, timeout=30):
        pass


def authtoken_options(keystone_url):
    """``[keystone_authtoken]`` as an operator writes it for the anchor."""
    return {'www_authenticate_uri': keystone_url, 'auth_url': keystone_url,
            'auth_type': 'password', 'username': 'senlin', 'password': 'senlin',
            'project_name': 'service', 'user_domain_name': 'Default',
            'project_domain_name': 'Default'}
