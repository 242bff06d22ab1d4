"""Real engines inside the test process, over a real database.

Each engine is a full :class:`clusterd.engine.service.EngineService` (registration,
heartbeats, scheduler, takeover) on oslo.messaging's in-process transport; the tests
write requests exactly as the API does (:mod:`clusterd.engine.requests`).
"""

import time

import oslo_messaging as messaging

from clusterd import conf as clusterd_conf
from clusterd import context as context_mod
from clusterd.engine import service as engine_service
from clusterd.objects import action as action_obj
from clusterd.objects import cluster as cluster_obj
from clusterd.objects import profile as profile_obj
from clusterd import states


def make_conf(**engine):
    conf = clusterd_conf.make_conf()
    conf([], default_config_files=[])
    # NOTE: no reconcile timer unless a test asks for one: a pass would change
    # nodes whose resources a test removes on purpose.
    settings = {'heartbeat_interval': 0.2, 'lease_seconds': 2.0,
                'scan_interval': 0.2, 'workers': 4,
                'graceful_stop_timeout': 10.0, 'reconcile_interval': 0}
    settings.update(engine)
    for name, value in settings.items():
        conf.set_override(name, value, group='engine')
    return conf


class Engine:
    """:param groups: other options, ``{group: {name: value}}``, set before the
        service is built (``{'health': {'enabled': False}}``)."""

    def __init__(self, db, groups=None, **engine_opts):
        self.conf = make_conf(**engine_opts)
        for group, values in (groups or {}).items():
            for name, value in values.items():
                self.conf.set_override(name, value, group=group)
        transport = messaging.get_rpc_transport(self.conf, url='fake:/')
        self.service = engine_service.EngineService(self.conf, db, transport)

    def __enter__(self):
        self.service.start()
        return self

    def __exit__(self, *exc):
        self.service.stop()

    def wake(self):
        self.service.wake()


def user_context(db, project='project-a', user='user-a'):
    return context_mod.RequestContext(db=db, user_id=user, project_id=project,
                                      roles=['member'])


def simulated_profile(ctx, name='sim', **properties):
    return profile_obj.Profile.create(
        ctx, name=name, type='clusterd.simulated-1.0', project=ctx.project_id,
        user=ctx.user_id,
        spec={'type': 'clusterd.simulated', 'version': '1.0',
              'properties': properties})


def wait_action(ctx, action_id, timeout=60.0):
    """Wait until the action has ended; returns it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        action = action_obj.Action.get(ctx, action_id, project_safe=False)
        if action.status in states.ACTION_TERMINAL:
            return action
        time.sleep(0.02)
    raise AssertionError('action %s still %s after %.0f s: %s' % (
        action_id, action.status, timeout, action.status_reason))


def cluster(ctx, cluster_id):
    return cluster_obj.Cluster.get(ctx, cluster_id, project_safe=False)
