"""Nodes: the members of clusters (or orphans, with ``cluster_id`` '')."""

import sqlalchemy as sa

from clusterd.clock import utcnow
from clusterd.db import models
from clusterd.objects import base
from clusterd import states

Model = models.Node

# Statements an engine runs for every batch of nodes and every cluster action,
# built once (why: objects.base.prepared).
T = Model.__table__
_IDS = T.c.id.in_(sa.bindparam('ids', expanding=True))
_GET_MANY = sa.select(T).where(_IDS)
_FOR_CLUSTER = {
    some: sa.select(T).where(T.c.cluster_id == sa.bindparam('ident'),
                             *([_IDS] if some else [])).order_by(T.c.index)
    for some in (False, True)}
_COUNT_ACTIVE = sa.select(sa.func.count()).where(
    T.c.cluster_id == sa.bindparam('ident'), T.c.status == states.N_ACTIVE)
_CLAIMED_BY = (sa.select(T.c.id, T.c.status, T.c.claimed_by).where(_IDS)
               .order_by(T.c.id).with_for_update())
_LIVE = sa.select(models.Action.id).where(
    models.Action.id.in_(sa.bindparam('ids', expanding=True)),
    models.Action.status.in_(states.ACTION_ACTIVE))
_MEMBERS = sa.select(T).where(
    T.c.cluster_id == sa.bindparam('ident'),
    T.c.status != states.N_DELETING).order_by(T.c.index)
_COUNT_MEMBERS = sa.select(sa.func.count()).where(
    T.c.cluster_id == sa.bindparam('ident'), T.c.status != states.N_DELETING)


def _claim_for_delete(size):
    """The move of nodes to DELETING, each claimed by the action deleting it:
    the claimant by a CASE on the node id of ``size`` branches
    (objects.base.case_size).  One statement for the batch: an executemany of
    UPDATEs was a round trip per node on MariaDB (PyMySQL runs it row by row).
    """
    return base.prepared(('node.claim_for_delete', size), lambda: (
        sa.update(T).where(_IDS).values(
            status=states.N_DELETING,
            claimed_by=base.case_on_id(T, 'claimed_by', size),
            **base.set_clause(T, ('status_reason', 'updated_at')))))


_DELETE_MANY = (sa.delete(models.NodeLock.__table__).where(
    models.NodeLock.__table__.c.node_id.in_(sa.bindparam('ids', expanding=True))),
    sa.delete(T).where(_IDS))


def _movable(allowed):
    """The ids among ``ids`` whose status is one of ``allowed``, and the
    compare-and-set that moves them (status, reason, time bound)."""
    return base.prepared(('node.movable', allowed), lambda: (
        sa.select(T.c.id).where(_IDS, T.c.status.in_(allowed)),
        sa.update(T).where(_IDS, T.c.status.in_(allowed)).values(
            **base.set_clause(T, ('status', 'status_reason', 'updated_at')))))


def _settle(physical):
    """The write of a batch's outcome; with ``physical`` (> 0) its physical
    ids by a CASE on the node id of that size (objects.base.case_size; those
    left out keep theirs)."""
    def build():
        values = base.set_clause(T, ('status', 'status_reason', 'updated_at'))
        if physical:
            values['physical_id'] = base.case_on_id(
                T, 'physical_id', physical, else_=T.c.physical_id)
        return sa.update(T).where(
            _IDS, T.c.status == sa.bindparam('expected')).values(
                claimed_by=None, **values)
    return base.prepared(('node.settle', physical), build)


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
                # Core executemany (the ORM's bulk insert costs twice the CPU),
                # one per set of columns.
                groups = {}
                for row in rows:
                    values = cls._row_values(row)
                    groups.setdefault(tuple(sorted(values)), []).append(values)
                for group in groups.values():
                    base.insert(session, Model.__table__, group)

    @classmethod
    def set_status(cls, context, node_id, status, reason=None, expected=None,
                   **values):
        """Move the node to ``status`` through the state machine (compare-and-set).

        :param expected: move only from this status (the one the caller read)
        """
        return cls._set_status(context, node_id, 'node', status, reason, values,
                               expected)

    @classmethod
    def set_status_many(cls, context, ids, status, reason):
        """Move many nodes to ``status`` through the state machine (compare-and-set).

        :returns: the ids that moved
        """
        read, move = _movable(tuple(sorted(states.sources('node', status))))
        with context.writer as session:
            movable = session.execute(read, {'ids': list(ids)}).scalars().all()
            if movable:
                session.execute(move, {
                    'ids': movable, 'v_status': status, 'v_status_reason': reason,
                    'v_updated_at': utcnow()})
        return movable

    @classmethod
    def claim_for_delete(cls, context, claims, reason):
        """Move nodes to DELETING for the actions that delete them.

        A node moves if the state machine allows DELETING from its status, or
        if it is DELETING already and claimed by the same action (that action
        runs again after its engine died: it finishes what it started) or by an
        action that has ended (nobody is deleting it any more).  A node that a
        live action is deleting is left to that action: two deletions of one
        node never go on at once.

        :param claims: {node id: id of the action deleting it}
        :returns: (ids moved, {node id: action deleting it} of the refused)
        """
        if not claims:
            return [], {}
        allowed = states.sources('node', states.N_DELETING) - {states.N_DELETING}
        ids = sorted(claims)
        with context.writer as session:
            # (FOR UPDATE is left out of SQLite's SQL by its dialect.)
            rows = session.execute(_CLAIMED_BY, {'ids': ids}).all()
            others = {r.claimed_by for r in rows
                      if r.status == states.N_DELETING and r.claimed_by and
                      r.claimed_by != claims[r.id]}
            live = set()
            if others:
                live = set(session.execute(_LIVE, {'ids': sorted(others)}).scalars())
            movable, refused = [], {}
            for row in rows:
                if row.status in allowed:
                    movable.append(row.id)
                elif row.status == states.N_DELETING:
                    if row.claimed_by in live:
                        refused[row.id] = row.claimed_by
                    else:
                        movable.append(row.id)
            if movable:
                size = base.case_size(len(movable))
                session.execute(_claim_for_delete(size), base.case_values(
                    [(node_id, claims[node_id]) for node_id in movable], size,
                    {'ids': movable, 'v_status_reason': reason,
                     'v_updated_at': utcnow()}))
        return movable, refused

    @classmethod
    def compile_claims_for_delete(cls, context, sizes):
        """Run :meth:`claim_for_delete`'s write for batches of each of
        ``sizes`` nodes (their CASE shapes), on no row: compiled by the
        engine's warm-up, not by the first scale-in."""
        base.compile_cases(context, _claim_for_delete, sizes, {
            'v_status_reason': '', 'v_updated_at': utcnow()})

    @classmethod
    def settle_many(cls, context, results, expected):
        """Write each node's outcome: list of (node id, status, reason, physical_id).

        Only nodes still in the ``expected`` status are written (compare-and-set);
        a ``physical_id`` of None leaves the stored one as it is.
        """
        for _node_id, status, _reason, _physical_id in results:
            states.check('node', expected, status)
        if not results:
            return
        now = utcnow()
        # One UPDATE per distinct (status, reason), the physical ids by a CASE
        # on the node id: an executemany of UPDATEs is a statement per row for
        # the drivers, and a batch mostly has one outcome.
        groups = {}
        for node_id, status, reason, physical_id in results:
            groups.setdefault((status, reason), []).append((node_id, physical_id))
        with context.writer as session:
            for (status, reason), nodes in groups.items():
                # (Nodes without a physical id keep theirs.)
                physical = [(node_id, physical_id) for node_id, physical_id in nodes
                            if physical_id is not None]
                size = base.case_size(len(physical)) if physical else 0
                params = base.case_values(physical, size, {
                    'ids': [node_id for node_id, _ in nodes], 'expected': expected,
                    'v_status': status, 'v_status_reason': reason,
                    'v_updated_at': now})
                session.execute(_settle(size), params)

    @classmethod
    def compile_settles(cls, context, sizes):
        """Run :meth:`settle_many`'s write with physical ids for batches of
        each of ``sizes`` nodes (their CASE shapes), on no row: the engine's
        warm-up compiles them before the first action."""
        base.compile_cases(context, _settle, sizes, {
            'expected': states.N_CREATING, 'v_status': states.N_ACTIVE,
            'v_status_reason': '', 'v_updated_at': utcnow()})

    @classmethod
    def for_cluster(cls, context, cluster_id, ids=None):
        values = {'ident': cluster_id}
        if ids is not None:
            values['ids'] = list(ids)
        with context.reader as session:
            rows = session.execute(_FOR_CLUSTER[ids is not None], values)
            return [cls.from_row(r) for r in rows]

    @classmethod
    def members(cls, context, cluster_id, light=False):
        """The nodes that count in the cluster's arithmetic (sizes, deltas,
        victims): every node but those being deleted.

        :param light: only the columns a choice of victims reads
            (:data:`VICTIM_FIELDS`; the others None on the objects): reading
            every column of 100 members cost a scale-in 6.5 ms of CPU on
            MariaDB, most of it PyMySQL decoding values nobody read
        """
        if light:
            return cls._reading(context, VICTIM_FIELDS, cluster_id,
                                members_only=True)
        with context.reader as session:
            rows = session.execute(_MEMBERS, {'ident': cluster_id})
            return [cls.from_row(r) for r in rows]

    @classmethod
    def _reading(cls, context, wanted, cluster_id, members_only=False):
        """The nodes of ``cluster_id`` (only its :meth:`members` if
        ``members_only``) in index order, with only the fields ``wanted``
        read (None on the objects): one Core query."""
        def build():
            columns = [T.c[cls.renamed.get(field, field)] for field in wanted]
            query = sa.select(*columns).where(T.c.cluster_id == sa.bindparam('ident'))
            if members_only:
                query = query.where(T.c.status != states.N_DELETING)
            return query.order_by(T.c.index)
        query = base.prepared(('node.reading', wanted, members_only), build)
        blank = dict.fromkeys(cls.fields)
        with context.reader as session:
            rows = session.execute(query, {'ident': cluster_id}).all()
        nodes = []
        for row in rows:
            node = cls.__new__(cls)
            node.__dict__.update(blank)
            node.__dict__.update(zip(wanted, row))
            nodes.append(node)
        return nodes

    @classmethod
    def count_members(cls, context, cluster_id):
        """How many :meth:`members` the cluster has (a count, where only the
        size matters: loading every member cost a scale on 100 nodes 7 ms of
        CPU)."""
        with context.reader as session:
            return session.execute(_COUNT_MEMBERS, {'ident': cluster_id}).scalar_one()

    @classmethod
    def watched_in_cluster(cls, context, cluster_id):
        """The nodes of a cluster as periodic passes (reconcile) read them: one
        Core query, no ORM, without ``metadata`` and ``dependents`` (None on the
        objects).  A 10,000-node cluster reads in a fraction of
        :meth:`for_cluster`'s time.
        """
        return cls._reading(context, WATCHED_FIELDS, cluster_id)

    @classmethod
    def get_many(cls, context, ids):
        with context.reader as session:
            rows = session.execute(_GET_MANY, {'ids': list(ids)})
            return [cls.from_row(r) for r in rows]

    @classmethod
    def count_active(cls, context, cluster_id):
        with context.reader as session:
            return session.execute(_COUNT_ACTIVE,
                                   {'ident': cluster_id}).scalar_one()

    @classmethod
    def delete_many(cls, context, ids):
        params = {'ids': list(ids)}
        with context.writer as session:
            for query in _DELETE_MANY:
                session.execute(query, params)

    # --- what the API reads and checks --------------------------------------------

    @classmethod
    def api_columns(cls):
        """``profile_name`` of each node row, as an extra column for
        :func:`clusterd.objects.listing.page` (a correlated subquery on the
        profile's primary key, so a page of nodes stays one statement)."""
        profile = models.Profile
        return [sa.select(profile.name).where(profile.id == Model.profile_id)
                .scalar_subquery().label('profile_name')]

    @classmethod
    def count_in_cluster(cls, context, cluster_id):
        """How many nodes (in any status) belong to ``cluster_id``."""
        with context.reader as session:
            return session.execute(sa.select(sa.func.count()).select_from(Model)
                                   .where(Model.cluster_id == cluster_id)).scalar_one()

    @classmethod
    def ids_with_physical_id(cls, context, physical_id):
        """Ids of the nodes (of any project) that manage ``physical_id``."""
        with context.reader as session:
            return session.execute(sa.select(Model.id).where(
                Model.physical_id == physical_id)).scalars().all()


# The fields a choice of victims reads (Node.members(light=True)): ranks by
# status, taint, resource and age, names and the profile for the reasons
# (policies.scaleutils.rank_nodes, engine.lifecycle.hold).
VICTIM_FIELDS = ('id', 'name', 'physical_id', 'profile_id', 'index', 'init_at',
                 'created_at', 'tainted', 'status')
# What periodic passes read of every node (Node.watched_in_cluster): all but
# the metadata and dependents.
WATCHED_FIELDS = tuple(f for f in Node.fields if f not in ('metadata', 'dependents'))
