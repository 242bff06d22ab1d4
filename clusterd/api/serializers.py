"""Bodies shared by more than one handler module: plugin types, health.

Profile and policy types are served alike (``/v1/profile-types``,
``/v1/policy-types``); the shape changed at 1.5, when ``support_status`` came.
From 1.15 node and cluster bodies carry what the health manager found.
"""

from clusterd.api import microversion
from clusterd.api import util
from clusterd.objects import health as health_obj
from clusterd import schema

SUPPORT_STATUS_VERSION = microversion.Version(1, 5)
HEALTH_VERSION = microversion.Version(1, 15)


def _with_status(req):
    return microversion.request_version(req) >= SUPPORT_STATUS_VERSION


def plugin_types(req, registered):
    """Items of a type list from ``{type name: plugin class}``, sorted by name.

    Before 1.5 an item is ``{"name": "os.nova.server-1.0"}``; from 1.5 the name
    and version are apart and ``support_status`` comes along (the CLI splits the
    name on '-' when it is missing).
    """
    items = []
    for type_name, cls in sorted(registered.items()):
        if not _with_status(req):
            items.append({'name': type_name})
            continue
        name, _, version = type_name.rpartition('-')
        # One class may serve several versions: each item carries its own
        # version's status only, or the CLI prints every status of every item.
        status = cls.SUPPORT_STATUS or {}
        if version in status:
            status = {version: status[version]}
        items.append({'name': name, 'version': version,
                      'support_status': status})
    return items


def plugin_type(req, type_name, cls):
    """The body of one type: its name as asked, its spec schema and, from 1.5,
    its support status."""
    body = {'name': type_name,
            'schema': schema.render(cls.properties_schema or {})}
    if _with_status(req):
        body['support_status'] = cls.SUPPORT_STATUS or {}
    return body


# --- health (1.15) -------------------------------------------------------------------

def with_health(req):
    return microversion.request_version(req) >= HEALTH_VERSION


def _breaker(state):
    return 'open' if state is not None and state.breaker_open else 'closed'


def add_node_health(req, bodies):
    """Add ``health`` to node bodies at 1.15: last check time, healthy, the
    result per detector, recovery attempts, the needs-attention mark and the
    breaker state of the node's cluster (two queries for the whole page)."""
    if not with_health(req) or not bodies:
        return bodies
    context = util.context(req)
    nodes = health_obj.NodeHealth.get_many(context, [b['id'] for b in bodies])
    clusters = health_obj.ClusterHealth.get_many(
        context, {b['cluster_id'] for b in bodies if b['cluster_id']})
    for body in bodies:
        state = nodes.get(body['id'])
        body['health'] = {
            'checked_at': util.isotime(state.checked_at) if state else None,
            'healthy': state.healthy if state else None,
            'detectors': (state.results or {}) if state else {},
            'unhealthy_since': (util.isotime(state.unhealthy_since)
                                if state else None),
            'recovery_attempts': len(state.recoveries or []) if state else 0,
            'last_recovery_action': state.last_action_id if state else None,
            'needs_attention': bool(state and state.attention),
            'breaker': _breaker(clusters.get(body['cluster_id'])),
        }
    return bodies


def add_cluster_health(req, bodies):
    """Add ``healthy_nodes`` and ``health`` (last check, breaker) to cluster
    bodies at 1.15; ``healthy_nodes`` is null until a health check ran."""
    if not with_health(req) or not bodies:
        return bodies
    states = health_obj.ClusterHealth.get_many(util.context(req),
                                               [b['id'] for b in bodies])
    for body in bodies:
        state = states.get(body['id'])
        body['healthy_nodes'] = state.healthy_nodes if state else None
        body['health'] = {
            'checked_at': util.isotime(state.checked_at) if state else None,
            'breaker': _breaker(state),
            'breaker_reason': state.breaker_reason if state else None,
        }
    return bodies
