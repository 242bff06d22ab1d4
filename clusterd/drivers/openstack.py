"""Connections to OpenStack clouds, their retries, and the bulk server waiter.

One :class:`Clouds` registry per service configuration holds one
:class:`Compute` per (user, project): an openstacksdk connection over a
keystoneauth session, built either from clusterd's service user and the user's
Keystone trust (production) or from a named cloud of a ``clouds.yaml``
(standalone and tests; see :mod:`clusterd.conf.openstack`).

Every call goes through :meth:`Compute.call`, which retries transient failures
(connection errors; 502/503/504, and any 5xx for reads) with exponential backoff
and turns every failure into a :class:`CloudError` with a message fit for a
node's status reason.  A response hook on the session counts the HTTP requests
per method and path, so tests (and operators) can see what a workflow cost.

:class:`BulkWaiter` replaces "one GET per server per poll": each cycle it sends
ONE ``GET /servers/detail?changes-since=T`` for every server of the project that
anyone is waiting for, and settles each wait from that list.
"""

import collections
import concurrent.futures
import datetime
import email.utils
import logging
import re
import threading
import time
import weakref

from keystoneauth1 import exceptions as ksa_exceptions
from keystoneauth1 import session as ksa_session
import openstack
from openstack import config as sdk_config
from openstack import exceptions as sdk_exceptions
from openstack import utils as sdk_utils

from clusterd.drivers import keystone

LOG = logging.getLogger(__name__)

# Server statuses (Nova's words) the waiter knows.
ACTIVE = 'ACTIVE'
ERROR = 'ERROR'
DELETED = 'DELETED'
SOFT_DELETED = 'SOFT_DELETED'
SHUTOFF = 'SHUTOFF'
VERIFY_RESIZE = 'VERIFY_RESIZE'

# Requests that may be sent again after any 5xx: they change nothing.
_READ_METHODS = frozenset({'GET', 'HEAD'})
# 5xx answers that mean "not handled, try again" for any request.
_TRANSIENT_CODES = frozenset({502, 503, 504})

# NOTE: ``changes-since`` compares with Nova's clock, which we estimate from the
# Date headers of its answers (1 s resolution).  The margin covers that rounding
# and a database that stores updated_at without fractions.
_SINCE_MARGIN = datetime.timedelta(seconds=5)
# A waited-for server absent from this many changes-since lists in a row, for this
# many seconds, makes the next cycle list without the filter (see _poll).
_MISSES_BEFORE_GET = 3
_MISSING_SECONDS_BEFORE_GET = 10.0

# Times a change refused with 409 (the load balancer is immutable while
# PENDING_*) is sent again, each after a wait for the load balancer.
CONFLICT_RETRIES = 5

_UUID = re.compile(r'[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
                   re.IGNORECASE)


class CloudError(Exception):
    """A cloud call failed.

    :ivar message: what failed and why, for a node's status reason.
    :ivar code: the HTTP status, or ``None`` (connection error, timeout).
    :ivar resource_id: the server a failed wait leaves behind, if any.
    """

    def __init__(self, message, code=None, resource_id=None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.resource_id = resource_id

    @property
    def not_found(self):
        return self.code == 404


class TrustError(CloudError):
    """Keystone refuses the trust the connection acts through; the message names
    it (for the node's and the action's status reason)."""

    def __init__(self, message, trust_id):
        super().__init__(message, code=401)
        self.trust_id = trust_id


# --- connections ------------------------------------------------------------------

# id(conf) -> (weak reference to conf, Clouds); ConfigOpts is not hashable.
_REGISTRIES = {}
_REGISTRIES_LOCK = threading.Lock()


def clouds(conf):
    """The :class:`Clouds` registry of the service configuration ``conf``.

    One per ConfigOpts object, so connections and bulk waiters are shared by every
    profile of an engine process (and not between two engines of a test).
    """
    with _REGISTRIES_LOCK:
        for key, (ref, _registry) in list(_REGISTRIES.items()):
            if ref() is None:
                del _REGISTRIES[key]
        found = _REGISTRIES.get(id(conf))
        if found is not None and found[0]() is conf:
            return found[1]
        registry = Clouds(conf)
        _REGISTRIES[id(conf)] = (weakref.ref(conf), registry)
        return registry


def context_trust(ctx):
    """The Keystone trust id the request context carries (``trust_id``), if any."""
    return getattr(ctx, 'trust_id', None) or getattr(ctx, 'trusts', None)


class Clouds:
    """The connections of one service configuration, one per (user, project).

    :param conf: the service ConfigOpts with ``[openstack]`` registered.
    :param trust_lookup: ``callable(ctx) -> trust id`` for the ``trust`` source;
        by default the ``trust_id`` carried by the context.
    """

    def __init__(self, conf, trust_lookup=context_trust):
        self.conf = conf
        self.trust_lookup = trust_lookup
        self._computes = {}
        self._lock = threading.Lock()

    def compute(self, ctx, user_id=None, project_id=None, region_name=None,
                trust_id=None, on_bad_trust=None):
        """The :class:`Compute` acting as ``ctx``'s user in ``ctx``'s project.

        :param user_id: / :param project_id: act for this owner instead (a node's
            owner, when the context is the engine's).
        :param region_name: a region other than ``[openstack] region_name``.
        :param trust_id: with connection_source = trust, the owner's stored trust
            (default: the one the context carries).
        :param on_bad_trust: ``callable(trust_id)``, called once when Keystone
            refuses the trust (to forget it).
        :raises CloudError: if no connection can be built (:class:`TrustError`
            when Keystone refuses the trust).
        """
        user_id = user_id or ctx.user_id
        project_id = project_id or ctx.project_id
        region_name = region_name or self.conf.openstack.region_name
        if self.conf.openstack.connection_source == 'trust':
            trust_id = trust_id or (self.trust_lookup(ctx) if ctx is not None
                                    else None)
        else:
            trust_id = None
        key = (user_id, project_id, region_name, trust_id)
        with self._lock:
            compute = self._computes.get(key)
        if compute is not None:
            return compute
        try:
            connection = self._connect(ctx, user_id, project_id, region_name,
                                       trust_id)
        except TrustError as exc:
            if on_bad_trust is not None:
                on_bad_trust(exc.trust_id)
            raise

        def bad_trust(bad_id):
            with self._lock:
                self._computes.pop(key, None)
            if on_bad_trust is not None:
                on_bad_trust(bad_id)

        with self._lock:
            compute = self._computes.get(key)
            if compute is None:
                compute = self._computes[key] = Compute(
                    connection, self.conf.openstack, trust_id=trust_id,
                    owner=(user_id, project_id), on_bad_trust=bad_trust)
        return compute

    def orchestration(self, ctx, user_id=None, project_id=None, region_name=None,
                      **trust):
        """The :class:`Orchestration` (Heat) of ``ctx``'s user and project, on
        the same connection as :meth:`compute` (``trust``: its trust arguments)."""
        return Orchestration(self.compute(ctx, user_id, project_id, region_name,
                                          **trust))

    def load_balancing(self, ctx, user_id=None, project_id=None,
                       region_name=None, **trust):
        """The :class:`LoadBalancing` (Octavia) of ``ctx``'s user and project."""
        return LoadBalancing(self.compute(ctx, user_id, project_id, region_name,
                                          **trust))

    def computes(self):
        """Every :class:`Compute` made so far (for counting and tests)."""
        with self._lock:
            return list(self._computes.values())

    def _connect(self, ctx, user_id, project_id, region_name, trust_id):
        options = self.conf.openstack
        try:
            if options.connection_source == 'cloud':
                return self._connect_cloud(options, user_id, project_id, region_name)
            return self._connect_trust(options, user_id, project_id, region_name,
                                       trust_id)
        except CloudError:
            raise
        except Exception as exc:
            raise CloudError('Cannot connect to the cloud for project %s: %s'
                             % (project_id, exc)) from exc

    @staticmethod
    def _connect_cloud(options, user_id, project_id, region_name):
        if not options.cloud:
            raise CloudError('[openstack] connection_source is "cloud" but '
                             '[openstack] cloud names no cloud.')
        files = [options.clouds_file] if options.clouds_file else None
        loader = sdk_config.OpenStackConfig(config_files=files)
        # First without loading the auth plugin, to fill in the placeholders.
        raw = loader.get_one(cloud=options.cloud, region_name=region_name,
                             validate=False)
        # NOTE: plain replacement, not str.format: a password may hold braces.
        auth = {key: value.replace('{user_id}', user_id or '').replace(
                    '{project_id}', project_id or '')
                if isinstance(value, str) else value
                for key, value in (raw.config.get('auth') or {}).items()}
        region = loader.get_one(cloud=options.cloud, region_name=region_name,
                                auth=auth)
        region.config['api_timeout'] = options.api_timeout
        return openstack.connection.Connection(config=region)

    @staticmethod
    def _connect_trust(options, user_id, project_id, region_name, trust_id):
        if not trust_id:
            raise CloudError('No trust is stored for user %s in project %s: '
                             'clusterd cannot act for them until they make a request '
                             'to clusterd with their token (which creates a Keystone '
                             'trust).' % (user_id, project_id))
        if not options.auth_url or not options.service_password:
            raise CloudError('[openstack] auth_url and service_password must be set '
                             'for connection_source = trust.')
        try:
            session = keystone.trust_session(options, trust_id, user_id, project_id)
        except keystone.TrustError as exc:
            raise TrustError(exc.message, trust_id) from exc
        except keystone.KeystoneError as exc:
            raise CloudError(exc.message) from exc
        return openstack.connection.Connection(
            session=session, region_name=region_name,
            interface=options.interface)


def connect_named(options, cloud, region_name=None):
    """A connection to the cloud named ``cloud`` in the clouds.yaml (``[openstack]
    clouds_file``, else openstacksdk's usual places), as it is written there."""
    files = [options.clouds_file] if options.clouds_file else None
    try:
        region = sdk_config.OpenStackConfig(config_files=files).get_one(
            cloud=cloud, region_name=region_name)
        region.config['api_timeout'] = options.api_timeout
        return openstack.connection.Connection(config=region)
    except Exception as exc:
        raise CloudError('Cannot connect to the cloud %s: %s' % (cloud, exc)) \
            from exc


class Compute:
    """Nova (and the image and network lookups a server needs) for one
    (user, project), with retries, request counting and a :class:`BulkWaiter`.

    :param connection: an ``openstack.connection.Connection``.
    :param options: the ``[openstack]`` option group.
    """

    def __init__(self, connection, options, trust_id=None, owner=None,
                 on_bad_trust=None):
        self.conn = connection
        self.options = options
        # The trust the connection acts through (connection_source = trust).
        self.trust_id = trust_id
        self.owner = owner or (None, None)
        self._on_bad_trust = on_bad_trust
        self.requests = collections.Counter()
        self._count_lock = threading.Lock()
        # Nova's clock minus ours, from the Date headers it sends.
        self._clock_offset = datetime.timedelta(0)
        http = self.conn.session.session
        http.hooks['response'].append(self._on_response)
        # NOTE: as many pooled connections as threads may call at once (the
        # engine's cloud-call pool and the waiter); requests keeps 10 and opens
        # and drops a new connection for every call beyond that.
        for scheme in ('http://', 'https://'):
            http.mount(scheme, ksa_session.TCPKeepAliveAdapter(
                pool_maxsize=options.connection_pool_size))
        self.waiter = BulkWaiter(self, options.poll_interval)

    # --- the request hook: counting and Nova's clock ---------------------------

    def _on_response(self, response, *args, **kwargs):
        request = response.request
        path = re.sub(r'^[a-z]+://[^/]+', '', request.url.split('?')[0])
        with self._count_lock:
            self.requests['%s %s' % (request.method, _UUID.sub('{id}', path))] += 1
        date = response.headers.get('Date')
        if date:
            try:
                theirs = email.utils.parsedate_to_datetime(date)
            except (TypeError, ValueError):
                return
            self._clock_offset = theirs.astimezone(datetime.timezone.utc) - _now()

    def request_counts(self):
        """A copy of the counter: ``{'GET /v2.1/servers/detail': 3, ...}``."""
        with self._count_lock:
            return collections.Counter(self.requests)

    def nova_now(self):
        """Our estimate of the time on Nova's clock (aware, UTC)."""
        return _now() + self._clock_offset

    # --- every call -------------------------------------------------------------

    def call(self, what, function, *args, read=False, retries=None, **kwargs):
        """``function(*args, **kwargs)`` with retries of transient failures.

        :param what: what the call does, for messages ("create server web-1").
        :param read: the call changes nothing, so any 5xx may be retried.
        :param retries: instead of ``[openstack] api_retries`` (0 for a call
            whose caller must look before trying again, like a server POST).
        :raises CloudError: with ``code`` set to the HTTP status if any.
        """
        attempts = (self.options.api_retries if retries is None else retries) + 1
        for attempt in range(attempts):
            try:
                return function(*args, **kwargs)
            except Exception as exc:
                if self.trust_id and not isinstance(exc, sdk_exceptions.SDKException) \
                        and keystone.is_trust_failure(exc):
                    # Keystone refused the trust when the token was issued again.
                    error = TrustError(keystone.TrustError(
                        self.trust_id, self.owner[0], self.owner[1], exc).message,
                        self.trust_id)
                    if self._on_bad_trust is not None:
                        self._on_bad_trust(self.trust_id)
                    raise error from exc
                if attempt + 1 < attempts and _transient(exc, read):
                    LOG.warning('%s failed (%s); retry %d of %d', what, exc,
                                attempt + 1, attempts - 1)
                    self.backoff(attempt)
                    continue
                raise translate(exc, what) from exc

    def backoff(self, attempt):
        """Sleep before retry number ``attempt + 1`` (exponential backoff)."""
        time.sleep(self.options.retry_backoff * (2 ** attempt))

    def supports(self, microversion):
        """Whether Nova and openstacksdk agree on ``microversion`` or later."""
        return self.call('ask the compute API version', sdk_utils.supports_microversion,
                         self.conn.compute, microversion, read=True)

    # --- servers ----------------------------------------------------------------

    def get_server(self, server_id):
        """The server, or ``None`` when Nova does not know it (or shows it as
        DELETED, for the moment before its row goes)."""
        try:
            server = self.call('get server %s' % server_id,
                               self.conn.compute.get_server, server_id, read=True)
        except CloudError as exc:
            if exc.not_found:
                return None
            raise
        return None if server.status in (DELETED, SOFT_DELETED) else server

    def list_servers(self, what='list servers', **filters):
        """Servers of the project matching ``filters`` (openstacksdk names),
        every page; :returns: {id: server}."""
        return self.call(what, lambda: {
            server.id: server
            for server in self.conn.compute.servers(details=True, **filters)},
            read=True)

    def delete_server(self, server_id, force=False):
        """Ask Nova to delete a server; one already gone is fine.

        :returns: the time (Nova's clock) from which to watch it go.
        """
        since = self.nova_now()
        self.call('delete server %s' % server_id, self.conn.compute.delete_server,
                  server_id, ignore_missing=True, force=force)
        return since

    def delete_metadata(self, server_id, keys):
        """Delete metadata keys of a server; a key already gone is fine."""
        for key in keys:
            try:
                self.call('delete the metadata %s of server %s' % (key, server_id),
                          self.conn.compute.delete_server_metadata, server_id, [key])
            except CloudError as exc:
                if not exc.not_found:
                    raise

    def server_action(self, what, method, server_id, *args, **kwargs):
        """Run ``conn.compute.<method>(server_id, ...)``.

        :returns: the time (Nova's clock) from which to watch the server change.
        """
        since = self.nova_now()
        self.call('%s server %s' % (what, server_id),
                  getattr(self.conn.compute, method), server_id, *args, **kwargs)
        return since

    def action_error(self, server_id, action):
        """Why Nova's latest ``action`` (``'migrate'``, ``'resize'``) on a server
        failed, from its instance action events (compute API 2.84 shows their
        details to the owner); ``None`` if it does not say.

        For an action that fails without leaving a fault on the server (a cold
        migration with no valid host puts it back to ACTIVE).
        """
        try:
            actions = self.call('list the actions of server %s' % server_id,
                                lambda: list(self.conn.compute.server_actions(
                                    server_id)), read=True)
            latest = next((a for a in actions if a.action == action), None)
            if latest is None:
                return None
            full = self.call('get action %s of server %s' % (action, server_id),
                             self.conn.compute.get_server_action,
                             latest.request_id, server_id, read=True)
        except CloudError:
            return None
        for event in full.events or []:
            detail = getattr(event, 'details', None) or (
                event.get('details') if isinstance(event, dict) else None)
            if detail:
                return detail
        return full.message

    def wait(self, server_id, statuses, since, timeout, what='settle'):
        """Block until the server reaches one of ``statuses`` (through the bulk
        waiter); :returns: the server. :raises CloudError: on ERROR or timeout."""
        return self.waiter.wait(server_id, statuses, since, timeout, what).result()

    # --- placement: zones, regions, server groups ---------------------------------

    def availability_zones(self):
        """Names of the compute service's available availability zones."""
        zones = self.call('list the availability zones', lambda: list(
            self.conn.compute.availability_zones()), read=True, retries=0)
        return {z.name for z in zones
                if (getattr(z, 'state', None) or {}).get('available', True)}

    def regions(self):
        """Ids of the regions Keystone knows."""
        regions = self.call('list the regions', lambda: list(
            self.conn.identity.regions()), read=True, retries=0)
        return {r.id for r in regions}

    def find_server_group(self, name_or_id):
        """The server group (of this project) named or numbered so, or None."""
        return self.call('find server group %s' % name_or_id,
                         self.conn.compute.find_server_group, name_or_id,
                         ignore_missing=True, read=True)

    def create_server_group(self, name, policy):
        """A new server group with one of Nova's policies (affinity,
        anti-affinity, soft-affinity, soft-anti-affinity)."""
        return self.call('create server group %s' % name,
                         self.conn.compute.create_server_group, name=name,
                         policy=policy)

    def delete_server_group(self, group_id):
        """Delete a server group; one already gone is fine."""
        self.call('delete server group %s' % group_id,
                  self.conn.compute.delete_server_group, group_id,
                  ignore_missing=True)


def server_group_policy(group):
    """A server group's policy, from compute API 2.64's ``policy`` or the older
    ``policies`` list."""
    policy = getattr(group, 'policy', None)
    if not policy:
        policies = getattr(group, 'policies', None) or []
        policy = policies[0] if policies else None
    return policy


# A stack Heat rolled back after a failed create or update (rollback on).
ROLLED_BACK = frozenset({'ROLLBACK_COMPLETE', 'ROLLBACK_FAILED'})


class Orchestration:
    """Heat for one (user, project): stack create, update, check and delete,
    and waiting for a stack's status, through a :class:`Compute`'s connection
    and its :meth:`Compute.call` (retries and messages).

    :param compute: the :class:`Compute` (or the simulated cloud's) whose
        ``conn.orchestration`` proxy it uses.
    """

    def __init__(self, compute):
        self.compute = compute
        self.options = compute.options

    @property
    def _heat(self):
        return self.compute.conn.orchestration

    def create_stack(self, **attrs):
        """POST a stack (openstacksdk's attribute names). :returns: its id."""
        if isinstance(attrs.get('tags'), (list, tuple)):
            # NOTE: Heat's API takes tags as one comma-separated string (a
            # list is a 400, "'list' object has no attribute 'split'").
            attrs['tags'] = ','.join(attrs['tags'])
        stack = self.compute.call('create stack %s' % attrs.get('name'),
                                  self._heat.create_stack, retries=0, **attrs)
        return stack.id

    def get_stack(self, stack_id):
        """The stack, or ``None`` when Heat does not know it (or it is
        DELETE_COMPLETE)."""
        try:
            stack = self.compute.call('get stack %s' % stack_id,
                                      self._heat.get_stack, stack_id, read=True)
        except CloudError as exc:
            if exc.not_found:
                return None
            raise
        if stack is None or stack.status == 'DELETE_COMPLETE':
            return None
        return stack

    def validate_template(self, template, environment=None):
        """Ask Heat whether ``template`` is valid (without parameters).

        :raises CloudError: with Heat's reason (code 400) when it is not."""
        return self.compute.call('validate a template', self._heat.validate_template,
                                 template, environment=environment or None,
                                 read=True)

    def find_stack(self, name_or_id):
        return self.compute.call('find stack %s' % name_or_id,
                                 self._heat.find_stack, name_or_id,
                                 ignore_missing=True, read=True)

    def update_stack(self, stack_id, **attrs):
        self.compute.call('update stack %s' % stack_id, self._heat.update_stack,
                          stack_id, **attrs)

    def check_stack(self, stack_id):
        self.compute.call('check stack %s' % stack_id, self._heat.check_stack,
                          stack_id)

    def delete_stack(self, stack_id):
        """Ask Heat to delete a stack; one already gone is fine."""
        self.compute.call('delete stack %s' % stack_id, self._heat.delete_stack,
                          stack_id, ignore_missing=True)

    def last_failure(self, stack):
        """What the stack itself last failed: ``(action, reason)`` from its
        newest ``*_FAILED`` event (``('CREATE', 'Resource CREATE failed: ...')``),
        or ``(None, None)``.  A rollback replaces the stack's status reason
        with "Stack ROLLBACK completed successfully"; the events keep why."""
        try:
            events = self.compute.call(
                'list the events of stack %s' % stack.id, lambda: list(
                    self._heat.stack_events(stack, resource_name=stack.name,
                                            resource_status='FAILED',
                                            sort_dir='desc')), read=True)
        except CloudError as exc:
            LOG.info('Could not read the events of stack %s: %s', stack.id, exc)
            return None, None
        for event in events:
            status = event.resource_status or ''
            if status.endswith('_FAILED') and not status.startswith('ROLLBACK'):
                return status[:-len('_FAILED')], event.resource_status_reason
        return None, None

    def failed_create(self, stack):
        """Whether the stack never got made: its create failed (``CREATE_FAILED``),
        or failed and was rolled back (``ROLLBACK_*``, nothing left), so that
        Heat's own check would find nothing wrong with it.

        :returns: Heat's reason of the failed create, or None."""
        if stack.status == 'CREATE_FAILED':
            return stack.status_reason or 'Heat gave no reason'
        if stack.status in ROLLED_BACK:
            action, reason = self.last_failure(stack)
            if action == 'CREATE':
                return '%s (rolled back)' % (reason or 'Heat gave no reason')
        return None

    def wait(self, stack_id, action, timeout, interval=None):
        """Block until the stack's ``action`` (CREATE, UPDATE, CHECK, DELETE)
        ends, polling at the bulk waiter's interval.  :returns: the stack
        (``None`` once deleted).
        :raises CloudError: on ``<action>_FAILED``, on a create or update that
            Heat rolled back (``disable_rollback: false``), or a timeout."""
        interval = interval or self.compute.waiter.interval
        deadline = time.monotonic() + timeout
        last = None
        while True:
            stack = self.get_stack(stack_id)
            if stack is None:
                if action == 'DELETE':
                    return None
                raise CloudError('The stack %s vanished while waiting for its %s.'
                                 % (stack_id, action.lower()), code=404)
            last = stack.status
            if last == '%s_COMPLETE' % action:
                return stack
            if last == '%s_FAILED' % action:
                raise CloudError('The stack %s failed to %s: %s' % (
                    stack_id, action.lower(), stack.status_reason or
                    'Heat gave no reason'), resource_id=stack_id)
            if action in ('CREATE', 'UPDATE') and last in ROLLED_BACK:
                # NOTE: with rollback on, Heat goes from <action>_IN_PROGRESS
                # to ROLLBACK_* and its status reason no longer says why.
                _failed, reason = self.last_failure(stack)
                raise CloudError('The stack %s failed to %s and was rolled back '
                                 '(%s): %s' % (stack_id, action.lower(), last,
                                               reason or 'Heat gave no reason'),
                                 resource_id=stack_id)
            if time.monotonic() >= deadline:
                raise CloudError('Timed out waiting for the %s of stack %s (last '
                                 'status %s).' % (action.lower(), stack_id, last),
                                 resource_id=stack_id)
            time.sleep(interval)


class LoadBalancing:
    """Octavia for one (user, project): load balancers, listeners, pools,
    members and health monitors, through a :class:`Compute`'s connection and
    its :meth:`Compute.call`.

    Octavia refuses any change under a load balancer while it is PENDING_*
    (409, "immutable"), so every change first waits for it to leave PENDING_*,
    sends the change, and on a 409 waits and sends it again, at most
    :data:`CONFLICT_RETRIES` times; then :meth:`wait_active` waits for the
    change to land.  Every wait polls the load balancer (no fixed sleep) and
    ends at ``timeout`` (default ``[openstack] server_action_timeout``).

    :param compute: the :class:`Compute` (or the simulated cloud's) whose
        ``conn.load_balancer`` proxy it uses.
    :param timeout: seconds a wait for the load balancer may take.
    """

    def __init__(self, compute, timeout=None):
        self.compute = compute
        self.options = compute.options
        self.timeout = timeout or self.options.server_action_timeout
        # 409s answered (and retried) by Octavia, for tests and logs.
        self.conflicts = 0

    @property
    def _octavia(self):
        return self.compute.conn.load_balancer

    def _call(self, what, method, *args, **kwargs):
        return self.compute.call(what, getattr(self._octavia, method), *args,
                                 **kwargs)

    def get_load_balancer(self, lb_id):
        """The load balancer, or ``None`` when Octavia does not know it."""
        try:
            return self._call('get load balancer %s' % lb_id, 'get_load_balancer',
                              lb_id, read=True)
        except CloudError as exc:
            if exc.not_found:
                return None
            raise

    def wait_active(self, lb_id, timeout=None, interval=None, settled=False):
        """Block until the load balancer is ACTIVE (with ``settled``: out of
        PENDING_*, ERROR included). :returns: it.
        :raises CloudError: when it is ERROR (unless ``settled``), gone, or on
            timeout."""
        timeout = timeout or self.timeout
        interval = interval or self.compute.waiter.interval
        deadline = time.monotonic() + timeout
        while True:
            lb = self.get_load_balancer(lb_id)
            if lb is None:
                raise CloudError('The load balancer %s could not be found.' % lb_id,
                                 code=404)
            status = lb.provisioning_status
            if status == 'ACTIVE' or (settled and
                                      not str(status).startswith('PENDING_')):
                return lb
            if status == 'ERROR':
                raise CloudError('The load balancer %s went to ERROR.' % lb_id,
                                 resource_id=lb_id)
            if time.monotonic() >= deadline:
                raise CloudError('Timed out waiting for load balancer %s to be '
                                 'ACTIVE (last status %s).' % (lb_id, status),
                                 resource_id=lb_id)
            time.sleep(interval)

    def change(self, lb_id, what, method, *args, **kwargs):
        """``conn.load_balancer.<method>(...)`` once the load balancer left
        PENDING_*, again after a 409 (bounded), then wait for it to be ACTIVE.

        :returns: what the call returned.
        """
        for attempt in range(CONFLICT_RETRIES + 1):
            self.wait_active(lb_id, settled=True)
            try:
                made = self._call(what, method, *args, retries=0, **kwargs)
            except CloudError as exc:
                if not self._immutable(exc, lb_id) or attempt == CONFLICT_RETRIES:
                    raise
                self.conflicts += 1
                LOG.info('%s: Octavia says 409 (%s); waiting for load balancer '
                         '%s and trying again (%d of %d)', what, exc.message,
                         lb_id, attempt + 1, CONFLICT_RETRIES)
                continue
            self.wait_active(lb_id)
            return made

    def create_load_balancer(self, **attrs):
        """POST a load balancer and wait until it is ACTIVE. :returns: its id."""
        lb = self._call('create load balancer %s' % attrs.get('name'),
                        'create_load_balancer', retries=0, **attrs)
        self.wait_active(lb.id)
        return lb.id

    def create_listener(self, lb_id, **attrs):
        return self.change(lb_id, 'create a listener on load balancer %s' % lb_id,
                           'create_listener', loadbalancer_id=lb_id, **attrs).id

    def create_pool(self, lb_id, **attrs):
        return self.change(lb_id, 'create a pool on load balancer %s' % lb_id,
                           'create_pool', **attrs).id

    def create_health_monitor(self, lb_id, pool_id, **attrs):
        return self.change(lb_id, 'create a health monitor of pool %s' % pool_id,
                           'create_health_monitor', pool_id=pool_id, **attrs).id

    def get_pool(self, pool_id):
        """The pool, or ``None`` when Octavia does not know it."""
        try:
            return self._call('get pool %s' % pool_id, 'get_pool', pool_id,
                              read=True)
        except CloudError as exc:
            if exc.not_found:
                return None
            raise

    def add_member(self, lb_id, pool_id, address, protocol_port, **attrs):
        """Add a member to a pool. :returns: the member id."""
        return self.change(lb_id, 'add member %s:%s to pool %s' % (
            address, protocol_port, pool_id), 'create_member', pool_id,
            address=address, protocol_port=protocol_port, **attrs).id

    def update_member(self, lb_id, pool_id, member_id, **attrs):
        """Change a member (``weight=0`` to drain it)."""
        self.change(lb_id, 'update member %s of pool %s' % (member_id, pool_id),
                    'update_member', member_id, pool_id, **attrs)

    def remove_member(self, lb_id, pool_id, member_id):
        """Remove a member; one already gone is fine."""
        self.change(lb_id, 'remove member %s from pool %s' % (member_id, pool_id),
                    'delete_member', member_id, pool_id, ignore_missing=True)

    def members(self, pool_id):
        """The members of a pool, with their operating_status."""
        return self.compute.call('list the members of pool %s' % pool_id,
                                 lambda: list(self._octavia.members(pool_id)),
                                 read=True)

    def delete_child(self, lb_id, kind, item_id):
        """Delete a listener, pool or health monitor (``kind``: ``'listener'``,
        ``'pool'``, ``'health_monitor'``) of a load balancer; one already gone
        is fine."""
        if self.get_load_balancer(lb_id) is None:
            return
        self.change(lb_id, 'delete %s %s' % (kind.replace('_', ' '), item_id),
                    'delete_%s' % kind, item_id, ignore_missing=True)

    def status_tree(self, lb_id):
        """Octavia's status tree of a load balancer, in ONE request
        (``GET /v2/lbaas/loadbalancers/{id}/status``; not in the sdk proxy).

        :returns: ``{'loadbalancer': {..., 'listeners': [{..., 'pools': [{...,
            'members': [{id, address, protocol_port, operating_status,
            provisioning_status}]}]}]}}``
        """
        def get():
            response = self._octavia.get('/lbaas/loadbalancers/%s/status' % lb_id)
            return response.json().get('statuses') or {}
        return self.compute.call('get the status tree of load balancer %s' % lb_id,
                                 get, read=True)

    def delete_load_balancer(self, lb_id, timeout=None):
        """Delete a load balancer and everything under it; wait until gone."""
        lb = self.get_load_balancer(lb_id)
        if lb is None:
            return
        if lb.provisioning_status != 'PENDING_DELETE':
            self.change_delete(lb_id, timeout)
        deadline = time.monotonic() + (timeout or self.options.server_delete_timeout)
        while self.get_load_balancer(lb_id) is not None:
            if time.monotonic() >= deadline:
                raise CloudError('Timed out waiting for load balancer %s to go.'
                                 % lb_id, resource_id=lb_id)
            time.sleep(self.compute.waiter.interval)

    def change_delete(self, lb_id, timeout=None):
        for attempt in range(CONFLICT_RETRIES + 1):
            self.wait_active(lb_id, timeout, settled=True)
            try:
                self._call('delete load balancer %s' % lb_id,
                           'delete_load_balancer', lb_id, ignore_missing=True,
                           cascade=True, retries=0)
                return
            except CloudError as exc:
                if not self._immutable(exc, lb_id) or attempt == CONFLICT_RETRIES:
                    raise
                self.conflicts += 1

    def _immutable(self, exc, lb_id):
        """Whether a failed change was a 409 because the load balancer was
        PENDING_* (worth another try), not another conflict (a duplicate)."""
        if exc.code != 409:
            return False
        if 'immutable' in (exc.message or '').lower():
            return True
        lb = self.get_load_balancer(lb_id)
        return lb is not None and str(lb.provisioning_status).startswith('PENDING_')


def translate(exc, what):
    """A :class:`CloudError` saying what failed and what the cloud said."""
    if isinstance(exc, CloudError):
        return exc
    if isinstance(exc, sdk_exceptions.HttpException):
        code = exc.status_code
        if code is None and isinstance(exc, sdk_exceptions.NotFoundException):
            # NOTE: openstacksdk's find_* raise ResourceNotFound without a
            # status when the name is in no list: a 404 all the same.
            code = 404
        detail = (exc.details or exc.message or '').strip()
        if detail.startswith('Client Error for url') or \
                detail.startswith('Server Error for url'):
            detail = ''
        return CloudError('Failed to %s: %s (HTTP %s)' % (
            what, detail or _reason(code), code), code=code)
    if isinstance(exc, (ksa_exceptions.ConnectFailure, ksa_exceptions.ConnectTimeout)):
        return CloudError('Failed to %s: the cloud is unreachable: %s' % (what, exc))
    if isinstance(exc, ksa_exceptions.ClientException):
        return CloudError('Failed to %s: %s' % (what, exc),
                          code=getattr(exc, 'http_status', None))
    if isinstance(exc, sdk_exceptions.SDKException):
        return CloudError('Failed to %s: %s' % (what, exc))
    return CloudError('Failed to %s: %s: %s' % (what, type(exc).__name__, exc))


def _reason(code):
    return {400: 'bad request', 401: 'not authenticated', 403: 'forbidden',
            404: 'not found', 409: 'conflict'}.get(code, 'error')


def _transient(exc, read):
    if isinstance(exc, (ksa_exceptions.ConnectFailure, ksa_exceptions.ConnectTimeout,
                        ksa_exceptions.RetriableConnectionFailure)):
        return True
    if isinstance(exc, sdk_exceptions.HttpException) and exc.status_code:
        return exc.status_code in _TRANSIENT_CODES or (
            read and exc.status_code >= 500)
    if isinstance(exc, ksa_exceptions.HttpError):
        return exc.http_status in _TRANSIENT_CODES or (
            read and (exc.http_status or 0) >= 500)
    return False


def _now():
    return datetime.datetime.now(datetime.timezone.utc)


# --- the bulk waiter --------------------------------------------------------------

class _Wait:
    def __init__(self, server_id, statuses, since, deadline, what):
        self.server_id = server_id
        self.statuses = frozenset(statuses)
        self.gone_ok = DELETED in self.statuses
        self.since = since
        self.deadline = deadline
        self.what = what
        self.future = concurrent.futures.Future()
        self.misses = 0
        self.missing_since = None
        self.last_status = None


class BulkWaiter:
    """Waits for many servers of one project with one list call per cycle.

    Waits are registered with :meth:`wait`; a thread (started on demand, gone
    when nothing is waited for) sends ``GET /servers/detail?changes-since=T``
    every ``interval`` seconds, T being the oldest registration less a margin
    (a deleted server stays in such a list, as DELETED), and settles each wait
    from it; when a server has been missing from it for a while, the cycle lists
    the project's servers without the filter instead.  Status DELETED counts as
    gone: Nova sets it just before it soft-deletes the row.

    :param compute: the :class:`Compute` to list with.
    :param interval: seconds between two polls.
    """

    def __init__(self, compute, interval):
        self.compute = compute
        self.interval = interval
        self._waits = []
        self._lock = threading.Lock()
        self._thread = None
        self.polls = 0

    def wait(self, server_id, statuses, since, timeout, what='settle'):
        """Register a wait.

        :param statuses: what the server must reach (``{'ACTIVE'}``); include
            ``'DELETED'`` to wait for a deletion (a server gone counts too).
        :param since: when (Nova's clock) the change was asked for.
        :param timeout: seconds before the wait fails.
        :param what: what is waited for, for messages ("become ACTIVE").
        :returns: a future whose result is the server (``None`` once deleted).
        """
        entry = _Wait(server_id, statuses, since, time.monotonic() + timeout, what)
        with self._lock:
            self._waits.append(entry)
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name='nova-bulk-waiter', daemon=True)
                self._thread.start()
        return entry.future

    def _run(self):
        next_poll = time.monotonic() + self.interval
        while True:
            # NOTE: a fixed cadence (start to start), so a slow list does not
            # stretch the cycle.
            time.sleep(max(0.0, next_poll - time.monotonic()))
            next_poll = max(next_poll + self.interval, time.monotonic())
            with self._lock:
                waits = list(self._waits)
                if not waits:
                    self._thread = None
                    return
            try:
                self._poll(waits)
            except Exception:  # never let the thread die with waits pending
                LOG.exception('Bulk server poll failed')
            with self._lock:
                self._waits = [w for w in self._waits if not w.future.done()]

    def _poll(self, waits):
        self.polls += 1
        now = time.monotonic()
        # NOTE: a new server whose instance row Nova has made in its cell but
        # not updated yet (updated_at NULL) is in no changes-since list, for as
        # long as the compute host takes to start its build.  When a wait has
        # missed that long, this cycle lists the project's servers unfiltered
        # instead: still one call, and it shows them.
        full = any(w.missing_since is not None and w.misses >= _MISSES_BEFORE_GET
                   and now - w.missing_since >= _MISSING_SECONDS_BEFORE_GET
                   for w in waits)
        try:
            if full:
                servers = self.compute.list_servers('list servers')
            else:
                since = min(w.since for w in waits) - _SINCE_MARGIN
                servers = self.compute.list_servers(
                    'list servers changed since %s' % since.isoformat(),
                    changes_since=since.strftime('%Y-%m-%dT%H:%M:%SZ'))
            error = None
        except CloudError as exc:
            servers, error = None, exc
        now = time.monotonic()
        for entry in waits:
            if servers is not None:
                self._settle(entry, servers.get(entry.server_id), full)
            if not entry.future.done() and now >= entry.deadline:
                entry.future.set_exception(CloudError(
                    'Timed out waiting for server %s to %s (last status %s%s).'
                    % (entry.server_id, entry.what, entry.last_status or 'unknown',
                       '; last error: %s' % error.message if error else ''),
                    resource_id=entry.server_id))

    def _settle(self, entry, server, full):
        if server is None:
            if not full:
                entry.misses += 1
                if entry.missing_since is None:
                    entry.missing_since = time.monotonic()
                return
            # Not even in the unfiltered list (which leaves deleted servers out).
            if entry.gone_ok:
                entry.future.set_result(None)
                return
            try:
                server = self.compute.get_server(entry.server_id)
            except CloudError:
                return  # asked again in a later cycle, until the deadline
            if server is None:
                entry.future.set_exception(CloudError(
                    'The server %s vanished while waiting for it to %s.'
                    % (entry.server_id, entry.what)))
                return
        entry.misses, entry.missing_since = 0, None
        status = server.status
        entry.last_status = status
        if entry.gone_ok and status in (DELETED, SOFT_DELETED):
            entry.future.set_result(None)
        elif status in entry.statuses and not server.task_state:
            entry.future.set_result(server)
        elif status == ERROR and not (entry.gone_ok
                                      and server.task_state == 'deleting'):
            # NOTE: a server in ERROR that is being deleted keeps its status
            # (with task_state "deleting") until it goes; only an ERROR left
            # without a task (a failed delete) ends a wait for its deletion.
            fault = server.fault or {}
            entry.future.set_exception(CloudError(
                'The server %s went to ERROR instead of waiting to %s: %s'
                % (entry.server_id, entry.what,
                   fault.get('message') or 'Nova gave no reason'),
                resource_id=entry.server_id))
