from clusterd.db import models
from clusterd.objects import base


class Policy(base.DomainObject):
    model = models.Policy
    kind = 'policy'
    fields = ('id', 'name', 'type', 'user', 'project', 'domain', 'cooldown', 'level',
              'spec', 'data', 'created_at', 'updated_at')
