"""Gabbi fixtures for the node, node action, receiver and webhook suites: a real
engine behind the API, so that node creates, checks and webhook scale-outs really
run (the YAML polls the actions with gabbi's ``poll:``).

``test_api_gabbi.make_fixtures`` adds the fixtures of every
``tests/functional/gabbi_*.py`` module through its ``make_fixtures(backend)``.

The seeded rows, known to the YAML files by name or id:

project p-alpha (user u-alpha)
  profiles  sim, sim-b (clusterd.simulated-1.0), other (test.other-1.0)
  clusters  web (sim, 1 node), small (sim, max_size 1, 1 node),
            busy (sim, no node, an INIT action holds it)
  nodes     stuck (CREATING, an INIT action holds it), depended (ACTIVE, other
            nodes depend on it), dup and dup (two orphans of one name)
  simulated resources  res-active (ACTIVE), res-broken (ERROR)
project p-beta (user u-beta)
  profiles  beta-sim;  simulated resource res-beta
"""

import tempfile
import unittest

from gabbi import fixture
import pytest

from clusterd.api import deploy
from clusterd import context as context_mod
from clusterd.drivers import simulated as simulated_driver
from clusterd.drivers import simulated_store
from clusterd.engine import requests
from clusterd.engine import rpcapi
from clusterd.objects import action as action_obj
from clusterd.objects import node as node_obj
from clusterd.objects import profile as profile_obj
from clusterd import plugins
from clusterd.profiles import simulated as simulated_profile
from clusterd import states
from tests import databases
from tests import engines

ALPHA = ('p-alpha', 'u-alpha')
BETA = ('p-beta', 'u-beta')

PROFILE_SIM = '5151a000-0000-4000-8000-000000000001'
PROFILE_SIM_B = '5151a000-0000-4000-8000-000000000002'
PROFILE_OTHER = '5151a000-0000-4000-8000-000000000003'
PROFILE_BETA = '5151b000-0000-4000-8000-000000000004'
CLUSTER_WEB = 'c0c0a000-0000-4000-8000-000000000001'
CLUSTER_SMALL = 'c0c0a000-0000-4000-8000-000000000002'
CLUSTER_BUSY = 'c0c0a000-0000-4000-8000-000000000003'
NODE_STUCK = 'd0d0a000-0000-4000-8000-000000000001'
NODE_DEPENDED = 'd0d0a000-0000-4000-8000-000000000002'
RESOURCE_ACTIVE = 'e0e0a000-0000-4000-8000-000000000001'
RESOURCE_BROKEN = 'e0e0a000-0000-4000-8000-000000000002'
RESOURCE_BETA = 'e0e0b000-0000-4000-8000-000000000003'

OTHER_TYPE = 'test.other-1.0'


class OtherProfile(simulated_profile.SimulatedProfile):
    """A second profile type, for the "different profile type" refusals, and
    one that cannot adopt resources."""
    TYPE = 'test.other'
    adopt_spec = None


def _ctx(db, owner):
    project, user = owner
    return context_mod.RequestContext(db=db, project_id=project, user_id=user,
                                      roles=['member'])


def _profile(ctx, ident, name, type_name=simulated_profile.SimulatedProfile
             .type_name()):
    type_, _, version = type_name.rpartition('-')
    profile_obj.Profile.create(
        ctx, id=ident, name=name, type=type_name, user=ctx.user_id,
        project=ctx.project_id, context={}, metadata={},
        spec={'type': type_, 'version': version,
              'properties': {'metadata': {'tier': name}}})


def _cluster(ctx, ident, name, **sizes):
    _, action = requests.create_cluster(ctx, 3600, id=ident, name=name,
                                        profile_id=PROFILE_SIM, **sizes)
    return action.id


def _hold(ctx, target, action_name, cluster_id=None):
    """An action in INIT on ``target``: the engines leave it alone, and the API's
    conflict check sees the target as busy."""
    action_obj.Action.create(ctx, action=action_name, target=target,
                             cluster_id=cluster_id, status=states.INIT,
                             timeout=3600, name='held_%s' % target[:8])


def _resource(ctx, ident, project, status, tier):
    simulated_store.SimulatedResource.create_for_node(
        ctx, ident, None, 'vm-%s' % tier, project, status,
        {'metadata': {'tier': tier}})


def seed(db):
    alpha, beta = _ctx(db, ALPHA), _ctx(db, BETA)
    _profile(alpha, PROFILE_SIM, 'sim')
    _profile(alpha, PROFILE_SIM_B, 'sim-b')
    _profile(alpha, PROFILE_OTHER, 'other', OTHER_TYPE)
    _profile(beta, PROFILE_BETA, 'beta-sim')
    creates = [_cluster(alpha, CLUSTER_WEB, 'web', desired_capacity=1),
               _cluster(alpha, CLUSTER_SMALL, 'small', min_size=1, max_size=1,
                        desired_capacity=1),
               _cluster(alpha, CLUSTER_BUSY, 'busy')]
    node_obj.Node.create(alpha, id=NODE_STUCK, name='stuck', profile_id=PROFILE_SIM,
                         status=states.N_CREATING)
    _hold(alpha, NODE_STUCK, 'NODE_CREATE')
    node_obj.Node.create(alpha, id=NODE_DEPENDED, name='depended',
                         profile_id=PROFILE_SIM, status=states.N_ACTIVE,
                         dependents={'nodes': [NODE_STUCK]})
    for _ in range(2):
        node_obj.Node.create(alpha, name='dup', profile_id=PROFILE_SIM,
                             status=states.N_ACTIVE)
    _resource(alpha, RESOURCE_ACTIVE, 'p-alpha', simulated_driver.ACTIVE, 'adopt')
    _resource(alpha, RESOURCE_BROKEN, 'p-alpha', simulated_driver.ERROR, 'broken')
    _resource(beta, RESOURCE_BETA, 'p-beta', simulated_driver.ACTIVE, 'beta')
    return alpha, creates


def make_fixtures(backend):

    class NodesEngineFixture(fixture.GabbiFixture):
        """The rows above, the noauth API and one running engine."""
        api_options = {}

        def start_fixture(self):
            self._tmp = tempfile.TemporaryDirectory()
            self._database = databases.migrated_database(backend, self._tmp.name)
            try:
                db = self._database.__enter__()
            except pytest.skip.Exception as exc:
                self._tmp.cleanup()
                raise unittest.SkipTest(str(exc))
            plugins.register_profile(OTHER_TYPE, OtherProfile)
            self._engine = engines.Engine(db)
            self._engine.__enter__()
            try:
                alpha, creates = seed(db)
                for action_id in creates:
                    engines.wait_action(alpha, action_id)
                # Held only once created: the hold would keep CLUSTER_CREATE out.
                _hold(alpha, CLUSTER_BUSY, 'CLUSTER_CHECK', CLUSTER_BUSY)
            except Exception:
                self.stop_fixture()
                raise
            # NOTE: test_api_gabbi serves whatever app its _State holds (imported
            # here: it imports this module).
            from tests.functional import test_api_gabbi
            service = self._engine.service
            test_api_gabbi._State.app = deploy.make_app(
                test_api_gabbi.make_conf(**self.api_options), db,
                rpcapi.EngineClient(service.transport, service.conf.engine.topic))

        def stop_fixture(self):
            from tests.functional import test_api_gabbi
            test_api_gabbi._State.app = None
            self._engine.__exit__(None, None, None)
            plugins.unregister_profile(OTHER_TYPE)
            self._database.__exit__(None, None, None)
            self._tmp.cleanup()

    class UncoalescedEngineFixture(NodesEngineFixture):
        """Every webhook trigger makes an action: no cooldown, no rate limit."""
        api_options = {'webhook_cooldown': 0, 'webhook_rate': 0}

    class StormEngineFixture(NodesEngineFixture):
        """Webhooks coalesce for an hour, and take 4 triggers, then 1 an hour."""
        api_options = {'webhook_cooldown': 3600, 'webhook_rate': 1 / 3600,
                       'webhook_burst': 4}

    return {'NodesEngineFixture': NodesEngineFixture,
            'UncoalescedEngineFixture': UncoalescedEngineFixture,
            'StormEngineFixture': StormEngineFixture}
