"""Alembic environment of clusterd.

``clusterd-manage db upgrade`` (``clusterd.db.migration``) hands an open connection
in ``config.attributes['connection']``.  A developer writing a migration runs plain
alembic from the source tree instead:
``alembic -x url=sqlite:////tmp/c.db revision --autogenerate -m "..."``.
"""

from alembic import context
import sqlalchemy as sa

from clusterd.db import models

config = context.config
target_metadata = models.Base.metadata


def _run(connection):
    context.configure(connection=connection, target_metadata=target_metadata,
                      compare_type=True, render_as_batch=True,
                      user_module_prefix='types.')
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online():
    connection = config.attributes.get('connection')
    if connection is not None:
        _run(connection)
        return
    url = context.get_x_argument(as_dictionary=True).get('url')
    engine = sa.create_engine(url)
    with engine.connect() as connection:
        _run(connection)


if context.is_offline_mode():
    raise SystemExit('clusterd migrations run online only')
run_migrations_online()
