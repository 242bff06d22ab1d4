"""``/v1/clusters``: clusters, the actions run on them, and what their members hold.

Writes never wait for an engine: a create, update, delete or action writes the
change and its action in one transaction (:mod:`clusterd.engine.requests`), nudges
the engines and answers 202 with ``Location: <base>/v1/actions/<id>``.
"""

import re

from clusterd.api import cluster_rows
from clusterd.api import errors
from clusterd.api import listing
from clusterd.api import lookup
from clusterd.api import microversion
from clusterd.api import rbac
from clusterd.api.schemas import checks
from clusterd.api.schemas import cluster as cluster_schema
from clusterd.api import serializers
from clusterd.api import util
from clusterd.engine import planning
from clusterd.engine import requests
from clusterd.objects import cluster as cluster_obj
from clusterd.objects import listing as listing_obj
from clusterd.objects import node as node_obj
from clusterd.objects import profile as profile_obj
from clusterd import plugins
from clusterd import states

STATUSES = sorted(states.CLUSTER_BUSY | states.CLUSTER_SETTLED | {states.C_INIT})

CLUSTER_LIST = listing.ListSpec(
    filters=('name', 'status'),
    sort_keys=('name', 'status', 'init_at', 'created_at', 'updated_at'),
    enums={'status': STATUSES},
    quote_invalid=True)

# Senlin refused to delete a cluster in these without force (and let a resize or a
# check be cut short: the deletion takes the lock over).
UNDELETABLE = (states.C_CREATING, states.C_UPDATING, states.C_DELETING,
               states.C_RECOVERING)

FORCE_VERSION = microversion.Version(1, 8)

# One step of a collect path: a key, then any number of [n].
_SEGMENT = re.compile(r'^([^\[\]]+)((?:\[-?\d+\])*)$')
_INDEX = re.compile(r'-?\d+')


def serialize(row):
    return {
        'id': row['id'],
        'name': row['name'],
        'profile_id': row['profile_id'],
        'profile_name': row['profile_name'],
        'user': row['user'],
        'project': row['project'],
        'domain': row['domain'],
        'init_at': util.isotime(row['init_at']),
        'created_at': util.isotime(row['created_at']),
        'updated_at': util.isotime(row['updated_at']),
        'min_size': row['min_size'],
        'max_size': row['max_size'],
        'desired_capacity': row['desired_capacity'],
        'timeout': row['timeout'],
        'status': row['status'],
        'status_reason': row['status_reason'],
        'metadata': row['metadata'] or {},
        'data': row['data'] or {},
        'dependents': row['dependents'] or {},
        'config': row['config'] or {},
        'nodes': cluster_rows.ids(row['node_ids']),
        'policies': cluster_rows.ids(row['policy_ids']),
    }


def _profile(req, identity):
    """The profile a body names, or 400 (it is not the resource asked for)."""
    return lookup.referenced(req, profile_obj.Profile, identity, ('id', 'type'))


def list_clusters(req):
    rbac.authorize(req, 'clusters:index')
    rows = listing.page(req, CLUSTER_LIST, cluster_obj.Cluster, cluster_rows.FIELDS,
                        extra=cluster_rows.COLUMNS)
    return util.json_response({'clusters': serializers.add_cluster_health(
        req, [serialize(row) for row in cluster_rows.complete(req, rows)])})


def _check_quota_and_name(req, name):
    limit = util.conf(req).max_clusters_per_project
    if cluster_obj.Cluster.count_in_project(util.context(req)) >= limit:
        raise errors.Conflict('The project already has %d clusters, the most '
                              '[DEFAULT] max_clusters_per_project allows.' % limit)
    lookup.check_name_unique(req, cluster_obj.Cluster, name,
                             "a cluster named '%s' already exists.")


def _sizes(req, data):
    """(min_size, max_size, desired_capacity) of a new cluster, checked; the
    desired capacity defaults to the min_size."""
    min_size = checks.capacity(req, 'min_size', data.get('min_size'))
    max_size = checks.capacity(req, 'max_size', data.get('max_size'), minimum=-1)
    desired = checks.capacity(req, 'desired_capacity',
                              data.get('desired_capacity'))
    if desired is None:
        desired = min_size or 0
    checks.check_sizes(desired, min_size, max_size)
    return min_size, max_size, desired


def create_cluster(req):
    rbac.authorize(req, 'clusters:create')
    data = checks.resource_body(req, 'cluster',
                                checks.for_version(req, cluster_schema.CREATE))
    min_size, max_size, desired = _sizes(req, data)
    timeout = checks.integer('timeout', data.get('timeout'), 0)
    profile = _profile(req, data['profile_id'])
    _check_quota_and_name(req, data['name'])
    context = util.context(req)
    conf = util.conf(req)
    cluster, action = requests.create_cluster(
        context, conf.default_action_timeout, name=data['name'],
        profile_id=profile['id'], min_size=min_size or 0,
        max_size=-1 if max_size is None else max_size, desired_capacity=desired,
        timeout=timeout or conf.default_action_timeout,
        metadata=data.get('metadata') or {}, config=data.get('config') or {},
        status_reason='Initializing')
    util.nudge(req)
    body = {'cluster': serializers.add_cluster_health(
        req, [serialize(cluster_rows.reload(req, cluster.id))])[0]}
    return util.accepted(req, action.id, body)


def show_cluster(req):
    rbac.authorize(req, 'clusters:get')
    return util.json_response({'cluster': serializers.add_cluster_health(
        req, [serialize(cluster_rows.find(req, req.urlvars['cluster_id']))])[0]})


def _update_inputs(req, cluster, data):
    inputs = {}
    if data.get('profile_id') is not None:
        profile = _profile(req, data['profile_id'])
        current = listing_obj.by_id(util.context(req), profile_obj.Profile,
                                    ('type',), cluster['profile_id'],
                                    project_safe=False)
        if current is None or profile['type'] != current['type']:
            raise errors.BadRequest('Cannot update a cluster to a different profile '
                                    'type, operation aborted.')
        if profile['id'] != cluster['profile_id']:
            inputs['new_profile_id'] = profile['id']
    if data.get('name') is not None and data['name'] != cluster['name']:
        inputs['name'] = data['name']
    for key in ('metadata', 'config'):
        if key in data and (data[key] or {}) != (cluster[key] or {}):
            inputs[key] = data[key] or {}
    timeout = checks.integer('timeout', data.get('timeout'), 0)
    if timeout is not None and timeout != cluster['timeout']:
        inputs['timeout'] = timeout
    if data.get('profile_only') is not None:
        # NOTE: counted as a change even when nothing else is, as Senlin did: the
        # CLI always sends it, and its update must not turn into a 400.
        inputs['profile_only'] = checks.boolean('profile_only', data['profile_only'])
    return inputs


def _dry_run_update(req, cluster, data):
    """200 with the plan of the update (1.16): what it would change, the
    rolling update's batches, or why it would be refused."""
    refusals, inputs = [], {}
    if cluster['status'] == states.C_ERROR:
        refusals.append(('request', 'Updating a cluster in error state is not '
                         'supported.'))
    else:
        try:
            inputs = _update_inputs(req, cluster, data)
        except errors.Conflict as exc:
            refusals.append(('request', str(exc)))
        if not inputs and not refusals:
            # Nothing to change is a malformed request, dry run or not.
            raise errors.BadRequest('No property needs an update.')
    plan = planning.plan_cluster_action(util.conf(req), util.context(req),
                                        cluster['id'], 'CLUSTER_UPDATE', inputs,
                                        refusals)
    return util.json_response({'dry_run': plan.to_dict()})


def update_cluster(req):
    rbac.authorize(req, 'clusters:update')
    data = checks.resource_body(
        req, 'cluster', checks.for_version(req, cluster_schema.UPDATE),
        "Malformed request data, missing '%s' key in request body.")
    dry_run = checks.pop_dry_run(req, data)
    cluster = cluster_rows.find(req, req.urlvars['cluster_id'])
    if dry_run:
        return _dry_run_update(req, cluster, data)
    if cluster['status'] == states.C_ERROR:
        raise errors.FeatureNotSupported(
            'Updating a cluster in error state is not supported.')
    inputs = _update_inputs(req, cluster, data)
    if not inputs:
        raise errors.BadRequest('No property needs an update.')
    action_id = cluster_rows.start_action(req, cluster, 'CLUSTER_UPDATE', inputs)
    return util.accepted(req, action_id, {'cluster': serializers.add_cluster_health(
        req, [serialize(cluster)])[0]})


def _force(req):
    """``force`` of a cluster delete: ``?force=true`` or ``{"force": true}`` (1.8).

    Before 1.8 it is ignored, as Senlin did: openstacksdk's
    ``delete_cluster(c, force_delete=True)`` sends the body at any version (with
    no version header unless a default microversion is configured).
    """
    if microversion.request_version(req) < FORCE_VERSION:
        return False
    value = req.GET.get('force')
    if value is None and req.body:
        body = util.extract_json(req)
        checks.validate(cluster_schema.DELETE_V1_8, body)
        value = body.get('force')
    return checks.boolean('force', value, False)


def delete_cluster(req):
    rbac.authorize(req, 'clusters:delete')
    force = _force(req)
    identity = req.urlvars['cluster_id']
    cluster = cluster_rows.find(req, identity)
    if not force and cluster['status'] in UNDELETABLE:
        raise errors.ActionInProgress("The cluster '%s' is in status %s." %
                                        (identity, cluster['status']))
    dependents = (cluster['dependents'] or {}).get('profiles')
    if dependents:
        raise errors.ResourceInUse(
            "The cluster '%s' cannot be deleted: still referenced by profile(s): "
            "%s." % (identity, dependents))
    action_id = cluster_rows.start_action(req, cluster, 'CLUSTER_DELETE',
                                          {'force': force})
    return util.accepted(req, action_id)


# --- collect: one attribute of every member ----------------------------------------

def _path(text):
    """``'details.addresses[0].addr'`` -> ``['details', 'addresses', 0, 'addr']``.

    A small subset of JSONPath: dotted keys, each with optional ``[n]`` indexes,
    and an optional leading ``$.``.
    """
    steps = []
    for segment in (text[2:] if text.startswith('$.') else text).split('.'):
        match = _SEGMENT.match(segment)
        if match is None:
            raise errors.BadRequest("Invalid attribute path '%s'." % text)
        steps.append(match.group(1))
        steps.extend(int(index) for index in _INDEX.findall(match.group(2)))
    return steps


def _resolve(value, steps):
    """(found, value) of ``steps`` inside ``value``."""
    for step in steps:
        if isinstance(step, int) and isinstance(value, list) and \
                -len(value) <= step < len(value):
            value = value[step]
        elif isinstance(step, str) and isinstance(value, dict) and step in value:
            value = value[step]
        else:
            return False, None
    return True, value


def _node_dict(node, profile_names):
    return {
        'id': node.id, 'name': node.name, 'cluster_id': node.cluster_id,
        'physical_id': node.physical_id, 'profile_id': node.profile_id,
        'profile_name': profile_names.get(node.profile_id), 'user': node.user,
        'project': node.project, 'domain': node.domain, 'index': node.index,
        'role': node.role, 'init_at': util.isotime(node.init_at),
        'created_at': util.isotime(node.created_at),
        'updated_at': util.isotime(node.updated_at), 'status': node.status,
        'status_reason': node.status_reason, 'metadata': node.metadata or {},
        'data': node.data or {}, 'dependents': node.dependents or {},
        'tainted': node.tainted,
    }


def _details(req, node, plugins_by_profile):
    """What the backend says of the node's resource (``details.*`` paths)."""
    context = util.context(req)
    if node.profile_id not in plugins_by_profile:
        stored = profile_obj.Profile.get(context, node.profile_id, project_safe=False)
        plugins_by_profile[node.profile_id] = plugins.profile_class(
            stored.type).from_object(stored, util.conf(req))
    return plugins_by_profile[node.profile_id].get_details(context, node)


@microversion.versioned('1.2')
def collect_cluster_attrs(req):
    rbac.authorize(req, 'clusters:collect')
    text = req.urlvars['path'].strip()
    if text in ('', 'None'):
        raise errors.BadRequest('Required path attribute is missing.')
    steps = _path(text)
    cluster = cluster_rows.find(req, req.urlvars['cluster_id'])
    context = util.context(req)
    nodes = node_obj.Node.for_cluster(context, cluster['id'])
    names = {cluster['profile_id']: cluster['profile_name']}
    loaded = {}
    attributes = []
    for node in nodes:
        if node.profile_id not in names:
            row = listing_obj.by_id(context, profile_obj.Profile, ('name',),
                                    node.profile_id, project_safe=False)
            names[node.profile_id] = row and row['name']
        info = _node_dict(node, names)
        if steps[0] == 'details' and node.physical_id:
            info['details'] = _details(req, node, loaded)
        found, value = _resolve(info, steps)
        if found:
            attributes.append({'id': node.id, 'value': value})
    return util.json_response({'cluster_attributes': attributes})
