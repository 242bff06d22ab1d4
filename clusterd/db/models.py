"""SQLAlchemy models of every clusterd table.

Only ``clusterd.objects`` and ``clusterd.db`` import this module.  The columns hold
everything Senlin's tables held (so a Senlin database can be imported), with these
corrections:

- every hot query has an index (READY actions by creation time, actions by target
  and cluster, nodes by cluster, events by time / cluster / object, everything by
  project);
- ``user``/``project``/``domain`` are 64 characters everywhere (Senlin's models said
  32, its migrations 64); ids are 36; names 255; statuses 32;
- timestamps are timezone-aware UTC (``types.Timestamp``);
- ``event.cluster_id`` has no foreign key: events outlive the cluster they describe.

Action ``start_time``/``end_time`` stay epoch seconds (``Numeric(18, 6)``) as in
Senlin, because the API shows them as such (``types.Epoch``: floats in Python).
"""

import sqlalchemy as sa
from sqlalchemy import orm

from clusterd.clock import utcnow
from clusterd.db.types import Epoch
from clusterd.db.types import Json
from clusterd.db.types import Timestamp

ID = 36
NAME = 255
OWNER = 64
STATUS = 32

NAMING_CONVENTION = {
    'ix': 'ix_%(table_name)s_%(column_0_N_name)s',
    'uq': 'uq_%(table_name)s_%(column_0_N_name)s',
    'fk': 'fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s',
    'pk': 'pk_%(table_name)s',
}


class Base(orm.DeclarativeBase):
    metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)


def _id(**kw):
    return orm.mapped_column(sa.String(ID), primary_key=True, **kw)


def _owner_columns():
    return (orm.mapped_column(sa.String(OWNER)),
            orm.mapped_column(sa.String(OWNER), nullable=False),
            orm.mapped_column(sa.String(OWNER)))


class TimestampMixin:
    created_at = orm.mapped_column(Timestamp(), default=utcnow)
    updated_at = orm.mapped_column(Timestamp(), onupdate=utcnow)


class Profile(TimestampMixin, Base):
    __tablename__ = 'profile'
    id = _id()
    name = orm.mapped_column(sa.String(NAME))
    type = orm.mapped_column(sa.String(NAME), nullable=False)
    context = orm.mapped_column(Json())
    spec = orm.mapped_column(Json())
    user, project, domain = _owner_columns()
    permission = orm.mapped_column(sa.String(32))
    meta_data = orm.mapped_column(Json())

    __table_args__ = (
        sa.Index(None, 'project', 'created_at'),
        sa.Index(None, 'name'),
    )


class Policy(TimestampMixin, Base):
    __tablename__ = 'policy'
    id = _id()
    name = orm.mapped_column(sa.String(NAME))
    type = orm.mapped_column(sa.String(NAME), nullable=False)
    user, project, domain = _owner_columns()
    cooldown = orm.mapped_column(sa.Integer)
    level = orm.mapped_column(sa.Integer)
    spec = orm.mapped_column(Json())
    data = orm.mapped_column(Json())

    __table_args__ = (
        sa.Index(None, 'project', 'created_at'),
        sa.Index(None, 'name'),
    )


class Cluster(TimestampMixin, Base):
    __tablename__ = 'cluster'
    id = _id()
    name = orm.mapped_column(sa.String(NAME), nullable=False)
    profile_id = orm.mapped_column(sa.String(ID), sa.ForeignKey('profile.id'),
                                   nullable=False)
    user, project, domain = _owner_columns()
    parent = orm.mapped_column(sa.String(ID))
    init_at = orm.mapped_column(Timestamp())
    min_size = orm.mapped_column(sa.Integer, nullable=False, default=0)
    max_size = orm.mapped_column(sa.Integer, nullable=False, default=-1)
    desired_capacity = orm.mapped_column(sa.Integer, nullable=False, default=0)
    next_index = orm.mapped_column(sa.Integer, nullable=False, default=1)
    timeout = orm.mapped_column(sa.Integer)
    status = orm.mapped_column(sa.String(STATUS), nullable=False)
    status_reason = orm.mapped_column(sa.Text)
    meta_data = orm.mapped_column(Json())
    data = orm.mapped_column(Json())
    dependents = orm.mapped_column(Json())
    config = orm.mapped_column(Json())

    __table_args__ = (
        sa.Index(None, 'project', 'created_at'),
        sa.Index(None, 'name'),
        sa.Index(None, 'profile_id'),
    )


class Node(TimestampMixin, Base):
    __tablename__ = 'node'
    id = _id()
    name = orm.mapped_column(sa.String(NAME), nullable=False)
    physical_id = orm.mapped_column(sa.String(NAME))
    # '' for an orphan node, as in Senlin; no foreign key for the same reason.
    cluster_id = orm.mapped_column(sa.String(ID), nullable=False, default='')
    profile_id = orm.mapped_column(sa.String(ID), sa.ForeignKey('profile.id'),
                                   nullable=False)
    user, project, domain = _owner_columns()
    index = orm.mapped_column(sa.Integer, nullable=False, default=-1)
    role = orm.mapped_column(sa.String(OWNER))
    init_at = orm.mapped_column(Timestamp())
    tainted = orm.mapped_column(sa.Boolean, nullable=False, default=False)
    status = orm.mapped_column(sa.String(STATUS), nullable=False)
    status_reason = orm.mapped_column(sa.Text)
    meta_data = orm.mapped_column(Json())
    data = orm.mapped_column(Json())
    dependents = orm.mapped_column(Json())
    # The action that moved the node to DELETING: that action may go on with
    # the deletion when it runs again, no other live action may.
    claimed_by = orm.mapped_column(sa.String(ID))

    __table_args__ = (
        sa.Index(None, 'cluster_id', 'index'),
        sa.Index(None, 'project', 'created_at'),
        sa.Index(None, 'physical_id'),
        sa.Index(None, 'profile_id'),
        sa.Index(None, 'name'),
    )


class ClusterLock(Base):
    """One row per locked cluster.

    ``semaphore`` -1 is the exclusive cluster scope; n > 0 counts the holders of the
    shared node scope, whose action ids are in ``action_ids``.
    """
    __tablename__ = 'cluster_lock'
    cluster_id = orm.mapped_column(sa.String(ID), primary_key=True)
    action_ids = orm.mapped_column(Json(), nullable=False)
    semaphore = orm.mapped_column(sa.Integer, nullable=False)
    engine_id = orm.mapped_column(sa.String(ID))
    updated_at = orm.mapped_column(Timestamp(), default=utcnow, onupdate=utcnow)

    __table_args__ = (sa.Index(None, 'engine_id'),)


class NodeLock(Base):
    __tablename__ = 'node_lock'
    node_id = orm.mapped_column(sa.String(ID), primary_key=True)
    action_id = orm.mapped_column(sa.String(ID), nullable=False)
    engine_id = orm.mapped_column(sa.String(ID))
    updated_at = orm.mapped_column(Timestamp(), default=utcnow, onupdate=utcnow)

    __table_args__ = (
        sa.Index(None, 'action_id'),
        sa.Index(None, 'engine_id'),
    )


class ClusterPolicy(Base):
    __tablename__ = 'cluster_policy'
    id = _id()
    cluster_id = orm.mapped_column(sa.String(ID), sa.ForeignKey('cluster.id'),
                                   nullable=False)
    policy_id = orm.mapped_column(sa.String(ID), sa.ForeignKey('policy.id'),
                                  nullable=False)
    enabled = orm.mapped_column(sa.Boolean, nullable=False, default=True)
    priority = orm.mapped_column(sa.Integer, nullable=False, default=0)
    data = orm.mapped_column(Json())
    last_op = orm.mapped_column(Timestamp())

    __table_args__ = (
        sa.UniqueConstraint('cluster_id', 'policy_id'),
        sa.Index(None, 'policy_id'),
    )


class HealthRegistry(Base):
    __tablename__ = 'health_registry'
    id = _id()
    cluster_id = orm.mapped_column(sa.String(ID), sa.ForeignKey('cluster.id'),
                                   nullable=False, unique=True)
    check_type = orm.mapped_column(sa.String(NAME))
    interval = orm.mapped_column(sa.Integer)
    params = orm.mapped_column(Json())
    enabled = orm.mapped_column(sa.Boolean, nullable=False, default=True)
    engine_id = orm.mapped_column(sa.String(ID))


class NodeHealth(Base):
    """What the health manager last found about a node, and its recoveries.

    ``results`` maps each detector to ``{healthy, reason}``; ``recoveries`` is
    the list of epoch seconds of recent automatic recoveries (the budget);
    ``attention`` is set when the budget ran out.  No foreign key: a row of a
    deleted node is harmless and removed by the next pass of its cluster.
    """
    __tablename__ = 'node_health'
    node_id = orm.mapped_column(sa.String(ID), primary_key=True)
    cluster_id = orm.mapped_column(sa.String(ID), nullable=False)
    checked_at = orm.mapped_column(Timestamp())
    healthy = orm.mapped_column(sa.Boolean)
    results = orm.mapped_column(Json())
    unhealthy_since = orm.mapped_column(Timestamp())
    recoveries = orm.mapped_column(Json())
    attention = orm.mapped_column(sa.Boolean, nullable=False, default=False)
    last_action_id = orm.mapped_column(sa.String(ID))

    __table_args__ = (sa.Index(None, 'cluster_id'),)


class ClusterHealth(Base):
    """A cluster's healthy-node count and its circuit breaker."""
    __tablename__ = 'cluster_health'
    cluster_id = orm.mapped_column(sa.String(ID), primary_key=True)
    checked_at = orm.mapped_column(Timestamp())
    healthy_nodes = orm.mapped_column(sa.Integer)
    total_nodes = orm.mapped_column(sa.Integer)
    breaker_open = orm.mapped_column(sa.Boolean, nullable=False, default=False)
    breaker_reason = orm.mapped_column(sa.Text)
    breaker_changed_at = orm.mapped_column(Timestamp())


class Receiver(TimestampMixin, Base):
    __tablename__ = 'receiver'
    id = _id()
    name = orm.mapped_column(sa.String(NAME))
    type = orm.mapped_column(sa.String(NAME))
    user, project, domain = _owner_columns()
    cluster_id = orm.mapped_column(sa.String(ID), sa.ForeignKey('cluster.id'))
    actor = orm.mapped_column(Json())
    action = orm.mapped_column(sa.String(NAME))
    params = orm.mapped_column(Json())
    channel = orm.mapped_column(Json())
    # The random token in a webhook receiver's URL (never the receiver's id).
    secret = orm.mapped_column(sa.String(64))
    # Triggers: the rate-limit bucket and the alarms coalesced in their cooldown,
    # written by compare-and-set on trigger_serial (clusterd.objects.receiver).
    trigger_state = orm.mapped_column(Json())
    trigger_serial = orm.mapped_column(sa.Integer, nullable=False, default=0,
                                       server_default='0')

    __table_args__ = (
        sa.Index(None, 'project', 'created_at'),
        sa.Index(None, 'cluster_id'),
    )


class Credential(Base):
    __tablename__ = 'credential'
    user = orm.mapped_column(sa.String(OWNER), primary_key=True)
    project = orm.mapped_column(sa.String(OWNER), primary_key=True)
    cred = orm.mapped_column(Json(), nullable=False)
    data = orm.mapped_column(Json())


class Action(TimestampMixin, Base):
    __tablename__ = 'action'
    id = _id()
    name = orm.mapped_column(sa.String(NAME))
    cluster_id = orm.mapped_column(sa.String(ID))
    context = orm.mapped_column(Json())
    target = orm.mapped_column(sa.String(ID))
    action = orm.mapped_column(sa.String(NAME))
    cause = orm.mapped_column(sa.String(NAME))
    owner = orm.mapped_column(sa.String(ID))
    interval = orm.mapped_column(sa.Integer)
    start_time = orm.mapped_column(Epoch())
    end_time = orm.mapped_column(Epoch())
    timeout = orm.mapped_column(sa.Integer)
    status = orm.mapped_column(sa.String(STATUS), nullable=False)
    status_reason = orm.mapped_column(sa.Text)
    control = orm.mapped_column(sa.String(STATUS))
    # The cluster action that fanned this one out (Senlin kept only dependency rows,
    # which are deleted as children finish, so a parent could not find its children).
    parent_id = orm.mapped_column(sa.String(ID))
    inputs = orm.mapped_column(Json())
    outputs = orm.mapped_column(Json())
    data = orm.mapped_column(Json())
    user, project, domain = _owner_columns()

    __table_args__ = (
        # The engines' scan: WHERE status = 'READY' ORDER BY created_at.
        sa.Index(None, 'status', 'created_at'),
        sa.Index(None, 'target', 'status'),
        sa.Index(None, 'cluster_id', 'created_at'),
        sa.Index(None, 'owner', 'status'),
        sa.Index(None, 'project', 'created_at'),
        sa.Index(None, 'created_at', 'id'),
        sa.Index(None, 'parent_id', 'status'),
    )


class Dependency(Base):
    """``dependent`` waits for ``depended``."""
    __tablename__ = 'dependency'
    id = _id()
    depended = orm.mapped_column(sa.String(ID), sa.ForeignKey('action.id'),
                                 nullable=False)
    dependent = orm.mapped_column(sa.String(ID), sa.ForeignKey('action.id'),
                                  nullable=False)

    __table_args__ = (
        sa.Index(None, 'depended'),
        sa.Index(None, 'dependent'),
    )


class Event(Base):
    __tablename__ = 'event'
    id = _id()
    timestamp = orm.mapped_column(Timestamp(), nullable=False, default=utcnow)
    oid = orm.mapped_column(sa.String(ID))
    oname = orm.mapped_column(sa.String(NAME))
    otype = orm.mapped_column(sa.String(ID))
    cluster_id = orm.mapped_column(sa.String(ID))
    level = orm.mapped_column(sa.String(STATUS))
    user, project, domain = _owner_columns()
    action = orm.mapped_column(sa.String(NAME))
    status = orm.mapped_column(sa.String(STATUS))
    status_reason = orm.mapped_column(sa.Text)
    meta_data = orm.mapped_column(Json())

    __table_args__ = (
        sa.Index(None, 'timestamp', 'id'),
        sa.Index(None, 'cluster_id', 'timestamp'),
        sa.Index(None, 'oid', 'timestamp'),
        sa.Index(None, 'project', 'timestamp'),
    )


class Service(TimestampMixin, Base):
    """An engine (or API) process; ``updated_at`` is its heartbeat."""
    __tablename__ = 'service'
    id = _id()
    host = orm.mapped_column(sa.String(NAME), nullable=False)
    binary = orm.mapped_column(sa.String(NAME), nullable=False)
    topic = orm.mapped_column(sa.String(NAME), nullable=False)
    disabled = orm.mapped_column(sa.Boolean, nullable=False, default=False)
    disabled_reason = orm.mapped_column(sa.String(NAME))

    __table_args__ = (sa.Index(None, 'binary', 'updated_at'),)


class SimulatedResource(TimestampMixin, Base):
    """A resource of the ``clusterd.simulated`` cloud.

    It lives in clusterd's own database so that every engine, on any host, sees the
    same cloud; tests mark resources failed or delete them behind clusterd's back.
    """
    __tablename__ = 'simulated_resource'
    id = _id()
    # Unique: the node id is how a retried create finds the first attempt's work.
    node_id = orm.mapped_column(sa.String(ID), unique=True)
    name = orm.mapped_column(sa.String(NAME))
    project = orm.mapped_column(sa.String(OWNER))
    status = orm.mapped_column(sa.String(STATUS), nullable=False)
    status_reason = orm.mapped_column(sa.Text)
    properties = orm.mapped_column(Json())

    __table_args__ = (
        sa.Index(None, 'project', 'status'),
    )


class IdempotencyKey(TimestampMixin, Base):
    """The first answer to a mutating request sent with an ``Idempotency-Key``.

    A replay of the same key by the same project gets this answer again; the
    fingerprint (a hash of method, path and body) tells a replay from a misuse.
    """
    __tablename__ = 'idempotency_key'
    id = _id()
    project = orm.mapped_column(sa.String(OWNER), nullable=False)
    key = orm.mapped_column(sa.String(NAME), nullable=False)
    fingerprint = orm.mapped_column(sa.String(64), nullable=False)
    status_code = orm.mapped_column(sa.Integer)
    response = orm.mapped_column(Json())

    __table_args__ = (
        sa.UniqueConstraint('project', 'key'),
        sa.Index(None, 'created_at'),
    )


class SenlinImport(Base):
    """One object ``clusterd-manage import-senlin`` wrote, and what it was.

    ``source_digest`` is a digest of the Senlin row as it was mapped,
    ``target_digest`` of the clusterd row as it was written.  A later import
    compares them with the rows of that day: a Senlin row whose digest is the same
    is unchanged, and a clusterd row whose digest differs was changed here since
    (by an engine, an operator), so the import leaves it alone.
    """
    __tablename__ = 'senlin_import'
    kind = orm.mapped_column(sa.String(STATUS), primary_key=True)
    # Senlin's id (credentials: "<user>:<project>").
    object_id = orm.mapped_column(sa.String(NAME), primary_key=True)
    project = orm.mapped_column(sa.String(OWNER), nullable=False)
    source_digest = orm.mapped_column(sa.String(64), nullable=False)
    target_digest = orm.mapped_column(sa.String(64), nullable=False)
    imported_at = orm.mapped_column(Timestamp(), nullable=False, default=utcnow)

    __table_args__ = (sa.Index(None, 'project', 'kind'),)
