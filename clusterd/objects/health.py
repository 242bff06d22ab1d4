"""Health state: what the health manager found per node, the recovery budget, and
each cluster's healthy count and circuit breaker (tables ``node_health`` and
``cluster_health``)."""

import datetime

import sqlalchemy as sa

from clusterd.clock import utcnow
from clusterd.db import models
from clusterd.objects import base

NodeModel = models.NodeHealth
ClusterModel = models.ClusterHealth

HEALTH_POLICY_TYPE = 'senlin.policy.health'


class _KeyedByObject(base.DomainObject):
    """A row per node or cluster, keyed by that object's id (``key``)."""

    key = None

    @classmethod
    def get_many(cls, context, ids):
        """:returns: {object id: row object} for those that have a row"""
        ids = list(ids)
        if not ids:
            return {}
        column = getattr(cls.model, cls.key)
        with context.reader as session:
            rows = session.execute(sa.select(cls.model).where(
                column.in_(ids))).scalars()
            return {getattr(r, cls.key): cls.from_row(r) for r in rows}

    @classmethod
    def get_one(cls, context, ident):
        return cls.get_many(context, [ident]).get(ident)


class NodeHealth(_KeyedByObject):
    model = NodeModel
    kind = 'node_health'
    key = 'node_id'
    fields = ('node_id', 'cluster_id', 'checked_at', 'healthy', 'results',
              'unhealthy_since', 'recoveries', 'attention', 'last_action_id')

    @classmethod
    def cluster_query(cls, cluster_id):
        """A cluster's rows: every health pass reads them (ix_node_health_cluster_id)."""
        return sa.select(NodeModel).where(NodeModel.cluster_id == cluster_id)

    @classmethod
    def for_cluster(cls, context, cluster_id):
        """:returns: {node id: NodeHealth}"""
        with context.reader as session:
            rows = session.execute(cls.cluster_query(cluster_id)).scalars()
            return {r.node_id: cls.from_row(r) for r in rows}

    @classmethod
    def record(cls, context, cluster_id, verdicts, now=None, keep=None):
        """Write one pass's verdicts.

        :param verdicts: {node id: (healthy True/False/None, {detector: {healthy,
            reason}})}
        :param keep: when given, the ids of the cluster's current members: rows of
            other nodes of the cluster are removed (they left or were deleted)
        """
        now = now or utcnow()
        table = NodeModel.__table__
        with context.writer as session:
            existing = {r.node_id: r for r in session.execute(
                sa.select(table.c.node_id, table.c.healthy,
                          table.c.unhealthy_since).where(
                    table.c.cluster_id == cluster_id))}
            updates, inserts = [], []
            for node_id, (healthy, results) in verdicts.items():
                old = existing.get(node_id)
                since = None
                if healthy is False:
                    since = (old.unhealthy_since if old is not None and
                             old.unhealthy_since is not None else now)
                values = {'b_node': node_id, 'checked_at': now, 'healthy': healthy,
                          'results': results, 'unhealthy_since': since}
                (updates if old is not None else inserts).append(values)
            if updates:
                session.execute(
                    sa.update(table).where(table.c.node_id == sa.bindparam('b_node'))
                    .values(checked_at=sa.bindparam('checked_at'),
                            healthy=sa.bindparam('healthy'),
                            results=sa.bindparam('results'),
                            unhealthy_since=sa.bindparam('unhealthy_since')),
                    updates)
            if inserts:
                session.execute(sa.insert(table), [
                    {'node_id': v['b_node'], 'cluster_id': cluster_id,
                     'checked_at': now, 'healthy': v['healthy'],
                     'results': v['results'],
                     'unhealthy_since': v['unhealthy_since'], 'recoveries': [],
                     'attention': False} for v in inserts])
            if keep is not None:
                gone = set(existing) - set(keep)
                if gone:
                    session.execute(sa.delete(table).where(
                        table.c.node_id.in_(list(gone))))

    @classmethod
    def mark_unhealthy(cls, context, node_id, cluster_id, detector, reason,
                       now=None):
        """A detector outside the manager (lifecycle events, reconcile) found the
        node unhealthy: record it, keeping the other detectors' results."""
        now = now or utcnow()
        with context.writer as session:
            row = session.get(NodeModel, node_id)
            if row is None:
                session.add(NodeModel(
                    node_id=node_id, cluster_id=cluster_id, checked_at=now,
                    healthy=False,
                    results={detector: {'healthy': False, 'reason': reason}},
                    unhealthy_since=now, recoveries=[], attention=False))
                return
            results = dict(row.results or {})
            results[detector] = {'healthy': False, 'reason': reason}
            row.results = results
            row.healthy = False
            row.checked_at = now
            if row.unhealthy_since is None:
                row.unhealthy_since = now

    @classmethod
    def add_recovery(cls, context, node_id, action_id, when, window):
        """Count one recovery in the node's budget (older ones than ``window``
        seconds are dropped)."""
        with context.writer as session:
            row = session.get(NodeModel, node_id)
            recent = [t for t in (row.recoveries or []) if t > when - window]
            row.recoveries = recent + [when]
            row.last_action_id = action_id

    @classmethod
    def set_attention(cls, context, node_id, attention):
        """:returns: True if the flag changed (so one event says so, not many)"""
        with context.writer as session:
            return bool(session.execute(sa.update(NodeModel).where(
                NodeModel.node_id == node_id,
                NodeModel.attention == (not attention)).values(
                    attention=attention)).rowcount)

    @classmethod
    def reset_budget(cls, context, node_id):
        """An operator recovered the node: forget its recoveries and the mark."""
        with context.writer as session:
            session.execute(sa.update(NodeModel).where(
                NodeModel.node_id == node_id).values(recoveries=[],
                                                     attention=False))

    @classmethod
    def count_unhealthy(cls, context, cluster_id, since):
        """(nodes unhealthy now, of which turned unhealthy at or after ``since``)"""
        with context.reader as session:
            rows = session.execute(sa.select(NodeModel.unhealthy_since).where(
                NodeModel.cluster_id == cluster_id,
                NodeModel.healthy == sa.false())).scalars().all()
        return len(rows), sum(1 for t in rows if t is not None and t >= since)


class ClusterHealth(_KeyedByObject):
    model = ClusterModel
    kind = 'cluster_health'
    key = 'cluster_id'
    fields = ('cluster_id', 'checked_at', 'healthy_nodes', 'total_nodes',
              'breaker_open', 'breaker_reason', 'breaker_changed_at')

    @classmethod
    def save_counts(cls, context, cluster_id, healthy, total, now=None):
        now = now or utcnow()
        with context.writer as session:
            row = session.get(ClusterModel, cluster_id)
            if row is None:
                session.add(ClusterModel(cluster_id=cluster_id, checked_at=now,
                                         healthy_nodes=healthy, total_nodes=total,
                                         breaker_open=False))
            else:
                row.checked_at, row.healthy_nodes, row.total_nodes = (
                    now, healthy, total)

    @classmethod
    def switch_breaker(cls, context, cluster_id, is_open, reason, now=None):
        """Compare-and-set the breaker; :returns: True if this call switched it."""
        now = now or utcnow()
        with context.writer as session:
            if session.get(ClusterModel, cluster_id) is None:
                session.add(ClusterModel(cluster_id=cluster_id,
                                         breaker_open=False))
                session.flush()
            return bool(session.execute(sa.update(ClusterModel).where(
                ClusterModel.cluster_id == cluster_id,
                ClusterModel.breaker_open == (not is_open)).values(
                    breaker_open=is_open, breaker_reason=reason,
                    breaker_changed_at=now)).rowcount)

    @classmethod
    def delete_for_cluster(cls, context, cluster_id):
        with context.writer as session:
            session.execute(sa.delete(NodeModel).where(
                NodeModel.cluster_id == cluster_id))
            session.execute(sa.delete(ClusterModel).where(
                ClusterModel.cluster_id == cluster_id))


def purge_orphans(context):
    """Delete the health rows of nodes and clusters that no longer exist (left by
    a delete while no engine watched the cluster).  Idempotent.

    :returns: how many rows went
    """
    with context.writer as session:
        nodes = session.execute(sa.delete(NodeModel).where(~sa.exists().where(
            models.Node.id == NodeModel.node_id))).rowcount
        clusters = session.execute(sa.delete(ClusterModel).where(
            ~sa.exists().where(models.Cluster.id == ClusterModel.cluster_id))
        ).rowcount
    return nodes + clusters


def _health_bindings(by_cluster):
    binding, policy = models.ClusterPolicy, models.Policy
    query = (sa.select(binding.cluster_id, binding.policy_id, binding.data)
             .join(policy, policy.id == binding.policy_id)
             .where(binding.enabled == sa.true(),
                    policy.type.like(HEALTH_POLICY_TYPE + '-%')))
    if by_cluster:
        query = query.where(binding.cluster_id == sa.bindparam('ident'))
    return query


# (Run by the health manager's every pass: built once, why: objects.base.prepared.)
_HEALTH_BINDINGS = {by_cluster: _health_bindings(by_cluster)
                    for by_cluster in (False, True)}


def health_bindings(context, cluster_id=None):
    """Enabled bindings of a health policy: [(cluster id, policy id, binding data)].

    One query (cluster_policy joined with policy on its primary key).
    """
    with context.reader as session:
        rows = session.execute(_HEALTH_BINDINGS[cluster_id is not None],
                               {'ident': cluster_id})
        return [(r.cluster_id, r.policy_id, r.data or {}) for r in rows]


def since(seconds, now=None):
    return (now or utcnow()) - datetime.timedelta(seconds=seconds)
