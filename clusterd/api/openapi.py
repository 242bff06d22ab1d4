"""The OpenAPI 3.1 document of the API, built from the code that serves it.

Served at ``GET /v1/openapi.json``.  Nothing the code already states is written a
second time here:

- paths, methods and path parameters come from the route table
  (:data:`clusterd.api.router.ROUTES`), operation ids from the handler names;
- version windows come from the handlers declared with
  :func:`clusterd.api.microversion.versioned`, the header's values from
  :data:`clusterd.api.microversion.VERSIONS`;
- the query parameters of a list come from its :class:`clusterd.api.listing.ListSpec`
  (filters, their allowed values, sort keys);
- request bodies are the JSON Schemas of :mod:`clusterd.api.schemas` (and of
  :mod:`clusterd.api.handlers.cluster_actions` for the action bodies), wrapped
  in their resource key; where a schema changed with the version, the newest one
  is shown (a request at an older version is held to the older schema).

What the code does not state in a machine-readable way is written below: the shape
of the response bodies (:data:`SCHEMAS`: closed objects, every field required but
those shown only from a microversion on, which carry ``x-openstack-min-version``),
and which handler reads which body and query parameters (:data:`OPERATIONS`, keyed
by handler name, the operation id).  A unit test checks that every route has an
entry, so a new route cannot be left out silently.
"""

import copy
import dataclasses

from clusterd.api.handlers import actions
from clusterd.api.handlers import cluster_actions
from clusterd.api.handlers import cluster_policies
from clusterd.api.handlers import clusters
from clusterd.api.handlers import events
from clusterd.api.handlers import nodes
from clusterd.api.handlers import policies
from clusterd.api.handlers import profiles
from clusterd.api.handlers import receivers
from clusterd.api import idempotency
from clusterd.api import microversion
from clusterd.api.schemas import checks
from clusterd.api.schemas import cluster as cluster_schema
from clusterd.api.schemas import nodes as node_schema
from clusterd.api.schemas import policy as policy_schema
from clusterd.api.schemas import profile as profile_schema
from clusterd.api.schemas import receivers as receiver_schema
from clusterd import version

OPENAPI_VERSION = '3.1.0'
DOCUMENT_PATH = '/v1/openapi.json'


def _ref(name):
    return {'$ref': '#/components/schemas/%s' % name}


# --- response bodies ---------------------------------------------------------------

_STRING = {'type': 'string'}
_NULLABLE_STRING = {'type': ['string', 'null']}
_NULLABLE_INTEGER = {'type': ['integer', 'null']}
_OBJECT = {'type': 'object'}
_TIME = {'type': ['string', 'null'], 'description': "UTC, '2016-01-18T00:00:00Z'"}
_IDS = {'type': 'array', 'items': _STRING}


# A property's first microversion (absent before it).
MIN_VERSION = 'x-openstack-min-version'


def _body(properties, optional=()):
    """A response object with exactly these properties.

    Each is present unless named in ``optional`` or shown only from a
    microversion on (``x-openstack-min-version`` in its schema: present from that
    version, absent before it; tests/functional/openapi_conformance.py holds every
    answer of the gabbi suites to this).
    """
    return {'type': 'object', 'properties': properties,
            'required': sorted(name for name, schema in properties.items()
                               if name not in optional
                               and MIN_VERSION not in schema),
            'additionalProperties': False}


def _since(version, schema, description=None):
    """A property shown from microversion ``version`` on."""
    return dict(schema, description=description or 'From %s.' % version,
                **{MIN_VERSION: version})


_OWNER = {'user': _NULLABLE_STRING, 'project': _NULLABLE_STRING,
          'domain': _NULLABLE_STRING}

_TYPE_ITEM = dict(
    _body({'name': _STRING, 'version': _since('1.5', _STRING),
           'support_status': _since('1.5', _OBJECT)}),
    description="Before 1.5 only 'name' ('os.nova.server-1.0'); from 1.5 the "
                "name, version and support_status apart.")

SCHEMAS = {
    'Error': _body({
        'code': {'type': 'integer'},
        'title': _STRING,
        'explanation': _STRING,
        'error': _body({'code': {'type': 'integer'}, 'message': _STRING,
                        'type': _STRING}),
    }),
    'Version': _body({
        'id': _STRING, 'status': _STRING, 'updated': _STRING,
        'media-types': {'type': 'array', 'items': _OBJECT},
        'links': {'type': 'array', 'items': _OBJECT},
        'min_version': _STRING, 'max_version': _STRING,
    }),
    'ProfileType': _body({'name': _STRING, 'schema': _OBJECT,
                          'support_status': _since('1.5', _OBJECT)}),
    'TypeItem': _TYPE_ITEM,
    'Profile': _body(dict(_OWNER, id=_NULLABLE_STRING, name=_STRING, type=_STRING,
                          spec=_OBJECT, metadata=_OBJECT, created_at=_TIME,
                          updated_at=_TIME)),
    # NOTE: a validated profile or policy is answered with a null id (Senlin's).
    'Policy': _body(dict(_OWNER, id=_NULLABLE_STRING, name=_STRING, type=_STRING,
                         spec=_OBJECT, data=_OBJECT, created_at=_TIME,
                         updated_at=_TIME)),
    'Cluster': _body(dict(
        _OWNER, id=_STRING, name=_STRING, profile_id=_STRING,
        profile_name=_NULLABLE_STRING, init_at=_TIME, created_at=_TIME,
        updated_at=_TIME, min_size={'type': 'integer'},
        max_size={'type': 'integer'}, desired_capacity={'type': 'integer'},
        timeout=_NULLABLE_INTEGER, status=_STRING, status_reason=_NULLABLE_STRING,
        metadata=_OBJECT, data=_OBJECT, dependents=_OBJECT, config=_OBJECT,
        nodes=_IDS, policies=_IDS,
        healthy_nodes=_since('1.15', {'type': ['integer', 'null']},
                             'From 1.15: nodes found healthy.'),
        health=_since('1.15', _OBJECT,
                      'From 1.15: last check and circuit breaker.'))),
    'Node': _body(dict(
        _OWNER, id=_STRING, name=_STRING, cluster_id=_NULLABLE_STRING,
        physical_id=_NULLABLE_STRING, profile_id=_STRING,
        profile_name=_NULLABLE_STRING, index=_NULLABLE_INTEGER,
        role=_NULLABLE_STRING, init_at=_TIME, created_at=_TIME, updated_at=_TIME,
        status=_STRING, status_reason=_NULLABLE_STRING, metadata=_OBJECT,
        data=_OBJECT, dependents=_OBJECT,
        tainted=_since('1.13', {'type': 'boolean'}),
        health=_since('1.15', _OBJECT, 'From 1.15: last check, result per '
                      'detector, recovery attempts, attention, breaker.'),
        details={'type': 'object', 'description': 'With ?show_details=true.'}),
        optional=['details']),
    'Action': _body(dict(
        id=_STRING, name=_STRING, action=_STRING, target=_STRING,
        cause=_NULLABLE_STRING, owner=_NULLABLE_STRING,
        interval=_NULLABLE_INTEGER, start_time={'type': ['number', 'null']},
        end_time={'type': ['number', 'null']}, timeout=_NULLABLE_INTEGER,
        status=_STRING, status_reason=_NULLABLE_STRING, inputs=_OBJECT,
        outputs=_OBJECT, depends_on=_IDS, depended_by=_IDS, created_at=_TIME,
        updated_at=_TIME, data=_OBJECT, user=_NULLABLE_STRING,
        project=_NULLABLE_STRING,
        cluster_id=_since('1.14', _NULLABLE_STRING))),
    'Event': _body({
        'id': _STRING, 'timestamp': _TIME, 'oid': _NULLABLE_STRING,
        'oname': _NULLABLE_STRING, 'otype': _NULLABLE_STRING,
        'cluster_id': _NULLABLE_STRING, 'level': _NULLABLE_STRING,
        'user': _NULLABLE_STRING, 'project': _NULLABLE_STRING,
        'action': _NULLABLE_STRING, 'status': _NULLABLE_STRING,
        'status_reason': _NULLABLE_STRING, 'meta_data': _OBJECT}),
    'Receiver': _body(dict(
        _OWNER, id=_STRING, name=_STRING, type=_STRING,
        cluster_id=_NULLABLE_STRING, actor=_OBJECT, action=_NULLABLE_STRING,
        params=_OBJECT, created_at=_TIME, updated_at=_TIME,
        channel={'type': 'object', 'description':
                 "A webhook's 'alarm_url': <base>/v1/webhooks/<id>/trigger?V=2"})),
    'ClusterPolicy': _body({
        'id': _STRING, 'cluster_id': _STRING, 'cluster_name': _NULLABLE_STRING,
        'policy_id': _STRING, 'policy_name': _NULLABLE_STRING,
        'policy_type': _NULLABLE_STRING, 'enabled': {'type': 'boolean'},
        'priority': _NULLABLE_INTEGER, 'data': _OBJECT, 'last_op': _TIME}),
    'Service': _body({
        'id': _STRING, 'host': _NULLABLE_STRING, 'binary': _NULLABLE_STRING,
        'topic': _NULLABLE_STRING, 'disabled_reason': _NULLABLE_STRING,
        'status': {'enum': ['enabled', 'disabled']},
        'state': {'enum': ['up', 'down']}, 'updated_at': _TIME}),
    'ActionId': _body({'action': _STRING}),
    # Microversion 1.16: the answer of a request with "dry_run": true
    # (clusterd.policies.base.Plan).
    'DryRun': _body({'dry_run': _body({
        'action': _STRING, 'counts': _OBJECT, 'victims': {
            'type': 'array', 'items': _body({'id': _STRING, 'name': _STRING,
                                             'reason': _STRING})},
        'placements': {'type': 'array', 'items': _OBJECT},
        'batches': {'type': 'array', 'items': _IDS},
        'decided_by': _OBJECT, 'policies': {'type': 'array', 'items': _OBJECT},
        'notes': _IDS, 'details': _OBJECT,
        'refused': {'type': ['object', 'null']}})}),
}


def _wrapped(key, schema_name):
    return _body({key: _ref(schema_name)})


def _listed(key, schema_name):
    return _body({key: {'type': 'array', 'items': _ref(schema_name)}})


# --- request bodies ----------------------------------------------------------------

def newest(schemas):
    """The newest schema of a ``[(since version, schema), ...]`` list."""
    return schemas[-1][1]


def _resource(key, schema):
    """``{"<key>": schema}``, the way every create and update is wrapped."""
    return checks.strict_object({key: schema}, required=[key])


def _cluster_action_body():
    """One of ``{"<action>": {...}}``, from the action table the handler uses."""
    choices = []
    for name, action in sorted(cluster_actions.ACTIONS.items()):
        inner = copy.deepcopy(newest(action.schemas))
        # A null or missing action body is taken as an empty one.
        if 'required' not in inner:
            inner['type'] = ['object', 'null']
        choice = checks.strict_object({name: inner}, required=[name])
        if action.since != microversion.MIN_VERSION:
            choice['description'] = 'From %s.' % action.since
        choices.append(choice)
    return {'oneOf': choices}


def _single_key_body(description, value=None):
    return {'type': 'object', 'minProperties': 1, 'maxProperties': 1,
            'additionalProperties': value or {'type': ['object', 'null']},
            'description': description}


# NOTE: node check/recover and the profile operations have no schema module: the
# handlers check them by hand (Senlin's exact messages); this is their shape.
_NODE_ACTION = {'oneOf': [
    checks.strict_object({'check': {'type': 'object'}}, required=['check']),
    checks.strict_object({'recover': {'type': 'object', 'properties': {
        'operation': {'enum': list(nodes.RECOVERY_OPERATIONS)},
        'operation_params': {'type': 'object'},
        'check': checks.BOOLEAN,
        'delete_timeout': checks.INTEGER,
        'force_recreate': checks.BOOLEAN,
    }, 'additionalProperties': False}}, required=['recover']),
]}



# --- query parameters --------------------------------------------------------------

def _query(name, schema, description=None, required=False, explode=None):
    parameter = {'name': name, 'in': 'query', 'required': required,
                 'schema': schema}
    if description:
        parameter['description'] = description
    if explode is not None:
        parameter.update(style='form', explode=explode)
    return parameter


def list_parameters(spec):
    """The query parameters a :class:`ListSpec` accepts."""
    parameters = [
        _query('limit', {'type': 'integer', 'minimum': 0},
               'The most rows to return (0: none).'),
        _query('marker', {'type': 'string', 'format': 'uuid'},
               'The id of the last row of the previous page.'),
        _query('sort', {'type': 'string'},
               'key[:asc|desc],... with key one of: %s.' % ', '.join(
                   spec.sort_keys)),
        _query('global_project', {'type': 'boolean'},
               'Rows of every project (admin only, else 403).'),
    ]
    for name in spec.filters + spec.extra:
        item = {'type': 'string'}
        if name in spec.enums:
            item = {'enum': list(spec.enums[name])}
        parameters.append(_query(
            name, {'type': 'array', 'items': item},
            'Filter; repeat the parameter for several values.', explode=True))
    return parameters


_FORCE = _query('force', {'type': 'boolean'})
_DRY_RUN = _query('dry_run', {'type': 'boolean'},
                  'From 1.16: answer 200 with the plan, change nothing.')


# --- operations --------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Operation:
    """What the document says of one handler beyond the route table.

    :param status: the success status
    :param response: the success body's schema (None: an empty body)
    :param body: the request body's schema (None: no body is read)
    :param body_required: whether a request without a body is refused
    :param query: query parameters
    :param public: no token needed (discovery, this document, webhook triggers)
    :param versioned: answers the microversion header
    :param errors: ``(status, when)`` of errors only this operation answers
    """
    status: int = 200
    response: dict = None
    body: dict = None
    body_required: bool = True
    query: tuple = ()
    public: bool = False
    versioned: bool = True
    errors: tuple = ()
    # From 1.16 ``"dry_run": true`` answers 200 with the plan (DryRun).
    dry_run: bool = False

    @property
    def location(self):
        """202s carry ``Location: <base>/v1/actions/<id>``."""
        return self.status == 202


OPERATIONS = {
    'list_versions': Operation(300, _listed('versions', 'Version'),
                                  public=True, versioned=False),
    'show_version': Operation(200, _wrapped('version', 'Version'),
                                 public=True, versioned=False),
    'show_build_info': Operation(200, _body({'build_info': _OBJECT})),
    'list_services': Operation(200, _listed('services', 'Service')),
    'list_profile_types': Operation(
        200, _listed('profile_types', 'TypeItem')),
    'show_profile_type': Operation(
        200, _wrapped('profile_type', 'ProfileType')),
    'list_profile_type_ops': Operation(
        200, _body({'operations': _OBJECT})),
    'list_profiles': Operation(
        200, _listed('profiles', 'Profile'),
        query=tuple(list_parameters(profiles.PROFILE_LIST))),
    'create_profile': Operation(
        201, _wrapped('profile', 'Profile'),
        _resource('profile', profile_schema.CREATE)),
    'validate_profile': Operation(
        200, _wrapped('profile', 'Profile'),
        _resource('profile', profile_schema.VALIDATE)),
    'show_profile': Operation(200, _wrapped('profile', 'Profile')),
    'update_profile': Operation(
        200, _wrapped('profile', 'Profile'),
        _resource('profile', profile_schema.UPDATE)),
    'delete_profile': Operation(204),
    'list_policy_types': Operation(
        200, _listed('policy_types', 'TypeItem')),
    'show_policy_type': Operation(
        200, _wrapped('policy_type', 'ProfileType')),
    'list_policies': Operation(
        200, _listed('policies', 'Policy'),
        query=tuple(list_parameters(policies.POLICY_LIST))),
    'create_policy': Operation(
        201, _wrapped('policy', 'Policy'),
        _resource('policy', policy_schema.CREATE)),
    'validate_policy': Operation(
        200, _wrapped('policy', 'Policy'),
        _resource('policy', policy_schema.VALIDATE)),
    'show_policy': Operation(200, _wrapped('policy', 'Policy')),
    'update_policy': Operation(
        200, _wrapped('policy', 'Policy'),
        _resource('policy', policy_schema.UPDATE)),
    'delete_policy': Operation(204),
    'list_clusters': Operation(
        200, _listed('clusters', 'Cluster'),
        query=tuple(list_parameters(clusters.CLUSTER_LIST))),
    'create_cluster': Operation(
        202, _wrapped('cluster', 'Cluster'),
        _resource('cluster', newest(cluster_schema.CREATE))),
    'show_cluster': Operation(200, _wrapped('cluster', 'Cluster')),
    'update_cluster': Operation(
        202, _wrapped('cluster', 'Cluster'),
        _resource('cluster', newest(cluster_schema.UPDATE)), dry_run=True),
    'delete_cluster': Operation(
        202, None, cluster_schema.DELETE_V1_8, body_required=False,
        query=(_FORCE,)),
    'run_cluster_action': Operation(202, _ref('ActionId'),
                                           _cluster_action_body(), dry_run=True),
    'collect_cluster_attrs': Operation(200, _body({
        'cluster_attributes': {'type': 'array', 'items': _body({
            'id': _STRING, 'value': {}})}})),
    'run_cluster_operation': Operation(202, _ref('ActionId'), _single_key_body(
        "{\"<operation>\": {\"params\": {...}, \"filters\": {...}}}; the "
        "operations are the profile type's (GET /v1/profile-types/{t}/ops)."),
        dry_run=True),
    'list_cluster_policies': Operation(
        200, _listed('cluster_policies', 'ClusterPolicy'),
        query=tuple(list_parameters(cluster_policies.BINDING_LIST))),
    'show_cluster_policy': Operation(
        200, _wrapped('cluster_policy', 'ClusterPolicy')),
    'list_nodes': Operation(
        200, _listed('nodes', 'Node'),
        query=tuple(list_parameters(nodes.NODE_LIST))),
    'create_node': Operation(202, _wrapped('node', 'Node'),
                                 _resource('node', node_schema.CREATE)),
    'adopt_node': Operation(200, _wrapped('node', 'Node'), node_schema.ADOPT),
    'preview_node_adoption': Operation(
        200, _body({'node_profile': _OBJECT}), node_schema.ADOPT_PREVIEW),
    'show_node': Operation(200, _wrapped('node', 'Node'), query=(
        _query('show_details', {'type': 'boolean'},
               "Add the backend's view of the resource as 'details'."),)),
    'update_node': Operation(202, _wrapped('node', 'Node'),
                                 _resource('node', newest(node_schema.UPDATE))),
    'delete_node': Operation(202, None, node_schema.DELETE_V1_16,
                                 body_required=False, query=(_FORCE, _DRY_RUN),
                                 dry_run=True),
    'run_node_action': Operation(202, _ref('ActionId'), _NODE_ACTION),
    'run_node_operation': Operation(202, _ref('ActionId'), _single_key_body(
        "{\"<operation>\": {parameters}}; the operations are the profile "
        "type's (GET /v1/profile-types/{t}/ops).")),
    'list_actions': Operation(
        200, _listed('actions', 'Action'),
        query=tuple(list_parameters(actions.ACTION_LIST))),
    'create_action': Operation(400, _ref('Error'), body_required=False),
    'show_action': Operation(200, _wrapped('action', 'Action')),
    'update_action': Operation(202, None, _resource('action', actions.UPDATE),
                               query=(_FORCE,)),
    'list_receivers': Operation(
        200, _listed('receivers', 'Receiver'),
        query=tuple(list_parameters(receivers.RECEIVER_LIST_V1_4))),
    'create_receiver': Operation(
        201, _wrapped('receiver', 'Receiver'),
        _resource('receiver', receiver_schema.CREATE)),
    'show_receiver': Operation(200, _wrapped('receiver', 'Receiver')),
    'update_receiver': Operation(
        200, _wrapped('receiver', 'Receiver'),
        _resource('receiver', receiver_schema.UPDATE_V1_15)),
    'delete_receiver': Operation(204),
    'notify_receiver': Operation(204, body_required=False),
    'trigger_webhook': Operation(
        202, _ref('ActionId'), {'type': 'object', 'description':
                                "The action's inputs, over the receiver's "
                                "params (V=1 before 1.10: {\"params\": {...}})."},
        body_required=False, public=True,
        errors=((429, 'Over the receiver\'s rate limit; see Retry-After.'),),
        query=(
            _query('V', {'enum': ['1', '2']}, "The webhook URL's version.",
                   required=True),
            _query('token', {'type': 'string'}, "The receiver's secret, as "
                   "in its alarm_url (receivers imported from Senlin have none "
                   "until rotated)."))),
    'list_events': Operation(
        200, _listed('events', 'Event'),
        query=tuple(list_parameters(events.EVENT_LIST))),
    'show_event': Operation(200, _wrapped('event', 'Event')),
}


# --- responses and the document ----------------------------------------------------

_HEADER = {'schema': {'type': 'string'}}
_ERROR_CONTENT = {'application/json': {'schema': _ref('Error')}}

# status -> when; every status but the success one answers the error body.
_ERRORS = {
    400: 'Bad input; the message names the field.',
    401: 'No valid token (keystone mode).',
    403: 'The access rules refuse the caller.',
    404: 'An object the path names cannot be found.',
    406: 'The requested microversion is outside the range served.',
    409: 'The object is busy, locked or in use.',
    413: 'The request body is larger than [api] max_body_size.',
    422: 'The Idempotency-Key was used for another request.',
    503: 'The database cannot be reached.',
}
_WRITE_ERRORS = (409, 413, 422)


def _version_window(handler):
    low = getattr(handler, 'min_version', None)
    high = getattr(handler, 'max_version', None)
    return (str(low) if low else None), (str(high) if high else None)


def _success(operation):
    response = {'description': 'Success.'}
    headers = {'x-openstack-request-id': _HEADER}
    if operation.versioned:
        headers.update({microversion.HEADER: _HEADER, 'Vary': _HEADER})
    if operation.location:
        headers['Location'] = dict(_HEADER, description=(
            'The absolute URL of the action doing the work: '
            '<base>/v1/actions/<id>.'))
    response['headers'] = headers
    if operation.response is not None:
        response['content'] = {'application/json': {
            'schema': operation.response}}
    return response


def _responses(operation, method):
    responses = {str(operation.status): _success(operation)}
    if operation.dry_run:
        responses['200'] = dict(_success(Operation(200, _ref('DryRun'))),
                                description='A dry run (from 1.16): the plan; '
                                            'nothing changed.')
    for status, description in sorted(_ERRORS.items()):
        if status == operation.status:
            continue
        if status in _WRITE_ERRORS and method == 'get':
            continue
        if status == 401 and operation.public:
            continue
        if status == 406 and not operation.versioned:
            continue
        responses[str(status)] = {'description': description,
                                  'content': _ERROR_CONTENT}
    for status, description in operation.errors:
        responses[str(status)] = {'description': description,
                                  'content': _ERROR_CONTENT}
    return responses


def _operation(path, method, handler):
    described = OPERATIONS[handler.__name__]
    parameters = [{'name': name, 'in': 'path', 'required': True,
                   'schema': {'type': 'string', 'minLength': 1}}
                  for name in _path_variables(path)]
    if described.versioned:
        parameters.append({'$ref': '#/components/parameters/Microversion'})
    if method.upper() in idempotency.MUTATING:
        parameters.append({'$ref': '#/components/parameters/IdempotencyKey'})
    parameters.extend(copy.deepcopy(list(described.query)))
    name = handler.__name__
    result = {
        'operationId': name,
        'summary': name.replace('_', ' ').capitalize() + '.',
        'tags': [handler.__module__.rpartition('.')[2]],
        'parameters': parameters,
        'responses': _responses(described, method),
    }
    low, high = _version_window(handler)
    if low:
        result['x-openstack-min-version'] = low
        result['description'] = 'From microversion %s%s.' % (
            low, ' to %s' % high if high else '')
    if high:
        result['x-openstack-max-version'] = high
    if described.public:
        result['security'] = []
    if described.body is not None:
        result['requestBody'] = {
            'required': described.body_required,
            'content': {'application/json': {
                'schema': copy.deepcopy(described.body)}}}
    return result


def _path_variables(path):
    return [part[1:-1] for part in path.split('/')
            if part.startswith('{') and part.endswith('}')]


def _idempotency_parameter():
    return {
        'name': idempotency.HEADER, 'in': 'header', 'required': False,
        'description': 'Run the request once: a replay with the same key gets '
                       'the first answer (Idempotent-Replayed: true).',
        'schema': {'type': 'string', 'minLength': 1,
                   'maxLength': idempotency.MAX_KEY,
                   'pattern': idempotency.KEY_PATTERN},
    }


def _microversion_parameter():
    values = ['%s %s' % (microversion.SERVICE_TYPE, number)
              for number, _ in microversion.VERSIONS]
    return {
        'name': microversion.HEADER, 'in': 'header', 'required': False,
        'description': 'The microversion asked for; none means %s, '
                       "'latest' means %s.  Echoed in the response." % (
                           microversion.MIN_VERSION, microversion.MAX_VERSION),
        'schema': {'enum': values + ['%s latest' % microversion.SERVICE_TYPE]},
    }


_DOCUMENTS = {}


def document(routes):
    """The OpenAPI document of the route table ``routes``
    (:data:`clusterd.api.router.ROUTES`), without its ``servers``; built once."""
    built = _DOCUMENTS.get(id(routes))
    if built is None:
        built = _DOCUMENTS[id(routes)] = _build(routes)
    return built


def _build(routes):
    paths = {}
    for path, methods in routes.items():
        paths[path] = {method.lower(): _operation(path, method.lower(), handler)
                       for method, handler in methods.items()}
    return {
        'openapi': OPENAPI_VERSION,
        'info': {
            'title': 'clusterd clustering API (Senlin v1)',
            'version': version.__version__,
            'description': (
                'Senlin v1 clustering API served by clusterd, microversions '
                '%s to %s.  Request bodies follow the newest microversion; '
                'operations added later name their first version in '
                'x-openstack-min-version.  With [api] auth_strategy = keystone '
                'every operation but discovery, this document and webhook '
                'triggers needs an X-Auth-Token; clusterd-standalone '
                '(noauth) needs none.' % (microversion.MIN_VERSION,
                                          microversion.MAX_VERSION)),
        },
        'paths': paths,
        'components': {
            'schemas': copy.deepcopy(SCHEMAS),
            'parameters': {'Microversion': _microversion_parameter(),
                           'IdempotencyKey': _idempotency_parameter()},
            'securitySchemes': {'keystone': {
                'type': 'apiKey', 'in': 'header', 'name': 'X-Auth-Token',
                'description': 'A Keystone token (keystone mode only).'}},
        },
        'security': [{'keystone': []}],
    }


OPERATIONS['show_openapi'] = Operation(200, {'type': 'object'}, public=True)
