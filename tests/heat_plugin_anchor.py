"""The real Heat of shared/anchors/heat, with clusterd's plugin directory loaded.

(For tests of the Heat plugin.  Heat as a cloud for clusterd's os.heat.stack
profile does not need the plugin; a Heat started here serves those tests too.)

:func:`running` makes sure the anchor's Heat (27, keystone mode: heat-api and
heat-engine against the Keystone anchor) runs with ``plugin_dirs`` including
``clusterd/heat`` of this tree.  A Heat that already runs so, and was started
after the plugin's last change, is used as it is (no ``setup.sh``: it provisions
and migrates on every run, ~15 s); otherwise ``setup.sh`` is run with
``HEAT_PLUGIN_DIRS`` (it builds its venv the first time, ~80-100 s, and
restarts Heat when its configuration changed), after a ``stop.sh`` when only the
plugin's code changed.  Heat is stopped at the end only if it was not running
before.  Without the anchor, tests skip, or fail with
CLUSTERD_TEST_REQUIRE_SERVICES=1.  Knobs: CLUSTERD_HEAT_ANCHOR (its directory),
HEAT_PORT (8004).
"""

import contextlib
import glob
import os
import subprocess
import urllib.error
import urllib.request

from tests import databases
from tests import keystone_anchor
from tests import services

PORT = os.environ.get('HEAT_PORT', '8004')
URL = 'http://127.0.0.1:%s' % PORT
PLUGIN_DIR = os.path.join(services.ROOT, 'clusterd', 'heat')
# setup.sh's state directory: its heat.conf and PID files.
RUN = '/tmp/heat-run'
SETUP_TIMEOUT = 900


def answers():
    try:
        urllib.request.urlopen(URL + '/', timeout=3).close()
    except urllib.error.HTTPError:
        return True         # '/' answers 300 with the version list
    except OSError:
        return False
    return True


def _alive(name):
    try:
        with open(os.path.join(RUN, 'pids', '%s.pid' % name)) as f:
            os.kill(int(f.read().strip()), 0)
    except (OSError, ValueError):
        return False
    return True


def _plugin_dirs():
    """``plugin_dirs`` of the running anchor's heat.conf, or None."""
    try:
        with open(os.path.join(RUN, 'etc', 'heat.conf')) as f:
            for line in f:
                if line.startswith('plugin_dirs'):
                    return [d.strip() for d in line.split('=', 1)[1].split(',')]
    except OSError:
        return None
    return None


def _started_after_plugin_change():
    """The running heat-engine started after the plugin's files last changed
    (Heat loads plugins once, at start)."""
    try:
        started = os.stat(os.path.join(RUN, 'pids', 'engine.pid')).st_mtime
    except OSError:
        return False
    changed = max(os.stat(path).st_mtime
                  for path in glob.glob(os.path.join(PLUGIN_DIR, '*.py')))
    return started > changed


def _runs_our_plugin():
    return (_alive('api') and _alive('engine') and answers() and
            PLUGIN_DIR in (_plugin_dirs() or ()))


def _run(directory, script):
    # Keystone mode: the plugin finds clusterd in the catalog.
    env = dict(os.environ, HEAT_PORT=PORT, HEAT_PLUGIN_DIRS=PLUGIN_DIR,
               HEAT_AUTH='keystone', KEYSTONE_URL=keystone_anchor.URL)
    return subprocess.run(['bash', os.path.join(directory, script)],
                          capture_output=True, text=True, env=env,
                          timeout=SETUP_TIMEOUT, stdin=subprocess.DEVNULL)


@contextlib.contextmanager
def running(plugin=True):
    """Yield Heat's URL while the anchor runs with clusterd's plugin.

    :param plugin: False when the tests do not need the plugin (Heat as the
        cloud of os.heat.stack): a Heat that runs is used as it is, whatever
        its ``plugin_dirs``, instead of being restarted under other tests."""
    directory = services.anchor_dir('heat')
    if directory is None:
        databases.unavailable('The Heat anchor (shared/anchors/heat) was not '
                              'found; set CLUSTERD_HEAT_ANCHOR')
    was_up = answers()
    if not plugin and was_up and _alive('api') and _alive('engine'):
        yield URL
        return
    if _runs_our_plugin() and _started_after_plugin_change():
        yield URL
        return
    if _runs_our_plugin():
        # Same configuration, older code: setup.sh alone would keep it running.
        _run(directory, 'stop.sh')
    try:
        result = _run(directory, 'setup.sh')
    except subprocess.TimeoutExpired:
        databases.unavailable('The Heat anchor did not start within %d s'
                              % SETUP_TIMEOUT)
    if result.returncode != 0 or not _runs_our_plugin():
        databases.unavailable(
            'The Heat anchor failed to start with %s (setup.sh exit %d): %s'
            % (PLUGIN_DIR, result.returncode, (result.stderr or result.stdout)[-2000:]))
    try:
        yield URL
    finally:
        if not was_up:
            _run(directory, 'stop.sh')
