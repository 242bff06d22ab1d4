"""Receivers: webhooks (and message queues) that turn a call into a cluster action."""

import sqlalchemy as sa

from clusterd.db import models
from clusterd.objects import base


class Receiver(base.DomainObject):
    model = models.Receiver
    kind = 'receiver'
    fields = ('id', 'name', 'type', 'user', 'project', 'domain', 'cluster_id',
              'actor', 'action', 'params', 'channel', 'created_at', 'updated_at')

    @classmethod
    def create(cls, context, /, **values):
        """A receiver row owned by the caller of ``context`` (unless ``values`` say
        otherwise)."""
        values.setdefault('user', context.user_id)
        values.setdefault('project', context.project_id or '')
        values.setdefault('domain', context.domain_id)
        for key in ('actor', 'params', 'channel'):
            values.setdefault(key, {})
        return super().create(context, **values)

    @classmethod
    def delete_for_cluster(cls, context, cluster_id):
        with context.writer as session:
            session.execute(sa.delete(models.Receiver).where(
                models.Receiver.cluster_id == cluster_id))
