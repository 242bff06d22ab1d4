"""Health events: every detection, recovery step and breaker change is an event
row (``openstack cluster event list``) and a log line an operator can act on.

They are not tied to an action (a detection is not one), so they are written
here rather than through :func:`clusterd.engine.events.emit`; ``action`` names
what kind of health event it is (``NODE_HEALTH``, ``CLUSTER_HEALTH``).
"""

import logging as std_logging

from oslo_log import log as logging

from clusterd.clock import utcnow
from clusterd.objects import event as event_obj

LOG = logging.getLogger(__name__)

INFO = std_logging.INFO
WARNING = std_logging.WARNING
ERROR = std_logging.ERROR


def _emit(env, context, kind, obj, cluster_id, status, reason, level, extra):
    try:
        event_obj.Event.create(
            context, timestamp=utcnow(), oid=obj.id, oname=obj.name, otype=kind,
            cluster_id=cluster_id, level=str(level), user=obj.user,
            project=obj.project, domain=obj.domain, action='%s_HEALTH' % kind,
            status=status, status_reason=reason, metadata=extra or {})
    except Exception:
        LOG.exception('Could not record the health event %s of %s %s', status,
                      kind, obj.id)
    LOG.log(level, 'Health: %s %s[%s] %s: %s', kind, obj.name, obj.id[:8], status,
            reason)


def node(env, context, node_row, status, reason, level=INFO, **extra):
    """An event about a node (``status`` says what happened)."""
    _emit(env, context, 'NODE', node_row, node_row.cluster_id or None, status,
          reason, level, extra)


def cluster(env, context, cluster_row, status, reason, level=INFO, **extra):
    """An event about a cluster (the breaker)."""
    _emit(env, context, 'CLUSTER', cluster_row, cluster_row.id, status, reason,
          level, extra)
