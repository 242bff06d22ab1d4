"""Clusters, and the cluster-policy bindings that belong to them."""

import sqlalchemy as sa

from clusterd.clock import utcnow
from clusterd.db import models
from clusterd.objects import base
from clusterd import states

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
    def set_status(cls, context, cluster_id, status, reason=None, expected=None,
                   **values):
        """Move the cluster to ``status`` through the state machine (compare-and-set).

        :param expected: move only from this status (the one the caller read)
        :returns: True if moved; False if the cluster is gone or the transition
            is not allowed from its current status
        """
        return cls._set_status(context, cluster_id, 'cluster', status, reason, values,
                               expected)

    @classmethod
    def reserve_indexes(cls, context, cluster_id, count):
        """Take ``count`` node indexes from the cluster's ``next_index``.

        :returns: the first reserved index
        """
        params = {'ident': cluster_id}
        with context.writer as session:
            first = session.execute(_NEXT_INDEX, params).scalar_one()
            session.execute(_RESERVE, base.set_values(
                {'next_index': first + count, 'updated_at': utcnow()}, params))
            return first

    @classmethod
    def delete_with_dependents(cls, context, cluster_id):
        """Delete the cluster row and the rows that point at it, in one transaction."""
        params = {'ident': cluster_id}
        with context.writer as session:
            for query in _DELETE_WITH_DEPENDENTS:
                session.execute(query, params)

    @classmethod
    def api_columns(cls):
        """``profile_name``, ``node_ids``, ``node_count`` and ``policy_ids`` of each
        cluster row, as extra columns for :func:`clusterd.objects.listing.page`.

        Correlated subqueries on the profile key and the node and binding indexes:
        a page of clusters and their members is one query, however long the page.
        The id lists are comma-separated strings (None when empty).

        NOTE: MySQL cuts an aggregated string at ``group_concat_max_len`` (1 KiB by
        default; MariaDB allows 1 MiB), about 27 node ids: a caller compares the
        ids it got with ``node_count`` and reads a cut list again
        (:meth:`clusterd.objects.node.Node.for_cluster`).
        """
        profile = models.Profile
        node = models.Node
        binding = models.ClusterPolicy
        return [
            sa.select(profile.name).where(profile.id == Model.profile_id)
            .scalar_subquery().label('profile_name'),
            sa.select(sa.func.aggregate_strings(node.id, ','))
            .where(node.cluster_id == Model.id).scalar_subquery().label('node_ids'),
            sa.select(sa.func.count()).select_from(node)
            .where(node.cluster_id == Model.id).scalar_subquery().label('node_count'),
            sa.select(sa.func.aggregate_strings(binding.policy_id, ','))
            .where(binding.cluster_id == Model.id).scalar_subquery()
            .label('policy_ids'),
        ]

    @classmethod
    def count_in_project(cls, context):
        with context.reader as session:
            return session.execute(_COUNT_IN_PROJECT,
                                   {'project': context.project_id}).scalar_one()

    @classmethod
    def list_all(cls, context, project_safe=True):
        with context.reader as session:
            rows = session.execute(cls._query(context, project_safe).order_by(
                Model.__table__.c.created_at, Model.__table__.c.id))
            return [cls.from_row(r) for r in rows]


# The quota check of every POST /v1/clusters, the indexes of every growth and
# the delete of every cluster; built once (why: objects.base.prepared).
# (FOR UPDATE is left out of SQLite's SQL by its dialect.)
_COUNT_IN_PROJECT = sa.select(sa.func.count()).select_from(Model).where(
    Model.project == sa.bindparam('project'))
_NEXT_INDEX = (sa.select(Model.next_index).where(Model.id == sa.bindparam('ident'))
               .with_for_update())
_RESERVE = sa.update(Model.__table__).where(
    Model.__table__.c.id == sa.bindparam('ident')).values(
        **base.set_clause(Model.__table__, ('next_index', 'updated_at')))


def _delete_of_cluster(model):
    return sa.delete(model.__table__).where(
        model.__table__.c.cluster_id == sa.bindparam('ident'))


_DELETE_BINDINGS = _delete_of_cluster(models.ClusterPolicy)
_DELETE_WITH_DEPENDENTS = [
    _delete_of_cluster(models.HealthRegistry), _DELETE_BINDINGS,
    _delete_of_cluster(models.Receiver),
    sa.delete(Model.__table__).where(Model.__table__.c.id == sa.bindparam('ident'))]


def _bindings(enabled_only):
    table = models.ClusterPolicy.__table__
    query = sa.select(table).where(table.c.cluster_id == sa.bindparam('ident'))
    if enabled_only:
        query = query.where(table.c.enabled.is_(True))
    return query.order_by(table.c.priority, table.c.id)


# Read at the start and the end of every cluster action; built once (why:
# objects.base.prepared).
_BINDINGS = {enabled_only: _bindings(enabled_only) for enabled_only in (False, True)}


class ClusterPolicy(base.DomainObject):
    """A policy bound to a cluster (``cluster_policy`` row)."""
    model = models.ClusterPolicy
    kind = 'cluster policy'
    fields = ('id', 'cluster_id', 'policy_id', 'enabled', 'priority', 'data',
              'last_op')

    @classmethod
    def for_cluster(cls, context, cluster_id, enabled_only=False):
        """Bindings of ``cluster_id`` in ascending priority."""
        with context.reader as session:
            rows = session.execute(_BINDINGS[bool(enabled_only)],
                                   {'ident': cluster_id})
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
    def described(cls, context, cluster_id):
        """The bindings of ``cluster_id`` as dicts, each with the names the API
        shows beside the ids: ``cluster_name``, ``policy_name``, ``policy_type``."""
        table = models.ClusterPolicy
        policy = models.Policy
        query = (sa.select(table, Model.name.label('cluster_name'),
                           policy.name.label('policy_name'),
                           policy.type.label('policy_type'))
                 .join(Model, Model.id == table.cluster_id)
                 .join(policy, policy.id == table.policy_id)
                 .where(table.cluster_id == cluster_id)
                 .order_by(table.priority, table.id))
        with context.reader as session:
            rows = session.execute(query).all()
        result = []
        for row in rows:
            described = cls.from_row(row[0]).to_dict()
            described.update(cluster_name=row.cluster_name,
                             policy_name=row.policy_name, policy_type=row.policy_type)
            result.append(described)
        return result

    @classmethod
    def delete_for_cluster(cls, context, cluster_id):
        with context.writer as session:
            session.execute(_DELETE_BINDINGS, {'ident': cluster_id})
