"""WSGI entry point for uWSGI, gunicorn or mod_wsgi: ``clusterd.api.wsgi:application``.

The configuration files are the usual ones (/etc/clusterd/clusterd.conf) or those in
``CLUSTERD_CONFIG_FILES`` (comma separated).
"""

import os
import threading

import oslo_messaging as messaging

from clusterd.api import deploy
from clusterd import conf as clusterd_conf
from clusterd.db import api as db_api
from clusterd.engine import rpcapi

_lock = threading.Lock()
_app = None


def init_application():
    files = os.environ.get('CLUSTERD_CONFIG_FILES')
    conf = clusterd_conf.load(
        [], default_config_files=files.split(',') if files else None)
    client = rpcapi.EngineClient(messaging.get_rpc_transport(conf),
                                 conf.engine.topic)
    return deploy.make_app(conf, db_api.open_database(conf), client)


def application(environ, start_response):
    global _app
    if _app is None:
        with _lock:
            if _app is None:
                _app = init_application()
    return _app(environ, start_response)
