"""Health state: per node (last check, result per detector, recovery attempts,
attention) and per cluster (healthy count, circuit breaker).

Revision ID: 0004
Revises: 0003
"""

from alembic import op
import sqlalchemy as sa

from clusterd.db import types


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('node_health',
    sa.Column('node_id', sa.String(length=36), nullable=False),
    sa.Column('cluster_id', sa.String(length=36), nullable=False),
    sa.Column('checked_at', types.Timestamp(), nullable=True),
    sa.Column('healthy', sa.Boolean(), nullable=True),
    sa.Column('results', types.Json(), nullable=True),
    sa.Column('unhealthy_since', types.Timestamp(), nullable=True),
    sa.Column('recoveries', types.Json(), nullable=True),
    sa.Column('attention', sa.Boolean(), nullable=False),
    sa.Column('last_action_id', sa.String(length=36), nullable=True),
    sa.PrimaryKeyConstraint('node_id', name=op.f('pk_node_health'))
    )
    with op.batch_alter_table('node_health', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_node_health_cluster_id'), ['cluster_id'])

    op.create_table('cluster_health',
    sa.Column('cluster_id', sa.String(length=36), nullable=False),
    sa.Column('checked_at', types.Timestamp(), nullable=True),
    sa.Column('healthy_nodes', sa.Integer(), nullable=True),
    sa.Column('total_nodes', sa.Integer(), nullable=True),
    sa.Column('breaker_open', sa.Boolean(), nullable=False),
    sa.Column('breaker_reason', sa.Text(), nullable=True),
    sa.Column('breaker_changed_at', types.Timestamp(), nullable=True),
    sa.PrimaryKeyConstraint('cluster_id', name=op.f('pk_cluster_health'))
    )
