"""Engine registrations and their heartbeats."""

import datetime

import sqlalchemy as sa

from clusterd.clock import utcnow
from clusterd.db import models
from clusterd.objects import base


class Service(base.DomainObject):
    model = models.Service
    kind = 'service'
    fields = ('id', 'host', 'binary', 'topic', 'disabled', 'disabled_reason',
              'created_at', 'updated_at')

    @classmethod
    def register(cls, context, service_id, host, binary, topic):
        now = utcnow()
        return cls.create(context, id=service_id, host=host, binary=binary,
                          topic=topic, created_at=now, updated_at=now)

    @classmethod
    def heartbeat(cls, context, service_id):
        """Bump the heartbeat; returns False if the row is gone (we were declared dead)."""
        with context.writer as session:
            return bool(session.execute(_HEARTBEAT, {
                'ident': service_id, 'now': utcnow()}).rowcount)

    @classmethod
    def heartbeats(cls, context, binary):
        """{service id: its last heartbeat value} of every service of ``binary``.

        The values are only compared for change (by the engines' judges), never
        with a clock: hosts' clocks may differ.
        """
        with context.reader as session:
            return dict(session.execute(_HEARTBEATS, {'binary': binary}).all())

    @classmethod
    def delete_if_unchanged(cls, context, service_id, heartbeat):
        """Delete the row of a service judged dead, unless it heartbeated since
        ``heartbeat`` was read.

        :returns: True if deleted
        """
        with context.writer as session:
            return bool(session.execute(sa.delete(cls.model).where(
                cls.model.id == service_id,
                cls.model.updated_at == heartbeat)).rowcount)

    @classmethod
    def list_all(cls, context):
        with context.reader as session:
            rows = session.execute(sa.select(cls.model).order_by(
                cls.model.created_at, cls.model.id)).scalars()
            return [cls.from_row(r) for r in rows]

    @classmethod
    def live_ids(cls, context, binary, lease_seconds):
        """Ids of services of ``binary`` whose heartbeat is within the lease."""
        cutoff = utcnow() - datetime.timedelta(seconds=lease_seconds)
        with context.reader as session:
            return set(session.execute(_LIVE, {'binary': binary,
                                               'cutoff': cutoff}).scalars())

    def is_up(self, lease_seconds, now=None):
        now = now or utcnow()
        return (self.updated_at is not None and
                (now - self.updated_at).total_seconds() <= lease_seconds)


# Every heartbeat and every look at the others' (a few a second per engine);
# built once (why: objects.base.prepared).
_SERVICE = models.Service.__table__
_HEARTBEAT = sa.update(_SERVICE).where(_SERVICE.c.id == sa.bindparam('ident')).values(
    updated_at=sa.bindparam('now', type_=_SERVICE.c.updated_at.type))
_HEARTBEATS = sa.select(_SERVICE.c.id, _SERVICE.c.updated_at).where(
    _SERVICE.c.binary == sa.bindparam('binary'))
_LIVE = sa.select(_SERVICE.c.id).where(
    _SERVICE.c.binary == sa.bindparam('binary'),
    _SERVICE.c.updated_at >= sa.bindparam('cutoff', type_=_SERVICE.c.updated_at.type))
