"""Schema migrations: ``clusterd-manage db upgrade`` and ``db version``."""

import os

from alembic import command
from alembic import config as alembic_config
from alembic import migration as alembic_migration
from alembic import script as alembic_script


def script_location():
    """Where the migrations are: the source tree's alembic/, else the installed copy."""
    source = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(
        os.path.abspath(__file__)))), 'alembic')
    if os.path.isfile(os.path.join(source, 'env.py')):
        return source
    return os.path.join(os.path.dirname(os.path.abspath(__file__)), 'alembic')


def _config(connection=None):
    cfg = alembic_config.Config()
    cfg.set_main_option('script_location', script_location())
    if connection is not None:
        cfg.attributes['connection'] = connection
    return cfg


def upgrade(db, revision='head'):
    """Bring the schema of ``db`` (a :class:`clusterd.db.api.Database`) to ``revision``."""
    with db.engine.begin() as connection:
        command.upgrade(_config(connection), revision)


def version(db):
    """The revision the schema of ``db`` is at, or None for an empty database."""
    with db.engine.connect() as connection:
        return alembic_migration.MigrationContext.configure(
            connection).get_current_revision()


def head():
    """The newest revision this clusterd knows."""
    return alembic_script.ScriptDirectory.from_config(_config()).get_current_head()
