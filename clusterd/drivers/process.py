"""Local OS processes: the backend of the ``clusterd.process`` profile.

Everything here talks to the operating system of the engine's own host (``/proc``,
signals, sockets, files); :mod:`clusterd.profiles.process` decides what to do.
Linux only: processes are identified through ``/proc``.

A process is identified by its pid *and* its start time (field 22 of
``/proc/<pid>/stat``, clock ticks since boot) *and* the boot id, so that a pid the
kernel handed to another process, or a record that outlived a reboot, never passes
for the process a node started.

Processes run detached from the engine: each leads its own session (and process
group), reads /dev/null and appends its output to a log file, so it survives an
engine restart.  What the engine knows about them is kept in one small JSON record
per node (:class:`RecordStore`), and each carries its node id in its environment
(:data:`NODE_ID_ENV`), so a create retried after a crash finds the process an
interrupted create started even when the record has no pid yet.
"""

import collections
import contextlib
import datetime
import errno
import fcntl
import functools
import http.client
import json
import os
import random
import re
import shutil
import signal as signals
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request

# The environment variable naming the node a process belongs to.
NODE_ID_ENV = 'CLUSTERD_NODE_ID'

# States of a record.
STARTING = 'starting'   # port reserved, the process being spawned
RUNNING = 'running'     # spawned: pid and start time known
STOPPED = 'stopped'     # stopped on purpose (or spawning failed); port kept

# How often a stop looks whether the processes are gone.
POLL_INTERVAL = 0.05
# How long the kernel may take to tear processes down after SIGKILL.
KILL_WAIT = 5.0

_SAFE_NAME = re.compile(r'^[A-Za-z0-9][A-Za-z0-9_.-]*$')


class ProcessError(Exception):
    """The operating system refused: a spawn failed, a signal was not allowed, a
    record could not be read or written."""


# --- /proc ----------------------------------------------------------------------

class ProcInfo(collections.namedtuple(
        'ProcInfo', 'pid state ppid pgrp session start_time')):
    """The fields of ``/proc/<pid>/stat`` clusterd uses."""

    @property
    def dead(self):
        """A zombie (exited, not yet reaped by its parent) or being torn down."""
        return self.state in ('Z', 'X', 'x')


def parse_stat(pid, text):
    """Parse the text of ``/proc/<pid>/stat``.

    :returns: :class:`ProcInfo`
    """
    # The command name (field 2) is in parentheses and may itself hold spaces
    # and parentheses: the fields that follow start after the LAST ')'.
    fields = text[text.rindex(')') + 2:].split()
    # fields[0] is field 3 of proc(5): state, ppid, pgrp, session ... starttime (22)
    return ProcInfo(pid, fields[0], int(fields[1]), int(fields[2]), int(fields[3]),
                    int(fields[19]))


def read_stat(pid):
    """The :class:`ProcInfo` of ``pid``, or ``None`` if there is no such process."""
    try:
        with open('/proc/%d/stat' % pid) as stat:
            text = stat.read()
    except (FileNotFoundError, ProcessLookupError):
        return None
    if not text:
        return None
    return parse_stat(pid, text)


def scan(pids=None):
    """One pass over ``/proc``.

    :param pids: read only these pids (an iterable), or every process when
        ``None``.
    :returns: ``{pid: ProcInfo}`` of the processes that exist
    """
    reap()
    present = (int(entry) for entry in os.listdir('/proc') if entry.isdigit())
    if pids is not None:
        present = set(present) & {int(pid) for pid in pids}
    found = {}
    for pid in present:
        info = read_stat(pid)
        if info is not None:
            found[pid] = info
    return found


@functools.lru_cache(maxsize=None)
def boot_id():
    """The kernel's id of this boot: start times count from the boot."""
    with open('/proc/sys/kernel/random/boot_id') as source:
        return source.read().strip()


def is_alive(pid, start_time, boot=None, procs=None):
    """Does the process that had ``pid`` at ``start_time`` still run?

    :param boot: the boot id recorded with it (``None``: not checked).
    :param procs: a :func:`scan` result to look in, instead of reading /proc.
    :returns: ``False`` for a reused pid, a zombie, or another boot's process.
    """
    if not pid or start_time is None or (boot and boot != boot_id()):
        return False
    info = procs.get(pid) if procs is not None else read_stat(pid)
    return info is not None and info.start_time == start_time and not info.dead


def session_members(session):
    """The live processes of the session led by (or once led by) ``session``."""
    return [info for info in scan().values()
            if info.session == session and not info.dead]


def find_by_environ(name, value, leaders_only=True):
    """Processes whose environment holds ``name=value``, in one pass over /proc.

    Only processes of the engine's own user can be read, which is enough: those
    are the ones it started.

    :param leaders_only: only session leaders (the processes clusterd spawned,
        not the children they started, which inherit the environment).
    :returns: list of :class:`ProcInfo`
    """
    wanted = ('%s=%s' % (name, value)).encode()
    found = []
    for pid, info in scan().items():
        if info.dead or (leaders_only and info.session != pid):
            continue
        try:
            with open('/proc/%d/environ' % pid, 'rb') as source:
                environ = source.read().split(b'\0')
        except OSError:   # another user's process, or gone meanwhile
            continue
        if wanted in environ:
            found.append(info)
    return found


# --- starting, signalling and stopping ------------------------------------------

# NOTE: the processes clusterd starts are children of the engine until it exits.
# A child that exits stays a zombie until its parent waits for it, so the engine
# keeps the Popen objects and reaps them (reap(), called before every look at
# /proc).  This is state of the OS process, hence module-level.
_children = {}
_exit_codes = collections.OrderedDict()
_children_lock = threading.Lock()
_EXIT_CODES_KEPT = 256


def reap():
    """Wait for the children that have exited, remembering their exit codes."""
    with _children_lock:
        for pid, child in list(_children.items()):
            code = child.poll()
            if code is not None:
                del _children[pid]
                _exit_codes[pid] = code
                while len(_exit_codes) > _EXIT_CODES_KEPT:
                    _exit_codes.popitem(last=False)


def exit_code(pid):
    """The exit code of a process this engine started and reaped, or ``None``."""
    reap()
    with _children_lock:
        return _exit_codes.get(pid)


def spawn(argv, env, cwd, log_file):
    """Start ``argv`` detached from the engine.

    It leads a new session (so it has its own process group and no controlling
    terminal), reads /dev/null, and appends stdout and stderr to ``log_file``; no
    file descriptor of the engine is inherited.

    :param argv: the command, a list of strings.
    :param env: the whole environment of the process.
    :param cwd: its working directory (must exist).
    :param log_file: the file its output is appended to.
    :returns: :class:`ProcInfo` of the new process.
    :raises ProcessError: if it cannot be started.
    """
    reap()
    try:
        with open(log_file, 'ab') as log:
            log.write(('--- clusterd: starting %s at %s ---\n' % (
                ' '.join(argv), utcnow())).encode('utf-8', 'replace'))
            log.flush()
            child = subprocess.Popen(
                argv, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                cwd=cwd, env=env, start_new_session=True, close_fds=True)
    except (OSError, ValueError, subprocess.SubprocessError) as exc:
        raise ProcessError('cannot start %s: %s' % (
            argv[0], getattr(exc, 'strerror', None) or exc)) from exc
    with _children_lock:
        _children[child.pid] = child
    # NOTE: an exited child is a zombie until reaped, and only we reap it, so its
    # stat (with the start time) is still there even if it failed at once.
    info = read_stat(child.pid)
    if info is None:
        raise ProcessError('%s exited before it could be identified' % argv[0])
    return info


def parse_signal(value):
    """A signal number from a name (``'HUP'``, ``'SIGHUP'``, ``'sighup'``) or a
    number (``'1'``, ``1``).

    :raises ValueError: naming the value.
    """
    text = str(value).strip().upper()
    try:
        if text.isdigit():
            return signals.Signals(int(text))
        return signals.Signals[text if text.startswith('SIG') else 'SIG' + text]
    except (KeyError, ValueError):
        raise ValueError("'%s' is not a signal" % (value,)) from None


def send_signal(pid, start_time, signal_number, boot=None):
    """Send a signal to the process ``pid`` (only), if it is still the one that
    started at ``start_time``.

    :returns: ``False`` if that process no longer runs.
    :raises ProcessError: if the signal is not allowed.
    """
    if not is_alive(pid, start_time, boot):
        return False
    try:
        os.kill(pid, signal_number)
    except ProcessLookupError:
        return False
    except PermissionError as exc:
        raise ProcessError('not allowed to signal process %d: %s'
                           % (pid, exc.strerror)) from exc
    return True


def stop(pid, start_time, signal_number, timeout, boot=None):
    """Stop the session a spawned process leads: ``signal_number`` to its process
    group, then after ``timeout`` seconds SIGKILL to the group (and to any process
    of the session that moved to a group of its own).

    Safe against pid reuse: when ``pid`` now belongs to a process that started at
    another time, nothing is signalled (while any process of the old session
    lived, the kernel could not have reused the number).

    :param timeout: seconds of grace; 0 sends SIGKILL at once.
    :returns: ``True`` if processes were stopped, ``False`` if none was left.
    :raises ProcessError: if they cannot be signalled or do not die.
    """
    if boot and boot != boot_id():
        return False
    leader = read_stat(pid)
    if leader is not None and leader.start_time != start_time:
        return False
    members = session_members(pid)
    if not members:
        return False
    if timeout > 0 and signal_number != signals.SIGKILL:
        _signal_session(pid, signal_number, members)
        # NOTE: a stopped (SIGSTOP, hung in a debugger) process keeps a pending
        # SIGTERM until it runs again: wake it so that it can act on it instead
        # of costing the whole timeout.
        _signal_session(pid, signals.SIGCONT, session_members(pid))
        if _wait_gone(pid, timeout):
            return True
    _signal_session(pid, signals.SIGKILL, session_members(pid))
    if not _wait_gone(pid, KILL_WAIT):
        raise ProcessError('the processes of session %d still run after SIGKILL'
                           % pid)
    return True


def kill_session(pid):
    """SIGKILL every process of the session ``pid`` leads, without identity
    checks: for cleaning up what a caller knows to be its own."""
    _signal_session(pid, signals.SIGKILL, session_members(pid))
    _wait_gone(pid, KILL_WAIT)


def _signal_session(session, signal_number, members):
    try:
        os.killpg(session, signal_number)
    except ProcessLookupError:
        pass
    except PermissionError as exc:
        raise ProcessError('not allowed to signal process group %d: %s'
                           % (session, exc.strerror)) from exc
    for info in members:
        if info.pgrp != session:
            try:
                os.kill(info.pid, signal_number)
            except ProcessLookupError:
                pass


def _wait_gone(session, timeout):
    deadline = time.monotonic() + timeout
    while True:
        if not session_members(session):
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(POLL_INTERVAL)


# --- ports ----------------------------------------------------------------------

def parse_port_range(text):
    """``'20000-29999'`` (or one port, ``'8080'``) -> ``(20000, 29999)``.

    :raises ValueError: naming the problem.
    """
    parts = str(text).split('-')
    try:
        if len(parts) == 1:
            low = high = int(parts[0])
        elif len(parts) == 2:
            low, high = int(parts[0]), int(parts[1])
        else:
            raise ValueError
    except ValueError:
        raise ValueError("'%s' is not a port range such as '20000-29999'"
                         % (text,)) from None
    if not 1 <= low <= high <= 65535:
        raise ValueError("'%s' is not a port range within 1-65535 with the lower "
                         "port first" % (text,))
    return low, high


def port_is_free(port):
    """Can a server bind ``port`` on every IPv4 and IPv6 address?"""
    for family, address in ((socket.AF_INET, '0.0.0.0'), (socket.AF_INET6, '::')):
        try:
            probe = socket.socket(family, socket.SOCK_STREAM)
        except OSError:   # no IPv6 on this host
            continue
        with probe:
            if family == socket.AF_INET6:
                probe.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            # NOTE: no SO_REUSEADDR: a port with connections in TIME_WAIT counts
            # as taken, which only makes the choice more careful.
            try:
                probe.bind((address, port))
            except OSError as exc:
                if family == socket.AF_INET6 and exc.errno in (
                        errno.EADDRNOTAVAIL, errno.EAFNOSUPPORT):
                    continue
                return False
    return True


def choose_port(low, high, taken, rng=random):
    """A port of ``low``-``high`` not in ``taken`` that nothing listens on, or
    ``None``.  The search starts at a random port, so that engines (and other
    programs) choosing at the same time rarely pick the same one."""
    size = high - low + 1
    start = rng.randrange(size)
    for offset in range(size):
        port = low + (start + offset) % size
        if port not in taken and port_is_free(port):
            return port
    return None


# --- health ---------------------------------------------------------------------

# NOTE: no proxies: a health URL names the node's own host, and an http_proxy in
# the engine's environment must not turn it into a request to somewhere else.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def probe_url(url, timeout):
    """GET ``url``.

    :returns: ``(True, None)`` on a 2xx answer within ``timeout`` seconds, else
        ``(False, reason)``.
    """
    try:
        with _OPENER.open(url, timeout=timeout) as response:
            code = response.status
    except urllib.error.HTTPError as exc:
        code = exc.code
        exc.close()
    except (urllib.error.URLError, OSError, http.client.HTTPException,
            ValueError) as exc:
        reason = getattr(exc, 'reason', None) or exc
        return False, '%s did not answer: %s' % (url, reason)
    if 200 <= code < 300:
        return True, None
    return False, '%s answered HTTP %d' % (url, code)


# --- records --------------------------------------------------------------------

class RecordStore:
    """One JSON record, one log file and one default working directory per node,
    under ``root``::

        root/.lock                  serializes port reservations
        root/records/<node id>.json
        root/logs/<node id>.log
        root/work/<node id>/

    :param root: the state directory (created on first use, mode 0700).
    """

    def __init__(self, root):
        self.root = root
        self._ready = False

    def _ensure(self):
        if not self._ready:
            for sub in ('records', 'logs', 'work'):
                os.makedirs(os.path.join(self.root, sub), mode=0o700, exist_ok=True)
            self._ready = True

    def _path(self, kind, node_id, suffix=''):
        # Node ids are UUIDs; anything else must not walk out of the directory.
        if not _SAFE_NAME.match(node_id or ''):
            raise ProcessError("'%s' cannot name a node's files" % (node_id,))
        self._ensure()
        return os.path.join(self.root, kind, node_id + suffix)

    def log_file(self, node_id):
        return self._path('logs', node_id, '.log')

    def work_dir(self, node_id, create=False):
        path = self._path('work', node_id)
        if create:
            os.makedirs(path, mode=0o700, exist_ok=True)
        return path

    def load(self, node_id):
        """The record of ``node_id`` as a dict, or ``None``.

        :raises ProcessError: if it cannot be read.
        """
        path = self._path('records', node_id, '.json')
        try:
            with open(path) as source:
                return json.load(source)
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            raise ProcessError('cannot read the record %s: %s' % (path, exc)) from exc

    def save(self, record):
        """Write a record atomically (a reader sees the old or the new one)."""
        path = self._path('records', record['node_id'], '.json')
        temporary = '%s.%d.%d.tmp' % (path, os.getpid(), threading.get_ident())
        try:
            with open(temporary, 'w') as target:
                json.dump(record, target, indent=1, sort_keys=True)
            os.replace(temporary, path)
        except OSError as exc:
            raise ProcessError('cannot write the record %s: %s' % (path, exc)) from exc

    def remove(self, node_id):
        """Forget a node: its record, log and default working directory."""
        for path in (self._path('records', node_id, '.json'),
                     self.log_file(node_id)):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)
        shutil.rmtree(self.work_dir(node_id), ignore_errors=True)

    def all(self):
        """Every record of this directory."""
        self._ensure()
        records = []
        directory = os.path.join(self.root, 'records')
        for name in os.listdir(directory):
            if name.endswith('.json'):
                with contextlib.suppress(ProcessError):
                    record = self.load(name[:-len('.json')])
                    if record is not None:
                        records.append(record)
        return records

    @contextlib.contextmanager
    def locked(self):
        """Hold the directory's lock: one reservation at a time, across the
        threads and the processes of this host."""
        self._ensure()
        # NOTE: flock() locks belong to an open file description, so two threads
        # that each open the file exclude each other as two processes do.
        fd = os.open(os.path.join(self.root, '.lock'), os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)


def log_tail(path, lines=5, limit=2048):
    """The last lines of a log file (at most ``limit`` bytes), for error messages."""
    try:
        with open(path, 'rb') as source:
            source.seek(0, os.SEEK_END)
            source.seek(max(source.tell() - limit, 0))
            text = source.read().decode('utf-8', 'replace')
    except OSError:
        return ''
    return '\n'.join(text.strip().splitlines()[-lines:])


def utcnow():
    """The time now, UTC, as ISO 8601 text (for records and log headers)."""
    return datetime.datetime.now(datetime.timezone.utc).strftime(
        '%Y-%m-%dT%H:%M:%SZ')
