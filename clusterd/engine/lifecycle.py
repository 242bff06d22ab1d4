"""Lifecycle hooks: victims held before removal until someone says they may go.

When the deletion policy has a hook (or a grace period), the removal
actions of the victims that have a running resource are written in
WAITING_LIFECYCLE_COMPLETION instead of READY; no worker thread waits for them.
Beside them, a CLUSTER_LIFECYCLE_NOTIFY action POSTs one payload per held node to
the hook's URL (with retries and backoff); for a ``zaqar`` hook (clusterd has no
Zaqar) it fails at once, naming the queue, and the victims wait for their timeout.  A held action becomes READY, and the
node is removed, when

- the user calls the ``complete_lifecycle`` cluster action with the token
  (:func:`complete`), or
- its hold expires: while held, an action's ``start_time`` is when the hold began
  and its ``timeout`` how long it lasts; the takeover pass that every engine runs
  on each heartbeat releases expired holds (:func:`release_expired`).

The parent cluster action is an ordinary WAITING parent: it resumes when the last
removal has ended.
"""

import json
import time
import urllib.error
import urllib.request

from oslo_log import log as logging

from clusterd.objects import action as action_obj
from clusterd.objects import base as objects_base
from clusterd.objects import node as node_obj
from clusterd import states

LOG = logging.getLogger(__name__)

NOTIFY_ACTION = 'CLUSTER_LIFECYCLE_NOTIFY'
TRANSITION = 'termination'
# POST attempts per node and the first pause between two (doubled each time).
ATTEMPTS = 4
BACKOFF = 0.5
HTTP_TIMEOUT = 5.0


class NotWaiting(Exception):
    """The token names an action that is not waiting for lifecycle completion."""


class NotOfCluster(Exception):
    """The token names an action of another cluster."""


def hold_seconds(deletion):
    """How long victims are held by a deletion decision (0: not held)."""
    hooks = deletion.hooks or {}
    return max(int(hooks.get('timeout') or 0), int(deletion.grace_period or 0))


def hold(children, victims, deletion, parent):
    """Hold the removal ``children`` of ``victims`` that have a live resource.

    Changes the child column values in place (status, cause, hold window) and
    returns the notify action's inputs for the held ones, or None without a hook.
    """
    seconds = hold_seconds(deletion)
    if not seconds:
        return None
    by_id = {v.id: v for v in victims}
    now = time.time()
    notices = []
    for child in children:
        # One multi-row INSERT writes the siblings: every row needs the same keys.
        child.setdefault('start_time', None)
        child.setdefault('status_reason', None)
        node = by_id.get(child['target'])
        if node is None or node.status != states.N_ACTIVE or not node.physical_id:
            continue
        child['status'] = states.WAITING_LIFECYCLE_COMPLETION
        child['cause'] = action_obj.CAUSE_DERIVED_LCH
        child['data'] = {'lifecycle': {'hold_seconds': seconds,
                                       'timeout': child['timeout']}}
        child['start_time'] = now
        child['timeout'] = seconds
        child['status_reason'] = (
            'Waiting for lifecycle completion (token %s) or %d s' % (child['id'],
                                                                   seconds))
        notices.append({
            'lifecycle_action_token': child['id'],
            'lifecycle_transition_type': TRANSITION,
            'cluster_id': parent.target, 'action_id': parent.id,
            'action': parent.action, 'node_id': node.id, 'node_name': node.name,
            'resource_id': node.physical_id, 'timeout': seconds})
    hooks = deletion.hooks or {}
    if not notices or not hooks:
        return None
    if hooks.get('type') == 'webhook':
        return {'url': hooks['params']['url'], 'notices': notices}
    # Senlin's zaqar hook: clusterd has no Zaqar, so the notify action only says
    # (as its failure and a warning event) that the queue was not told.
    return {'queue': (hooks.get('params') or {}).get('queue'), 'notices': notices}


def deliver(url, payload, attempts=ATTEMPTS, backoff=BACKOFF, timeout=HTTP_TIMEOUT,
            sleep=time.sleep):
    """POST ``payload`` as JSON to ``url``; retry connection errors, 5xx, 408 and
    429 with exponential backoff.

    :returns: (delivered, what happened on the last attempt)
    """
    body = json.dumps(payload).encode('utf-8')
    last = ''
    for attempt in range(attempts):
        if attempt:
            sleep(backoff * 2 ** (attempt - 1))
        request = urllib.request.Request(
            url, data=body, method='POST',
            headers={'Content-Type': 'application/json',
                     'User-Agent': 'clusterd-lifecycle-hook'})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return True, 'HTTP %d' % response.status
        except urllib.error.HTTPError as exc:
            last = 'HTTP %d' % exc.code
            if exc.code < 500 and exc.code not in (408, 429):
                return False, last
        except (urllib.error.URLError, OSError) as exc:
            last = str(getattr(exc, 'reason', exc))
        LOG.warning('Lifecycle hook POST to %s failed (attempt %d of %d): %s', url,
                    attempt + 1, attempts, last)
    return False, '%s after %d attempts' % (last, attempts)


def _release(context, action_id, reason):
    action = action_obj.Action.get(context, action_id, project_safe=False)
    restore = ((action.data or {}).get('lifecycle') or {}).get('timeout')
    moved = action_obj.Action.transition(
        context, action_id, states.READY,
        expected={states.WAITING_LIFECYCLE_COMPLETION}, owner=None,
        start_time=None, timeout=restore, status_reason=reason)
    if moved:
        try:
            node_obj.Node.update(context, action.target, status_reason=reason)
        except objects_base.NotFound:
            pass
    return moved


def complete(context, cluster_id, token):
    """Let the held removal ``token`` go on now (the complete_lifecycle action).

    :returns: the action id
    :raises clusterd.objects.base.NotFound: no such action for the caller
    :raises NotOfCluster: the action belongs to another cluster
    :raises NotWaiting: it is not (or no longer) waiting
    """
    action = action_obj.Action.get(context, token,
                                   project_safe=not context.is_admin)
    if action.cluster_id != cluster_id:
        raise NotOfCluster("The action '%s' is not a lifecycle action of cluster "
                           "'%s'." % (token, cluster_id))
    if action.status != states.WAITING_LIFECYCLE_COMPLETION or \
            not _release(context, action.id, 'Lifecycle completed by request.'):
        current = action_obj.Action.get(context, token, project_safe=False)
        raise NotWaiting("The action '%s' is not waiting for lifecycle completion "
                         "(its status is %s)." % (token, current.status))
    LOG.info('Lifecycle of node %s completed by request (action %s)',
             action.target, action.id)
    return action.id


def release_expired(context, now=None):
    """Release every hold whose time is up. :returns: the ids released"""
    now = time.time() if now is None else now
    released = []
    for action_id, node_id in action_obj.Action.expired_holds(context, now):
        if _release(context, action_id, 'The lifecycle hold (hook timeout or '
                    'grace period) ended; removing the node.'):
            LOG.info('Lifecycle hold of node %s (action %s) timed out; it is '
                     'removed now', node_id, action_id)
            released.append(action_id)
    return released
