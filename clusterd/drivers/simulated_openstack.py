"""The simulated OpenStack cloud (``[DEFAULT] cloud_backend = simulated``).

It serves the same interface as :mod:`clusterd.drivers.openstack`: a registry
(:func:`clouds`) whose ``compute(ctx, user, project, region_name)`` returns a
:class:`Compute`, a subclass of the real driver's, whose ``conn`` answers the
openstacksdk proxy calls the OpenStack profiles make (``conn.compute``,
``conn.image``, ``conn.network``, ``conn.identity``, ``conn.orchestration``)
and raises openstacksdk's own exceptions with Nova's status codes.  Retries,
error messages, request counting and the bulk server waiter are the real
driver's code, so profiles, the engine and the health manager run the same
code on both backends.

What it keeps (:class:`Cloud`, one per process and state file):

- a catalog (flavors, images, networks, subnets, security groups, key pairs,
  availability zones, regions), Senlin's test names by default or
  ``[simulated] catalog_file``;
- compute hosts per zone (``[simulated] hosts_per_zone``) with their
  hypervisor state, which :meth:`Cloud.fail_host` turns down;
- servers with Nova's statuses and task states: a change (boot, reboot,
  resize, delete...) shows the transitional status for ``build_seconds``,
  then settles, computed when the server is next read (no timer threads);
- server groups whose policy the scheduler enforces (anti-affinity refuses a
  server when every host of the zone already has one of the group);
- Nova's policy on its admin-only actions (migrate, evacuate): a 403 for a
  user not in the catalog's ``admins``, who reach any project's server by id;
- Heat stacks (:mod:`clusterd.drivers.simulated_heat` builds their resources).

Servers, groups, ports and stacks are written to ``[simulated] state_file``
after every change when it is set, so clusterd-standalone keeps them across a
restart.  Processes that share the state file share the cloud: its lock is
also a file lock, and the holder reads what another process wrote
(``tests/faults/test_policy_faults.py`` runs two engines and an API on one).

Behind clusterd's back (tests and operators): :meth:`Cloud.set_server_status`
(ERROR, SHUTOFF...), :meth:`Cloud.remove_server`, :meth:`Cloud.fail_host`,
:meth:`Cloud.inject` (the next calls of an operation fail with an HTTP code).
"""

import collections
import copy
import datetime
import fcntl
import json
import os
import threading
import time
import uuid
import weakref

from openstack import exceptions as sdk_exceptions

from clusterd.drivers import openstack as openstack_driver
from clusterd.drivers import simulated_heat
from clusterd.drivers import simulated_octavia
from clusterd.drivers import simulated_resources as res

Proxy, Resource = res.Proxy, res.Resource
http_error, not_found = res.http_error, res.not_found
_iso, _uuid, _parse_time = res.iso, res.new_id, res.parse_time

DEFAULT_CATALOG = {
    'regions': ['RegionOne', 'RegionTwo'],
    'availability_zones': ['nova', 'az1', 'az2'],
    'flavors': [
        {'name': 'm1.tiny', 'vcpus': 1, 'ram': 512, 'disk': 1},
        {'name': 'm1.small', 'vcpus': 1, 'ram': 2048, 'disk': 20},
        {'name': 'm1.medium', 'vcpus': 2, 'ram': 4096, 'disk': 40},
        {'name': 'm1.large', 'vcpus': 4, 'ram': 8192, 'disk': 80},
    ],
    'images': [{'name': 'cirros-0.5.2-x86_64-disk'},
               {'name': 'cirros-0.6.2-x86_64-disk'}],
    'networks': [
        {'name': 'private', 'cidr': '10.0.0.0/24', 'subnet': 'private-subnet'},
        {'name': 'public', 'cidr': '172.24.4.0/24', 'subnet': 'public-subnet',
         'external': True},
    ],
    'security_groups': ['default'],
    'keypairs': ['oskey'],
    # Users with the admin role in every project (as the Nova anchor's
    # ``admin``); Nova refuses its admin-only calls to everyone else.
    'admins': ['admin'],
}

# Nova's admin-only server actions, by the policy that refuses them.
_ADMIN_ONLY = {
    'migrate_server': 'os_compute_api:os-migrate-server:migrate',
    'evacuate_server': 'os_compute_api:os-evacuate',
}

# Seconds a deleted server stays listed (as DELETED) in changes-since lists.
_DELETED_KEPT = 600

# Statuses from which each action may start (Nova's vm states, in its words).
_RUNNING = ('ACTIVE',)
_ACTION_FROM = {
    'reboot_server': ('ACTIVE', 'SHUTOFF', 'ERROR', 'PAUSED', 'SUSPENDED'),
    'rebuild_server': ('ACTIVE', 'SHUTOFF', 'ERROR'),
    'resize_server': ('ACTIVE', 'SHUTOFF'),
    'confirm_server_resize': ('VERIFY_RESIZE',),
    'revert_server_resize': ('VERIFY_RESIZE',),
    'stop_server': ('ACTIVE', 'ERROR'),
    'start_server': ('SHUTOFF',),
    'pause_server': _RUNNING,
    'unpause_server': ('PAUSED',),
    'suspend_server': _RUNNING,
    'resume_server': ('SUSPENDED',),
    'rescue_server': ('ACTIVE', 'SHUTOFF', 'ERROR'),
    'unrescue_server': ('RESCUE',),
    'migrate_server': ('ACTIVE', 'SHUTOFF'),
    'evacuate_server': ('ACTIVE', 'SHUTOFF', 'ERROR'),
}


# --- the cloud ----------------------------------------------------------------------

class Transaction:
    """The cloud's lock.  Reentrant within the process; with a state file also
    a file lock (``<state file>.lock``) shared by every process that uses the
    file (clusterd-standalone, ``clusterd-manage simulated``): the outermost
    ``with`` reads what another process wrote and, on leaving, writes what
    changed."""

    def __init__(self, cloud):
        self.cloud = cloud
        self._lock = threading.RLock()
        self._depth = 0
        self._fd = None

    def __enter__(self):
        self._lock.acquire()
        self._depth += 1
        if self._depth == 1 and self.cloud.state_file:
            try:
                self._fd = os.open(self.cloud.state_file + '.lock',
                                   os.O_CREAT | os.O_RDWR, 0o600)
                fcntl.flock(self._fd, fcntl.LOCK_EX)
                self.cloud.reload_if_changed()
            except BaseException:
                self._release_file()
                self._depth -= 1
                self._lock.release()
                raise
        return self

    def __exit__(self, *exc_info):
        try:
            if self._depth == 1 and self._fd is not None:
                try:
                    self.cloud.write_if_changed()
                finally:
                    self._release_file()
        finally:
            self._depth -= 1
            self._lock.release()

    def _release_file(self):
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


class Cloud:
    """The state of one simulated OpenStack cloud.

    :param catalog: dict overriding keys of :data:`DEFAULT_CATALOG`.
    :param state_file: JSON file to keep servers, groups, ports and stacks in.
    :param build_seconds: how long a transitional status lasts.
    :param hosts_per_zone: compute hosts in each availability zone.
    :param clock: ``time.time``-like (a test may pass a fake one).
    """

    def __init__(self, catalog=None, state_file=None, build_seconds=0.5,
                 hosts_per_zone=3, clock=time.time):
        self.catalog = self._build_catalog(dict(DEFAULT_CATALOG, **(catalog or {})))
        self.state_file = state_file
        self.build_seconds = build_seconds
        self.hosts_per_zone = hosts_per_zone
        self.clock = clock
        self.lock = Transaction(self)
        self._seen = self._written = None
        self.servers = {}
        self.server_groups = {}
        self.ports = {}
        self.stacks = {}
        self.octavia = {kind: {} for kind in simulated_octavia.KINDS}
        self.hosts = {}  # host name -> {'zone', 'state', 'status'}
        self._injected = collections.defaultdict(list)  # operation -> [(code, msg)]
        self._next_ip = collections.Counter()
        for zone in self.catalog['availability_zones']:
            for index in range(1, hosts_per_zone + 1):
                self.hosts['%s-compute-%d' % (zone, index)] = {
                    'zone': zone, 'state': 'up', 'status': 'enabled'}
        with self.lock:  # reads the state file, if there is one
            pass

    @staticmethod
    def _build_catalog(raw):
        def named(items, **extra):
            result = []
            for item in items or []:
                item = {'name': item} if isinstance(item, str) else dict(item)
                item.setdefault('id', str(uuid.uuid5(uuid.NAMESPACE_URL, '%s/%s' % (
                    extra.get('kind', ''), item['name']))))
                result.append(item)
            return result
        catalog = {
            'regions': list(raw.get('regions') or ['RegionOne']),
            'availability_zones': list(raw.get('availability_zones') or ['nova']),
            'flavors': named(raw.get('flavors'), kind='flavor'),
            'images': named(raw.get('images'), kind='image'),
            'networks': named(raw.get('networks'), kind='network'),
            'security_groups': named(raw.get('security_groups'), kind='secgroup'),
            'keypairs': named(raw.get('keypairs'), kind='keypair'),
            'admins': list(raw.get('admins') or ()),
        }
        subnets = []
        for network in catalog['networks']:
            if network.get('subnet'):
                subnets.append({
                    'name': network['subnet'], 'network_id': network['id'],
                    'cidr': network.get('cidr') or '10.0.0.0/24',
                    'id': str(uuid.uuid5(uuid.NAMESPACE_URL,
                                         'subnet/%s' % network['subnet']))})
        catalog['subnets'] = subnets
        return catalog

    # --- persistence ---------------------------------------------------------------

    _SAVED = ('servers', 'server_groups', 'ports', 'stacks', 'hosts', 'octavia')

    def _signature(self):
        try:
            found = os.stat(self.state_file)
        except FileNotFoundError:
            return None
        return (found.st_ino, found.st_mtime_ns, found.st_size)

    def reload_if_changed(self):
        """Read the state file if another process wrote it since we last did
        (called with the file lock held, by :class:`Transaction`)."""
        signature = self._signature()
        if signature is None or signature == self._seen:
            return
        with open(self.state_file) as f:
            text = f.read()
        saved = json.loads(text) if text.strip() else {}
        for name in self._SAVED:
            if name in saved:
                setattr(self, name, saved[name])
        self._next_ip = collections.Counter(saved.get('next_ip') or {})
        self._seen, self._written = signature, text

    def write_if_changed(self):
        """Write the state file if the state changed (file lock held)."""
        data = {name: getattr(self, name) for name in self._SAVED}
        data['next_ip'] = dict(self._next_ip)
        text = json.dumps(data, default=str, sort_keys=True)
        if text == self._written:
            return
        temporary = '%s.%d.tmp' % (self.state_file, os.getpid())
        with open(temporary, 'w') as f:
            f.write(text)
        os.replace(temporary, self.state_file)
        self._seen, self._written = self._signature(), text

    def save(self):
        """Write what changed to the state file (a no-op without one; every
        ``with cloud.lock`` block does it on leaving)."""
        with self.lock:
            pass

    # --- failure injection -----------------------------------------------------------

    def inject(self, operation, code=500, message=None, count=1):
        """Make the next ``count`` calls of ``operation`` (a proxy method name,
        ``'create_server'``, or ``'build'``: boots that end in ERROR) fail with
        HTTP ``code``."""
        with self.lock:
            for _ in range(count):
                self._injected[operation].append(
                    (code, message or 'Simulated failure of %s' % operation))

    def take_injected(self, operation):
        with self.lock:
            queue = self._injected.get(operation)
            return queue.pop(0) if queue else None

    # --- catalog lookups ---------------------------------------------------------------

    def find(self, kind, name_or_id, ignore_missing=True, label=None):
        for item in self.catalog[kind]:
            if name_or_id in (item['id'], item['name']):
                return Resource(**item)
        if ignore_missing:
            return None
        raise not_found(label or kind.rstrip('s').capitalize(), name_or_id,
                        lookup=True)

    def check_region(self, region_name):
        if region_name and region_name not in self.catalog['regions']:
            raise openstack_driver.CloudError(
                "The region '%s' is not in the simulated cloud's catalog (%s)."
                % (region_name, ', '.join(self.catalog['regions'])), code=404)

    # --- the passing of time ----------------------------------------------------------

    def settle(self, server, now=None):
        """Apply a transition that is due; ``True`` if the server changed."""
        pending = server.get('pending')
        now = self.clock() if now is None else now
        if not pending or now < pending['at']:
            return False
        server['pending'] = None
        server['status'] = pending['status']
        server['task_state'] = None
        server['updated'] = pending['at']
        for key, value in (pending.get('set') or {}).items():
            server[key] = value
        if pending.get('fault'):
            server['fault'] = {'code': 500, 'message': pending['fault'],
                               'created': _iso(pending['at'])}
        return True

    def begin(self, server, status, task_state, then, set_after=None, fault=None):
        """Show ``status``/``task_state`` now and ``then`` after build_seconds,
        or after the server's ``simulated_wait_time`` metadata (the knob of
        Senlin's fake Nova, so Senlin's slow test specs are slow here too)."""
        now = self.clock()
        server['updated'] = now
        seconds = self.build_seconds
        try:
            seconds = float((server.get('metadata') or {})['simulated_wait_time'])
        except (KeyError, TypeError, ValueError):
            pass
        if seconds <= 0:
            server['status'] = then
            server['task_state'] = None
            server['pending'] = None
            server.update(set_after or {})
            if fault:
                server['fault'] = {'code': 500, 'message': fault,
                                   'created': _iso(now)}
            return
        server['status'] = status
        server['task_state'] = task_state
        server['pending'] = {'status': then, 'at': now + seconds,
                             'set': set_after or {}, 'fault': fault}

    # --- scheduling --------------------------------------------------------------------

    def schedule(self, zone, group, exclude=()):
        """A host for a new server of ``group`` in ``zone``; ``None`` when no
        valid host is left (the server goes to ERROR, as with Nova)."""
        hosts = sorted(name for name, host in self.hosts.items()
                       if host['zone'] == zone and host['state'] == 'up'
                       and host['status'] == 'enabled' and name not in exclude)
        if group is not None:
            members = [self.servers[m] for m in group['members']
                       if m in self.servers and not self.servers[m].get('deleted')]
            used = {m.get('host') for m in members if m.get('host')}
            policy = group['policy']
            if policy == 'anti-affinity':
                hosts = [h for h in hosts if h not in used]
            elif policy == 'affinity' and used:
                hosts = [h for h in hosts if h in used]
        if not hosts:
            return None
        load = collections.Counter(s.get('host') for s in self.servers.values()
                                   if not s.get('deleted'))
        return min(hosts, key=lambda h: (load[h], h))

    def address(self, network):
        """The next address of ``network``'s subnet (a /24 is plenty here)."""
        cidr = network.get('cidr') or '10.0.0.0/24'
        prefix = cidr.split('/')[0].rsplit('.', 1)[0]
        self._next_ip[network['id']] += 1
        return '%s.%d' % (prefix, 2 + self._next_ip[network['id']] % 250)

    # --- behind clusterd's back ---------------------------------------------------------

    def set_server_status(self, server_id, status, reason=None):
        """Put a server in ``status`` (``'ERROR'``, ``'SHUTOFF'``...) at once.
        :returns: True if the server exists."""
        with self.lock:
            server = self.servers.get(server_id)
            if server is None or server.get('deleted'):
                return False
            server.update(status=status, task_state=None, pending=None,
                          updated=self.clock())
            if status == 'ERROR':
                server['fault'] = {'code': 500, 'created': _iso(self.clock()),
                                   'message': reason or 'Simulated failure'}
        self.save()
        return True

    def remove_server(self, server_id):
        """Delete a server without clusterd knowing. :returns: True if it existed."""
        with self.lock:
            server = self.servers.get(server_id)
            if server is None or server.get('deleted'):
                return False
            self.mark_deleted(server)
        self.save()
        return True

    def mark_deleted(self, server):
        server.update(status='DELETED', task_state=None, pending=None,
                      deleted=True, updated=self.clock())
        for group in self.server_groups.values():
            if server['id'] in group['members']:
                group['members'].remove(server['id'])

    def fail_host(self, host, reason=None):
        """The hypervisor ``host`` goes down and every server on it to ERROR.
        :returns: the ids of those servers."""
        with self.lock:
            if host not in self.hosts:
                raise KeyError(host)
            self.hosts[host]['state'] = 'down'
            hit = [s['id'] for s in self.servers.values()
                   if s.get('host') == host and not s.get('deleted')]
        for server_id in hit:
            self.set_server_status(server_id, 'ERROR',
                                   reason or 'The compute host %s failed.' % host)
        self.save()
        return hit

    def restore_host(self, host):
        with self.lock:
            self.hosts[host]['state'] = 'up'
        self.save()

    def fail_stack(self, stack_id, reason='Simulated failure'):
        """A stack goes to ``<its action>_FAILED``. :returns: True if it exists."""
        with self.lock:
            stack = self.stacks.get(stack_id)
            if stack is None or stack.get('deleted'):
                return False
            action = stack['status'].split('_')[0]
            stack.update(status='%s_FAILED' % action, status_reason=reason,
                         pending=None, updated=self.clock())
        self.save()
        return True

    def set_member_status(self, member_id, status):
        """A load balancer member's operating status as its health monitor
        would see it (``'ERROR'``, ``'OFFLINE'``; ``None`` gives it back to the
        monitor). :returns: True if the member exists."""
        with self.lock:
            member = self.octavia['members'].get(member_id)
            if member is None:
                return False
            member['forced_status'] = status
            simulated_octavia.operating_statuses(self.octavia)
        self.save()
        return True

    def list_all_servers(self):
        """Every live server (all projects), as dicts: for tests and operators."""
        with self.lock:
            for server in self.servers.values():
                self.settle(server)
            return [copy.deepcopy(s) for s in self.servers.values()
                    if not s.get('deleted')]


# --- the registry ---------------------------------------------------------------------

_CLOUDS = {}  # state file, or id(conf) -> Cloud
_CLOUDS_LOCK = threading.Lock()
_REGISTRIES = {}  # id(conf) -> (weak ref to conf, Clouds)


def cloud(conf):
    """The :class:`Cloud` of ``conf``: one per state file in a process (so the
    API and the engine of clusterd-standalone share it), else one per conf."""
    options = conf.simulated
    key = os.path.abspath(options.state_file) if options.state_file else id(conf)
    with _CLOUDS_LOCK:
        found = _CLOUDS.get(key)
        if found is None:
            catalog = None
            if options.catalog_file:
                import yaml  # only for an operator's catalog
                with open(options.catalog_file) as f:
                    catalog = yaml.safe_load(f) or {}
            found = _CLOUDS[key] = Cloud(
                catalog=catalog, state_file=options.state_file,
                build_seconds=options.build_seconds,
                hosts_per_zone=options.hosts_per_zone)
        return found


def clouds(conf):
    """The :class:`Clouds` registry of ``conf`` (as
    :func:`clusterd.drivers.openstack.clouds`)."""
    with _CLOUDS_LOCK:
        for key, (ref, _registry) in list(_REGISTRIES.items()):
            if ref() is None:
                del _REGISTRIES[key]
                _CLOUDS.pop(key, None)
        found = _REGISTRIES.get(id(conf))
        if found is not None and found[0]() is conf:
            return found[1]
    registry = Clouds(conf, cloud(conf))
    with _CLOUDS_LOCK:
        _REGISTRIES[id(conf)] = (weakref.ref(conf), registry)
    return registry


class Clouds:
    """:class:`clusterd.drivers.openstack.Clouds` for the simulated cloud."""

    def __init__(self, conf, the_cloud):
        self.conf = conf
        self.cloud = the_cloud
        self._computes = {}
        self._lock = threading.Lock()

    def compute(self, ctx, user_id=None, project_id=None, region_name=None,
                trust_id=None, on_bad_trust=None):
        # The simulated cloud has no Keystone: the owner is the caller, and a
        # stored trust (connection_source = trust) has nothing to scope.
        del trust_id, on_bad_trust
        user_id = user_id or getattr(ctx, 'user_id', None)
        project_id = project_id or getattr(ctx, 'project_id', None)
        region_name = (region_name or self.conf.openstack.region_name
                       or self.cloud.catalog['regions'][0])
        self.cloud.check_region(region_name)
        key = (user_id, project_id, region_name)
        with self._lock:
            found = self._computes.get(key)
            if found is None:
                found = self._computes[key] = Compute(
                    self.cloud, user_id, project_id, region_name,
                    self.conf.openstack, self.conf.simulated.poll_interval)
            return found

    def orchestration(self, ctx, user_id=None, project_id=None, region_name=None,
                      **trust):
        return openstack_driver.Orchestration(
            self.compute(ctx, user_id, project_id, region_name, **trust))

    def load_balancing(self, ctx, user_id=None, project_id=None,
                       region_name=None, **trust):
        named = self.conf.simulated.load_balancer_cloud
        if named:
            # A real Octavia in front of the simulated servers.
            with self._lock:
                real = self._computes.get(('load_balancer', named))
                if real is None:
                    real = self._computes[('load_balancer', named)] = \
                        openstack_driver.Compute(
                            openstack_driver.connect_named(
                                self.conf.openstack, named), self.conf.openstack)
            return openstack_driver.LoadBalancing(real)
        return openstack_driver.LoadBalancing(
            self.compute(ctx, user_id, project_id, region_name, **trust))

    def computes(self):
        with self._lock:
            return list(self._computes.values())


class Compute(openstack_driver.Compute):
    """The real driver's :class:`~clusterd.drivers.openstack.Compute` (retries,
    messages, waiter) over a simulated connection."""

    def __init__(self, the_cloud, user_id, project_id, region_name, options,
                 poll_interval):
        self.conn = Connection(the_cloud, user_id, project_id, region_name, self)
        self.options = options
        # No Keystone here: no trust to act through (see Clouds.compute).
        self.trust_id = None
        self.owner = (user_id, project_id)
        self._on_bad_trust = None
        self.requests = collections.Counter()
        self._count_lock = threading.Lock()
        self._clock_offset = datetime.timedelta(0)
        self.waiter = openstack_driver.BulkWaiter(self, poll_interval)

    def count(self, method, path):
        with self._count_lock:
            self.requests['%s %s' % (method, path)] += 1

    def supports(self, microversion):
        return True  # the simulated compute API is at Nova's latest


class Connection:
    """The openstacksdk ``Connection`` attributes the profiles use."""

    def __init__(self, the_cloud, user_id, project_id, region_name, compute):
        self.cloud = the_cloud
        self.user_id = user_id
        self.project_id = project_id
        self.region_name = region_name
        self._counter = compute
        self.compute = ComputeProxy(self)
        self.image = ImageProxy(self)
        self.network = NetworkProxy(self)
        self.identity = IdentityProxy(self)
        self.orchestration = simulated_heat.OrchestrationProxy(self)
        self.load_balancer = simulated_octavia.LoadBalancerProxy(self)


class ImageProxy(Proxy):
    def find_image(self, name_or_id, ignore_missing=True):
        self._enter('find_image', 'GET', '/v2/images')
        return self.cloud.find('images', name_or_id, ignore_missing, 'Image')

    def images(self, **_query):
        self._enter('images', 'GET', '/v2/images')
        return [Resource(**i) for i in self.cloud.catalog['images']]


class IdentityProxy(Proxy):
    def regions(self):
        self._enter('regions', 'GET', '/v3/regions')
        return [Resource(id=r, name=r) for r in self.cloud.catalog['regions']]


class NetworkProxy(Proxy):
    def find_network(self, name_or_id, ignore_missing=True):
        self._enter('find_network', 'GET', '/v2.0/networks')
        return self.cloud.find('networks', name_or_id, ignore_missing, 'Network')

    def networks(self, **_query):
        self._enter('networks', 'GET', '/v2.0/networks')
        return [Resource(**n) for n in self.cloud.catalog['networks']]

    def find_subnet(self, name_or_id, ignore_missing=True):
        self._enter('find_subnet', 'GET', '/v2.0/subnets')
        return self.cloud.find('subnets', name_or_id, ignore_missing, 'Subnet')

    def subnets(self, **_query):
        self._enter('subnets', 'GET', '/v2.0/subnets')
        return [Resource(**s) for s in self.cloud.catalog['subnets']]

    def find_security_group(self, name_or_id, ignore_missing=True):
        self._enter('find_security_group', 'GET', '/v2.0/security-groups')
        return self.cloud.find('security_groups', name_or_id, ignore_missing,
                               'SecurityGroup')

    def find_port(self, name_or_id, ignore_missing=True):
        self._enter('find_port', 'GET', '/v2.0/ports')
        with self.cloud.lock:
            for port in self.cloud.ports.values():
                if name_or_id in (port['id'], port['name']):
                    return Resource(**port)
        if ignore_missing:
            return None
        raise not_found('Port', name_or_id)

    def ports(self, **query):
        self._enter('ports', 'GET', '/v2.0/ports')
        with self.cloud.lock:
            return [Resource(**p) for p in self.cloud.ports.values()
                    if all(p.get(k) == v for k, v in query.items())]

    def create_port(self, **attrs):
        self._enter('create_port', 'POST', '/v2.0/ports')
        network = self.cloud.find('networks', attrs.get('network_id'), False,
                                  'Network')
        with self.cloud.lock:
            fixed = attrs.get('fixed_ips') or [{}]
            address = fixed[0].get('ip_address') or self.cloud.address(
                network.to_dict())
            port = {'id': _uuid(), 'name': attrs.get('name'),
                    'network_id': network.id, 'device_id': '',
                    'project_id': self.conn.project_id,
                    'fixed_ips': [{'ip_address': address,
                                   'subnet_id': fixed[0].get('subnet_id')}],
                    'security_group_ids': attrs.get('security_group_ids') or [],
                    'binding_vnic_type': attrs.get('binding_vnic_type') or 'normal'}
            self.cloud.ports[port['id']] = port
        self.cloud.save()
        return Resource(**port)

    def delete_port(self, port, ignore_missing=True):
        self._enter('delete_port', 'DELETE', '/v2.0/ports/{id}')
        port_id = getattr(port, 'id', port)
        with self.cloud.lock:
            gone = self.cloud.ports.pop(port_id, None)
        if gone is None and not ignore_missing:
            raise not_found('Port', port_id)
        self.cloud.save()

    def ips(self, **_query):
        self._enter('ips', 'GET', '/v2.0/floatingips')
        return []  # the simulated cloud has no floating IPs

    def create_ip(self, **_attrs):
        self._enter('create_ip', 'POST', '/v2.0/floatingips')
        raise http_error(400, 'The simulated cloud has no floating IPs.')

    def update_ip(self, *_args, **_attrs):
        raise http_error(400, 'The simulated cloud has no floating IPs.')

    def delete_ip(self, *_args, **_kwargs):
        return None


class ComputeProxy(Proxy):
    """Nova: flavors, key pairs, zones, hypervisors, server groups, servers."""

    # --- catalog -------------------------------------------------------------------

    def find_flavor(self, name_or_id, ignore_missing=True):
        self._enter('find_flavor', 'GET', '/v2.1/flavors')
        return self.cloud.find('flavors', name_or_id, ignore_missing, 'Flavor')

    def flavors(self, details=True, **_query):
        self._enter('flavors', 'GET', '/v2.1/flavors/detail')
        return [Resource(**f) for f in self.cloud.catalog['flavors']]

    def find_keypair(self, name_or_id, ignore_missing=True, **_query):
        self._enter('find_keypair', 'GET', '/v2.1/os-keypairs')
        return self.cloud.find('keypairs', name_or_id, ignore_missing, 'Keypair')

    def keypairs(self, **_query):
        self._enter('keypairs', 'GET', '/v2.1/os-keypairs')
        return [Resource(**k) for k in self.cloud.catalog['keypairs']]

    def availability_zones(self, details=False):
        self._enter('availability_zones', 'GET', '/v2.1/os-availability-zone')
        return [Resource(name=zone, state={'available': True})
                for zone in self.cloud.catalog['availability_zones']]

    def hypervisors(self, details=False, **_query):
        self._enter('hypervisors', 'GET', '/v2.1/os-hypervisors/detail')
        with self.cloud.lock:
            return [Resource(id=str(uuid.uuid5(uuid.NAMESPACE_URL, name)), name=name,
                             hypervisor_hostname=name, state=host['state'],
                             status=host['status'], availability_zone=host['zone'])
                    for name, host in sorted(self.cloud.hosts.items())]

    def services(self, host=None, binary=None, **_query):
        self._enter('services', 'GET', '/v2.1/os-services')
        with self.cloud.lock:
            return [Resource(host=name, binary='nova-compute', state=h['state'],
                             status=h['status'], zone=h['zone'],
                             is_forced_down=h.get('forced_down', False))
                    for name, h in sorted(self.cloud.hosts.items())
                    if host in (None, name)]

    def update_service_forced_down(self, service, host, binary, forced):
        self._enter('update_service_forced_down', 'PUT', '/v2.1/os-services')
        with self.cloud.lock:
            self.cloud.hosts[host]['forced_down'] = bool(forced)
        self.cloud.save()

    # --- server groups ----------------------------------------------------------------

    def create_server_group(self, name=None, policy=None, policies=None, **_attrs):
        self._enter('create_server_group', 'POST', '/v2.1/os-server-groups')
        policy = policy or (policies or ['anti-affinity'])[0]
        if policy not in ('affinity', 'anti-affinity', 'soft-affinity',
                          'soft-anti-affinity'):
            raise http_error(400, "Invalid server group policy '%s'." % policy)
        group = {'id': _uuid(), 'name': name, 'policy': policy,
                 'policies': [policy], 'members': [],
                 'project_id': self.conn.project_id}
        with self.cloud.lock:
            self.cloud.server_groups[group['id']] = group
        self.cloud.save()
        return Resource(**copy.deepcopy(group))

    def _group(self, name_or_id):
        for group in self.cloud.server_groups.values():
            if name_or_id in (group['id'], group['name']) and \
                    group['project_id'] == self.conn.project_id:
                return group
        return None

    def find_server_group(self, name_or_id, ignore_missing=True):
        self._enter('find_server_group', 'GET', '/v2.1/os-server-groups')
        with self.cloud.lock:
            group = self._group(name_or_id)
            if group is not None:
                return Resource(**copy.deepcopy(group))
        if ignore_missing:
            return None
        raise not_found('ServerGroup', name_or_id)

    get_server_group = find_server_group

    def server_groups(self, **_query):
        self._enter('server_groups', 'GET', '/v2.1/os-server-groups')
        with self.cloud.lock:
            return [Resource(**copy.deepcopy(g))
                    for g in self.cloud.server_groups.values()
                    if g['project_id'] == self.conn.project_id]

    def delete_server_group(self, group, ignore_missing=True):
        self._enter('delete_server_group', 'DELETE', '/v2.1/os-server-groups/{id}')
        group_id = getattr(group, 'id', group)
        with self.cloud.lock:
            gone = self.cloud.server_groups.pop(group_id, None)
        if gone is None and not ignore_missing:
            raise not_found('ServerGroup', group_id)
        self.cloud.save()

    # --- servers: reading ----------------------------------------------------------------

    def _mine(self, server):
        return server.get('project_id') == self.conn.project_id and \
            server.get('region') == self.conn.region_name

    def _reachable(self, server):
        """Whether a call by id reaches ``server``: the project's own, or any
        project's for an admin (Nova's admin-or-owner rule); lists stay the
        project's."""
        return self._mine(server) or (
            server.get('region') == self.conn.region_name
            and self.conn.user_id in self.cloud.catalog['admins'])

    def _view(self, server):
        flavor = dict(server['flavor'])
        flavor['original_name'] = flavor.get('name')
        group_ids = [g['id'] for g in self.cloud.server_groups.values()
                     if server['id'] in g['members']]
        return Resource(
            id=server['id'], name=server['name'], status=server['status'],
            task_state=server.get('task_state'), vm_state=server['status'].lower(),
            project_id=server['project_id'], user_id=server.get('user_id'),
            flavor=Resource(**flavor),
            image=Resource(id=server['image_id']) if server.get('image_id') else '',
            key_name=server.get('key_name'),
            metadata=dict(server.get('metadata') or {}),
            tags=list(server.get('tags') or []),
            addresses=copy.deepcopy(server.get('addresses') or {}),
            availability_zone=server.get('availability_zone'),
            compute_host=server.get('host'), hypervisor_hostname=server.get('host'),
            security_groups=[{'name': g} for g in server.get('security_groups')
                             or []],
            has_config_drive=bool(server.get('config_drive')),
            is_locked=bool(server.get('locked')),
            fault=copy.deepcopy(server.get('fault')) if server['status'] == 'ERROR'
            else None,
            server_groups=group_ids,
            created_at=_iso(server['created']), updated_at=_iso(server['updated']),
            location=None, region=server.get('region'), simulated=True)

    def _live(self, server_id):
        """The live server dict of this project, settled, or raise 404."""
        server = self.cloud.servers.get(server_id)
        if server is None or server.get('deleted') or not self._reachable(server):
            raise not_found('Server', server_id)
        if self.cloud.settle(server):
            self.cloud.save()
        return server

    def get_server(self, server):
        self._enter('get_server', 'GET', '/v2.1/servers/{id}')
        server_id = getattr(server, 'id', server)
        with self.cloud.lock:
            return self._view(self._live(server_id))

    def find_server(self, name_or_id, ignore_missing=True):
        self._enter('find_server', 'GET', '/v2.1/servers')
        with self.cloud.lock:
            for server in self.cloud.servers.values():
                if self._mine(server) and not server.get('deleted') and \
                        name_or_id in (server['id'], server['name']):
                    self.cloud.settle(server)
                    return self._view(server)
        if ignore_missing:
            return None
        raise not_found('Server', name_or_id)

    def servers(self, details=True, changes_since=None, tags=None, name=None,
                **_query):
        """Nova's list: ``changes_since`` also shows DELETED servers changed
        since then; ``name`` is a regular expression; ``tags`` must all be set."""
        self._enter('servers', 'GET', '/v2.1/servers/detail')
        import re
        since = _parse_time(changes_since) if changes_since else None
        wanted_tags = set(tags.split(',')) if isinstance(tags, str) else set(
            tags or ())
        result = []
        now = self.cloud.clock()
        changed = False
        with self.cloud.lock:
            for server_id, server in list(self.cloud.servers.items()):
                if server.get('deleted') and now - server['updated'] > _DELETED_KEPT:
                    del self.cloud.servers[server_id]
                    changed = True
                    continue
                if not self._mine(server):
                    continue
                changed = self.cloud.settle(server, now) or changed
                if server.get('deleted') and since is None:
                    continue
                if since is not None and server['updated'] < since:
                    continue
                if wanted_tags and not wanted_tags <= set(server.get('tags') or ()):
                    continue
                if name and not re.search(name, server['name']):
                    continue
                result.append(self._view(server))
        if changed:
            self.cloud.save()
        return sorted(result, key=lambda s: (s.created_at, s.id))

    def wait_for_delete(self, res, interval=2, wait=120, callback=None):
        """openstacksdk's: wait until the server is gone (a 404), or raise
        ``ResourceTimeout``.  Time passes on the cloud's clock only, so this
        sleeps between reads as a client of Nova would."""
        del callback
        server_id = getattr(res, 'id', res)
        deadline = time.monotonic() + wait
        while True:
            with self.cloud.lock:
                server = self.cloud.servers.get(server_id)
                if server is not None:
                    self.cloud.settle(server)
                if server is None or server.get('deleted') or \
                        not self._reachable(server):
                    return res
            if time.monotonic() >= deadline:
                raise sdk_exceptions.ResourceTimeout(
                    'Timeout waiting for the server %s to be deleted' % server_id)
            time.sleep(interval)

    def server_actions(self, server):
        self._enter('server_actions', 'GET', '/v2.1/servers/{id}/os-instance-actions')
        with self.cloud.lock:
            live = self._live(getattr(server, 'id', server))
            return [Resource(**a) for a in reversed(live.get('actions') or [])]

    def get_server_action(self, request_id, server):
        self._enter('get_server_action', 'GET',
                    '/v2.1/servers/{id}/os-instance-actions/{id}')
        with self.cloud.lock:
            live = self._live(getattr(server, 'id', server))
            for action in live.get('actions') or []:
                if action['request_id'] == request_id:
                    return Resource(**action)
        raise not_found('ServerAction', request_id)

    def server_interfaces(self, server):
        self._enter('server_interfaces', 'GET', '/v2.1/servers/{id}/os-interface')
        with self.cloud.lock:
            live = self._live(getattr(server, 'id', server))
            return [Resource(**i) for i in live.get('interfaces') or []]

    # --- servers: creating and deleting ----------------------------------------------

    def create_server(self, **attrs):
        self._enter('create_server', 'POST', '/v2.1/servers')
        cloud = self.cloud
        flavor = cloud.find('flavors', attrs.get('flavor_id'), False, 'Flavor')
        image_id = attrs.get('image_id')
        if image_id:
            image_id = cloud.find('images', image_id, False, 'Image').id
        elif not attrs.get('block_device_mapping'):
            raise http_error(400, 'An image or a block device mapping is needed.')
        if attrs.get('key_name'):
            if cloud.find('keypairs', attrs['key_name']) is None:
                raise http_error(400, 'Invalid key_name provided.')
        zone = attrs.get('availability_zone') or 'nova'
        if zone not in cloud.catalog['availability_zones']:
            raise http_error(400, 'The requested availability zone is not '
                                  'available: %s' % zone)
        for group in attrs.get('security_groups') or []:
            name = group.get('name') if isinstance(group, dict) else group
            if cloud.find('security_groups', name) is None:
                raise http_error(400, 'Security group %s not found.' % name)
        name = attrs.get('name') or 'server'
        with cloud.lock:
            hints = attrs.get('scheduler_hints') or {}
            group = None
            if hints.get('group'):
                group = self._group(hints['group'])
                if group is None:
                    raise http_error(400, 'Invalid server group %s.' % hints['group'])
            interfaces, addresses = self._boot_networks(attrs.get('networks'))
            now = cloud.clock()
            server = {
                'id': _uuid(), 'name': name, 'project_id': self.conn.project_id,
                'user_id': self.conn.user_id, 'region': self.conn.region_name,
                'status': 'BUILD', 'task_state': 'scheduling', 'pending': None,
                'flavor': {'id': flavor.id, 'name': flavor.name,
                           'vcpus': flavor.vcpus, 'ram': flavor.ram,
                           'disk': flavor.disk},
                'image_id': image_id, 'key_name': attrs.get('key_name'),
                'metadata': dict(attrs.get('metadata') or {}),
                'tags': list(attrs.get('tags') or []),
                'availability_zone': zone, 'host': None,
                'security_groups': [g.get('name') if isinstance(g, dict) else g
                                    for g in attrs.get('security_groups')
                                    or [{'name': 'default'}]],
                'config_drive': bool(attrs.get('config_drive')),
                'interfaces': interfaces, 'addresses': addresses,
                'created': now, 'updated': now, 'actions': [],
            }
            self._record(server, 'create')
            host = cloud.schedule(zone, group)
            fault = None
            injected = cloud.take_injected('build')
            if host is None:
                fault = ('No valid host was found. There are not enough hosts '
                         'available.')
            elif injected is not None:
                fault = injected[1]
            server['host'] = host
            if group is not None and host is not None:
                group['members'].append(server['id'])
            for interface in interfaces:
                port = cloud.ports.get(interface['port_id'])
                if port is not None:
                    port['device_id'] = server['id']
            cloud.servers[server['id']] = server
            cloud.begin(server, 'BUILD', 'spawning', 'ERROR' if fault else 'ACTIVE',
                        fault=fault)
            view = Resource(id=server['id'], name=name, status=server['status'])
        cloud.save()
        return view

    def _boot_networks(self, networks):
        """Interfaces and Nova's ``addresses`` for the ``networks`` of a POST."""
        cloud = self.cloud
        if networks in (None, 'none'):
            return [], {}
        if networks == 'auto':
            networks = [{'uuid': cloud.catalog['networks'][0]['id']}] \
                if cloud.catalog['networks'] else []
        interfaces, addresses = [], {}
        for entry in networks:
            if entry.get('port'):
                port = cloud.ports.get(entry['port'])
                if port is None:
                    raise not_found('Port', entry['port'])
                network = cloud.find('networks', port['network_id'], False)
                address = port['fixed_ips'][0]['ip_address']
                port_id = port['id']
            else:
                network = cloud.find('networks', entry.get('uuid'), False, 'Network')
                address = entry.get('fixed_ip') or cloud.address(network.to_dict())
                port_id = _uuid()
            interfaces.append({'port_id': port_id, 'net_id': network.id,
                               'fixed_ips': [{'ip_address': address}],
                               'port_state': 'ACTIVE'})
            addresses.setdefault(network.name, []).append(
                {'addr': address, 'version': 4, 'OS-EXT-IPS:type': 'fixed'})
        return interfaces, addresses

    def delete_server(self, server, ignore_missing=True, force=False):
        self._enter('delete_server', 'DELETE', '/v2.1/servers/{id}')
        server_id = getattr(server, 'id', server)
        with self.cloud.lock:
            live = self.cloud.servers.get(server_id)
            if live is None or live.get('deleted') or not self._reachable(live):
                if ignore_missing:
                    return None
                raise not_found('Server', server_id)
            self.cloud.settle(live)
            if live.get('locked'):
                raise http_error(409, 'Instance %s is locked' % server_id)
            if force or self.cloud.build_seconds <= 0:
                self.cloud.mark_deleted(live)
            else:
                live['task_state'] = 'deleting'
                live['updated'] = self.cloud.clock()
                live['pending'] = {'status': 'DELETED',
                                   'at': live['updated'] + self.cloud.build_seconds,
                                   'set': {'deleted': True}, 'fault': None}
                for group in self.cloud.server_groups.values():
                    if server_id in group['members']:
                        group['members'].remove(server_id)
        self.cloud.save()

    # --- servers: metadata, interfaces --------------------------------------------------

    def set_server_metadata(self, server, **metadata):
        self._enter('set_server_metadata', 'POST', '/v2.1/servers/{id}/metadata')
        with self.cloud.lock:
            live = self._live(getattr(server, 'id', server))
            live['metadata'].update({k: str(v) for k, v in metadata.items()})
            live['updated'] = self.cloud.clock()
        self.cloud.save()

    def delete_server_metadata(self, server, keys):
        self._enter('delete_server_metadata', 'DELETE',
                    '/v2.1/servers/{id}/metadata/{key}')
        with self.cloud.lock:
            live = self._live(getattr(server, 'id', server))
            for key in keys:
                if key not in live['metadata']:
                    raise not_found('Metadata item', key)
                del live['metadata'][key]
            live['updated'] = self.cloud.clock()
        self.cloud.save()

    def create_server_interface(self, server, net_id=None, port_id=None,
                                fixed_ips=None):
        self._enter('create_server_interface', 'POST',
                    '/v2.1/servers/{id}/os-interface')
        with self.cloud.lock:
            live = self._live(getattr(server, 'id', server))
            entry = {'port': port_id} if port_id else {'uuid': net_id}
            if fixed_ips:
                entry['fixed_ip'] = fixed_ips[0].get('ip_address')
            interfaces, addresses = self._boot_networks([entry])
            live['interfaces'].extend(interfaces)
            for name, items in addresses.items():
                live['addresses'].setdefault(name, []).extend(items)
            live['updated'] = self.cloud.clock()
        self.cloud.save()
        return Resource(**interfaces[0])

    def delete_server_interface(self, port_id, server=None):
        self._enter('delete_server_interface', 'DELETE',
                    '/v2.1/servers/{id}/os-interface/{id}')
        with self.cloud.lock:
            live = self._live(getattr(server, 'id', server))
            gone = [i for i in live['interfaces'] if i['port_id'] == port_id]
            if not gone:
                raise not_found('Interface', port_id)
            live['interfaces'].remove(gone[0])
            address = gone[0]['fixed_ips'][0]['ip_address']
            for name in list(live['addresses']):
                live['addresses'][name] = [a for a in live['addresses'][name]
                                           if a['addr'] != address]
                if not live['addresses'][name]:
                    del live['addresses'][name]
            live['updated'] = self.cloud.clock()
        self.cloud.save()

    # --- servers: actions ----------------------------------------------------------------

    def _record(self, server, action, message=None, detail=None):
        entry = {'action': action, 'request_id': 'req-' + _uuid(),
                 'message': message, 'start_time': _iso(self.cloud.clock()),
                 'events': [{'event': 'compute_%s' % action,
                             'details': detail}] if detail else []}
        server.setdefault('actions', []).append(entry)
        del server['actions'][:-20]

    def _action(self, method, server_id, change):
        """Check that ``method`` may run on the server now, then ``change`` it."""
        self._enter(method, 'POST', '/v2.1/servers/{id}/action')
        if method in _ADMIN_ONLY and \
                self.conn.user_id not in self.cloud.catalog['admins']:
            raise http_error(403, "Policy doesn't allow %s to be performed."
                             % _ADMIN_ONLY[method])
        with self.cloud.lock:
            live = self._live(server_id)
            if live.get('task_state'):
                raise http_error(409, "Cannot '%s' instance %s while it is in "
                                      "task_state %s" % (
                                          method.replace('_server', ''), server_id,
                                          live['task_state']))
            if live.get('locked') and method != 'unlock_server':
                raise http_error(409, 'Instance %s is locked' % server_id)
            allowed = _ACTION_FROM.get(method)
            if allowed is not None and live['status'] not in allowed:
                raise http_error(409, "Cannot '%s' instance %s while it is in "
                                      "vm_state %s" % (
                                          method.replace('_server', ''), server_id,
                                          live['status'].lower()))
            recorded = (live.get('actions') or [None])[-1]
            change(live)
            # One instance action per request, as Nova keeps: a change that
            # recorded its own (a migrate that found no host, with the reason
            # in its events) is not hidden behind a second one.
            if (live.get('actions') or [None])[-1] is recorded:
                self._record(live, method.replace('_server', ''))
        self.cloud.save()

    def reboot_server(self, server, reboot_type='SOFT'):
        status = 'HARD_REBOOT' if str(reboot_type).upper() == 'HARD' else 'REBOOT'
        self._action('reboot_server', getattr(server, 'id', server), lambda s: (
            s.pop('fault', None),
            self.cloud.begin(s, status, 'rebooting', 'ACTIVE')))

    def rebuild_server(self, server, image, name=None, admin_password=None,
                       **_attrs):
        image_id = self.cloud.find('images', getattr(image, 'id', image), False,
                                   'Image').id

        def change(live):
            back = live['status'] if live['status'] in ('ACTIVE', 'SHUTOFF') \
                else 'ACTIVE'
            live.pop('fault', None)
            settled = {'image_id': image_id}
            if name:
                settled['name'] = name
            self.cloud.begin(live, 'REBUILD', 'rebuilding', back, settled)
        self._action('rebuild_server', getattr(server, 'id', server), change)

    def resize_server(self, server, flavor):
        found = self.cloud.find('flavors', getattr(flavor, 'id', flavor), False,
                                'Flavor')

        def change(live):
            live['resize_back'] = {'status': live['status'],
                                   'flavor': dict(live['flavor'])}
            self.cloud.begin(live, 'RESIZE', 'resize_prep', 'VERIFY_RESIZE', {
                'flavor': {'id': found.id, 'name': found.name,
                           'vcpus': found.vcpus, 'ram': found.ram,
                           'disk': found.disk}})
        self._action('resize_server', getattr(server, 'id', server), change)

    def confirm_server_resize(self, server):
        def change(live):
            back = (live.pop('resize_back', None) or {}).get('status') or 'ACTIVE'
            live.pop('migrate_from', None)
            self.cloud.begin(live, 'VERIFY_RESIZE', 'resize_confirming', back)
        self._action('confirm_server_resize', getattr(server, 'id', server), change)

    def revert_server_resize(self, server):
        def change(live):
            back = live.pop('resize_back', None) or {}
            settled = {}
            if back.get('flavor'):
                settled['flavor'] = back['flavor']
            if live.get('migrate_from'):
                settled['host'] = live.pop('migrate_from')
            self.cloud.begin(live, 'REVERT_RESIZE', 'resize_reverting',
                             back.get('status') or 'ACTIVE', settled)
        self._action('revert_server_resize', getattr(server, 'id', server), change)

    def _simple(self, method, status, task_state, then):
        def run(server, *_args, **_kwargs):
            self._action(method, getattr(server, 'id', server), lambda s: (
                self.cloud.begin(s, status, task_state, then)))
        return run

    def stop_server(self, server):
        self._simple('stop_server', 'ACTIVE', 'powering-off', 'SHUTOFF')(server)

    def start_server(self, server):
        self._simple('start_server', 'SHUTOFF', 'powering-on', 'ACTIVE')(server)

    def pause_server(self, server):
        self._simple('pause_server', 'ACTIVE', 'pausing', 'PAUSED')(server)

    def unpause_server(self, server):
        self._simple('unpause_server', 'PAUSED', 'unpausing', 'ACTIVE')(server)

    def suspend_server(self, server):
        self._simple('suspend_server', 'ACTIVE', 'suspending', 'SUSPENDED')(server)

    def resume_server(self, server):
        self._simple('resume_server', 'SUSPENDED', 'resuming', 'ACTIVE')(server)

    def rescue_server(self, server, admin_pass=None, image_ref=None):
        if image_ref:
            self.cloud.find('images', image_ref, False, 'Image')
        self._simple('rescue_server', 'ACTIVE', 'rescuing', 'RESCUE')(server)

    def unrescue_server(self, server):
        self._simple('unrescue_server', 'RESCUE', 'unrescuing', 'ACTIVE')(server)

    def lock_server(self, server, **_kwargs):
        self._action('lock_server', getattr(server, 'id', server),
                     lambda s: s.update(locked=True, updated=self.cloud.clock()))

    def unlock_server(self, server):
        self._action('unlock_server', getattr(server, 'id', server),
                     lambda s: s.update(locked=False, updated=self.cloud.clock()))

    def update_server(self, server, name=None, **_attrs):
        self._enter('update_server', 'PUT', '/v2.1/servers/{id}')
        with self.cloud.lock:
            live = self._live(getattr(server, 'id', server))
            if name:
                live['name'] = name
            live['updated'] = self.cloud.clock()
        self.cloud.save()

    def change_server_password(self, server, new_password):
        self._action('change_server_password', getattr(server, 'id', server),
                     lambda s: s.update(updated=self.cloud.clock()))

    def migrate_server(self, server, host=None):
        def change(live):
            target = host or self.cloud.schedule(
                live['availability_zone'], None, exclude={live.get('host')})
            if target is None or target == live.get('host') or \
                    target not in self.cloud.hosts:
                # Nova puts the server back as it was and says why in the
                # action's events.
                live['updated'] = self.cloud.clock()
                self._record(live, 'migrate', 'Error', 'No valid host was found.')
                return
            live['resize_back'] = {'status': live['status']}
            live['migrate_from'] = live.get('host')
            self.cloud.begin(live, 'RESIZE', 'resize_migrating', 'VERIFY_RESIZE',
                             {'host': target})
        self._action('migrate_server', getattr(server, 'id', server), change)

    def evacuate_server(self, server, host=None, force=None, **_kwargs):
        def change(live):
            current = self.cloud.hosts.get(live.get('host')) or {}
            if current.get('state') == 'up' and not current.get('forced_down'):
                raise http_error(400, 'Compute service of %s is still in use.'
                                 % live.get('host'))
            target = host or self.cloud.schedule(
                live['availability_zone'], None, exclude={live.get('host')})
            if target is None:
                raise http_error(400, 'No valid host was found.')
            live.pop('fault', None)
            self.cloud.begin(live, 'REBUILD', 'rebuilding', 'ACTIVE',
                             {'host': target})
        self._action('evacuate_server', getattr(server, 'id', server), change)
