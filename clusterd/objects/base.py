"""What every domain class shares: rows in, plain objects out.

A domain class lists its ``fields`` and its SQLAlchemy ``model``; its own module holds
the queries it needs, each under the context's reader or writer scope.  Nothing
outside ``clusterd.objects`` and ``clusterd.db`` sees a SQLAlchemy row.
"""

import uuid

import sqlalchemy as sa

from clusterd.clock import utcnow
from clusterd import states


class NotFound(LookupError):
    """The object does not exist (or is not visible to the caller)."""

    def __init__(self, kind, ident):
        super().__init__("The %s '%s' could not be found." % (kind, ident))
        self.kind = kind
        self.ident = ident


# Ids per ``IN (...)`` of a query over many rows (SQLite takes at most 32,766
# bound parameters).
IN_CHUNK = 5000


def new_id():
    return str(uuid.uuid4())


def _default(column):
    """The value ``column``'s Python-side default gives a new row."""
    default = column.default
    if default.is_callable:
        return default.arg(None)    # SQLAlchemy wraps it to take a context
    return default.arg


# Statements built once, by key, with what changes between calls as bound
# parameters.  A statement built per call costs SQLAlchemy more CPU than
# running it: its construction, then the key of its compiled form, computed
# on every execution (a built one keeps its key).  Cluster.get: 436 against
# 235 us on SQLite.  For the statements the engine runs at every action and
# the API at every request.  (Cleared when full: a caller whose keys never
# repeat gains nothing and costs no more than building per call.)
_PREPARED = {}
_PREPARED_MAX = 512


def prepared(key, build):
    """The statement kept under ``key``, built by ``build()`` the first time."""
    query = _PREPARED.get(key)
    if query is None:
        if len(_PREPARED) >= _PREPARED_MAX:
            _PREPARED.clear()
        query = _PREPARED[key] = build()
    return query


def _get_statement(model, scoped):
    def build():
        table = model.__table__
        query = sa.select(table).where(table.c.id == sa.bindparam('ident'))
        if scoped:
            query = query.where(table.c.project == sa.bindparam('project'))
        return query
    return prepared(('get', model, scoped), build)


class DomainObject:
    model = None
    kind = None
    # attribute name -> column name, where they differ (Senlin's "meta_data").
    renamed = {}
    fields = ()

    def __init__(self, **values):
        for field in self.fields:
            setattr(self, field, values.get(field))

    def __repr__(self):
        return '<%s %s>' % (type(self).__name__, getattr(self, 'id', '?'))

    @classmethod
    def column(cls, field):
        return getattr(cls.model, cls.renamed.get(field, field))

    @classmethod
    def from_row(cls, row):
        return cls(**{f: getattr(row, cls.renamed.get(f, f)) for f in cls.fields})

    @classmethod
    def _row_values(cls, values):
        return {cls.renamed.get(k, k): v for k, v in values.items()}

    @classmethod
    def _query(cls, context, project_safe=True):
        """A Core SELECT of the whole row (rows, not ORM entities: loading an
        entity costs about twice the CPU, and :meth:`from_row` takes either)."""
        table = cls.model.__table__
        query = sa.select(table)
        if project_safe and 'project' in table.c:
            query = query.where(table.c.project == context.project_id)
        return query

    @classmethod
    def create(cls, context, /, **values):
        """Insert a row (a Core INSERT, the columns' Python defaults filled in
        here so the object returned has them: an ORM flush cost about 2.5 ms of
        CPU per row, most of it in its unit of work)."""
        values.setdefault('id', new_id())
        table = cls.model.__table__
        row = cls._row_values(values)
        for column in table.c:
            # (A column without a Python default is left out, so that a
            # server default applies, as with the ORM.)
            if column.name not in row and column.default is not None:
                row[column.name] = _default(column)
        with context.writer as session:
            # The values as parameters, not in the statement: it is compiled
            # once and found in the cache by a key that does not hold them.
            session.execute(sa.insert(table), row)
        return cls(**{f: row.get(cls.renamed.get(f, f)) for f in cls.fields})

    @classmethod
    def get(cls, context, ident, project_safe=True):
        scoped = project_safe and 'project' in cls.model.__table__.c
        values = {'ident': ident}
        if scoped:
            values['project'] = context.project_id
        with context.reader as session:
            row = session.execute(_get_statement(cls.model, scoped),
                                  values).one_or_none()
        if row is None:
            raise NotFound(cls.kind, ident)
        return cls.from_row(row)

    @classmethod
    def update(cls, context, ident, /, **values):
        with context.writer as session:
            table = cls.model.__table__
            count = session.execute(
                sa.update(table).where(table.c.id == ident)
                .values(**cls._row_values(values))).rowcount
        if not count:
            raise NotFound(cls.kind, ident)

    @classmethod
    def delete(cls, context, ident):
        with context.writer as session:
            table = cls.model.__table__
            session.execute(sa.delete(table).where(table.c.id == ident))

    @classmethod
    def _set_status(cls, context, ident, machine, status, reason, values,
                    expected=None):
        """Compare-and-set ``status`` from any status the state machine allows
        (only from ``expected`` when given: a caller that decided on what it
        read must not overwrite a change made since)."""
        allowed = states.sources(machine, status)
        if expected is not None:
            states.check(machine, expected, status)
            allowed = {expected}
        values.update(status=status, updated_at=utcnow())
        if reason is not None:
            values['status_reason'] = reason
        row = cls._row_values(values)
        allowed = tuple(sorted(allowed))
        columns = tuple(sorted(row))

        def build():
            table = cls.model.__table__
            return sa.update(table).where(
                table.c.id == sa.bindparam('ident'),
                table.c.status.in_(allowed)).values(
                    **{c: sa.bindparam('v_' + c, type_=table.c[c].type)
                       for c in columns})
        query = prepared(('set_status', cls.model, allowed, columns), build)
        row = {'v_' + c: v for c, v in row.items()}
        row['ident'] = ident
        with context.writer as session:
            return bool(session.execute(query, row).rowcount)

    def to_dict(self):
        return {f: getattr(self, f) for f in self.fields}
