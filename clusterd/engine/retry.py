"""Riding out a database that is away: retry with backoff, bounded by a deadline.

Engines meet a database restart or outage in every phase of an action (loading
it, writing nodes, ending it).  Instead of failing the action, or leaving it
RUNNING when the error escapes the worker, the work is tried again once the
database answers, until the action's own timeout.  What is retried is always
something that can run again (a step, a write transaction, a cloud call that is
idempotent by node id), never a cloud call whose result is then forgotten.
"""

import time

from oslo_log import log as logging

from clusterd.db import faults
from clusterd.engine import liveness

LOG = logging.getLogger(__name__)

FIRST_DELAY = 0.1
MAX_DELAY = 1.0
# While the heartbeat fails, it alone probes the database (every 0.25 s) and
# wakes every waiting worker the moment it gets through; a worker's own timer
# is only a bound.
OUTAGE_WAIT = 5.0


def retryable(error):
    """A database outage, a deadlock, or this engine's lease in doubt."""
    return isinstance(error, liveness.LeaseExpired) or faults.transient(error)


def deadline_of(env, action):
    """Epoch seconds by which ``action`` must have ended (its start + timeout)."""
    timeout = action.timeout or env.conf.default_action_timeout
    start = float(action.start_time) if action.start_time is not None else time.time()
    return start + float(timeout)


class Backoff:
    """Delays of 0.1, 0.2, 0.4 ... seconds up to 1 s, until ``deadline`` (epoch
    seconds; None: no end).  A delay ends early when this engine heartbeats
    again, so a worker goes on as soon as the heartbeat finds the database.
    While the heartbeats fail, a worker does not try on its own timer at all
    (up to :data:`OUTAGE_WAIT`): a hundred workers reconnecting each second to a
    database that is away, then all at once when it is back, only slow the
    heartbeat that every one of them waits for."""

    def __init__(self, env, deadline=None, what='work'):
        self.env = env
        self.deadline = deadline
        self.what = what
        self.delay = FIRST_DELAY
        self.attempts = 0
        self.started = None

    def expired(self):
        return self.deadline is not None and time.time() >= self.deadline

    def wait(self, error):
        """Sleep before the next attempt.

        :raises: ``error`` again once the deadline has passed
        """
        if self.expired():
            raise error
        self.attempts += 1
        if self.attempts == 1:
            self.started = time.monotonic()
            LOG.warning('Engine %s: %s: %s; trying again until the database '
                        'answers', self.env.engine_id, self.what, summary(error))
        lease = getattr(self.env, 'lease', None)
        if lease is None:
            time.sleep(self.delay)
        elif lease.failing():
            left = (OUTAGE_WAIT if self.deadline is None else
                    min(OUTAGE_WAIT, max(self.deadline - time.time(), 0.0)))
            lease.wait_renewal(max(left, self.delay))
        else:
            lease.wait_renewal(self.delay)
        self.delay = min(self.delay * 2, MAX_DELAY)

    def succeeded(self):
        if self.attempts:
            LOG.info('Engine %s: %s went through after %d retries (%.1f s)',
                     self.env.engine_id, self.what, self.attempts,
                     time.monotonic() - self.started)


def call(env, function, deadline=None, what='database work'):
    """``function()``, tried again while it fails with a :func:`retryable`
    error, until ``deadline`` (then the error is raised)."""
    backoff = Backoff(env, deadline, what)
    while True:
        try:
            result = function()
        except Exception as exc:
            if not retryable(exc):
                raise
            backoff.wait(exc)
            continue
        backoff.succeeded()
        return result


summary = faults.summary
