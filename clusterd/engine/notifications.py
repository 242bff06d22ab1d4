"""Senlin's versioned notification payloads, built from clusterd's objects.

A consumer written for Senlin 16's notifications reads clusterd's unchanged: the
same event types (``cluster.<verb>.<phase>``, ``node.<verb>.<phase>``, the verb
being the lower-cased action name after its first underscore), the same
publisher id (``senlin-engine:<host>``), priorities from the event level, and a
payload that is the wire form of a versioned object:

``ClusterActionPayload`` 1.0 (``cluster``: ``ClusterPayload``, ``action``:
``ActionPayload``, ``exception``: ``ExceptionPayload`` or null) and
``NodeActionPayload`` 1.0 (``node``: ``NodePayload``, ``action``, ``exception``),
each as ``{"senlin_object.name", "senlin_object.namespace": "senlin",
"senlin_object.version", "senlin_object.data"}``.  Times are ISO 8601 UTC
(``2026-12-06T18:44:11Z``), action start and end times epoch seconds as floats.

Senlin left ``exception`` null on every event; clusterd fills it when an action
failed on an exception (a cloud error, a bug), and leaves it null otherwise.
"""

import datetime
import decimal
import time

from oslo_context import context as oslo_context

NAMESPACE = 'senlin'
VERSION = '1.0'
# The binary part of Senlin's publisher id, kept so that consumers filtering on it
# go on working.
PUBLISHER_BINARY = 'senlin-engine'

CLUSTER_FIELDS = ('id', 'name', 'profile_id', 'parent', 'init_at', 'created_at',
                  'updated_at', 'min_size', 'max_size', 'desired_capacity',
                  'timeout', 'status', 'status_reason', 'metadata', 'data', 'user',
                  'project', 'domain', 'dependents')
NODE_FIELDS = ('id', 'name', 'profile_id', 'cluster_id', 'physical_id', 'index',
               'role', 'init_at', 'created_at', 'updated_at', 'status',
               'status_reason', 'metadata', 'data', 'user', 'project', 'domain',
               'dependents')
ACTION_FIELDS = ('id', 'name', 'created_at', 'target', 'action', 'start_time',
                 'end_time', 'timeout', 'status', 'status_reason', 'inputs',
                 'outputs', 'data', 'user', 'project')
EXCEPTION_FIELDS = ('module', 'function', 'exception', 'message')

PRIORITIES = {'DEBUG': 'debug', 'INFO': 'info', 'WARNING': 'warn',
              'ERROR': 'error', 'CRITICAL': 'critical'}


def publisher_id(host):
    return '%s:%s' % (PUBLISHER_BINARY, host)


def event_type(kind, action_name, phase):
    """``cluster.scale_out.end`` from ('CLUSTER', 'CLUSTER_SCALE_OUT', 'end')."""
    verb = action_name.split('_', 1)[1].lower() if '_' in action_name else \
        action_name.lower()
    return '%s.%s.%s' % (kind.lower(), verb, phase)


def priority(level):
    """The Notifier method for a logging level (20 -> 'info', 40 -> 'error')."""
    if level >= 50:
        return 'critical'
    if level >= 40:
        return 'error'
    if level >= 30:
        return 'warn'
    if level >= 20:
        return 'info'
    return 'debug'


def _wire(value):
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(datetime.timezone.utc)
        return value.strftime('%Y-%m-%dT%H:%M:%SZ')
    if isinstance(value, decimal.Decimal):
        return float(value)
    return value


def versioned(name, data):
    """The wire form of a versioned object named ``name``."""
    return {'senlin_object.name': name,
            'senlin_object.namespace': NAMESPACE,
            'senlin_object.version': VERSION,
            'senlin_object.data': data}


def _fields(obj, names):
    return {name: _wire(getattr(obj, name, None)) for name in names}


def exception_info(exc):
    """What ``ExceptionPayload`` says of ``exc``: where it was raised, its class
    and message (a plain dict; None for None)."""
    if exc is None:
        return None
    module, function = 'unknown', 'unknown'
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    if tb is not None:
        module = tb.tb_frame.f_globals.get('__name__', 'unknown')
        function = tb.tb_frame.f_code.co_name
    return {'module': module, 'function': function,
            'exception': type(exc).__name__, 'message': str(exc)}


def action_payload(kind, obj, action, phase, status, reason, exception=None):
    """``ClusterActionPayload`` (kind 'CLUSTER') or ``NodeActionPayload``.

    :param obj: the cluster or node as it is at this phase
    :param status: the action's status at this phase (RUNNING at start)
    :param reason: the event's reason, the action's status_reason here
    :param exception: a dict from :func:`exception_info`, or None
    """
    action_data = _fields(action, ACTION_FIELDS)
    action_data['status'] = status
    action_data['status_reason'] = reason
    if action_data['start_time'] is None:
        action_data['start_time'] = time.time()
    if phase != 'start' and action_data['end_time'] is None:
        action_data['end_time'] = time.time()
    if kind == 'CLUSTER':
        name, key, subject = 'ClusterActionPayload', 'cluster', versioned(
            'ClusterPayload', _fields(obj, CLUSTER_FIELDS))
    else:
        name, key, subject = 'NodeActionPayload', 'node', versioned(
            'NodePayload', _fields(obj, NODE_FIELDS))
        subject['senlin_object.data']['cluster_id'] = obj.cluster_id or ''
    return versioned(name, {
        key: subject,
        'action': versioned('ActionPayload', action_data),
        'exception': (versioned('ExceptionPayload',
                                {f: exception.get(f) for f in EXCEPTION_FIELDS})
                      if exception else None)})


def context_of(action):
    """The request context sent with a notification: who the action acts for.

    oslo.messaging sends a context only as a redacted oslo.context copy (never a
    token); a plain dict would be dropped.
    """
    return oslo_context.RequestContext(user_id=action.user,
                                       project_id=action.project,
                                       domain_id=action.domain)
