"""The requests the conformance suite sends to Senlin 16 and to clusterd.

Every case is ``(name, method, path, body, version)``: sent in this order, as one
member user of one project (``X-User-Id``/``X-Project-Id`` headers, noauth on
both sides; :data:`OTHER_PROJECT` cases as a member of a second project,
:data:`ADMIN` cases as an admin of the first).  Servers go to a test cloud:
Senlin's own fake drivers on the anchor, the simulated OpenStack cloud in
clusterd's suite (both know flavor ``m1.tiny`` and image
``cirros-0.5.2-x86_64-disk``).  The first cases (:data:`SETUP`) create the objects
the others name: a profile ``cf-prof``, a scaling policy ``cf-pol`` and an empty
cluster ``cf-c1`` (0 nodes, at most 5).  Paths name objects by name, never by
generated id, so that one corpus fits both services; a body's string value
``{physical}`` (and the like) is an id captured from an earlier answer.  A body
given as ``str`` is sent as it is (malformed JSON).

:data:`ROUTES` lists the routes of ``shared/reference/senlin.md``;
``test_conformance.py`` checks that each has a valid request and five invalid
ones (in Senlin's recorded answers) in the corpus.

:func:`normalize` turns an answer into what is compared: the status, the error's
type and message (UUIDs replaced by ``<uuid>``), and the shape of a success body
(keys and JSON types, ``null`` matching any type).
"""

import re

LATEST = '1.14'

PROFILE_SPEC = {'type': 'os.nova.server', 'version': '1.0', 'properties': {
    'flavor': 'm1.tiny', 'image': 'cirros-0.5.2-x86_64-disk', 'name': 'cf',
    'networks': []}}
POLICY_SPEC = {'type': 'senlin.policy.scaling', 'version': '1.0', 'properties': {
    'event': 'CLUSTER_SCALE_OUT',
    'adjustment': {'type': 'CHANGE_IN_CAPACITY', 'number': 1, 'cooldown': 0}}}
DELETION_SPEC = {'type': 'senlin.policy.deletion', 'version': '1.1',
                 'properties': {'criteria': 'OLDEST_FIRST'}}

FAKE = 'fake'   # an identity that exists nowhere
FAKE_UUID = '9b4b7b36-1b8b-4d33-8f2f-9f7b2b8c0f11'


def case(name, method, path, body=None, version=LATEST):
    return (name, method, path, body, version)


# Objects the other cases name.  ``wait`` entries poll until the cluster is ACTIVE.
SETUP = [
    case('setup: profile', 'POST', '/profiles',
         {'profile': {'name': 'cf-prof', 'spec': PROFILE_SPEC, 'metadata': {}}}),
    case('setup: policy', 'POST', '/policies',
         {'policy': {'name': 'cf-pol', 'spec': POLICY_SPEC}}),
    case('setup: deletion policy', 'POST', '/policies',
         {'policy': {'name': 'cf-del', 'spec': DELETION_SPEC}}),
    case('setup: cluster', 'POST', '/clusters',
         {'cluster': {'name': 'cf-c1', 'profile_id': 'cf-prof', 'min_size': 0,
                      'max_size': 5, 'desired_capacity': 0}}),
]
WAIT_FOR = ['cf-c1']

CASES = []


def add(*cases):
    CASES.extend(cases)


# --- another project's objects: as if they did not exist -------------------------------
# These cases are sent as a member of a second project (see :func:`play`).
OTHER_PROJECT = set()


def other(*cases):
    OTHER_PROJECT.update(c[0] for c in cases)
    add(*cases)


# These cases are sent by an admin of the corpus's project.
ADMIN = set()


def admin(*cases):
    ADMIN.update(c[0] for c in cases)
    add(*cases)


other(
    case('other project: show cluster', 'GET', '/clusters/cf-c1'),
    case('other project: list clusters', 'GET', '/clusters'),
    case('other project: update cluster', 'PATCH', '/clusters/cf-c1',
         {'cluster': {'name': 'stolen'}}),
    case('other project: delete cluster', 'DELETE', '/clusters/cf-c1'),
    case('other project: cluster action', 'POST', '/clusters/cf-c1/actions',
         {'check': {}}),
    case('other project: bad body on the cluster', 'POST', '/clusters/cf-c1/actions',
         {'add_nodes': {'nodes': []}}),
    case('other project: cluster policies', 'GET', '/clusters/cf-c1/policies'),
    case('other project: show profile', 'GET', '/profiles/cf-prof'),
    case('other project: delete profile', 'DELETE', '/profiles/cf-prof'),
    case('other project: show policy', 'GET', '/policies/cf-pol'),
    case('other project: update policy', 'PATCH', '/policies/cf-pol',
         {'policy': {'name': 'stolen'}}),
    case('other project: cluster on its profile', 'POST', '/clusters',
         {'cluster': {'name': 'y', 'profile_id': 'cf-prof'}}),
    case('other project: node on its profile', 'POST', '/nodes',
         {'node': {'name': 'y', 'profile_id': 'cf-prof'}}),
    case('other project: receiver on its cluster', 'POST', '/receivers',
         {'receiver': {'name': 'y', 'type': 'webhook', 'cluster_id': 'cf-c1',
                       'action': 'CLUSTER_SCALE_OUT'}}),
    case('other project: attrs', 'GET', '/clusters/cf-c1/attrs/name'),
    case('other project: list profiles', 'GET', '/profiles'),
    case('other project: delete policy', 'DELETE', '/policies/cf-pol'),
    case('other project: cluster policy', 'GET', '/clusters/cf-c1/policies/cf-pol'),
    case('other project: notify', 'POST', '/receivers/cf-r0/notify', {}),
)

# --- versions, build info, services ---------------------------------------------------
add(
    case('build-info', 'GET', '/build-info'),
    case('build-info: bad version', 'GET', '/build-info', version='1.99'),
    case('build-info: malformed version', 'GET', '/build-info', version='bogus'),
    case('build-info: POST', 'POST', '/build-info', {}),
    case('services: member', 'GET', '/services'),
    case('services: old version', 'GET', '/services', version='1.6'),
)

# --- profile types ---------------------------------------------------------------------
add(
    case('profile-types: list', 'GET', '/profile-types'),
    case('profile-types: list 1.4', 'GET', '/profile-types', version='1.4'),
    case('profile-types: show', 'GET', '/profile-types/os.nova.server-1.0'),
    case('profile-types: show unknown', 'GET', '/profile-types/bogus-1.0'),
    case('profile-types: show without version', 'GET', '/profile-types/os.nova.server'),
    case('profile-types: ops', 'GET', '/profile-types/os.nova.server-1.0/ops'),
    case('profile-types: ops 1.3', 'GET', '/profile-types/os.nova.server-1.0/ops',
         version='1.3'),
    case('profile-types: ops unknown', 'GET', '/profile-types/bogus-1.0/ops'),
    case('profile-types: list with param', 'GET', '/profile-types?bogus=1'),
)

# --- policy types ----------------------------------------------------------------------
add(
    case('policy-types: list', 'GET', '/policy-types'),
    case('policy-types: show', 'GET', '/policy-types/senlin.policy.scaling-1.0'),
    case('policy-types: show unknown', 'GET', '/policy-types/bogus-1.0'),
    case('policy-types: show without version', 'GET',
         '/policy-types/senlin.policy.scaling'),
    case('policy-types: list 1.4', 'GET', '/policy-types', version='1.4'),
    case('policy-types: DELETE', 'DELETE', '/policy-types/senlin.policy.scaling-1.0'),
)

# --- profiles --------------------------------------------------------------------------
add(
    case('profiles: list', 'GET', '/profiles'),
    case('profiles: list bogus param', 'GET', '/profiles?bogus=foo'),
    case('profiles: list bad limit', 'GET', '/profiles?limit=not-int'),
    case('profiles: list negative limit', 'GET', '/profiles?limit=-1'),
    case('profiles: list bad sort key', 'GET', '/profiles?sort=bad-sort'),
    case('profiles: list bad sort dir', 'GET', '/profiles?sort=name:up'),
    case('profiles: list bad marker', 'GET', '/profiles?marker=not-a-uuid'),
    case('profiles: list unknown marker', 'GET', '/profiles?marker=' + FAKE_UUID),
    case('profiles: list global_project not bool', 'GET',
         '/profiles?global_project=maybe'),
    case('profiles: list global_project as member', 'GET',
         '/profiles?global_project=true'),
    case('profiles: show', 'GET', '/profiles/cf-prof'),
    case('profiles: show unknown', 'GET', '/profiles/' + FAKE),
    case('profiles: create no body key', 'POST', '/profiles', {'bogus': {}}),
    case('profiles: create empty body', 'POST', '/profiles', {}),
    case('profiles: create no name', 'POST', '/profiles',
         {'profile': {'spec': PROFILE_SPEC}}),
    case('profiles: create no spec', 'POST', '/profiles', {'profile': {'name': 'x'}}),
    case('profiles: create unknown key', 'POST', '/profiles',
         {'profile': {'name': 'x', 'spec': PROFILE_SPEC, 'bogus': 1}}),
    case('profiles: create bad name', 'POST', '/profiles',
         {'profile': {'name': 'bad name!', 'spec': PROFILE_SPEC}}),
    case('profiles: create unknown type', 'POST', '/profiles',
         {'profile': {'name': 'x', 'spec': dict(PROFILE_SPEC, type='bogus')}}),
    case('profiles: create unknown spec item', 'POST', '/profiles',
         {'profile': {'name': 'x', 'spec': dict(PROFILE_SPEC, properties=dict(
             PROFILE_SPEC['properties'], bogus='x'))}}),
    case('profiles: create spec not a map', 'POST', '/profiles',
         {'profile': {'name': 'x', 'spec': 'not-a-map'}}),
    case('profiles: create malformed JSON', 'POST', '/profiles', '{"profile": '),
    case('profiles: create metadata not a map', 'POST', '/profiles',
         {'profile': {'name': 'x', 'spec': PROFILE_SPEC, 'metadata': 'm'}}),
    case('profiles: update nothing', 'PATCH', '/profiles/cf-prof', {'profile': {}}),
    case('profiles: update no key', 'PATCH', '/profiles/cf-prof', {'bogus': {}}),
    case('profiles: update unknown key', 'PATCH', '/profiles/cf-prof',
         {'profile': {'bogus': 1}}),
    case('profiles: update spec', 'PATCH', '/profiles/cf-prof',
         {'profile': {'spec': PROFILE_SPEC}}),
    case('profiles: update unknown', 'PATCH', '/profiles/' + FAKE,
         {'profile': {'name': 'y'}}),
    case('profiles: update bad name', 'PATCH', '/profiles/cf-prof',
         {'profile': {'name': 'bad name!'}}),
    case('profiles: update metadata', 'PATCH', '/profiles/cf-prof',
         {'profile': {'metadata': {'k': 'v'}}}),
    case('profiles: delete unknown', 'DELETE', '/profiles/' + FAKE),
    case('profiles: delete in use', 'DELETE', '/profiles/cf-prof'),
    case('profiles: validate 1.1', 'POST', '/profiles/validate',
         {'profile': {'spec': PROFILE_SPEC}}, version='1.1'),
    case('profiles: validate no key', 'POST', '/profiles/validate', {'bogus': {}}),
    case('profiles: validate no spec', 'POST', '/profiles/validate', {'profile': {}}),
    case('profiles: validate unknown key', 'POST', '/profiles/validate',
         {'profile': {'spec': PROFILE_SPEC, 'name': 'x'}}),
    case('profiles: validate unknown type', 'POST', '/profiles/validate',
         {'profile': {'spec': dict(PROFILE_SPEC, type='bogus')}}),
    case('profiles: validate unknown spec item', 'POST', '/profiles/validate',
         {'profile': {'spec': dict(PROFILE_SPEC, properties=dict(
             PROFILE_SPEC['properties'], bogus='x'))}}),
)

# --- policies --------------------------------------------------------------------------
add(
    case('policies: list', 'GET', '/policies'),
    case('policies: list bogus param', 'GET', '/policies?bogus=foo'),
    case('policies: list bad limit', 'GET', '/policies?limit=not-int'),
    case('policies: list bad sort key', 'GET', '/policies?sort=bad-sort'),
    case('policies: list bad marker', 'GET', '/policies?marker=not-a-uuid'),
    case('policies: list bad type', 'GET', '/policies?type=bogus'),
    case('policies: show', 'GET', '/policies/cf-pol'),
    case('policies: show unknown', 'GET', '/policies/' + FAKE),
    case('policies: create no key', 'POST', '/policies', {'bogus': {}}),
    case('policies: create no name', 'POST', '/policies',
         {'policy': {'spec': POLICY_SPEC}}),
    case('policies: create no spec', 'POST', '/policies', {'policy': {'name': 'x'}}),
    case('policies: create unknown key', 'POST', '/policies',
         {'policy': {'name': 'x', 'spec': POLICY_SPEC, 'bogus': 1}}),
    case('policies: create unknown type', 'POST', '/policies',
         {'policy': {'name': 'x', 'spec': dict(POLICY_SPEC, type='bogus')}}),
    case('policies: create unknown spec item', 'POST', '/policies',
         {'policy': {'name': 'x', 'spec': dict(POLICY_SPEC, properties=dict(
             POLICY_SPEC['properties'], bogus='x'))}}),
    case('policies: create bad event', 'POST', '/policies',
         {'policy': {'name': 'x', 'spec': dict(POLICY_SPEC, properties=dict(
             POLICY_SPEC['properties'], event='BOGUS'))}}),
    case('policies: update nothing', 'PATCH', '/policies/cf-pol', {'policy': {}}),
    case('policies: update spec', 'PATCH', '/policies/cf-pol',
         {'policy': {'spec': POLICY_SPEC}}),
    case('policies: update unknown', 'PATCH', '/policies/' + FAKE,
         {'policy': {'name': 'y'}}),
    case('policies: update no key', 'PATCH', '/policies/cf-pol', {'bogus': {}}),
    case('policies: delete unknown', 'DELETE', '/policies/' + FAKE),
    case('policies: validate 1.1', 'POST', '/policies/validate',
         {'policy': {'spec': POLICY_SPEC}}, version='1.1'),
    case('policies: validate', 'POST', '/policies/validate',
         {'policy': {'spec': POLICY_SPEC}}),
    case('policies: validate no key', 'POST', '/policies/validate', {'bogus': {}}),
    case('policies: validate no spec', 'POST', '/policies/validate', {'policy': {}}),
    case('policies: validate unknown spec item', 'POST', '/policies/validate',
         {'policy': {'spec': dict(POLICY_SPEC, properties=dict(
             POLICY_SPEC['properties'], bogus='x'))}}),
)

# --- clusters --------------------------------------------------------------------------
add(
    case('clusters: list', 'GET', '/clusters'),
    case('clusters: list bogus param', 'GET', '/clusters?bogus=foo'),
    case('clusters: list bad status', 'GET', '/clusters?status=bad-status'),
    case('clusters: list bad status literal list', 'GET',
         "/clusters?status=%5B%27bad-status%27%5D"),
    case('clusters: list bad limit', 'GET', '/clusters?limit=not-int'),
    case('clusters: list bad sort key', 'GET', '/clusters?sort=bad-sort'),
    case('clusters: list bad marker', 'GET', '/clusters?marker=not-a-uuid'),
    case('clusters: list global_project as member', 'GET',
         '/clusters?global_project=true'),
    case('clusters: show', 'GET', '/clusters/cf-c1'),
    case('clusters: show unknown', 'GET', '/clusters/' + FAKE),
    case('clusters: create no key', 'POST', '/clusters', {'bogus': {}}),
    case('clusters: create no name', 'POST', '/clusters',
         {'cluster': {'profile_id': 'cf-prof'}}),
    case('clusters: create no profile', 'POST', '/clusters',
         {'cluster': {'name': 'x'}}),
    case('clusters: create unknown profile', 'POST', '/clusters',
         {'cluster': {'name': 'x', 'profile_id': FAKE}}),
    case('clusters: create unknown key', 'POST', '/clusters',
         {'cluster': {'name': 'x', 'profile_id': 'cf-prof', 'bogus': 1}}),
    case('clusters: create min over max', 'POST', '/clusters',
         {'cluster': {'name': 'x', 'profile_id': 'cf-prof', 'min_size': 3,
                      'max_size': 2}}),
    case('clusters: create desired over max', 'POST', '/clusters',
         {'cluster': {'name': 'x', 'profile_id': 'cf-prof', 'desired_capacity': 3,
                      'max_size': 2}}),
    case('clusters: create desired under min', 'POST', '/clusters',
         {'cluster': {'name': 'x', 'profile_id': 'cf-prof', 'desired_capacity': 1,
                      'min_size': 2}}),
    case('clusters: create negative min', 'POST', '/clusters',
         {'cluster': {'name': 'x', 'profile_id': 'cf-prof', 'min_size': -1}}),
    case('clusters: create bad desired', 'POST', '/clusters',
         {'cluster': {'name': 'x', 'profile_id': 'cf-prof',
                      'desired_capacity': 'bad'}}),
    case('clusters: create bad timeout', 'POST', '/clusters',
         {'cluster': {'name': 'x', 'profile_id': 'cf-prof', 'timeout': 'bad'}}),
    case('clusters: create bad name', 'POST', '/clusters',
         {'cluster': {'name': 'bad name!', 'profile_id': 'cf-prof'}}),
    case('clusters: create config at 1.6', 'POST', '/clusters',
         {'cluster': {'name': 'x', 'profile_id': 'cf-prof', 'config': {}}},
         version='1.6'),
    case('clusters: update unknown', 'PATCH', '/clusters/' + FAKE,
         {'cluster': {'name': 'y'}}),
    case('clusters: update no key', 'PATCH', '/clusters/cf-c1', {'bogus': {}}),
    case('clusters: update unknown key', 'PATCH', '/clusters/cf-c1',
         {'cluster': {'bogus': 1}}),
    case('clusters: update unknown profile', 'PATCH', '/clusters/cf-c1',
         {'cluster': {'profile_id': FAKE}}),
    case('clusters: update bad timeout', 'PATCH', '/clusters/cf-c1',
         {'cluster': {'timeout': 'bad'}}),
    case('clusters: update profile_only at 1.5', 'PATCH', '/clusters/cf-c1',
         {'cluster': {'profile_only': True}}, version='1.5'),
    case('clusters: delete unknown', 'DELETE', '/clusters/' + FAKE),
    case('clusters: attrs', 'GET', '/clusters/cf-c1/attrs/details'),
    case('clusters: attrs 1.1', 'GET', '/clusters/cf-c1/attrs/details', version='1.1'),
    case('clusters: attrs unknown cluster', 'GET', '/clusters/fake/attrs/name'),
    case('clusters: ops unknown cluster', 'POST', '/clusters/fake/ops',
         {'reboot': {}}),
    case('clusters: ops 1.3', 'POST', '/clusters/cf-c1/ops', {'reboot': {}},
         version='1.3'),
    case('clusters: ops no operation', 'POST', '/clusters/cf-c1/ops', {}),
    case('clusters: ops two operations', 'POST', '/clusters/cf-c1/ops',
         {'reboot': {}, 'rebuild': {}}),
    case('clusters: ops unknown operation', 'POST', '/clusters/cf-c1/ops',
         {'bogus': {}}),
    case('clusters: ops no node', 'POST', '/clusters/cf-c1/ops', {'reboot': {}}),
)

# --- cluster actions: the body is checked before the cluster is looked up ----------------
_ACTIONS = '/clusters/%s/actions'
for _target in ('fake', 'cf-c1'):
    _p = _ACTIONS % _target
    _t = ' (%s)' % _target
    add(
        case('actions: none' + _t, 'POST', _p, {}),
        case('actions: two' + _t, 'POST', _p, {'resize': {}, 'check': {}}),
        case('actions: unknown' + _t, 'POST', _p, {'bogus': {}}),
        case('actions: data not a map' + _t, 'POST', _p, {'check': [1]}),
        case('add_nodes: empty list' + _t, 'POST', _p, {'add_nodes': {'nodes': []}}),
        case('add_nodes: no nodes' + _t, 'POST', _p, {'add_nodes': {}}),
        case('add_nodes: duplicates' + _t, 'POST', _p,
             {'add_nodes': {'nodes': ['n1', 'n1']}}),
        case('add_nodes: not a list' + _t, 'POST', _p,
             {'add_nodes': {'nodes': 'n1'}}),
        case('add_nodes: unknown key' + _t, 'POST', _p,
             {'add_nodes': {'nodes': ['n1'], 'bogus': 1}}),
        case('add_nodes: unknown node' + _t, 'POST', _p,
             {'add_nodes': {'nodes': ['no-such-node']}}),
        case('del_nodes: empty list' + _t, 'POST', _p, {'del_nodes': {'nodes': []}}),
        case('del_nodes: duplicates' + _t, 'POST', _p,
             {'del_nodes': {'nodes': ['n1', 'n1']}}),
        case('del_nodes: destroy not bool' + _t, 'POST', _p,
             {'del_nodes': {'nodes': ['n1'], 'destroy_after_deletion': 'not-bool'}}),
        case('del_nodes: unknown node' + _t, 'POST', _p,
             {'del_nodes': {'nodes': ['no-such-node']}}),
        case('resize: min over max' + _t, 'POST', _p,
             {'resize': {'min_size': 20, 'max_size': 10}}),
        case('resize: missing number' + _t, 'POST', _p,
             {'resize': {'adjustment_type': 'CHANGE_IN_CAPACITY'}}),
        case('resize: bad number' + _t, 'POST', _p,
             {'resize': {'adjustment_type': 'CHANGE_IN_CAPACITY',
                         'number': 'bad'}}),
        case('resize: missing adjustment_type' + _t, 'POST', _p,
             {'resize': {'number': 1}}),
        case('resize: bad adjustment_type' + _t, 'POST', _p,
             {'resize': {'adjustment_type': 'bogus', 'number': 1}}),
        case('resize: negative exact' + _t, 'POST', _p,
             {'resize': {'adjustment_type': 'EXACT_CAPACITY', 'number': -1}}),
        case('resize: bad strict' + _t, 'POST', _p,
             {'resize': {'adjustment_type': 'EXACT_CAPACITY', 'number': 1,
                         'strict': 'not-bool'}}),
        case('resize: bad min_step' + _t, 'POST', _p,
             {'resize': {'adjustment_type': 'CHANGE_IN_PERCENTAGE', 'number': 10,
                         'min_step': 'bad'}}),
        case('resize: nothing' + _t, 'POST', _p, {'resize': {}}),
        case('resize: unknown key' + _t, 'POST', _p, {'resize': {'bogus': 1}}),
        case('scale_out: bad count' + _t, 'POST', _p,
             {'scale_out': {'count': 'bad-count'}}),
        case('scale_in: bad count' + _t, 'POST', _p,
             {'scale_in': {'count': 'bad-count'}}),
        case('scale_out: negative count' + _t, 'POST', _p,
             {'scale_out': {'count': -1}}),
        case('scale_in: zero count' + _t, 'POST', _p, {'scale_in': {'count': 0}}),
        case('replace_nodes: duplicated values' + _t, 'POST', _p,
             {'replace_nodes': {'nodes': {'n1': 'n3', 'n2': 'n3'}}}),
        case('replace_nodes: empty map' + _t, 'POST', _p,
             {'replace_nodes': {'nodes': {}}}),
        case('replace_nodes: no nodes' + _t, 'POST', _p, {'replace_nodes': {}}),
        case('replace_nodes: not a map' + _t, 'POST', _p,
             {'replace_nodes': {'nodes': []}}),
        case('replace_nodes: null value' + _t, 'POST', _p,
             {'replace_nodes': {'nodes': {'old_node': None}}}),
        case('replace_nodes: 1.2' + _t, 'POST', _p,
             {'replace_nodes': {'nodes': {'a': 'b'}}}, version='1.2'),
        case('policy_attach: enabled not bool' + _t, 'POST', _p,
             {'policy_attach': {'policy_id': 'cf-pol', 'enabled': 'not-bool'}}),
        case('policy_attach: no policy' + _t, 'POST', _p, {'policy_attach': {}}),
        case('policy_attach: unknown policy' + _t, 'POST', _p,
             {'policy_attach': {'policy_id': FAKE}}),
        case('policy_update: enabled not bool' + _t, 'POST', _p,
             {'policy_update': {'policy_id': 'cf-pol', 'enabled': 'not-bool'}}),
        case('policy_update: not attached' + _t, 'POST', _p,
             {'policy_update': {'policy_id': 'cf-pol', 'enabled': False}}),
        case('policy_detach: no policy' + _t, 'POST', _p, {'policy_detach': {}}),
        case('policy_detach: not attached' + _t, 'POST', _p,
             {'policy_detach': {'policy_id': 'cf-pol'}}),
        case('recover: bad operation' + _t, 'POST', _p,
             {'recover': {'operation': 'bogus'}}),
        case('recover: unknown key' + _t, 'POST', _p, {'recover': {'bogus': 1}}),
        case('complete_lifecycle: 1.8' + _t, 'POST', _p,
             {'complete_lifecycle': {'lifecycle_action_token': FAKE_UUID}},
             version='1.8'),
        case('complete_lifecycle: no token' + _t, 'POST', _p,
             {'complete_lifecycle': {}}),
    )

# NOTE: Senlin runs a scale-out whose body has an unknown key (it drops the key),
# clusterd refuses it: on the real cluster the two would then differ in size.
add(case('scale_out: unknown key (fake)', 'POST', _ACTIONS % 'fake',
         {'scale_out': {'bogus': 1}}))

# --- cluster policies ------------------------------------------------------------------
add(
    case('cluster policies: list', 'GET', '/clusters/cf-c1/policies'),
    case('cluster policies: list unknown cluster', 'GET', '/clusters/fake/policies'),
    case('cluster policies: list bogus param', 'GET',
         '/clusters/cf-c1/policies?bogus=1'),
    case('cluster policies: list bad sort', 'GET',
         '/clusters/cf-c1/policies?sort=bad-sort'),
    case('cluster policies: list bad enabled', 'GET',
         '/clusters/cf-c1/policies?enabled=maybe'),
    case('cluster policies: show not attached', 'GET',
         '/clusters/cf-c1/policies/cf-pol'),
    case('cluster policies: show unknown policy', 'GET',
         '/clusters/cf-c1/policies/fake'),
    case('cluster policies: show unknown cluster', 'GET',
         '/clusters/fake/policies/cf-pol'),
)

# --- nodes -----------------------------------------------------------------------------
add(
    case('nodes: list', 'GET', '/nodes'),
    case('nodes: list bogus param', 'GET', '/nodes?bogus=foo'),
    case('nodes: list bad status', 'GET', '/nodes?status=bad-status'),
    case('nodes: list bad limit', 'GET', '/nodes?limit=not-int'),
    case('nodes: list bad sort', 'GET', '/nodes?sort=bad-sort'),
    case('nodes: list unknown cluster', 'GET', '/nodes?cluster_id=fake'),
    case('nodes: show unknown', 'GET', '/nodes/' + FAKE),
    case('nodes: create no key', 'POST', '/nodes', {'bogus': {}}),
    case('nodes: create no name', 'POST', '/nodes', {'node': {'profile_id': 'cf-prof'}}),
    case('nodes: create no profile', 'POST', '/nodes', {'node': {'name': 'x'}}),
    case('nodes: create unknown profile', 'POST', '/nodes',
         {'node': {'name': 'x', 'profile_id': FAKE}}),
    case('nodes: create unknown cluster', 'POST', '/nodes',
         {'node': {'name': 'x', 'profile_id': 'cf-prof', 'cluster_id': FAKE}}),
    case('nodes: create unknown key', 'POST', '/nodes',
         {'node': {'name': 'x', 'profile_id': 'cf-prof', 'bogus': 1}}),
    case('nodes: create bad name', 'POST', '/nodes',
         {'node': {'name': 'bad name!', 'profile_id': 'cf-prof'}}),
    case('nodes: update unknown', 'PATCH', '/nodes/' + FAKE, {'node': {'name': 'y'}}),
    case('nodes: delete unknown', 'DELETE', '/nodes/' + FAKE),
    case('nodes: action unknown node', 'POST', '/nodes/fake/actions', {'check': {}}),
    case('nodes: action none', 'POST', '/nodes/fake/actions', {}),
    case('nodes: ops unknown node', 'POST', '/nodes/fake/ops', {'reboot': {}}),
    case('nodes: ops 1.3', 'POST', '/nodes/fake/ops', {'reboot': {}}, version='1.3'),
    case('nodes: adopt 1.6', 'POST', '/nodes/adopt',
         {'identity': FAKE, 'type': 'os.nova.server-1.0'}, version='1.6'),
    case('nodes: adopt no identity', 'POST', '/nodes/adopt',
         {'type': 'os.nova.server-1.0'}),
    case('nodes: adopt no type', 'POST', '/nodes/adopt', {'identity': FAKE}),
    case('nodes: adopt unknown key', 'POST', '/nodes/adopt',
         {'identity': FAKE, 'type': 'os.nova.server-1.0', 'bogus': 1}),
    case('nodes: adopt-preview no identity', 'POST', '/nodes/adopt-preview',
         {'type': 'os.nova.server-1.0'}),
    case('nodes: adopt-preview 1.6', 'POST', '/nodes/adopt-preview',
         {'identity': FAKE, 'type': 'os.nova.server-1.0'}, version='1.6'),
)

# --- actions ---------------------------------------------------------------------------
add(
    case('actions: list', 'GET', '/actions'),
    case('actions: list bogus param', 'GET', '/actions?bogus=foo'),
    case('actions: list bad status', 'GET', '/actions?status=bad-status'),
    case('actions: list bad limit', 'GET', '/actions?limit=not-int'),
    case('actions: list bad sort', 'GET', '/actions?sort=bad-sort'),
    case('actions: list bad marker', 'GET', '/actions?marker=not-a-uuid'),
    case('actions: show unknown', 'GET', '/actions/' + FAKE),
    case('actions: update 1.11', 'PATCH', '/actions/' + FAKE,
         {'action': {'status': 'CANCELLED'}}, version='1.11'),
    case('actions: update unknown', 'PATCH', '/actions/' + FAKE,
         {'action': {'status': 'CANCELLED'}}),
)

# --- receivers -------------------------------------------------------------------------
add(
    case('receivers: list', 'GET', '/receivers'),
    case('receivers: list bogus param', 'GET', '/receivers?bogus=foo'),
    case('receivers: list bad type', 'GET', '/receivers?type=bogus'),
    case('receivers: list bad action', 'GET', '/receivers?action=bogus'),
    case('receivers: list bad limit', 'GET', '/receivers?limit=not-int'),
    case('receivers: list bad sort', 'GET', '/receivers?sort=bad-sort'),
    case('receivers: show unknown', 'GET', '/receivers/' + FAKE),
    case('receivers: create no key', 'POST', '/receivers', {'bogus': {}}),
    case('receivers: create no name', 'POST', '/receivers',
         {'receiver': {'type': 'webhook', 'cluster_id': 'cf-c1',
                       'action': 'CLUSTER_SCALE_OUT'}}),
    case('receivers: create bad type', 'POST', '/receivers',
         {'receiver': {'name': 'r', 'type': 'bogus', 'cluster_id': 'cf-c1',
                       'action': 'CLUSTER_SCALE_OUT'}}),
    case('receivers: create webhook no cluster', 'POST', '/receivers',
         {'receiver': {'name': 'r', 'type': 'webhook',
                       'action': 'CLUSTER_SCALE_OUT'}}),
    case('receivers: create webhook no action', 'POST', '/receivers',
         {'receiver': {'name': 'r', 'type': 'webhook', 'cluster_id': 'cf-c1'}}),
    case('receivers: create unknown cluster', 'POST', '/receivers',
         {'receiver': {'name': 'r', 'type': 'webhook', 'cluster_id': FAKE,
                       'action': 'CLUSTER_SCALE_OUT'}}),
    case('receivers: create bad action', 'POST', '/receivers',
         {'receiver': {'name': 'r', 'type': 'webhook', 'cluster_id': 'cf-c1',
                       'action': 'BOGUS'}}),
    case('receivers: create unknown key', 'POST', '/receivers',
         {'receiver': {'name': 'r', 'type': 'webhook', 'cluster_id': 'cf-c1',
                       'action': 'CLUSTER_SCALE_OUT', 'bogus': 1}}),
    case('receivers: update unknown', 'PATCH', '/receivers/' + FAKE,
         {'receiver': {'name': 'y'}}),
    case('receivers: update 1.6', 'PATCH', '/receivers/' + FAKE,
         {'receiver': {'name': 'y'}}, version='1.6'),
    case('receivers: delete unknown', 'DELETE', '/receivers/' + FAKE),
    case('receivers: notify unknown', 'POST', '/receivers/%s/notify' % FAKE, {}),
    case('webhooks: trigger unknown', 'POST', '/webhooks/%s/trigger?V=2' % FAKE_UUID,
         {}),
)

# --- events ----------------------------------------------------------------------------
add(
    case('events: list', 'GET', '/events'),
    case('events: list bogus param', 'GET', '/events?bogus=foo'),
    case('events: list bad level', 'GET', '/events?level=bogus'),
    case('events: list bad action', 'GET', '/events?action=bogus'),
    case('events: list bad limit', 'GET', '/events?limit=not-int'),
    case('events: list bad sort', 'GET', '/events?sort=bad-sort'),
    case('events: list bad marker', 'GET', '/events?marker=not-a-uuid'),
    case('events: show unknown', 'GET', '/events/' + FAKE),
)

# --- every object route: unknown ids, versions, methods, sub-paths ----------------------
for _kind, _known in (('clusters', 'cf-c1'), ('profiles', 'cf-prof'),
                      ('policies', 'cf-pol'), ('nodes', None), ('receivers', None),
                      ('actions', None), ('events', None),
                      ('profile-types', 'os.nova.server-1.0'),
                      ('policy-types', 'senlin.policy.scaling-1.0')):
    _base = '/%s/' % _kind
    add(
        case('%s: show unknown uuid' % _kind, 'GET', _base + FAKE_UUID),
        case('%s: show short id' % _kind, 'GET', _base + 'ffffffff'),
        case('%s: show bad version' % _kind, 'GET', _base + (_known or FAKE),
             version='1.99'),
        case('%s: show unknown sub-path' % _kind, 'GET',
             _base + (_known or FAKE) + '/bogus'),
        case('%s: PUT' % _kind, 'PUT', _base + (_known or FAKE), {}),
        case('%s: list bad version' % _kind, 'GET', '/' + _kind, version='1.99'),
    )
    if _kind not in ('events', 'profile-types', 'policy-types', 'actions'):
        add(case('%s: delete unknown uuid' % _kind, 'DELETE', _base + FAKE_UUID),
            case('%s: delete bad version' % _kind, 'DELETE', _base + FAKE_UUID,
                 version='1.99'))
add(
    case('root: version', 'GET', '/'),
    case('root: POST', 'POST', '/', {}),
    case('root: bad version', 'GET', '/', version='1.99'),
    case('build-info: latest', 'GET', '/build-info', version='latest'),
    case('clusters: attrs bad path', 'GET', '/clusters/cf-c1/attrs/%5B'),
    case('clusters: attrs bad version', 'GET', '/clusters/cf-c1/attrs/name',
         version='1.99'),
    case('cluster policies: show bad version', 'GET',
         '/clusters/cf-c1/policies/cf-pol', version='1.99'),
    case('profile-types: ops bad version', 'GET',
         '/profile-types/os.nova.server-1.0/ops', version='1.99'),
    case('profile-types: ops POST', 'POST', '/profile-types/os.nova.server-1.0/ops',
         {}),
    case('policies: validate unknown type', 'POST', '/policies/validate',
         {'policy': {'spec': dict(POLICY_SPEC, type='bogus')}}),
    case('policies: validate unknown key', 'POST', '/policies/validate',
         {'policy': {'spec': POLICY_SPEC, 'name': 'x'}}),
    case('receivers: notify GET', 'GET', '/receivers/%s/notify' % FAKE_UUID),
    case('receivers: delete short id', 'DELETE', '/receivers/ffffffff'),
    case('nodes: delete short id', 'DELETE', '/nodes/ffffffff'),
    case('services: bogus param', 'GET', '/services?bogus=1'),
    case('services: bad version', 'GET', '/services', version='1.99'),
    case('services: POST', 'POST', '/services', {}),
    case('build-info: PUT', 'PUT', '/build-info', {}),
    case('build-info: bogus param', 'GET', '/build-info?bogus=1'),
    case('webhooks: trigger without V', 'POST', '/webhooks/%s/trigger' % FAKE_UUID,
         {}),
    case('webhooks: trigger not a uuid', 'POST', '/webhooks/fake/trigger?V=2', {}),
    case('webhooks: trigger bad version', 'POST',
         '/webhooks/%s/trigger?V=2' % FAKE_UUID, {}, version='1.99'),
    case('receivers: notify unknown uuid', 'POST', '/receivers/%s/notify' % FAKE_UUID,
         {}),
    case('nodes: adopt-preview no type', 'POST', '/nodes/adopt-preview',
         {'identity': FAKE}),
    case('nodes: adopt-preview unknown key', 'POST', '/nodes/adopt-preview',
         {'identity': FAKE, 'type': 'os.nova.server-1.0', 'bogus': 1}),
    case('nodes: adopt-preview unknown type', 'POST', '/nodes/adopt-preview',
         {'identity': FAKE, 'type': 'bogus-1.0'}),
    case('nodes: adopt-preview snapshot not bool', 'POST', '/nodes/adopt-preview',
         {'identity': FAKE, 'type': 'os.nova.server-1.0', 'snapshot': 'maybe'}),
    case('nodes: adopt unknown type', 'POST', '/nodes/adopt',
         {'identity': FAKE, 'type': 'bogus-1.0'}),
    case('nodes: adopt bad name', 'POST', '/nodes/adopt',
         {'identity': FAKE, 'type': 'os.nova.server-1.0', 'name': 'bad name!'}),
    case('clusters: create malformed JSON', 'POST', '/clusters', '{"cluster": '),
    case('clusters: create body not an object', 'POST', '/clusters', [1]),
    case('clusters: create max under -1', 'POST', '/clusters',
         {'cluster': {'name': 'x', 'profile_id': 'cf-prof', 'max_size': -2}}),
    case('clusters: create metadata not a map', 'POST', '/clusters',
         {'cluster': {'name': 'x', 'profile_id': 'cf-prof', 'metadata': 'm'}}),
    case('clusters: delete force not bool', 'DELETE', '/clusters/' + FAKE_UUID,
         {'force': 'maybe'}),
    case('policies: create malformed JSON', 'POST', '/policies', '{"policy": '),
    case('policies: create bad name', 'POST', '/policies',
         {'policy': {'name': 'bad name!', 'spec': POLICY_SPEC}}),
    case('receivers: create malformed JSON', 'POST', '/receivers', '{'),
    case('nodes: create malformed JSON', 'POST', '/nodes', '{'),
    case('actions: list bad action', 'GET', '/actions?action=bogus'),
    case('actions: list bogus target', 'GET', '/actions?target=fake'),
    case('actions: update bad status', 'PATCH', '/actions/' + FAKE,
         {'action': {'status': 'BOGUS'}}),
    case('events: list bad otype', 'GET', '/events?otype=BOGUS'),
    case('events: list negative limit', 'GET', '/events?limit=-1'),
)

# --- keys and filters of later microversions, sent too early ---------------------------
_F = _ACTIONS % 'fake'
add(
    case('del_nodes: destroy at 1.3 (fake)', 'POST', _F,
         {'del_nodes': {'nodes': ['n1'], 'destroy_after_deletion': True}},
         version='1.3'),
    case('recover: check at 1.5 (fake)', 'POST', _F, {'recover': {'check': True}},
         version='1.5'),
    case('clusters: update config at 1.6', 'PATCH', '/clusters/' + FAKE,
         {'cluster': {'config': {}}}, version='1.6'),
    case('clusters: delete force at 1.7', 'DELETE', '/clusters/' + FAKE_UUID,
         {'force': True}, version='1.7'),
    case('receivers: list by user at 1.3', 'GET', '/receivers?user=u', version='1.3'),
    case('receivers: list by user', 'GET', '/receivers?user=u'),
    case('receivers: update at 1.6', 'PATCH', '/receivers/' + FAKE_UUID,
         {'receiver': {'name': 'y'}}, version='1.6'),
    case('actions: update at 1.11 (uuid)', 'PATCH', '/actions/' + FAKE_UUID,
         {'action': {'status': 'CANCELLED'}}, version='1.11'),
    case('actions: list 1.0', 'GET', '/actions?limit=1', version='1.0'),
    case('profile-types: list 1.0', 'GET', '/profile-types', version='1.0'),
    case('policy-types: show 1.0', 'GET', '/policy-types/senlin.policy.scaling-1.0',
         version='1.0'),
)

# --- valid requests and what they make possible -----------------------------------------
# ``WAIT`` cases are not compared: they poll a GET until its text holds (or no
# longer holds) a string, so that both services have settled before the next case.
QUIET = '/actions?status=READY&status=RUNNING&status=WAITING'


def wait(name, path, text, present=True):
    return case('wait: ' + name, 'WAIT', path, {'text': text, 'present': present})


add(
    case('clusters: list by name', 'GET', '/clusters?name=cf-c1'),
    case('clusters: list by status', 'GET', '/clusters?status=ACTIVE&status=ERROR'),
    case('clusters: list sorted', 'GET', '/clusters?sort=name:desc,created_at&limit=1'),
    case('clusters: list bad sort dir', 'GET', '/clusters?sort=name:up'),
    case('clusters: list negative limit', 'GET', '/clusters?limit=-1'),
    case('clusters: list global_project not bool', 'GET',
         '/clusters?global_project=maybe'),
    case('clusters: attrs of no node', 'GET', '/clusters/cf-c1/attrs/name'),
    case('profiles: list by name', 'GET', '/profiles?name=cf-prof'),
    case('profiles: list by type', 'GET', '/profiles?type=os.nova.server-1.0'),
    case('profiles: list sorted', 'GET', '/profiles?sort=name:desc&limit=5'),
    case('profiles: rename', 'PATCH', '/profiles/cf-prof',
         {'profile': {'name': 'cf-prof2'}}),
    case('profiles: rename back', 'PATCH', '/profiles/cf-prof2',
         {'profile': {'name': 'cf-prof'}}),
    case('policies: list by name', 'GET', '/policies?name=cf-pol'),
    case('policies: list sorted', 'GET', '/policies?sort=name:desc'),
    case('policies: rename', 'PATCH', '/policies/cf-pol',
         {'policy': {'name': 'cf-pol2'}}),
    case('policies: rename back', 'PATCH', '/policies/cf-pol2',
         {'policy': {'name': 'cf-pol'}}),
    case('policies: update bad name', 'PATCH', '/policies/cf-pol',
         {'policy': {'name': 'bad name!'}}),
    case('nodes: list by status', 'GET', '/nodes?status=ACTIVE'),
    case('nodes: list of the cluster', 'GET', '/nodes?cluster_id=cf-c1'),
    case('actions: list by action', 'GET', '/actions?action=CLUSTER_CREATE'),
    case('actions: list by status', 'GET', '/actions?status=SUCCEEDED'),
    case('actions: list sorted', 'GET', '/actions?sort=name:desc&limit=2'),
    case('actions: update no key', 'PATCH', '/actions/' + FAKE, {'bogus': {}}),
    case('events: list by level', 'GET', '/events?level=INFO'),
    case('events: list by action', 'GET', '/events?action=CLUSTER_CREATE'),
    case('events: list by otype', 'GET', '/events?otype=CLUSTER'),
    case('events: list sorted', 'GET', '/events?sort=timestamp:desc&limit=2'),
    case('events: show', 'GET', '/events/{event}'),
    case('events: show by short id', 'GET', '/events/{event8}'),
    case('clusters: show by id', 'GET', '/clusters/{cluster}'),
    case('clusters: show by short id', 'GET', '/clusters/{cluster8}'),
    case('profiles: create to delete', 'POST', '/profiles',
         {'profile': {'name': 'cf-tmp', 'spec': PROFILE_SPEC}}),
    case('profiles: delete', 'DELETE', '/profiles/cf-tmp'),
    case('policies: create to delete', 'POST', '/policies',
         {'policy': {'name': 'cf-tmp', 'spec': POLICY_SPEC}}),
    case('policies: delete', 'DELETE', '/policies/cf-tmp'),
)

# Receivers: one webhook on the cluster.
add(
    case('receivers: create', 'POST', '/receivers',
         {'receiver': {'name': 'cf-r1', 'type': 'webhook', 'cluster_id': 'cf-c1',
                       'action': 'CLUSTER_SCALE_OUT', 'params': {'count': '1'}}}),
    case('receivers: show', 'GET', '/receivers/cf-r1'),
    case('receivers: list by name', 'GET', '/receivers?name=cf-r1'),
    case('receivers: list by type', 'GET', '/receivers?type=webhook'),
    case('receivers: list by action', 'GET', '/receivers?action=CLUSTER_SCALE_OUT'),
    case('receivers: update params', 'PATCH', '/receivers/cf-r1',
         {'receiver': {'params': {'count': '2'}}}),
    case('receivers: update no key', 'PATCH', '/receivers/cf-r1', {'bogus': {}}),
    case('receivers: update unknown key', 'PATCH', '/receivers/cf-r1',
         {'receiver': {'bogus': 1}}),
    case('receivers: update bad action', 'PATCH', '/receivers/cf-r1',
         {'receiver': {'action': 'BOGUS'}}),
    case('receivers: update bad name', 'PATCH', '/receivers/cf-r1',
         {'receiver': {'name': 'bad name!'}}),
    case('receivers: create duplicate params', 'POST', '/receivers',
         {'receiver': {'name': 'r', 'type': 'webhook', 'cluster_id': 'cf-c1',
                       'action': 'CLUSTER_SCALE_OUT', 'params': 'not-a-map'}}),
    case('receivers: notify webhook', 'POST', '/receivers/cf-r1/notify', {}),
    case('receivers: delete', 'DELETE', '/receivers/cf-r1'),
    case('receivers: show deleted', 'GET', '/receivers/cf-r1'),
)

# A policy attached, shown, updated, detached.
add(
    case('policy_attach: deletion policy', 'POST', '/clusters/cf-c1/actions',
         {'policy_attach': {'policy_id': 'cf-del'}}),
    wait('attached', '/clusters/cf-c1/policies', 'cf-del'),
    wait('quiet after attach', QUIET, '"id"', present=False),
    case('cluster policies: show', 'GET', '/clusters/cf-c1/policies/cf-del'),
    case('cluster policies: list attached', 'GET', '/clusters/cf-c1/policies'),
    case('cluster policies: list enabled', 'GET',
         '/clusters/cf-c1/policies?enabled=true'),
    case('cluster policies: list by name', 'GET',
         '/clusters/cf-c1/policies?policy_name=cf-del'),
    case('cluster policies: list by type', 'GET',
         '/clusters/cf-c1/policies?policy_type=senlin.policy.deletion-1.1'),
    case('cluster policies: list sorted', 'GET',
         '/clusters/cf-c1/policies?sort=priority:desc'),
    case('policy_attach: again', 'POST', '/clusters/cf-c1/actions',
         {'policy_attach': {'policy_id': 'cf-del'}}),
    wait('quiet after attaching again', QUIET, '"id"', present=False),
    case('policies: delete attached', 'DELETE', '/policies/cf-del'),
    case('policy_update: disable', 'POST', '/clusters/cf-c1/actions',
         {'policy_update': {'policy_id': 'cf-del', 'enabled': False}}),
    wait('quiet after update', QUIET, '"id"', present=False),
    case('cluster policies: list disabled', 'GET',
         '/clusters/cf-c1/policies?enabled=false'),
    case('policy_detach: deletion policy', 'POST', '/clusters/cf-c1/actions',
         {'policy_detach': {'policy_id': 'cf-del'}}),
    wait('detached', '/clusters/cf-c1/policies', 'cf-del', present=False),
    wait('quiet after detach', QUIET, '"id"', present=False),
    case('clusters: check', 'POST', '/clusters/cf-c1/actions', {'check': {}}),
    wait('quiet after check', QUIET, '"id"', present=False),
    case('actions: show', 'GET', '/actions/{action}'),
    case('actions: show by short id', 'GET', '/actions/{action8}'),
    case('actions: show 1.13', 'GET', '/actions/{action}', version='1.13'),
    case('actions: cancel an ended one', 'PATCH', '/actions/{action}',
         {'action': {'status': 'CANCELLED'}}),
    case('actions: cancel force not bool', 'PATCH', '/actions/{action}?force=maybe',
         {'action': {'status': 'CANCELLED'}}),
    case('actions: update no status', 'PATCH', '/actions/{action}', {'action': {}}),
    case('clusters: resize to the same size', 'POST', '/clusters/cf-c1/actions',
         {'resize': {'adjustment_type': 'EXACT_CAPACITY', 'number': 0}}),
    wait('quiet after resize', QUIET, '"id"', present=False),
    case('clusters: resize limits', 'POST', '/clusters/cf-c1/actions',
         {'resize': {'min_size': 0, 'max_size': 4}}),
    wait('quiet after resize limits', QUIET, '"id"', present=False),
    case('resize: desired over max', 'POST', '/clusters/cf-c1/actions',
         {'resize': {'adjustment_type': 'EXACT_CAPACITY', 'number': 9}}),
    case('resize: max under desired', 'POST', '/clusters/cf-c1/actions',
         {'resize': {'max_size': -2}}),
    case('scale_in: below min', 'POST', '/clusters/cf-c1/actions',
         {'scale_in': {'count': 1}}),
    wait('quiet after scaling in', QUIET, '"id"', present=False),
    case('scale_out: over max', 'POST', '/clusters/cf-c1/actions',
         {'scale_out': {'count': 9}}),
    wait('quiet after scaling out', QUIET, '"id"', present=False),
    case('clusters: ops bad filter', 'POST', '/clusters/cf-c1/ops',
         {'reboot': {'filters': {'bogus': 1}}}),
    case('clusters: ops bad params', 'POST', '/clusters/cf-c1/ops',
         {'reboot': {'params': {'bogus': 1}}}),
)

# An orphan node.
_N = '/nodes/cf-n1'
add(
    case('nodes: create', 'POST', '/nodes',
         {'node': {'name': 'cf-n1', 'profile_id': 'cf-prof', 'role': 'db',
                   'metadata': {'k': 'v'}}}),
    wait('quiet after node create', QUIET, '"id"', present=False),
    case('nodes: show', 'GET', _N),
    case('nodes: show details not bool', 'GET', _N + '?show_details=maybe'),
    case('nodes: show 1.12', 'GET', _N, version='1.12'),
    case('nodes: list 1.12', 'GET', '/nodes', version='1.12'),
    case('actions: list 1.13', 'GET', '/actions?limit=3', version='1.13'),
    case('nodes: recover check at 1.5', 'POST', _N + '/actions',
         {'recover': {'check': True}}, version='1.5'),
    case('nodes: ops at 1.3 on a node', 'POST', _N + '/ops', {'reboot': {}},
         version='1.3'),
    case('nodes: list by name', 'GET', '/nodes?name=cf-n1'),
    case('nodes: list sorted', 'GET', '/nodes?sort=name:desc,status&limit=3'),
    case('nodes: update role', 'PATCH', _N, {'node': {'role': 'web'}}),
    wait('quiet after node update', QUIET, '"id"', present=False),
    case('nodes: update no key', 'PATCH', _N, {'bogus': {}}),
    case('nodes: update unknown key', 'PATCH', _N, {'node': {'bogus': 1}}),
    case('nodes: update bad name', 'PATCH', _N, {'node': {'name': 'bad name!'}}),
    case('nodes: update unknown profile', 'PATCH', _N,
         {'node': {'profile_id': FAKE}}),
    case('nodes: update nothing', 'PATCH', _N, {'node': {}}),
    case('nodes: update tainted at 1.12', 'PATCH', _N, {'node': {'tainted': True}},
         version='1.12'),
    case('nodes: update tainted not bool', 'PATCH', _N,
         {'node': {'tainted': 'maybe'}}),
    case('nodes: update metadata not a map', 'PATCH', _N,
         {'node': {'metadata': 'm'}}),
    case('nodes: action none on a node', 'POST', _N + '/actions', {}),
    case('nodes: action two', 'POST', _N + '/actions', {'check': {}, 'recover': {}}),
    case('nodes: action unknown', 'POST', _N + '/actions', {'bogus': {}}),
    case('nodes: action not a map', 'POST', _N + '/actions', {'check': [1]}),
    case('nodes: recover unknown key', 'POST', _N + '/actions',
         {'recover': {'bogus': 1}}),
    case('nodes: recover bad operation', 'POST', _N + '/actions',
         {'recover': {'operation': 'bogus'}}),
    case('nodes: ops none', 'POST', _N + '/ops', {}),
    case('nodes: ops unknown', 'POST', _N + '/ops', {'bogus': {}}),
    case('nodes: ops two', 'POST', _N + '/ops', {'reboot': {}, 'rebuild': {}}),
    case('nodes: ops bad params', 'POST', _N + '/ops', {'reboot': {'bogus': 1}}),
    case('del_nodes: not a member', 'POST', '/clusters/cf-c1/actions',
         {'del_nodes': {'nodes': ['cf-n1']}}),
    case('replace_nodes: not a member', 'POST', '/clusters/cf-c1/actions',
         {'replace_nodes': {'nodes': {'cf-n1': 'no-such-node'}}}),
    case('nodes: delete force not bool', 'DELETE', _N, {'force': 'maybe'}),
    case('nodes: delete', 'DELETE', _N),
    wait('quiet after node delete', QUIET, '"id"', present=False),
)

# A member node on the cloud (Senlin's fake one, clusterd's simulated one): what
# only a server makes possible (ops, check, adopt), then out of the cluster and in.
_M = '/nodes/cf-n2'
_C = '/clusters/cf-c1'
add(
    case('nodes: create another', 'POST', '/nodes',
         {'node': {'name': 'cf-n2', 'profile_id': 'cf-prof'}}),
    wait('cf-n2 active', _M, '"ACTIVE"'),
    wait('quiet after cf-n2 create', QUIET, '"id"', present=False),
    case('nodes: show active', 'GET', _M),
    case('add_nodes: the orphan', 'POST', _C + '/actions',
         {'add_nodes': {'nodes': ['cf-n2']}}),
    wait('quiet after add_nodes', QUIET, '"id"', present=False),
    case('add_nodes: a member already', 'POST', _C + '/actions',
         {'add_nodes': {'nodes': ['cf-n2']}}),
    case('nodes: check', 'POST', _M + '/actions', {'check': {}}),
    wait('quiet after node check', QUIET, '"id"', present=False),
    case('nodes: ops reboot', 'POST', _M + '/ops', {'reboot': {'type': 'SOFT'}}),
    wait('quiet after node reboot', QUIET, '"id"', present=False),
    case('clusters: ops reboot', 'POST', _C + '/ops', {'reboot': {}}),
    wait('quiet after cluster reboot', QUIET, '"id"', present=False),
    case('clusters: ops reboot by role filter', 'POST', _C + '/ops',
         {'reboot': {'filters': {'role': 'none'}}}),
    wait('quiet after filtered reboot', QUIET, '"id"', present=False),
    case('clusters: attrs of a node', 'GET', _C + '/attrs/name'),
    case('nodes: adopt-preview', 'POST', '/nodes/adopt-preview',
         {'identity': '{physical}', 'type': 'os.nova.server-1.0'}),
    case('nodes: adopt-preview snapshot', 'POST', '/nodes/adopt-preview',
         {'identity': '{physical}', 'type': 'os.nova.server-1.0',
          'overrides': {'name': 'other'}}),
    case('nodes: adopt-preview unknown server', 'POST', '/nodes/adopt-preview',
         {'identity': FAKE_UUID, 'type': 'os.nova.server-1.0'}),
    case('nodes: adopt', 'POST', '/nodes/adopt',
         {'identity': '{physical}', 'type': 'os.nova.server-1.0',
          'name': 'cf-adopted', 'role': 'db'}),
    case('nodes: adopt unknown server', 'POST', '/nodes/adopt',
         {'identity': FAKE_UUID, 'type': 'os.nova.server-1.0', 'name': 'cf-a2'}),
    case('profiles: validate', 'POST', '/profiles/validate',
         {'profile': {'spec': PROFILE_SPEC}}),
    case('profiles: validate unknown flavor', 'POST', '/profiles/validate',
         {'profile': {'spec': dict(PROFILE_SPEC, properties=dict(
             PROFILE_SPEC['properties'], flavor='no-such-flavor'))}}),
    case('del_nodes: the member', 'POST', _C + '/actions',
         {'del_nodes': {'nodes': ['cf-n2']}}),
    wait('quiet after del_nodes', QUIET, '"id"', present=False),
    case('del_nodes: an orphan', 'POST', _C + '/actions',
         {'del_nodes': {'nodes': ['cf-n2']}}),
)

# A cluster whose scaling is cancelled, then deleted.  Its servers take 5 s to
# build in Senlin's fake Nova and in the simulated cloud (the metadata key below
# tells both), so the cancel comes while the scaling runs on both.
SLOW_SPEC = dict(PROFILE_SPEC, properties=dict(
    PROFILE_SPEC['properties'], metadata={'simulated_wait_time': 5}))
add(
    case('profiles: create a slow one', 'POST', '/profiles',
         {'profile': {'name': 'cf-slow', 'spec': SLOW_SPEC}}),
    case('clusters: create to delete', 'POST', '/clusters',
         {'cluster': {'name': 'cf-c2', 'profile_id': 'cf-slow'}}),
    wait('cf-c2 active', '/clusters/cf-c2', '"ACTIVE"'),
    wait('quiet after cf-c2', QUIET, '"id"', present=False),
    case('scale_out: to cancel', 'POST', '/clusters/cf-c2/actions',
         {'scale_out': {'count': 1}}),
    case('actions: cancel', 'PATCH', '/actions/{action}',
         {'action': {'status': 'CANCELLED'}}),
    wait('quiet after cancel', QUIET, '"id"', present=False),
    case('clusters: delete', 'DELETE', '/clusters/cf-c2'),
    wait('cf-c2 gone', '/clusters', 'cf-c2', present=False),
)

# A message receiver (Zaqar): Senlin's fake cloud has one, clusterd has none.
add(
    case('receivers: create message', 'POST', '/receivers',
         {'receiver': {'name': 'cf-r3', 'type': 'message'}}),
    case('receivers: notify message', 'POST', '/receivers/cf-r3/notify', {}),
)

admin(
    case('services: admin', 'GET', '/services'),
    case('services: admin bogus param', 'GET', '/services?bogus=1'),
)

# --- more invalid requests for routes that had few ------------------------------------
for _p in ('/', '/profile-types', '/policy-types'):
    _n = {'/': 'root', '/profile-types': 'profile-types: list',
          '/policy-types': 'policy-types: list'}[_p]
    add(
        case('%s PUT' % _n, 'PUT', _p, {}),
        case('%s PATCH' % _n, 'PATCH', _p, {}),
        case('%s DELETE' % _n, 'DELETE', _p),
        case('%s malformed version' % _n, 'GET', _p, version='bogus'),
    )
add(
    case('profile-types: list POST', 'POST', '/profile-types', {}),
    case('policy-types: list POST', 'POST', '/policy-types', {}),
    case('build-info: DELETE', 'DELETE', '/build-info'),
    case('build-info: PATCH', 'PATCH', '/build-info', {}),
    case('profile-types: ops DELETE', 'DELETE',
         '/profile-types/os.nova.server-1.0/ops'),
    case('profile-types: ops without version', 'GET',
         '/profile-types/os.nova.server/ops'),
    case('receivers: delete not a uuid nor a name', 'DELETE', '/receivers/bad%20name!'),
    case('receivers: delete 1.0', 'DELETE', '/receivers/' + FAKE, version='1.0'),
    case('webhooks: trigger GET', 'GET', '/webhooks/%s/trigger?V=2' % FAKE_UUID),
    case('webhooks: trigger body not an object', 'POST',
         '/webhooks/%s/trigger?V=2' % FAKE_UUID, '[1'),
    case('actions: create empty', 'POST', '/actions', {}),
    case('actions: create no key', 'POST', '/actions', {'bogus': {}}),
    case('actions: create', 'POST', '/actions',
         {'action': {'name': 'a', 'cluster_id': 'cf-c1', 'action': 'CLUSTER_CHECK'}}),
    case('actions: create malformed JSON', 'POST', '/actions', '{'),
    case('actions: create bad version', 'POST', '/actions', {}, version='1.99'),
    case('events: DELETE', 'DELETE', '/events/' + FAKE_UUID),
    case('events: PATCH', 'PATCH', '/events/' + FAKE_UUID, {}),
    case('actions: DELETE', 'DELETE', '/actions/' + FAKE_UUID),
    case('actions: POST on one', 'POST', '/actions/' + FAKE_UUID, {}),
    case('receivers: POST on one', 'POST', '/receivers/' + FAKE_UUID, {}),
)

# --- valid changes last (they start actions) -------------------------------------------
add(
    case('clusters: update name', 'PATCH', '/clusters/cf-c1',
         {'cluster': {'metadata': {'k': 'v'}}}),
    wait('quiet after cluster update', QUIET, '"id"', present=False),
    case('receivers: create a check hook', 'POST', '/receivers',
         {'receiver': {'name': 'cf-r2', 'type': 'webhook', 'cluster_id': 'cf-c1',
                       'action': 'CLUSTER_CHECK'}}),
    case('webhooks: trigger', 'POST', '{webhook}', {}),
    wait('quiet after trigger', QUIET, '"id"', present=False),
    case('webhooks: trigger with a body at 1.10', 'POST', '{webhook}',
         {'reason': 'alarm'}, version='1.10'),
    wait('quiet after second trigger', QUIET, '"id"', present=False),
)

# Forced (1.8): whatever state the last cases left the objects in.
_FORCE = {'force': True}
TEARDOWN = [
    ('DELETE', '/receivers/cf-r1', None),
    ('DELETE', '/receivers/cf-r2', None),
    ('DELETE', '/receivers/cf-r3', None),
    ('DELETE', '/nodes/cf-n1', _FORCE),
    ('DELETE', '/nodes/cf-adopted', _FORCE),
    ('DELETE', '/nodes/cf-n2', _FORCE),
    ('DELETE', '/clusters/cf-c1', _FORCE),
    ('DELETE', '/clusters/x', _FORCE),    # Senlin takes config below 1.7
    ('DELETE', '/clusters/cf-c2', _FORCE),
    ('DELETE', '/policies/cf-pol', None),
    ('DELETE', '/policies/cf-del', None),
    ('DELETE', '/profiles/cf-prof', None),
    ('DELETE', '/profiles/prof-cf-adopted', None),
    ('DELETE', '/profiles/cf-slow', None),
]

# --- the routes of shared/reference/senlin.md, for the coverage check ---------------
# Most specific first.  A request counts for the route of its method and path; one
# whose method the path does not serve counts (as an invalid request) for the
# path's first route.  POST /actions is a dead route in Senlin (always a 500).
ROUTES = [
    ('GET', '/'),
    ('GET', '/build-info'),
    ('GET', '/services'),
    ('GET', '/profile-types'),
    ('GET', '/profile-types/{type}/ops'),
    ('GET', '/profile-types/{type}'),
    ('GET', '/profiles'),
    ('POST', '/profiles'),
    ('POST', '/profiles/validate'),
    ('GET', '/profiles/{id}'),
    ('PATCH', '/profiles/{id}'),
    ('DELETE', '/profiles/{id}'),
    ('GET', '/policy-types'),
    ('GET', '/policy-types/{type}'),
    ('GET', '/policies'),
    ('POST', '/policies'),
    ('POST', '/policies/validate'),
    ('GET', '/policies/{id}'),
    ('PATCH', '/policies/{id}'),
    ('DELETE', '/policies/{id}'),
    ('GET', '/clusters'),
    ('POST', '/clusters'),
    ('GET', '/clusters/{id}'),
    ('PATCH', '/clusters/{id}'),
    ('DELETE', '/clusters/{id}'),
    ('POST', '/clusters/{id}/actions'),
    ('GET', '/clusters/{id}/attrs/{path}'),
    ('POST', '/clusters/{id}/ops'),
    ('GET', '/clusters/{id}/policies'),
    ('GET', '/clusters/{id}/policies/{policy}'),
    ('GET', '/nodes'),
    ('POST', '/nodes'),
    ('POST', '/nodes/adopt'),
    ('POST', '/nodes/adopt-preview'),
    ('GET', '/nodes/{id}'),
    ('PATCH', '/nodes/{id}'),
    ('DELETE', '/nodes/{id}'),
    ('POST', '/nodes/{id}/actions'),
    ('POST', '/nodes/{id}/ops'),
    ('GET', '/actions'),
    ('POST', '/actions'),
    ('GET', '/actions/{id}'),
    ('PATCH', '/actions/{id}'),
    ('GET', '/receivers'),
    ('POST', '/receivers'),
    ('GET', '/receivers/{id}'),
    ('PATCH', '/receivers/{id}'),
    ('DELETE', '/receivers/{id}'),
    ('POST', '/receivers/{id}/notify'),
    ('POST', '/webhooks/{id}/trigger'),
    ('GET', '/events'),
    ('GET', '/events/{id}'),
]
# Routes where no valid request is answered by both services: POST /actions is
# dead in Senlin; notify needs a message receiver, which needs Zaqar (clusterd
# has none) and, on the anchor, Keystone (it has none either: a 500).
# Adopt: Senlin 16 fails every adopt (a 500, its missing 'overrides'), and the
# only server the corpus can name is a node's, which clusterd refuses (409).
NO_VALID = {('POST', '/actions'), ('POST', '/receivers/{id}/notify'),
            ('POST', '/nodes/adopt')}
# Valid requests that Senlin 16 itself failed (a 5xx; each has a DELIBERATE row)
# and clusterd answers: they stand for their route's valid request.
SENLIN_FAILED = {'nodes: adopt-preview'}


def _route_pattern(template):
    fixed = {'/nodes/{id}': r'/nodes/(?!adopt$|adopt-preview$)[^/]+'}
    body = fixed.get(template) or re.sub(r'\\\{\w+\\\}', '[^/]+',
                                         re.escape(template))
    return re.compile('^' + body + '$')


_PATTERNS = [(method, template, _route_pattern(template))
             for method, template in ROUTES]


def route_of(method, path):
    """The ``(method, template)`` of ROUTES a case's request is for, or None."""
    if path == '{webhook}':
        path = '/webhooks/x/trigger'
    path = re.sub(r'\{\w+\}', 'x', path.split('?')[0])
    on_path = [(m, t) for m, t, pattern in _PATTERNS if pattern.match(path)]
    for route in on_path:
        if route[0] == method:
            return route
    return on_path[0] if on_path else None


_SHORT = re.compile(r'\([0-9a-f]{8}\)')   # a short id in parentheses
_UUID = re.compile(r'[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}')


def _shape(value):
    if isinstance(value, dict):
        return {key: _shape(item) for key, item in sorted(value.items())}
    if isinstance(value, list):
        # Every item's keys: the order of a list is no part of its shape.
        merged = None
        for item in value:
            merged = _merge(merged, _shape(item))
        return [merged] if value else []
    if value is None:
        return None
    if isinstance(value, bool):
        return 'bool'
    if isinstance(value, (int, float)):
        return 'number'
    return 'string'


def _merge(one, other):
    if isinstance(one, dict) and isinstance(other, dict):
        return {key: _merge(one.get(key), other.get(key))
                for key in sorted(set(one) | set(other))}
    if isinstance(one, list) and isinstance(other, list):
        return [_merge(one[0] if one else None, other[0] if other else None)] \
            if one or other else []
    return other if one is None else one


def normalize(status, body):
    """What is compared of one answer: a dict with ``status`` and either ``type``
    and ``message`` (an error) or ``shape`` (anything else)."""
    answer = {'status': status}
    if status >= 400 and isinstance(body, dict) and isinstance(body.get('error'),
                                                                dict):
        answer['type'] = body['error'].get('type')
        answer['message'] = _SHORT.sub('(<short>)', _UUID.sub(
            '<uuid>', str(body['error'].get('message'))))
    else:
        answer['shape'] = _shape(body)
    return answer


def shape_differences(senlin, ours, path='$'):
    """Where two shapes differ (``null`` matches anything), as strings."""
    if senlin is None or ours is None:
        return []
    if isinstance(senlin, dict) and isinstance(ours, dict):
        found = []
        for key in sorted(set(senlin) | set(ours)):
            if key not in ours:
                found.append('%s.%s missing' % (path, key))
            elif key not in senlin:
                found.append('%s.%s extra' % (path, key))
            else:
                found += shape_differences(senlin[key], ours[key], path + '.' + key)
        return found
    if isinstance(senlin, list) and isinstance(ours, list):
        if senlin and ours:
            return shape_differences(senlin[0], ours[0], path + '[]')
        return []
    if senlin != ours:
        return ['%s is %s, not %s' % (path, _kind(ours), _kind(senlin))]
    return []


def _kind(shape):
    if isinstance(shape, dict):
        return 'an object'
    if isinstance(shape, list):
        return 'a list'
    return shape


def _wait(send, path, until, poll_delay, timeout):
    import json
    import time
    deadline = time.monotonic() + timeout
    while True:
        status, body = send('GET', path, None, LATEST)
        found = until['text'] in json.dumps(body)
        if status == 200 and found == until['present']:
            return
        if time.monotonic() > deadline:
            raise AssertionError('GET %s: %r still %s' % (
                path, until['text'], 'absent' if until['present'] else 'there'))
        time.sleep(poll_delay)


def _capture(found, body):
    """Ids that later paths name ({action}, {event}, {cluster}, and their first
    8 characters, a short id): the last ones seen in an answer."""
    if not isinstance(body, dict):
        return
    if isinstance(body.get('action'), str):
        found['action'], found['action8'] = body['action'], body['action'][:8]
    if isinstance(body.get('cluster'), dict) and 'id' in body['cluster'] and \
            'cluster' not in found:
        found['cluster'] = body['cluster']['id']
        found['cluster8'] = found['cluster'][:8]
    receiver = body.get('receiver')
    if isinstance(receiver, dict) and (receiver.get('channel') or {}).get(
            'alarm_url'):
        url = receiver['channel']['alarm_url']
        found['webhook'] = url[url.index('/v1/') + 3:]
    node = body.get('node')
    if isinstance(node, dict) and node.get('physical_id'):
        found['physical'] = node['physical_id']
    if body.get('events') and isinstance(body['events'], list):
        found['event'] = body['events'][0]['id']
        found['event8'] = found['event'][:8]


def _fill(body, found):
    """A body whose string values ``{name}`` are replaced by captured ids."""
    if isinstance(body, dict):
        return {key: _fill(value, found) for key, value in body.items()}
    if isinstance(body, list):
        return [_fill(value, found) for value in body]
    if isinstance(body, str) and re.fullmatch(r'\{\w+\}', body):
        return found[body[1:-1]]
    return body


def play(send, poll_delay=1.0, wait_timeout=120.0):
    """Send SETUP, wait for its clusters, send CASES, then TEARDOWN.

    :param send: ``send(method, path, body, version, other=False, admin=False)
        -> (status, body)``; ``other`` sends as a member of a second project,
        ``admin`` as an admin of the first
    :returns: {case name: normalized answer}, setup cases included
    """
    import time
    answers = {}
    found = {}
    for name, method, path, body, version in SETUP:
        status, answer = send(method, path, body, version)
        _capture(found, answer)
        answers[name] = normalize(status, answer)
    for cluster in WAIT_FOR:
        deadline = time.monotonic() + wait_timeout
        while True:
            status, body = send('GET', '/clusters/' + cluster, None, LATEST)
            state = (body or {}).get('cluster', {}).get('status')
            if state in ('ACTIVE', 'ERROR', 'WARNING'):
                break
            if time.monotonic() > deadline:
                raise AssertionError('cluster %s still %s' % (cluster, state))
            time.sleep(poll_delay)
    try:
        for name, method, path, body, version in CASES:
            assert name not in answers, 'two cases named %r' % name
            path = path.format(**found) if '{' in path else path
            body = _fill(body, found)
            if method == 'WAIT':
                _wait(send, path, body, poll_delay, wait_timeout)
                continue
            status, answer = send(method, path, body, version,
                                  other=name in OTHER_PROJECT,
                                  admin=name in ADMIN)
            _capture(found, answer)
            answers[name] = normalize(status, answer)
    finally:
        # A cluster busy with the last cases refuses its delete (409) for a while.
        for method, path, body in TEARDOWN:
            deadline = time.monotonic() + wait_timeout
            while time.monotonic() < deadline:
                status = send(method, path, body, LATEST)[0]
                if status != 409:
                    break
                time.sleep(poll_delay)
            while status == 202 and time.monotonic() < deadline:
                if send('GET', path, None, LATEST)[0] == 404:
                    break
                time.sleep(poll_delay)
    return answers
