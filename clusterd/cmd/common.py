"""What every console script does first: configuration, logging, one-line failures."""

import os
import sys

from oslo_db import exception as db_exc
from oslo_log import log as logging
import sqlalchemy as sa

from clusterd import conf as clusterd_conf
from clusterd.db import api as db_api
from clusterd import version

LOG = logging.getLogger(__name__)


class Fatal(Exception):
    """A problem the operator must fix; shown as one line, without a traceback."""


def fail(message, code=2):
    prog = os.path.basename(sys.argv[0]) or 'clusterd'
    sys.stderr.write('%s: error: %s\n' % (prog, message))
    sys.exit(code)


def setup(argv, cli_opts=(), default_config_files=None, log=True, stderr=False):
    """Parse ``argv`` into a fresh ConfigOpts and set up logging.

    ``stderr`` sends log lines to stderr, for commands whose stdout is their answer.
    """
    conf = clusterd_conf.make_conf()
    logging.set_defaults(default_log_levels=logging.get_default_log_levels() + [
        'alembic=WARN'])
    for opt in cli_opts:
        conf.register_cli_opt(opt)
    conf(argv, project='clusterd', version=version.__version__,
         default_config_files=default_config_files)
    if stderr:
        conf.set_default('use_stderr', True)
    if log:
        logging.setup(conf, 'clusterd')
    return conf


def is_database_error(exc):
    return isinstance(exc, (db_exc.DBError, sa.exc.DBAPIError))


def describe_database_error(conf, exc):
    url = conf.database.connection
    try:
        url = sa.engine.make_url(url).render_as_string(hide_password=True)
    except sa.exc.ArgumentError:
        pass
    inner = getattr(exc, 'inner_exception', None) or exc
    detail = str(getattr(inner, 'orig', None) or inner).strip().splitlines()
    return 'cannot use the database %s: %s' % (url, detail[0] if detail else
                                               type(inner).__name__)


def open_database(conf):
    """The configured :class:`~clusterd.db.api.Database`, or a Fatal error."""
    try:
        return db_api.Database.from_conf(conf)
    except db_api.UnsupportedDatabase as exc:
        raise Fatal(str(exc))
    except Exception as exc:
        if is_database_error(exc):
            raise Fatal(describe_database_error(conf, exc))
        raise


def run(main_function):
    """Run ``main_function``, turning Fatal and Ctrl-C into a clean exit."""
    try:
        return main_function()
    except Fatal as exc:
        fail(str(exc))
    except KeyboardInterrupt:
        return 130
