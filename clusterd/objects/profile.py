from oslo_db import exception as db_exc
import sqlalchemy as sa

from clusterd.db import models
from clusterd.objects import base


class Profile(base.DomainObject):
    model = models.Profile
    kind = 'profile'
    renamed = {'metadata': 'meta_data'}
    fields = ('id', 'name', 'type', 'context', 'spec', 'user', 'project', 'domain',
              'permission', 'metadata', 'created_at', 'updated_at')

    @classmethod
    def delete_if_unused(cls, context, ident):
        """Delete the profile unless a cluster or a node uses it.

        :returns: False (nothing deleted) when it is in use
        """
        try:
            with context.writer as session:
                for table in (models.Cluster, models.Node):
                    used = session.execute(sa.select(table.id).where(
                        table.profile_id == ident).limit(1)).first()
                    if used is not None:
                        return False
                session.execute(sa.delete(models.Profile).where(
                    models.Profile.id == ident))
        except db_exc.DBReferenceError:
            # A cluster or a node that came in meanwhile: the foreign key says so.
            return False
        return True
