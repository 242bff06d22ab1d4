"""What an engine's workflows need, in one object passed explicitly."""

import threading

import futurist

from clusterd import context as context_mod
from clusterd.engine import liveness
from clusterd.objects import policy as policy_obj
from clusterd.objects import profile as profile_obj
from clusterd import plugins


def start_threads(pool, count):
    """Start ``count`` threads of the futurist ``pool`` now: it starts one per
    submit until it is full, so the first busy moment would pay for them."""
    for _ in range(count):
        pool.submit(_nothing)


def _nothing():
    pass


class Environment:
    """
    :param conf: the process's ConfigOpts
    :param db: the :class:`clusterd.db.api.Database`
    :param engine_id: the id of this engine in the services table
    :param wake: callable(fanout=False) that makes engines look for READY work
    :param notifier: an oslo.messaging Notifier, or None
    """

    def __init__(self, conf, db, engine_id, wake, notifier=None):
        self.conf = conf
        self.db = db
        self.engine_id = engine_id
        self.wake = wake
        self.notifier = notifier
        # Cloud calls of batched node actions; see actions/node_batch.py.
        self.cloud_pool = futurist.ThreadPoolExecutor(
            max_workers=conf.engine.cloud_call_threads)
        # This engine's lease and epoch (clusterd/engine/liveness.py), renewed
        # by the service's heartbeats.
        self.lease = liveness.Lease(conf.engine.lease_seconds,
                                    conf.engine.heartbeat_interval)
        self._profiles = {}
        self._lock = threading.Lock()
        # The hash ring of periodic work (clusterd.engine.ownership.Ownership);
        # set by the engine service, None where no engine runs (the API).
        self.ownership = None
        # The engine's clusterd.engine.scheduler.Scheduler; set by the service.
        self.scheduler = None

    def worker_claim(self):
        """A :class:`clusterd.objects.action.Claim` for the work the calling
        worker is about to make ready (children it fans out, a parent its
        action releases), which it then runs itself; None when the caller is
        not one of the scheduler's workers.  Pass it to :meth:`keep` after."""
        if self.scheduler is None:
            return None
        return self.scheduler.worker_claim()

    def keep(self, claim):
        """The calling worker runs what ``claim`` took once its task is done."""
        if claim is not None and claim.actions:
            self.scheduler.keep(claim.actions)

    def admin_context(self):
        return context_mod.admin_context(self.db)

    def context_for(self, action, fence=None):
        """The context of whoever asked for ``action``.

        :param fence: a :class:`clusterd.engine.liveness.Fence` taken when the
            action was claimed: writes through the context raise once this
            engine may no longer write for the action (it was declared dead, or
            its lease is in doubt)
        """
        stored = action.context or {}
        return context_mod.RequestContext(
            db=self.db, fence=fence,
            user_id=stored.get('user_id') or action.user,
            project_id=stored.get('project_id') or action.project,
            domain_id=stored.get('domain_id') or action.domain,
            roles=stored.get('roles') or [], is_admin=bool(stored.get('is_admin')))

    def profile(self, context, profile_id):
        """The profile plugin instance of ``profile_id``.

        Profiles' specs never change after creation (only name and metadata do), so
        instances are cached per id.
        """
        with self._lock:
            cached = self._profiles.get(profile_id)
        if cached is not None:
            return cached
        stored = profile_obj.Profile.get(context, profile_id, project_safe=False)
        instance = plugins.profile_class(stored.type).from_object(stored, self.conf)
        with self._lock:
            self._profiles[profile_id] = instance
        return instance

    def policy(self, context, policy_id):
        stored = policy_obj.Policy.get(context, policy_id, project_safe=False)
        instance = plugins.policy_class(stored.type)(stored.name, stored.spec,
                                                     self.conf)
        instance.id = stored.id
        return instance
