"""Nodes: the members of clusters (or orphans, with ``cluster_id`` '')."""

import sqlalchemy as sa

from clusterd.db import models
from clusterd.db.types import utcnow
from clusterd.engine import states
from clusterd.objects import base

Model = models.Node


class Node(base.DomainObject):
    model = Model
    kind = 'node'
    renamed = {'metadata': 'meta_data'}
    fields = ('id', 'name', 'physical_id', 'cluster_id', 'profile_id', 'user',
              'project', 'domain', 'index', 'role', 'init_at', 'created_at',
              'updated_at', 'tainted', 'status', 'status_reason', 'metadata', 'data',
              'dependents')

    @classmethod
    def values_for(cls, context, /, **values):
        now = utcnow()
        values.setdefault('id', base.new_id())
        values.setdefault('status', states.N_INIT)
        values.setdefault('status_reason', 'Initializing')
        values.setdefault('cluster_id', '')
        values.setdefault('index', -1)
        values.setdefault('tainted', False)
        values.setdefault('init_at', now)
        values.setdefault('created_at', now)
        values.setdefault('user', context.user_id)
        values.setdefault('project', context.project_id or '')
        values.setdefault('domain', context.domain_id)
        for key in ('metadata', 'data', 'dependents'):
            values.setdefault(key, {})
        return values

    @classmethod
    def create(cls, context, /, **values):
        return super().create(context, **cls.values_for(context, **values))

    @classmethod
    def create_many(cls, context, rows):
        """Insert node rows (from :meth:`values_for`) in one statement."""
        if rows:
            with context.writer as session:
                session.execute(sa.insert(Model), [cls._row_values(r) for r in rows])

    @classmethod
    def set_status(cls, context, node_id, status, reason=None, **values):
        """Move the node to ``status`` through the state machine (compare-and-set)."""
        values.update(status=status, updated_at=utcnow())
        if reason is not None:
            values['status_reason'] = reason
        with context.writer as session:
            return bool(session.execute(
                sa.update(Model).where(
                    Model.id == node_id,
                    Model.status.in_(states.sources('node', status)))
                .values(**cls._row_values(values))).rowcount)

    @classmethod
    def for_cluster(cls, context, cluster_id, ids=None):
        with context.reader as session:
            query = sa.select(Model).where(Model.cluster_id == cluster_id)
            if ids is not None:
                query = query.where(Model.id.in_(ids))
            rows = session.execute(query.order_by(Model.index)).scalars()
            return [cls.from_row(r) for r in rows]

    @classmethod
    def get_many(cls, context, ids):
        with context.reader as session:
            rows = session.execute(sa.select(Model).where(Model.id.in_(ids))).scalars()
            return [cls.from_row(r) for r in rows]

    @classmethod
    def count_active(cls, context, cluster_id):
        with context.reader as session:
            return session.execute(sa.select(sa.func.count()).where(
                Model.cluster_id == cluster_id,
                Model.status == states.N_ACTIVE)).scalar_one()

    @classmethod
    def delete_many(cls, context, ids):
        with context.writer as session:
            session.execute(sa.delete(models.NodeLock).where(
                models.NodeLock.node_id.in_(ids)))
            session.execute(sa.delete(Model).where(Model.id.in_(ids)))
