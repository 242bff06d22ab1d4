"""JSON text written by the database, for the rows of long lists.

Reading a row into Python values costs more than anything else a long list does:
PyMySQL decodes every column of every row in pure Python (a DATETIME alone costs
about 5 us), and the values are then encoded again as JSON.  Asked instead for
one column holding the row's JSON text, the database does both in C and the
driver decodes one string per row.

:func:`object_text` builds that column from ``(key, kind, column)`` members; the
kinds say how a value is spelled, the same way on every backend:

- ``STRING``: a JSON string (escaped by the database's own JSON quoting), or null;
- ``INTEGER``: a JSON number, or null;
- ``EPOCH``: seconds since the epoch with microseconds (a ``NUMERIC(18, 6)``), as a
  JSON number with six decimals, or null;
- ``TIME``: a timestamp as Senlin spelled it, ``"2016-01-18T00:00:00Z"`` (UTC,
  no fraction), or null;
- ``OBJECT``: a column holding a JSON object as text (``types.Json``), written
  as it is stored (compact, keys sorted); ``{}`` when NULL.

The text is that of an object *without its closing brace*, so that a caller can
append members the row does not hold (an action's dependencies).
"""

import sqlalchemy as sa
from sqlalchemy.ext import compiler
from sqlalchemy.sql import expression
from sqlalchemy.sql import visitors

STRING = 'string'
INTEGER = 'integer'
EPOCH = 'epoch'
TIME = 'time'
OBJECT = 'object'


class _Member(expression.ColumnElement):
    """One value's JSON text (never SQL NULL)."""
    type = sa.Text()
    _traverse_internals = [('kind', visitors.InternalTraversal.dp_string),
                           ('column', visitors.InternalTraversal.dp_clauseelement)]

    def __init__(self, kind, column):
        self.kind = kind
        self.column = column

    @property
    def _from_objects(self):
        return self.column._from_objects


class _Concat(expression.ColumnElement):
    type = sa.Text()
    _traverse_internals = [
        ('parts', visitors.InternalTraversal.dp_clauseelement_tuple)]

    def __init__(self, parts):
        self.parts = tuple(parts)

    @property
    def _from_objects(self):
        return [f for part in self.parts for f in part._from_objects]


# The spelling of each kind, per backend: a format with {x} (the column) and {f}
# (a bound format string, where the backend's time formatting needs one: it holds
# '%', which a DB-API with the 'format' paramstyle would otherwise take for a
# placeholder).
_SPELLINGS = {
    'mysql': {
        STRING: "COALESCE(JSON_QUOTE({x}), 'null')",
        INTEGER: "COALESCE(CAST({x} AS CHAR), 'null')",
        EPOCH: "COALESCE(CAST({x} AS CHAR), 'null')",
        TIME: "COALESCE(DATE_FORMAT({x}, {f}), 'null')",
    },
    'postgresql': {
        STRING: "COALESCE(CAST(to_json({x}) AS TEXT), 'null')",
        INTEGER: "COALESCE(CAST({x} AS TEXT), 'null')",
        EPOCH: "COALESCE(CAST({x} AS TEXT), 'null')",
        TIME: "COALESCE('\"' || to_char({x} AT TIME ZONE 'UTC', {f}) || '\"', "
              "'null')",
    },
    'sqlite': {
        STRING: "json_quote({x})",
        INTEGER: "COALESCE(CAST({x} AS TEXT), 'null')",
        # NUMERIC affinity may have stored an integral value as an INTEGER;
        # printf() spells NULL as 0.
        EPOCH: "CASE WHEN {x} IS NULL THEN 'null' ELSE printf('%.6f', {x}) END",
        TIME: "COALESCE(strftime({f}, {x}), 'null')",
    },
}
_TIME_FORMATS = {
    'mysql': '"%Y-%m-%dT%H:%i:%sZ"',
    'postgresql': 'YYYY-MM-DD"T"HH24:MI:SS"Z"',
    'sqlite': '"%Y-%m-%dT%H:%M:%SZ"',
}
_OBJECT = "CASE WHEN {x} IS NULL OR {x} = 'null' THEN '{{}}' ELSE {x} END"


@compiler.compiles(_Member)
def _compile_member(element, compiler_, **kw):
    dialect = compiler_.dialect.name
    column = compiler_.process(element.column, **kw)
    if element.kind == OBJECT:
        return _OBJECT.format(x=column)
    # NOTE: no spelling holds a '%' but SQLite's (sqlite3's paramstyle is
    # 'qmark'); the others' time formats are bound parameters.
    spelling = _SPELLINGS[dialect][element.kind]
    fmt = ''
    if element.kind == TIME:
        fmt = compiler_.process(sa.literal(_TIME_FORMATS[dialect]), **kw)
    return spelling.format(x=column, f=fmt)


@compiler.compiles(_Concat)
def _compile_concat(element, compiler_, **kw):
    parts = [compiler_.process(p, **kw) for p in element.parts]
    return '(%s)' % ' || '.join(parts)


@compiler.compiles(_Concat, 'mysql')
def _compile_concat_mysql(element, compiler_, **kw):
    parts = [compiler_.process(p, **kw) for p in element.parts]
    return 'CONCAT(%s)' % ', '.join(parts)


def object_text(members):
    """A column expression: the JSON text of an object of ``members``, without its
    closing brace.

    :param members: ``(key, kind, column)`` triples; keys are plain ASCII names
    """
    parts = []
    for i, (key, kind, column) in enumerate(members):
        opening = '{' if i == 0 else ', '
        parts.append(sa.literal('%s"%s": ' % (opening, key), type_=sa.Text()))
        parts.append(_Member(kind, column))
    return _Concat(parts)
