"""Nodes name the action that moved them to DELETING, so that this action (taken
over after its engine died) may finish the deletion while no other may.

Revision ID: 0006
Revises: 0005
"""

from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('node', schema=None) as batch_op:
        batch_op.add_column(sa.Column('claimed_by', sa.String(length=36),
                                      nullable=True))


def downgrade():
    with op.batch_alter_table('node', schema=None) as batch_op:
        batch_op.drop_column('claimed_by')
