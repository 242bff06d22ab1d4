"""``/v1/actions``: list, show and cancel (``PATCH``, 1.12).

``POST /v1/actions`` never worked in Senlin (its controller called an RPC method
that did not exist); it is refused with a clear 400.
"""

from clusterd.api import errors
from clusterd.api import listing
from clusterd.api import lookup
from clusterd.api import microversion
from clusterd.api import rbac
from clusterd.api.handlers import refusals
from clusterd.api.schemas import checks
from clusterd.api import util
from clusterd.engine import control
from clusterd.engine import states
from clusterd.objects import action as action_obj
from clusterd.objects import listing as listing_obj

# Never 'context': it holds the credentials the engine acts with.

FIELDS = ('id', 'name', 'cluster_id', 'action', 'target', 'cause', 'owner',
          'interval', 'start_time', 'end_time', 'timeout', 'status',
          'status_reason', 'inputs', 'outputs', 'data', 'user', 'project',
          'created_at', 'updated_at')

STATUSES = sorted(states.ACTION_ACTIVE | states.ACTION_TERMINAL | {'SUSPENDED'})

ACTION_LIST = listing.ListSpec(
    filters=('name', 'cluster_id', 'target', 'action', 'status'),
    sort_keys=('name', 'target', 'action', 'created_at', 'status'),
    enums={'status': STATUSES})

CLUSTER_ID_VERSION = microversion.Version(1, 14)

# depends_on / depended_by come with each row (no query per action).
DEPENDENCIES = listing_obj.action_dependency_columns()


def _epoch(value):
    return None if value is None else float(value)


def _ids(joined):
    return joined.split(',') if joined else []


def _serialize_all(req, rows):
    with_cluster = microversion.request_version(req) >= CLUSTER_ID_VERSION
    result = []
    for row in rows:
        body = {
            'id': row['id'],
            'name': row['name'],
            'action': row['action'],
            'target': row['target'],
            'cause': row['cause'],
            'owner': row['owner'],
            'interval': row['interval'],
            'start_time': _epoch(row['start_time']),
            'end_time': _epoch(row['end_time']),
            'timeout': row['timeout'],
            'status': row['status'],
            'status_reason': row['status_reason'],
            'inputs': row['inputs'] or {},
            'outputs': row['outputs'] or {},
            'depends_on': _ids(row['depends_on']),
            'depended_by': _ids(row['depended_by']),
            'created_at': util.isotime(row['created_at']),
            'updated_at': util.isotime(row['updated_at']),
            'data': row['data'] or {},
            'user': row['user'],
            'project': row['project'],
        }
        if with_cluster:
            body['cluster_id'] = row['cluster_id']
        result.append(body)
    return result


def list_actions(req):
    rbac.authorize(req, 'actions:index')
    rows = listing.page(req, ACTION_LIST, action_obj.Action, FIELDS,
                        extra=DEPENDENCIES)
    return util.json_response({'actions': _serialize_all(req, rows)})


def show_action(req):
    rbac.authorize(req, 'actions:get')
    row = lookup.find(req, action_obj.Action, req.urlvars['action_id'], FIELDS,
                      extra=DEPENDENCIES)
    return util.json_response({'action': _serialize_all(req, [row])[0]})


def create_action(req):
    rbac.authorize(req, 'actions:create')
    raise errors.BadRequest('Actions cannot be created directly; they are '
                            'created by the requests on clusters, nodes and '
                            'receivers (for example POST /v1/clusters/{id}/'
                            'actions).')


# The only status a client may ask for.
UPDATE = checks.strict_object({'status': {'type': 'string'}}, required=('status',))


@microversion.versioned('1.12')
def update_action(req):
    """Cancel an action and what it fanned out; ``?force=true`` ends it now.

    Answers 202 with no body, as Senlin did: a cooperative cancel takes effect
    between steps; watch the action's status.
    """
    rbac.authorize(req, 'actions:update')
    force = checks.boolean('force', req.GET.get('force'), default=False)
    data = checks.resource_body(
        req, 'action', UPDATE,
        message="Malformed request data, missing '%s' key in request body.")
    if data['status'] != states.CANCELLED:
        raise errors.BadRequest(
            "Invalid value '%s' specified for 'status': an action can only be "
            "set to %s." % (data['status'], states.CANCELLED))
    row = lookup.find(req, action_obj.Action, req.urlvars['action_id'],
                      ('id', 'status'))
    try:
        control.cancel(util.context(req), row['id'], force=force)
    except control.ActionImmutable as exc:
        raise refusals.ActionImmutable(str(exc))
    # A waiting parent whose children were cancelled now has work to finish.
    util.nudge(req, fanout=True)
    return util.empty_response(202)
