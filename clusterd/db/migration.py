"""Schema migrations: ``clusterd-manage db upgrade`` and ``db version``."""

import os

from alembic import command
from alembic import config as alembic_config
from alembic import migration as alembic_migration
from alembic import script as alembic_script
from alembic import util as alembic_util


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


class MigrationError(Exception):
    """The schema cannot be brought to the revision asked for; the message is
    one line for the operator."""


def upgrade(db, revision='head'):
    """Bring the schema of ``db`` (a :class:`clusterd.db.api.Database`) to ``revision``.

    :raises MigrationError: the database is at a revision this clusterd does
        not know (a newer clusterd migrated it), or ``revision`` is unknown
    """
    try:
        with db.engine.begin() as connection:
            command.upgrade(_config(connection), revision)
    except alembic_util.CommandError as exc:
        current = version(db)
        if current is not None and not _known(current):
            raise MigrationError(
                'the database is at schema revision %s, which this clusterd '
                '(newest revision %s) does not know: a newer clusterd migrated '
                'it; run that version, or restore a backup' % (current, head()))
        raise MigrationError('cannot migrate the database to %s: %s'
                             % (revision, exc))


def _known(revision):
    try:
        return alembic_script.ScriptDirectory.from_config(
            _config()).get_revision(revision) is not None
    except alembic_util.CommandError:
        return False


def version(db):
    """The revision the schema of ``db`` is at, or None for an empty database."""
    with db.engine.connect() as connection:
        return alembic_migration.MigrationContext.configure(
            connection).get_current_revision()


def head():
    """The newest revision this clusterd knows."""
    return alembic_script.ScriptDirectory.from_config(_config()).get_current_head()
