"""Idempotency keys: the first answer to a mutating request, kept for its replays.

A row is claimed (inserted with no ``status_code``) before the request runs; the
unique constraint on (project, key) decides which of two concurrent requests runs.
When the request has an answer the row records it; when it fails without one the
row is released (deleted) so that a retry can run.
"""

import datetime

from oslo_db import exception as db_exc
import sqlalchemy as sa

from clusterd.clock import utcnow
from clusterd.db import models
from clusterd.objects import base

Model = models.IdempotencyKey


class IdempotencyKey(base.DomainObject):
    model = Model
    kind = 'idempotency key'
    fields = ('id', 'project', 'key', 'fingerprint', 'status_code', 'response',
              'created_at', 'updated_at')

    @property
    def answered(self):
        return self.status_code is not None

    @classmethod
    def find_query(cls, project, key):
        """Served by the unique index uq_idempotency_key_project_key."""
        return sa.select(Model).where(Model.project == project, Model.key == key)

    @classmethod
    def purge_query(cls, cutoff):
        """Served by ix_idempotency_key_created_at."""
        return sa.delete(Model).where(Model.created_at < cutoff)

    @classmethod
    def find(cls, context, project, key):
        with context.reader as session:
            row = session.execute(cls.find_query(project, key)).scalar_one_or_none()
        return None if row is None else cls.from_row(row)

    @classmethod
    def claim(cls, context, project, key, fingerprint):
        """Insert the key of a request about to run.

        :returns: the new row, or None when the key exists (another request holds
            or held it)
        """
        now = utcnow()
        try:
            return cls.create(context, project=project, key=key,
                              fingerprint=fingerprint, created_at=now,
                              updated_at=now)
        except db_exc.DBDuplicateEntry:
            return None

    @classmethod
    def record(cls, context, ident, status_code, response):
        """Keep the answer of the request that claimed ``ident``."""
        with context.writer as session:
            session.execute(sa.update(Model).where(Model.id == ident).values(
                status_code=status_code, response=response, updated_at=utcnow()))

    @classmethod
    def release(cls, context, ident, unanswered_only=False):
        """Delete a key so that the request can run again.

        :param unanswered_only: only if no answer was recorded (taking over the key
            of a request that never finished, without racing one that just did)
        :returns: whether it was deleted
        """
        query = sa.delete(Model).where(Model.id == ident)
        if unanswered_only:
            query = query.where(Model.status_code.is_(None))
        with context.writer as session:
            return bool(session.execute(query).rowcount)

    @classmethod
    def purge(cls, context, older_than):
        """Delete the keys made more than ``older_than`` seconds ago (served by
        ix_idempotency_key_created_at).

        :returns: how many were deleted
        """
        cutoff = utcnow() - datetime.timedelta(seconds=older_than)
        with context.writer as session:
            return session.execute(cls.purge_query(cutoff)).rowcount
