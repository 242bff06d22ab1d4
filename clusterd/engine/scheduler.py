"""Claiming READY actions and running them on a bounded pool of worker threads.

One scheduler thread claims work whenever it is woken (an RPC cast, a local child
becoming READY, a worker freeing up) and at least every ``[engine] scan_interval``
seconds, so a lost cast or a broker outage delays work but never loses it.  It
claims a batch, runs sibling node actions of one parent together as one task
(:mod:`clusterd.engine.actions.node_batch`), and gives back whatever it has no free
worker for, so nothing claimed sits in a queue where another engine could run it.
"""

import threading

import futurist
from oslo_log import log as logging

from clusterd.engine.actions import node_batch
from clusterd.engine import runner
from clusterd.objects import action as action_obj

LOG = logging.getLogger(__name__)


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
        self._thread = None
        self._context = env.admin_context()

    def start(self):
        self._thread = threading.Thread(target=self._loop, name='action-scheduler',
                                        daemon=True)
        self._thread.start()

    def nudge(self):
        """Look for READY work now."""
        self._wake.set()

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

    def _loop(self):
        while not self._stopping.is_set():
            self._wake.wait(self.scan_interval)
            self._wake.clear()
            if self._stopping.is_set():
                break
            try:
                self._claim_and_run()
            except Exception:
                LOG.exception('Engine %s could not claim actions; trying again in '
                              '%.1f s', self.env.engine_id, self.scan_interval)

    def _claim_and_run(self):
        while not self._stopping.is_set():
            free = self.workers - self.busy
            if free <= 0:
                return
            claimed = action_obj.Action.claim(self._context, self.env.engine_id,
                                              self.batch)
            if not claimed:
                return
            tasks = self._group(claimed)
            for task in tasks[:free]:
                with self._busy_lock:
                    self._busy += 1
                self._pool.submit(self._run, task)
            surplus = [a.id for task in tasks[free:] for a in task]
            if surplus:
                # More than we have workers for: back to READY for anyone to take.
                action_obj.Action.unclaim(self._context, self.env.engine_id, surplus)
                return

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

    def _run(self, task):
        try:
            if len(task) == 1 and not node_batch.batchable(self.env, task[0]):
                runner.run(self.env, task[0])
            else:
                node_batch.run_batch(self.env, task)
        except Exception:
            LOG.exception('Action(s) %s crashed their worker; the takeover pass '
                          'will handle them', ', '.join(a.id for a in task))
        finally:
            with self._idle:
                self._busy -= 1
                self._idle.notify_all()
            self._wake.set()
