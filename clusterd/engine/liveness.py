"""How engines judge each other dead without split brain.

The protocol (``doc/source/contributor/architecture.rst``, "Liveness"):

- Every engine heartbeats: it bumps ``updated_at`` of its service row every
  ``[engine] heartbeat_interval`` seconds (sooner again after a failure).
- **The lease is held locally.**  :class:`Lease` remembers when this engine's
  last successful heartbeat *started*; the lease is fresh for ``lease_seconds``
  minus one heartbeat interval from then.  An engine whose lease is not fresh
  claims nothing, and no workflow of it writes to the database (the
  :class:`Fence` on its contexts raises :class:`LeaseExpired`, which workers
  treat like a database outage: they wait).
- **Judging is by observation, not by timestamps.**  A :class:`Judge` declares
  another engine dead only after it has *itself* seen that engine's heartbeat
  value unchanged for a whole lease, measured on its own monotonic clock, while
  its own heartbeats succeeded the whole time.  A failed heartbeat of the judge
  (the database was away for it too) resets what it has seen.  So after an
  outage shared by every engine nobody judges anybody until it has heartbeated
  again for a full lease, by which time every live engine has heartbeated too;
  and clock differences between hosts do not matter.
- Why that is safe: when a judge declares engine E dead at time D, E's last
  successful heartbeat started at least a lease before D, so E's own lease went
  stale at least one heartbeat interval before D: from then on E writes nothing
  for its actions and claims nothing.
- **Epochs fence what was lost.**  The judge deletes E's row (compare-and-delete
  on the value it saw) before it takes E's actions.  When E's next heartbeat
  finds its row gone, E increments its epoch (:meth:`Lease.lost`) before its lease
  becomes fresh again: every context handed out under the old epoch raises
  :class:`Fenced` from then on, so the workers that still ran the lost actions
  stop without another write.  E hands back whatever RUNNING action still names
  it (they are all of the old epoch), registers again and goes on.
- Every action transition a worker makes is also a compare-and-set on
  ``owner`` (its engine) and ``RUNNING`` in the database, so a transition of an
  action that was taken away is a no-op even for a write already under way.
"""

import threading
import time


class Fenced(Exception):
    """This engine lost the action(s) it is working on (it was declared dead
    and they were taken over, or they ended): stop without writing."""


class LeaseExpired(Exception):
    """This engine cannot tell whether it is still alive in the others' eyes
    (its heartbeats failed for too long): wait, do not write."""


class Lease:
    """This engine's own view of its liveness.

    :param lease_seconds: ``[engine] lease_seconds``
    :param heartbeat_interval: ``[engine] heartbeat_interval``
    """

    def __init__(self, lease_seconds, heartbeat_interval):
        self.lease_seconds = lease_seconds
        # The lease is trusted for one heartbeat interval less than others
        # wait, so that a write begun just before it runs out has that long to
        # commit before anyone may take the action over.
        self.valid_for = max(lease_seconds - heartbeat_interval,
                             lease_seconds / 2.0)
        self.epoch = 0
        self.renewed_at = None
        self.healthy_since = None
        self._changed = threading.Condition()

    def renewed(self, started):
        """A heartbeat that started at ``started`` (monotonic) succeeded."""
        with self._changed:
            if self.healthy_since is None:
                self.healthy_since = started
            self.renewed_at = started
            self._changed.notify_all()

    def failed(self):
        """A heartbeat failed: whatever this engine saw of others is void."""
        with self._changed:
            self.healthy_since = None

    def lost(self):
        """Our row was gone: we were declared dead.  Fence the old epoch, and
        hold the lease stale until the engine has registered again."""
        with self._changed:
            self.epoch += 1
            self.healthy_since = None
            self.renewed_at = None
            self._changed.notify_all()

    def fresh(self, now=None):
        renewed = self.renewed_at
        if renewed is None:
            return False
        return (now or time.monotonic()) - renewed < self.valid_for

    def failing(self):
        """True while this engine's heartbeats fail (the database is away, as
        far as it knows) or it is registering again after being declared dead."""
        return self.healthy_since is None

    def healthy_for(self, now=None):
        """Seconds this engine has heartbeated without a failure (0 if not)."""
        since = self.healthy_since
        return 0.0 if since is None else (now or time.monotonic()) - since

    def wait_renewal(self, timeout):
        """Sleep up to ``timeout`` seconds, or until the next successful
        heartbeat: a worker waiting for the database goes on the moment the
        heartbeat finds it back."""
        with self._changed:
            renewed = self.renewed_at
            self._changed.wait_for(lambda: self.renewed_at != renewed,
                                   timeout=timeout)

    def wait_fresh(self, timeout):
        """Wait up to ``timeout`` seconds for the lease to be fresh.

        :returns: True if it is fresh
        """
        deadline = time.monotonic() + timeout
        with self._changed:
            while not self.fresh():
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._changed.wait(min(left, 0.2))
        return True

    def fence(self):
        """A :class:`Fence` for work started now (under the current epoch)."""
        return Fence(self, self.epoch)


class Fence:
    """Checked by every write transaction of a context that carries it
    (:attr:`clusterd.context.RequestContext.fence`)."""

    def __init__(self, lease, epoch):
        self.lease = lease
        self.epoch = epoch

    def check(self):
        """:raises Fenced: the epoch changed
        :raises LeaseExpired: the lease is not fresh"""
        if self.lease.epoch != self.epoch:
            raise Fenced('This engine was declared dead; the action was taken '
                         'over by another engine.')
        if not self.lease.fresh():
            raise LeaseExpired('This engine has not heartbeated for %.1f s.'
                               % self.lease.valid_for)


class Judge:
    """Which other engines this engine may declare dead (see the module doc).

    :param lease_seconds: how long a heartbeat value must stay unchanged, under
        our own uninterrupted observation
    """

    def __init__(self, lease_seconds):
        self.lease_seconds = lease_seconds
        # engine id -> (heartbeat value seen, monotonic time first seen)
        self._seen = {}

    def observe(self, heartbeats, lease, now=None):
        """Record what the services table says now.

        :param heartbeats: {engine id: heartbeat value} of the other engines
        :param lease: this engine's :class:`Lease`
        :returns: [(engine id, heartbeat value)] of the engines that are dead
        """
        now = now or time.monotonic()
        healthy_since = lease.healthy_since
        if healthy_since is None or not lease.fresh(now):
            self._seen.clear()
            return []
        seen = {}
        dead = []
        for engine_id, value in heartbeats.items():
            previous = self._seen.get(engine_id)
            if previous is None or previous[0] != value:
                seen[engine_id] = (value, now)
                continue
            seen[engine_id] = previous
            # Only time we watched while healthy counts.
            watched = now - max(previous[1], healthy_since)
            if watched >= self.lease_seconds:
                dead.append((engine_id, value))
        self._seen = seen
        return dead
