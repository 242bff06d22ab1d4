"""Column types shared by every table.

``Timestamp`` always hands back timezone-aware UTC datetimes: PostgreSQL stores
``timestamp with time zone``; MySQL/MariaDB and SQLite have no such type, so the
value is stored as UTC in a microsecond ``DATETIME`` and the zone is put back when it
is read.  ``Json`` is a JSON document in a text column (``LONGTEXT`` on MySQL, so a
large spec or action output never gets cut at 64 KiB).  ``Epoch`` is seconds since
the epoch with microseconds in a ``NUMERIC(18, 6)``, handed over as a decimal so no
driver narrows it on the way (psycopg 3 sends a float as ``float8``, and PostgreSQL
casts that to NUMERIC with 15 significant digits: an action's times would lose
their last microsecond digits, and with them their order).
"""

import datetime
import decimal
import json

import sqlalchemy as sa
from sqlalchemy.dialects import mysql
from sqlalchemy.dialects import postgresql


class Timestamp(sa.types.TypeDecorator):
    impl = sa.DateTime
    cache_ok = True

    def load_dialect_impl(self, dialect):
        if dialect.name == 'postgresql':
            return dialect.type_descriptor(postgresql.TIMESTAMP(timezone=True))
        if dialect.name == 'mysql':
            return dialect.type_descriptor(mysql.DATETIME(fsp=6))
        return dialect.type_descriptor(sa.DateTime())

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=datetime.timezone.utc)
        value = value.astimezone(datetime.timezone.utc)
        if dialect.name == 'postgresql':
            return value
        return value.replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=datetime.timezone.utc)
        return value.astimezone(datetime.timezone.utc)


class Json(sa.types.TypeDecorator):
    impl = sa.Text
    cache_ok = True

    def load_dialect_impl(self, dialect):
        if dialect.name == 'mysql':
            return dialect.type_descriptor(mysql.LONGTEXT())
        return dialect.type_descriptor(sa.Text())

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        return json.dumps(value, separators=(',', ':'), sort_keys=True)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return json.loads(value)




class Epoch(sa.types.TypeDecorator):
    impl = sa.Numeric(18, 6)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None or isinstance(value, decimal.Decimal):
            return value
        # repr() is the shortest text that reads back as the same float.
        return decimal.Decimal(repr(float(value)))

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return float(value)
