"""The one list of API microversions clusterd serves, with a reason for each.

A request names its version with ``OpenStack-API-Version: clustering X.Y`` (or,
as Senlin also accepted, ``Accept: application/vnd.openstack.clustering-X.Y``).
No version means 1.0, ``latest`` the newest; a malformed one is a 400 and one
outside the list a 406.  Every versioned response echoes the version and says
``Vary: OpenStack-API-Version``.

A handler that exists only from (or until) some version is declared with
:func:`versioned`; called outside its window it answers 400 ``API version 'x' is
not supported on this method.``, as Senlin did.  Response shapes that change with
the version ask ``request_version(req) >= Version(1, 14)``.
"""

import collections
import functools
import re

import microversion_parse
import webob.dec

from clusterd.api import errors
from clusterd.api import util

SERVICE_TYPE = 'clustering'
HEADER = 'OpenStack-API-Version'
ENVIRON_KEY = 'clusterd.microversion'

VERSIONS = [
    ('1.0', 'Initial version (Senlin v1).'),
    ('1.1', 'Microversion header support.'),
    ('1.2', 'Cluster collect; profile and policy validate.'),
    ('1.3', 'replace_nodes cluster action.'),
    ('1.4', 'Profile type ops, node and cluster ops, receiver user filter, '
            'destroy_after_deletion.'),
    ('1.5', 'support_status in profile and policy types.'),
    ('1.6', 'profile_only on cluster update; check on recover.'),
    ('1.7', 'Node adopt and adopt-preview, receiver update, services, cluster config.'),
    ('1.8', 'force on cluster and node delete.'),
    ('1.9', 'complete_lifecycle cluster action.'),
    ('1.10', 'Webhook trigger inputs are the raw JSON body.'),
    ('1.11', 'Scaling conflicts and cooldowns answer 409.'),
    ('1.12', 'Action cancel (PATCH /actions/{id}).'),
    ('1.13', 'tainted in node bodies.'),
    ('1.14', 'cluster_id in action bodies.'),
    ('1.15', 'clusterd: health in node and cluster bodies; receiver secret '
             'rotation.'),
    ('1.16', 'clusterd: dry_run on cluster actions, cluster update and node '
             'delete (200 with the plan, nothing changed).'),
]

MIN_VERSION = VERSIONS[0][0]
MAX_VERSION = VERSIONS[-1][0]

_VERSION_RE = re.compile(r'^(0|[1-9]\d*)\.(0|[1-9]\d*)$')
_ACCEPT_RE = re.compile(
    r'^application/vnd\.openstack\.clustering-(\d+\.\d+|latest)(\+json)?$')


class Version(collections.namedtuple('Version', 'major minor')):

    @classmethod
    def parse(cls, text):
        match = _VERSION_RE.match(text.strip())
        if match is None:
            raise errors.BadRequest(
                "API version '%s' is of invalid format; it must be 'major.minor' "
                "or 'latest'." % text)
        return cls(int(match.group(1)), int(match.group(2)))

    def __str__(self):
        return '%d.%d' % self

    def matches(self, min_version=None, max_version=None):
        return ((min_version is None or self >= min_version) and
                (max_version is None or self <= max_version))


MIN = Version.parse(MIN_VERSION)
MAX = Version.parse(MAX_VERSION)

# (handler name, min, max) of every handler declared with @versioned.
VERSIONED_HANDLERS = []


def _requested(environ):
    headers = {HEADER: environ.get('HTTP_OPENSTACK_API_VERSION', '')}
    try:
        text = microversion_parse.get_version(headers, service_type=SERVICE_TYPE)
    except ValueError:
        raise errors.BadRequest("The %s header '%s' cannot be parsed." %
                                (HEADER, headers[HEADER]))
    if text is None:
        for item in environ.get('HTTP_ACCEPT', '').split(','):
            match = _ACCEPT_RE.match(item.split(';')[0].strip())
            if match:
                text = match.group(1)
                break
    return text


def parse(environ):
    """The :class:`Version` a request asks for (MIN when it names none)."""
    text = _requested(environ)
    if text is None:
        return MIN
    if text.strip() == 'latest':
        return MAX
    version = Version.parse(text)
    if not version.matches(MIN, MAX):
        raise errors.InvalidGlobalAPIVersion(
            "Version '%s' is not supported by the API. Minimum is '%s' and maximum "
            "is '%s'." % (version, MIN, MAX))
    return version


def request_version(request):
    return request.environ.get(ENVIRON_KEY, MIN)


class MicroversionMiddleware:
    """Parse the version of every ``/v1/...`` request and echo it."""

    def __init__(self, app):
        self.app = app

    @webob.dec.wsgify
    def __call__(self, request):
        try:
            # NOTE: the first to read the path; a URL no handler could read
            # is refused here, before anything can fail on it.
            util.check_text(request)
        except errors.APIError as exc:
            return errors.response(exc)
        if request.path_info.rstrip('/') in ('', '/v1'):
            # Discovery answers whatever version a client asks for.
            return request.get_response(self.app)
        try:
            version = parse(request.environ)
        except errors.APIError as exc:
            return errors.response(exc)
        request.environ[ENVIRON_KEY] = version
        response = request.get_response(self.app)
        response.headers[HEADER] = '%s %s' % (SERVICE_TYPE, version)
        response.headers['Vary'] = HEADER
        return response


def versioned(min_version, max_version=None):
    """Declare the version window of a handler (see the module docstring)."""
    low = Version.parse(min_version)
    high = Version.parse(max_version) if max_version else None

    def decorate(handler):
        @functools.wraps(handler)
        def wrapper(request):
            version = request_version(request)
            if not version.matches(low, high):
                raise errors.MethodVersionNotFound(version)
            return handler(request)
        wrapper.min_version = low
        wrapper.max_version = high
        VERSIONED_HANDLERS.append(
            ('%s.%s' % (handler.__module__, handler.__qualname__), low, high))
        return wrapper
    return decorate
