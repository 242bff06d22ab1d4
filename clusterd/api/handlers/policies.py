"""``/v1/policies``: cluster policies, checked by their plugin, bound to clusters
by the policy_attach cluster action."""

from clusterd.api import errors
from clusterd.api import listing
from clusterd.api import lookup
from clusterd.api import microversion
from clusterd.api import rbac
from clusterd.api.schemas import checks
from clusterd.api.schemas import policy as policy_schema
from clusterd.api import util
from clusterd.clock import utcnow
from clusterd.objects import policy as policy_obj
from clusterd import plugins
from clusterd import schema

FIELDS = ('id', 'name', 'type', 'spec', 'data', 'user', 'project', 'domain',
          'created_at', 'updated_at')

POLICY_LIST = listing.ListSpec(
    filters=('name', 'type'),
    sort_keys=('type', 'name', 'created_at', 'updated_at'))


def serialize(row):
    return {
        'id': row['id'],
        'name': row['name'],
        'type': row['type'],
        'user': row['user'],
        'project': row['project'],
        'domain': row['domain'],
        'spec': row['spec'],
        'data': row['data'] or {},
        'created_at': util.isotime(row['created_at']),
        'updated_at': util.isotime(row['updated_at']),
    }


def check_spec(req, spec, name):
    """Build the plugin instance of ``spec``, which validates it.

    :returns: the type name (``'senlin.policy.deletion-1.1'``)
    :raises errors.NotFound: no such policy type (404, as in Senlin)
    :raises errors.BadRequest: the spec does not match its schema
    """
    try:
        type_name = schema.type_name_of(spec)
        cls = plugins.policy_class(type_name)
        # Policy plugins check only the properties; the outer shape is checked here.
        schema.split_spec(spec, cls.TYPE, tuple(cls.SUPPORT_STATUS) or cls.VERSION)
        policy = cls(name, spec, conf=util.conf(req))
        validate = getattr(policy, 'validate_resources', None)
        if validate is not None:
            # Checked against the cloud when it can be asked (Senlin did).
            validate(util.context(req))
    except plugins.PolicyTypeNotFound as exc:
        raise errors.NotFound(str(exc))
    except schema.InvalidSpec as exc:
        raise errors.InvalidSpec(errors.spec_problem(exc))
    return type_name


def list_policies(req):
    rbac.authorize(req, 'policies:index')
    rows = listing.page(req, POLICY_LIST, policy_obj.Policy, FIELDS)
    return util.json_response({'policies': [serialize(row) for row in rows]})


def create_policy(req):
    rbac.authorize(req, 'policies:create')
    data = checks.resource_body(req, 'policy', policy_schema.CREATE)
    name = data['name']
    type_name = check_spec(req, data['spec'], name)
    lookup.check_name_unique(req, policy_obj.Policy, name,
                             "A policy named '%s' already exists.")
    context = util.context(req)
    policy = policy_obj.Policy.create(
        context, name=name, type=type_name, spec=data['spec'], data={},
        user=context.user_id, project=context.project_id or '',
        domain=context.domain_id)
    row = lookup.find(req, policy_obj.Policy, policy.id, FIELDS)
    return util.json_response({'policy': serialize(row)}, status=201)


@microversion.versioned('1.2')
def validate_policy(req):
    rbac.authorize(req, 'policies:validate')
    data = checks.resource_body(req, 'policy', policy_schema.VALIDATE)
    type_name = check_spec(req, data['spec'], 'validated_policy')
    context = util.context(req)
    return util.json_response({'policy': {
        'id': None, 'name': 'validated_policy', 'type': type_name,
        'user': context.user_id, 'project': context.project_id,
        'domain': context.domain_id, 'spec': data['spec'], 'data': {},
        'created_at': None, 'updated_at': None}})


def show_policy(req):
    rbac.authorize(req, 'policies:get')
    row = lookup.find(req, policy_obj.Policy, req.urlvars['policy_id'], FIELDS)
    return util.json_response({'policy': serialize(row)})


def update_policy(req):
    rbac.authorize(req, 'policies:update')
    data = checks.resource_body(
        req, 'policy', policy_schema.UPDATE,
        "Malformed request data, missing '%s' key in request body.")
    row = lookup.find(req, policy_obj.Policy, req.urlvars['policy_id'], FIELDS)
    if data['name'] == row['name']:
        raise errors.BadRequest('No property needs an update.')
    policy_obj.Policy.update(util.context(req), row['id'], name=data['name'],
                             updated_at=utcnow())
    row = lookup.find(req, policy_obj.Policy, row['id'], FIELDS)
    return util.json_response({'policy': serialize(row)})


def delete_policy(req):
    rbac.authorize(req, 'policies:delete')
    identity = req.urlvars['policy_id']
    row = lookup.find(req, policy_obj.Policy, identity, ('id',))
    if not policy_obj.Policy.delete_if_detached(util.context(req), row['id']):
        raise errors.ResourceInUse("The policy '%s' cannot be deleted: still "
                                     "attached to some clusters." % identity)
    return util.empty_response(204)
