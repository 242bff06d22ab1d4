from clusterd.db import models
from clusterd.objects import base


class Profile(base.DomainObject):
    model = models.Profile
    kind = 'profile'
    renamed = {'metadata': 'meta_data'}
    fields = ('id', 'name', 'type', 'context', 'spec', 'user', 'project', 'domain',
              'permission', 'metadata', 'created_at', 'updated_at')
