"""The migrations build exactly the schema the models describe, on every backend."""

from alembic import autogenerate
from alembic import migration as alembic_migration
import pytest
import sqlalchemy as sa

from clusterd.db import api as db_api
from clusterd.db import migration
from clusterd.db import models
from tests import databases


def test_upgrade_then_models_match_migrations(backend, tmp_path):
    with databases.throwaway_url(backend, tmp_path) as url:
        db = db_api.Database(url, max_retries=0)
        try:
            assert migration.version(db) is None
            migration.upgrade(db)
            assert migration.version(db) == migration.head()
            # A second upgrade is a no-op, as clusterd-standalone does it at every start.
            migration.upgrade(db)
            with db.engine.connect() as conn:
                ctx = alembic_migration.MigrationContext.configure(
                    conn, opts={'compare_type': True})
                diff = autogenerate.compare_metadata(ctx, models.Base.metadata)
            assert diff == []
        finally:
            db.dispose()


def test_every_table_is_created(database):
    tables = set(sa.inspect(database.engine).get_table_names())
    assert set(models.Base.metadata.tables) <= tables


@pytest.mark.parametrize('table', ['action', 'event', 'node', 'cluster', 'profile',
                                   'policy', 'receiver'])
def test_project_queries_are_indexed(database, table):
    indexes = sa.inspect(database.engine).get_indexes(table)
    leading = {ix['column_names'][0] for ix in indexes}
    assert 'project' in leading
