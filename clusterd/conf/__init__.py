"""Configuration: one module per option group, registered explicitly.

Nothing in clusterd reads a global ``CONF`` at import time.  A process builds one
``cfg.ConfigOpts`` with :func:`make_conf`, parses its command line into it and
passes it down to whatever needs it.
"""

from oslo_config import cfg
from oslo_db import options as db_options
from oslo_log import log

from clusterd.conf import api
from clusterd.conf import default
from clusterd.conf import engine
from clusterd.conf import health
from clusterd.conf import openstack
from clusterd.conf import process
from clusterd.conf import simulated
from clusterd.conf import standalone
from clusterd import version

_MODULES = (default, api, engine, standalone, openstack, process, health,
            simulated)


def register_opts(conf):
    """Register every clusterd option group on ``conf``."""
    for module in _MODULES:
        module.register_opts(conf)
    db_options.set_defaults(conf)
    log.register_options(conf)
    _register_messaging_client_opts(conf)


def _register_messaging_client_opts(conf):
    # NOTE: oslo.messaging reads [oslo_messaging_tracing] and
    # [oslo_messaging_metrics] from the ConfigOpts it is given on every cast, but
    # registers those options on the global cfg.CONF only; with our own ConfigOpts
    # every cast failed with NoSuchOptError.
    try:
        from oslo_messaging._metrics import client as metrics
        from oslo_messaging._tracing import client as tracing
    except ImportError:  # an oslo.messaging without them reads neither
        return
    conf.register_opts(tracing.oslo_messaging_tracing,
                       group='oslo_messaging_tracing')
    conf.register_opts(metrics.oslo_messaging_metrics,
                       group='oslo_messaging_metrics')


def make_conf():
    """Return a fresh ``ConfigOpts`` with every clusterd option registered."""
    conf = cfg.ConfigOpts()
    register_opts(conf)
    return conf


def load(argv, cli_opts=(), default_config_files=None, log_setup=True,
         stderr=False):
    """Parse ``argv`` into a fresh ``ConfigOpts`` and set up logging: what every
    process (console script or WSGI application) does first.

    ``stderr`` sends log lines to stderr, for commands whose stdout is their answer.
    """
    conf = make_conf()
    log.set_defaults(default_log_levels=log.get_default_log_levels() + [
        'alembic=WARN'])
    for opt in cli_opts:
        conf.register_cli_opt(opt)
    conf(argv, project='clusterd', version=version.__version__,
         default_config_files=default_config_files)
    if stderr:
        conf.set_default('use_stderr', True)
    if log_setup:
        log.setup(conf, 'clusterd')
    return conf
