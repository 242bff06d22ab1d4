from oslo_db import exception as db_exc
import sqlalchemy as sa

from clusterd.db import models
from clusterd.objects import base


class Policy(base.DomainObject):
    model = models.Policy
    kind = 'policy'
    fields = ('id', 'name', 'type', 'user', 'project', 'domain', 'cooldown', 'level',
              'spec', 'data', 'created_at', 'updated_at')

    @classmethod
    def delete_if_detached(cls, context, ident):
        """Delete the policy unless it is attached to a cluster.

        :returns: False (nothing deleted) when it is attached
        """
        table = models.ClusterPolicy
        try:
            with context.writer as session:
                bound = session.execute(sa.select(table.id).where(
                    table.policy_id == ident).limit(1)).first()
                if bound is not None:
                    return False
                session.execute(sa.delete(models.Policy).where(
                    models.Policy.id == ident))
        except db_exc.DBReferenceError:
            # Attached meanwhile: the foreign key says so.
            return False
        return True
