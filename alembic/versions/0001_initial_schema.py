"""Initial schema: every table, with an index for each hot query.

Revision ID: 0001
Revises:
"""

from alembic import op
import sqlalchemy as sa

from clusterd.db import types


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('action',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=True),
    sa.Column('cluster_id', sa.String(length=36), nullable=True),
    sa.Column('context', types.Json(), nullable=True),
    sa.Column('target', sa.String(length=36), nullable=True),
    sa.Column('action', sa.String(length=255), nullable=True),
    sa.Column('cause', sa.String(length=255), nullable=True),
    sa.Column('owner', sa.String(length=36), nullable=True),
    sa.Column('interval', sa.Integer(), nullable=True),
    sa.Column('start_time', sa.Numeric(precision=18, scale=6), nullable=True),
    sa.Column('end_time', sa.Numeric(precision=18, scale=6), nullable=True),
    sa.Column('timeout', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=32), nullable=False),
    sa.Column('status_reason', sa.Text(), nullable=True),
    sa.Column('control', sa.String(length=32), nullable=True),
    sa.Column('inputs', types.Json(), nullable=True),
    sa.Column('outputs', types.Json(), nullable=True),
    sa.Column('data', types.Json(), nullable=True),
    sa.Column('user', sa.String(length=64), nullable=True),
    sa.Column('project', sa.String(length=64), nullable=False),
    sa.Column('domain', sa.String(length=64), nullable=True),
    sa.Column('created_at', types.Timestamp(), nullable=True),
    sa.Column('updated_at', types.Timestamp(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_action'))
    )
    op.create_index(op.f('ix_action_cluster_id_created_at'), 'action', ['cluster_id', 'created_at'])
    op.create_index(op.f('ix_action_created_at_id'), 'action', ['created_at', 'id'])
    op.create_index(op.f('ix_action_owner_status'), 'action', ['owner', 'status'])
    op.create_index(op.f('ix_action_project_created_at'), 'action', ['project', 'created_at'])
    op.create_index(op.f('ix_action_status_created_at'), 'action', ['status', 'created_at'])
    op.create_index(op.f('ix_action_target_status'), 'action', ['target', 'status'])

    op.create_table('cluster_lock',
    sa.Column('cluster_id', sa.String(length=36), nullable=False),
    sa.Column('action_ids', types.Json(), nullable=False),
    sa.Column('semaphore', sa.Integer(), nullable=False),
    sa.Column('engine_id', sa.String(length=36), nullable=True),
    sa.Column('updated_at', types.Timestamp(), nullable=True),
    sa.PrimaryKeyConstraint('cluster_id', name=op.f('pk_cluster_lock'))
    )
    op.create_index(op.f('ix_cluster_lock_engine_id'), 'cluster_lock', ['engine_id'])

    op.create_table('credential',
    sa.Column('user', sa.String(length=64), nullable=False),
    sa.Column('project', sa.String(length=64), nullable=False),
    sa.Column('cred', types.Json(), nullable=False),
    sa.Column('data', types.Json(), nullable=True),
    sa.PrimaryKeyConstraint('user', 'project', name=op.f('pk_credential'))
    )
    op.create_table('event',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('timestamp', types.Timestamp(), nullable=False),
    sa.Column('oid', sa.String(length=36), nullable=True),
    sa.Column('oname', sa.String(length=255), nullable=True),
    sa.Column('otype', sa.String(length=36), nullable=True),
    sa.Column('cluster_id', sa.String(length=36), nullable=True),
    sa.Column('level', sa.String(length=32), nullable=True),
    sa.Column('user', sa.String(length=64), nullable=True),
    sa.Column('project', sa.String(length=64), nullable=False),
    sa.Column('domain', sa.String(length=64), nullable=True),
    sa.Column('action', sa.String(length=255), nullable=True),
    sa.Column('status', sa.String(length=32), nullable=True),
    sa.Column('status_reason', sa.Text(), nullable=True),
    sa.Column('meta_data', types.Json(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event'))
    )
    op.create_index(op.f('ix_event_cluster_id_timestamp'), 'event', ['cluster_id', 'timestamp'])
    op.create_index(op.f('ix_event_oid_timestamp'), 'event', ['oid', 'timestamp'])
    op.create_index(op.f('ix_event_project_timestamp'), 'event', ['project', 'timestamp'])
    op.create_index(op.f('ix_event_timestamp_id'), 'event', ['timestamp', 'id'])

    op.create_table('node_lock',
    sa.Column('node_id', sa.String(length=36), nullable=False),
    sa.Column('action_id', sa.String(length=36), nullable=False),
    sa.Column('engine_id', sa.String(length=36), nullable=True),
    sa.Column('updated_at', types.Timestamp(), nullable=True),
    sa.PrimaryKeyConstraint('node_id', name=op.f('pk_node_lock'))
    )
    op.create_index(op.f('ix_node_lock_action_id'), 'node_lock', ['action_id'])
    op.create_index(op.f('ix_node_lock_engine_id'), 'node_lock', ['engine_id'])

    op.create_table('policy',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=True),
    sa.Column('type', sa.String(length=255), nullable=False),
    sa.Column('user', sa.String(length=64), nullable=True),
    sa.Column('project', sa.String(length=64), nullable=False),
    sa.Column('domain', sa.String(length=64), nullable=True),
    sa.Column('cooldown', sa.Integer(), nullable=True),
    sa.Column('level', sa.Integer(), nullable=True),
    sa.Column('spec', types.Json(), nullable=True),
    sa.Column('data', types.Json(), nullable=True),
    sa.Column('created_at', types.Timestamp(), nullable=True),
    sa.Column('updated_at', types.Timestamp(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_policy'))
    )
    op.create_index(op.f('ix_policy_name'), 'policy', ['name'])
    op.create_index(op.f('ix_policy_project_created_at'), 'policy', ['project', 'created_at'])

    op.create_table('profile',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=True),
    sa.Column('type', sa.String(length=255), nullable=False),
    sa.Column('context', types.Json(), nullable=True),
    sa.Column('spec', types.Json(), nullable=True),
    sa.Column('user', sa.String(length=64), nullable=True),
    sa.Column('project', sa.String(length=64), nullable=False),
    sa.Column('domain', sa.String(length=64), nullable=True),
    sa.Column('permission', sa.String(length=32), nullable=True),
    sa.Column('meta_data', types.Json(), nullable=True),
    sa.Column('created_at', types.Timestamp(), nullable=True),
    sa.Column('updated_at', types.Timestamp(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_profile'))
    )
    op.create_index(op.f('ix_profile_name'), 'profile', ['name'])
    op.create_index(op.f('ix_profile_project_created_at'), 'profile', ['project', 'created_at'])

    op.create_table('service',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('host', sa.String(length=255), nullable=False),
    sa.Column('binary', sa.String(length=255), nullable=False),
    sa.Column('topic', sa.String(length=255), nullable=False),
    sa.Column('disabled', sa.Boolean(), nullable=False),
    sa.Column('disabled_reason', sa.String(length=255), nullable=True),
    sa.Column('created_at', types.Timestamp(), nullable=True),
    sa.Column('updated_at', types.Timestamp(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_service'))
    )
    op.create_index(op.f('ix_service_binary_updated_at'), 'service', ['binary', 'updated_at'])

    op.create_table('cluster',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('profile_id', sa.String(length=36), nullable=False),
    sa.Column('user', sa.String(length=64), nullable=True),
    sa.Column('project', sa.String(length=64), nullable=False),
    sa.Column('domain', sa.String(length=64), nullable=True),
    sa.Column('parent', sa.String(length=36), nullable=True),
    sa.Column('init_at', types.Timestamp(), nullable=True),
    sa.Column('min_size', sa.Integer(), nullable=False),
    sa.Column('max_size', sa.Integer(), nullable=False),
    sa.Column('desired_capacity', sa.Integer(), nullable=False),
    sa.Column('next_index', sa.Integer(), nullable=False),
    sa.Column('timeout', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=32), nullable=False),
    sa.Column('status_reason', sa.Text(), nullable=True),
    sa.Column('meta_data', types.Json(), nullable=True),
    sa.Column('data', types.Json(), nullable=True),
    sa.Column('dependents', types.Json(), nullable=True),
    sa.Column('config', types.Json(), nullable=True),
    sa.Column('created_at', types.Timestamp(), nullable=True),
    sa.Column('updated_at', types.Timestamp(), nullable=True),
    sa.ForeignKeyConstraint(['profile_id'], ['profile.id'], name=op.f('fk_cluster_profile_id_profile')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cluster'))
    )
    op.create_index(op.f('ix_cluster_name'), 'cluster', ['name'])
    op.create_index(op.f('ix_cluster_profile_id'), 'cluster', ['profile_id'])
    op.create_index(op.f('ix_cluster_project_created_at'), 'cluster', ['project', 'created_at'])

    op.create_table('dependency',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('depended', sa.String(length=36), nullable=False),
    sa.Column('dependent', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['depended'], ['action.id'], name=op.f('fk_dependency_depended_action')),
    sa.ForeignKeyConstraint(['dependent'], ['action.id'], name=op.f('fk_dependency_dependent_action')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dependency'))
    )
    op.create_index(op.f('ix_dependency_depended'), 'dependency', ['depended'])
    op.create_index(op.f('ix_dependency_dependent'), 'dependency', ['dependent'])

    op.create_table('node',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('physical_id', sa.String(length=255), nullable=True),
    sa.Column('cluster_id', sa.String(length=36), nullable=False),
    sa.Column('profile_id', sa.String(length=36), nullable=False),
    sa.Column('user', sa.String(length=64), nullable=True),
    sa.Column('project', sa.String(length=64), nullable=False),
    sa.Column('domain', sa.String(length=64), nullable=True),
    sa.Column('index', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=64), nullable=True),
    sa.Column('init_at', types.Timestamp(), nullable=True),
    sa.Column('tainted', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=32), nullable=False),
    sa.Column('status_reason', sa.Text(), nullable=True),
    sa.Column('meta_data', types.Json(), nullable=True),
    sa.Column('data', types.Json(), nullable=True),
    sa.Column('dependents', types.Json(), nullable=True),
    sa.Column('created_at', types.Timestamp(), nullable=True),
    sa.Column('updated_at', types.Timestamp(), nullable=True),
    sa.ForeignKeyConstraint(['profile_id'], ['profile.id'], name=op.f('fk_node_profile_id_profile')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_node'))
    )
    op.create_index(op.f('ix_node_cluster_id_index'), 'node', ['cluster_id', 'index'])
    op.create_index(op.f('ix_node_name'), 'node', ['name'])
    op.create_index(op.f('ix_node_physical_id'), 'node', ['physical_id'])
    op.create_index(op.f('ix_node_profile_id'), 'node', ['profile_id'])
    op.create_index(op.f('ix_node_project_created_at'), 'node', ['project', 'created_at'])

    op.create_table('cluster_policy',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('cluster_id', sa.String(length=36), nullable=False),
    sa.Column('policy_id', sa.String(length=36), nullable=False),
    sa.Column('enabled', sa.Boolean(), nullable=False),
    sa.Column('priority', sa.Integer(), nullable=False),
    sa.Column('data', types.Json(), nullable=True),
    sa.Column('last_op', types.Timestamp(), nullable=True),
    sa.ForeignKeyConstraint(['cluster_id'], ['cluster.id'], name=op.f('fk_cluster_policy_cluster_id_cluster')),
    sa.ForeignKeyConstraint(['policy_id'], ['policy.id'], name=op.f('fk_cluster_policy_policy_id_policy')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cluster_policy')),
    sa.UniqueConstraint('cluster_id', 'policy_id', name=op.f('uq_cluster_policy_cluster_id_policy_id'))
    )
    op.create_index(op.f('ix_cluster_policy_policy_id'), 'cluster_policy', ['policy_id'])

    op.create_table('health_registry',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('cluster_id', sa.String(length=36), nullable=False),
    sa.Column('check_type', sa.String(length=255), nullable=True),
    sa.Column('interval', sa.Integer(), nullable=True),
    sa.Column('params', types.Json(), nullable=True),
    sa.Column('enabled', sa.Boolean(), nullable=False),
    sa.Column('engine_id', sa.String(length=36), nullable=True),
    sa.ForeignKeyConstraint(['cluster_id'], ['cluster.id'], name=op.f('fk_health_registry_cluster_id_cluster')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_health_registry')),
    sa.UniqueConstraint('cluster_id', name=op.f('uq_health_registry_cluster_id'))
    )
    op.create_table('receiver',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=True),
    sa.Column('type', sa.String(length=255), nullable=True),
    sa.Column('user', sa.String(length=64), nullable=True),
    sa.Column('project', sa.String(length=64), nullable=False),
    sa.Column('domain', sa.String(length=64), nullable=True),
    sa.Column('cluster_id', sa.String(length=36), nullable=True),
    sa.Column('actor', types.Json(), nullable=True),
    sa.Column('action', sa.String(length=255), nullable=True),
    sa.Column('params', types.Json(), nullable=True),
    sa.Column('channel', types.Json(), nullable=True),
    sa.Column('created_at', types.Timestamp(), nullable=True),
    sa.Column('updated_at', types.Timestamp(), nullable=True),
    sa.ForeignKeyConstraint(['cluster_id'], ['cluster.id'], name=op.f('fk_receiver_cluster_id_cluster')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_receiver'))
    )
    op.create_index(op.f('ix_receiver_cluster_id'), 'receiver', ['cluster_id'])
    op.create_index(op.f('ix_receiver_project_created_at'), 'receiver', ['project', 'created_at'])
