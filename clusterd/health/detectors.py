"""Detectors: each one judges many nodes of a cluster at once.

A detector is a callable ``(checker, nodes, options) -> {node id: (healthy,
reason)}`` where ``healthy`` is True, False, or None (could not tell; counts as
not failed).  :data:`DETECTORS` maps the health policy's detection types to
them.  ``LIFECYCLE_EVENTS`` is not polled: the Nova notification listener
(:mod:`clusterd.health.lifecycle_events`) calls
:func:`clusterd.health.recovery.request_recovery` itself.  The load-balancing
policy adds ``LB_STATUS_POLLING`` here with :func:`register`.
"""

import re
import threading

from oslo_log import log as logging
import urllib3

from clusterd.engine import states
from clusterd.policies import health as health_policy
from clusterd.profiles import base as profile_base

LOG = logging.getLogger(__name__)

# Placeholders of a poll URL (Senlin knew only {nodename}).
PLACEHOLDERS = ('nodename', 'node_ip', 'node_id', 'port', 'host')


class Checker:
    """What a detector may use: the engine environment, a context, and the
    bounded pool its requests run on.

    :param env: the engine's :class:`clusterd.engine.environment.Environment`
    :param context: an admin context
    :param pool: a futurist executor bounding concurrent requests
    :param connections: how many connections to keep per poll-URL host
    """

    def __init__(self, env, context, pool, connections):
        self.env = env
        self.context = context
        self.pool = pool
        # Keep-alive connections shared by every poll, one manager per TLS mode.
        self._http = {
            True: urllib3.PoolManager(maxsize=connections, block=False),
            False: urllib3.PoolManager(maxsize=connections, block=False,
                                       cert_reqs='CERT_NONE'),
        }

    def http_for(self, verify):
        return self._http[bool(verify)]

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
            result = _get(checker.http_for(verify), url, timeout, pattern,
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


def _get(http, url, timeout, pattern, conn_error_unhealthy):
    try:
        response = http.request('GET', url, timeout=urllib3.Timeout(total=timeout),
                                retries=False, preload_content=True)
    except urllib3.exceptions.HTTPError as exc:
        reason = '%s did not answer within %g s: %s' % (url, timeout, exc)
        return (False if conn_error_unhealthy else True), reason
    if not 200 <= response.status < 300:
        return False, '%s answered HTTP %d' % (url, response.status)
    if pattern is not None:
        body = response.data.decode('utf-8', 'replace')
        if not pattern.search(body):
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


DETECTORS = {
    health_policy.NODE_STATUS_POLLING: node_status_polling,
    health_policy.NODE_STATUS_POLL_URL: poll_url,
    health_policy.HYPERVISOR_STATUS_POLLING: hypervisor_status_polling,
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
