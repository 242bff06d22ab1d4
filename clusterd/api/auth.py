"""Who is calling: authentication and the request context.

``[api] auth_strategy = keystone`` puts keystonemiddleware's ``auth_token``
(configured from ``[keystone_authtoken]``) in front of everything but the public
paths (version discovery and webhook triggers, whose URL is their secret).  It runs
with ``delay_auth_decision`` so that a missing or bad token reaches
:class:`ContextMiddleware`, which answers 401 in the same error format as every
other error.

``noauth`` (clusterd-standalone) trusts the caller: any ``X-Auth-Token`` or HTTP
Basic credentials are accepted and ignored, ``X-User-Id``/``X-Project-Id``/
``X-Roles`` are used when present, and a caller who sends none is the ``admin``
user of project ``default``.
"""

import re

from keystonemiddleware import auth_token
from oslo_log import log as logging
import webob.dec

from clusterd.api import errors
from clusterd.api import rbac
from clusterd.api import util
from clusterd import context as context_mod
from clusterd.engine import trusts

LOG = logging.getLogger(__name__)

NOAUTH_USER = 'admin'
NOAUTH_PROJECT = 'default'
NOAUTH_ROLES = 'admin'

# Keystone's default implied roles: admin implies member implies reader.  Tokens
# already carry them; noauth callers name roles by hand, so they are added here.
IMPLIED_ROLES = {'admin': ('member', 'reader'), 'member': ('reader',)}

# clusterd.api.openapi.DOCUMENT_PATH (not imported: it imports every handler).
OPENAPI_DOCUMENT = '/v1/openapi.json'

_WEBHOOK_TRIGGER = re.compile(r'^/v1/webhooks/[^/]+/trigger/?$')


def is_public(environ):
    """Requests that need no token: discovery, the OpenAPI document and webhook
    triggers."""
    path = environ.get('PATH_INFO', '')
    if path.rstrip('/') in ('', '/v1', OPENAPI_DOCUMENT):
        return True
    return (environ.get('REQUEST_METHOD') == 'POST' and
            _WEBHOOK_TRIGGER.match(path) is not None)


def _with_implied(roles):
    result = []
    for role in roles:
        for name in (role,) + IMPLIED_ROLES.get(role.lower(), ()):
            if name not in result:
                result.append(name)
    return result


class NoAuthMiddleware:
    """Fill in the identity headers auth_token would have set."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        environ.setdefault('HTTP_X_USER_ID', NOAUTH_USER)
        environ.setdefault('HTTP_X_USER_NAME', environ['HTTP_X_USER_ID'])
        environ.setdefault('HTTP_X_PROJECT_ID', NOAUTH_PROJECT)
        environ.setdefault('HTTP_X_PROJECT_NAME', environ['HTTP_X_PROJECT_ID'])
        roles = [r.strip() for r in environ.get('HTTP_X_ROLES', NOAUTH_ROLES)
                 .split(',') if r.strip()]
        environ['HTTP_X_ROLES'] = ','.join(_with_implied(roles))
        environ['HTTP_X_IDENTITY_STATUS'] = 'Confirmed'
        return self.app(environ, start_response)


class KeystoneMiddleware:
    """auth_token for every request except the public ones."""

    def __init__(self, app, conf):
        self.app = app
        self.protected = auth_token.AuthProtocol(
            app, {'oslo_config_config': conf, 'delay_auth_decision': True})

    def __call__(self, environ, start_response):
        if is_public(environ):
            # NOTE: no token is checked here, so identity headers a caller sends
            # must not be believed: the context will be anonymous.
            environ['HTTP_X_IDENTITY_STATUS'] = 'Invalid'
            return self.app(environ, start_response)
        return self.protected(environ, start_response)


def make_auth_middleware(app, conf):
    if conf.api.auth_strategy == 'noauth':
        return NoAuthMiddleware(app)
    return KeystoneMiddleware(app, conf)


class ContextMiddleware:
    """Build the RequestContext of every request from the identity headers."""

    def __init__(self, app, conf, db, enforcer):
        self.app = app
        self.conf = conf
        self.db = db
        self.enforcer = enforcer

    @webob.dec.wsgify
    def __call__(self, request):
        environ = request.environ
        confirmed = environ.get('HTTP_X_IDENTITY_STATUS') == 'Confirmed'
        if not confirmed and not is_public(environ):
            raise errors.Unauthorized('Authentication is required; send a valid '
                                      'X-Auth-Token.')
        if confirmed:
            context = context_mod.RequestContext.from_environ(environ, db=self.db)
        else:
            context = context_mod.RequestContext(db=self.db, request_id=environ.get(
                'openstack.request_id'))
        context.is_admin = bool(context.roles) and self.enforcer.is_admin(context)
        if confirmed and self.conf.api.auth_strategy == 'keystone' and \
                trusts.wanted(self.conf):
            self._ensure_trust(context)
        environ[util.CONTEXT_KEY] = context
        environ[util.CONF_KEY] = self.conf
        environ[rbac.ENVIRON_KEY] = self.enforcer
        return request.get_response(self.app)

    @staticmethod
    def _trust_failure(context, exc):
        LOG.warning('No Keystone trust for user %s in project %s: %s; cloud '
                    'calls for them fail until a request of theirs makes one',
                    context.user_id, context.project_id, exc)

    def _ensure_trust(self, context):
        """Senlin's trust middleware: the caller's trust, found or made.  A
        failure does not fail the request (most need no cloud); the cloud calls
        that need the trust say it is missing."""
        try:
            trusts.ensure(context, self.conf)
        except Exception as exc:  # noqa: BLE001 - Keystone or the database
            self._trust_failure(context, getattr(exc, 'message', exc))
