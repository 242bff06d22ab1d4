"""What clusterd's Heat resources share: the API client, waits, constraints.

The resources talk to clusterd through openstacksdk's clustering proxy of the
stack's connection (``self.client('openstack').clustering``): Heat's Keystone
session (the stack owner's trust), the ``clustering`` endpoint of the catalog and
version discovery.  They send Senlin's v1 requests on it themselves rather than
through the SDK's resource methods, because those drop what the resources need:
the action of a create or update is only in its ``Location`` header (the SDK's
``location`` is the cloud's location), and bodies are used as the API spells
them (a cluster's ``nodes``).  No microversion header is sent, so clusterd acts
as API 1.0, as for the Heat resources of Senlin's time; only the calls that need
more ask for it.

A refusal (4xx) surfaces at once as openstacksdk's exception carrying clusterd's
message; an action that ends FAILED is a :class:`ResourceInError`, which Heat
retries up to ``action_retry_limit`` times as for any resource that went to error.
"""

import urllib.parse

from openstack import exceptions as sdk_exceptions

from heat.common import exception
from heat.engine import clients
from heat.engine import constraints
from heat.engine import resource
from heat.engine import support

# Cluster collect (GET /clusters/{id}/attrs/{path}) came with API 1.2.
COLLECT_VERSION = '1.2'
# clusterd's health in cluster and node bodies.
HEALTH_VERSION = '1.15'

# Error types of a 409 that may mean "busy for now" (see Step).
BUSY_ERRORS = ('ActionInProgress', 'ActionConflict')
UNFINISHED = ('INIT', 'WAITING', 'READY', 'RUNNING', 'WAITING_LIFECYCLE_COMPLETION')


def quoted(identity):
    """A name or id as one path segment."""
    return urllib.parse.quote(str(identity), safe='')


def error_type(exc):
    """The ``error.type`` of clusterd's error body, or None."""
    try:
        return exc.response.json()['error']['type']
    except Exception:  # noqa: BLE001 - no JSON body, or not Senlin's shape
        return None


class API:
    """clusterd's REST API on the stack's clustering proxy."""

    def __init__(self, proxy):
        self.proxy = proxy

    def request(self, method, path, body=None, microversion=None):
        """Send one request; raise openstacksdk's exception on an error.

        :param path: under the versioned endpoint, e.g. ``/clusters``
        :returns: (decoded JSON body or {}, the id of the action it started or None)
        :raises openstack.exceptions.HttpException: clusterd refused it; the
            exception's ``details`` is clusterd's message
        """
        kwargs = {}
        if body is not None:
            kwargs['json'] = body
        if microversion is not None:
            kwargs['microversion'] = microversion
        response = self.proxy.request(path, method, **kwargs)
        sdk_exceptions.raise_from_response(response)
        data = response.json() if response.content else {}
        return data, self._action_id(response, data)

    @staticmethod
    def _action_id(response, data):
        # Cluster and node actions name it in the body; creates, updates and
        # deletes only in Location (<endpoint>/v1/actions/<id>).
        if isinstance(data, dict) and isinstance(data.get('action'), str):
            return data['action']
        location = response.headers.get('Location')
        if location and '/actions/' in location:
            return location.rstrip('/').rsplit('/', 1)[-1]
        return None

    def get(self, path, microversion=None):
        return self.request('GET', path, microversion=microversion)[0]

    def action_ended(self, action_id):
        """True once the action SUCCEEDED, False while it runs.

        :raises exception.ResourceInError: it ended FAILED or CANCELLED; the
            reason is the action's
        """
        action = self.get('/actions/%s' % quoted(action_id))['action']
        if action['status'] == 'SUCCEEDED':
            return True
        if action['status'] in ('FAILED', 'CANCELLED'):
            raise exception.ResourceInError(
                status_reason='%s %s: %s' % (action['action'], action['status'],
                                             action.get('status_reason')),
                resource_status=action['status'])
        return False

    def actions_running(self, filters):
        """True if an action matching ``filters`` has not ended."""
        query = urllib.parse.urlencode(
            sorted(filters.items()) + [('status', status) for status in UNFINISHED] +
            [('limit', 1)])
        return bool(self.get('/actions?' + query)['actions'])

    def gone(self, path):
        """True when GET ``path`` is a 404."""
        try:
            self.get(path)
        except sdk_exceptions.NotFoundException:
            return True
        return False


class Step:
    """One request to clusterd and the action it starts, waited for.

    A resource's ``handle_*`` returns a list of steps and its
    ``check_*_complete`` runs them in order (:func:`run`): Heat calls it again
    until it returns True, so each call sends at most what is due and polls the
    action once.  Steps are plain objects: Heat keeps them in memory between polls.

    clusterd refuses an action on a busy cluster or node at once (409) where
    Senlin queued it; Heat updates independent resources at the same time (a
    node joining a cluster while a policy's binding changes), so a step that
    meets another action sends its request again at the next poll.  A 409 while
    nothing else runs is a refusal (e.g. a second scaling policy for one event)
    and fails the resource, after one more try in case the other action ended
    between the two answers.
    """

    def __init__(self, method, path, body=None, skip=(), busy=None, action_id=None):
        """:param skip: HTTP statuses that mean there is nothing to do (a
            detach from a cluster that is gone)
        :param busy: the action list filter (``{'cluster_id': id}`` or
            ``{'target': id}``) that finds what a 409 may be waiting for
        :param action_id: an action already started (the request was sent)
        """
        self.method = method
        self.path = path
        self.body = body
        self.skip = tuple(skip)
        self.busy = busy
        self.sent = action_id is not None
        self.action_id = action_id
        self.idle_conflicts = 0
        self.done = False

    @classmethod
    def started(cls, action_id):
        return cls(None, None, action_id=action_id)

    def advance(self, api):
        """Send the request if not yet done; True once its action succeeded."""
        if self.done:
            return True
        if not self.sent:
            try:
                _, self.action_id = api.request(self.method, self.path, self.body)
            except sdk_exceptions.HttpException as exc:
                if exc.status_code in self.skip:
                    self.done = True
                    return True
                if self._wait_for_others(api, exc):
                    return False
                raise
            self.sent = True
        self.done = self.action_id is None or api.action_ended(self.action_id)
        return self.done

    def _wait_for_others(self, api, exc):
        if self.busy is None or error_type(exc) not in BUSY_ERRORS:
            return False
        if api.actions_running(self.busy):
            return True
        self.idle_conflicts += 1
        return self.idle_conflicts < 2


class Gone:
    """Waits until GET ``path`` answers 404 (the object's delete finished)."""

    def __init__(self, path):
        self.path = path
        self.done = False

    def advance(self, api):
        self.done = self.done or api.gone(self.path)
        return self.done


def run(api, steps):
    """Advance ``steps`` in order; True when all are done."""
    return all(step.advance(api) for step in steps or ())


def spec(type_name, properties):
    """A spec from Heat's ``type`` (``os.nova.server-1.0``) and ``properties``."""
    name, _, version = type_name.rpartition('-')
    if not name:
        raise exception.StackValidationFailed(
            message="The type '%s' names no version (e.g. os.nova.server-1.0)."
                    % type_name)
    return {'type': name, 'version': version, 'properties': properties or {}}


def changed(new, old):
    """The items of ``new`` whose value differs from ``old``'s."""
    return {key: value for key, value in new.items() if value != old.get(key)}


class Finder:
    """Name-to-id lookups for Heat's RESOLVE translation rules.

    Heat calls ``getattr(finder, '<method>')(value)``; ids and unique names both
    resolve through clusterd's own lookup (``GET /<collection>/<name or id>``).
    """

    def __init__(self, resource_instance):
        self.resource = resource_instance

    def _id(self, collection, key, value):
        api = API(self.resource.client().clustering)
        return api.get('/%s/%s' % (collection, quoted(value)))[key]['id']

    def profile_id(self, value):
        return self._id('profiles', 'profile', value)

    def cluster_id(self, value):
        return self._id('clusters', 'cluster', value)

    def policy_id(self, value):
        return self._id('policies', 'policy', value)


class ClusterdResource(resource.Resource):
    """A clusterd object behind a Heat resource.

    Subclasses set ``collection`` (``clusters``) and ``body_key`` (``cluster``): the
    resource's ``show`` attribute and its other attributes come from
    ``GET /<collection>/<id>``.
    """

    support_status = support.SupportStatus(
        version='6.0.0',
        message='Served by clusterd (the plugin directory clusterd/heat).')

    default_client_name = 'openstack'
    collection = None
    body_key = None
    # The microversion of the show call (None: 1.0, as Heat's Senlin resources).
    show_version = None

    @classmethod
    def is_service_available(cls, context):
        """Available when the catalog has a ``clustering`` endpoint.

        Heat's own check asks the default client's service types, which for the
        ``openstack`` client is the network service: not what these types need.
        """
        plugin = clients.Clients(context).client_plugin(cls.default_client_name)
        if plugin.does_endpoint_exist(service_type='clustering',
                                      service_name=cls.default_client_name):
            return (True, None)
        return (False, 'there is no clustering endpoint in the service catalog')

    def api(self):
        return API(self.client().clustering)

    def finder(self):
        return Finder(self)

    def path(self, *more):
        return '/'.join(['', self.collection, quoted(self.resource_id)] +
                        [quoted(part) for part in more])

    def name_or_default(self, values):
        """``values['name']`` (properties, or a property diff) if set, else the
        physical resource name, as Heat's resources of Senlin's time did."""
        return values.get('name') or self.physical_resource_name()

    def fetch(self):
        """The object's body as clusterd shows it."""
        found = self.api().get(self.path(), microversion=self.show_version)
        return found[self.body_key]

    def _show_resource(self):
        return self.fetch()

    def _resolve_attribute(self, name):
        if self.resource_id is None:
            return None
        return self.fetch().get(name)

    def delete_at_once(self):
        """DELETE an object that has no action (profile, receiver); one that is
        already gone is deleted."""
        if self.resource_id is not None:
            with self.client_plugin().ignore_not_found:
                self.api().request('DELETE', self.path())

    def busy_filter(self):
        """What a 409 on this object may be waiting for (see :class:`Step`)."""
        return {'target': self.resource_id}

    def delete_steps(self):
        """DELETE the object (asking again while it is busy), wait for its
        action, then until it is gone; nothing if it never existed or is gone."""
        if self.resource_id is None:
            return []
        return [Step('DELETE', self.path(), skip=(404,), busy=self.busy_filter()),
                Gone(self.path())]

    def check_delete_complete(self, steps):
        return run(self.api(), steps)


# --- custom constraints (Heat's names, for templates that use them) -------------

class _Exists(constraints.BaseCustomConstraint):
    """The value names one clusterd object (a 404, or a 400 for an ambiguous
    name, fails the template with clusterd's message)."""

    expected_exceptions = (sdk_exceptions.HttpException,)
    collection = None

    def validate_with_client(self, client, value):
        API(client.client('openstack').clustering).get(
            '/%s/%s' % (self.collection, quoted(value)))


class ProfileConstraint(_Exists):
    collection = 'profiles'


class ClusterConstraint(_Exists):
    collection = 'clusters'


class PolicyConstraint(_Exists):
    collection = 'policies'


class _TypeExists(constraints.BaseCustomConstraint):
    """The value is a type clusterd serves (``os.nova.server-1.0``)."""

    expected_exceptions = (exception.StackValidationFailed,)
    collection = None

    def validate_with_client(self, client, value):
        items = API(client.client('openstack').clustering).get(
            '/' + self.collection)[self.collection.replace('-', '_')]
        names = sorted(item['name'] for item in items)
        if value not in names:
            raise exception.StackValidationFailed(
                message="clusterd has no %s '%s'; it has: %s." % (
                    self.collection[:-1].replace('-', ' '), value,
                    ', '.join(names)))


class ProfileTypeConstraint(_TypeExists):
    collection = 'profile-types'


class PolicyTypeConstraint(_TypeExists):
    collection = 'policy-types'


def constraint_mapping():
    return {
        'senlin.profile': ProfileConstraint,
        'senlin.cluster': ClusterConstraint,
        'senlin.policy': PolicyConstraint,
        'senlin.profile_type': ProfileTypeConstraint,
        'senlin.policy_type': PolicyTypeConstraint,
    }
