"""``/v1/events``: list and show.

The engines store the level as Senlin did, a logging number as a string ('20');
the API shows and filters by name.
"""

import logging

from clusterd.api import listing
from clusterd.api import lookup
from clusterd.api import rbac
from clusterd.api import util
from clusterd.objects import event as event_obj
from clusterd import states

FIELDS = ('id', 'timestamp', 'oid', 'oname', 'otype', 'cluster_id', 'level',
          'user', 'project', 'action', 'status', 'status_reason', 'metadata')

LEVELS = {'CRITICAL': logging.CRITICAL, 'ERROR': logging.ERROR,
          'WARNING': logging.WARNING, 'INFO': logging.INFO, 'DEBUG': logging.DEBUG}
# Senlin's filter spelled it WARN; accept both.
LEVEL_ALIASES = dict(LEVELS, WARN=logging.WARNING)
LEVEL_NAMES = {str(number): name for name, number in LEVELS.items()}


def _stored_levels(names):
    return sorted({str(LEVEL_ALIASES[name]) for name in names})


EVENT_LIST = listing.ListSpec(
    filters=('oid', 'oname', 'otype', 'cluster_id', 'action', 'level'),
    sort_keys=('timestamp', 'level', 'otype', 'oname', 'oid', 'action', 'status',
               'cluster_id'),
    default_sort=(('timestamp', 'asc'),),
    enums={'level': sorted(LEVEL_ALIASES), 'action': states.EVENT_ACTION_NAMES},
    transforms={'level': _stored_levels})


def _serialize(row):
    return {
        'id': row['id'],
        'timestamp': util.isotime(row['timestamp']),
        'oid': row['oid'],
        'oname': row['oname'],
        'otype': row['otype'],
        'cluster_id': row['cluster_id'],
        'level': LEVEL_NAMES.get(row['level'], row['level']),
        'user': row['user'],
        'project': row['project'],
        'action': row['action'],
        'status': row['status'],
        'status_reason': row['status_reason'],
        'meta_data': row['metadata'] or {},
    }


def list_events(req):
    rbac.authorize(req, 'events:index')
    rows = listing.page(req, EVENT_LIST, event_obj.Event, FIELDS)
    return util.json_response({'events': [_serialize(row) for row in rows]})


def show_event(req):
    rbac.authorize(req, 'events:get')
    row = lookup.find(req, event_obj.Event, req.urlvars['event_id'], FIELDS)
    return util.json_response({'event': _serialize(row)})
