"""Response and request plumbing shared by every handler.

A handler is a short script over these helpers::

    def show_thing(req):
        context = util.context(req)
        rbac.authorize(req, 'things:get')
        thing = lookup.find(context, thing_obj.Thing, req.urlvars['thing_id'])
        return util.json_response({'thing': serialize(thing)})

and, for a body, ``data = util.extract_json(req, schemas.thing.CREATE)``.
"""

import datetime
import json

import jsonschema
from oslo_log import log as logging
import webob

from clusterd.api import errors
from clusterd.db import faults

CONTEXT_KEY = 'clusterd.context'
CONF_KEY = 'clusterd.conf'
ENGINE_KEY = 'clusterd.engine_client'

LOG = logging.getLogger(__name__)


class EngineClientMiddleware:
    """Puts the engine client where :func:`nudge` finds it."""

    def __init__(self, app, client):
        self.app = app
        self.client = client

    def __call__(self, environ, start_response):
        environ[ENGINE_KEY] = self.client
        return self.app(environ, start_response)


def nudge(req, fanout=False):
    """Tell the engines a READY action is waiting (best effort, never fails).

    Call it after the transaction that wrote the action has committed.
    """
    client = req.environ.get(ENGINE_KEY)
    if client is None:
        return
    try:
        client.start_action(fanout=fanout)
    except Exception as exc:
        # One line: during a broker outage every request lands here.
        LOG.warning('Could not nudge the engines (%s); they will find the '
                    'action at their next scan', faults.summary(exc))


def context(req):
    """The :class:`clusterd.context.RequestContext` of the request."""
    return req.environ[CONTEXT_KEY]


def conf(req):
    return req.environ[CONF_KEY]


def body_or(req, default):
    """The JSON body, or ``default`` when the request has none (Senlin treated a
    missing body of an action request as an empty one)."""
    if not req.body:
        return default
    return extract_json(req)


def accepted(req, action_id, body=None):
    """202 with the action's Location, and ``body`` (else an empty body)."""
    headers = {'Location': url(req, '/v1/actions/%s' % action_id)}
    if body is None:
        return empty_response(202, headers)
    return json_response(body, 202, headers)


def _default(value):
    if isinstance(value, datetime.datetime):
        return isotime(value)
    # Decimal epoch seconds of action start/end times, and sets.
    if hasattr(value, 'as_integer_ratio'):
        return float(value)
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    raise TypeError('%r is not JSON serializable' % (value,))


def json_text_response(text, status=200):
    """A response whose body is ``text``, already JSON."""
    response = webob.Response(status=status, content_type='application/json',
                              charset='UTF-8')
    response.body = text.encode('utf-8')
    return response


def json_response(body, status=200, headers=None):
    response = json_text_response(json.dumps(body, default=_default), status)
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def empty_response(status=204, headers=None):
    response = webob.Response(status=status, headerlist=[])
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def url(req, path):
    """Absolute URL of ``path`` (e.g. '/v1/actions/<id>') as the client sees us."""
    public = conf(req).api.public_endpoint
    return (public or req.host_url).rstrip('/') + path


def isotime(value):
    """Senlin's timestamp format: '2016-01-18T00:00:00Z' (UTC, no fraction)."""
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(datetime.timezone.utc)
    return value.strftime('%Y-%m-%dT%H:%M:%SZ')


_TRUE = ('true', '1', 'yes', 'on', 't', 'y')
_FALSE = ('false', '0', 'no', 'off', 'f', 'n', '')


def parse_bool(name, value):
    """A boolean query or body value as Senlin accepted it ('True', 'false', 1...)."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise errors.InvalidParameter(name, value)


def check_text(req):
    """400 unless the path and query string are UTF-8 without NUL characters.

    Run before anything reads them: webob raises UnicodeDecodeError on other
    bytes, and no database column takes a NUL (PostgreSQL refuses the whole
    statement), which were 500s.
    """
    try:
        path = req.path_info
        query = req.GET.items()
    except UnicodeDecodeError:
        raise errors.BadRequest('The request URL is not valid UTF-8 once '
                                'percent-decoded.')
    if '\x00' in path:
        raise errors.BadRequest('The request path contains a NUL character.')
    for name, value in query:
        if '\x00' in name or '\x00' in value:
            raise errors.BadRequest("Invalid value for query parameter '%s': NUL "
                                    "characters are not allowed." %
                                    name.replace('\x00', '\\x00'))


def _check_strings(value, path=()):
    """400 naming the first string of a JSON document no database takes: one
    with a NUL character, or a lone surrogate (``"\\ud800"``, not UTF-8)."""
    if isinstance(value, str):
        problem = None
        if '\x00' in value:
            problem = 'NUL characters are not allowed'
        else:
            try:
                value.encode('utf-8')
            except UnicodeEncodeError:
                problem = 'unpaired surrogates are not valid Unicode'
        if problem:
            raise errors.BadRequest("Invalid value for '%s': %s." % (
                '.'.join(path).encode('utf-8', 'backslashreplace').decode(
                    'utf-8').replace('\x00', '\\x00'), problem))
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_strings(key, path + (key,))
            _check_strings(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check_strings(item, path + (str(index),))


def _finite(text):
    number = float(text)
    if number in (float('inf'), float('-inf')):
        raise errors.BadRequest('The number %s in the request body is too '
                                'large.' % text[:40])
    return number


def _no_constant(name):
    raise errors.BadRequest("The request body is not valid JSON: '%s' is not a "
                            "JSON value." % name)


def extract_json(req, schema=None):
    """The request's JSON body, validated against ``schema`` when given.

    :raises errors.BadRequest: no body, malformed JSON, or a schema violation
        (the message is jsonschema's, e.g. "'name' is a required property")
    """
    raw = req.body
    if not raw:
        raise errors.BadRequest('The request body is empty; a JSON document is '
                                'required.')
    try:
        text = raw.decode('utf-8')
    except UnicodeDecodeError:
        raise errors.BadRequest('The request body is not UTF-8 encoded JSON.')
    try:
        # NOTE: NaN, Infinity and 1e400 would be stored and answered back as
        # JSON no strict parser reads.
        data = json.loads(text, parse_float=_finite, parse_constant=_no_constant)
    except ValueError as exc:
        raise errors.BadRequest('Malformed JSON in the request body: %s.' % exc)
    _check_strings(data)
    if schema is not None:
        validate(schema, data)
    return data


def validate(schema, data):
    """Check ``data`` against a JSON Schema; raise BadRequest naming the problem."""
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if error is not None:
        raise errors.BadRequest(error.message)
