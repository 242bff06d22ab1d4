"""Requests to the clustering API: endpoint, microversion, idempotency, errors.

The connection is the one python-openstackclient (osc-lib 4) has already made
from the command line, the ``OS_*`` variables or ``clouds.yaml``; its
clustering proxy finds the endpoint (catalog, ``--os-endpoint`` with the
``none`` auth type, or ``clustering_endpoint_override``) and discovers the
versions the server offers.  Every request names its microversion: the newest
that both this client and the server know, unless the user asked for one
(``--os-clustering-api-version 1.N``).

Answers are rendered through openstacksdk's clustering resources, as
python-senlinclient rendered them, so that columns and values stay the same.
"""

import importlib
from urllib import parse

from osc_lib import exceptions

API_NAME = 'clustering'

# The newest microversion this client knows, and what each later one brings.
NEWEST = (1, 16)
DRY_RUN = (1, 16)           # "dry_run": true on cluster actions and update
HEALTH = (1, 15)            # health in node and cluster bodies
ROTATE_SECRET = (1, 15)     # PATCH a receiver with "rotate_secret": true

# openstacksdk's resource class for each kind of body.
RESOURCES = {
    'action': ('action', 'Action'),
    'build_info': ('build_info', 'BuildInfo'),
    'cluster': ('cluster', 'Cluster'),
    'cluster_attr': ('cluster_attr', 'ClusterAttr'),
    'cluster_policy': ('cluster_policy', 'ClusterPolicy'),
    'event': ('event', 'Event'),
    'node': ('node', 'Node'),
    'policy': ('policy', 'Policy'),
    'policy_type': ('policy_type', 'PolicyType'),
    'profile': ('profile', 'Profile'),
    'profile_type': ('profile_type', 'ProfileType'),
    'receiver': ('receiver', 'Receiver'),
    'service': ('service', 'Service'),
}


def parse_version(text):
    """``'1.15'`` -> ``(1, 15)``; ``'1'`` -> ``(1, 0)``."""
    major, _, minor = str(text).partition('.')
    return int(major), int(minor or 0)


def path(prefix, *parts):
    """A request path: ``path('/clusters', 'web', 'actions')``; the parts
    (names or ids as typed) are quoted."""
    return '/'.join([prefix] + [parse.quote(str(part), safe='')
                                for part in parts])


def version_text(version):
    return '%d.%d' % tuple(version)


class ApiError(exceptions.CommandError):
    """The server refused a request; ``str()`` is its message, on one line."""

    def __init__(self, status, message, error_type=None):
        self.status = status
        self.error_type = error_type
        super().__init__(' '.join(str(message).split()))

    @classmethod
    def from_response(cls, response):
        try:
            body = response.json()
        except ValueError:
            body = None
        if isinstance(body, dict):
            error = body.get('error')
            if isinstance(error, dict) and error.get('message'):
                return cls(response.status_code, error['message'],
                           error.get('type'))
            if body.get('explanation') or body.get('message'):
                return cls(response.status_code,
                           body.get('explanation') or body.get('message'))
        text = (response.text or '').strip()[:300]
        return cls(response.status_code, 'HTTP %d %s%s' % (
            response.status_code, response.reason or '',
            (': ' + text) if text else ''))


class Response:
    """What a command needs of an answer: status, headers, JSON body."""

    def __init__(self, raw):
        self.status = raw.status_code
        self.headers = raw.headers
        try:
            self.body = raw.json() if raw.content else None
        except ValueError:
            self.body = None

    @property
    def action_id(self):
        """The action an accepted request started (``Location`` or body)."""
        location = self.headers.get('Location')
        if location and '/actions/' in location:
            return location.rstrip('/').rsplit('/', 1)[-1]
        if isinstance(self.body, dict) and isinstance(self.body.get('action'),
                                                      str):
            return self.body['action']
        return None


class Client:
    """The ``client_manager.clustering`` handle."""

    def __init__(self, instance):
        self._instance = instance
        self._proxy = None
        self._version = None
        self._offered = None
        asked = (getattr(instance, '_api_version', None) or {}).get(API_NAME)
        self.pinned = parse_version(asked) if asked and '.' in str(asked) \
            else None

    @property
    def connection(self):
        return self._instance.sdk_connection

    @property
    def proxy(self):
        if self._proxy is None:
            self._proxy = self.connection.clustering
        return self._proxy

    def offered(self):
        """(min, max) microversion the server advertises."""
        if self._offered is None:
            data = self.proxy.get_endpoint_data()
            low = getattr(data, 'min_microversion', None) or (1, 0)
            high = getattr(data, 'max_microversion', None) or low
            self._offered = (tuple(low[:2]), tuple(high[:2]))
        return self._offered

    @property
    def version(self):
        """The microversion of every request."""
        if self._version is None:
            low, high = self.offered()
            if self.pinned is not None:
                if not low <= self.pinned <= high:
                    raise exceptions.CommandError(
                        'The server offers clustering API %s to %s; %s was asked '
                        'for (--os-clustering-api-version).' % (
                            version_text(low), version_text(high),
                            version_text(self.pinned)))
                self._version = self.pinned
            else:
                self._version = min(NEWEST, high)
        return self._version

    def require(self, version, what):
        """Refuse, with a clear message, what the server (or the pinned
        microversion) is too old for."""
        if self.version >= tuple(version):
            return
        low, high = self.offered()
        if self.pinned is not None and high >= tuple(version):
            raise exceptions.CommandError(
                '%s needs clustering API %s; --os-clustering-api-version asks '
                'for %s.' % (what, version_text(version),
                             version_text(self.pinned)))
        raise exceptions.CommandError(
            '%s needs clustering API %s; the server offers %s to %s (too old).'
            % (what, version_text(version), version_text(low), version_text(high)))

    def request(self, method, path, body=None, params=None, idempotency_key=None,
                allow=()):
        """One request; an error answer raises :class:`ApiError` (unless its
        status is in ``allow``)."""
        headers = {'Accept': 'application/json'}
        if idempotency_key:
            headers['Idempotency-Key'] = idempotency_key
        kwargs = {'headers': headers, 'raise_exc': False,
                  'microversion': version_text(self.version)}
        if body is not None:
            kwargs['json'] = body
        if params:
            kwargs['params'] = params
        raw = self.proxy.request(path, method, **kwargs)
        if raw.status_code >= 400 and raw.status_code not in allow:
            raise ApiError.from_response(raw)
        return Response(raw)

    def get(self, path, params=None):
        return self.request('GET', path, params=params).body

    def listing(self, path, key, params=None, limit=None, marker=None):
        """Items of a list.  ``limit`` is the most to return (one request);
        without it, one request answers the whole list."""
        query = dict(params or {})
        if limit is not None:
            query['limit'] = limit
        if marker is not None:
            query['marker'] = marker
        return self.get(path, query)[key]

    def resource(self, kind, body):
        """openstacksdk's resource for a body (its attribute names and its
        computed ``location``, as python-senlinclient showed them)."""
        module_name, class_name = RESOURCES[kind]
        module = importlib.import_module('openstack.clustering.v1.' +
                                         module_name)
        return getattr(module, class_name).existing(connection=self.connection,
                                                    **body)

