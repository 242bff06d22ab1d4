"""Extra compute hosts on the shared Nova anchor, for the tests that need more
than its one host (zones with several hosts, anti-affinity over three).

:class:`NovaHosts` starts nova-compute processes from the anchor's venv, with
the fake virt driver and the anchor's nova.conf (database, transport,
placement), each with its own ``host``, state and lock directories given in a
second config file.  It waits until each reports up in os-services, is mapped
into cell1 (``nova-manage cell_v2 discover_hosts``) and has its resource
provider in Placement.  :meth:`NovaHosts.zones` makes availability zones of
them through os-aggregates.  :meth:`NovaHosts.close` deletes every server made
with its flavor, the aggregates, stops the processes and deletes their compute
services (Nova then drops their resource providers and host mappings): the
anchor is left as found.

The anchor is shared with the other tests, whose servers must not land on
these hosts (their anti-affinity test relies on one host, and a server on our
host would block deleting its service).  So each extra host reserves nearly all
its memory: only ``RESERVED_FREE_MB`` (times the RAM allocation ratio, 1.5) is
free, less than the anchor's smallest flavor (m1.tiny, 512 MB), and the tests
boot with :attr:`NovaHosts.flavor`, a flavor of ``FLAVOR_RAM_MB`` made for the
run.  The anchor's host, with all its memory, stays the scheduler's choice for
everything else.

Names carry a per-run word (``clusterd-nh-<run>-a``...), and a lock file
serialises runs on one machine; a run that finds hosts of an earlier run that
died (under the lock, nothing else can own them) removes them first.
"""

import contextlib
import fcntl
import json
import os
import shutil
import signal
import subprocess
import time
import urllib.error
import urllib.request
import uuid

from tests import databases

PREFIX = 'clusterd-nh-'
LOCK_FILE = '/tmp/clusterd-nova-hosts.lock'
ROOT = '/tmp/clusterd-nova-hosts'
# The fake driver reports 800000 MB on every host.
FAKE_MEMORY_MB = 800000
RESERVED_FREE_MB = 256
FLAVOR_RAM_MB = 16
START_TIMEOUT = 240
EXTRA_CONF = """[DEFAULT]
host = {host}
state_path = {state}
reserved_host_memory_mb = {reserved}
[oslo_concurrency]
lock_path = {lock}
"""


class NovaHosts:
    """Extra nova-compute hosts on the anchor (:class:`tests.nova_anchor.Anchor`).

    :param count: how many hosts (named ``<PREFIX><run>-a``, ``-b``...)
    :ivar hosts: their names
    :ivar flavor: the id of the flavor that fits only them (and the anchor's
        host)
    """

    def __init__(self, anchor, count=3):
        self.anchor = anchor
        self.env = anchor.env
        self.state = self.env.get('NOVA_STATE', '/tmp/nova-anchor')
        self.venv = self.env.get('NOVA_VENV', '/tmp/nova-venv')
        self.conf = os.path.join(self.state, 'etc', 'nova.conf')
        self.placement = 'http://127.0.0.1:%s' % self.env.get('PLACEMENT_PORT',
                                                               '28778')
        self.run = uuid.uuid4().hex[:6]
        self.hosts = ['%s%s-%s' % (PREFIX, self.run, chr(ord('a') + i))
                      for i in range(count)]
        self.dir = os.path.join(ROOT, self.run)
        self.processes = {}
        self.aggregates = []
        self.flavor = None
        self._lock = None
        self.timings = {}

    # --- HTTP ------------------------------------------------------------------------

    def _call(self, method, url, body=None, headers=None, ok=(200, 201, 202, 204)):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(url, data=data, method=method)
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        if data is not None:
            request.add_header('Content-Type', 'application/json')
        try:
            with urllib.request.urlopen(request, timeout=60) as answer:
                status, text = answer.status, answer.read()
        except urllib.error.HTTPError as error:
            status, text = error.code, error.read()
        if status not in ok:
            raise RuntimeError('%s %s: %s %s' % (method, url, status, text[:500]))
        return status, json.loads(text) if text else None

    def nova(self, method, path, body=None, ok=(200, 201, 202, 204)):
        """Nova's answer (as an admin); None for a 404 that ``ok`` allows."""
        status, answer = self._call(method, self.anchor.endpoint + path, body, {
            'X-Auth-Token': 'admin:admin',
            'OpenStack-API-Version': 'compute 2.90'}, ok)
        return None if status == 404 else answer

    def placement_get(self, path):
        return self._call('GET', self.placement + path, None, {
            'X-Auth-Token': 'admin',
            'OpenStack-API-Version': 'placement 1.14'})[1]

    # --- start -----------------------------------------------------------------------

    def start(self):
        if not os.access(os.path.join(self.venv, 'bin', 'nova-compute'), os.X_OK):
            databases.unavailable('No nova-compute in the Nova anchor venv %s'
                                  % self.venv)
        os.makedirs(ROOT, exist_ok=True)
        self._lock = open(LOCK_FILE, 'a')
        fcntl.flock(self._lock, fcntl.LOCK_EX)
        began = time.monotonic()
        try:
            self._sweep()
            self._make_flavor()
            for host in self.hosts:
                self._start_compute(host)
            self._wait_up()
            self.timings['start'] = time.monotonic() - began
        except BaseException:
            self.close()
            raise
        return self

    def _make_flavor(self):
        flavor = self.nova('POST', '/flavors', {'flavor': {
            'name': '%s%s' % (PREFIX, self.run), 'ram': FLAVOR_RAM_MB,
            'vcpus': 1, 'disk': 1}})['flavor']
        self.flavor = flavor['id']

    def _start_compute(self, host):
        home = os.path.join(self.dir, host)
        for sub in ('state', 'lock'):
            os.makedirs(os.path.join(home, sub), exist_ok=True)
        extra = os.path.join(home, 'extra.conf')
        with open(extra, 'w') as target:
            target.write(EXTRA_CONF.format(
                host=host, state=os.path.join(home, 'state'),
                lock=os.path.join(home, 'lock'),
                reserved=FAKE_MEMORY_MB - RESERVED_FREE_MB))
        with open(os.path.join(home, 'compute.log'), 'ab') as log:
            process = subprocess.Popen(
                ['nice', os.path.join(self.venv, 'bin', 'nova-compute'),
                 '--config-file', self.conf, '--config-file', extra],
                stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                start_new_session=True)
        self.processes[host] = process
        with open(os.path.join(home, 'pid'), 'w') as target:
            target.write('%d\n' % process.pid)

    def _died(self, host):
        process = self.processes[host]
        if process.poll() is None:
            return
        with open(os.path.join(self.dir, host, 'compute.log'), 'rb') as source:
            tail = source.read()[-2000:].decode(errors='replace')
        databases.unavailable('Extra nova-compute %s exited (%s): %s'
                              % (host, process.returncode, tail))

    def _wait(self, what, check, timeout=START_TIMEOUT):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for host in self.hosts:
                self._died(host)
            if check():
                return
            time.sleep(1)
        databases.unavailable('Extra nova-compute hosts: %s not within %d s'
                              % (what, timeout))

    def _services(self):
        return {s['host']: s for s in self.nova(
            'GET', '/os-services?binary=nova-compute')['services']
            if s['host'] in self.hosts}

    def _wait_up(self):
        self._wait('up in os-services', lambda: all(
            s['state'] == 'up' for s in self._services().values())
            and len(self._services()) == len(self.hosts))

        def mapped():
            listed = {h['hypervisor_hostname'] for h in self.nova(
                'GET', '/os-hypervisors')['hypervisors']}
            if set(self.hosts) <= listed:
                return True
            # The scheduler discovers too (every 30 s): a clash with it fails
            # one of the two, and the next round finds the hosts mapped.
            subprocess.run([os.path.join(self.venv, 'bin', 'nova-manage'),
                            '--config-file', self.conf, 'cell_v2',
                            'discover_hosts'], capture_output=True, timeout=120)
            return False
        self._wait('mapped into the cell (os-hypervisors)', mapped)

        def in_placement():
            for host in self.hosts:
                found = self.placement_get('/resource_providers?name=' + host)
                if not found['resource_providers']:
                    return False
                inventory = self.placement_get('/resource_providers/%s/inventories'
                                               % found['resource_providers'][0]
                                               ['uuid'])['inventories']
                if inventory.get('MEMORY_MB', {}).get('reserved') != \
                        FAKE_MEMORY_MB - RESERVED_FREE_MB:
                    return False
            return True
        self._wait('resource providers in Placement', in_placement)

    # --- zones -----------------------------------------------------------------------

    @contextlib.contextmanager
    def zones(self, layout):
        """Availability zones of these hosts for the ``with`` block.

        :param layout: {zone name: [host...]}; each zone one aggregate
        """
        made = []
        try:
            for zone, hosts in layout.items():
                aggregate = self.nova('POST', '/os-aggregates', {'aggregate': {
                    'name': '%s%s-%s' % (PREFIX, self.run, zone),
                    'availability_zone': zone}})['aggregate']
                made.append(aggregate['id'])
                self.aggregates.append(aggregate['id'])
                for host in hosts:
                    self.nova('POST', '/os-aggregates/%s/action' % aggregate['id'],
                              {'add_host': {'host': host}})
            yield layout
        finally:
            # Nova keeps a host with servers in its zone: the servers go first.
            self.delete_servers()
            for aggregate_id in made:
                self._delete_aggregate(aggregate_id)

    def _delete_aggregate(self, aggregate_id):
        aggregate = self.nova('GET', '/os-aggregates/%s' % aggregate_id,
                              ok=(200, 404))
        if aggregate:
            for host in aggregate['aggregate']['hosts'] or []:
                self.nova('POST', '/os-aggregates/%s/action' % aggregate_id,
                          {'remove_host': {'host': host}}, ok=(200, 404))
            self.nova('DELETE', '/os-aggregates/%s' % aggregate_id, ok=(200, 404))
        if aggregate_id in self.aggregates:
            self.aggregates.remove(aggregate_id)

    def hosts_of(self, server_ids):
        """{server id: compute host} as Nova has them (admin view)."""
        found = {}
        for server_id in server_ids:
            server = self.nova('GET', '/servers/%s' % server_id)['server']
            found[server_id] = server.get('OS-EXT-SRV-ATTR:host')
        return found

    # --- tidy up ---------------------------------------------------------------------

    def delete_servers(self):
        """Delete every server (of any project) booted with the run's flavor
        or on one of the run's hosts; wait until they are gone."""
        self._delete_servers([self.flavor] if self.flavor else [], self.hosts)

    def _delete_servers(self, flavors, hosts, timeout=180):
        ids = set()
        for query in (['flavor=%s' % f for f in flavors] +
                      ['host=%s' % h for h in hosts]):
            ids |= {s['id'] for s in self.nova(
                'GET', '/servers?all_tenants=1&' + query)['servers']}
        deadline = time.monotonic() + timeout
        again = 0
        while ids and time.monotonic() < deadline:
            if time.monotonic() >= again:
                # Again from time to time: a server whose compute went down
                # after the first delete is deleted by Nova itself.
                for server_id in ids:
                    self.nova('DELETE', '/servers/%s' % server_id,
                              ok=(204, 404, 409))
                again = time.monotonic() + 15
            time.sleep(0.5)
            ids = {i for i in ids
                   if self.nova('GET', '/servers/%s' % i, ok=(200, 404))}
        if ids:
            raise RuntimeError('servers not deleted within %d s: %s'
                               % (timeout, sorted(ids)))

    def close(self):
        """Leave the anchor as found; safe to call twice."""
        began = time.monotonic()
        try:
            self.delete_servers()
            self.timings['close_servers'] = time.monotonic() - began
            for aggregate_id in list(self.aggregates):
                self._delete_aggregate(aggregate_id)
            for process in self.processes.values():
                process.terminate()
            for process in self.processes.values():
                try:
                    process.wait(30)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
            self.processes = {}
            self._delete_services(self.hosts)
            if self.flavor:
                self.nova('DELETE', '/flavors/%s' % self.flavor, ok=(202, 404))
                self.flavor = None
            shutil.rmtree(self.dir, ignore_errors=True)
        finally:
            self.timings['close'] = time.monotonic() - began
            if self._lock is not None:
                self._lock.close()
                self._lock = None

    def _delete_services(self, hosts):
        for service in self.nova('GET', '/os-services?binary=nova-compute')[
                'services']:
            if service['host'] in hosts:
                self.nova('DELETE', '/os-services/%s' % service['id'],
                          ok=(204, 404))

    def _sweep(self):
        """Remove what a run that died left: its processes, servers,
        aggregates, services and flavors (the lock is ours: nobody else's).

        Its computes are stopped and their services forced down first, so that
        Nova deletes their servers itself (a delete sent to a compute that is
        gone would wait for it for ever).
        """
        for run in os.listdir(ROOT):
            for host in os.listdir(os.path.join(ROOT, run)):
                try:
                    with open(os.path.join(ROOT, run, host, 'pid')) as source:
                        pid = int(source.read())
                    with open('/proc/%d/cmdline' % pid, 'rb') as source:
                        if host.encode() in source.read():
                            _terminate(pid)
                except (OSError, ValueError):
                    pass
            shutil.rmtree(os.path.join(ROOT, run), ignore_errors=True)
        stale = [s for s in self.nova('GET', '/os-services?binary=nova-compute')[
            'services'] if s['host'].startswith(PREFIX)]
        flavors = [f['id'] for f in self.nova('GET', '/flavors?is_public=None')[
            'flavors'] if f['name'].startswith(PREFIX)]
        if not stale and not flavors:
            return
        for service in stale:
            self.nova('PUT', '/os-services/%s' % service['id'],
                      {'forced_down': True}, ok=(200, 404))
        self._delete_servers(flavors, [s['host'] for s in stale])
        for aggregate in self.nova('GET', '/os-aggregates')['aggregates']:
            if aggregate['name'].startswith(PREFIX):
                self._delete_aggregate(aggregate['id'])
        self._delete_services([s['host'] for s in stale])
        for flavor in flavors:
            self.nova('DELETE', '/flavors/%s' % flavor, ok=(202, 404))


def _terminate(pid):
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return
            try:
                os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                pass
            time.sleep(0.2)
