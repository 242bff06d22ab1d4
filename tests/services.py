"""Helpers for tests that run clusterd's own commands and need RabbitMQ."""

import os
import socket
import subprocess
import sys
import time

from tests import databases

RABBIT_URL = os.environ.get('CLUSTERD_TEST_RABBIT_URL',
                            'rabbit://guest:guest@127.0.0.1:5672/')


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
