"""``/v1/receivers`` and ``POST /v1/webhooks/{id}/trigger``.

A webhook receiver names a cluster, a cluster action and default inputs; its
``channel.alarm_url`` is what an alarm service (Aodh) or a script POSTs to, with no
token: the URL is the credential, as it was in Senlin.  A trigger runs the action
as the receiver's owner (the user and project stored on the receiver row), with the
receiver's params updated by the request body.

Message receivers need a Zaqar queue, which clusterd does not provide: creating
one is refused with a 400.  (Rows imported from a Senlin database can still be
listed, shown and deleted.)
"""

import json
import urllib.parse

from oslo_utils import uuidutils

from clusterd.api import errors
from clusterd.api.handlers import nodes as node_handlers
from clusterd.api.handlers import refusals
from clusterd.api import listing
from clusterd.api import lookup
from clusterd.api import microversion
from clusterd.api import rbac
from clusterd.api.schemas import checks
from clusterd.api.schemas import receivers as receiver_schema
from clusterd.api import util
from clusterd import context as context_mod
from clusterd.engine import requests
from clusterd.objects import action as action_obj
from clusterd.objects import base as objects_base
from clusterd.objects import cluster as cluster_obj
from clusterd.objects import receiver as receiver_obj

FIELDS = ('id', 'name', 'type', 'user', 'project', 'domain', 'cluster_id', 'actor',
          'action', 'params', 'channel', 'created_at', 'updated_at')

WEBHOOK = 'webhook'
MESSAGE = 'message'
TYPES = (WEBHOOK, MESSAGE)

# Senlin's cluster action names, the actions a receiver may name.
CLUSTER_ACTIONS = (
    'CLUSTER_CREATE', 'CLUSTER_DELETE', 'CLUSTER_UPDATE', 'CLUSTER_ADD_NODES',
    'CLUSTER_DEL_NODES', 'CLUSTER_RESIZE', 'CLUSTER_CHECK', 'CLUSTER_RECOVER',
    'CLUSTER_REPLACE_NODES', 'CLUSTER_SCALE_OUT', 'CLUSTER_SCALE_IN',
    'CLUSTER_ATTACH_POLICY', 'CLUSTER_DETACH_POLICY', 'CLUSTER_UPDATE_POLICY',
    'CLUSTER_OPERATION',
)
# ... though never this one: the cluster must exist already.
REFUSED_ACTIONS = ['CLUSTER_CREATE']

_LIST = dict(filters=('name', 'type', 'cluster_id', 'action'),
             sort_keys=('name', 'type', 'action', 'cluster_id', 'created_at'),
             enums={'type': list(TYPES)})
RECEIVER_LIST = listing.ListSpec(**_LIST)
RECEIVER_LIST_V1_4 = listing.ListSpec(**dict(
    _LIST, filters=_LIST['filters'] + ('user',)))
USER_FILTER_VERSION = microversion.Version(1, 4)

# Before 1.10 a V=1 trigger carried its inputs as {"params": {...}}; since then
# (and with the V=2 URLs clusterd hands out) the whole body is the inputs.
RAW_BODY_VERSION = microversion.Version(1, 10)
WEBHOOK_VERSION = '2'

MESSAGE_UNSUPPORTED = ("Message receivers need a Zaqar message queue, which "
                       "clusterd does not provide; create a webhook receiver "
                       "instead.")


def _serialize(receiver):
    """The API body of a receiver from a dict of FIELDS."""
    body = {key: receiver[key] for key in FIELDS}
    body.update(created_at=util.isotime(receiver['created_at']),
                updated_at=util.isotime(receiver['updated_at']))
    for key in ('actor', 'params', 'channel'):
        body[key] = receiver[key] or {}
    return body


def _find(req):
    return lookup.find(req, receiver_obj.Receiver, req.urlvars['receiver_id'],
                       FIELDS)


def _check_value(value, allowed, field):
    if value not in allowed:
        raise errors.BadRequest("Value '%s' is not acceptable for field '%s'." %
                                (value, field))


def _query_value(value):
    return value if isinstance(value, str) else json.dumps(value)


def alarm_url(req, receiver_id, params):
    """The webhook URL of a receiver: ``V`` and the params, sorted, as Senlin
    built it.  The params in the query are for the reader only; a trigger takes
    them from the receiver row.
    """
    query = [('V', WEBHOOK_VERSION)] + sorted(
        (str(key), _query_value(value)) for key, value in params.items())
    return util.url(req, '/v1/webhooks/%s/trigger?%s' % (
        receiver_id, urllib.parse.urlencode(query)))


# --- list, show, delete ------------------------------------------------------------

def list_receivers(req):
    rbac.authorize(req, 'receivers:index')
    spec = (RECEIVER_LIST_V1_4 if microversion.request_version(req) >=
            USER_FILTER_VERSION else RECEIVER_LIST)
    rows = listing.page(req, spec, receiver_obj.Receiver, FIELDS)
    return util.json_response({'receivers': [_serialize(r) for r in rows]})


def show_receiver(req):
    rbac.authorize(req, 'receivers:get')
    return util.json_response({'receiver': _serialize(_find(req))})


def delete_receiver(req):
    rbac.authorize(req, 'receivers:delete')
    receiver = _find(req)
    receiver_obj.Receiver.delete(util.context(req), receiver['id'])
    return util.empty_response(204)


def notify_receiver(req):
    rbac.authorize(req, 'receivers:notify')
    receiver = _find(req)
    if receiver['type'] != MESSAGE:
        raise errors.BadRequest('Notifying non-message receiver is not allowed.')
    raise errors.BadRequest(MESSAGE_UNSUPPORTED)


# --- create, update ----------------------------------------------------------------

def _check_action(action):
    _check_value(action, CLUSTER_ACTIONS, 'action')
    if action in REFUSED_ACTIONS:
        raise errors.BadRequest('Action name cannot be any of %s.' %
                                REFUSED_ACTIONS)


def _webhook_cluster(req, data):
    """The cluster a new webhook acts on, checked as Senlin checked it.

    NOTE: Senlin also refused a cluster of another user of the same project
    (its trusts were per user); clusterd's access rules are per project.
    """
    if data.get('cluster_id') is None:
        raise errors.BadRequest('Cluster identity is required for creating '
                                'webhook receiver.')
    if data.get('action') is None:
        raise errors.BadRequest('Action name is required for creating webhook '
                                'receiver.')
    _check_action(data['action'])
    return node_handlers.referenced(req, cluster_obj.Cluster, data['cluster_id'],
                                    ('id',), word='referenced')


def _create_webhook(req, data, cluster):
    receiver_id = uuidutils.generate_uuid()
    params = data.get('params') or {}
    # NOTE: no trust to record: a trigger acts as the receiver's owner, whose
    # user and project are on the row.
    return receiver_obj.Receiver.create(
        util.context(req), id=receiver_id, name=data['name'], type=WEBHOOK,
        cluster_id=cluster['id'], action=data['action'], params=params,
        actor={}, channel={'alarm_url': alarm_url(req, receiver_id, params)})


def create_receiver(req):
    rbac.authorize(req, 'receivers:create')
    data = checks.resource_body(req, 'receiver', receiver_schema.CREATE)
    _check_value(data['type'], TYPES, 'type')
    if data.get('action') is not None:
        _check_value(data['action'], CLUSTER_ACTIONS, 'action')
    node_handlers.check_name_unique(req, receiver_obj.Receiver, data['name'],
                                    "A receiver named '%s' already exists.")
    if data['type'] == MESSAGE:
        raise errors.BadRequest(MESSAGE_UNSUPPORTED)
    cluster = _webhook_cluster(req, data)
    receiver = _create_webhook(req, data, cluster)
    return util.json_response({'receiver': _serialize(receiver.to_dict())}, 201)


def _changes(req, receiver, data):
    changes = {}
    if data.get('name') is not None and data['name'] != receiver['name']:
        changes['name'] = data['name']
    if data.get('action') is not None and data['action'] != receiver['action']:
        _check_action(data['action'])
        changes['action'] = data['action']
    if data.get('params') is not None and data['params'] != receiver['params']:
        changes['params'] = data['params']
        if receiver['type'] == WEBHOOK:
            # Senlin kept the old URL; its query showed the old params.
            changes['channel'] = {'alarm_url': alarm_url(req, receiver['id'],
                                                         data['params'])}
    if not changes:
        raise errors.BadRequest('No property needs an update.')
    return changes


@microversion.versioned('1.7')
def update_receiver(req):
    rbac.authorize(req, 'receivers:update')
    data = checks.resource_body(req, 'receiver', receiver_schema.UPDATE,
                                node_handlers.MALFORMED)
    receiver = _find(req)
    changes = _changes(req, receiver, data)
    receiver_obj.Receiver.update(util.context(req), receiver['id'], **changes)
    updated = receiver_obj.Receiver.get(util.context(req), receiver['id'],
                                        project_safe=False)
    return util.json_response({'receiver': _serialize(updated.to_dict())})


# --- trigger -----------------------------------------------------------------------

def _webhook(req):
    """The webhook receiver a trigger URL names.

    Only its exact id is accepted: a name or a short id would make the URL
    guessable.  NOTE: the id is the URL's only secret, as in Senlin; a signed
    token checked here is the planned hardening.
    """
    if not req.GET.get('V'):
        raise errors.BadRequest("A webhook URL must carry the version parameter "
                                "'V' (see the receiver's alarm_url).")
    webhook_id = req.urlvars['webhook_id']
    try:
        receiver = receiver_obj.Receiver.get(util.context(req), webhook_id,
                                             project_safe=False)
    except objects_base.NotFound:
        raise errors.NotFound.of('receiver', webhook_id)
    if receiver.type != WEBHOOK:
        raise errors.BadRequest("The receiver '%s' is not a webhook." % webhook_id)
    return receiver


def _trigger_inputs(req):
    """The action inputs a trigger's body adds to the receiver's params."""
    body = node_handlers.body_or(req, {})
    if not isinstance(body, dict):
        raise errors.BadRequest('The request body must be a JSON object.')
    if req.GET.get('V') == '1' and \
            microversion.request_version(req) < RAW_BODY_VERSION:
        params = body.get('params')
        if params is not None and not isinstance(params, dict):
            raise errors.BadRequest('The params provided is not a map.')
        return params or {}
    return body


def _owner_context(req, receiver):
    """The context a trigger acts in: the receiver's owner."""
    return context_mod.RequestContext(
        db=util.context(req).db, user_id=receiver.user,
        project_id=receiver.project, domain_id=receiver.domain,
        request_id=util.context(req).request_id)


def _queue_action(req, receiver, inputs):
    """The receiver's cluster action in READY, after the conflict checks."""
    owner = _owner_context(req, receiver)
    try:
        cluster = cluster_obj.Cluster.get(owner, receiver.cluster_id,
                                          project_safe=False)
    except objects_base.NotFound:
        raise errors.BadRequest("The referenced cluster '%s' could not be found."
                                % receiver.cluster_id)
    # NOTE: as requests.cluster_action, but the action is named after the
    # receiver (Senlin's 'webhook_<id>'), so it can be traced back to it.
    with owner.writer:
        try:
            requests.check_conflict(owner, cluster.id, receiver.action)
        except requests.ActionConflict as exc:
            raise refusals.ActionConflict(str(exc))
        return action_obj.Action.create(
            owner, action=receiver.action, target=cluster.id,
            cluster_id=cluster.id, inputs=inputs, timeout=cluster.timeout,
            name='webhook_%s' % receiver.id[:8])


def trigger_webhook(req):
    rbac.authorize(req, 'webhooks:trigger')
    receiver = _webhook(req)
    inputs = dict(receiver.params or {})
    inputs.update(_trigger_inputs(req))
    action = _queue_action(req, receiver, inputs)
    util.nudge(req)
    return node_handlers.accepted(req, action.id, {'action': action.id})
