"""The request context: who is calling, and the database to use.

It carries the :class:`clusterd.db.api.Database` explicitly (``context.db``) instead
of the process reaching for a global, and it is an enginefacade transaction context
provider so ``db.writer.using(context)`` nests transactions correctly.
"""

import contextlib

from oslo_context import context as oslo_context
from oslo_db import exception as db_exc
from oslo_db.sqlalchemy import enginefacade


@enginefacade.transaction_context_provider
class RequestContext(oslo_context.RequestContext):

    def __init__(self, db=None, fence=None, **kwargs):
        kwargs.setdefault('project_id', None)
        super().__init__(**kwargs)
        self.db = db
        # Set on the contexts engine workers write with: an object whose
        # check() raises when this process may no longer write for the action
        # (clusterd.engine.liveness.Fence).  It is checked when a write
        # transaction opens and again just before it commits.
        self.fence = fence

    @property
    def reader(self):
        scope = self.db.reader.using(self)
        if self.db.read_bind is None:
            return scope
        return _reading(self, scope, self.db.read_bind)

    @property
    def writer(self):
        scope = self.db.writer.using(self)
        if self.fence is None:
            return scope
        return _fenced(scope, self.fence)


def _outermost(context):
    """Whether no transaction scope of ``context`` is open in this thread."""
    try:
        return context.transaction_ctx is None
    except db_exc.NoEngineContextEstablished:
        return True


@contextlib.contextmanager
def _reading(context, scope, bind):
    """``scope``, a reader; when it is the outermost scope, its session runs on
    ``bind`` (``Database.read_bind``: outside a transaction).  A reader inside
    a writer is the writer's transaction, as always."""
    outermost = _outermost(context)
    with scope as session:
        if outermost:
            session.bind = bind
        yield session


@contextlib.contextmanager
def _fenced(scope, fence):
    fence.check()
    with scope as session:
        yield session
        # Raising here rolls the transaction back instead of committing it.
        fence.check()


def admin_context(db, **kwargs):
    """A context for the service's own work (engines, periodic tasks, manage)."""
    kwargs.setdefault('is_admin', True)
    kwargs.setdefault('roles', ['admin'])
    return RequestContext(db=db, **kwargs)
