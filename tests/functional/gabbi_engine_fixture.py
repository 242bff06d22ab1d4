"""Gabbi fixtures with test plugins and a real engine behind the API.

``PluginFixture`` registers a policy type and a second profile type (no policy
plugin ships yet, and "another profile type" needs one); ``EngineFixture`` also
runs a real in-process engine (:class:`tests.engines.Engine`) on the suite's
database and gives the app its client, so that a created cluster really becomes
ACTIVE and a scale-out really adds nodes.
"""

from clusterd.engine import rpcapi
from clusterd import plugins
from clusterd.policies import base as policy_base
from clusterd.profiles import simulated
from clusterd import schema
from tests import engines


class DummyPolicy(policy_base.Policy):
    """A policy that decides nothing, to bind and unbind."""
    TYPE = 'clusterd.test.dummy'
    VERSION = '1.0'
    PRIORITY = 500
    SINGLETON = False
    SUPPORT_STATUS = {'1.0': [{'status': 'EXPERIMENTAL', 'since': '2026.11'}]}
    properties_schema = {
        'level': schema.Integer('How much it cares.', default=1,
                                constraints=[schema.Range(min=0)]),
    }


class OtherProfile(simulated.SimulatedProfile):
    """Simulated nodes under another type name."""
    TYPE = 'clusterd.test.other'
    VERSION = '1.0'
    SUPPORT_STATUS = {'1.0': [{'status': 'SUPPORTED', 'since': '2026.11'}]}


POLICY_TYPE = 'clusterd.test.dummy-1.0'
PROFILE_TYPE = 'clusterd.test.other-1.0'


def fixtures(api_fixture):
    """The fixture classes, built on the suite's ``APIFixture``."""

    class PluginFixture(api_fixture):
        def start_fixture(self):
            plugins.register_policy(POLICY_TYPE, DummyPolicy)
            plugins.register_profile(PROFILE_TYPE, OtherProfile)
            super().start_fixture()

        def stop_fixture(self):
            super().stop_fixture()
            plugins.unregister_policy(POLICY_TYPE)
            plugins.unregister_profile(PROFILE_TYPE)

    class EngineFixture(PluginFixture):
        engine = None

        def engine_client(self, db):
            self.engine = engines.Engine(db)
            self.engine.__enter__()
            return rpcapi.EngineClient(self.engine.service.transport,
                                       self.engine.conf.engine.topic)

        def stop_fixture(self):
            if self.engine is not None:
                self.engine.__exit__(None, None, None)
                self.engine = None
            super().stop_fixture()

    return {'PluginFixture': PluginFixture, 'EngineFixture': EngineFixture}
