"""Reading a Senlin database, for ``clusterd-manage import-senlin``.

Senlin's code is never imported: its tables are reflected with SQLAlchemy Core
and read inside one read-only transaction (a consistent snapshot on MariaDB and
PostgreSQL) that is always rolled back, so a live Senlin is never written to.

Which schema a database has is told by its version table:

- Senlin 2023.1 and later migrate with alembic: ``alembic_version`` holds one of
  the twelve revisions below;
- earlier releases used sqlalchemy-migrate: ``migrate_version.version`` is
  1 to 15 (7, 8 and 9 were empty placeholders);
- a database that was upgraded across the change has both; alembic's wins.

Each alembic revision repeats a legacy migration (its number is in
:data:`REVISIONS`), so one number, the *level*, says which columns exist.  The
columns added after the first schema are read only at the level that has them
(:data:`ADDED`); older databases get the default those migrations gave.
Anything else (no version table, an unknown or newer version, a table or a
column missing that the level says exists) is a :class:`SchemaError`.
"""

import contextlib
import datetime
import json

import sqlalchemy as sa

from clusterd.db import api as db_api

# (alembic revision, the legacy migration it repeats), oldest first.
REVISIONS = (
    ('569eb0b8', 1),        # the first schema
    ('6f73af60', 2),        # service table
    ('c3e2bfa76dea', 3),    # action.user, project, domain
    ('ab7b23c67360', 4),    # health_registry
    ('662f8e74ac6f', 5),    # event.obj_id/obj_name/obj_type -> oid/oname/otype
    ('9dbb563afc4d', 6),    # node.dependents, cluster.dependents
    ('0c04e812f224', 10),   # user/project/domain widened to 64
    ('5b7cb185e0a5', 11),   # health_registry.enabled
    ('3a04debb8cb1', 12),   # cluster.config
    ('beffe13cf8e5', 13),   # action start_time/end_time Numeric(18, 6)
    ('aaa7e7755feb', 14),   # node.tainted
    ('004f8202c264', 15),   # action.cluster_id
)
LEVELS = dict(REVISIONS)
NEWEST = REVISIONS[-1][1]

# Every column read, as it is named at the newest level.
COLUMNS = {
    'profile': ('id', 'name', 'type', 'context', 'spec', 'user', 'project',
                'domain', 'permission', 'meta_data', 'created_at', 'updated_at'),
    'policy': ('id', 'name', 'type', 'user', 'project', 'domain', 'cooldown',
               'level', 'spec', 'data', 'created_at', 'updated_at'),
    'cluster': ('id', 'name', 'profile_id', 'user', 'project', 'domain', 'parent',
                'init_at', 'created_at', 'updated_at', 'min_size', 'max_size',
                'desired_capacity', 'next_index', 'timeout', 'status',
                'status_reason', 'meta_data', 'data', 'dependents', 'config'),
    'node': ('id', 'name', 'physical_id', 'cluster_id', 'profile_id', 'user',
             'project', 'domain', 'index', 'role', 'init_at', 'created_at',
             'updated_at', 'status', 'status_reason', 'meta_data', 'data',
             'dependents', 'tainted'),
    'cluster_policy': ('id', 'cluster_id', 'policy_id', 'priority', 'enabled',
                       'data', 'last_op'),
    'receiver': ('id', 'name', 'type', 'user', 'project', 'domain', 'cluster_id',
                 'actor', 'action', 'params', 'channel', 'created_at',
                 'updated_at'),
    'credential': ('user', 'project', 'cred', 'data'),
    'action': ('id', 'name', 'context', 'target', 'action', 'cause', 'owner',
               'interval', 'start_time', 'end_time', 'timeout', 'control',
               'status', 'status_reason', 'inputs', 'outputs', 'data',
               'created_at', 'updated_at', 'user', 'project', 'domain',
               'cluster_id'),
    'event': ('id', 'timestamp', 'oid', 'oname', 'otype', 'cluster_id', 'level',
              'user', 'project', 'action', 'status', 'status_reason',
              'meta_data'),
    'cluster_lock': ('cluster_id', 'action_ids', 'semaphore'),
    'node_lock': ('node_id', 'action_id'),
}

# (table, column) -> (the level that added it, its value in older databases).
ADDED = {
    ('action', 'user'): (3, None),
    ('action', 'project'): (3, None),
    ('action', 'domain'): (3, None),
    ('node', 'dependents'): (6, {}),
    ('cluster', 'dependents'): (6, {}),
    ('cluster', 'config'): (12, {}),
    ('node', 'tainted'): (14, False),
    ('action', 'cluster_id'): (15, None),
}
# (table, column) -> (its name before, the level that renamed it).
RENAMED = {
    ('event', 'oid'): ('obj_id', 5),
    ('event', 'oname'): ('obj_name', 5),
    ('event', 'otype'): ('obj_type', 5),
}

JSON_COLUMNS = {
    'profile': ('context', 'spec', 'meta_data'),
    'policy': ('spec', 'data'),
    'cluster': ('meta_data', 'data', 'dependents', 'config'),
    'node': ('meta_data', 'data', 'dependents'),
    'cluster_policy': ('data',),
    'receiver': ('actor', 'params', 'channel'),
    'credential': ('cred', 'data'),
    'action': ('context', 'inputs', 'outputs', 'data'),
    'event': ('meta_data',),
    'cluster_lock': ('action_ids',),
}

# The key of a row whose JSON could not be read: the reason, for the report.
INVALID = '_invalid'

ACTION_FINISHED = ('SUCCEEDED', 'FAILED', 'CANCELLED')


class SchemaError(Exception):
    """Not a Senlin database this clusterd can read; the message says why."""


class Schema:
    """Which Senlin schema a database has.

    :ivar system: ``'alembic'`` or ``'sqlalchemy-migrate'``
    :ivar version: the alembic revision or the migrate version, as stored
    :ivar level: the legacy migration number it amounts to (1 to 15)
    """

    def __init__(self, system, version, level):
        self.system = system
        self.version = version
        self.level = level

    def has(self, table, column):
        added = ADDED.get((table, column))
        return added is None or self.level >= added[0]

    def stored_name(self, table, column):
        renamed = RENAMED.get((table, column))
        if renamed is not None and self.level < renamed[1]:
            return renamed[0]
        return column

    def differences(self):
        """What this schema lacks, next to the newest, and what stands in for it."""
        notes = []
        for (table, column), (level, default) in sorted(ADDED.items()):
            if self.level < level:
                notes.append('%s.%s (Senlin migration %d) is missing: taken as %s'
                             % (table, column, level, json.dumps(default)))
        for (table, column), (old, level) in sorted(RENAMED.items()):
            if self.level < level:
                notes.append('%s.%s is read from %s (before migration %d)'
                             % (table, column, old, level))
        return notes

    def describe(self):
        if self.system == 'alembic':
            where = 'alembic revision %s' % self.version
        else:
            where = 'sqlalchemy-migrate version %s (Senlin before 2023.1)' % (
                self.version)
        return '%s, migration %d of the %d this clusterd knows' % (
            where, self.level, NEWEST)


def _version_rows(connection, table, column):
    try:
        return [row[0] for row in connection.execute(
            sa.text('SELECT %s FROM %s' % (column, table)))]
    except sa.exc.DBAPIError as exc:
        raise SchemaError('the version table %s cannot be read: %s' % (
            table, _first_line(exc)))


def detect(connection, tables):
    """The :class:`Schema` of a database whose tables are ``tables``.

    :raises SchemaError: when no known version is found
    """
    if 'alembic_version' in tables:
        versions = _version_rows(connection, 'alembic_version', 'version_num')
        if len(versions) != 1:
            raise SchemaError(
                'alembic_version holds %d revisions (%s); a Senlin database holds '
                'exactly one' % (len(versions), ', '.join(map(str, versions))))
        revision = versions[0]
        if revision not in LEVELS:
            hint = (' (this looks like a clusterd database, not Senlin\'s)'
                    if 'senlin_import' in tables else '')
            raise SchemaError(
                'unknown or newer schema: alembic revision %r is not one of '
                'Senlin\'s (the newest known is %s)%s' % (
                    revision, REVISIONS[-1][0], hint))
        return Schema('alembic', revision, LEVELS[revision])
    if 'migrate_version' in tables:
        versions = _version_rows(connection, 'migrate_version', 'version')
        try:
            version = int(versions[0]) if len(versions) == 1 else None
        except (TypeError, ValueError):
            version = None
        if version is None or version < 1:
            raise SchemaError('migrate_version does not hold one version number '
                              '(found %r)' % (versions,))
        if version > NEWEST:
            raise SchemaError(
                'unknown or newer schema: sqlalchemy-migrate version %d is newer '
                'than the last one Senlin made (%d)' % (version, NEWEST))
        return Schema('sqlalchemy-migrate', version, version)
    raise SchemaError('not a Senlin database: it has neither an alembic_version '
                      'nor a migrate_version table')


def _first_line(exc):
    inner = getattr(exc, 'orig', None) or exc
    lines = str(inner).strip().splitlines()
    return lines[0] if lines else type(inner).__name__


def _utc(value):
    if isinstance(value, datetime.datetime) and value.tzinfo is None:
        return value.replace(tzinfo=datetime.timezone.utc)
    return value


class Snapshot:
    """The tables of one Senlin database, read in one read-only transaction."""

    def __init__(self, connection, schema, tables):
        self.connection = connection
        self.schema = schema
        self.tables = tables

    def _select(self, name):
        """A SELECT of the columns of ``name`` this schema has, labelled with
        their newest names."""
        table = self.tables[name]
        columns = []
        for column in COLUMNS[name]:
            if self.schema.has(name, column):
                columns.append(table.c[self.schema.stored_name(name, column)]
                               .label(column))
        return table, sa.select(*columns)

    def _rows(self, name, query):
        json_columns = JSON_COLUMNS.get(name, ())
        result = []
        for row in self.connection.execute(query).mappings():
            values = {column: _utc(value) for column, value in row.items()}
            for column in COLUMNS[name]:
                if column not in values:
                    values[column] = ADDED[(name, column)][1]
            for column in json_columns:
                text = values.get(column)
                if text is None or not isinstance(text, str):
                    continue
                try:
                    values[column] = json.loads(text) if text.strip() else None
                except ValueError as exc:
                    values[INVALID] = '%s.%s is not valid JSON (%s)' % (
                        name, column, exc)
            result.append(values)
        return result

    def projects(self):
        """Every project that owns a profile, policy, cluster, node, receiver or
        credential, sorted."""
        found = set()
        for name in ('profile', 'policy', 'cluster', 'node', 'receiver',
                     'credential'):
            column = self.tables[name].c.project
            found.update(value for value, in self.connection.execute(
                sa.select(column).distinct()) if value is not None)
        return sorted(found)

    def rows(self, name, project=None):
        """The rows of table ``name`` (of one project when given), each a dict
        of the newest column names; JSON parsed; a row with unreadable JSON
        carries :data:`INVALID`."""
        table, query = self._select(name)
        if project is not None:
            query = query.where(table.c.project == project)
        return self._rows(name, query.order_by(*table.primary_key.columns))

    def bindings(self, cluster_ids):
        table, query = self._select('cluster_policy')
        if not cluster_ids:
            return []
        return self._rows('cluster_policy', query.where(
            table.c.cluster_id.in_(sorted(cluster_ids))).order_by(table.c.id))

    def unfinished_actions(self):
        """Every action (of any project) that has not ended."""
        table, query = self._select('action')
        return self._rows('action', query.where(sa.or_(
            table.c.status.is_(None), table.c.status.not_in(ACTION_FINISHED))))

    def locks(self):
        """(cluster locks, node locks): every row of both tables."""
        return self.rows('cluster_lock'), self.rows('node_lock')

    def finished_actions(self, project, since):
        """The project's ended actions created at ``since`` or later.

        Before Senlin's migration 3 actions have no project: none are read.
        """
        if not self.schema.has('action', 'project'):
            return []
        table, query = self._select('action')
        return self._rows('action', query.where(
            table.c.project == project, table.c.status.in_(ACTION_FINISHED),
            table.c.created_at >= since.replace(tzinfo=None))
            .order_by(table.c.created_at, table.c.id))

    def events(self, project, since):
        """The project's events at ``since`` or later."""
        table, query = self._select('event')
        return self._rows('event', query.where(
            table.c.project == project,
            table.c.timestamp >= since.replace(tzinfo=None))
            .order_by(table.c.timestamp, table.c.id))


def _read_only(connection):
    """Start a read-only transaction (a consistent snapshot where the backend
    has one)."""
    backend = connection.dialect.name
    if backend == 'mysql':
        connection.exec_driver_sql(
            'SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ')
        connection.exec_driver_sql(
            'START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY')
    elif backend == 'postgresql':
        connection.exec_driver_sql(
            'SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY')
    elif backend == 'sqlite':
        connection.exec_driver_sql('PRAGMA query_only = ON')


def describe_url(url):
    """``url`` with its password hidden."""
    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except sa.exc.ArgumentError:
        return '(an unparsable URL)'


@contextlib.contextmanager
def snapshot(url):
    """Yield a :class:`Snapshot` of the Senlin database at ``url``; nothing is
    ever written to it.

    :raises SchemaError: when it cannot be reached or is not a Senlin database
        this clusterd knows
    """
    try:
        engine = sa.create_engine(db_api.driver_url(url),
                                  poolclass=sa.pool.NullPool)
    except (sa.exc.ArgumentError, ImportError) as exc:
        raise SchemaError('cannot use this URL: %s' % exc)
    try:
        try:
            connection = engine.connect()
        except sa.exc.DBAPIError as exc:
            raise SchemaError('cannot connect: %s' % _first_line(exc))
        with connection:
            try:
                _read_only(connection)
                names = set(sa.inspect(connection).get_table_names())
                schema = detect(connection, names)
                missing = sorted(set(COLUMNS) - names)
                if missing:
                    raise SchemaError('not a complete Senlin database: missing '
                                      'tables: %s' % ', '.join(missing))
                metadata = sa.MetaData()
                metadata.reflect(bind=connection, only=sorted(COLUMNS))
                _check_columns(metadata.tables, schema)
            except sa.exc.DBAPIError as exc:
                raise SchemaError('cannot read it: %s' % _first_line(exc))
            try:
                yield Snapshot(connection, schema, metadata.tables)
            finally:
                connection.rollback()
    finally:
        engine.dispose()


def _check_columns(tables, schema):
    for name, columns in COLUMNS.items():
        present = set(tables[name].c.keys())
        for column in columns:
            if not schema.has(name, column):
                continue
            stored = schema.stored_name(name, column)
            if stored not in present:
                raise SchemaError(
                    'the table %s has no column %s, which Senlin\'s schema has at '
                    '%s: the database is damaged or not Senlin\'s' % (
                        name, stored, schema.describe()))
