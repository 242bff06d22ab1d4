"""Every error the API answers, and the one layer that renders them.

Handlers raise an :class:`APIError` subclass; :class:`FaultMiddleware` turns it
into Senlin's error body, which openstacksdk and the CLI read (``error.message``)::

    {"code": 404, "title": "Not Found", "explanation": "...",
     "error": {"code": 404, "message": "The action 'x' could not be found.",
               "type": "ResourceNotFound"}}

Anything else that escapes a handler is logged with its traceback and answered
500 without one.  A database that cannot be reached, is restarting or is shutting
down (:func:`clusterd.db.faults.unavailable`: SQLAlchemy's disconnect detection
and the drivers' error codes) is a 503 with ``Retry-After`` and one warning line,
not a traceback per request; so is a deadlock or lock wait timeout that the
write's own retries did not get past (its transaction was rolled back whole).
"""

import json

from oslo_log import log as logging
import webob
import webob.dec

from clusterd.db import faults

LOG = logging.getLogger(__name__)

# Seconds a client is asked to wait after a 503 (a database restart takes a
# few seconds; the pool reconnects on the first request after it).
RETRY_AFTER = 2

# status -> (title, explanation): the generic part of the body.
_STATUS = {
    400: ('Bad Request', 'The server could not comply with the request since it '
                         'is either malformed or otherwise incorrect.'),
    401: ('Unauthorized', 'This server could not verify that you are authorized '
                          'to access the document you requested.'),
    403: ('Forbidden', 'Access was denied to this resource.'),
    404: ('Not Found', 'The resource could not be found.'),
    405: ('Method Not Allowed', 'The method is not allowed for this resource.'),
    406: ('Not Acceptable', 'The requested API version is not acceptable.'),
    409: ('Conflict', 'There was a conflict when trying to complete your request.'),
    413: ('Request Entity Too Large', 'The request body is too large.'),
    422: ('Unprocessable Entity', 'The request cannot be processed as sent.'),
    429: ('Too Many Requests', 'Too many requests; retry after the time in '
                               'Retry-After.'),
    500: ('Internal Server Error', 'The server has either erred or is incapable of '
                                   'performing the requested operation.'),
    501: ('Not Implemented', 'The server does not implement this operation yet.'),
    503: ('Service Unavailable', 'The server is currently unavailable.'),
}


class APIError(Exception):
    """An error with an HTTP status; ``error_type`` is the body's ``error.type``."""

    status = 500
    error_type = 'InternalError'

    def __init__(self, message, headers=None):
        super().__init__(message)
        self.message = message
        self.headers = headers or {}


class BadRequest(APIError):
    status = 400
    error_type = 'BadRequest'


class InvalidSpec(BadRequest):
    """A profile or policy spec that does not fit its type (Senlin's type)."""
    error_type = 'InvalidSpec'


class InvalidParameter(BadRequest):
    error_type = 'InvalidParameter'

    def __init__(self, name, value):
        super().__init__("Invalid value '%s' specified for '%s'" % (value, name))


class MultipleChoices(BadRequest):
    error_type = 'MultipleChoices'

    def __init__(self, identity):
        super().__init__("Multiple results found matching the query criteria "
                         "'%s'. Please be more specific." % identity)


class MethodVersionNotFound(BadRequest):
    error_type = 'MethodVersionNotFound'

    def __init__(self, version):
        super().__init__("API version '%s' is not supported on this method." %
                         (version,))


class Unauthorized(APIError):
    status = 401
    error_type = 'Unauthorized'


class Forbidden(APIError):
    status = 403
    error_type = 'Forbidden'

    def __init__(self, message='You are not authorized to complete this '
                               'operation.'):
        super().__init__(message)


class NotFound(APIError):
    status = 404
    error_type = 'ResourceNotFound'

    @classmethod
    def of(cls, kind, identity):
        return cls("The %s '%s' could not be found." % (kind, identity))


class MethodNotAllowed(APIError):
    status = 405
    error_type = 'MethodNotAllowed'

    def __init__(self, method, allowed):
        super().__init__("The method %s is not allowed for this resource; "
                         "allowed: %s." % (method, ', '.join(allowed)),
                         headers={'Allow': ', '.join(allowed)})


class InvalidGlobalAPIVersion(APIError):
    status = 406
    error_type = 'InvalidGlobalAPIVersion'


class Conflict(APIError):
    status = 409
    error_type = 'Conflict'


class RequestTooLarge(APIError):
    status = 413
    error_type = 'RequestLimitExceeded'


class NotImplementedYet(APIError):
    status = 501
    error_type = 'NotImplemented'

    def __init__(self, what):
        super().__init__('%s is not implemented yet.' % what)


def body(status, message, error_type):
    title, explanation = _STATUS.get(status, (str(status), message))
    return {'code': status, 'title': title, 'explanation': explanation,
            'error': {'code': status, 'message': message, 'type': error_type}}


def response(exc):
    """The webob response of an :class:`APIError`."""
    resp = webob.Response(status=exc.status, content_type='application/json',
                          charset='UTF-8')
    resp.body = json.dumps(body(exc.status, exc.message,
                                exc.error_type)).encode('utf-8')
    for name, value in exc.headers.items():
        resp.headers[name] = value
    return resp


class FaultMiddleware:
    """Render every error raised below as Senlin's JSON error body."""

    def __init__(self, app):
        self.app = app

    @webob.dec.wsgify
    def __call__(self, request):
        try:
            return request.get_response(self.app)
        except APIError as exc:
            return response(exc)
        except Exception as exc:
            if faults.unavailable(exc):
                return response(unavailable(request, exc))
            if faults.transient(exc):
                return response(busy(request, exc))
            LOG.exception('Unexpected error in %s %s', request.method,
                          request.path)
            return response(APIError('Unexpected error; see the service log '
                                     'for request %s.' %
                                     request.environ.get('openstack.request_id')))


class ServiceUnavailable(APIError):
    status = 503
    error_type = 'ServiceUnavailable'


def unavailable(request, exc):
    """The 503 for a request that failed because the database is away, after
    one warning line naming the request and the error."""
    LOG.warning('%s %s: the database is unavailable (%s); answering 503',
                request.method, request.path, faults.summary(exc))
    return ServiceUnavailable('The database is not reachable.',
                              headers={'Retry-After': str(RETRY_AFTER)})


def busy(request, exc):
    """The 503 for a request whose transaction lost a deadlock (or waited
    past the lock timeout) more times than it was tried: nothing it wrote was
    kept, and the same request may be sent again."""
    LOG.warning('%s %s: the database was busy (%s); answering 503',
                request.method, request.path, faults.summary(exc))
    return ServiceUnavailable('The database was busy; nothing was changed. '
                              'Try the request again.',
                              headers={'Retry-After': '1'})


# --- Senlin's typed refusals --------------------------------------------------------
# Clients read only ``error.message``, but the ``error.type`` Senlin gave is kept
# (``ResourceInUse``, ``ActionInProgress``...) so that logs and scripts that match
# on it keep working.


class ResourceInUse(Conflict):
    error_type = 'ResourceInUse'


class ActionInProgress(Conflict):
    error_type = 'ActionInProgress'


class ActionConflict(Conflict):
    error_type = 'ActionConflict'


class ActionImmutable(Conflict):
    error_type = 'ActionImmutable'


class FeatureNotSupported(Conflict):
    error_type = 'FeatureNotSupported'


class PolicyBindingNotFound(NotFound):
    error_type = 'PolicyBindingNotFound'


def refuse(problems):
    """One 400 listing every problem found (one per line), if there is any."""
    if problems:
        raise BadRequest('\n'.join(problems))


def spec_problem(exc):
    """The message of a :class:`clusterd.schema.InvalidSpec`, naming the field
    unless the reason does.

    A top-level item of ``properties`` is quoted by the reason itself
    ("Unrecognizable spec item 'bogus'", Senlin's words, which its tempest suite
    checks); deeper problems keep their path ("properties.latency: ...").
    """
    if exc.path in (None, 'properties'):
        return exc.reason
    return str(exc)
