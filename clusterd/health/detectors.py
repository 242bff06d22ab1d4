"""Detectors: each one judges many nodes of a cluster at once.

A detector is a callable ``(checker, nodes, options) -> {node id: (healthy,
reason)}`` where ``healthy`` is True, False, or None (could not tell; counts as
not failed).  :data:`DETECTORS` maps the health policy's detection types to
them.  ``LIFECYCLE_EVENTS`` is not polled: the Nova notification listener
(:mod:`clusterd.health.lifecycle_events`) calls
:func:`clusterd.health.recovery.request_recovery` itself.
``LB_STATUS_POLLING`` reads the members of the load-balancing policy's load
balancer (:func:`lb_status_polling`).
"""

import http.client
import re
import ssl
import threading
import time
import urllib.parse

from oslo_log import log as logging

from clusterd.drivers import openstack as openstack_driver
from clusterd.objects import cluster as cluster_obj
from clusterd.policies import health as health_policy
from clusterd.policies import loadbalance
from clusterd.profiles import base as profile_base
from clusterd import states

LOG = logging.getLogger(__name__)

# Placeholders of a poll URL (Senlin knew only {nodename}).
PLACEHOLDERS = ('nodename', 'node_ip', 'node_id', 'port', 'host')


class Checker:
    """What a detector may use: the engine environment, a context, and the
    bounded pool its requests run on.

    :param env: the engine's :class:`clusterd.engine.environment.Environment`
    :param context: an admin context
    :param pool: a futurist executor bounding concurrent requests
    """

    def __init__(self, env, context, pool):
        self.env = env
        self.context = context
        self.pool = pool
        self.http = HttpClient()

    def profiles(self, nodes):
        """[(profile plugin, [nodes])] grouped by profile."""
        groups = {}
        for node in nodes:
            groups.setdefault(node.profile_id, []).append(node)
        return [(self.env.profile(self.context, profile_id), group)
                for profile_id, group in groups.items()]


def node_status_polling(checker, nodes, options):
    """One bulk backend call per profile (:meth:`Profile.list_resources`)."""
    verdicts = {}
    for profile, group in checker.profiles(nodes):
        try:
            found = profile.list_resources(checker.context, group)
        except Exception as exc:  # the backend could not be asked: no verdict
            LOG.warning('Status polling of %d node(s) failed: %s', len(group), exc)
            found = {}
        for node in group:
            if not node.physical_id and node.status != states.N_CREATING:
                verdicts[node.id] = (False, 'The node has no physical resource.')
                continue
            item = found.get(node.id)
            if item is None:
                verdicts[node.id] = (None, 'The backend did not report the node.')
                continue
            healthy = item.get(profile_base.HEALTHY)
            reason = item.get(profile_base.STATUS_REASON) or \
                'The resource is %s.' % item.get(profile_base.STATUS)
            verdicts[node.id] = (healthy, reason)
    return verdicts


def fill_url(template, node, endpoint):
    """The poll URL of one node.  Plain replacement, not ``str.format``: other
    braces in the URL stay."""
    values = {'nodename': node.name, 'node_id': node.id,
              'node_ip': endpoint.get('node_ip'), 'port': endpoint.get('port'),
              'host': endpoint.get('host')}
    for name in PLACEHOLDERS:
        token = '{%s}' % name
        if token in template:
            if values[name] is None:
                return None, "the node has no value for {%s}" % name
            template = template.replace(token, str(values[name]))
    return template, None


def poll_url(checker, nodes, options):
    """GET each node's poll URL, concurrently on the checker's bounded pool."""
    template = options['poll_url']
    network = options.get('poll_url_network')
    expected = options.get('poll_url_healthy_response') or ''
    pattern = re.compile(expected) if expected else None
    tries = max(int(options.get('poll_url_retry_limit') or 1), 1)
    pause = float(options.get('poll_url_retry_interval') or 0)
    timeout = options.get('poll_url_timeout') or max(1.0, 0.1 * pause)
    verify = options.get('poll_url_ssl_verify', True)
    conn_error_unhealthy = options.get('poll_url_conn_error_as_unhealthy', True)

    endpoints = {}
    needs_endpoint = any('{%s}' % p in template for p in ('node_ip', 'port', 'host'))
    if needs_endpoint:
        for profile, group in checker.profiles(nodes):
            try:
                endpoints.update(profile.endpoints(checker.context, group, network))
            except Exception as exc:
                LOG.warning('Could not find the endpoints of %d node(s): %s',
                            len(group), exc)

    def one(node, url):
        stop = threading.Event()
        result = (None, '')
        for attempt in range(tries):
            result = _get(checker.http, url, timeout, verify, pattern,
                          conn_error_unhealthy)
            if result[0] is not False or attempt + 1 == tries:
                break
            stop.wait(pause)
        return result

    futures, verdicts = {}, {}
    for node in nodes:
        url, problem = fill_url(template, node, endpoints.get(node.id, {}))
        if url is None:
            verdicts[node.id] = (None, 'Cannot build the poll URL: %s' % problem)
            continue
        futures[node.id] = checker.pool.submit(one, node, url)
    for node_id, future in futures.items():
        try:
            verdicts[node_id] = future.result()
        except Exception as exc:
            verdicts[node_id] = (None, 'The poll failed: %s' % exc)
    return verdicts


class HttpClient:
    """GETs over keep-alive connections, one set per worker thread.

    NOTE: plain ``http.client`` rather than urllib3 or requests: a poll is one
    small GET, and on a sweep of 10,000 nodes their per-request overhead was most
    of the engine's CPU (benchmarks/health_sweep.py).  ``timeout`` bounds each
    socket operation (connect, send, each read).
    """

    def __init__(self):
        self._local = threading.local()

    def _connection(self, scheme, host, port, timeout, verify):
        connections = getattr(self._local, 'connections', None)
        if connections is None:
            connections = self._local.connections = {}
        key = (scheme, host, port, verify)
        connection = connections.get(key)
        if connection is None:
            if scheme == 'https':
                context = ssl.create_default_context()
                if not verify:
                    context.check_hostname = False
                    context.verify_mode = ssl.CERT_NONE
                connection = http.client.HTTPSConnection(host, port, timeout=timeout,
                                                         context=context)
            else:
                connection = http.client.HTTPConnection(host, port, timeout=timeout)
            connections[key] = connection
            return connection, False
        connection.timeout = timeout
        if connection.sock is not None:
            connection.sock.settimeout(timeout)
        return connection, True

    def _drop(self, scheme, host, port, verify):
        connection = self._local.connections.pop((scheme, host, port, verify), None)
        if connection is not None:
            connection.close()

    def get(self, url, timeout, verify=True):
        """:returns: (status, body bytes) :raises OSError, http.client errors:"""
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ('http', 'https') or not parts.hostname:
            raise ValueError('not an http(s) URL: %s' % url)
        path = parts.path or '/'
        if parts.query:
            path += '?' + parts.query
        while True:
            connection, reused = self._connection(parts.scheme, parts.hostname,
                                                  parts.port, timeout, verify)
            try:
                connection.request('GET', path)
                response = connection.getresponse()
                body = response.read()
            except (http.client.RemoteDisconnected, ConnectionResetError,
                    BrokenPipeError):
                self._drop(parts.scheme, parts.hostname, parts.port, verify)
                if reused:
                    # The server closed an idle keep-alive connection: try
                    # once more on a fresh one.
                    continue
                raise
            except Exception:
                self._drop(parts.scheme, parts.hostname, parts.port, verify)
                raise
            if response.will_close:
                self._drop(parts.scheme, parts.hostname, parts.port, verify)
            return response.status, body


def _get(http_client, url, timeout, verify, pattern, conn_error_unhealthy):
    try:
        status, body = http_client.get(url, timeout, verify)
    except (OSError, http.client.HTTPException, ValueError) as exc:
        reason = '%s did not answer within %g s: %s' % (url, timeout, exc)
        return (False if conn_error_unhealthy else True), reason
    if not 200 <= status < 300:
        return False, '%s answered HTTP %d' % (url, status)
    if pattern is not None:
        if not pattern.search(body.decode('utf-8', 'replace')):
            return False, '%s answered without %r' % (url, pattern.pattern)
    return True, None


def hypervisor_status_polling(checker, nodes, options):
    """The hypervisor of each server is up and enabled.

    NOTE: a seam: a profile that knows hypervisors implements
    ``hypervisor_status(ctx, nodes) -> {node id: (healthy, reason)}``; others
    give no verdict.
    """
    verdicts = {}
    for profile, group in checker.profiles(nodes):
        method = getattr(profile, 'hypervisor_status', None)
        found = method(checker.context, group) if method else {}
        for node in group:
            verdicts[node.id] = found.get(node.id, (None, 'No hypervisor status.'))
    return verdicts


# member id -> when (monotonic) it was first seen OFFLINE in a row.
_OFFLINE_SINCE = {}
_OFFLINE_LOCK = threading.Lock()


def lb_status_polling(checker, nodes, options):
    """LB_STATUS_POLLING: the operating status of each node's member in the
    load balancer of the cluster's load-balancing policy, from ONE status
    tree (``GET /v2/lbaas/loadbalancers/{id}/status``) per load balancer.

    ERROR is unhealthy; OFFLINE is unhealthy once it lasted longer than the
    health policy's interval (``options['interval']``); ONLINE, NO_MONITOR
    and DEGRADED are healthy; anything else (DRAINING, no member yet, a
    member made for the resource a recreate replaced) gives no verdict.
    """
    grace = float(options.get('interval') or health_policy.DEFAULT_INTERVAL)
    verdicts = {}
    groups = {}
    for node in nodes:
        groups.setdefault(node.cluster_id, []).append(node)
    for cluster_id, group in groups.items():
        members, problem = _members_of(checker, cluster_id)
        now = time.monotonic()
        for node in group:
            data = node.data or {}
            member_id = data.get(loadbalance.MEMBER_KEY)
            member = members.get(member_id) if member_id else None
            if problem is not None:
                verdicts[node.id] = (None, problem)
            elif not member_id:
                verdicts[node.id] = (None, 'The node is not a load balancer '
                                           'member.')
            elif data.get(loadbalance.MEMBER_FOR_KEY) not in (None,
                                                              node.physical_id):
                verdicts[node.id] = (None, 'The node was recreated; its member '
                                           'is not there yet.')
            elif member is None:
                verdicts[node.id] = (None, 'The member %s is not in the load '
                                           'balancer.' % member_id)
            else:
                verdicts[node.id] = _member_verdict(member, now, grace)
    return verdicts


def _members_of(checker, cluster_id):
    """({member id: status-tree member}, problem) of the cluster's load
    balancers, one status tree each."""
    context = checker.context
    try:
        cluster = cluster_obj.Cluster.get(context, cluster_id, project_safe=False)
    except LookupError:
        return {}, 'The cluster is gone.'
    found = [loadbalance.binding_data(b.data) for b in
             cluster_obj.ClusterPolicy.for_cluster(context, cluster_id,
                                                   enabled_only=True)
             if loadbalance.DATA_KEY in (b.data or {})]
    found = [data for data in found if data.get('loadbalancer')]
    if not found:
        return {}, 'The cluster has no load-balancing policy.'
    members = {}
    for data in found:
        try:
            tree = loadbalance.octavia(checker.env.conf, context, cluster.user,
                                       cluster.project).status_tree(
                                           data['loadbalancer'])
        except openstack_driver.CloudError as exc:
            return {}, 'Cannot read the status of load balancer %s: %s' % (
                data['loadbalancer'], exc.message)
        for listener in (tree.get('loadbalancer') or {}).get('listeners') or []:
            for pool in listener.get('pools') or []:
                for member in pool.get('members') or []:
                    members[member['id']] = member
    return members, None


def _member_verdict(member, now, grace):
    status = member.get('operating_status')
    where = 'Load balancer member %s (%s)' % (member['id'],
                                              member.get('address'))
    with _OFFLINE_LOCK:
        if status != 'OFFLINE':
            _OFFLINE_SINCE.pop(member['id'], None)
        if status == 'ERROR':
            return False, '%s is ERROR.' % where
        if status == 'OFFLINE':
            since = _OFFLINE_SINCE.setdefault(member['id'], now)
            if now - since > grace:
                return False, '%s is OFFLINE for %d s.' % (where, now - since)
            return None, '%s is OFFLINE since %d s.' % (where, now - since)
    if status in ('ONLINE', 'NO_MONITOR', 'DEGRADED'):
        return True, None
    return None, '%s is %s.' % (where, status)


DETECTORS = {
    health_policy.NODE_STATUS_POLLING: node_status_polling,
    health_policy.NODE_STATUS_POLL_URL: poll_url,
    health_policy.HYPERVISOR_STATUS_POLLING: hypervisor_status_polling,
    health_policy.LB_STATUS_POLLING: lb_status_polling,
}


def register(mode_type, detector):
    """Add a detector (the LB member-status seam)."""
    DETECTORS[mode_type] = detector


def combine(modes, verdicts, conditional):
    """One node's verdict from its per-mode verdicts.

    :param modes: the mode types polled, in order
    :param verdicts: {mode type: (healthy, reason)}
    :param conditional: ANY_FAILED or ALL_FAILED
    :returns: (healthy True/False/None, reason, the mode that decided)
    """
    failed = [m for m in modes if verdicts.get(m, (None,))[0] is False]
    if conditional == health_policy.ALL_FAILED:
        if failed and len(failed) == len(modes):
            return False, '; '.join(verdicts[m][1] or m for m in failed), failed[0]
    elif failed:
        return False, verdicts[failed[0]][1] or failed[0], failed[0]
    if any(verdicts.get(m, (None,))[0] is True for m in modes):
        return True, None, None
    return None, 'No detector could tell.', None
