"""WSGI entry point for uWSGI, gunicorn or mod_wsgi: ``clusterd.api.wsgi:application``.

The configuration files are the usual ones (/etc/clusterd/clusterd.conf) or those in
``CLUSTERD_CONFIG_FILES`` (comma separated).

The configuration is read, and the database opened, when the server loads this
module: a database URL clusterd cannot use, or a database it cannot reach, stops
the load with one line on standard error and exit status 1, as the console
scripts do.  The application itself (and its connection to the message bus) is
built on the first request, in the process that serves it.
"""

import os
import sys
import threading

import oslo_messaging as messaging

from clusterd.api import deploy
from clusterd import conf as clusterd_conf
from clusterd.db import api as db_api
from clusterd.engine import rpcapi

_lock = threading.Lock()
_app = None


def load():
    """The configuration and the opened database.

    :raises clusterd.db.api.DatabaseUnusable: as :func:`db_api.open_database`
    """
    files = os.environ.get('CLUSTERD_CONFIG_FILES')
    conf = clusterd_conf.load(
        [], default_config_files=files.split(',') if files else None)
    db = db_api.open_database(conf)
    # A server that forks its workers after loading this module must not share
    # the connection opened to check the database: the pool opens new ones.
    db.dispose()
    return conf, db


def _load_or_exit():
    try:
        return load()
    except db_api.DatabaseUnusable as exc:
        sys.stderr.write('clusterd.api.wsgi: error: %s\n' % exc)
        raise SystemExit(1)


_conf, _db = _load_or_exit()


def init_application():
    client = rpcapi.NudgeSender(rpcapi.EngineClient(
        messaging.get_rpc_transport(_conf), _conf.engine.topic))
    return deploy.make_app(_conf, _db, client)


def application(environ, start_response):
    global _app
    if _app is None:
        with _lock:
            if _app is None:
                _app = init_application()
    return _app(environ, start_response)
