"""Actions: the durable unit of work the engines claim and run."""

import sqlalchemy as sa

from clusterd.db import models
from clusterd.objects import base


class Action(base.DomainObject):
    model = models.Action
    kind = 'action'
    fields = ('id', 'name', 'cluster_id', 'context', 'target', 'action', 'cause',
              'owner', 'interval', 'start_time', 'end_time', 'timeout', 'status',
              'status_reason', 'control', 'parent_id', 'inputs', 'outputs', 'data',
              'user', 'project', 'domain', 'created_at', 'updated_at')

    @classmethod
    def ready_query(cls, limit):
        """The engines' scan: the oldest READY actions, served by ix_action_status_created_at."""
        return (sa.select(cls.model.id)
                .where(cls.model.status == 'READY')
                .order_by(cls.model.created_at)
                .limit(limit))
