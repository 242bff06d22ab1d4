"""The API's middleware, composed in code.  Outermost first:

1. ``http_proxy_to_wsgi`` — honour X-Forwarded-Proto/Host from a TLS proxy, so
   Location headers and webhook URLs carry the address clients use;
2. ``request_id`` — every response carries ``x-openstack-request-id``, and every log
   line of the request names it;
3. microversion — parse the requested version before anything can fail, so that
   every answer, errors included, echoes it;
4. fault — from here down, any exception becomes Senlin's JSON error body;
5. body size limit — before anything reads a body;
6. authentication — keystonemiddleware's auth_token, or noauth in standalone;
7. context — the RequestContext (and the rbac enforcer) for the handlers; a
   request without a confirmed identity stops here with 401;
8. idempotency — a mutating request with an ``Idempotency-Key`` runs once and its
   replays get the first answer; it needs the context (the caller's project) and
   renders the errors below it itself, so that an error answer is kept too;
9. the engine client, for handlers that nudge engines after writing an action;
10. the router.
"""

import threading

from oslo_log import log as logging
from oslo_middleware import http_proxy_to_wsgi
from oslo_middleware import request_id
from oslo_utils import uuidutils
import webob

from clusterd.api import auth
from clusterd.api import cluster_rows
from clusterd.api import errors
from clusterd.api import idempotency
from clusterd.api import limits
from clusterd.api import lookup
from clusterd.api import microversion
from clusterd.api import rbac
from clusterd.api import router
from clusterd.api import util
from clusterd import context as context_mod
from clusterd.engine import requests
from clusterd.objects import cluster as cluster_obj
from clusterd.objects import profile as profile_obj
from clusterd import plugins

LOG = logging.getLogger(__name__)

# Database connections opened at start at least (warm_up opens one per server
# thread, up to the pool's size, when it is told the threads).
WARM_CONNECTIONS = 4


def make_app(conf, db, engine_client=None):
    """Build the WSGI application for ``conf`` over the database ``db``.

    :param engine_client: a :class:`clusterd.engine.rpcapi.EngineClient` to nudge
        the engines after a request wrote an action (none: engines find the work
        at their next database scan)
    """
    app = router.Router()
    app = util.EngineClientMiddleware(app, engine_client)
    app = idempotency.IdempotencyMiddleware(app, conf)
    app = auth.ContextMiddleware(app, conf, db, rbac.Enforcer(conf))
    app = auth.make_auth_middleware(app, conf)
    app = limits.BodySizeLimit(app, conf.api.max_body_size)
    app = errors.FaultMiddleware(app)
    app = microversion.MicroversionMiddleware(app)
    app = request_id.RequestId(app)
    app = http_proxy_to_wsgi.HTTPProxyToWSGI(app, conf)
    return app


def warm_up(db, engine_client=None, connections=WARM_CONNECTIONS, threads=0):
    """What the first request would otherwise pay for, done at start: the
    profile and policy plugins loaded, ``connections`` database connections
    opened into the pool, the statements of the commonest lookups compiled,
    and the RPC connection opened by a cast (a nudge: engines look for READY
    work, which is harmless).  It opens at least one connection per server
    thread (``threads``), up to the pool's size: a burst of requests otherwise
    opened them while it was served, about 30 ms of CPU each on MariaDB
    (PyMySQL builds a TLS context per connection), a third of the API's CPU
    for 20 clusters created at once.  Best effort: a database or broker that
    does not answer yet is only logged.
    """
    plugins.profile_types()
    plugins.policy_types()
    pool = db.engine.pool
    # (SQLite's :memory: pool, a StaticPool, has one connection and no size.)
    pooled = pool.size() if hasattr(pool, 'size') else 1
    try:
        db.open_connections(max(connections, min(threads, pooled)))
        _warm_lookups(db)
    except Exception as exc:
        LOG.warning('Could not use the database at start: %s', exc)
    if engine_client is not None:
        # In a thread: with the broker away, the cast may take its time to fail.
        def nudge():
            try:
                engine_client.start_action()
            except Exception as exc:
                LOG.warning('Could not reach the engines at start: %s', exc)
        threading.Thread(target=nudge, name='rpc-warm-up', daemon=True).start()


def _warm_lookups(db):
    """Look up a cluster and a profile that do not exist, as an admin and as a
    member: SQLAlchemy compiles each statement on its first use, and these are
    the reads of creating a cluster and of showing it (the first create after
    start spent about 10 ms more in the API than the next ones)."""
    ghost = uuidutils.generate_uuid()
    for is_admin in (True, False):
        req = webob.Request.blank('/')
        req.environ[util.CONTEXT_KEY] = context_mod.RequestContext(
            db=db, user_id='warm-up', project_id='warm-up', roles=[],
            is_admin=is_admin)
        for find in (lambda: cluster_rows.find(req, ghost),
                     lambda: lookup.find(req, profile_obj.Profile, ghost,
                                         ('id', 'type'))):
            try:
                find()
            except errors.NotFound:
                pass
        cluster_obj.Cluster.count_in_project(util.context(req))
    _warm_create(db)


class _RollBack(Exception):
    """Ends the warm-up's create, undoing it."""


def _warm_create(db):
    """Write what a POST /v1/clusters writes (a cluster and its action, on a
    profile), in a transaction rolled back: their INSERTs are compiled for the
    columns the request gives, as the lookups above."""
    ctx = context_mod.RequestContext(db=db, user_id='warm-up',
                                     project_id='warm-up', is_admin=True)
    try:
        with ctx.writer:
            profile = profile_obj.Profile.create(
                ctx, name='warm-up', type='warm-up', spec={}, project='warm-up',
                user='warm-up')
            requests.create_cluster(ctx, 3600, name='warm-up',
                                    profile_id=profile.id, min_size=0,
                                    max_size=-1, desired_capacity=0)
            raise _RollBack()
    except _RollBack:
        pass
