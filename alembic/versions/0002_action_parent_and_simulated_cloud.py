"""Actions know their parent; the simulated cloud keeps its resources in the database.

Revision ID: 0002
Revises: 0001
"""

from alembic import op
import sqlalchemy as sa

from clusterd.db import types


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('simulated_resource',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('node_id', sa.String(length=36), nullable=True),
    sa.Column('name', sa.String(length=255), nullable=True),
    sa.Column('project', sa.String(length=64), nullable=True),
    sa.Column('status', sa.String(length=32), nullable=False),
    sa.Column('status_reason', sa.Text(), nullable=True),
    sa.Column('properties', types.Json(), nullable=True),
    sa.Column('created_at', types.Timestamp(), nullable=True),
    sa.Column('updated_at', types.Timestamp(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_simulated_resource')),
    sa.UniqueConstraint('node_id', name=op.f('uq_simulated_resource_node_id'))
    )
    with op.batch_alter_table('simulated_resource', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_simulated_resource_project_status'), ['project', 'status'])

    with op.batch_alter_table('action', schema=None) as batch_op:
        batch_op.add_column(sa.Column('parent_id', sa.String(length=36), nullable=True))
        batch_op.create_index(batch_op.f('ix_action_parent_id_status'), ['parent_id', 'status'])
