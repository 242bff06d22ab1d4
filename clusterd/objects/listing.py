"""Queries every list and look-up of the API shares: pages and identities.

Pages are keyset pages: the rows after the marker row in the sort order, found with
a range condition on the sort columns (``created_at > m OR (created_at = m AND
id > m_id)``), so the database walks the ``(created_at, id)`` or ``(project,
created_at)`` index from the marker instead of counting an OFFSET.  ``id`` always
ends the sort, which makes the order total and the marker exact.

Callers name a domain class (``action.Action``) and its field names; rows come
back as plain dicts of the requested fields: the API serializes them
without building objects, and never selects a column it does not show (an
action's ``context`` holds credentials).
"""

import datetime

import sqlalchemy as sa

from clusterd.db import models
from clusterd.objects import base

ASC = 'asc'
DESC = 'desc'

# Columns always written (model defaults), sorted on raw so that their index serves
# the order; any other nullable sort column is sorted through COALESCE, because
# each backend places NULLs differently and a keyset needs one total order.
_NEVER_NULL = {'id', 'created_at', 'timestamp'}
_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


class MarkerNotFound(LookupError):
    pass


def _sort_expression(column):
    if column.name in _NEVER_NULL or not column.nullable:
        return column
    python_type = getattr(column.type, 'impl', column.type).python_type
    if python_type is datetime.datetime:
        fallback = _EPOCH
    elif python_type in (int, float) or column.type._type_affinity is sa.Numeric:
        fallback = -1
    else:
        fallback = ''
    return sa.func.coalesce(column, sa.literal(fallback, type_=column.type))


def _visible(query, model, context, project_safe):
    if project_safe:
        query = query.where(model.project == context.project_id)
    return query


def _project_index(model, first_sort_key):
    """The name of the (project, <first sort key>) index of ``model``, if any."""
    for index in model.__table__.indexes:
        if [c.name for c in index.columns] == ['project', first_sort_key]:
            return index.name
    return None


def _select(cls, fields):
    return sa.select(*[cls.column(f).label(f) for f in fields])


def _after(expressions, directions, values):
    """The keyset condition: rows strictly after ``values`` in the sort order."""
    clauses = []
    for i, (expression, direction) in enumerate(zip(expressions, directions)):
        equal = [expressions[j] == values[j] for j in range(i)]
        beyond = (expression > values[i] if direction == ASC
                  else expression < values[i])
        clauses.append(sa.and_(*equal, beyond))
    first = (expressions[0] >= values[0] if directions[0] == ASC
             else expressions[0] <= values[0])
    # NOTE: the redundant bound on the first key lets every planner see a range.
    return sa.and_(first, sa.or_(*clauses))


def page(context, cls, fields, filters=None, sort=(('created_at', ASC),),
         limit=None, marker=None, project_safe=True, extra=(), then=None):
    """One page of rows of domain class ``cls`` as dicts of ``fields``.

    :param filters: field name -> list of accepted values
    :param sort: (field name, 'asc'|'desc') pairs; ``id`` is appended
    :param marker: id of the last row of the previous page
    :param extra: more labelled column expressions to select (each row's dict
        has them under their label), or a function of the session that returns
        them (to choose them by what the same read transaction sees)
    :param then: called as ``then(session, rows)`` in the same read transaction,
        with the rows as SQLAlchemy ``Row`` tuples (no dicts: a long page reads
        faster); what it returns is returned
    :raises MarkerNotFound: the marker is not a visible row
    """
    sort = [(key, direction) for key, direction in sort if key != 'id']
    sort.append(('id', sort[-1][1] if sort else ASC))
    model = cls.model
    expressions = [_sort_expression(cls.column(key)) for key, _ in sort]
    directions = [direction for _, direction in sort]

    query = _visible(_select(cls, fields), model, context, project_safe)
    index = project_safe and _project_index(model, sort[0][0])
    if index:
        # NOTE: MariaDB's statistics see only a handful of projects, so without
        # the hint it scans and sorts the whole table to list one project's rows;
        # the index reads that project's rows already in order (14 ms instead of
        # 55 ms for 3,500 of 20,000 actions).
        query = query.with_hint(model, 'FORCE INDEX (%s)' % index, 'mysql')
    for name, values in (filters or {}).items():
        column = cls.column(name)
        query = query.where(column == values[0] if len(values) == 1
                            else column.in_(values))
    with context.reader as session:
        query = query.add_columns(*(extra(session) if callable(extra) else extra))
        if marker is not None:
            found = session.execute(_visible(
                sa.select(*expressions).where(model.id == marker), model, context,
                project_safe)).first()
            if found is None:
                raise MarkerNotFound(marker)
            query = query.where(_after(expressions, directions, tuple(found)))
        query = query.order_by(*[e.asc() if d == ASC else e.desc()
                                 for e, d in zip(expressions, directions)])
        if limit is not None:
            query = query.limit(limit)
        # NOTE: a Core select on the session's connection skips the ORM's
        # result machinery, which costs ~10% of a long list.
        result = session.connection().execute(query)
        if then is not None:
            return then(session, result.all())
        return [dict(row._mapping) for row in result]


def rows_by_ids(session, cls, fields, ids, extra=(), chunk=500):
    """The rows of ``cls`` with these ids (any order; missing ids are absent), as
    ``Row`` tuples of ``fields`` and ``extra``, read in ``session``.

    For callers that already know which rows are visible (ids a page returned).
    """
    rows = []
    ids = list(ids)
    for start in range(0, len(ids), chunk):
        query = _select(cls, fields).add_columns(*extra).where(
            cls.model.id.in_(ids[start:start + chunk]))
        rows.extend(session.connection().execute(query).all())
    return rows


# The look-up statements, built once per shape (domain class, fields, extra
# columns, project or not, how it matches, limit) with the identity and the
# project as bound parameters (objects.base.prepared): building and keying a
# SELECT of a cluster with its four subqueries cost more than running it, 580
# against 250 us of CPU per GET /v1/clusters/{id} on SQLite.  (Keyed by the
# extra columns' identities: the kept statement keeps them alive, so an
# identity is not reused while its entry is there.)
_MATCH = {
    'id': lambda model: model.id == sa.bindparam('ident'),
    'name': lambda model: model.name == sa.bindparam('ident'),
    'prefix': lambda model: model.id.like(sa.bindparam('ident'), escape='\\'),
}


def _lookup(cls, fields, extra, project_safe, match, limit):
    def build():
        query = _select(cls, fields).add_columns(*extra).where(
            _MATCH[match](cls.model))
        if project_safe:
            query = query.where(cls.model.project == sa.bindparam('project'))
        return query.limit(limit)
    return base.prepared(('lookup', cls, tuple(fields), tuple(map(id, extra)),
                          bool(project_safe), match, limit), build)


def _matches(context, cls, fields, match, ident, project_safe, limit=2, extra=()):
    query = _lookup(cls, fields, extra, project_safe, match, limit)
    values = {'ident': ident}
    if project_safe:
        values['project'] = context.project_id
    with context.reader as session:
        result = session.connection().execute(query, values)
        return [dict(row._mapping) for row in result]


def by_id(context, cls, fields, ident, project_safe=True, extra=()):
    """The row with id ``ident`` as a dict, or None."""
    rows = _matches(context, cls, fields, 'id', ident, project_safe, 1, extra)
    return rows[0] if rows else None


def by_name(context, cls, fields, name, project_safe=True, extra=()):
    """Up to two rows named ``name`` (two means: ambiguous)."""
    return _matches(context, cls, fields, 'name', name, project_safe, extra=extra)


def by_id_prefix(context, cls, fields, prefix, project_safe=True, extra=()):
    """Up to two rows whose id starts with ``prefix`` (two means: ambiguous)."""
    escaped = (prefix.replace('\\', '\\\\').replace('%', '\\%')
               .replace('_', '\\_'))
    return _matches(context, cls, fields, 'prefix', escaped + '%', project_safe,
                    extra=extra)


def action_dependency_columns():
    """``depends_on`` and ``depended_by`` of each action row, as extra columns.

    Each is a comma-separated string of action ids (or None), read by a correlated
    subquery on the dependency indexes, so a page of actions and their
    dependencies is one query, however long the page.
    """
    dependency = models.Dependency
    action = models.Action

    def ids(selected, matched):
        return (sa.select(sa.func.aggregate_strings(selected, ','))
                .where(matched == action.id).scalar_subquery())

    return [ids(dependency.depended, dependency.dependent).label('depends_on'),
            ids(dependency.dependent, dependency.depended).label('depended_by')]


def all_dependencies(session, at_most):
    """Every (depended, dependent) pair of action ids, if there are at most
    ``at_most`` of them; else None.

    Dependency rows exist only between actions that have not both ended (a
    depended action's rows are deleted when it ends), so the table is short
    unless thousands of actions wait at once: reading it whole is then cheaper
    than probing it twice for every action of a long list.
    """
    dependency = models.Dependency
    pairs = session.connection().execute(
        sa.select(dependency.depended, dependency.dependent)
        .limit(at_most + 1)).all()
    return pairs if len(pairs) <= at_most else None
