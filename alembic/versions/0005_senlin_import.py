"""What ``clusterd-manage import-senlin`` imported, so that a second import skips
or updates rows instead of duplicating them.

Revision ID: 0005
Revises: 0004
"""

from alembic import op
import sqlalchemy as sa

from clusterd.db import types


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('senlin_import',
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('object_id', sa.String(length=255), nullable=False),
    sa.Column('project', sa.String(length=64), nullable=False),
    sa.Column('source_digest', sa.String(length=64), nullable=False),
    sa.Column('target_digest', sa.String(length=64), nullable=False),
    sa.Column('imported_at', types.Timestamp(), nullable=False),
    sa.PrimaryKeyConstraint('kind', 'object_id', name=op.f('pk_senlin_import'))
    )
    with op.batch_alter_table('senlin_import', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_senlin_import_project_kind'),
                              ['project', 'kind'])
