"""``--wait``: follow the action a request started until it ends.

The action is what says whether the work is done (not the cluster's status,
which python-senlinclient polled every 5 s for at most 50 s).  On a terminal,
and unless a machine format (``-f json``...) was asked for, one line on stderr
shows the action's status, its nodes done of total and the time elapsed.
"""

import sys
import time

from osc_lib import exceptions

from clusterdclient import client as client_module

TERMINAL = ('SUCCEEDED', 'FAILED', 'CANCELLED')
FIRST_INTERVAL = 0.3
LONGEST_INTERVAL = 2.0


def shows_progress(parsed_args, stream=None):
    stream = stream or sys.stderr
    formatter = getattr(parsed_args, 'formatter', None)
    if formatter not in (None, 'table'):
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class Waiter:
    """Waits for actions under one deadline (``--timeout``)."""

    def __init__(self, client, parsed_args, stream=None):
        self.client = client
        self.stream = stream or sys.stderr
        self.progress = shows_progress(parsed_args, self.stream)
        self.timeout = parsed_args.wait_timeout
        self.deadline = time.monotonic() + self.timeout

    def wait(self, action_id):
        """Poll the action until it ends.

        :returns: the action's body when it SUCCEEDED
        :raises CommandError: with the action's reason when it FAILED or was
            CANCELLED, or when the deadline passed first
        """
        start = time.monotonic()
        interval = FIRST_INTERVAL
        seen = set()
        while True:
            action = self.client.get('/actions/%s' % action_id)['action']
            if self.progress:
                self._draw(action, time.monotonic() - start,
                           final=action['status'] in TERMINAL, seen=seen)
            if action['status'] in TERMINAL:
                break
            left = self.deadline - time.monotonic()
            if left <= 0:
                if self.progress:
                    self.stream.write('\n')
                raise exceptions.CommandError(
                    'Gave up waiting after %d s: action %s (%s) is still %s.' % (
                        self.timeout, action_id, action.get('action'),
                        action['status']))
            time.sleep(min(interval, left))
            interval = min(interval * 1.5, LONGEST_INTERVAL)
        if action['status'] != 'SUCCEEDED':
            raise exceptions.CommandError('Action %s (%s) %s: %s' % (
                action_id, action.get('action'), action['status'],
                ' '.join(str(action.get('status_reason') or 'no reason given')
                         .split())))
        return action

    def _children_done(self, action, seen):
        """(done, total) of the node actions a cluster action fanned out, or
        None.  A child's dependency row goes when it ends, so ``depends_on``
        holds the children still running; the cluster's newest derived
        actions (created with or after the parent) name the others."""
        if not action.get('action', '').startswith('CLUSTER_'):
            return None
        pending = set(action.get('depends_on') or ())
        seen |= pending
        cluster_id = action.get('cluster_id') or action.get('target')
        try:
            rows = self.client.listing(
                '/actions', 'actions', limit=2 * len(seen) + 50,
                params={'cluster_id': cluster_id, 'sort': 'created_at:desc'})
        except client_module.ApiError:
            rows = []
        since = action.get('created_at') or ''
        for row in rows:
            if row['id'] != action['id'] and row.get('cause') == \
                    'Derived Action' and (row.get('created_at') or '') >= since:
                seen.add(row['id'])
        if not seen:
            return None
        return len(seen - pending), len(seen)

    def _draw(self, action, elapsed, final, seen):
        parts = ['%s %s: %s' % (action.get('action'), action['id'][:8],
                                action['status'])]
        counted = self._children_done(action, seen)
        if counted is not None:
            parts.append('%d/%d nodes done' % counted)
        parts.append('%ds' % elapsed)
        # \r and "erase to the end of the line": one line, redrawn.
        self.stream.write('\r%s\033[K%s' % (', '.join(parts),
                                           '\n' if final else ''))
        self.stream.flush()
