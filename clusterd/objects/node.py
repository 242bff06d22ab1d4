from clusterd.db import models
from clusterd.objects import base


class Node(base.DomainObject):
    model = models.Node
    kind = 'node'
    renamed = {'metadata': 'meta_data'}
    fields = ('id', 'name', 'physical_id', 'cluster_id', 'profile_id', 'user',
              'project', 'domain', 'index', 'role', 'init_at', 'created_at',
              'updated_at', 'tainted', 'status', 'status_reason', 'metadata', 'data',
              'dependents')
