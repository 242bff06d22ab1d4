import sqlalchemy as sa

from clusterd.db import models
from clusterd.objects import base


class Event(base.DomainObject):
    model = models.Event
    kind = 'event'
    renamed = {'metadata': 'meta_data'}
    fields = ('id', 'timestamp', 'oid', 'oname', 'otype', 'cluster_id', 'level',
              'user', 'project', 'domain', 'action', 'status', 'status_reason',
              'metadata')

    @classmethod
    def list_for(cls, context, oid):
        """Events about one object, oldest first."""
        table = models.Event
        with context.reader as session:
            rows = session.execute(sa.select(table).where(table.oid == oid)
                                   .order_by(table.timestamp, table.id)).scalars()
            return [cls.from_row(r) for r in rows]
