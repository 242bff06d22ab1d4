"""Receivers: webhooks (and message queues) that turn a call into a cluster action.

A webhook receiver keeps, beside Senlin's columns:

- ``secret``: the random token its URL carries (``token=`` in the query); NULL on
  rows made before clusterd had tokens (a Senlin import);
- ``trigger_state``: what its triggers decided lately, a JSON document
  ``{"tokens": float, "at": epoch, "alarms": {alarm key: {"action": id,
  "at": epoch}}}`` (the rate-limit bucket and the actions alarms were coalesced
  into), read under the row's lock and written by compare-and-set on
  ``trigger_serial``, so that API processes sharing one database never decide
  twice on one state.
"""

import datetime
import secrets

import sqlalchemy as sa

from clusterd.db import models
from clusterd.objects import base

# 32 random bytes: 256 bits, 43 URL-safe characters.
SECRET_BYTES = 32

SCALING_TYPE_PREFIX = 'senlin.policy.scaling-'


def new_secret():
    """A fresh webhook token."""
    return secrets.token_urlsafe(SECRET_BYTES)


class Receiver(base.DomainObject):
    model = models.Receiver
    kind = 'receiver'
    fields = ('id', 'name', 'type', 'user', 'project', 'domain', 'cluster_id',
              'actor', 'action', 'params', 'channel', 'secret', 'trigger_state',
              'trigger_serial', 'created_at', 'updated_at')

    @classmethod
    def create(cls, context, /, **values):
        """A receiver row owned by the caller of ``context`` (unless ``values`` say
        otherwise)."""
        values.setdefault('user', context.user_id)
        values.setdefault('project', context.project_id or '')
        values.setdefault('domain', context.domain_id)
        for key in ('actor', 'params', 'channel'):
            values.setdefault(key, {})
        return super().create(context, **values)

    @classmethod
    def find_unscoped(cls, context, ident):
        """The receiver ``ident`` of any project, or None."""
        try:
            return cls.get(context, ident, project_safe=False)
        except base.NotFound:
            return None

    @classmethod
    def locked(cls, context, ident):
        """The receiver ``ident`` of any project, its row locked until the end of
        the caller's write transaction (``SELECT ... FOR UPDATE``; SQLite's
        ``BEGIN IMMEDIATE`` already serialises writers), or None."""
        table = models.Receiver
        with context.writer as session:
            row = session.execute(sa.select(table).where(table.id == ident)
                                  .with_for_update()).scalar_one_or_none()
        return None if row is None else cls.from_row(row)

    @classmethod
    def save_trigger_state(cls, context, receiver, state):
        """Compare-and-set the trigger state read with ``receiver`` (under its row
        lock, see :meth:`locked`, it cannot lose).

        :returns: False when another trigger wrote it meanwhile
        """
        table = models.Receiver
        with context.writer as session:
            return bool(session.execute(
                sa.update(table).where(
                    table.id == receiver.id,
                    table.trigger_serial == receiver.trigger_serial)
                # NOTE: updated_at stays: a trigger is no change of the receiver.
                .values(trigger_state=state,
                        trigger_serial=receiver.trigger_serial + 1,
                        updated_at=table.updated_at)).rowcount)

    @classmethod
    def scaling_cooldown(cls, context, cluster_id, action):
        """The cooldown of the enabled scaling policies of ``cluster_id`` whose
        event is ``action``, and when they last scaled.

        :returns: (cooldown seconds, last scaling time as epoch seconds or None),
            or None when no such policy is attached
        """
        binding = models.ClusterPolicy
        policy = models.Policy
        query = (sa.select(policy.spec, binding.last_op, binding.data)
                 .join(policy, policy.id == binding.policy_id)
                 .where(binding.cluster_id == cluster_id,
                        binding.enabled.is_(True),
                        policy.type.startswith(SCALING_TYPE_PREFIX)))
        with context.reader as session:
            rows = session.execute(query).all()
        found = None
        for spec, last_op, data in rows:
            properties = (spec or {}).get('properties') or {}
            if properties.get('event') != action:
                continue
            cooldown = _seconds((properties.get('adjustment') or {}).get('cooldown'))
            last = _latest(_epoch(last_op), _epoch((data or {}).get('last_op')))
            if found is None:
                found = (cooldown, last)
            else:
                found = (max(found[0], cooldown), _latest(found[1], last))
        return found

    @classmethod
    def delete_for_cluster(cls, context, cluster_id):
        with context.writer as session:
            session.execute(_DELETE_FOR_CLUSTER, {'ident': cluster_id})


def _seconds(value):
    try:
        return max(0, int(value or 0))
    except (TypeError, ValueError):
        return 0


def _epoch(value):
    """Epoch seconds of a time stored as a datetime, a number or ISO text."""
    if value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            value = datetime.datetime.fromisoformat(value.replace('Z', '+00:00'))
        except ValueError:
            return None
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=datetime.timezone.utc)
        return value.timestamp()
    return None


def _latest(first, second):
    values = [v for v in (first, second) if v is not None]
    return max(values) if values else None


# Run by every cluster delete; built once (why: objects.base.prepared).
_DELETE_FOR_CLUSTER = sa.delete(models.Receiver.__table__).where(
    models.Receiver.__table__.c.cluster_id == sa.bindparam('ident'))
