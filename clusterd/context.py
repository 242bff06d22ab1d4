"""The request context: who is calling, and the database to use.

It carries the :class:`clusterd.db.api.Database` explicitly (``context.db``) instead
of the process reaching for a global, and it is an enginefacade transaction context
provider so ``db.writer.using(context)`` nests transactions correctly.
"""

from oslo_context import context as oslo_context
from oslo_db.sqlalchemy import enginefacade


@enginefacade.transaction_context_provider
class RequestContext(oslo_context.RequestContext):

    def __init__(self, db=None, **kwargs):
        kwargs.setdefault('project_id', None)
        super().__init__(**kwargs)
        self.db = db

    @property
    def reader(self):
        return self.db.reader.using(self)

    @property
    def writer(self):
        return self.db.writer.using(self)


def admin_context(db, **kwargs):
    """A context for the service's own work (engines, periodic tasks, manage)."""
    kwargs.setdefault('is_admin', True)
    kwargs.setdefault('roles', ['admin'])
    return RequestContext(db=db, **kwargs)
