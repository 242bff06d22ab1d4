"""``/v1/nodes``: list, create, adopt, show, update, delete, check, recover and
profile operations.

A change is written with the action that carries it out in one transaction
(:mod:`clusterd.engine.requests`); the engines are then nudged and the answer is
202 with the action's absolute ``Location``.  Adoption is the exception: as in
Senlin, the node (and a profile made for it) are written at once, ACTIVE.

Error messages are Senlin's, word for word, where its tempest suite checks them.
"""

import json

from clusterd.api import errors
from clusterd.api import listing
from clusterd.api import lookup
from clusterd.api import microversion
from clusterd.api import rbac
from clusterd.api.schemas import checks
from clusterd.api.schemas import nodes as node_schema
from clusterd.api import serializers
from clusterd.api import util
from clusterd.engine import planning
from clusterd.engine import requests
from clusterd.objects import cluster as cluster_obj
from clusterd.objects import node as node_obj
from clusterd.objects import profile as profile_obj
from clusterd import plugins
from clusterd.policies import scaleutils
from clusterd.profiles import base as profile_base
from clusterd import schema
from clusterd import states

FIELDS = ('id', 'name', 'cluster_id', 'physical_id', 'profile_id', 'user',
          'project', 'domain', 'index', 'role', 'init_at', 'created_at',
          'updated_at', 'tainted', 'status', 'status_reason', 'metadata', 'data',
          'dependents')
PROFILE_FIELDS = ('id', 'name', 'type')
CLUSTER_FIELDS = ('id', 'profile_id', 'max_size', 'timeout')
# profile_name, read with each row (built once: a look-up's statement is kept
# per set of columns, objects.listing).
COLUMNS = node_obj.Node.api_columns()

STATUSES = sorted({states.N_INIT, states.N_ACTIVE, states.N_ERROR, states.N_WARNING}
                  | states.NODE_BUSY)

NODE_LIST = listing.ListSpec(
    filters=('name', 'status'),
    sort_keys=('index', 'name', 'status', 'init_at', 'created_at', 'updated_at'),
    enums={'status': STATUSES},
    # A cluster name or short id: resolved by the handler.
    extra=('cluster_id',))

TAINTED_VERSION = microversion.Version(1, 13)
FORCE_VERSION = microversion.Version(1, 8)
DRY_RUN_VERSION = microversion.Version.parse(checks.DRY_RUN_VERSION)
RECOVER_CHECK_VERSION = microversion.Version(1, 6)

# A node in one of these is refused a delete without force (Senlin's list).
DELETE_BUSY = (states.N_CREATING, states.N_UPDATING, states.N_DELETING,
               states.N_RECOVERING)

RECOVERY_OPERATIONS = ('REBOOT', 'REBUILD', 'RECREATE')
RECOVER_PARAMS = ('operation', 'operation_params', 'check', 'delete_timeout',
                  'force_recreate')

# --- request plumbing --------------------------------------------------------------

def _at_least(req, version):
    return microversion.request_version(req) >= version


def _single_key(body, what):
    """The one (key, value) of an action or operation body."""
    if not isinstance(body, dict):
        raise errors.BadRequest('The request body must be a JSON object.')
    if not body:
        raise errors.BadRequest('No %s specified.' % what)
    if len(body) > 1:
        raise errors.BadRequest('Multiple %ss specified.' % what)
    return next(iter(body.items()))


def _serialize(req, node):
    """The API body of a node from a dict of FIELDS (and ``profile_name``)."""
    body = {
        'id': node['id'],
        'name': node['name'],
        'cluster_id': node['cluster_id'],
        'physical_id': node['physical_id'],
        'profile_id': node['profile_id'],
        'profile_name': node.get('profile_name'),
        'user': node['user'],
        'project': node['project'],
        'domain': node['domain'],
        'index': node['index'],
        'role': node['role'],
        'init_at': util.isotime(node['init_at']),
        'created_at': util.isotime(node['created_at']),
        'updated_at': util.isotime(node['updated_at']),
        'status': node['status'],
        'status_reason': node['status_reason'],
        'metadata': node['metadata'] or {},
        'data': node['data'] or {},
        'dependents': node['dependents'] or {},
    }
    if _at_least(req, TAINTED_VERSION):
        body['tainted'] = bool(node['tainted'])
    return body


def _find_node(req):
    return lookup.find(req, node_obj.Node, req.urlvars['node_id'], FIELDS,
                       extra=COLUMNS)


def _node_action(req, node, action_name, inputs):
    """Write a node action after the conflict checks, then nudge the engines."""
    try:
        action = requests.node_action(
            util.context(req), node_obj.Node(**node), action_name, inputs,
            timeout=util.conf(req).default_action_timeout)
    except requests.ActionConflict as exc:
        raise errors.ActionConflict(str(exc))
    util.nudge(req)
    return action


def _stored_profile(req, node):
    return profile_obj.Profile.get(util.context(req), node['profile_id'],
                                   project_safe=False)


# --- list, show --------------------------------------------------------------------

def _cluster_filter(req):
    """``cluster_id=<id, name or short id>`` as a filter on the cluster's id."""
    given = req.GET.getall('cluster_id')
    if not given:
        return {}
    try:
        cluster = lookup.find(req, cluster_obj.Cluster, given[-1], ('id',))
    except errors.NotFound:
        raise errors.BadRequest('Cannot find the given cluster: %s.' % given[-1])
    return {'cluster_id': [cluster['id']]}


def list_nodes(req):
    rbac.authorize(req, 'nodes:index')
    query = listing.parse(req, NODE_LIST)
    rows = listing.page(req, NODE_LIST, node_obj.Node, FIELDS, query=query,
                        filters=_cluster_filter(req),
                        extra=COLUMNS)
    return util.json_response({'nodes': serializers.add_node_health(
        req, [_serialize(req, r) for r in rows])})


def _details(req, node):
    """What the node's profile says about its resource (``show_details``)."""
    context = util.context(req)
    stored = _stored_profile(req, node)
    try:
        plugin = plugins.profile_class(stored.type).from_object(stored,
                                                                util.conf(req))
        return plugin.get_details(context, node_obj.Node(**node))
    except (profile_base.ResourceError, plugins.ProfileTypeNotFound) as exc:
        # Senlin's shape for a backend that could not answer.
        return {'Error': {'code': 500, 'message': str(exc)}}


def show_node(req):
    rbac.authorize(req, 'nodes:get')
    details = util.parse_bool('show_details', req.GET.get('show_details', 'false'))
    node = _find_node(req)
    body = serializers.add_node_health(req, [_serialize(req, node)])[0]
    if details and node['physical_id']:
        body['details'] = _details(req, node)
    return util.json_response({'node': body})


# --- create ------------------------------------------------------------------------

def _joinable_cluster(req, identity, profile):
    """The cluster a new node joins: it must use the same profile type."""
    cluster = lookup.referenced(req, cluster_obj.Cluster, identity, CLUSTER_FIELDS)
    if cluster['profile_id'] != profile['id']:
        cluster_profile = profile_obj.Profile.get(
            util.context(req), cluster['profile_id'], project_safe=False)
        if cluster_profile.type != profile['type']:
            raise errors.BadRequest('Node and cluster have different profile '
                                    'type, operation aborted.')
    return cluster


def _write_node(req, values, cluster):
    """The node row and its NODE_CREATE action, in one transaction.

    A member takes the cluster's next index; the cluster row's lock (on MySQL and
    PostgreSQL) also serializes the max_size check of concurrent creates.
    """
    context = util.context(req)
    timeout = util.conf(req).default_action_timeout
    with context.writer:
        if cluster is not None:
            values['index'] = cluster_obj.Cluster.reserve_indexes(
                context, cluster['id'], 1)
            values['cluster_id'] = cluster['id']
            members = node_obj.Node.count_in_cluster(context, cluster['id'])
            try:
                scaleutils.check_size(members + 1, None, cluster['max_size'])
            except scaleutils.CapacityError as exc:
                raise errors.BadRequest(str(exc))
            timeout = cluster['timeout'] or timeout
        return requests.create_node(context, timeout, **values)


def create_node(req):
    rbac.authorize(req, 'nodes:create')
    data = checks.resource_body(req, 'node', node_schema.CREATE)
    lookup.check_name_unique(req, node_obj.Node, data['name'],
                             'The node named (%s) already exists.')
    profile = lookup.referenced(req, profile_obj.Profile, data['profile_id'],
                         PROFILE_FIELDS)
    cluster = None
    if data.get('cluster_id'):
        cluster = _joinable_cluster(req, data['cluster_id'], profile)
    node, action = _write_node(req, {
        'name': data['name'], 'profile_id': profile['id'],
        'role': data.get('role') or '', 'metadata': data.get('metadata') or {}},
        cluster)
    util.nudge(req)
    body = dict(node.to_dict(), profile_name=profile['name'])
    return util.accepted(req, action.id, {'node': serializers.add_node_health(
        req, [_serialize(req, body)])[0]})


# --- update, delete ----------------------------------------------------------------

def _new_profile_id(req, node, identity):
    profile = lookup.referenced(req, profile_obj.Profile, identity, PROFILE_FIELDS)
    if profile['id'] == node['profile_id']:
        return None
    if _stored_profile(req, node).type != profile['type']:
        raise errors.BadRequest('Cannot update a node to a different profile '
                                'type, operation aborted.')
    return profile['id']


def _update_inputs(req, node, data):
    """NODE_UPDATE inputs: what the body changes (``null`` means "keep")."""
    inputs = {}
    if data.get('profile_id') is not None:
        new_profile_id = _new_profile_id(req, node, data['profile_id'])
        if new_profile_id:
            inputs['new_profile_id'] = new_profile_id
    for key in ('name', 'role', 'metadata'):
        if data.get(key) is not None and data[key] != node[key]:
            inputs[key] = data[key]
    tainted = checks.boolean('tainted', data.get('tainted'))
    if tainted is not None and tainted != bool(node['tainted']):
        inputs['tainted'] = tainted
    if not inputs:
        raise errors.BadRequest('No property needs an update.')
    return inputs


def update_node(req):
    rbac.authorize(req, 'nodes:update')
    data = checks.resource_body(req, 'node', checks.for_version(
        req, node_schema.UPDATE), checks.MALFORMED)
    node = _find_node(req)
    action = _node_action(req, node, 'NODE_UPDATE',
                          _update_inputs(req, node, data))
    return util.accepted(req, action.id, {'node': serializers.add_node_health(
        req, [_serialize(req, node)])[0]})


def _asks_dry_run(req):
    """Does the query or the body (read leniently: below 1.8 it is not checked)
    mention ``dry_run``?"""
    if checks.DRY_RUN in req.GET:
        return True
    try:
        body = json.loads(req.body) if req.body else None
    except ValueError:
        return False
    return isinstance(body, dict) and checks.DRY_RUN in body


def _delete_options(req):
    """``(force, dry_run)`` of a node delete: ``force`` from the body (or the
    query) from 1.8, ``dry_run`` likewise from 1.16.

    NOTE: below 1.8 the body is ignored, as Senlin did, except a ``dry_run``
    in it (or in the query) at any version below 1.16: a client that asked for
    a dry run must never get a real delete.
    """
    if not _at_least(req, DRY_RUN_VERSION) and _asks_dry_run(req):
        raise errors.BadRequest(checks.EARLY_DRY_RUN)
    if not _at_least(req, FORCE_VERSION):
        return False, False
    body = util.body_or(req, {})
    checks.validate(node_schema.DELETE_V1_16 if _at_least(req, DRY_RUN_VERSION)
                    else node_schema.DELETE, body)
    body = dict(body)
    if checks.DRY_RUN not in body and checks.DRY_RUN in req.GET:
        body[checks.DRY_RUN] = req.GET[checks.DRY_RUN]
    dry_run = checks.pop_dry_run(req, body)
    value = body.get('force')
    if value is None:
        value = req.GET.get('force')
    return checks.boolean('force', value, default=False), dry_run


def _check_deletable(req, node, force):
    identity = req.urlvars['node_id']
    if not force and node['status'] in DELETE_BUSY:
        raise errors.ActionInProgress("The node '%s' is in status %s." %
                               (identity, node['status']))
    if (node['dependents'] or {}).get('nodes'):
        raise errors.ResourceInUse("The node '%s' cannot be deleted: still "
                                     "depended by other clusters and/or nodes."
                                     % identity)


def _dry_run_delete(req, node, force):
    """200 with the plan of the delete (1.16); what would refuse it is in the
    plan, not an error."""
    refusals = []
    try:
        _check_deletable(req, node, force)
    except errors.Conflict as exc:
        refusals.append(('request', str(exc)))
    plan = planning.plan_node_delete(util.conf(req), util.context(req),
                                     node['id'], force)
    for by, reason in refusals:
        plan.refuse(by, reason)
    return util.json_response({'dry_run': plan.to_dict()})


def delete_node(req):
    rbac.authorize(req, 'nodes:delete')
    force, dry_run = _delete_options(req)
    node = _find_node(req)
    if dry_run:
        return _dry_run_delete(req, node, force)
    _check_deletable(req, node, force)
    action = _node_action(req, node, 'NODE_DELETE', {'force': force})
    return util.accepted(req, action.id)


# --- check, recover, operations ----------------------------------------------------

def _recover_inputs(req, params):
    """NODE_RECOVER inputs from a ``recover`` body, checked as Senlin did."""
    allowed = RECOVER_PARAMS if _at_least(req, RECOVER_CHECK_VERSION) else \
        tuple(p for p in RECOVER_PARAMS if p != 'check')
    unknown = sorted(str(key) for key in params if key not in allowed)
    if unknown:
        raise errors.BadRequest('Action parameter %s is not recognizable.' %
                                unknown)
    inputs = {key: params[key] for key in ('delete_timeout', 'force_recreate')
              if key in params}
    operation = params.get('operation')
    if operation is not None:
        if not isinstance(operation, str) or \
                operation.upper() not in RECOVERY_OPERATIONS:
            raise errors.BadRequest(
                "Operation value '%s' has to be one of the following: %s." %
                (operation, ', '.join(RECOVERY_OPERATIONS)))
        inputs['operation'] = operation.upper()
    if params.get('operation_params') is not None:
        if not isinstance(params['operation_params'], dict):
            raise errors.BadRequest("The value of 'operation_params' must be a "
                                    "map.")
        inputs['operation_params'] = params['operation_params']
    if 'check' in params:
        inputs['check'] = checks.boolean('check', params['check'])
    return inputs


def run_node_action(req):
    rbac.authorize(req, 'nodes:action')
    name, params = _single_key(util.body_or(req, {}), 'action')
    if name not in ('check', 'recover'):
        raise errors.BadRequest("Unrecognized action '%s' specified" % name)
    if not isinstance(params, dict):
        raise errors.BadRequest('The params provided is not a map.')
    node = _find_node(req)
    if name == 'check':
        action = _node_action(req, node, 'NODE_CHECK', params)
    else:
        action = _node_action(req, node, 'NODE_RECOVER',
                              _recover_inputs(req, params))
    return util.accepted(req, action.id, {'action': action.id})


def _operation_params(req, node, operation, params):
    """Check an operation against the node's profile type before writing it."""
    stored = _stored_profile(req, node)
    profile_class = plugins.profile_class(stored.type)
    declared = profile_class.describe_operations()['operations']
    if operation not in declared:
        raise errors.BadRequest("The requested operation '%s' is not supported "
                                "by the profile type '%s'." % (operation,
                                                               stored.type))
    try:
        # NOTE: the engine checks the parameters again with the same schema
        # (Profile.operation); checking here too answers a typo with a 400
        # instead of a FAILED action.
        schema.validate(profile_base._parameter_schema(
            profile_class.OPERATIONS[operation]), params, 'parameters')
    except schema.InvalidSpec as exc:
        # Senlin's sentences ended with a period here; tempest checks one.  An
        # unknown key is a parameter here, not a spec item (Senlin's words).
        reason = exc.reason.replace('Unrecognizable spec item',
                                    'Unrecognizable parameter')
        raise errors.BadRequest(reason.rstrip('.') + '.')
    return params or {}


@microversion.versioned('1.4')
def run_node_operation(req):
    rbac.authorize(req, 'nodes:operation')
    operation, params = _single_key(util.body_or(req, {}), 'operation')
    node = _find_node(req)
    params = _operation_params(req, node, operation, params)
    action = _node_action(req, node, 'NODE_OPERATION',
                          {'operation': operation, 'params': params})
    return util.accepted(req, action.id, {'action': action.id})


# --- adoption ----------------------------------------------------------------------

def _adoption(req, data):
    """(profile class, spec) describing the resource ``data['identity']``, from
    the profile type's ``adopt_spec``; other types answer 400."""
    context = util.context(req)
    try:
        profile_class = plugins.profile_class(data['type'])
    except plugins.ProfileTypeNotFound as exc:
        raise errors.BadRequest(str(exc))
    adopt_spec = getattr(profile_class, 'adopt_spec', None)
    if adopt_spec is None:
        raise errors.BadRequest("Adopting resources of the profile type '%s' is "
                                "not supported." % data['type'])
    try:
        spec = adopt_spec(context, util.conf(req), data['identity'],
                          overrides=data.get('overrides'), user_id=context.user_id,
                          project_id=None if context.is_admin else
                          context.project_id)
    except (profile_base.ResourceError, schema.InvalidSpec) as exc:
        # NOTE: Senlin answered 500 for a resource it could not read; a wrong
        # identity is the caller's mistake, and the message says which.
        raise errors.BadRequest(str(exc))
    return profile_class, spec


@microversion.versioned('1.7')
def preview_node_adoption(req):
    rbac.authorize(req, 'nodes:adopt_preview')
    data = util.extract_json(req)
    checks.validate(node_schema.ADOPT_PREVIEW, data)
    # The body is checked whole before any cloud call (snapshot is not taken).
    checks.boolean('snapshot', data.get('snapshot'))
    _, spec = _adoption(req, data)
    # NOTE: the CLI renders node_profile as {type, version, properties}.
    return util.json_response({'node_profile': spec})


def _health(req, profile_class, spec, node):
    """(status, reason) of a node adopted over a resource: what a check says."""
    try:
        plugin = profile_class('adopted', spec, conf=util.conf(req))
        healthy = plugin.check(util.context(req), node)
    except profile_base.ResourceError as exc:
        return states.N_ERROR, 'Node adopted; its resource cannot be checked: %s' \
            % exc.message
    if not healthy:
        return states.N_ERROR, 'Node adopted; its resource is not healthy.'
    return states.N_ACTIVE, 'Node adopted successfully'


def _adopted_node(req, name, data, profile_class, spec):
    """The profile ``prof-<name>`` and an orphan node over the resource."""
    context = util.context(req)
    managers = node_obj.Node.ids_with_physical_id(context, data['identity'])
    if managers:
        raise errors.ResourceInUse(
            "The resource '%s' is already managed by node '%s'."
            % (data['identity'], managers[0]))
    owner = {'user': context.user_id, 'project': context.project_id or '',
             'domain': context.domain_id}
    values = node_obj.Node.values_for(
        context, name=name, physical_id=data['identity'],
        role=data.get('role') or '', metadata=data.get('metadata') or {},
        **owner)
    values['status'], values['status_reason'] = _health(
        req, profile_class, spec, node_obj.Node(**values))
    with context.writer:
        profile = profile_obj.Profile.create(
            context, name='prof-%s' % name, type=data['type'],
            spec=spec, context={}, metadata={}, **owner)
        node = node_obj.Node.create(context, profile_id=profile.id, **values)
    return dict(node.to_dict(), profile_name=profile.name)


@microversion.versioned('1.7')
def adopt_node(req):
    rbac.authorize(req, 'nodes:adopt')
    data = util.extract_json(req)
    checks.validate(node_schema.ADOPT, data)
    checks.boolean('snapshot', data.get('snapshot'))
    name = data.get('name') or scaleutils.node_name('node-$8R', 0)
    lookup.check_name_unique(req, node_obj.Node, name,
                             'The node named (%s) already exists.')
    profile_class, spec = _adoption(req, data)
    node = _adopted_node(req, name, data, profile_class, spec)
    return util.json_response({'node': _serialize(req, node)})
