"""What every domain class shares: rows in, plain objects out.

A domain class lists its ``fields`` and its SQLAlchemy ``model``; its own module holds
the queries it needs, each under the context's reader or writer scope.  Nothing
outside ``clusterd.objects`` and ``clusterd.db`` sees a SQLAlchemy row.
"""

import operator
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
# model -> its columns with a Python default (DomainObject._defaulted)
_DEFAULTED = {}
# domain class -> the reader of its fields from a row (DomainObject.from_row)
_READERS = {}


def prepared(key, build):
    """The statement kept under ``key``, built by ``build()`` the first time."""
    query = _PREPARED.get(key)
    if query is None:
        if len(_PREPARED) >= _PREPARED_MAX:
            _PREPARED.clear()
        query = _PREPARED[key] = build()
    return query


def set_clause(table, columns):
    """The SET of a prepared UPDATE of ``columns``: each a bound parameter
    named ``v_<column>`` (a parameter may not take a column's own name), the
    values given by :func:`set_values`."""
    return {c: sa.bindparam('v_' + c, type_=table.c[c].type) for c in columns}


def set_values(values, into=None):
    """The parameters of :func:`set_clause` for ``values`` ({column: value})."""
    into = {} if into is None else into
    for column, value in values.items():
        into['v_' + column] = value
    return into


def case_size(count):
    """The branches of the CASE (:func:`case_on_id`) for ``count`` rows: the
    next power of two, so that a few shapes serve every batch size and the
    engine's warm-up compiles those of the common ones."""
    size = 1
    while size < count:
        size *= 2
    return size


def case_on_id(table, column, size, else_=None):
    """CASE on the row id with ``size`` branches (:func:`case_size`), bound as
    ``k<i>`` (the id) and ``w<i>`` (its value; :func:`case_values`): the
    value to SET ``column`` to in a prepared UPDATE of rows that differ.
    Keyed by ``size``, as the statement's shape is."""
    typ = table.c[column].type
    return sa.case(*[(table.c.id == sa.bindparam('k%d' % i),
                      sa.bindparam('w%d' % i, type_=typ)) for i in range(size)],
                   else_=else_)


def case_values(pairs, size, into=None):
    """The parameters of a :func:`case_on_id` of ``size`` branches for (id,
    value) ``pairs``; the branches left over match no row (an id of NULL)."""
    into = {} if into is None else into
    pairs = list(pairs)
    for i in range(size):
        ident, value = pairs[i] if i < len(pairs) else (None, None)
        into['k%d' % i] = ident
        into['w%d' % i] = value
    return into


def compile_cases(context, statement, sizes, params):
    """Run ``statement(size)``, a prepared UPDATE with a :func:`case_on_id`
    of ``size`` branches, for the shape of each of ``sizes`` rows, on no row
    (``ids`` empty; ``params`` bind the rest): the engine's warm-up compiles
    them before the first action needs them."""
    with context.writer as session:
        for size in sorted({case_size(n) for n in sizes}):
            session.execute(statement(size),
                            case_values([], size, dict(params, ids=[])))


def _insert(table):
    return prepared(('insert', table), lambda: sa.insert(table))


def insert(session, table, rows):
    """INSERT ``rows`` (a dict, or a list of dicts with the same keys: one
    executemany) into ``table`` by a statement built once per table (the
    values are parameters: its compiled form is found by their keys)."""
    return session.execute(_insert(table), rows)


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
        self.__dict__.update((f, values.get(f)) for f in self.fields)

    def __repr__(self):
        return '<%s %s>' % (type(self).__name__, getattr(self, 'id', '?'))

    @classmethod
    def column(cls, field):
        return getattr(cls.model, cls.renamed.get(field, field))

    @classmethod
    def from_row(cls, row):
        # (The fields read by one C call, into the object's dict: an engine
        # makes a few objects per node, and the keyword call cost twice as
        # much.)
        read = _READERS.get(cls)
        if read is None:
            names = [cls.renamed.get(f, f) for f in cls.fields]
            # (attrgetter of one name gives the value, not a tuple.)
            read = _READERS[cls] = operator.attrgetter(*names, *names[:1] * (
                len(names) == 1))
        obj = cls.__new__(cls)
        obj.__dict__.update(zip(cls.fields, read(row)))
        return obj

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
    def _defaulted(cls):
        """The columns with a Python default (a column without one is left
        out of an INSERT that does not name it, so that a server default
        applies, as with the ORM)."""
        found = _DEFAULTED.get(cls.model)
        if found is None:
            found = _DEFAULTED[cls.model] = [
                c for c in cls.model.__table__.c if c.default is not None]
        return found

    @classmethod
    def create(cls, context, /, **values):
        """Insert a row (a Core INSERT, the columns' Python defaults filled in
        here so the object returned has them: an ORM flush cost about 2.5 ms of
        CPU per row, most of it in its unit of work)."""
        values.setdefault('id', new_id())
        row = cls._row_values(values)
        for column in cls._defaulted():
            if column.name not in row:
                row[column.name] = _default(column)
        with context.writer as session:
            insert(session, cls.model.__table__, row)
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
        row = cls._row_values(values)
        table = cls.model.__table__
        columns = tuple(sorted(row))
        query = prepared(('update', table, columns), lambda: sa.update(table).where(
            table.c.id == sa.bindparam('ident')).values(**set_clause(table, columns)))
        with context.writer as session:
            count = session.execute(query, set_values(row, {'ident': ident})).rowcount
        if not count:
            raise NotFound(cls.kind, ident)

    @classmethod
    def delete(cls, context, ident):
        table = cls.model.__table__
        query = prepared(('delete', table), lambda: sa.delete(table).where(
            table.c.id == sa.bindparam('ident')))
        with context.writer as session:
            session.execute(query, {'ident': ident})

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
                table.c.status.in_(allowed)).values(**set_clause(table, columns))
        query = prepared(('set_status', cls.model, allowed, columns), build)
        with context.writer as session:
            return bool(session.execute(
                query, set_values(row, {'ident': ident})).rowcount)

    def to_dict(self):
        return {f: getattr(self, f) for f in self.fields}
