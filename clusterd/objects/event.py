from clusterd.db import models
from clusterd.objects import base


class Event(base.DomainObject):
    model = models.Event
    kind = 'event'
    renamed = {'metadata': 'meta_data'}
    fields = ('id', 'timestamp', 'oid', 'oname', 'otype', 'cluster_id', 'level',
              'user', 'project', 'domain', 'action', 'status', 'status_reason',
              'metadata')
