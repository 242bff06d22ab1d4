"""The gabbi API tests (tests/functional/gabbits/*.yaml) on SQLite.

Each YAML file is one suite; its fixtures (below) give it a freshly migrated
database, seeded through ``clusterd.objects``, behind ``deploy.make_app`` with
noauth.  ``test_api_gabbi_mysql.py`` and ``test_api_gabbi_postgresql.py`` run the
same files on MariaDB and PostgreSQL.

NOTE: gabbi's own pytest plugin (``gabbi.pytester``) is not used: it takes every
collected test whose id holds a colon, in any module, for one of its own and
crashes the collection.  :class:`SuiteRunner` below does its job for us: each gabbi
test is one pytest test, and a suite's fixtures start before its first test and
stop after its last.
"""

import datetime
import os
import tempfile
import unittest

from gabbi import driver
from gabbi import fixture
import pytest

from clusterd.api import deploy
from clusterd import conf as conf_mod
from clusterd import context as context_mod
from clusterd.db import models
from clusterd.objects import action as action_obj
from clusterd.objects import event as event_obj
from clusterd.objects import service as service_obj
from tests import databases
from tests.functional import gabbi_engine_fixture
from tests.functional import gabbi_engine_nodes
from tests.functional import openapi_conformance

GABBITS = os.path.join(os.path.dirname(__file__), 'gabbits')

T0 = datetime.datetime(2026, 1, 1, 12, 0, 0, tzinfo=datetime.timezone.utc)


class _State:
    app = None


def _suite_app(environ, start_response):
    return _State.app(environ, start_response)


# Every answer is held to the OpenAPI document (a mismatch fails the test).
_current_app = openapi_conformance.Conformance(_suite_app)


def app():
    # NOTE: gabbi asks for the app when it builds the suites, before any
    # fixture has made one; the suite's own app is looked up per request.
    return _current_app


def make_conf(**api):
    conf = conf_mod.make_conf()
    conf([], project='clusterd')
    conf.set_override('auth_strategy', 'noauth', group='api')
    conf.set_override('lease_seconds', 3600, group='engine')
    for name, value in api.items():
        conf.set_override(name, value, group='api')
    return conf


def _ctx(db, project, user):
    return context_mod.RequestContext(db=db, project_id=project, user_id=user,
                                      roles=['member', 'reader'])


def _action(ctx, ident, name, action, status, minutes, target=None,
            cluster_id=None, **values):
    action_obj.Action.create(
        ctx, id=ident, name=name, action=action, status=status,
        target=target or 'c1c1c1c1-0000-4000-8000-000000000001',
        cluster_id=cluster_id, cause='RPC Request', inputs={'count': 1},
        outputs={}, data={}, user=ctx.user_id, project=ctx.project_id,
        start_time=1767268800.5, timeout=3600,
        created_at=T0 + datetime.timedelta(minutes=minutes), **values)


def _event(ctx, ident, level, otype, oname, minutes, **values):
    event_obj.Event.create(
        ctx, id=ident, level=level, otype=otype, oname=oname,
        oid='c1c1c1c1-0000-4000-8000-000000000001',
        cluster_id='c1c1c1c1-0000-4000-8000-000000000001', user=ctx.user_id,
        project=ctx.project_id, status='end', status_reason='done',
        timestamp=T0 + datetime.timedelta(minutes=minutes), **values)


def seed(db):
    """Rows the YAML files know by id (see gabbits/README.rst)."""
    alpha = _ctx(db, 'p-alpha', 'u-alpha')
    beta = _ctx(db, 'p-beta', 'u-beta')
    cluster = 'c1c1c1c1-0000-4000-8000-000000000001'
    _action(alpha, '11111111-0000-4000-8000-000000000001', 'cluster_create_c1',
            'CLUSTER_CREATE', 'SUCCEEDED', 0, cluster_id=cluster)
    _action(alpha, '11111111-0000-4000-8000-000000000002', 'node_create_n1',
            'NODE_CREATE', 'SUCCEEDED', 1, target='d1d1d1d1-0000-4000-8000-0000000000'
            '01', cluster_id=cluster)
    _action(alpha, '22222222-0000-4000-8000-000000000003', 'cluster_scale_out_c1',
            'CLUSTER_SCALE_OUT', 'RUNNING', 2, cluster_id=cluster)
    # Two actions with one creation time: the id breaks the tie.
    _action(alpha, '22222222-0000-4000-8000-000000000004', 'dup', 'CLUSTER_CHECK',
            'READY', 3, cluster_id=cluster)
    _action(alpha, '33333333-0000-4000-8000-000000000005', 'dup', 'CLUSTER_CHECK',
            'FAILED', 3, cluster_id=cluster)
    _action(beta, '44444444-0000-4000-8000-000000000006', 'beta_action',
            'CLUSTER_DELETE', 'SUCCEEDED', 4)
    with db.writer.using(alpha) as session:
        # The cluster action waits for its node action.
        session.add(models.Dependency(
            id='dddddddd-0000-4000-8000-000000000001',
            depended='11111111-0000-4000-8000-000000000002',
            dependent='11111111-0000-4000-8000-000000000001'))

    _event(alpha, 'e1e1e1e1-0000-4000-8000-000000000001', '20', 'CLUSTER', 'web',
           0, action='CLUSTER_CREATE', metadata={'action_id': '11111111'})
    _event(alpha, 'e1e1e1e1-0000-4000-8000-000000000002', '40', 'NODE', 'web-1',
           1, action='NODE_CREATE')
    _event(alpha, 'e2e2e2e2-0000-4000-8000-000000000003', '30', 'NODE', 'web-2',
           2, action='NODE_DELETE')
    _event(alpha, 'e3e3e3e3-0000-4000-8000-000000000004', '50', 'CLUSTER', 'web',
           3, action='CLUSTER_SCALE_OUT')
    _event(alpha, 'e4e4e4e4-0000-4000-8000-000000000005', '10', 'CLUSTER', 'web',
           4, action='CLUSTER_CHECK')
    _event(beta, 'e5e5e5e5-0000-4000-8000-000000000006', '20', 'CLUSTER', 'other',
           5, action='CLUSTER_DELETE')

    admin = context_mod.admin_context(db)
    now = datetime.datetime.now(datetime.timezone.utc)
    service_obj.Service.register(admin, 'aaaaaaaa-0000-4000-8000-000000000001',
                                 'host-a', 'clusterd-engine', 'clusterd-engine')
    service_obj.Service.register(admin, 'bbbbbbbb-0000-4000-8000-000000000002',
                                 'host-b', 'clusterd-engine', 'clusterd-engine')
    service_obj.Service.update(admin, 'bbbbbbbb-0000-4000-8000-000000000002',
                               updated_at=now - datetime.timedelta(hours=2),
                               disabled=True, disabled_reason='maintenance')


def make_fixtures(backend):
    """The fixture classes the YAML files name, bound to one database backend."""

    class APIFixture(fixture.GabbiFixture):
        """A migrated, empty database behind the noauth app."""
        seeded = False
        api_options = {}

        def start_fixture(self):
            self._tmp = tempfile.TemporaryDirectory()
            self._database = databases.migrated_database(backend, self._tmp.name)
            try:
                db = self._database.__enter__()
            except pytest.skip.Exception as exc:
                self._tmp.cleanup()
                raise unittest.SkipTest(str(exc))
            if self.seeded:
                seed(db)
            _State.app = deploy.make_app(make_conf(**self.api_options), db,
                                         self.engine_client(db))

        def engine_client(self, db):
            """Engines to nudge (none: nothing runs the actions written)."""
            return None

        def stop_fixture(self):
            _State.app = None
            self._database.__exit__(None, None, None)
            self._tmp.cleanup()

    class SeededFixture(APIFixture):
        """Actions, events and services of two projects (see :func:`seed`)."""
        seeded = True

    class SmallBodyFixture(APIFixture):
        """A 1 KiB body limit."""
        api_options = {'max_body_size': 1024}

    return type('Fixtures', (), {'APIFixture': APIFixture,
                                 'SeededFixture': SeededFixture,
                                 'SmallBodyFixture': SmallBodyFixture,
                                 **gabbi_engine_fixture.fixtures(APIFixture),
                                 **gabbi_engine_nodes.make_fixtures(backend)})


class SuiteRunner:
    """Runs the gabbi tests of one suite (YAML file) after another."""

    def __init__(self):
        self.suite = None
        self.fixtures = []
        self.skip_reason = None

    def enter(self, suite):
        if suite is self.suite:
            return
        self.stop()
        self.suite = suite
        for fixture_class in suite._get_fixtures()[0]:
            fix = fixture_class()
            try:
                fix.__enter__()
            except unittest.SkipTest as exc:
                self.skip_reason = str(exc)
                return
            self.fixtures.append(fix)

    def stop(self):
        while self.fixtures:
            self.fixtures.pop().__exit__(None, None, None)
        self.suite = None
        self.skip_reason = None

    def run(self, suite, case):
        self.enter(suite)
        if self.skip_reason:
            pytest.skip(self.skip_reason)
        result = unittest.TestResult()
        case.run(result)
        for _, text in result.errors + result.failures:
            pytest.fail(text, pytrace=False)
        for _, reason in result.skipped:
            pytest.skip(reason)


@pytest.fixture(scope='module')
def gabbi_runner():
    runner = SuiteRunner()
    yield runner
    runner.stop()


def generate(metafunc, backend):
    """Parametrize ``test_gabbi`` of a module with every gabbi test of GABBITS."""
    if 'gabbi_case' not in metafunc.fixturenames:
        return
    top = driver.build_tests(GABBITS, unittest.TestLoader(), intercept=app,
                             fixture_module=make_fixtures(backend),
                             test_loader_name=backend)
    params = [pytest.param(suite, case, id='%s:%s' % (
                  backend, type(case).__name__))
              for suite in top for case in suite]
    metafunc.parametrize('gabbi_suite, gabbi_case', params)


def pytest_generate_tests(metafunc):
    generate(metafunc, 'sqlite')


def test_gabbi(gabbi_runner, gabbi_suite, gabbi_case):
    gabbi_runner.run(gabbi_suite, gabbi_case)
