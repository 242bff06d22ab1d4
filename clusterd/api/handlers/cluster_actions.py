"""The bodies of ``POST /v1/clusters/{id}/actions`` and ``.../ops``, checked up front.

Parse, then look up, then act.  :func:`parse` reads ``{"<action>": {...}}`` and
checks everything the body alone decides (its schema, then the action's own
``check``: unique and non-empty node lists, booleans, counts, resize arguments
that contradict each other) before the cluster is looked up, so a bad body is a
400 whatever the cluster, as in Senlin, whose request objects were validated
before any lookup.  Only then does the action's ``prepare`` check what needs the
cluster (node membership, sizes against the cluster's, bindings) and return the
engine action and its inputs.  Every refusal is a 400 naming the problem, with
Senlin's words (:mod:`clusterd.api.schemas.checks` holds them).
"""

import collections
import functools

from clusterd.api import cluster_rows
from clusterd.api import errors
from clusterd.api import lookup
from clusterd.api import microversion
from clusterd.api import rbac
from clusterd.api.schemas import checks
from clusterd.api.schemas import cluster_action as action_schema
from clusterd.api import util
from clusterd.engine import lifecycle
from clusterd.engine import planning
from clusterd.objects import base as objects_base
from clusterd.objects import cluster as cluster_obj
from clusterd.objects import listing as listing_obj
from clusterd.objects import node as node_obj
from clusterd.objects import policy as policy_obj
from clusterd.objects import profile as profile_obj
from clusterd import plugins
from clusterd.policies import scaleutils
from clusterd import schema
from clusterd import states

NODE_FIELDS = ('id', 'cluster_id', 'status', 'profile_id', 'dependents')
RECOVERY_OPERATIONS = ('REBOOT', 'REBUILD', 'RECREATE')
REBOOT_TYPES = ('SOFT', 'HARD')
OPERATION_FILTERS = ('name', 'profile_id', 'status', 'role')

Action = collections.namedtuple('Action', 'since schemas check prepare')


# --- looking things up -------------------------------------------------------------

def _profile_type(context, profile_id, cache):
    if profile_id not in cache:
        row = listing_obj.by_id(context, profile_obj.Profile, ('type',), profile_id,
                                project_safe=False)
        cache[profile_id] = row and row['type']
    return cache[profile_id]


def _nodes(req, identities):
    """{identity: node row} of the nodes found, and the identities not found."""
    found, missing = {}, []
    for identity in identities:
        try:
            found[identity] = lookup.find(req, node_obj.Node, identity, NODE_FIELDS)
        except (errors.NotFound, errors.MultipleChoices):
            missing.append(identity)
    return found, missing


def _policy(req, identity):
    try:
        return lookup.find(req, policy_obj.Policy, identity, ('id',))
    except errors.NotFound:
        raise errors.BadRequest("The specified policy '%s' could not be found." %
                                identity)


def _bound_policy(req, cluster, identity):
    """The id of policy ``identity``, which must be attached to ``cluster``."""
    policy = _policy(req, identity)
    bindings = cluster_obj.ClusterPolicy.for_cluster(util.context(req),
                                                     cluster['id'])
    if policy['id'] not in {b.policy_id for b in bindings}:
        raise errors.BadRequest("The policy '%s' is not attached to the specified "
                                "cluster '%s'." % (identity,
                                                   req.urlvars['cluster_id']))
    return policy['id']


# --- the actions: check(req, data) reads the body alone; prepare(req, cluster, data)
# --- looks at the cluster ------------------------------------------------------------

def _same(req, data):
    return data


def _node_list(req, data):
    checks.unique_items('nodes', data['nodes'])
    return data


def _add_nodes(req, cluster, data):
    found, missing = _nodes(req, data['nodes'])
    nodes = list(found.values())
    context = util.context(req)
    types = {}
    cluster_type = _profile_type(context, cluster['profile_id'], types)
    mismatched = [n['id'] for n in nodes
                  if _profile_type(context, n['profile_id'], types) != cluster_type]
    owned = [n['id'] for n in nodes if n['cluster_id']]
    inactive = [n['id'] for n in nodes if n['status'] != states.N_ACTIVE]
    errors.refuse([message % ids for message, ids in (
        ('Profile type of nodes %s does not match that of the cluster.', mismatched),
        ('Nodes %s already owned by some cluster.', owned),
        ('Nodes are not ACTIVE: %s.', inactive),
        ('Nodes not found: %s.', missing)) if ids])
    checks.check_sizes(cluster['desired_capacity'] + len(nodes), cluster=cluster)
    return 'CLUSTER_ADD_NODES', {'nodes': [n['id'] for n in nodes]}


def _check_del_nodes(req, data):
    checks.unique_items('nodes', data['nodes'])
    return dict(data, destroy_after_deletion=checks.boolean(
        'destroy_after_deletion', data.get('destroy_after_deletion'), False))


def _del_nodes(req, cluster, data):
    found, missing = _nodes(req, data['nodes'])
    nodes = list(found.values())
    depended = [n['id'] for n in nodes if (n['dependents'] or {}).get('nodes')]
    if depended:
        raise errors.ResourceInUse(
            "The node '%s' cannot be deleted: nodes %s are depended by other "
            "nodes, so can't be deleted or become orphan nodes." % (depended,
                                                                    depended))
    outsiders = [n['id'] for n in nodes if n['cluster_id'] != cluster['id']]
    errors.refuse([message % ids for message, ids in (
        ('Nodes not found: %s.', missing),
        ('Nodes not members of specified cluster: %s.', outsiders)) if ids])
    checks.check_sizes(cluster['desired_capacity'] - len(nodes), cluster=cluster)
    return 'CLUSTER_DEL_NODES', {
        'nodes': [n['id'] for n in nodes],
        'destroy_after_deletion': data['destroy_after_deletion']}


def _check_replace_nodes(req, data):
    pairs = data['nodes']
    if not pairs:
        raise errors.BadRequest(checks.NOT_A_MAP)
    if len(set(pairs.values())) != len(pairs):
        raise errors.BadRequest('Map contains duplicated values')
    return data


def _replace_nodes(req, cluster, data):
    pairs = data['nodes']
    context = util.context(req)
    types = {}
    cluster_type = _profile_type(context, cluster['profile_id'], types)
    problems = collections.defaultdict(list)
    replacements = {}
    for old, new in pairs.items():
        old_found, missing = _nodes(req, [old])
        problems['old_missing'] += missing
        if missing:
            continue
        new_found, missing = _nodes(req, [new])
        problems['new_missing'] += missing
        if missing:
            continue
        old_node, new_node = old_found[old], new_found[new]
        if old_node['cluster_id'] != cluster['id']:
            problems['not_member'].append(old)
        if new_node['cluster_id']:
            problems['owned'].append(new)
        if new_node['status'] != states.N_ACTIVE:
            problems['inactive'].append(new)
        if _profile_type(context, new_node['profile_id'], types) != cluster_type:
            problems['mismatch'].append(new)
        replacements[old_node['id']] = new_node['id']
    messages = {
        'not_member': 'The specified nodes %%s to be replaced are not members of '
                      'the cluster %s.' % cluster['id'],
        'owned': 'Nodes %s already member of a cluster.',
        'inactive': 'Nodes are not ACTIVE: %s.',
        'mismatch': 'Profile type of nodes %s do not match that of the cluster.',
        'old_missing': 'Original nodes not found: %s.',
        'new_missing': 'Replacement nodes not found: %s.',
    }
    errors.refuse([message % problems[key] for key, message in messages.items()
             if problems[key]])
    return 'CLUSTER_REPLACE_NODES', {'nodes': replacements}


def _check_scale(direction):
    def check(req, data):
        count = checks.integer('count', data.get('count'))
        if count is not None and count < 0:
            raise errors.BadRequest(checks.NEGATIVE % 'count')
        count = checks.capacity(req, 'count', count)
        if count == 0:
            raise errors.BadRequest('Count for scale-%s request cannot be 0.' %
                                    direction)
        return {'count': count}
    return check


def _scale(direction):
    def prepare(req, cluster, data):
        count = data['count']
        if count is None:
            return 'CLUSTER_SCALE_%s' % direction.upper(), {}
        delta = count if direction == 'out' else -count
        desired = cluster['desired_capacity'] + delta
        checks.check_sizes(desired, cluster=cluster)
        checks.capacity(req, 'desired_capacity', desired)
        return 'CLUSTER_SCALE_%s' % direction.upper(), {'count': count}
    return prepare


def _check_resize(req, data):
    adjustment = data.get('adjustment_type')
    number = checks.number('number', data.get('number'))
    min_size = checks.capacity(req, 'min_size', data.get('min_size'))
    max_size = checks.capacity(req, 'max_size', data.get('max_size'), minimum=-1)
    min_step = checks.integer('min_step', data.get('min_step'), 0)
    strict = checks.boolean('strict', data.get('strict'), True)
    if adjustment is None and number is None and min_size is None and \
            max_size is None:
        raise errors.BadRequest('Not enough parameters to do resize action.')
    if adjustment is not None and number is None:
        raise errors.BadRequest('Missing number value for size adjustment.')
    if number is not None and adjustment is None:
        raise errors.BadRequest('Missing adjustment_type value for size adjustment.')
    if adjustment == scaleutils.EXACT_CAPACITY and number < 0:
        raise errors.BadRequest("The 'number' must be non-negative integer for "
                                "adjustment type '%s'." % adjustment)
    if adjustment != scaleutils.CHANGE_IN_PERCENTAGE:
        min_step = None
        number = None if number is None else int(number)
    # The limits given must agree with each other before the cluster's matter.
    checks.check_sizes(None, min_size, max_size)
    return {'adjustment_type': adjustment, 'number': number, 'min_size': min_size,
            'max_size': max_size, 'min_step': min_step, 'strict': strict}


def _resize(req, cluster, data):
    adjustment, number = data['adjustment_type'], data['number']
    min_size, max_size = data['min_size'], data['max_size']
    desired = None
    if adjustment is not None:
        current = len(node_obj.Node.for_cluster(util.context(req), cluster['id']))
        desired = scaleutils.calculate_desired(current, adjustment, number,
                                               data['min_step'])
        if not data['strict']:
            # The engine clips to the limits instead of failing; check the result.
            desired = scaleutils.check_size(
                desired, cluster['min_size'] if min_size is None else min_size,
                cluster['max_size'] if max_size is None else max_size, strict=False)
    checks.check_sizes(desired, min_size, max_size, cluster)
    if desired is not None:
        checks.capacity(req, 'desired_capacity', desired)
    return 'CLUSTER_RESIZE', dict(data)


def _check_enabled(default):
    def check(req, data):
        return dict(data, enabled=checks.boolean('enabled', data.get('enabled'),
                                                 default))
    return check


def _policy_attach(req, cluster, data):
    policy = _policy(req, data['policy_id'])
    _refuse_conflicting_policy(req, cluster, policy['id'])
    return 'CLUSTER_ATTACH_POLICY', {
        'policy_id': policy['id'],
        'enabled': data['enabled']}


def _refuse_conflicting_policy(req, cluster, policy_id):
    """409 at once when the policy says it cannot be bound to the cluster (a
    second scaling policy for the same event), before any action is written."""
    context = util.context(req)
    stored = policy_obj.Policy.get(context, policy_id, project_safe=False)
    try:
        plugin = plugins.policy_class(stored.type)(stored.name, stored.spec,
                                                   conf=util.conf(req))
    except (plugins.PolicyTypeNotFound, schema.InvalidSpec):
        return  # the engine's attach says what is wrong with it
    plugin.id = stored.id
    validate = getattr(plugin, 'validate_resources', None)
    if validate is not None:
        # What the spec names in the cloud (zones, regions, a server group),
        # as the cluster's owner sees it: 400 naming the unknown one.
        try:
            validate(context, cluster)
        except schema.InvalidSpec as exc:
            raise errors.InvalidSpec(errors.spec_problem(exc))
    problem = plugin.attach_problem(context, cluster['id'])
    if problem is not None:
        raise errors.InvalidSpec(errors.spec_problem(problem))
    refusal = plugin.attach_refusal(context, cluster['id'])
    if refusal is not None:
        raise errors.ActionConflict(refusal)


def _policy_detach(req, cluster, data):
    return 'CLUSTER_DETACH_POLICY', {
        'policy_id': _bound_policy(req, cluster, data['policy_id'])}


def _policy_update(req, cluster, data):
    inputs = {'policy_id': _bound_policy(req, cluster, data['policy_id'])}
    if data['enabled'] is not None:
        inputs['enabled'] = data['enabled']
    return 'CLUSTER_UPDATE_POLICY', inputs


def _check(req, cluster, data):
    return 'CLUSTER_CHECK', dict(data)


def _check_recover(req, data):
    params = dict(data)
    inputs = {}
    if 'operation' in params:
        operation = params.pop('operation')
        if operation.upper() not in RECOVERY_OPERATIONS:
            raise errors.BadRequest("Operation value '%s' has to be one of the "
                                    "following: %s." % (
                                        operation, ', '.join(RECOVERY_OPERATIONS)))
        inputs['operation'] = operation
        if 'operation_params' in params:
            operation_params = params.pop('operation_params')
            reboot_type = str(operation_params.get('type', 'SOFT'))
            if operation.upper() == 'REBOOT' and \
                    reboot_type.upper() not in REBOOT_TYPES:
                raise errors.BadRequest(
                    "Type field '%s' in operation_params has to be one of the "
                    "following: %s." % (reboot_type, ', '.join(REBOOT_TYPES)))
            inputs['operation_params'] = operation_params
    if 'check' in params:
        if microversion.request_version(req) < microversion.Version(1, 6):
            raise errors.BadRequest("The 'check' parameter of recover needs API "
                                    "version 1.6 or later.")
        inputs['check'] = checks.boolean('check', params.pop('check'), False)
    if 'check_capacity' in params:
        inputs['check_capacity'] = checks.boolean(
            'check_capacity', params.pop('check_capacity'), False)
    if params:
        raise errors.BadRequest('Action parameter %s is not recognizable.' %
                                [str(key) for key in params])
    return inputs


def _recover(req, cluster, data):
    return 'CLUSTER_RECOVER', data


def _complete_lifecycle(req, cluster, data):
    """Release a node held by a lifecycle hook: no new action, the held removal
    (the token) goes on.  :returns: ``(None, token)``; see :func:`complete_lifecycle`.
    """
    return None, data['lifecycle_action_token']


def complete_lifecycle(req, cluster, token):
    """Let the removal held under ``token`` go on.

    :returns: the action id (the token)
    :raises errors.NotFound: no such action (404)
    :raises errors.BadRequest: the action is not one of this cluster's
    :raises errors.ActionConflict: it is not waiting for lifecycle completion
    """
    context = util.context(req)
    try:
        return lifecycle.complete(context, cluster['id'], token)
    except objects_base.NotFound:
        raise errors.NotFound.of('action', token)
    except lifecycle.NotOfCluster as exc:
        raise errors.BadRequest(str(exc))
    except lifecycle.NotWaiting as exc:
        raise errors.ActionConflict(str(exc))


ACTIONS = {
    'add_nodes': Action('1.0', [('1.0', action_schema.ADD_NODES)], _node_list,
                        _add_nodes),
    'del_nodes': Action('1.0', [('1.0', action_schema.DEL_NODES),
                                ('1.4', action_schema.DEL_NODES_V1_4)],
                        _check_del_nodes, _del_nodes),
    'scale_out': Action('1.0', [('1.0', action_schema.SCALE)], _check_scale('out'),
                        _scale('out')),
    'scale_in': Action('1.0', [('1.0', action_schema.SCALE)], _check_scale('in'),
                       _scale('in')),
    'resize': Action('1.0', [('1.0', action_schema.RESIZE)], _check_resize,
                     _resize),
    'policy_attach': Action('1.0', [('1.0', action_schema.POLICY_ATTACH)],
                            _check_enabled(True), _policy_attach),
    'policy_detach': Action('1.0', [('1.0', action_schema.POLICY_DETACH)],
                            _same, _policy_detach),
    'policy_update': Action('1.0', [('1.0', action_schema.POLICY_UPDATE)],
                            _check_enabled(None), _policy_update),
    'check': Action('1.0', [('1.0', action_schema.CHECK)], _same, _check),
    'recover': Action('1.0', [('1.0', action_schema.RECOVER)], _check_recover,
                      _recover),
    'replace_nodes': Action('1.3', [('1.0', action_schema.REPLACE_NODES)],
                            _check_replace_nodes, _replace_nodes),
    'complete_lifecycle': Action('1.9', [('1.0', action_schema.COMPLETE_LIFECYCLE)],
                                 _same, _complete_lifecycle),
}

# From 1.16 every action also takes ``dry_run`` (the newest schema plus the key).
for _name, _action in ACTIONS.items():
    ACTIONS[_name] = _action._replace(schemas=_action.schemas + [(
        checks.DRY_RUN_VERSION, checks.with_dry_run(_action.schemas[-1][1]))])

# The engine action of each, for a dry run whose request is refused before
# prepare() could name it.
ENGINE_ACTIONS = {
    'add_nodes': 'CLUSTER_ADD_NODES', 'del_nodes': 'CLUSTER_DEL_NODES',
    'scale_out': 'CLUSTER_SCALE_OUT', 'scale_in': 'CLUSTER_SCALE_IN',
    'resize': 'CLUSTER_RESIZE', 'policy_attach': 'CLUSTER_ATTACH_POLICY',
    'policy_detach': 'CLUSTER_DETACH_POLICY',
    'policy_update': 'CLUSTER_UPDATE_POLICY', 'check': 'CLUSTER_CHECK',
    'recover': 'CLUSTER_RECOVER', 'replace_nodes': 'CLUSTER_REPLACE_NODES',
    'complete_lifecycle': 'CLUSTER_COMPLETE_LIFECYCLE',
}


def _single_key(req, none, many):
    body = util.extract_json(req) if req.body else {}
    if not isinstance(body, dict) or not body:
        raise errors.BadRequest(none)
    if len(body) > 1:
        raise errors.BadRequest(many)
    return next(iter(body.items()))


def parse(req):
    """``(action name, its body, dry run)`` of a cluster action request.

    :returns: the body checked and converted (booleans, counts, sizes), ready
        for :func:`prepare`, without ``dry_run``; and whether it is a dry run
    :raises errors.BadRequest: no action, several, an unknown one, one the
        request's version does not have, or a body that does not fit
    """
    name, data = _single_key(req, 'No action specified', 'Multiple actions specified')
    action = ACTIONS.get(name)
    if action is None:
        raise errors.BadRequest("Unrecognized action '%s' specified" % name)
    version = microversion.request_version(req)
    if version < microversion.Version.parse(action.since):
        raise errors.MethodVersionNotFound(version)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise errors.BadRequest(checks.NOT_A_MAP)
    checks.validate(checks.for_version(req, action.schemas), data)
    data = dict(data)
    dry_run = checks.pop_dry_run(req, data)
    return name, action.check(req, data), dry_run


def prepare(req, cluster, name, data):
    """``(engine action name, inputs)`` for a parsed action on ``cluster`` (a row)."""
    return ACTIONS[name].prepare(req, cluster, data)


# --- profile operations (/ops) -----------------------------------------------------

def parse_operation(req):
    """``(operation, params, filters, dry run)`` of ``POST /v1/clusters/{id}/ops``.

    The documented body is ``{"<op>": {"params": {...}, "filters": {...}}}``;
    senlinclient sends the parameters bare (``{"reboot": {"type": "SOFT"}}``), so
    a body without those two keys is taken as the parameters.
    """
    operation, data = _single_key(req, 'No operation specified',
                                  'Multiple operations specified')
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise errors.BadRequest(checks.NOT_A_MAP)
    data = dict(data)
    # (Below 1.16 a dry_run is an unknown parameter of the operation.)
    dry_run = microversion.request_version(req) >= microversion.Version.parse(
        checks.DRY_RUN_VERSION) and checks.pop_dry_run(req, data)
    if data and not set(data) <= {'params', 'filters'}:
        return operation, data, {}, dry_run
    checks.validate(action_schema.OPERATION, data)
    return (operation, data.get('params') or {}, data.get('filters') or {},
            dry_run)


def _check_parameters(profile_cls, operation, params):
    declared = profile_cls.OPERATIONS[operation].get('parameters', {})
    for key in params:
        if key not in declared:
            raise errors.BadRequest("Unrecognizable parameter '%s'." % key)
    for key, spec in declared.items():
        if spec.get('required') and params.get(key) is None:
            raise errors.BadRequest("Required parameter '%s' of operation '%s' not "
                                    "provided." % (key, operation))
        allowed = spec.get('allowed')
        if allowed and key in params and params[key] not in allowed:
            raise errors.BadRequest("'%s' must be one of the allowed values: %s" % (
                params[key], ', '.join(str(v) for v in allowed)))


def _matches(node, filters):
    for key, wanted in filters.items():
        values = wanted if isinstance(wanted, list) else [wanted]
        if getattr(node, key) not in values:
            return False
    return True


def prepare_operation(req, cluster, operation, params, filters):
    """``('CLUSTER_OPERATION', inputs)``: the operation is the profile type's, its
    parameters fit, and at least one member matches the filters."""
    context = util.context(req)
    type_name = _profile_type(context, cluster['profile_id'], {})
    try:
        profile_cls = plugins.profile_class(type_name)
    except plugins.ProfileTypeNotFound as exc:
        raise errors.BadRequest(str(exc))
    if operation not in profile_cls.OPERATIONS:
        raise errors.BadRequest("The requested operation '%s' is not supported by "
                                "the profile type '%s'." % (operation, type_name))
    _check_parameters(profile_cls, operation, params)
    errors.refuse(["Filter key '%s' is unsupported." % key for key in filters
             if key not in OPERATION_FILTERS])
    nodes = [node.id for node in node_obj.Node.for_cluster(context, cluster['id'])
             if _matches(node, filters)]
    if not nodes:
        raise errors.BadRequest('No node (matching the filter) could be found.')
    return 'CLUSTER_OPERATION', {'operation': operation, 'params': params,
                                 'nodes': nodes}


# --- the handlers -----------------------------------------------------------------

def _dry_run(req, cluster, prepared, engine_action, token=None):
    """200 with the plan of an action (microversion 1.16), nothing changed.

    What the body alone decides was a 400 already (parse); what depends on the
    cluster (sizes, membership, bindings: prepare's refusals) is a refusal in
    the plan, beside those of the engine's checks.

    :param prepared: ``prepare`` as a callable returning ``(action, inputs)``
    """
    context = util.context(req)
    refusals = []
    inputs = {}
    try:
        engine_action, inputs = prepared()
    except (errors.BadRequest, errors.Conflict) as exc:
        refusals.append(('request', str(exc)))
    if token is not None and not refusals:
        plan = planning.plan_complete_lifecycle(util.conf(req), context,
                                                cluster['id'], token)
    else:
        plan = planning.plan_cluster_action(util.conf(req), context,
                                            cluster['id'], engine_action, inputs,
                                            refusals)
    return util.json_response({'dry_run': plan.to_dict()})


def run_cluster_action(req):
    rbac.authorize(req, 'clusters:action')
    name, data, dry_run = parse(req)
    cluster = cluster_rows.find(req, req.urlvars['cluster_id'])
    if dry_run:
        return _dry_run(req, cluster,
                        functools.partial(prepare, req, cluster, name, data),
                        ENGINE_ACTIONS[name],
                        data.get('lifecycle_action_token')
                        if name == 'complete_lifecycle' else None)
    action_name, inputs = prepare(req, cluster, name, data)
    if action_name is None:
        # complete_lifecycle: a held node removal goes on; no new action.
        action_id = complete_lifecycle(req, cluster, inputs)
        util.nudge(req)
        return util.accepted(req, action_id, {'action': action_id})
    action_id = cluster_rows.start_action(req, cluster, action_name, inputs)
    return util.accepted(req, action_id, {'action': action_id})


@microversion.versioned('1.4')
def run_cluster_operation(req):
    rbac.authorize(req, 'clusters:operation')
    operation, params, filters, dry_run = parse_operation(req)
    cluster = cluster_rows.find(req, req.urlvars['cluster_id'])
    prepared = functools.partial(prepare_operation, req, cluster, operation,
                                 params, filters)
    if dry_run:
        return _dry_run(req, cluster, prepared, 'CLUSTER_OPERATION')
    action_name, inputs = prepared()
    action_id = cluster_rows.start_action(req, cluster, action_name, inputs)
    return util.accepted(req, action_id, {'action': action_id})
