"""Serving the WSGI application with cheroot, a production-grade threaded server.

cheroot (the server of CherryPy) is pure Python, runs on native threads, handles
keep-alive and large request queues, and needs no eventlet; that is why clusterd-api
and clusterd-standalone use it rather than a hand-written server.
"""

import ctypes
import ctypes.util
import errno
import sys
import threading

from cheroot import wsgi

from clusterd.cmd import common


# The listen backlog (cheroot's request_queue_size, 5 by default): twenty clients
# connecting at once overflowed 5, the kernel answered with SYN cookies and some
# of them were reset ("Connection reset by peer" on a POST).  The kernel caps it
# at net.core.somaxconn.
LISTEN_BACKLOG = 128


# The name the threads serving requests carry in the kernel (top -H, ps -L,
# /proc/<pid>/task/<tid>/comm): clusterd-standalone runs the engine in the same
# process, and an operator (or the benchmark, benchmarks/clusters.py
# --api-threads) tells the API's CPU from the engine's by it.
API_THREAD_NAME = 'api-worker'
_PR_SET_NAME = 15


def _set_native_thread_name(name):
    """Name the calling thread for the kernel (Linux; elsewhere, nothing)."""
    if not sys.platform.startswith('linux'):
        return
    try:
        libc = ctypes.CDLL(ctypes.util.find_library('c'), use_errno=True)
        libc.prctl(_PR_SET_NAME, name.encode()[:15], 0, 0, 0)
    except (OSError, AttributeError):
        pass


def _named_threads(app, name):
    """``app``, naming each thread that serves a request ``name`` once."""
    local = threading.local()

    def serve(environ, start_response):
        if not getattr(local, 'named', False):
            _set_native_thread_name(name)
            local.named = True
        return app(environ, start_response)
    return serve


def make_server(app, host, port, threads):
    """A bound (listening) cheroot server, or a Fatal error naming the address."""
    app = _named_threads(app, API_THREAD_NAME)
    server = wsgi.Server((host, port), app, numthreads=threads,
                         server_name='clusterd',
                         request_queue_size=LISTEN_BACKLOG)
    try:
        server.prepare()
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE or 'in use' in str(exc).lower():
            raise common.Fatal('port %d on %s is already in use; stop what is '
                               'listening there or choose another port' %
                               (port, host))
        raise common.Fatal('cannot listen on %s:%d: %s' % (host, port, exc))
    return server


def bound_port(server):
    return server.bind_addr[1]
