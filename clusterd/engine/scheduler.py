"""Claiming READY actions and running them on a bounded pool of worker threads.

One scheduler thread claims work whenever it is woken (an RPC cast, a local child
becoming READY, a worker freeing up) and at least every ``[engine] scan_interval``
seconds, so a lost cast or a broker outage delays work but never loses it.  It
claims no more than there are free workers, so nothing claimed sits in a queue where
another engine could have run it.
"""

import threading

import futurist
from oslo_log import log as logging

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
                                              min(free, self.batch))
            if not claimed:
                return
            for action in claimed:
                with self._busy_lock:
                    self._busy += 1
                self._pool.submit(self._run, action)

    def _run(self, action):
        try:
            runner.run(self.env, action)
        except Exception:
            LOG.exception('Action %s crashed its worker; the takeover pass will '
                          'handle it', action.id)
        finally:
            with self._idle:
                self._busy -= 1
                self._idle.notify_all()
            self._wake.set()
