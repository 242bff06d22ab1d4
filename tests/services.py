"""Helpers for tests that run clusterd's own commands and need RabbitMQ."""

import os
import socket
import subprocess
import sys
import time

from tests import databases

RABBIT_URL = os.environ.get('CLUSTERD_TEST_RABBIT_URL',
                            'rabbit://guest:guest@127.0.0.1:5672/')


ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def anchor_dir(name):
    """The directory of the anchor ``name`` (``shared/anchors/<name>``): from
    CLUSTERD_<NAME>_ANCHOR, else beside the repository, else under /work; None
    when there is none."""
    configured = os.environ.get('CLUSTERD_%s_ANCHOR' % name.upper())
    if configured:
        return configured
    for candidate in (os.path.join(ROOT, '..', 'shared', 'anchors', name),
                      os.path.join('/work/shared/anchors', name)):
        if os.path.exists(os.path.join(candidate, 'setup.sh')):
            return os.path.abspath(candidate)
    return None


def require_rabbit():
    try:
        socket.create_connection(('127.0.0.1', 5672), timeout=3).close()
    except OSError as exc:
        databases.unavailable('RabbitMQ is not reachable at 127.0.0.1:5672: %s' % exc)
    return RABBIT_URL


def command(name):
    """Path of one of clusterd's console scripts in this environment."""
    return os.path.join(os.path.dirname(sys.executable), name)


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def write_conf(path, **groups):
    lines = []
    for group, values in groups.items():
        lines.append('[%s]' % group)
        lines.extend('%s = %s' % item for item in values.items())
    path.write_text('\n'.join(lines) + '\n')
    return str(path)


def wait_for(predicate, timeout=30.0, interval=0.1, what='condition'):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError('timed out after %.0f s waiting for %s' % (timeout, what))


def run(args, **kwargs):
    kwargs.setdefault('timeout', 120)
    return subprocess.run(args, capture_output=True, text=True, **kwargs)


class TcpProxy:
    """A TCP forwarder on 127.0.0.1 that a test can cut and restore.

    Processes pointed at it see their peer (e.g. RabbitMQ) vanish when it is cut:
    the listener closes and every open connection is reset.
    """

    def __init__(self, target_port, port=None):
        import threading
        self.target_port = target_port
        self.port = port or free_port()
        self._threading = threading
        self._sockets = set()
        self._lock = threading.Lock()
        self._listener = None
        self.up = False

    def start(self):
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(('127.0.0.1', self.port))
        listener.listen(64)
        self._listener = listener
        self.up = True
        self._threading.Thread(target=self._accept, args=(listener,),
                               daemon=True).start()
        return self

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(('127.0.0.1', self.target_port),
                                                    timeout=5)
                upstream.settimeout(None)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._sockets.update((client, upstream))
            for a, b in ((client, upstream), (upstream, client)):
                self._threading.Thread(target=self._pipe, args=(a, b),
                                       daemon=True).start()

    def _pipe(self, source, sink):
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, sink):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def cut(self):
        self.up = False
        self._listener.close()
        with self._lock:
            sockets, self._sockets = self._sockets, set()
        for s in sockets:
            try:
                s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                             b'\x01\x00\x00\x00\x00\x00\x00\x00')
                s.close()
            except OSError:
                pass

    def restore(self):
        self.start()
