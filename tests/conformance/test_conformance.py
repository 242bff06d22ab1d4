"""clusterd answers the conformance corpus as Senlin 16 did.

The corpus (``corpus.py``) is sent, in order, to the in-process API (noauth, a
migrated SQLite database, a real in-process engine, both on the simulated OpenStack
cloud, whose servers stand in for those of Senlin's fake cloud); each answer is
compared with Senlin's recorded one (``senlin16.json``, re-recorded by hand with
``record.py`` against the Senlin anchor): the status, the error type and message,
and the shape of a success body.  A difference passes only when :data:`DELIBERATE`
lists it, with Senlin's answer, ours and the reason; an entry that no longer matches
fails too, so the table stays true.
"""

import fnmatch
import json
import os
import tempfile

import pytest
import webob

from clusterd.api import deploy
from clusterd import conf as conf_mod
from clusterd.engine import rpcapi
from tests.conformance import corpus
from tests.conformance import record
from tests import databases
from tests import engines


def _recording():
    with open(record.FIXTURE) as recorded:
        return json.load(recorded)['answers']


RECORDED = _recording()
NAMES = [c[0] for c in corpus.SETUP + corpus.CASES if c[1] != 'WAIT']

# (case pattern, aspect, Senlin's, ours, why).  ``aspect`` is ``status``, ``type``,
# ``message`` or ``shape`` (then Senlin's and ours are the difference strings).
_BOOL = ("Unrecognized value 'not-bool', acceptable values are: '0', '1', 'f', "
         "'false', 'n', 'no', 'off', 'on', 't', 'true', 'y', 'yes'")
_NAMES_FIELD = ("Senlin's message does not say which field is wrong; clusterd's names "
                "it (the project's rule for every 400)")
_STRICT = ("clusterd refuses a key the action does not take; Senlin dropped it "
           "silently, so a typo ('cuont') ran the action without it")
_PARSE_FIRST = ("clusterd checks the whole body before it looks the cluster up "
                "(parse, then look up, then act: issue 25); Senlin's conductor "
                "made this check after the lookup, so an unknown cluster was a 404")
_EARLY = ("A key or filter of a later microversion is refused by name below it; "
          "Senlin dropped it silently (and, for actions, looked the cluster up "
          "first), so a client pinned too low lost it without a word")
_SENLIN_500 = ("Senlin let the spec error escape as a 500; clusterd answers the "
               "same text as a 400 (bad input is never a 5xx)")

DELIBERATE = [
    ('*', 'type', 'HTTPBadRequest', 'BadRequest',
     "Senlin's API process refused a malformed request with webob's "
     "HTTPBadRequest and its conductor with BadRequest; the type said which "
     "process refused, not what was wrong.  clusterd has one API layer and one "
     "BadRequest; clients (openstacksdk, the CLI, tempest) read the message."),
    ('*', 'type', 'HTTPBadRequest', 'InvalidParameter',
     'As above: the same message, with the type naming the fault.'),
    ('*bad version', 'message', None, None,
     'clusterd goes to microversion 1.16 (dry run).'),
    ('*: show unknown sub-path', 'type', None, 'ResourceNotFound',
     "Senlin's router answered a path it does not know with a bare webob page; "
     "clusterd with its usual error body (the same 404)."),
    ('*: show unknown sub-path', 'message', None, None, 'As above.'),
    ('webhooks: trigger without V', 'type', None, 'BadRequest',
     "Senlin's webhook middleware answered a bare webob page; clusterd its usual "
     "error body (the same 400), saying what is missing."),
    ('webhooks: trigger without V', 'message', None, None, 'As above.'),
    ('*: create malformed JSON', 'message', None, None,
     "The same parser's reason, saying that it is the body's JSON."),
    ('clusters: create body not an object', 'message', None, None,
     "Senlin's generic text; clusterd says which key is missing."),
    ('*not a map', 'message', None, None,
     "Senlin's message called valid JSON invalid; clusterd names the field and "
     "the type it needs."),
    ('*not bool', 'message', None, None, _NAMES_FIELD),
    ('actions: update bad status', 'message', 'Unknown status BOGUS for action fake.',
     None, 'clusterd names the field and the one status it takes.'),
    ('build-info: malformed version', 'type', None, 'BadRequest',
     "Senlin's version middleware answered a bare webob page, not its error "
     "body; clusterd answers its usual error body, with the status Senlin had."),
    ('build-info: malformed version', 'message', None, None,
     'As above (Senlin had no message to compare).'),
    ('*POST', 'status', 404, 405, 'An unsupported method on a known path is a '
     '405 with Allow (RFC 9110); Senlin answered 404.'),
    ('*DELETE', 'status', 404, 405, 'As above.'),
    ('*POST', 'type', None, 'MethodNotAllowed', 'As above.'),
    ('*DELETE', 'type', None, 'MethodNotAllowed', 'As above.'),
    ('*POST', 'message', None, None, 'As above.'),
    ('*DELETE', 'message', None, None, 'As above.'),
    ('*PUT', 'status', 404, 405, 'As above.'),
    ('*GET', 'status', 404, 405, 'As above.'),
    ('*GET', 'type', None, 'MethodNotAllowed', 'As above.'),
    ('*GET', 'message', None, None, 'As above.'),
    ('root: bad version', 'status', 406, 200,
     'Version discovery (GET /v1/) answers whatever version is asked for, so '
     'that a client can learn the range it may ask for.'),
    ('root: bad version', 'type', 'InvalidGlobalAPIVersion', None, 'As above.'),
    ('clusters: attrs bad path', 'status', 500, 400,
     "Senlin's JSONPath parser failed with an IndexError (a 500); clusterd "
     "answers 400 naming the path."),
    ('clusters: attrs bad path', 'type', 'IndexError', 'BadRequest', 'As above.'),
    ('clusters: attrs bad path', 'message', 'list index out of range', None,
     'As above.'),
    ('*PUT', 'type', None, 'MethodNotAllowed', 'As above.'),
    ('*PUT', 'message', None, None, 'As above.'),
    ('services: old version', 'status', 403, 400,
     'clusterd checks the microversion of a gated route before the policy; '
     'Senlin checked the policy first.  Either is a refusal.'),
    ('services: old version', 'type', 'Forbidden', 'MethodVersionNotFound',
     'As above.'),
    ('services: old version', 'message', None, None, 'As above.'),
    ('receivers: update*1.6', 'status', 404, 400,
     'As above: the version first; Senlin looked the receiver up first.'),
    ('receivers: update*1.6', 'type', 'ResourceNotFound', 'MethodVersionNotFound',
     'As above.'),
    ('receivers: update*1.6', 'message', None, None, 'As above.'),
    ('profile-types: ops unknown', 'status', 400, 404,
     'An unknown type in the path is a 404, as its show is in Senlin too; '
     "Senlin's /ops alone answered 400 with the same message."),
    ('profile-types: ops unknown', 'type', 'BadRequest', 'ResourceNotFound',
     'As above.'),
    ('profile-types: list*', 'shape', None,
     ['$.profile_types[].support_status.1.1 extra',
      '$.profile_types[].support_status.1.2 extra'],
     'clusterd registers os.nova.server 1.1 and 1.2, which Senlin advertised '
     'but never registered (its list had 1.0 only).'),
    ('profile-types: show', 'shape', None, None,
     "clusterd's schema descriptions carry more (constraints, defaults) and fix "
     "Senlin's (its context default); see doc/source/user/types.rst."),
    ('policy-types: show*', 'shape', None, None, 'As above.'),
    ('profile-types: ops', 'shape', None, None,
     "clusterd lists the operations it runs: migrate (Senlin had a handler but "
     "did not declare it), rescue's admin_pass, reboot's allowed types."),
    ('profiles: list unknown marker', 'status', 200, 400,
     'A marker that names no visible row is refused; Senlin answered a page '
     'that a paging client could not tell from the next one.'),
    ('profiles: list unknown marker', 'type', None, 'InvalidParameter',
     'As above.'),
    ('profiles: list unknown marker', 'message', None, None, 'As above.'),
    ('*: create unknown spec item', 'status', 500, 400, _SENLIN_500),
    ('*: create bad event', 'status', 500, 400, _SENLIN_500),
    ('*: validate unknown spec item', 'status', 500, 400, _SENLIN_500),
    ('policies: *', 'type', 'ESchema', 'InvalidSpec', _SENLIN_500),
    ('policies: create bad event', 'message', None, None,
     'As above, with the path of the property at fault before the reason.'),
    ('policies: update spec', 'message', "'name' is a required property", None,
     "A key the update does not take is the more useful complaint (the name "
     "is not required in clusterd's update); Senlin reported the name first."),
    ('clusters: create config at 1.6', 'status', 202, 400,
     'config came with microversion 1.7; Senlin took it at any version, '
     'clusterd refuses it below 1.7, as it does every later key.'),
    ('clusters: create config at 1.6', 'type', None, 'BadRequest', 'As above.'),
    ('clusters: create config at 1.6', 'message', None, None, 'As above.'),
    ('clusters: update profile_only at 1.5', 'message',
     'No property needs an update.', None,
     'profile_only came with 1.6: refused by name below it (Senlin dropped it).'),
    ('*: not a list (*)', 'message', None, None, _NAMES_FIELD),
    ('resize: bad number (*)', 'message', "could not convert string to float: 'bad'",
     None, _NAMES_FIELD + "; Senlin's was Python's own exception text."),
    ('*: * not bool (*)', 'message', _BOOL, None, _NAMES_FIELD),
    ('resize: bad strict (*)', 'message', _BOOL, None, _NAMES_FIELD),
    ('del_nodes: destroy at 1.3 (fake)', 'status', 404, 400, _EARLY),
    ('del_nodes: destroy at 1.3 (fake)', 'type', 'ResourceNotFound', 'BadRequest',
     _EARLY),
    ('del_nodes: destroy at 1.3 (fake)', 'message', None, None, _EARLY),
    ('clusters: update config at 1.6', 'status', 404, 400, _EARLY),
    ('clusters: update config at 1.6', 'type', 'ResourceNotFound', 'BadRequest',
     _EARLY),
    ('clusters: update config at 1.6', 'message', None, None, _EARLY),
    ('receivers: list by user at 1.3', 'status', 200, 400, _EARLY),
    ('receivers: list by user at 1.3', 'type', None, 'BadRequest', _EARLY),
    ('receivers: list by user at 1.3', 'message', None, 'Invalid parameter user',
     _EARLY),
    ('nodes: recover check at 1.5', 'status', 202, 400, _EARLY),
    ('nodes: recover check at 1.5', 'type', None, 'BadRequest', _EARLY),
    ('nodes: recover check at 1.5', 'message', None, None, _EARLY),
    ('*: unknown key (*)', 'message', None, None, _STRICT),
    ('*: unknown key (*)', 'status', None, 400, _STRICT),
    ('*: unknown key (*)', 'type', None, 'BadRequest', _STRICT),
    ('scale_in: zero count (fake)', 'status', 404, 400, _PARSE_FIRST),
    ('recover: * (fake)', 'status', 404, 400, _PARSE_FIRST),
    ('scale_in: zero count (fake)', 'type', 'ResourceNotFound', 'BadRequest',
     _PARSE_FIRST),
    ('recover: * (fake)', 'type', 'ResourceNotFound', 'BadRequest', _PARSE_FIRST),
    ('scale_in: zero count (fake)', 'message', None, None, _PARSE_FIRST),
    ('recover: * (fake)', 'message', None, None, _PARSE_FIRST),
    ('scale_*: *', 'status', 202, 400,
     'clusterd checks the size a scaling would reach when the request comes in '
     "(a 400 naming the limit); Senlin's conductor did not, and made an action "
     'that failed later for the same reason.'),
    ('scale_*: *', 'type', None, 'BadRequest', 'As above.'),
    ('scale_*: *', 'message', None, None, 'As above.'),
    ('receivers: *', 'shape', None, ['$.receiver.actor.trust_id missing'],
     "The suite runs clusterd without Keystone (noauth), where no trust is made "
     "for the receiver's actor; the Senlin anchor's fake Keystone makes one."),
    ('receivers: *', 'shape', None, ['$.receivers[].actor.trust_id missing'],
     'As above.'),
    ('receivers: create duplicate params', 'message',
     'The value (not-a-map) is not a valid JSON.', None,
     "Senlin's message called valid JSON invalid; clusterd names the field and "
     "the type it needs."),
    ('cluster policies: list sorted', 'status', 400, 200,
     'clusterd also sorts bindings by priority (the order their checks run '
     'in); Senlin sorted by enabled only.'),
    ('cluster policies: list sorted', 'type', 'HTTPBadRequest', None, 'As above.'),
    ('cluster policies: list sorted', 'message', None, None, 'As above.'),
    ('nodes: update tainted at 1.12', 'message', 'No property needs an update.',
     None, 'tainted came with 1.13: refused by name below it (Senlin dropped it).'),
    ('nodes: *', 'shape', None, ['$.node.data.placement missing'],
     "A node's data is free-form; Senlin's node create wrote a placement record "
     "into it, clusterd's does not."),
    ('nodes: *', 'shape', None, ['$.nodes[].data.placement missing'], 'As above.'),
    ('actions: *', 'shape', None, None,
     "An action's data is free-form in Senlin too; clusterd's engine keeps its "
     "step, lock and decisions there."),
    ('*PATCH', 'status', 404, 405, 'As for POST above.'),
    ('*PATCH', 'type', None, 'MethodNotAllowed', 'As above.'),
    ('*PATCH', 'message', None, None, 'As above.'),
    ('*: POST on one', 'status', 404, 405, 'As above.'),
    ('*: POST on one', 'type', None, 'MethodNotAllowed', 'As above.'),
    ('*: POST on one', 'message', None, None, 'As above.'),
    ('*malformed version', 'type', None, 'BadRequest',
     "As for build-info: Senlin's version middleware answered a bare webob "
     'page; clusterd its usual error body.'),
    ('*malformed version', 'message', None, None, 'As above.'),
    ('root malformed version', 'status', 400, 200,
     'As root: bad version: version discovery answers whatever is asked for.'),
    ('root malformed version', 'shape', None, None, 'As above.'),
    ('profile-types: ops without version', 'status', 400, 404,
     "As 'profile-types: ops unknown': an unknown type in the path is a 404."),
    ('profile-types: ops without version', 'type', 'BadRequest',
     'ResourceNotFound', 'As above.'),
    ('actions: create*', 'status', 403, 400,
     "Senlin's policy refused POST /actions to a member (and its controller "
     'failed for an admin: a dead route, see the reference); clusterd answers '
     'every caller that actions are made through clusters, nodes and receivers.'),
    ('actions: create*', 'type', 'Forbidden', 'BadRequest', 'As above.'),
    ('actions: create*', 'message', None, None, 'As above.'),
    ('clusters: ops reboot by role filter', 'status', 202, 400,
     'No member has the role of the filter: clusterd refuses it with the '
     "message Senlin gave for a cluster without nodes ('clusters: ops no "
     "node'); Senlin accepted this one."),
    ('clusters: ops reboot by role filter', 'type', None, 'BadRequest',
     'As above.'),
    ('clusters: ops reboot by role filter', 'message', None, None, 'As above.'),
    ('nodes: adopt*', 'status', 500, None,
     "Senlin 16 failed every adopt and adopt-preview: without overrides its "
     "request object raised \"Cannot load 'overrides'\", with them its fake "
     "Nova's server lacked disk_config.  clusterd answers: a preview (200), an "
     'unknown server (400), a server another node manages (409).'),
    ('nodes: adopt*', 'type', None, None, 'As above.'),
    ('nodes: adopt*', 'message', None, None, 'As above.'),
    ('profiles: validate unknown flavor', 'status', 200, 400,
     "The anchor's fake Nova (Senlin's test drivers) finds a flavor of any "
     "name; the simulated cloud has a catalog (Senlin's test names), so the "
     'flavor is refused, naming the property.'),
    ('profiles: validate unknown flavor', 'type', None, 'InvalidSpec',
     'As above.'),
    ('profiles: validate unknown flavor', 'message', None, None, 'As above.'),
    ('receivers: create message', 'status', 500, 400,
     "Message receivers need Zaqar: clusterd has none and says so (see "
     "clusterd/api/handlers/receivers.py); the anchor has no Keystone for "
     "Senlin's Zaqar client (a 500).  The notify that follows is a 404 on "
     'both.'),
    ('receivers: create message', 'type', 'RemoteError', 'BadRequest',
     'As above.'),
    ('receivers: create message', 'message', None, None, 'As above.'),
    ('events: *', 'shape', None, None,
     "Senlin's event carried the whole joined cluster row (an ORM relationship "
     "leaking into the answer, showing the cluster as it is now, not at the "
     "event); clusterd gives cluster_id.  The event's metadata is free-form."),
]


def _cloud(tmp):
    """The simulated cloud (Senlin's test names, as Senlin's fake cloud), one
    for the API and the engine: the same state file."""
    return {None: {'cloud_backend': 'simulated'},
            'simulated': {'state_file': os.path.join(tmp, 'cloud.json'),
                          'build_seconds': 0.5}}


def _conf(tmp):
    conf = conf_mod.make_conf()
    conf([], project='clusterd')
    conf.set_override('auth_strategy', 'noauth', group='api')
    for group, values in _cloud(tmp).items():
        for name, value in values.items():
            conf.set_override(name, value, group=group)
    return conf


@pytest.fixture(scope='module')
def answers():
    with tempfile.TemporaryDirectory() as tmp, \
            databases.migrated_database('sqlite', tmp) as db, \
            engines.Engine(db, groups=_cloud(tmp)) as engine:
        client = rpcapi.EngineClient(engine.service.transport,
                                     engine.conf.engine.topic)
        app = deploy.make_app(_conf(tmp), db, client)

        def send(method, path, body, version, other=False, admin=False):
            request = webob.Request.blank('/v1' + path, method=method)
            request.headers.update({
                'X-User-Id': 'u-cf-b' if other else 'u-cf',
                'X-Project-Id': 'p-cf-b' if other else 'p-cf',
                'X-Roles': 'admin' if admin else 'member',
                'OpenStack-API-Version': 'clustering %s' % version})
            if body is not None:
                request.content_type = 'application/json'
                request.body = (body if isinstance(body, str)
                                else json.dumps(body)).encode()
            response = request.get_response(app)
            try:
                return response.status_int, (json.loads(response.body)
                                             if response.body else None)
            except ValueError:
                return response.status_int, response.text
        yield corpus.play(send, poll_delay=0.1)


def _differences(senlin, ours):
    found = []
    for aspect in ('status', 'type', 'message'):
        if senlin.get(aspect) != ours.get(aspect):
            found.append((aspect, senlin.get(aspect), ours.get(aspect)))
    if 'shape' in senlin and 'shape' in ours:
        shape = corpus.shape_differences(senlin['shape'], ours['shape'])
        if shape:
            found.append(('shape', None, shape))
    return found


def _explained(name, aspect, senlin, ours):
    for pattern, which, theirs, mine, why in DELIBERATE:
        if which == aspect and fnmatch.fnmatchcase(name, pattern) and \
                (theirs is None or theirs == senlin) and \
                (mine is None or mine == ours):
            assert why
            return True
    return False


def test_every_case_is_recorded():
    assert sorted(set(NAMES) - set(RECORDED)) == [], \
        'run tests/conformance/record.py against the Senlin anchor'
    assert len(NAMES) == len(set(NAMES))


def test_every_route_is_covered():
    """Each route of the reference has a valid request (Senlin answered below
    400) and five invalid ones in the recorded corpus."""
    valid, invalid = {}, {}
    for name, method, path, _body, _version in corpus.SETUP + corpus.CASES:
        route = corpus.route_of(method, path)
        if method == 'WAIT' or route is None or name not in RECORDED:
            continue
        counts = valid if (RECORDED[name]['status'] < 400 or
                           name in corpus.SENLIN_FAILED) else invalid
        counts[route] = counts.get(route, 0) + 1
    short = ['%s %s: %d valid, %d invalid' % (
        route + (valid.get(route, 0), invalid.get(route, 0)))
        for route in corpus.ROUTES
        if invalid.get(route, 0) < 5 or (
            valid.get(route, 0) < 1 and route not in corpus.NO_VALID)]
    assert not short, short


@pytest.mark.parametrize('name', NAMES)
def test_answer(answers, name):
    senlin, ours = RECORDED[name], answers[name]
    unexplained = [(aspect, s, o) for aspect, s, o in _differences(senlin, ours)
                   if not _explained(name, aspect, s, o)]
    assert not unexplained, (
        '%s: Senlin %s, clusterd %s; differences: %s' % (
            name, json.dumps(senlin), json.dumps(ours), unexplained))


def test_every_deliberate_difference_still_happens(answers):
    stale = []
    for pattern, aspect, theirs, mine, _why in DELIBERATE:
        hit = False
        for name in NAMES:
            if not fnmatch.fnmatchcase(name, pattern) or name not in RECORDED:
                continue
            for which, s, o in _differences(RECORDED[name], answers[name]):
                if which == aspect and (theirs is None or theirs == s) and \
                        (mine is None or mine == o):
                    hit = True
        if not hit:
            stale.append(pattern)
    assert not stale, 'entries of DELIBERATE that match no difference: %s' % stale
