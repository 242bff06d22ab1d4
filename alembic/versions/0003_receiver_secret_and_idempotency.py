"""Webhook receivers carry a random secret and their trigger state (rate-limit
bucket, coalesced alarms); mutating requests can be replayed safely.

Revision ID: 0003
Revises: 0002
"""

from alembic import op
import sqlalchemy as sa

from clusterd.db import types


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('receiver', schema=None) as batch_op:
        batch_op.add_column(sa.Column('secret', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('trigger_state', types.Json(), nullable=True))
        batch_op.add_column(sa.Column('trigger_serial', sa.Integer(), nullable=False,
                                      server_default='0'))

    op.create_table('idempotency_key',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('project', sa.String(length=64), nullable=False),
    sa.Column('key', sa.String(length=255), nullable=False),
    sa.Column('fingerprint', sa.String(length=64), nullable=False),
    sa.Column('status_code', sa.Integer(), nullable=True),
    sa.Column('response', types.Json(), nullable=True),
    sa.Column('created_at', types.Timestamp(), nullable=True),
    sa.Column('updated_at', types.Timestamp(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_idempotency_key')),
    sa.UniqueConstraint('project', 'key', name=op.f('uq_idempotency_key_project_key'))
    )
    with op.batch_alter_table('idempotency_key', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_idempotency_key_created_at'), ['created_at'])
