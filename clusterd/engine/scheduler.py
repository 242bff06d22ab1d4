"""Claiming READY actions and running them on a bounded pool of worker threads.

One scheduler thread claims work whenever it is woken (an RPC cast, a local child
becoming READY, a worker freeing up) and at least every ``[engine] scan_interval``
seconds, so a lost cast or a broker outage delays work but never loses it.  It
claims a batch, runs sibling node actions of one parent together as one task
(:mod:`clusterd.engine.actions.node_batch`), and gives back whatever it has no free
worker for, so nothing claimed sits in a queue where another engine could run it.

It claims only while this engine's lease is fresh (:mod:`clusterd.engine.liveness`),
and a worker whose action escapes with an error hands it back at once (the
service's heartbeat hands back whatever still slips through).
"""

import collections
import threading
import time

import futurist
from oslo_log import log as logging

from clusterd.db import faults
from clusterd.engine.actions import node_batch
from clusterd.engine import environment
from clusterd.engine import liveness
from clusterd.engine import retry
from clusterd.engine import runner
from clusterd.engine import takeover
from clusterd.objects import action as action_obj

LOG = logging.getLogger(__name__)

# Claims tried again at once after a deadlock or a lock wait timeout, before
# the scheduler waits for its next scan.
CONFLICT_RETRIES = 3


class Scheduler:

    def __init__(self, env):
        self.env = env
        self.workers = env.conf.engine.workers
        self.batch = env.conf.engine.claim_batch_size
        self.scan_interval = env.conf.engine.scan_interval
        self._pool = futurist.ThreadPoolExecutor(max_workers=self.workers)
        self._busy = 0
        self._busy_lock = threading.Lock()
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._idle = threading.Condition(self._busy_lock)
        # Set (under _busy_lock) when a scan or an adoption left READY work
        # for want of a free worker: the next worker to free up wakes the
        # scheduler.  Otherwise a worker ending wakes nothing (new work comes
        # with its own nudge or cast), so no scan runs only to find nothing.
        self._starved = False
        self._thread = None
        self._context = env.admin_context()
        # Ids of the actions this engine has claimed and not yet let go of,
        # counted: after this engine was declared dead, a worker of the old
        # epoch may still hold an id that a new worker claimed again.
        self._in_flight = collections.Counter()
        # A worker's own: the ids of the actions its task made READY, which it
        # claims and runs itself when the task is done (see adopt()).
        self._local = threading.local()

    def start(self):
        self._thread = threading.Thread(target=self._loop, name='action-scheduler',
                                        daemon=True)
        self._thread.start()

    def start_workers(self):
        """Start every worker thread now rather than one per claimed task (the
        pool starts one per submit until it is full)."""
        environment.start_threads(self._pool, self.workers)

    def nudge(self):
        """Look for READY work now."""
        self._wake.set()

    def adopt(self, action_ids):
        """Called by a worker whose task just made ``action_ids`` READY (a
        parent's children after its fan-out, the parent after its last child):
        the worker claims and runs them itself when its task is done, without
        a round through the scheduler thread.  They stay READY meanwhile, so
        a scan (here or on another engine) may take them first.

        :returns: False when not called on one of this scheduler's workers
            (the caller nudges the scheduler instead)
        """
        pending = getattr(self._local, 'pending', None)
        if pending is None:
            return False
        pending.extend(action_ids)
        return True

    def worker_claim(self):
        """A :class:`action_obj.Claim` of up to a batch, for the calling
        worker's task to claim what it makes ready in the same transaction (see
        :meth:`keep`); None off a worker, or while this engine may not claim."""
        if getattr(self._local, 'pending', None) is None or \
                self._stopping.is_set() or not self.env.lease.fresh() or \
                self.env.lease.failing():
            return None
        return action_obj.Claim(self.env.engine_id, self.batch)

    def keep(self, actions):
        """Called by a worker whose task claimed ``actions`` (RUNNING for this
        engine) as it made them ready: it runs them when its task is done, as
        it runs what it adopts."""
        with self._busy_lock:
            self._in_flight.update(a.id for a in actions)
        self._local.claimed.extend(actions)

    def stop(self, timeout=None):
        """Stop claiming; wait up to ``timeout`` seconds for running actions.

        :returns: True if every running action ended
        """
        self._stopping.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join()
        with self._idle:
            done = self._idle.wait_for(lambda: self._busy == 0, timeout=timeout)
        self._pool.shutdown(wait=done)
        return done

    @property
    def busy(self):
        with self._busy_lock:
            return self._busy

    def in_flight(self):
        """Ids of the actions claimed by this engine that a worker holds."""
        with self._busy_lock:
            return set(+self._in_flight)

    def _loop(self):
        outage = False
        conflicts = 0
        while not self._stopping.is_set():
            self._wake.wait(self.scan_interval)
            self._wake.clear()
            if self._stopping.is_set():
                break
            try:
                self._claim_and_run()
                outage = False
                conflicts = 0
            except Exception as exc:
                if faults.transient(exc) and not faults.unavailable(exc) and \
                        conflicts < CONFLICT_RETRIES:
                    # A deadlock or a lock wait: the other transaction went
                    # on, so claim again at once, not after a scan interval
                    # (the READY work would wait for it).
                    conflicts += 1
                    LOG.info('Engine %s: claim again after %s', self.env.engine_id,
                             retry.summary(exc))
                    self._wake.set()
                elif not faults.transient(exc):
                    LOG.exception('Engine %s could not claim actions; trying again '
                                  'in %.1f s', self.env.engine_id, self.scan_interval)
                elif not outage:
                    outage = True
                    LOG.warning('Engine %s cannot claim actions: %s; trying again '
                                'every %.1f s', self.env.engine_id,
                                retry.summary(exc), self.scan_interval)

    def _claim_and_run(self):
        while not self._stopping.is_set():
            with self._busy_lock:
                free = self.workers - self._busy
                if free <= 0:
                    self._starved = True
                    return
            if not self.env.lease.fresh() or self.env.lease.failing():
                # We may have been judged dead, or the database is away (the
                # heartbeat says so and nudges us when it is back): claim
                # nothing until the heartbeat tells us.
                return
            fence = self.env.lease.fence()
            claimed = action_obj.Action.claim(self._context, self.env.engine_id,
                                              self.batch)
            if not claimed:
                return
            with self._busy_lock:
                self._in_flight.update(a.id for a in claimed)
            tasks = self._group(claimed)
            for task in tasks[:free]:
                with self._busy_lock:
                    self._busy += 1
                self._pool.submit(self._run, task, fence)
            surplus = [a.id for task in tasks[free:] for a in task]
            if surplus:
                with self._busy_lock:
                    self._starved = True
                self._give_back(surplus)
                # The other engines may have scanned while this claim held
                # those rows (SKIP LOCKED: they found nothing): tell them.
                # Without it, one engine of two took a burst of 20 creates
                # whole, a batch of workers at a time.
                self.env.wake(fanout=True)
                return
            if len(claimed) < self.batch:
                # That was all the READY work there is: no second scan to
                # find nothing.
                return

    def _give_back(self, action_ids):
        """More claimed than we have workers for: back to READY for anyone to
        take."""
        try:
            action_obj.Action.unclaim(self._context, self.env.engine_id,
                                      action_ids)
        finally:
            # If that failed, the heartbeat's net hands them back.
            self._let_go(action_ids)

    def _let_go(self, action_ids):
        with self._busy_lock:
            self._in_flight.subtract(action_ids)
            self._in_flight = +self._in_flight

    def _group(self, claimed):
        """Tasks (lists of actions): sibling node actions together, others alone."""
        groups = {}
        tasks = []
        for action in claimed:
            if node_batch.batchable(self.env, action):
                key = node_batch.group_key(action)
                if key not in groups:
                    groups[key] = []
                    tasks.append(groups[key])
                groups[key].append(action)
            else:
                tasks.append([action])
        return tasks

    def _run(self, task, fence):
        try:
            while task:
                self._local.pending = []
                self._local.claimed = []
                try:
                    self._run_task(task, fence)
                finally:
                    pending, self._local.pending = self._local.pending, None
                    claimed, self._local.claimed = self._local.claimed, None
                task, fence = self._adopted(pending, claimed, fence)
        finally:
            with self._idle:
                self._busy -= 1
                self._idle.notify_all()
                starved, self._starved = self._starved, False
            if starved:
                self._wake.set()

    def _adopted(self, action_ids, kept=(), fence=None):
        """What the last task made READY (``action_ids``) or claimed itself
        (``kept``, under its ``fence``): the first task of it to run on this
        worker, and (task, fence), or (None, None).  Siblings are grouped as a
        scan groups them; other tasks go to free workers, or back to READY for
        a scan when there are none."""
        kept = list(kept or ())
        if not (action_ids or kept):
            return None, None
        if self._stopping.is_set() or not self.env.lease.fresh() or \
                self.env.lease.failing():
            if kept:
                self._give_back([a.id for a in kept])
            self._wake.set()
            return None, None
        pairs = [(task, fence) for task in self._group(kept)]
        wanted = sorted(set(action_ids) - {a.id for a in kept})
        room = self.batch - len(kept)
        if wanted and room <= 0:
            # More than a batch: the rest is for scans (here or elsewhere).
            self._wake.set()
        elif wanted:
            new_fence = self.env.lease.fence()
            try:
                claimed = action_obj.Action.claim(
                    self._context, self.env.engine_id, room, action_ids=wanted)
            except Exception as exc:
                # A scan finds them READY.
                LOG.warning('Engine %s could not claim action(s) %s at once (%s)',
                            self.env.engine_id, ', '.join(wanted),
                            retry.summary(exc))
                self._wake.set()
                claimed = []
            if claimed:
                with self._busy_lock:
                    self._in_flight.update(a.id for a in claimed)
                pairs += [(task, new_fence) for task in self._group(claimed)]
        if not pairs:
            return None, None
        surplus = []
        for task, task_fence in pairs[1:]:
            with self._busy_lock:
                free = self._busy < self.workers
                if free:
                    self._busy += 1
            if free:
                self._pool.submit(self._run, task, task_fence)
            else:
                surplus += [a.id for a in task]
        if surplus:
            with self._busy_lock:
                self._starved = True
            try:
                self._give_back(surplus)
            finally:
                self._wake.set()
        return pairs[0]

    def _run_task(self, task, fence):
        try:
            if len(task) == 1 and not node_batch.batchable(self.env, task[0]):
                runner.run(self.env, task[0], fence)
            else:
                node_batch.run_batch(self.env, task, fence)
        except liveness.Fenced as exc:
            LOG.warning('Engine %s stopped working on action(s) %s: %s',
                        self.env.engine_id, ', '.join(a.id for a in task), exc)
        except Exception as exc:
            if retry.retryable(exc):
                LOG.warning('Action(s) %s could not go on (%s); handing them back',
                            ', '.join(a.id for a in task), retry.summary(exc))
            else:
                LOG.exception('Action(s) %s crashed their worker; handing them '
                              'back', ', '.join(a.id for a in task))
            self._hand_back(task, fence)
        finally:
            self._let_go([a.id for a in task])

    def _hand_back(self, task, fence):
        """Give the actions of a failed worker back (READY), as soon as the
        database answers; they are compare-and-set on this engine still owning
        them, with their locks released in the same transaction."""
        if fence.epoch != self.env.lease.epoch:
            # Declared dead since the claim: the actions went back then, and
            # whatever this engine runs under that id now is not this worker's.
            return
        mine = [a for a in task if a.owner == self.env.engine_id]
        deadline = time.time() + 2 * self.env.conf.engine.lease_seconds
        try:
            retry.call(self.env, lambda: takeover.hand_back(
                self._context, mine, 'The worker running this action failed',
                self.env.conf.engine.max_takeovers), deadline,
                'handing back action(s) %s' % ', '.join(a.id for a in mine))
        except Exception as exc:
            LOG.warning('Engine %s could not hand back action(s) %s yet (%s); its '
                        'heartbeat will', self.env.engine_id,
                        ', '.join(a.id for a in mine), retry.summary(exc))
