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
            return bool(session.execute(
                sa.update(cls.model).where(cls.model.id == service_id)
                .values(updated_at=utcnow())).rowcount)

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
            return set(session.execute(
                sa.select(cls.model.id).where(cls.model.binary == binary,
                                              cls.model.updated_at >= cutoff)
            ).scalars())

    @classmethod
    def remove_dead(cls, context, binary, lease_seconds, me):
        """Delete the rows of services of ``binary`` (but ``me``) whose heartbeat
        is past the lease, each by compare-and-delete: one that came back meanwhile
        is kept.

        :returns: the ids removed
        """
        cutoff = utcnow() - datetime.timedelta(seconds=lease_seconds)
        table = models.Service
        with context.reader as session:
            dead = session.execute(sa.select(table.id).where(
                table.binary == binary, table.updated_at < cutoff,
                table.id != me)).scalars().all()
        removed = []
        for service_id in dead:
            with context.writer as session:
                if session.execute(sa.delete(table).where(
                        table.id == service_id,
                        table.updated_at < cutoff)).rowcount:
                    removed.append(service_id)
        return removed

    def is_up(self, lease_seconds, now=None):
        now = now or utcnow()
        return (self.updated_at is not None and
                (now - self.updated_at).total_seconds() <= lease_seconds)
