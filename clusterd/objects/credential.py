"""Credentials: the Keystone trust each user gave clusterd, per (user, project).

A row holds ``cred = {"openstack": {"trust": <trust id>}}`` as Senlin's did, so
credentials imported from Senlin are read the same way.  The API writes one at a
user's first authenticated request in a project (:mod:`clusterd.engine.trusts`);
every cloud call for that user's nodes reads it; a trust Keystone no longer
honours is forgotten (only if it is still the stored one), so the user's next
request makes a new one.
"""

from oslo_db import exception as db_exc
import sqlalchemy as sa

from clusterd.db import models

_TABLE = models.Credential


def _trust_in(cred):
    return ((cred or {}).get('openstack') or {}).get('trust')


def trust_of(context, user, project):
    """The trust id stored for (user, project), or None."""
    with context.reader as session:
        cred = session.execute(sa.select(_TABLE.cred).where(
            _TABLE.user == user, _TABLE.project == project)).scalar()
    return _trust_in(cred)


def store(context, user, project, trust_id):
    """Keep ``trust_id`` as the trust of (user, project), replacing any other."""
    cred = {'openstack': {'trust': trust_id}}
    try:
        with context.writer as session:
            found = session.execute(sa.update(_TABLE).where(
                _TABLE.user == user, _TABLE.project == project).values(
                    cred=cred)).rowcount
            if not found:
                session.add(_TABLE(user=user, project=project, cred=cred, data={}))
    except db_exc.DBDuplicateEntry:
        # Another API process stored one between our update and our insert:
        # ours replaces it.  (oslo.db reports the unique violation as
        # DBDuplicateEntry, never as SQLAlchemy's IntegrityError.)
        with context.writer as session:
            session.execute(sa.update(_TABLE).where(
                _TABLE.user == user, _TABLE.project == project).values(cred=cred))


def forget(context, user, project, trust_id):
    """Drop the credential of (user, project) if it still holds ``trust_id``.

    :returns: whether it was dropped
    """
    with context.writer as session:
        row = session.execute(sa.select(_TABLE).where(
            _TABLE.user == user, _TABLE.project == project).with_for_update()
        ).scalar()
        if row is None or _trust_in(row.cred) != trust_id:
            return False
        session.delete(row)
    return True
