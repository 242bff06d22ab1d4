"""schemathesis against the live API: no generated request, alone or in a
sequence, may get a 5xx.

The OpenAPI document the API serves (``/v1/openapi.json``) drives hypothesis:
each operation is one test, fed valid requests (positive mode) and requests that
break the document on purpose (negative mode: wrong types, missing keys, bad
enums).  The app runs in-process (WSGI, noauth) over a migrated PostgreSQL
database (``SCHEMATHESIS_BACKEND=sqlite|mysql`` for another) with a real engine
behind it, so the 202s really run actions.  Hooks steer the generation where
plain schema-driven data seldom goes: path parameters and body ids name objects
made first through the API (a cluster with a bound policy, profiles, nodes, a
receiver) about half of the time (so the fuzzing gets past the 404s), and a small dictionary of hostile values (NUL characters, lone
surrogates, integers beyond 64 bits, long strings) is mixed into paths, query
strings and bodies.  Without that dictionary, 20 examples per operation did not
find the 500s in gabbits/schemathesis-regressions.yaml; with it they all show.

Checks: no 5xx, and answers that conform to the document (status code, content
type, body schema, documented headers).

Bounded for CI on two cores: ``SCHEMATHESIS_MAX_EXAMPLES`` examples per operation
(default 20), derandomized (the same requests on every run), no shrinking and no
example database; about 100 seconds.  Without schemathesis installed or without
the database server the module is skipped, or fails with
``CLUSTERD_TEST_REQUIRE_SERVICES=1``.
"""

import collections
import json
import os
import tempfile

import pytest
import webob

from clusterd.api import deploy
from clusterd.api import openapi
from clusterd.api import router
from clusterd.engine import rpcapi
from tests import databases
from tests import engines
from tests.functional import test_api_gabbi

try:
    import hypothesis
    from hypothesis import strategies
    import schemathesis
    from schemathesis import checks as schemathesis_checks
    from schemathesis import GenerationMode
except ImportError as exc:  # pragma: no cover - depends on the environment
    if databases.services_required():
        raise
    pytest.skip('schemathesis is not installed: %s' % exc, allow_module_level=True)

MAX_EXAMPLES = int(os.environ.get('SCHEMATHESIS_MAX_EXAMPLES', '20'))
# PostgreSQL by default: the strictest of the three about what a column takes
# (NUL characters, lengths, types).
BACKEND = os.environ.get('SCHEMATHESIS_BACKEND', 'postgresql')

PROFILE_SPEC = {'type': 'clusterd.simulated', 'version': '1.0',
                'properties': {'metadata': {'role': 'web'}}}
POLICY_SPEC = {'type': 'senlin.policy.deletion', 'version': '1.1',
               'properties': {'criteria': 'OLDEST_FIRST'}}


class _State:
    app = None
    known = {}


def _current_app(environ, start_response):
    # NOTE: the schema is loaded at import time (one test per operation); the
    # app exists only once the module fixture has made it.
    return _State.app(environ, start_response)


def _call(app, method, path, body=None, version='latest'):
    request = webob.Request.blank(path, method=method, headers={
        'OpenStack-API-Version': 'clustering %s' % version,
        'Content-Type': 'application/json'})
    if body is not None:
        request.body = json.dumps(body).encode()
    response = request.get_response(app)
    assert response.status_int < 300, (method, path, response.body)
    return json.loads(response.body) if response.body else {}


def _seed(app, ctx):
    """Objects the path parameters name: made through the API, and waited for."""
    profile = _call(app, 'POST', '/v1/profiles', {'profile': {
        'name': 'sim', 'spec': PROFILE_SPEC}})['profile']
    created = webob.Request.blank('/v1/clusters', method='POST', headers={
        'Content-Type': 'application/json'}, body=json.dumps({'cluster': {
            'name': 'web', 'profile_id': 'sim', 'desired_capacity': 2,
            'max_size': 5}}).encode()).get_response(app)
    assert created.status_int == 202, created.body
    engines.wait_action(ctx, created.location.rpartition('/')[2])
    node = _call(app, 'POST', '/v1/nodes', {'node': {
        'name': 'orphan', 'profile_id': 'sim'}})['node']
    receiver = _call(app, 'POST', '/v1/receivers', {'receiver': {
        'name': 'hook', 'type': 'webhook', 'cluster_id': 'web',
        'action': 'CLUSTER_SCALE_OUT'}})['receiver']
    _call(app, 'POST', '/v1/profiles', {'profile': {
        'name': 'doomed', 'spec': PROFILE_SPEC}})
    _call(app, 'POST', '/v1/clusters', {'cluster': {
        'name': 'doomed', 'profile_id': 'doomed', 'desired_capacity': 0}})
    _call(app, 'POST', '/v1/nodes', {'node': {
        'name': 'doomed', 'profile_id': 'doomed'}})
    _call(app, 'POST', '/v1/receivers', {'receiver': {
        'name': 'doomed', 'type': 'webhook', 'cluster_id': 'web',
        'action': 'CLUSTER_SCALE_IN'}})
    _call(app, 'POST', '/v1/policies', {'policy': {
        'name': 'oldest', 'spec': POLICY_SPEC}})
    _call(app, 'POST', '/v1/policies', {'policy': {
        'name': 'doomed', 'spec': POLICY_SPEC}})
    attached = _call(app, 'POST', '/v1/clusters/web/actions', {
        'policy_attach': {'policy_id': 'oldest'}})
    engines.wait_action(ctx, attached['action'])
    action = _call(app, 'GET', '/v1/actions?limit=1')['actions'][0]
    event = _call(app, 'GET', '/v1/events?limit=1')['events'][0]
    return {
        'type_name': ['clusterd.simulated-1.0', 'senlin.policy.deletion-1.1'],
        'profile_id': [profile['id'], 'sim'],
        'cluster_id': ['web'],
        'node_id': [node['id'], 'orphan'],
        'receiver_id': [receiver['id'], 'hook'],
        'webhook_id': [receiver['id']],
        'action_id': [action['id']],
        'event_id': [event['id']],
        'policy_id': ['oldest'],
        'path': ['name', 'details.status', 'metadata'],
    }


@pytest.fixture(scope='module', autouse=True)
def live_api():
    with tempfile.TemporaryDirectory() as tmp:
        with databases.migrated_database(BACKEND, tmp) as db:
            with engines.Engine(db) as engine:
                client = rpcapi.EngineClient(engine.service.transport,
                                             engine.conf.engine.topic)
                app = deploy.make_app(test_api_gabbi.make_conf(), db, client)
                _State.known = _seed(app, engines.user_context(
                    db, project='default', user='admin'))
                _State.app = app
                yield app
                _State.app = None


schema = schemathesis.openapi.from_dict(openapi.document(router.ROUTES))
schema.app = _current_app
schema.config.generation.update(
    modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE])


# Objects DELETE requests may name: the others stay for the operations after them.
DOOMED = {'cluster_id': ['doomed'], 'profile_id': ['doomed'],
          'node_id': ['doomed'], 'receiver_id': ['doomed'], 'policy_id': ['doomed']}

# A fuzzer's dictionary: values hypothesis seldom draws from a schema but that
# have broken APIs (and broke this one: gabbits/schemathesis-regressions.yaml).
HOSTILE_TEXT = ['a\x00b', 'x' * 300, '\U0001f600', '../..']
HOSTILE_BODY = HOSTILE_TEXT + ['\ud800', 2 ** 63, -2 ** 63, 10 ** 30, 1e308]
HOSTILE_QUERY = HOSTILE_TEXT + ['99999999999999999999', '-1', '1e3']


def _hostile(strategy_of_value, values):
    """Usually the generated value; sometimes one of ``values`` in its place."""
    return strategies.one_of(strategy_of_value,
                             strategies.sampled_from(values))


@schema.hook
def flatmap_path_parameters(context, path_parameters):
    """Name the seeded objects half of the time, a hostile value at times."""
    known = DOOMED if context.operation.method.upper() == 'DELETE' else \
        _State.known
    if not path_parameters:
        return strategies.just(path_parameters)
    chosen = {name: _hostile(strategies.sampled_from(known.get(name) or [value]),
                             HOSTILE_TEXT)
              for name, value in path_parameters.items()}
    return strategies.one_of(
        strategies.just(path_parameters),
        strategies.fixed_dictionaries(chosen))


@schema.hook
def flatmap_query(context, query):
    """At times, one declared query parameter gets a hostile value."""
    names = [parameter.name for parameter in context.operation.query]
    if not names:
        return strategies.just(query)
    return strategies.one_of(
        strategies.just(query),
        strategies.tuples(strategies.sampled_from(names),
                          strategies.sampled_from(HOSTILE_QUERY)).map(
            lambda pair: dict(query or {}, **{pair[0]: pair[1]})))


# Body keys that name objects, and what to put there instead of random text.
BODY_IDENTITIES = {'profile_id': 'sim', 'cluster_id': 'web',
                   'policy_id': 'oldest', 'nodes': ['orphan']}


def _with_identities(value, spec=PROFILE_SPEC):
    if isinstance(value, dict):
        if 'policy' in value:
            spec = POLICY_SPEC
        return {key: (spec if key == 'spec' else BODY_IDENTITIES[key]
                      if key in BODY_IDENTITIES else _with_identities(item, spec))
                for key, item in value.items()}
    return value


def _leaves(value, path=()):
    """Paths of the scalar values inside a JSON document."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _leaves(item, path + (index,))
    else:
        yield path


def _replaced(value, path, new):
    if not path:
        return new
    copied = dict(value) if isinstance(value, dict) else list(value)
    copied[path[0]] = _replaced(value[path[0]], path[1:], new)
    return copied


@schema.hook
def flatmap_body(context, body):
    """The seeded ids and specs half of the time; at times a hostile leaf."""
    body = strategies.sampled_from([body, _with_identities(body)])

    def spoil(document):
        leaves = [path for path in _leaves(document) if path]
        if not leaves:
            return strategies.just(document)
        return strategies.one_of(
            strategies.just(document),
            strategies.tuples(strategies.sampled_from(leaves),
                              strategies.sampled_from(HOSTILE_BODY)).map(
                lambda pair: _replaced(document, *pair)))
    return body.flatmap(spoil)


CHECKS = [
    schemathesis_checks.not_a_server_error,
    schemathesis_checks.status_code_conformance,
    schemathesis_checks.content_type_conformance,
    schemathesis_checks.response_schema_conformance,
    schemathesis_checks.response_headers_conformance,
]


@schema.parametrize()
@hypothesis.settings(
    max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None,
    phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate],
    suppress_health_check=list(hypothesis.HealthCheck))
def test_no_server_error(case):
    case.call_and_validate(checks=CHECKS)


# --- sequences: each call uses what an earlier one answered -------------------------

STATEFUL_SCENARIOS = int(os.environ.get('SCHEMATHESIS_STATEFUL_SCENARIOS', '40'))


class Workflow(schema.as_state_machine()):
    """Sequences of calls linked by what they answer (schemathesis infers the
    links from the document: a created profile's id into its show, update and
    delete, ...), held to the same checks."""

    answered = collections.Counter()    # (method, path template, status) -> n

    def before_call(self, case):
        # A link may carry an empty id (an orphan node's cluster_id is ''):
        # '/v1/clusters/{cluster_id}/actions' would become another route's URL
        # ('/v1/clusters/actions': 405), which is not this operation's answer.
        hypothesis.assume(all(value not in ('', None) for value in
                              (case.path_parameters or {}).values()))
        super().before_call(case)

    def after_call(self, response, case):
        super().after_call(response, case)
        Workflow.answered[(case.method, case.path, response.status_code)] += 1

    def validate_response(self, response, case, additional_checks=None, **kwargs):
        case.validate_response(response, checks=CHECKS)


def test_sequences_get_no_server_error():
    Workflow.run(settings=hypothesis.settings(
        max_examples=STATEFUL_SCENARIOS, stateful_step_count=8, deadline=None,
        derandomize=True, database=None,
        phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate],
        suppress_health_check=list(hypothesis.HealthCheck)))
    # Not vacuous: calls that named an object an earlier call made found it.
    linked = [key for key in Workflow.answered if '{' in key[1] and key[2] < 300]
    assert linked, sorted(Workflow.answered.items())
