"""What every console script does first: configuration, logging, one-line failures."""

import os
import sys

from oslo_log import log as logging

from clusterd import conf as clusterd_conf
from clusterd.db import api as db_api

LOG = logging.getLogger(__name__)


class Fatal(Exception):
    """A problem the operator must fix; shown as one line, without a traceback,
    and exit status 1."""


def fail(message, code=1):
    prog = os.path.basename(sys.argv[0]) or 'clusterd'
    sys.stderr.write('%s: error: %s\n' % (prog, message))
    sys.exit(code)


def setup(argv, cli_opts=(), default_config_files=None, log=True, stderr=False):
    """Parse ``argv`` into a fresh ConfigOpts and set up logging
    (:func:`clusterd.conf.load`)."""
    return clusterd_conf.load(argv, cli_opts, default_config_files, log_setup=log,
                              stderr=stderr)


def open_database(conf):
    """The configured :class:`~clusterd.db.api.Database`, or a Fatal error."""
    try:
        return db_api.open_database(conf)
    except db_api.DatabaseUnusable as exc:
        raise Fatal(str(exc))


def run(main_function):
    """Run ``main_function``, turning Fatal and Ctrl-C into a clean exit."""
    try:
        return main_function()
    except Fatal as exc:
        fail(str(exc))
    except KeyboardInterrupt:
        return 130
