"""``/v1/actions``: list, show and cancel (``PATCH``, 1.12).

``POST /v1/actions`` never worked in Senlin (its controller called an RPC method
that did not exist); it is refused with a clear 400.
"""

import json

from clusterd.api import errors
from clusterd.api import listing
from clusterd.api import lookup
from clusterd.api import microversion
from clusterd.api import rbac
from clusterd.api import rendered
from clusterd.api.schemas import checks
from clusterd.api import util
from clusterd.engine import control
from clusterd.objects import action as action_obj
from clusterd.objects import listing as listing_obj
from clusterd import states

STATUSES = sorted(states.ACTION_ACTIVE | states.ACTION_TERMINAL | {'SUSPENDED'})

ACTION_LIST = listing.ListSpec(
    filters=('name', 'cluster_id', 'target', 'action', 'status'),
    sort_keys=('name', 'target', 'action', 'created_at', 'status'),
    enums={'status': STATUSES, 'action': states.ACTION_NAMES})

CLUSTER_ID_VERSION = microversion.Version(1, 14)

# depends_on / depended_by come with each row (no query per action).
DEPENDENCIES = listing_obj.action_dependency_columns()

# What a list reads of every row (see clusterd.api.rendered): the row's identity,
# its version, and, unless the dependency table is read whole, what the row shows
# but does not hold.
IDENTITY = (action_obj.API_VERSION,) + tuple(DEPENDENCIES)

# The longest dependency table a list reads whole, and the shortest page for which
# it does (a short page probes it per row for less).
WHOLE_DEPENDENCY_TABLE = 1000
WHOLE_DEPENDENCY_TABLE_FROM = 100

_NO_DEPENDENCIES = ', "depends_on": [], "depended_by": []}'


def _ids(joined):
    return joined.split(',') if joined else []


def _with_cluster(req):
    return microversion.request_version(req) >= CLUSTER_ID_VERSION


def _dependencies_text(depends_on, depended_by):
    """The end of an action's JSON text: its dependencies (lists of ids)."""
    if not depends_on and not depended_by:
        return _NO_DEPENDENCIES
    return ', "depends_on": %s, "depended_by": %s}' % (
        json.dumps(sorted(depends_on or ())), json.dumps(sorted(depended_by or ())))


class _Page:
    """Reads a page of actions and writes its JSON, in one read transaction.

    Rows whose text is kept (clusterd.api.rendered) are read as (id, version)
    only; the others are then read whole, in chunks.
    """

    def __init__(self, req, limit):
        self.limit = limit
        self.with_cluster = _with_cluster(req)
        self.cache = rendered.for_database(
            util.context(req).db, util.conf(req).api.rendered_row_cache * 2 ** 20)
        self.depends_on = self.depended_by = None

    def columns(self, session):
        # NOTE: at READ COMMITTED (clusterd's level on MariaDB and PostgreSQL)
        # a child that ends between the two statements may still be listed as
        # its parent's dependency, as if listed a moment earlier.
        pairs = None
        if self.limit is None or self.limit > WHOLE_DEPENDENCY_TABLE_FROM:
            pairs = listing_obj.all_dependencies(session, WHOLE_DEPENDENCY_TABLE)
        if pairs is None:
            return IDENTITY
        self.depends_on, self.depended_by = {}, {}
        for depended, dependent in pairs:
            self.depends_on.setdefault(dependent, []).append(depended)
            self.depended_by.setdefault(depended, []).append(dependent)
        return (action_obj.API_VERSION,)

    def _dependencies(self, row):
        if self.depends_on is None:
            return _dependencies_text(_ids(row.depends_on), _ids(row.depended_by))
        ident = row[0]
        if ident not in self.depends_on and ident not in self.depended_by:
            return _NO_DEPENDENCIES
        return _dependencies_text(self.depends_on.get(ident),
                                  self.depended_by.get(ident))

    def render(self, session, rows):
        with_cluster = self.with_cluster
        texts = self.cache.get_many([(row[0], row[1], with_cluster) for row in rows])
        missing = [row[0] for row, text in zip(rows, texts) if text is None]
        fresh = {}
        if missing:
            # Kept under the version read with the text: a row that changed since
            # the page was read is kept under its new key, never its old one.
            for ident, version, text in listing_obj.rows_by_ids(
                    session, action_obj.Action, ('id',), missing,
                    extra=(action_obj.API_VERSION, action_obj.API_TEXT[with_cluster])):
                fresh[ident] = (version, text)
            self.cache.put_many(((ident, version, with_cluster), text)
                                for ident, (version, text) in fresh.items())
        parts = []
        for row, text in zip(rows, texts):
            if text is None:
                found = fresh.get(row[0])
                if found is None:
                    continue  # deleted since the page was read
                text = found[1]
            parts.append(text + self._dependencies(row))
        return '{"actions": [' + ', '.join(parts) + ']}'


def list_actions(req):
    rbac.authorize(req, 'actions:index')
    query = listing.parse(req, ACTION_LIST)
    reader = _Page(req, query.limit)
    text = listing.page(req, ACTION_LIST, action_obj.Action, ('id',), query=query,
                        extra=reader.columns, then=reader.render)
    return util.json_text_response(text)


def show_action(req):
    rbac.authorize(req, 'actions:get')
    row = lookup.find(req, action_obj.Action, req.urlvars['action_id'], ('id',),
                      extra=DEPENDENCIES + [action_obj.API_TEXT[_with_cluster(req)]])
    return util.json_text_response('{"action": %s%s}' % (
        row['text'], _dependencies_text(_ids(row['depends_on']),
                                         _ids(row['depended_by']))))


def create_action(req):
    rbac.authorize(req, 'actions:create')
    raise errors.BadRequest('Actions cannot be created directly; they are '
                            'created by the requests on clusters, nodes and '
                            'receivers (for example POST /v1/clusters/{id}/'
                            'actions).')


# The only status a client may ask for.
UPDATE = checks.strict_object({'status': {'type': 'string'}}, required=('status',))


# PATCH statuses: CANCELLED (Senlin's, 1.12) and, for rolling updates, SUSPENDED
# (pause before the next batch) and RUNNING (resume).  The two additions are
# values that 1.12 refused with 400, so they need no microversion of their own.
PAUSED = 'SUSPENDED'
RESUMED = states.RUNNING
CHANGES = {
    states.CANCELLED: lambda context, action_id, force: control.cancel(
        context, action_id, force=force),
    PAUSED: lambda context, action_id, force: control.pause(context, action_id),
    RESUMED: lambda context, action_id, force: control.resume(context, action_id),
}


@microversion.versioned('1.12')
def update_action(req):
    """Cancel an action (``?force=true`` ends it now), or pause (SUSPENDED) and
    resume (RUNNING) a rolling update; 202 with no body, as Senlin did."""
    rbac.authorize(req, 'actions:update')
    force = checks.boolean('force', req.GET.get('force'), default=False)
    data = checks.resource_body(
        req, 'action', UPDATE,
        message="Malformed request data, missing '%s' key in request body.")
    change = CHANGES.get(data['status'])
    if change is None:
        raise errors.BadRequest(
            "Invalid value '%s' specified for 'status': an action can only be "
            "set to %s (or, for a rolling update, %s to pause and %s to resume)."
            % (data['status'], states.CANCELLED, PAUSED, RESUMED))
    row = lookup.find(req, action_obj.Action, req.urlvars['action_id'], ('id',))
    try:
        change(util.context(req), row['id'], force)
    except control.NotPausable as exc:
        raise errors.BadRequest("Invalid value '%s' specified for 'status': %s"
                                % (data['status'], exc))
    except control.ActionImmutable as exc:
        raise errors.ActionImmutable(str(exc))
    util.nudge(req, fanout=True)  # a waiting parent may have work to finish
    return util.empty_response(202)
