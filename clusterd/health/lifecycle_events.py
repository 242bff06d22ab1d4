"""LIFECYCLE_EVENTS: Nova's versioned notifications, turned into recoveries.

Each engine runs one oslo.messaging notification listener on the transport Nova
sends its notifications on (``[nova_notifications] transport_url``), topic
``versioned_notifications``, exchange ``nova``.  All engines listen in one pool
(``[nova_notifications] pool``): they share one queue, so each notification is
handled by exactly one engine, whichever owns the cluster.

What counts (:data:`UNHEALTHY_EVENTS`): a server powered off, shut down, deleted
or soft-deleted, and an ``instance.update`` whose state is ``error``.  The
instance uuid is mapped to nodes by physical id; a node is acted on only when

- its cluster has an enabled health policy with the LIFECYCLE_EVENTS mode,
- it is ACTIVE or WARNING, not stopped on purpose by an operation
  (``data['stopped_by']``), and no action or lock holds it or its cluster
  (clusterd's own deletes, recreates and stops send these notifications too),
- the notification is newer than the node's last change.

Such a node becomes ERROR with the event in its reason, an event is recorded,
and :func:`clusterd.engine.reconcile.request_recovery` hands it to the health
policy's recovery: all within the time of a few queries after Nova sends it.
"""

import datetime
import threading

import oslo_messaging as messaging
from oslo_log import log as logging

from clusterd.engine import reconcile
from clusterd.objects import action as action_obj
from clusterd.objects import lock as lock_obj
from clusterd.objects import node as node_obj
from clusterd import states

LOG = logging.getLogger(__name__)

DETECTOR = states.DETECTOR_LIFECYCLE_EVENTS
REASON_PREFIX = 'Lifecycle event: '

# Nova's event types that say a server stopped serving, and how to say it.
UNHEALTHY_EVENTS = {
    'instance.power_off.end': 'powered off',
    'instance.shutdown.end': 'shut down',
    'instance.delete.end': 'deleted',
    'instance.soft_delete.end': 'soft-deleted',
    'instance.update': 'in ERROR',   # only with state 'error'
}
# Power-offs an operation of clusterd may have asked for (data['stopped_by']).
_STOPPING = frozenset({'instance.power_off.end', 'instance.shutdown.end'})


class Endpoint:
    """The notification endpoint: every priority goes to :meth:`Handler.handle`."""

    filter_rule = messaging.NotificationFilter(
        event_type=r'^(%s)$' % '|'.join(e.replace('.', r'\.')
                                        for e in UNHEALTHY_EVENTS))

    def __init__(self, handler):
        self.handler = handler

    def info(self, ctxt, publisher_id, event_type, payload, metadata):
        try:
            self.handler.handle(event_type, payload, metadata)
        except Exception:
            # NOTE: handled anyway: a notification that breaks the handler would
            # otherwise come back for ever.
            LOG.exception('Could not handle the notification %s from %s',
                          event_type, publisher_id)
        return messaging.NotificationResult.HANDLED

    warn = error = critical = info


class Handler:
    """Maps a notification to the nodes of its server and marks them.

    :param env: the engine's :class:`clusterd.engine.environment.Environment`
    """

    def __init__(self, env):
        self.env = env
        self.handled = 0    # notifications that made a node ERROR (for tests)
        self._count_lock = threading.Lock()   # handled in the listener's threads

    def handle(self, event_type, payload, metadata=None):
        """React to one notification.

        :returns: {node id: recovery action id or None} of the nodes marked ERROR
        """
        data = (payload or {}).get('nova_object.data') or {}
        server_id = data.get('uuid')
        if event_type not in UNHEALTHY_EVENTS or not server_id:
            return {}
        if event_type == 'instance.update' and data.get('state') != 'error':
            return {}
        context = self.env.admin_context()
        node_ids = node_obj.Node.ids_with_physical_id(context, server_id)
        if not node_ids:
            return {}
        sent_at = _timestamp((metadata or {}).get('timestamp'))
        marked = {}
        for node in node_obj.Node.get_many(context, node_ids):
            why = self._ignored(context, node, event_type, sent_at)
            if why:
                LOG.debug('%s about server %s: node %s left alone (%s)',
                          event_type, server_id, node.id, why)
                continue
            reason = '%s%s: the server %s was %s%s.' % (
                REASON_PREFIX, event_type, server_id, UNHEALTHY_EVENTS[event_type],
                ' (%s)' % data['host'] if data.get('host') else '')
            changed, action_id = reconcile.mark_unhealthy(
                self.env, context, node, reason, DETECTOR, 'lifecycle')
            if changed:
                with self._count_lock:
                    self.handled += 1
                marked[node.id] = action_id
        return marked

    @staticmethod
    def _ignored(context, node, event_type, sent_at):
        """Why ``node`` is left alone, or None."""
        if not node.cluster_id:
            return 'not in a cluster'
        if node.status not in (states.N_ACTIVE, states.N_WARNING):
            return 'node is %s' % node.status
        if event_type in _STOPPING and (node.data or {}).get('stopped_by'):
            return 'stopped on request'
        if sent_at is not None and node.updated_at is not None and \
                sent_at <= _aware(node.updated_at):
            return 'the notification predates the last change of the node'
        modes = reconcile.health_modes(context, node.cluster_id)
        if not modes or reconcile.LIFECYCLE_EVENTS not in modes:
            return 'no health policy with LIFECYCLE_EVENTS'
        # NOTE: node actions of other nodes share the cluster lock (a burst of
        # failures recovers node after node): only a cluster-scope holder, or
        # an action on this node, makes this node wait.
        if action_obj.Action.active_targets(context, [node.id, node.cluster_id]) \
                or lock_obj.locked_nodes(context, [node.id]) \
                or lock_obj.cluster_locked_exclusively(context, node.cluster_id):
            return 'an action is in progress'
        return None


class Listener:
    """One engine's notification listener (threads of its own).

    :param env: the engine's environment; ``env.conf.nova_notifications`` says
        where to listen.
    """

    def __init__(self, env):
        self.env = env
        self.handler = Handler(env)
        self._listener = None
        self._transport = None

    @property
    def enabled(self):
        return bool(self.env.conf.nova_notifications.transport_url)

    def start(self):
        """Start listening, when a transport is configured."""
        options = self.env.conf.nova_notifications
        if not self.enabled:
            LOG.info('Not listening to Nova notifications: [nova_notifications] '
                     'transport_url is not set (LIFECYCLE_EVENTS detects nothing)')
            return
        self._transport = messaging.get_notification_transport(
            self.env.conf, url=options.transport_url)
        target = messaging.Target(topic=options.topic, exchange=options.exchange)
        self._listener = messaging.get_notification_listener(
            self._transport, [target], [Endpoint(self.handler)],
            executor='threading', pool=options.pool)
        self._listener.start()
        LOG.info('Listening to Nova notifications (topic %s, exchange %s, pool %s)',
                 options.topic, options.exchange, options.pool)

    def stop(self):
        if self._listener is not None:
            self._listener.stop()
            self._listener.wait()
            self._listener = None
        if self._transport is not None:
            self._transport.cleanup()
            self._transport = None


def _timestamp(text):
    """oslo.messaging's ``metadata['timestamp']`` (UTC, no zone) as aware."""
    if not text:
        return None
    try:
        return _aware(datetime.datetime.fromisoformat(str(text)))
    except ValueError:
        return None


def _aware(moment):
    if moment.tzinfo is None:
        return moment.replace(tzinfo=datetime.timezone.utc)
    return moment
