from clusterd.db import models
from clusterd.objects import base


class Cluster(base.DomainObject):
    model = models.Cluster
    kind = 'cluster'
    renamed = {'metadata': 'meta_data'}
    fields = ('id', 'name', 'profile_id', 'user', 'project', 'domain', 'parent',
              'init_at', 'created_at', 'updated_at', 'min_size', 'max_size',
              'desired_capacity', 'next_index', 'timeout', 'status', 'status_reason',
              'metadata', 'data', 'dependents', 'config')
