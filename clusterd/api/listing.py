"""List plumbing shared by every ``GET /v1/<things>``.

A resource declares what its list accepts once::

    ACTION_LIST = listing.ListSpec(
        filters=('name', 'cluster_id', 'target', 'action', 'status'),
        sort_keys=('name', 'target', 'action', 'created_at', 'status'),
        enums={'status': states.ACTION_STATUSES})

and its handler asks for a page::

    rows = listing.page(req, ACTION_LIST, action_obj.Action, FIELDS)

which checks the query string the way Senlin did (exact error strings included):
``limit`` (a positive integer), ``marker`` (the id of a visible row), ``sort``
(``key[:asc|desc],...`` from the whitelist), whitelisted filters (a repeated
parameter is a multi-value filter), ``global_project`` (admin only), and refuses any
other parameter.  Rows of other projects are never returned unless
``global_project`` is granted.
"""

import dataclasses

from oslo_utils import uuidutils

from clusterd.api import errors
from clusterd.api import rbac
from clusterd.api.schemas import checks
from clusterd.api import util
from clusterd.objects import listing as listing_obj

PAGING = ('limit', 'marker', 'sort', 'global_project')

# The largest LIMIT every backend takes (a signed 32-bit integer).
MAX_LIMIT = 2 ** 31 - 1


@dataclasses.dataclass(frozen=True)
class ListSpec:
    """What one resource's list accepts.

    :param filters: query parameters that filter, each a field name
    :param sort_keys: fields ``sort`` may name
    :param default_sort: the order when ``sort`` is not given
    :param enums: filter -> allowed values (others: "Field value [...] is invalid")
    :param transforms: filter -> function mapping the given values to stored ones
    :param quote_invalid: quote the name in "Invalid parameter 'x'" (Senlin did so
        for clusters and policies only, and tempest checks both spellings)
    :param extra: parameters accepted but handled by the handler itself
    """
    filters: tuple = ()
    sort_keys: tuple = ('created_at',)
    default_sort: tuple = (('created_at', 'asc'),)
    enums: dict = dataclasses.field(default_factory=dict)
    transforms: dict = dataclasses.field(default_factory=dict)
    quote_invalid: bool = False
    extra: tuple = ()


@dataclasses.dataclass
class ListQuery:
    filters: dict
    sort: list
    limit: int
    marker: str
    project_safe: bool


def _single(params, name):
    values = params.getall(name)
    return values[-1] if values else None


def parse_limit(value):
    if value is None:
        return None
    try:
        limit = int(value)
    except ValueError:
        raise errors.BadRequest("The value for limit must be an integer: '%s'." %
                                value)
    if limit < 0:
        # Senlin's wording, which its tempest suite checks.
        raise errors.BadRequest(checks.NEGATIVE % 'limit')
    # NOTE: a limit beyond any table is no limit; capped so that the database
    # never sees a number larger than its LIMIT takes (a 500 before).
    return min(limit, MAX_LIMIT)


def _marker(value):
    if value is not None and not uuidutils.is_uuid_like(value):
        raise errors.BadRequest("The value for marker is not a valid UUID: '%s'."
                                % value)
    return value


def parse_sort(value, spec):
    if not value:
        return list(spec.default_sort)
    sort = []
    for item in value.split(','):
        key, _, direction = item.strip().partition(':')
        if key not in spec.sort_keys:
            raise errors.BadRequest("Unsupported sort key '%s' for 'sort'." % key)
        direction = direction or 'asc'
        if direction not in ('asc', 'desc'):
            raise errors.BadRequest("Unsupported sort dir '%s' for 'sort'." %
                                    direction)
        sort.append((key, direction))
    return sort


def parse_filters(params, spec):
    filters = {}
    for name in spec.filters:
        values = params.getall(name)
        if not values:
            continue
        allowed = spec.enums.get(name)
        for value in values if allowed is not None else ():
            if value not in allowed:
                # Senlin's words, with the value as it was sent.
                raise errors.BadRequest('Field value %s is invalid' % value)
        transform = spec.transforms.get(name)
        filters[name] = transform(values) if transform else values
    return filters


def parse(req, spec):
    """The :class:`ListQuery` of a list request (raises 400/403 on bad input)."""
    params = req.GET
    for name in params.keys():
        if name not in PAGING and name not in spec.filters and \
                name not in spec.extra:
            raise errors.BadRequest(("Invalid parameter '%s'" if spec.quote_invalid
                                     else 'Invalid parameter %s') % name)
    global_project = util.parse_bool(
        'global_project', _single(params, 'global_project') or 'false')
    if global_project:
        rbac.authorize(req, rbac.rules.GLOBAL_PROJECT)
    return ListQuery(filters=parse_filters(params, spec),
                     sort=parse_sort(_single(params, 'sort'), spec),
                     limit=parse_limit(_single(params, 'limit')),
                     marker=_marker(_single(params, 'marker')),
                     project_safe=not global_project)


def page(req, spec, cls, fields, query=None, filters=None, extra=(), then=None):
    """The rows (dicts of ``fields``) of ``cls`` that a list request asks for.

    :param query: a :class:`ListQuery` already parsed (else parsed here)
    :param filters: extra filters the handler adds (field -> values)
    :param extra: more labelled column expressions (see objects.listing.page)
    :param then: a function of the session and the rows (see objects.listing.page)
    """
    query = query or parse(req, spec)
    all_filters = dict(query.filters)
    all_filters.update(filters or {})
    try:
        return listing_obj.page(util.context(req), cls, fields, filters=all_filters,
                                sort=query.sort, limit=query.limit,
                                marker=query.marker,
                                project_safe=query.project_safe, extra=extra,
                                then=then)
    except listing_obj.MarkerNotFound:
        raise errors.InvalidParameter('marker', query.marker)
