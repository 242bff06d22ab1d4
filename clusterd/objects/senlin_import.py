"""The clusterd side of ``clusterd-manage import-senlin``: rows written under
Senlin's ids, read back in bulk, and the ledger of what was imported.

The importer (:mod:`clusterd.engine.senlin_import`) hands plain values keyed by
the domain classes' field names; everything here runs inside the caller's
writer transaction (one per project), so a project is imported whole or not at
all.
"""

import sqlalchemy as sa

from clusterd.clock import utcnow
from clusterd.db import models
from clusterd.objects import action as action_obj
from clusterd.objects import base
from clusterd.objects import cluster as cluster_obj
from clusterd.objects import event as event_obj
from clusterd.objects import node as node_obj
from clusterd.objects import policy as policy_obj
from clusterd.objects import profile as profile_obj
from clusterd.objects import receiver as receiver_obj

CREDENTIAL = 'credential'

# Kind of imported object -> the domain class whose table holds it.
CLASSES = {
    'profile': profile_obj.Profile,
    'policy': policy_obj.Policy,
    'cluster': cluster_obj.Cluster,
    'binding': cluster_obj.ClusterPolicy,
    'node': node_obj.Node,
    'receiver': receiver_obj.Receiver,
    'action': action_obj.Action,
    'event': event_obj.Event,
}


def credential_key(user, project):
    """The ledger id of the credential of (user, project)."""
    return '%s:%s' % (user, project)


def _chunks(items):
    items = list(items)
    for start in range(0, len(items), base.IN_CHUNK):
        yield items[start:start + base.IN_CHUNK]


def existing(context, kind, ids):
    """The rows of ``kind`` with these ids, of any project.

    :returns: {id: {field: value}} (credentials: keyed by :func:`credential_key`)
    """
    if kind == CREDENTIAL:
        return _existing_credentials(context, ids)
    cls = CLASSES[kind]
    found = {}
    with context.reader as session:
        for chunk in _chunks(ids):
            rows = session.execute(sa.select(cls.model).where(
                cls.model.id.in_(chunk))).scalars()
            for row in rows:
                found[row.id] = cls.from_row(row).to_dict()
    return found


def _existing_credentials(context, keys):
    table = models.Credential
    wanted = set(keys)
    pairs = [key.split(':', 1) for key in wanted]
    found = {}
    with context.reader as session:
        for chunk in _chunks(sorted({user for user, _project in pairs})):
            rows = session.execute(sa.select(table).where(
                table.user.in_(chunk))).scalars()
            for row in rows:
                key = credential_key(row.user, row.project)
                if key in wanted:
                    found[key] = {'user': row.user, 'project': row.project,
                                  'cred': row.cred, 'data': row.data}
    return found


def insert(context, kind, rows):
    """Insert rows of ``kind`` (dicts of field values, ids included) at once."""
    if not rows:
        return
    if kind == CREDENTIAL:
        model, values = models.Credential, rows
    else:
        cls = CLASSES[kind]
        model, values = cls.model, [cls._row_values(row) for row in rows]
    with context.writer as session:
        session.execute(sa.insert(model), values)


def update(context, kind, ident, values):
    """Write ``values`` over the row ``ident`` of ``kind``."""
    if kind == CREDENTIAL:
        user, project = ident.split(':', 1)
        table = models.Credential
        with context.writer as session:
            session.execute(sa.update(table).where(
                table.user == user, table.project == project).values(
                    cred=values['cred'], data=values['data']))
        return
    CLASSES[kind].update(context, ident, **{
        field: value for field, value in values.items() if field != 'id'})


def records(context, project):
    """What earlier imports wrote for ``project``: {(kind, id): (source digest,
    target digest)}."""
    table = models.SenlinImport
    with context.reader as session:
        rows = session.execute(sa.select(
            table.kind, table.object_id, table.source_digest,
            table.target_digest).where(table.project == project)).all()
    return {(row.kind, row.object_id): (row.source_digest, row.target_digest)
            for row in rows}


def record(context, project, entries):
    """Remember imported objects: ``entries`` is a list of (kind, id, source
    digest, target digest); an entry already there is replaced."""
    if not entries:
        return
    table = models.SenlinImport
    now = utcnow()
    with context.writer as session:
        for kind in sorted({entry[0] for entry in entries}):
            ids = [entry[1] for entry in entries if entry[0] == kind]
            for chunk in _chunks(ids):
                session.execute(sa.delete(table).where(
                    table.kind == kind, table.object_id.in_(chunk)))
        session.execute(sa.insert(table), [
            {'kind': kind, 'object_id': ident, 'project': project,
             'source_digest': source, 'target_digest': target,
             'imported_at': now}
            for kind, ident, source, target in entries])
