"""``/v1/receivers``: webhook receivers and their URLs.

A webhook receiver names a cluster, a cluster action and default inputs; its
``channel.alarm_url`` is what an alarm service (Aodh) or a script POSTs to, with no
Keystone token (see :mod:`clusterd.api.handlers.webhooks`).  Unlike Senlin's, the
URL carries a random secret, ``&token=...``, which ``PATCH`` with
``{"receiver": {"rotate_secret": true}}`` (1.15) replaces: the old URL stops
working at once, the receiver and its id stay.

Message receivers need a Zaqar queue, which clusterd does not provide: creating
one is refused with a 400.  (Rows imported from a Senlin database can still be
listed, shown and deleted.)
"""

from oslo_log import log as logging
from oslo_utils import uuidutils

from clusterd.api import errors
from clusterd.api import listing
from clusterd.api import lookup
from clusterd.api import microversion
from clusterd.api import rbac
from clusterd.api.schemas import checks
from clusterd.api.schemas import receivers as receiver_schema
from clusterd.api import util
from clusterd.api import webhook_url
from clusterd.objects import cluster as cluster_obj
from clusterd.objects import receiver as receiver_obj

LOG = logging.getLogger(__name__)

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
             enums={'type': list(TYPES), 'action': list(CLUSTER_ACTIONS)})
RECEIVER_LIST = listing.ListSpec(**_LIST)
RECEIVER_LIST_V1_4 = listing.ListSpec(**dict(
    _LIST, filters=_LIST['filters'] + ('user',)))
USER_FILTER_VERSION = microversion.Version(1, 4)

# PATCH {"receiver": {"rotate_secret": true}}.
ROTATE_VERSION = microversion.Version(1, 15)

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


def _find(req, fields=FIELDS):
    return lookup.find(req, receiver_obj.Receiver, req.urlvars['receiver_id'],
                       fields)


def _check_value(value, allowed, field):
    if value not in allowed:
        raise errors.BadRequest("Value '%s' is not acceptable for field '%s'." %
                                (value, field))


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
    return lookup.referenced(req, cluster_obj.Cluster, data['cluster_id'],
                                    ('id',), word='referenced')


def _create_webhook(req, data, cluster):
    receiver_id = uuidutils.generate_uuid()
    params = data.get('params') or {}
    secret = receiver_obj.new_secret()
    # NOTE: no trust to record: a trigger acts as the receiver's owner, whose
    # user and project are on the row.
    return receiver_obj.Receiver.create(
        util.context(req), id=receiver_id, name=data['name'], type=WEBHOOK,
        cluster_id=cluster['id'], action=data['action'], params=params,
        actor={}, secret=secret,
        channel={'alarm_url': webhook_url.alarm_url(req, receiver_id, params,
                                                    secret)})


def create_receiver(req):
    rbac.authorize(req, 'receivers:create')
    data = checks.resource_body(req, 'receiver', receiver_schema.CREATE)
    _check_value(data['type'], TYPES, 'type')
    if data.get('action') is not None:
        _check_value(data['action'], CLUSTER_ACTIONS, 'action')
    lookup.check_name_unique(req, receiver_obj.Receiver, data['name'],
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
    if data.get('rotate_secret'):
        if receiver['type'] != WEBHOOK:
            raise errors.BadRequest('Only a webhook receiver has a secret to '
                                    'rotate.')
        changes['secret'] = receiver_obj.new_secret()
    if receiver['type'] == WEBHOOK and ('params' in changes or
                                        'secret' in changes):
        # Senlin kept the old URL; its query showed the old params.
        changes['channel'] = {'alarm_url': webhook_url.alarm_url(
            req, receiver['id'], changes.get('params', receiver['params']) or {},
            changes.get('secret', receiver['secret']))}
    if not changes:
        raise errors.BadRequest('No property needs an update.')
    return changes


@microversion.versioned('1.7')
def update_receiver(req):
    rbac.authorize(req, 'receivers:update')
    schema = (receiver_schema.UPDATE_V1_15 if microversion.request_version(req) >=
              ROTATE_VERSION else receiver_schema.UPDATE)
    data = checks.resource_body(req, 'receiver', schema, checks.MALFORMED)
    receiver = _find(req, FIELDS + ('secret',))
    changes = _changes(req, receiver, data)
    receiver_obj.Receiver.update(util.context(req), receiver['id'], **changes)
    if 'secret' in changes:
        LOG.info('Receiver %s: secret rotated; its previous alarm_url no longer '
                 'triggers it', receiver['id'])
    updated = receiver_obj.Receiver.get(util.context(req), receiver['id'],
                                        project_safe=False)
    return util.json_response({'receiver': _serialize(updated.to_dict())})
