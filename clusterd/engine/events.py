"""Events (rows in the ``event`` table) and versioned notifications.

Emitted at the start, end and failure of cluster actions and of node actions made
by a request; derived node actions too when ``[engine] events_for_derived_actions``
says so.  Levels are stored as Senlin stored them (logging numbers as strings), and
notifications are Senlin's versioned ones (:mod:`clusterd.engine.notifications`:
``cluster.scale_out.end`` with a ``ClusterActionPayload``, ``node.create.error``
with a ``NodeActionPayload``).
"""

import logging as std_logging

from oslo_log import log as logging

from clusterd.clock import utcnow
from clusterd.db import faults
from clusterd.engine import liveness
from clusterd.engine import notifications
from clusterd.objects import event as event_obj

LOG = logging.getLogger(__name__)

START = 'start'
END = 'end'
ERROR = 'error'

INFO = std_logging.INFO
WARNING = std_logging.WARNING
ERROR_LEVEL = std_logging.ERROR


_STATUS_AT = {START: 'RUNNING', END: 'SUCCEEDED', ERROR: 'FAILED'}


def emit(env, context, action, kind, obj, phase, reason, level=INFO, status=None,
         exception=None):
    """Record one event about ``obj`` (a cluster or node) for ``action``, and send
    its notification.

    :param status: the action's status at this phase (default: RUNNING at
        start, SUCCEEDED at end, FAILED at error)
    :param exception: :func:`notifications.exception_info` of the exception the
        action failed on, if any
    """
    try:
        record(context, action, kind, obj, phase, reason, level)
    except (liveness.Fenced, liveness.LeaseExpired):
        raise
    except Exception as exc:
        if faults.transient(exc):
            # The database is away: the step runs again once it is back, and
            # records its events then.
            raise
        LOG.exception('Could not record the %s event of %s %s', phase, kind, obj.id)
    announce(env, action, kind, obj, phase, reason, level, status, exception)


def record(context, action, kind, obj, phase, reason, level=INFO):
    """Only the event row of :func:`emit` (in the caller's transaction, if
    any); errors are the caller's.  :func:`announce` sends the rest."""
    cluster_id = obj.id if kind == 'CLUSTER' else (obj.cluster_id or None)
    event_obj.Event.create(
        context, timestamp=utcnow(), oid=obj.id, oname=obj.name, otype=kind,
        cluster_id=cluster_id, level=str(level), user=action.user,
        project=action.project, domain=action.domain, action=action.action,
        status=phase, status_reason=reason,
        metadata={'action_id': action.id})


def announce(env, action, kind, obj, phase, reason, level=INFO, status=None,
             exception=None):
    """The log line and the notification of an event :func:`record` wrote."""
    LOG.log(level, '%s %s[%s] %s[%s] %s: %s', kind, obj.name, obj.id[:8],
            action.action, action.id[:8], phase, reason)
    if env.notifier is not None:
        try:
            payload = notifications.action_payload(
                kind, obj, action, phase, status or _STATUS_AT.get(phase, 'RUNNING'),
                reason, exception)
            notify = getattr(env.notifier, notifications.priority(level))
            notify(notifications.context_of(action),
                   notifications.event_type(kind, action.action, phase), payload)
        except Exception:
            LOG.exception('Could not send the notification of %s', action.id)


def emit_detection(env, context, kind, obj, detector, phase, reason, level=WARNING,
                   metadata=None):
    """Record an event that no action carries: what a detector (reconcile,
    Nova's lifecycle events, a health check) found about ``obj``.

    :param kind: ``'CLUSTER'`` or ``'NODE'``.
    :param obj: the cluster or node (anything with id, name, project...).
    :param detector: who found it, stored as the event's action
        (``'RECONCILE'``, ``'LIFECYCLE_EVENTS'``).
    :param phase: what was found, the event's status (``'gone'``, ``'drift'``,
        ``'orphan'``...); the notification's type is ``<kind>.<detector>.<phase>``.
    """
    cluster_id = obj.id if kind == 'CLUSTER' else (obj.cluster_id or None)
    try:
        event_obj.Event.create(
            context, timestamp=utcnow(), oid=obj.id, oname=obj.name, otype=kind,
            cluster_id=cluster_id, level=str(level), user=obj.user,
            project=obj.project, domain=obj.domain, action=detector, status=phase,
            status_reason=reason, metadata=dict(metadata or {}))
    except Exception as exc:
        if faults.transient(exc):
            LOG.warning('Could not record the %s event of %s %s (%s)', phase, kind,
                        obj.id, faults.summary(exc))
        else:
            LOG.exception('Could not record the %s event of %s %s', phase, kind,
                          obj.id)
    LOG.log(level, '%s %s[%s] %s %s: %s', kind, obj.name, obj.id[:8], detector,
            phase, reason)
    if env.notifier is not None:
        payload = {kind.lower(): {'id': obj.id, 'name': obj.name,
                                  'status': obj.status, 'project': obj.project},
                   'detector': detector, 'reason': reason,
                   'metadata': dict(metadata or {})}
        notify = env.notifier.warn if level >= WARNING else env.notifier.info
        try:
            notify({}, '%s.%s.%s' % (kind.lower(), detector.lower(), phase), payload)
        except Exception:
            LOG.exception('Could not send the notification of %s %s', kind, obj.id)
