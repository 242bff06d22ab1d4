"""``/v1/profiles``: what nodes are made from, checked by their plugin."""

from clusterd.api import errors
from clusterd.api import listing
from clusterd.api import lookup
from clusterd.api import microversion
from clusterd.api import rbac
from clusterd.api.schemas import checks
from clusterd.api.schemas import profile as profile_schema
from clusterd.api import util
from clusterd.clock import utcnow
from clusterd.objects import profile as profile_obj
from clusterd import plugins
from clusterd import schema

# Never 'context': it may hold credentials.
FIELDS = ('id', 'name', 'type', 'spec', 'metadata', 'user', 'project', 'domain',
          'created_at', 'updated_at')

PROFILE_LIST = listing.ListSpec(
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
        'metadata': row['metadata'] or {},
        'created_at': util.isotime(row['created_at']),
        'updated_at': util.isotime(row['updated_at']),
    }


def check_spec(req, spec, name, failure='%s'):
    """Build the plugin instance of ``spec``, which validates it.

    :returns: the type name (``'clusterd.simulated-1.0'``)
    :raises errors.NotFound: no such profile type (404, as in Senlin)
    :raises errors.BadRequest: the spec does not match its schema
    """
    try:
        type_name = schema.type_name_of(spec)
        cls = plugins.profile_class(type_name)
        profile = cls(name, spec, conf=util.conf(req))
        # Senlin checked that what the spec names (flavor, image, network...)
        # exists in the cloud.
        profile.validate_resources(util.context(req))
    except plugins.ProfileTypeNotFound as exc:
        raise errors.NotFound(str(exc))
    except schema.InvalidSpec as exc:
        raise errors.InvalidSpec(failure % errors.spec_problem(exc))
    return type_name


def list_profiles(req):
    rbac.authorize(req, 'profiles:index')
    rows = listing.page(req, PROFILE_LIST, profile_obj.Profile, FIELDS)
    return util.json_response({'profiles': [serialize(row) for row in rows]})


def create_profile(req):
    rbac.authorize(req, 'profiles:create')
    data = checks.resource_body(req, 'profile', profile_schema.CREATE)
    name = data['name']
    type_name = check_spec(req, data['spec'], name,
                           'Failed in creating profile %s: %%s' % name)
    lookup.check_name_unique(req, profile_obj.Profile, name,
                             "A profile named '%s' already exists.")
    context = util.context(req)
    profile = profile_obj.Profile.create(
        context, name=name, type=type_name, spec=data['spec'], context={},
        metadata=data.get('metadata') or {}, user=context.user_id,
        project=context.project_id or '', domain=context.domain_id)
    row = lookup.find(req, profile_obj.Profile, profile.id, FIELDS)
    return util.json_response({'profile': serialize(row)}, status=201)


@microversion.versioned('1.2')
def validate_profile(req):
    rbac.authorize(req, 'profiles:validate')
    data = checks.resource_body(req, 'profile', profile_schema.VALIDATE)
    type_name = check_spec(req, data['spec'], 'validated_profile')
    context = util.context(req)
    return util.json_response({'profile': {
        'id': None, 'name': 'validated_profile', 'type': type_name,
        'user': context.user_id, 'project': context.project_id,
        'domain': context.domain_id, 'spec': data['spec'], 'metadata': {},
        'created_at': None, 'updated_at': None}})


def show_profile(req):
    rbac.authorize(req, 'profiles:get')
    row = lookup.find(req, profile_obj.Profile, req.urlvars['profile_id'], FIELDS)
    return util.json_response({'profile': serialize(row)})


def update_profile(req):
    rbac.authorize(req, 'profiles:update')
    data = checks.resource_body(
        req, 'profile', profile_schema.UPDATE,
        "Malformed request data, missing '%s' key in request body.")
    row = lookup.find(req, profile_obj.Profile, req.urlvars['profile_id'], FIELDS)
    changes = {}
    if data.get('name') is not None and data['name'] != row['name']:
        changes['name'] = data['name']
    if 'metadata' in data and (data['metadata'] or {}) != (row['metadata'] or {}):
        changes['metadata'] = data['metadata'] or {}
    if not changes:
        raise errors.BadRequest('No property needs an update.')
    profile_obj.Profile.update(util.context(req), row['id'], updated_at=utcnow(),
                               **changes)
    row = lookup.find(req, profile_obj.Profile, row['id'], FIELDS)
    return util.json_response({'profile': serialize(row)})


def delete_profile(req):
    rbac.authorize(req, 'profiles:delete')
    row = lookup.find(req, profile_obj.Profile, req.urlvars['profile_id'], ('id',))
    if not profile_obj.Profile.delete_if_unused(util.context(req), row['id']):
        raise errors.ResourceInUse(
            "The profile '%s' cannot be deleted: still referenced by some clusters "
            "and/or nodes." % row['id'])
    return util.empty_response(204)
