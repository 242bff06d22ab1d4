"""Clusters, and the cluster-policy bindings that belong to them."""

import sqlalchemy as sa

from clusterd.db import models
from clusterd.db.types import utcnow
from clusterd.engine import states
from clusterd.objects import base

Model = models.Cluster


class Cluster(base.DomainObject):
    model = Model
    kind = 'cluster'
    renamed = {'metadata': 'meta_data'}
    fields = ('id', 'name', 'profile_id', 'user', 'project', 'domain', 'parent',
              'init_at', 'created_at', 'updated_at', 'min_size', 'max_size',
              'desired_capacity', 'next_index', 'timeout', 'status', 'status_reason',
              'metadata', 'data', 'dependents', 'config')

    @classmethod
    def create(cls, context, /, **values):
        now = utcnow()
        values.setdefault('status', states.C_INIT)
        values.setdefault('init_at', now)
        values.setdefault('created_at', now)
        values.setdefault('next_index', 1)
        values.setdefault('user', context.user_id)
        values.setdefault('project', context.project_id or '')
        values.setdefault('domain', context.domain_id)
        for key in ('metadata', 'data', 'dependents', 'config'):
            values.setdefault(key, {})
        return super().create(context, **values)

    @classmethod
    def set_status(cls, context, cluster_id, status, reason=None, **values):
        """Move the cluster to ``status`` through the state machine (compare-and-set).

        :returns: True if moved; False if the cluster is gone or the transition
            is not allowed from its current status
        """
        return cls._set_status(context, cluster_id, 'cluster', status, reason, values)

    @classmethod
    def reserve_indexes(cls, context, cluster_id, count):
        """Take ``count`` node indexes from the cluster's ``next_index``.

        :returns: the first reserved index
        """
        with context.writer as session:
            query = sa.select(Model.next_index).where(Model.id == cluster_id)
            if context.db.backend != 'sqlite':
                query = query.with_for_update()
            first = session.execute(query).scalar_one()
            session.execute(sa.update(Model).where(Model.id == cluster_id).values(
                next_index=first + count, updated_at=utcnow()))
            return first

    @classmethod
    def delete_with_dependents(cls, context, cluster_id):
        """Delete the cluster row and the rows that point at it, in one transaction."""
        with context.writer as session:
            for table in (models.HealthRegistry, models.ClusterPolicy,
                          models.Receiver):
                session.execute(sa.delete(table).where(table.cluster_id == cluster_id))
            session.execute(sa.delete(Model).where(Model.id == cluster_id))

    @classmethod
    def list_all(cls, context, project_safe=True):
        with context.reader as session:
            rows = session.execute(cls._query(context, project_safe).order_by(
                Model.created_at, Model.id)).scalars()
            return [cls.from_row(r) for r in rows]


class ClusterPolicy(base.DomainObject):
    """A policy bound to a cluster (``cluster_policy`` row)."""
    model = models.ClusterPolicy
    kind = 'cluster policy'
    fields = ('id', 'cluster_id', 'policy_id', 'enabled', 'priority', 'data',
              'last_op')

    @classmethod
    def for_cluster(cls, context, cluster_id, enabled_only=False):
        """Bindings of ``cluster_id`` in ascending priority."""
        table = models.ClusterPolicy
        with context.reader as session:
            query = sa.select(table).where(table.cluster_id == cluster_id)
            if enabled_only:
                query = query.where(table.enabled.is_(True))
            rows = session.execute(query.order_by(table.priority, table.id)).scalars()
            return [cls.from_row(r) for r in rows]

    @classmethod
    def find(cls, context, cluster_id, policy_id):
        table = models.ClusterPolicy
        with context.reader as session:
            row = session.execute(sa.select(table).where(
                table.cluster_id == cluster_id,
                table.policy_id == policy_id)).scalar_one_or_none()
        if row is None:
            raise base.NotFound('policy binding', policy_id)
        return cls.from_row(row)

    @classmethod
    def delete_for_cluster(cls, context, cluster_id):
        table = models.ClusterPolicy
        with context.writer as session:
            session.execute(sa.delete(table).where(table.cluster_id == cluster_id))
