"""The venv of our own ``openstack cluster`` plugin (``client/``).

It cannot share the test venv: python-senlinclient (the legacy CLI, pinned in
the ``test`` extra with osc-lib < 4) registers the same commands.  So it is
built as a user would: a fresh venv and ``pip install ./client``, which
resolves the current python-openstackclient and osc-lib 4.  It lives in
``.venv-client`` at the top of the tree (ignored by git; elsewhere with
``CLUSTERD_CLIENT_VENV``), is made once (about a minute from a local package
mirror), and is reinstalled (about 20 s) only when a file of ``client/``
changed; a lock keeps two test runs from building it at once.
"""

import fcntl
import hashlib
import os
import subprocess
import sys

from tests import databases
from tests import services

SOURCE = os.path.join(services.ROOT, 'client')
VENV = os.environ.get('CLUSTERD_CLIENT_VENV',
                      os.path.join(services.ROOT, '.venv-client'))
STAMP = os.path.join(VENV, 'clusterdclient-source.sha256')


def _digest():
    digest = hashlib.sha256()
    for directory, dirs, files in sorted(os.walk(SOURCE)):
        dirs[:] = sorted(d for d in dirs if d not in ('__pycache__', 'build')
                         and not d.endswith('.egg-info'))
        for name in sorted(files):
            if name.endswith(('.py', '.toml', '.rst', '.cfg')):
                path = os.path.join(directory, name)
                digest.update(os.path.relpath(path, SOURCE).encode())
                with open(path, 'rb') as stream:
                    digest.update(stream.read())
    return digest.hexdigest()


def _run(args):
    result = subprocess.run(args, capture_output=True, text=True, timeout=1200,
                            env=dict(os.environ, PIP_DISABLE_PIP_VERSION_CHECK='1'))
    if result.returncode != 0:
        raise AssertionError('%s failed:\n%s\n%s' % (' '.join(args),
                                                     result.stdout[-3000:],
                                                     result.stderr[-3000:]))


def openstack():
    """The ``openstack`` command of the plugin's venv, (re)built if needed."""
    python = os.path.join(VENV, 'bin', 'python')
    os.makedirs(os.path.dirname(VENV), exist_ok=True)
    with open(VENV + '.lock', 'w') as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        wanted = _digest()
        try:
            with open(STAMP) as stream:
                built = stream.read().strip()
        except OSError:
            built = None
        if built != wanted:
            try:
                if not os.path.exists(python):
                    _run([sys.executable, '-m', 'venv', VENV])
                _run([python, '-m', 'pip', 'install', '-q', SOURCE])
            except (AssertionError, subprocess.TimeoutExpired) as exc:
                databases.unavailable('cannot build the client venv: %s' % exc)
            with open(STAMP, 'w') as stream:
                stream.write(wanted)
    return os.path.join(VENV, 'bin', 'openstack')


def installed():
    """``name==version`` of every distribution in the plugin's venv."""
    result = subprocess.run(
        [os.path.join(VENV, 'bin', 'python'), '-m', 'pip', 'list',
         '--format=freeze'], capture_output=True, text=True, timeout=120)
    return result.stdout.split()
