"""What is read of actions besides running them, and the signals sent to them.

A parent's children and their counts, the API's conflict check, and the
periodic passes' queries (takeover, timeouts, lost wake-ups, lifecycle holds),
with the cancel and pause signals: a base of
:class:`clusterd.objects.action.Action`, whose module keeps what a run writes
(claims, transitions, ends, fan-outs).  Every statement that runs on a hot path
or a periodic pass is built once (why: :func:`clusterd.objects.base.prepared`).
"""

import sqlalchemy as sa

from clusterd.clock import utcnow
from clusterd.db import models
from clusterd.objects import base
from clusterd import states

T = models.Action.__table__
C = T.c
Dep = models.Dependency.__table__

_CHILD_COUNTS = (sa.select(C.action, C.status, sa.func.count())
                 .where(C.parent_id == sa.bindparam('ident'))
                 .group_by(C.action, C.status))
# (The API's conflict check of every action request, without and with an
# action left out.)
_ACTIVE_ON_TARGET = {
    excluding: sa.select(T).where(
        C.target == sa.bindparam('target'), C.status.in_(states.ACTION_ACTIVE),
        *((C.id != sa.bindparam('exclude'),) if excluding else ()))
    for excluding in (False, True)}


# The periodic passes of every engine (takeover, timeouts, lost wake-ups,
# lifecycle holds); built once (why: objects.base.prepared).
_NOW = sa.bindparam('now')
_OWNED_BY = sa.select(T).where(C.owner.in_(sa.bindparam('engines', expanding=True)),
                               C.status.in_(sa.bindparam('statuses', expanding=True)))
_TIMED_OUT = sa.select(T).where(
    C.status.in_((states.RUNNING, states.WAITING)), C.parent_id.is_(None),
    C.start_time.is_not(None), C.timeout.is_not(None),
    C.start_time + C.timeout < _NOW)
_ORPHANED = sa.select(T).where(
    C.status == states.RUNNING,
    ~sa.exists().where(models.Service.__table__.c.id == C.owner))
_STATUSES = sa.select(C.id, C.status).where(
    C.id.in_(sa.bindparam('ids', expanding=True)))
_EXPIRED_HOLDS = sa.select(C.id, C.target).where(
    C.status == states.WAITING_LIFECYCLE_COMPLETION,
    C.start_time.is_not(None), C.timeout.is_not(None),
    C.start_time + C.timeout < _NOW)
_STALLED = sa.select(C.id).where(
    C.status == states.WAITING, ~sa.exists().where(Dep.c.dependent == C.id))


class ActionQueries:
    """The reads and signals of :class:`clusterd.objects.action.Action` (a
    base class of it: ``Action.timed_out(...)`` and so on)."""

    @classmethod
    def children(cls, context, parent_id):
        with context.reader as session:
            rows = session.execute(sa.select(T).where(
                C.parent_id == parent_id).order_by(C.created_at))
            return [cls.from_row(r) for r in rows]

    @classmethod
    def child_counts(cls, context, parent_id):
        """How a parent's children stand, without loading them.

        :returns: ``{(action name, status): how many}``
        """
        with context.reader as session:
            rows = session.execute(_CHILD_COUNTS, {'ident': parent_id}).all()
        return {(name, status): count for name, status, count in rows}

    @classmethod
    def first_child(cls, context, parent_id, actions=None, leave_out=(),
                    not_status=None):
        """The oldest child of ``parent_id`` (as :meth:`children` orders them)
        that is one of ``actions`` (default: any), none of ``leave_out``, and
        not in ``not_status``; None if there is none."""
        query = sa.select(T).where(C.parent_id == parent_id)
        if actions is not None:
            query = query.where(C.action.in_(actions))
        if leave_out:
            query = query.where(C.action.not_in(leave_out))
        if not_status is not None:
            query = query.where(C.status != not_status)
        with context.reader as session:
            row = session.execute(query.order_by(C.created_at).limit(1)
                                  ).one_or_none()
            return cls.from_row(row) if row is not None else None

    @classmethod
    def descendant_ids(cls, context, action_id, statuses=None):
        """Ids of every action below ``action_id`` (children, their children, ...)."""
        found = []
        frontier = [action_id]
        with context.reader as session:
            while frontier:
                query = sa.select(C.id, C.status).where(
                    C.parent_id.in_(frontier))
                rows = session.execute(query).all()
                frontier = [r.id for r in rows]
                found.extend(r.id for r in rows
                             if statuses is None or r.status in statuses)
        return found

    @classmethod
    def active_on_target(cls, context, target, exclude=None):
        """Actions not yet ended whose target is ``target`` (the API's conflict check)."""
        with context.reader as session:
            rows = session.execute(_ACTIVE_ON_TARGET[bool(exclude)], {
                'target': target, 'exclude': exclude})
            return [cls.from_row(r) for r in rows]

    @classmethod
    def active_targets(cls, context, targets):
        """Which of ``targets`` (cluster or node ids) have an action not yet ended;
        one query on the (target, status) index, for periodic passes that must
        leave busy objects alone.

        :returns: a set of target ids
        """
        targets = sorted(set(targets))
        found = set()
        with context.reader as session:
            # NOTE: in chunks: SQLite takes at most 32,766 bound parameters.
            for start in range(0, len(targets), base.IN_CHUNK):
                found.update(session.execute(sa.select(C.target).where(
                    C.target.in_(targets[start:start + base.IN_CHUNK]),
                    C.status.in_(states.ACTION_ACTIVE))).scalars())
        return found

    @classmethod
    def owned_by(cls, context, engine_ids, statuses):
        with context.reader as session:
            rows = session.execute(_OWNED_BY, {'engines': list(engine_ids),
                                               'statuses': list(statuses)})
            return [cls.from_row(r) for r in rows]

    @classmethod
    def timed_out(cls, context, now):
        """Active actions whose timeout has passed (start_time + timeout < now)."""
        with context.reader as session:
            rows = session.execute(_TIMED_OUT, {'now': now})
            return [cls.from_row(r) for r in rows]

    @classmethod
    def orphaned(cls, context):
        """RUNNING actions whose owner is no registered service (dead or gone)."""
        with context.reader as session:
            return [cls.from_row(r) for r in session.execute(_ORPHANED)]

    @classmethod
    def ended_or_unknown_among(cls, context, action_ids):
        """Which of ``action_ids`` have ended, or do not exist (any more)."""
        with context.reader as session:
            rows = dict(session.execute(_STATUSES, {'ids': list(action_ids)}).all())
        return {ident for ident in action_ids
                if rows.get(ident, states.FAILED) in states.ACTION_TERMINAL}

    @classmethod
    def expired_holds(cls, context, now):
        """(id, node id) of the removals held for a lifecycle hook whose hold
        window (``start_time + timeout``) ended before ``now``."""
        with context.reader as session:
            return session.execute(_EXPIRED_HOLDS, {'now': now}).all()

    @classmethod
    def stalled_waiting(cls, context):
        """WAITING actions with no dependency left: a lost wake-up; make them READY."""
        with context.reader as session:
            return session.execute(_STALLED).scalars().all()

    @classmethod
    def cancelled_among(cls, context, action_ids):
        """Which of ``action_ids`` carry the cancel signal."""
        with context.reader as session:
            return set(session.execute(sa.select(C.id).where(
                C.id.in_(action_ids), C.control == 'CANCEL')).scalars())

    @classmethod
    def signal(cls, context, action_ids, control):
        with context.writer as session:
            session.execute(sa.update(T).where(
                C.id.in_(action_ids), C.status.in_(states.ACTION_ACTIVE))
                .values(control=control, updated_at=utcnow()))

    @classmethod
    def swap_control(cls, context, action_id, old, new):
        """Set the action's ``control`` to ``new`` where it is ``old`` (None:
        no signal) and the action has not ended: pausing never hides a cancel.

        :returns: True if it changed
        """
        current = C.control.is_(None) if old is None else C.control == old
        with context.writer as session:
            return bool(session.execute(sa.update(T).where(
                C.id == action_id, current,
                C.status.in_(states.ACTION_ACTIVE))
                .values(control=new, updated_at=utcnow())).rowcount)

    @classmethod
    def delete_dependencies_of(cls, context, action_ids):
        with context.writer as session:
            session.execute(sa.delete(Dep).where(sa.or_(
                Dep.c.depended.in_(action_ids),
                Dep.c.dependent.in_(action_ids))))
