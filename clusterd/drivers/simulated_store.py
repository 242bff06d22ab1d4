"""Resources of the ``clusterd.simulated`` cloud: its whole SQL.

The simulated cloud keeps its resources in a table of clusterd's database (the
``simulated_resource`` table, created by clusterd's migrations), so every engine on
any host sees the same cloud.  It is the cloud's own storage, behind its driver:
nothing of clusterd's domain (``clusterd.objects``) reads it, and it reads nothing
of theirs.
The queries are Core statements, not ORM units of work: the engine benchmarks
create a thousand nodes in about a second, and a create is one INSERT (a batch
of creates too, :meth:`SimulatedResource.create_many`).

None of these queries is project-scoped: the cloud is shared by every project and
only the engine (with an admin context) and tests talk to it.
"""

import uuid

from oslo_db import exception as db_exc
import sqlalchemy as sa

from clusterd.clock import utcnow
from clusterd.db import models


def new_id():
    return str(uuid.uuid4())


# The statements of every create and delete of a batch of nodes, built once:
# a statement built per call costs SQLAlchemy more CPU than running it
# (clusterd.objects.base.prepared).
_TABLE = models.SimulatedResource.__table__
_INSERT = sa.insert(_TABLE)


def _delete_for_nodes(by_id, by_node):
    terms = []
    if by_id:
        terms.append(_TABLE.c.id.in_(sa.bindparam('ids', expanding=True)))
    if by_node:
        terms.append(_TABLE.c.node_id.in_(sa.bindparam('nodes', expanding=True)))
    return sa.delete(_TABLE).where(sa.or_(*terms))


_DELETE_FOR_NODES = {(by_id, by_node): _delete_for_nodes(by_id, by_node)
                     for by_id in (False, True) for by_node in (False, True)
                     if by_id or by_node}


class SimulatedResource:
    """One resource of the simulated cloud, as a plain record."""

    model = models.SimulatedResource
    fields = ('id', 'node_id', 'name', 'project', 'status', 'status_reason',
              'properties', 'created_at', 'updated_at')

    def __init__(self, **values):
        for field in self.fields:
            setattr(self, field, values.get(field))

    def __repr__(self):
        return '<SimulatedResource %s>' % self.id

    @classmethod
    def from_row(cls, row):
        return cls(**{field: getattr(row, field) for field in cls.fields})

    def to_dict(self):
        return {field: getattr(self, field) for field in self.fields}

    @classmethod
    def create_for_node(cls, context, resource_id, node_id, name, project, status,
                        properties, status_reason=None):
        """Insert a resource for ``node_id`` unless one already exists.

        One INSERT in the common case; ``node_id`` is unique, so a retried create
        (or, should it ever happen, a concurrent one) gets a duplicate-key error
        and reads the resource the first attempt made instead.  (An INSERT ...
        SELECT ... WHERE NOT EXISTS took gap locks on MariaDB and deadlocked
        under parallel creates.)

        :returns: ``(resource, created)``; ``created`` is False when an existing
            resource of the node was returned instead.
        """
        now = utcnow()
        values = {'id': resource_id, 'node_id': node_id, 'name': name,
                  'project': project, 'status': status,
                  'status_reason': status_reason, 'properties': properties,
                  'created_at': now, 'updated_at': now}
        table = _TABLE
        try:
            with context.writer as session:
                session.execute(_INSERT, values)
            return cls(**values), True
        except db_exc.DBDuplicateEntry:
            pass
        with context.reader as session:
            row = session.execute(
                sa.select(table).where(table.c.node_id == node_id)).one()
        return cls.from_row(row), False

    @classmethod
    def create_many(cls, context, resources, status):
        """Insert a resource for each of many nodes, in one INSERT and one
        transaction, or none of them.

        ``node_id`` is unique, so when any of the nodes already has a resource (a
        retried batch) the whole INSERT fails and nothing is made: the caller then
        creates the nodes one by one with :meth:`create_for_node`, which finds
        what the first attempt made.

        :param resources: dicts of ``id``, ``node_id``, ``name``, ``project`` and
            ``properties``
        :param status: the status of every new resource
        :returns: the new resources, in the order given; ``None`` when a node
            already had one (nothing was inserted)
        """
        now = utcnow()
        rows = [dict(resource, status=status, status_reason=None,
                     created_at=now, updated_at=now) for resource in resources]
        if not rows:
            return []
        try:
            with context.writer as session:
                # executemany: the drivers send one multi-row INSERT, and the
                # statement's cache key does not hold every value.
                session.execute(_INSERT, rows)
        except db_exc.DBDuplicateEntry:
            return None
        return [cls(**row) for row in rows]

    @classmethod
    def find(cls, context, resource_id):
        """The resource, or ``None`` if it does not exist."""
        table = cls.model.__table__
        with context.reader as session:
            row = session.execute(sa.select(table).where(
                table.c.id == resource_id)).one_or_none()
        return None if row is None else cls.from_row(row)

    @classmethod
    def find_many(cls, context, resource_ids):
        """Many resources in one query (primary key lookups).

        :returns: dict of id to resource, for the ids that exist.
        """
        resource_ids = [i for i in set(resource_ids) if i]
        if not resource_ids:
            return {}
        table = cls.model.__table__
        with context.reader as session:
            rows = session.execute(sa.select(table).where(
                table.c.id.in_(resource_ids))).all()
        return {row.id: cls.from_row(row) for row in rows}

    @classmethod
    def list_all(cls, context, project=None):
        """Every resource (of ``project`` when given), oldest first, one query."""
        table = cls.model.__table__
        query = sa.select(table).order_by(table.c.created_at, table.c.id)
        if project is not None:
            query = query.where(table.c.project == project)
        with context.reader as session:
            return [cls.from_row(row) for row in session.execute(query)]

    @classmethod
    def set_status(cls, context, resource_id, status, status_reason=None,
                   from_statuses=None):
        """Compare-and-set the status (of any status, or one of ``from_statuses``).

        :returns: True if the resource was changed.
        """
        table = cls.model.__table__
        query = sa.update(table).where(table.c.id == resource_id)
        if from_statuses is not None:
            query = query.where(table.c.status.in_(list(from_statuses)))
        with context.writer as session:
            return bool(session.execute(query.values(
                status=status, status_reason=status_reason,
                updated_at=utcnow())).rowcount)

    @classmethod
    def set_properties(cls, context, resource_id, name, properties):
        """Replace the name and properties. :returns: True if it exists."""
        table = cls.model.__table__
        with context.writer as session:
            return bool(session.execute(
                sa.update(table).where(table.c.id == resource_id).values(
                    name=name, properties=properties, updated_at=utcnow())
            ).rowcount)

    @classmethod
    def delete_for_node(cls, context, resource_id, node_id):
        """Delete the resource ``resource_id`` and any other of ``node_id``.

        Deleting by node id as well removes what an interrupted create made before
        its physical id was recorded on the node.

        :returns: the number of resources deleted (0 if they were already gone).
        """
        return cls._delete(context, [resource_id] if resource_id else [],
                           [node_id] if node_id else [])

    @classmethod
    def delete_for_nodes(cls, context, pairs):
        """:meth:`delete_for_node` for many nodes, in one DELETE.

        :param pairs: ``(resource id or None, node id)`` of each node
        :returns: the number of resources deleted
        """
        return cls._delete(
            context, [resource_id for resource_id, _ in pairs if resource_id],
            [node_id for _, node_id in pairs if node_id])

    @classmethod
    def _delete(cls, context, resource_ids, node_ids):
        """Delete the resources of ``resource_ids`` and of ``node_ids``, in
        one DELETE. :returns: how many went."""
        if not resource_ids and not node_ids:
            return 0
        query = _DELETE_FOR_NODES[bool(resource_ids), bool(node_ids)]
        with context.writer as session:
            return session.execute(query, {'ids': resource_ids,
                                           'nodes': node_ids}).rowcount

    @classmethod
    def remove(cls, context, resource_id):
        """Delete one resource by id. :returns: True if it existed."""
        table = cls.model.__table__
        with context.writer as session:
            return bool(session.execute(
                sa.delete(table).where(table.c.id == resource_id)).rowcount)
