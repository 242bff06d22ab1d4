"""Serving the WSGI application with cheroot, a production-grade threaded server.

cheroot (the server of CherryPy) is pure Python, runs on native threads, handles
keep-alive and large request queues, and needs no eventlet; that is why clusterd-api
and clusterd-standalone use it rather than a hand-written server.
"""

import errno

from cheroot import wsgi

from clusterd.cmd import common


# The listen backlog (cheroot's request_queue_size, 5 by default): twenty clients
# connecting at once overflowed 5, the kernel answered with SYN cookies and some
# of them were reset ("Connection reset by peer" on a POST).  The kernel caps it
# at net.core.somaxconn.
LISTEN_BACKLOG = 128


def make_server(app, host, port, threads):
    """A bound (listening) cheroot server, or a Fatal error naming the address."""
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
