"""A nova-api behind the real Keystone, for the end-to-end of trusts.

The Nova anchor (``shared/anchors/nova``) runs nova-api without Keystone by
construction: its paste pipeline swaps ``authtoken`` for a filter that believes
the token.  To see Nova check the trust-scoped tokens clusterd sends, this
module starts a *second* nova-api from the anchor's venv, on a port of its own,
with Nova's own shipped paste pipeline (keystonemiddleware's ``auth_token`` in
front) pointed at the Keystone anchor.  It reads the anchor's ``nova.conf``
(databases, cells, RabbitMQ, Placement, the Glance/Neutron stub), so the
anchor's conductor, scheduler and fake-virt compute serve the servers it
creates; a second config file given after it changes only the paste file and
adds ``[keystone_authtoken]`` (the anchor's service user ``senlin``; no token
cache, so a revoked token or a deleted trust is refused at the next request).

For the session, Keystone's catalog then names it as ``compute``, and the
anchor's stub as ``image`` and ``network``: a trust-scoped token finds its
endpoints the way it does in production.  The catalog is one for the host,
so sessions take turns (a lock file), and at the end the entries this module
made are removed and the ones it changed are set back.  Nothing under
``shared/anchors`` is written.

Knobs: NOVA_VENV (the anchor's venv, /tmp/nova-venv), CLUSTERD_NOVA_KEYSTONE_PORT
(default: a free port).
"""

import contextlib
import fcntl
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.error
import urllib.request

from tests import databases
from tests import keystone_anchor
from tests import services

REGION = 'RegionOne'
LOCK = '/tmp/clusterd-keystone-compute.lock'
LOCK_WAIT = 1800
START_TIMEOUT = 180
INTERFACES = ('public', 'internal', 'admin')

AUTHTOKEN = """[api]
auth_strategy = keystone
[keystone_authtoken]
www_authenticate_uri = {keystone}
auth_url = {keystone}
auth_type = password
username = senlin
password = senlin
project_name = service
user_domain_name = Default
project_domain_name = Default
# every request is checked with Keystone: a deleted trust's token is refused
token_cache_time = -1
"""


def _http(method, url, token=None, body=None):
    headers = {'Content-Type': 'application/json'}
    if token:
        headers['X-Auth-Token'] = token
    request = urllib.request.Request(
        url, method=method, headers=headers,
        data=json.dumps(body).encode() if body is not None else None)
    with urllib.request.urlopen(request, timeout=30) as answer:
        raw = answer.read()
        return json.loads(raw) if raw else None


def system_token():
    """An admin token scoped to the system (Keystone 30 wants it for the
    catalog)."""
    body = {'auth': {
        'identity': {'methods': ['password'], 'password': {'user': {
            'name': 'admin', 'domain': {'id': 'default'}, 'password': 'admin'}}},
        'scope': {'system': {'all': True}}}}
    request = urllib.request.Request(
        keystone_anchor.URL + '/v3/auth/tokens', data=json.dumps(body).encode(),
        headers={'Content-Type': 'application/json'}, method='POST')
    with urllib.request.urlopen(request, timeout=30) as answer:
        return answer.headers['X-Subject-Token']


class Catalog:
    """Points service types of Keystone's catalog at URLs, and undoes it."""

    def __init__(self):
        self.token = system_token()
        self.made_services = []
        self.changed = []       # (endpoint id, its old url)
        self.made_endpoints = []

    def _call(self, method, path, body=None):
        return _http(method, keystone_anchor.URL + '/v3' + path, self.token, body)

    def point(self, service_type, name, url):
        found = self._call('GET', '/services?type=%s' % service_type)['services']
        if found:
            service = found[0]
        else:
            service = self._call('POST', '/services', {'service': {
                'type': service_type, 'name': name, 'enabled': True}})['service']
            self.made_services.append(service['id'])
        endpoints = self._call('GET', '/endpoints?service_id=%s'
                               % service['id'])['endpoints']
        for interface in INTERFACES:
            mine = [e for e in endpoints if e['interface'] == interface]
            if not mine:
                made = self._call('POST', '/endpoints', {'endpoint': {
                    'service_id': service['id'], 'interface': interface,
                    'region_id': REGION, 'url': url, 'enabled': True}})
                self.made_endpoints.append(made['endpoint']['id'])
            for endpoint in mine:
                if endpoint['url'] != url:
                    self.changed.append((endpoint['id'], endpoint['url']))
                    self._call('PATCH', '/endpoints/%s' % endpoint['id'], {
                        'endpoint': {'url': url}})

    def restore(self):
        for endpoint_id, url in self.changed:
            self._call('PATCH', '/endpoints/%s' % endpoint_id,
                       {'endpoint': {'url': url}})
        for endpoint_id in self.made_endpoints:
            self._call('DELETE', '/endpoints/%s' % endpoint_id)
        for service_id in self.made_services:
            self._call('DELETE', '/services/%s' % service_id)


@contextlib.contextmanager
def _turn():
    with open(LOCK, 'a') as lock:
        deadline = time.monotonic() + LOCK_WAIT
        while True:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise AssertionError('another test session held %s for %d s'
                                         % (LOCK, LOCK_WAIT))
                time.sleep(1)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _status(url, token=None):
    try:
        request = urllib.request.Request(url, headers={'X-Auth-Token': token}
                                         if token else {})
        with urllib.request.urlopen(request, timeout=5) as answer:
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return None


class KeystoneNova:
    """The running second nova-api.

    :ivar endpoint: its compute endpoint (``.../v2.1``), named ``compute`` in
        Keystone's catalog
    :ivar log: its log file
    """

    def __init__(self, endpoint, log, nova):
        self.endpoint = endpoint
        self.log = log
        self.nova = nova    # the anchor (tests.nova_anchor.Anchor)

    def call(self, method, path, token, body=None):
        """Nova's API with a Keystone token: (status, body)."""
        request = urllib.request.Request(
            self.endpoint + path, method=method,
            data=json.dumps(body).encode() if body is not None else None,
            headers={'X-Auth-Token': token, 'Content-Type': 'application/json',
                     'OpenStack-API-Version': 'compute 2.47'})
        try:
            with urllib.request.urlopen(request, timeout=60) as answer:
                raw = answer.read()
                return answer.status, json.loads(raw) if raw else None
        except urllib.error.HTTPError as error:
            raw = error.read()
            try:
                return error.code, json.loads(raw)
            except ValueError:
                return error.code, raw.decode(errors='replace')


def _start(nova, keystone_url, workdir, port):
    venv = nova.env.get('NOVA_VENV', '/tmp/nova-venv')
    anchor = services.anchor_dir('nova')
    nova_conf = os.path.join(nova.env['NOVA_STATE'], 'etc', 'nova.conf')
    shipped_paste = os.path.join(venv, 'etc', 'nova', 'api-paste.ini')
    for path in (nova_conf, shipped_paste):
        if not os.path.exists(path):
            databases.unavailable('The Nova anchor has no %s' % path)
    paste = os.path.join(workdir, 'api-paste.ini')
    shutil.copyfile(shipped_paste, paste)    # Nova's own: authtoken in front
    with open(os.path.join(workdir, 'keystone.conf'), 'w') as target:
        target.write(AUTHTOKEN.format(keystone=keystone_url))
    env = dict(os.environ, OS_NOVA_CONFIG_DIR=workdir,
               # Nova loads its paste pipeline from the first file
               OS_NOVA_CONFIG_FILES='api-paste.ini;%s;keystone.conf' % nova_conf,
               PYTHONPATH=anchor)
    log = os.path.join(workdir, 'nova-api.log')
    with open(log, 'ab') as output:
        process = subprocess.Popen(
            [os.path.join(venv, 'bin', 'gunicorn'), '--bind', '127.0.0.1:%d' % port,
             '--workers', '1', '--threads', '8', '--worker-class', 'gthread',
             '--timeout', '120', '--keep-alive', '75', '--no-control-socket',
             'nova_api_wsgi:application'],
            stdout=output, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            start_new_session=True, env=env, cwd=workdir)
    return process, log


def _stop(process):
    for sig, wait in ((signal.SIGTERM, 20), (signal.SIGKILL, 10)):
        if process.poll() is not None:
            return
        os.killpg(process.pid, sig)
        try:
            process.wait(wait)
        except subprocess.TimeoutExpired:
            continue


def _tail(path, lines=40):
    try:
        with open(path, errors='replace') as source:
            return ''.join(source.readlines()[-lines:])
    except OSError:
        return ''


@contextlib.contextmanager
def running(nova, keystone_url):
    """Yield a :class:`KeystoneNova` in front of the Nova anchor ``nova`` (a
    ``tests.nova_anchor.Anchor``), named ``compute`` in the catalog of the
    Keystone at ``keystone_url`` for the block."""
    port = int(os.environ.get('CLUSTERD_NOVA_KEYSTONE_PORT') or services.free_port())
    workdir = tempfile.mkdtemp(prefix='nova-keystone-')
    endpoint = 'http://127.0.0.1:%d/v2.1' % port
    with _turn():
        process, log = _start(nova, keystone_url, workdir, port)
        catalog = None
        try:
            deadline = time.monotonic() + START_TIMEOUT
            # No token: auth_token answers 401 once Nova's app is loaded.
            while _status(endpoint + '/servers') != 401:
                if process.poll() is not None or time.monotonic() > deadline:
                    databases.unavailable(
                        'The nova-api behind Keystone did not start (exit %s):\n%s'
                        % (process.poll(), _tail(log)))
                time.sleep(1)
            catalog = Catalog()
            catalog.point('compute', 'nova', endpoint)
            catalog.point('image', 'glance', nova.image_endpoint.rstrip('/'))
            catalog.point('network', 'neutron', nova.network_endpoint.rstrip('/'))
            yield KeystoneNova(endpoint, log, nova)
        finally:
            try:
                if catalog is not None:
                    catalog.restore()
            finally:
                _stop(process)
                shutil.rmtree(workdir, ignore_errors=True)
