"""``POST /v1/webhooks/{id}/trigger``: an alarm service (Aodh) or a script asks a
webhook receiver to run its cluster action.

The URL is Senlin's, ``<base>/v1/webhooks/<id>/trigger?V=2[&params]``, plus
``&token=<the receiver's secret>`` (the last ``token`` of the query, so that a
receiver param of that name cannot hide it).  Guarding it:

1. Authentication: the token is compared in constant time with the receiver's
   secret.  A wrong, missing or rotated-away token, an unknown receiver and a
   message receiver all get the same 404, after the same comparison (against a
   dummy secret when there is no receiver): two SHA-256 digests, so that
   ``hmac.compare_digest`` always compares inputs of equal length.
   A receiver without a secret (made before clusterd had tokens) is accepted by
   its id alone while ``[api] webhook_legacy_urls`` is on, with a warning.
2. Rate limit: a token bucket per receiver (``[api] webhook_rate`` per second,
   ``webhook_burst`` at once) kept on the receiver row, so every API process
   shares it; over it, 429 with ``Retry-After``.
3. Coalescing: triggers for one alarm (the body's ``alarm_id``, else the
   receiver) within the cooldown get the first trigger's action (202, its
   Location) and create nothing; an event on the cluster says so.  The cooldown
   is that of the cluster's enabled scaling policy for the receiver's action,
   counted from the later of the first trigger and the policy's last scaling,
   else ``[api] webhook_cooldown``.
4. Otherwise one new action, named ``webhook_<id8>`` as in Senlin, whose inputs
   are the receiver's params updated by the body (an Aodh notification:
   alarm_id, alarm_name, current, previous, reason, reason_data, severity...).

Steps 2 to 4 decide on the receiver's trigger state read under the lock of its
row, and write it back in the transaction that writes the action, so that
concurrent triggers, in any API process, never both create an action for one
alarm, and share one bucket.
"""

import collections
import hashlib
import hmac
import logging
import math
import secrets
import threading
import time

from oslo_log import log as oslo_logging

from clusterd.api import errors
from clusterd.api import microversion
from clusterd.api import rbac
from clusterd.api import util
from clusterd.api import webhook_url
from clusterd.clock import utcnow
from clusterd import context as context_mod
from clusterd.engine import requests
from clusterd.objects import action as action_obj
from clusterd.objects import base as objects_base
from clusterd.objects import cluster as cluster_obj
from clusterd.objects import event as event_obj
from clusterd.objects import receiver as receiver_obj

LOG = oslo_logging.getLogger(__name__)

WEBHOOK = 'webhook'
# Before 1.10 a V=1 trigger carried its inputs as {"params": {...}}; since then
# (and with the V=2 URLs clusterd hands out) the whole body is the inputs.
RAW_BODY_VERSION = microversion.Version(1, 10)

# What a token is compared with when there is no secret to compare it with:
# random, so no token's digest can equal it.
_DUMMY_DIGEST = secrets.token_bytes(32)

# Seconds between two warnings about one rate-limited receiver.
WARN_INTERVAL = 60

# Event statuses of triggers that made no new action.
COALESCED = 'COALESCED'
REFUSED = 'refused'


class TooManyTriggers(errors.APIError):
    status = 429
    error_type = 'RequestLimitExceeded'


# --- 1. which receiver ---------------------------------------------------------------

def _digest(text):
    return hashlib.sha256(text.encode('utf-8')).digest()


def _token(req):
    values = req.GET.getall(webhook_url.TOKEN)
    return values[-1] if values else ''


def _not_found(webhook_id):
    return errors.NotFound.of('receiver', webhook_id)


def authenticated_webhook(req, conf):
    """The webhook receiver a trigger URL names, if the URL's token is its secret.

    :raises errors.NotFound: for every reason the trigger cannot be accepted
        (one answer, so that it tells nothing about the receiver)
    """
    webhook_id = req.urlvars['webhook_id']
    receiver = receiver_obj.Receiver.find_unscoped(util.context(req), webhook_id)
    usable = receiver is not None and receiver.type == WEBHOOK
    secret = receiver.secret if usable else None
    expected = _digest(secret) if secret else _DUMMY_DIGEST
    # NOTE: compared even when there is nothing to compare with, so that an
    # unknown id and a wrong token take the same path.
    matches = hmac.compare_digest(_digest(_token(req)), expected)
    if usable and secret is None and conf.api.webhook_legacy_urls:
        LOG.warning('Webhook receiver %s has no token (made before clusterd had '
                    'them) and was triggered by its id alone; rotate its secret '
                    '(PATCH /v1/receivers/%s with rotate_secret at 1.15) and give '
                    'the new alarm_url to its callers', webhook_id, webhook_id)
        return receiver
    if not (usable and secret and matches):
        # NOTE: the reason goes to the log only; the caller gets one answer.
        LOG.info('Webhook trigger for %s refused (404): %s', webhook_id,
                 'no such webhook receiver' if not usable else
                 'receiver without a token' if secret is None else
                 'wrong or missing token')
        raise _not_found(webhook_id)
    return receiver


def _trigger_inputs(req):
    """The action inputs a trigger's body adds to the receiver's params."""
    body = util.body_or(req, {})
    if not isinstance(body, dict):
        raise errors.BadRequest('The request body must be a JSON object.')
    if req.GET.get('V') == '1' and \
            microversion.request_version(req) < RAW_BODY_VERSION:
        params = body.get('params')
        if params is not None and not isinstance(params, dict):
            raise errors.BadRequest('The params provided is not a map.')
        return params or {}
    return body


def _owner_context(req, receiver):
    """The context a trigger acts in: the receiver's owner."""
    return context_mod.RequestContext(
        db=util.context(req).db, user_id=receiver.user,
        project_id=receiver.project, domain_id=receiver.domain,
        request_id=util.context(req).request_id)


def alarm_key(receiver, inputs):
    """What identifies "the same alarm": Aodh's alarm_id, else the receiver."""
    alarm_id = inputs.get('alarm_id')
    if isinstance(alarm_id, (str, int)) and not isinstance(alarm_id, bool) \
            and str(alarm_id):
        return 'alarm:%s' % str(alarm_id)[:255]
    return 'receiver'


# --- 2. and 3. the trigger state ---------------------------------------------------

def cooldown_window(owner, receiver, conf):
    """(seconds, epoch of the policy's last scaling or None) of the receiver."""
    found = receiver_obj.Receiver.scaling_cooldown(owner, receiver.cluster_id,
                                                   receiver.action)
    if found is None:
        return conf.api.webhook_cooldown, None
    return found


def take_token(state, now, rate, burst):
    """Spend one token of the bucket in ``state`` (a copy is changed).

    :returns: (new state, None) or (state, seconds to wait) when it is empty
    """
    if rate <= 0:
        return state, None
    tokens = state.get('tokens')
    tokens = burst if tokens is None else tokens
    elapsed = max(0.0, now - (state.get('at') or now))
    tokens = min(float(burst), tokens + elapsed * rate)
    if tokens < 1:
        return state, max(1, math.ceil((1 - tokens) / rate))
    return dict(state, tokens=tokens - 1, at=now), None


def coalesced_action(state, key, now, cooldown, last_op):
    """The action id an alarm's trigger coalesces into, or None."""
    if cooldown <= 0:
        return None
    seen = (state.get('alarms') or {}).get(key)
    if not seen:
        return None
    since = max(seen['at'], last_op or 0)
    return seen['action'] if now - since < cooldown else None


def _remember(state, key, action_id, now, cooldown, last_op):
    """``state`` with the alarm's new action, and without expired alarms."""
    alarms = {k: v for k, v in (state.get('alarms') or {}).items()
              if now - max(v['at'], last_op or 0) < cooldown}
    if cooldown > 0:
        alarms[key] = {'action': action_id, 'at': now}
    return dict(state, alarms=alarms)


# --- 4. the decision ----------------------------------------------------------------

def _cluster(owner, receiver):
    try:
        return cluster_obj.Cluster.get(owner, receiver.cluster_id,
                                       project_safe=False)
    except objects_base.NotFound:
        raise errors.BadRequest("The referenced cluster '%s' could not be found."
                                % receiver.cluster_id)


# outcome: CREATED, COALESCED (action_id is the earlier action), REFUSED (detail
# is the reason), LIMITED (detail is the seconds to wait) or GONE.
Decision = collections.namedtuple('Decision', 'outcome action_id detail')
CREATED, LIMITED, GONE = 'created', 'limited', 'gone'


def _decide(conf, receiver_id, owner, cluster, inputs, key, window):
    """Decide on a trigger under the lock of the receiver's row, and write the
    decision (trigger state, action) in the same transaction.

    NOTE: the row lock (``SELECT ... FOR UPDATE``; on SQLite the transaction's
    ``BEGIN IMMEDIATE``) makes concurrent triggers of one receiver, in any API
    process, decide one after another on fresh state: one action per alarm, one
    bucket.  It is held for a few queries only.
    """
    cooldown, last_op = window
    with owner.writer:
        receiver = receiver_obj.Receiver.locked(owner, receiver_id)
        if receiver is None:
            return Decision(GONE, None, None)
        now = time.time()
        state, wait = take_token(dict(receiver.trigger_state or {}), now,
                                 conf.api.webhook_rate, conf.api.webhook_burst)
        if wait is not None:
            return Decision(LIMITED, None, wait)
        existing = coalesced_action(state, key, now, cooldown, last_op)
        if existing is not None:
            receiver_obj.Receiver.save_trigger_state(owner, receiver, state)
            return Decision(COALESCED, existing, None)
        try:
            requests.check_conflict(owner, cluster.id, receiver.action)
            requests.check_cooldown(owner, cluster.id, receiver.action)
        except requests.ActionConflict as exc:
            # A refused trigger spends its token all the same.
            receiver_obj.Receiver.save_trigger_state(owner, receiver, state)
            return Decision(REFUSED, None, str(exc))
        # NOTE: as requests.cluster_action, but the action is named after the
        # receiver (Senlin's 'webhook_<id>'), so it can be traced back to it.
        action = action_obj.Action.create(
            owner, action=receiver.action, target=cluster.id,
            cluster_id=cluster.id, inputs=inputs, timeout=cluster.timeout,
            name='webhook_%s' % receiver.id[:8])
        requests.mark_busy(owner, cluster, receiver.action)
        receiver_obj.Receiver.save_trigger_state(owner, receiver, _remember(
            state, key, action.id, now, cooldown, last_op))
        return Decision(CREATED, action.id, None)


def _record(owner, receiver, cluster, status, reason, level, **metadata):
    """An event on the cluster about a trigger that made no new action."""
    try:
        event_obj.Event.create(
            owner, timestamp=utcnow(), oid=cluster.id, oname=cluster.name,
            otype='CLUSTER', cluster_id=cluster.id, level=str(level),
            user=receiver.user, project=receiver.project, domain=receiver.domain,
            action=receiver.action, status=status, status_reason=reason,
            metadata=dict(metadata, receiver_id=receiver.id))
    except Exception:
        LOG.exception('Could not record the %s trigger of receiver %s', status,
                      receiver.id)


def _record_coalesced(owner, receiver, cluster, key, action_id, cooldown):
    reason = ('Trigger of receiver %s for %s coalesced into action %s (cooldown '
              '%d s)' % (receiver.id, key, action_id, cooldown))
    LOG.info('Webhook %s: %s', receiver.id, reason)
    _record(owner, receiver, cluster, COALESCED, reason, logging.INFO,
            action_id=action_id, alarm=key)


def _record_refused(owner, receiver, cluster, key, reason):
    LOG.info('Webhook %s: trigger for %s refused: %s', receiver.id, key, reason)
    _record(owner, receiver, cluster, REFUSED, reason, logging.WARNING, alarm=key)


_warned = {}
_warned_lock = threading.Lock()


def _warn_limited(receiver_id, conf):
    """Log a receiver's rate limiting once a minute (per process), not once per
    refused trigger: a storm would flood the log."""
    now = time.monotonic()
    with _warned_lock:
        if now - _warned.get(receiver_id, -WARN_INTERVAL) < WARN_INTERVAL:
            return
        for stale in [k for k, t in _warned.items() if now - t >= WARN_INTERVAL]:
            del _warned[stale]
        _warned[receiver_id] = now
    LOG.warning('Webhook %s: rate limit of %s triggers/s (burst %d) reached; '
                'answering 429 (logged once a minute)', receiver_id,
                conf.api.webhook_rate, conf.api.webhook_burst)


def _run(req, conf, receiver, inputs):
    """The trigger's decision, told (events, log) and answered.

    :returns: (action id, whether it is new)
    """
    owner = _owner_context(req, receiver)
    cluster = _cluster(owner, receiver)
    key = alarm_key(receiver, inputs)
    window = cooldown_window(owner, receiver, conf)
    decision = _decide(conf, receiver.id, owner, cluster, inputs, key, window)
    if decision.outcome == GONE:
        raise _not_found(req.urlvars['webhook_id'])
    if decision.outcome == LIMITED:
        _warn_limited(receiver.id, conf)
        raise TooManyTriggers(
            'The webhook receiver %s was triggered more often than its limit of '
            '%s per second (burst %d); retry after %d s.' % (
                receiver.id, conf.api.webhook_rate, conf.api.webhook_burst,
                decision.detail), headers={'Retry-After': str(decision.detail)})
    if decision.outcome == REFUSED:
        _record_refused(owner, receiver, cluster, key, decision.detail)
        raise errors.ActionConflict(decision.detail)
    if decision.outcome == COALESCED:
        _record_coalesced(owner, receiver, cluster, key, decision.action_id,
                          window[0])
    return decision.action_id, decision.outcome == CREATED


def trigger_webhook(req):
    rbac.authorize(req, 'webhooks:trigger')
    if not req.GET.get('V'):
        raise errors.BadRequest("A webhook URL must carry the version parameter "
                                "'V' (see the receiver's alarm_url).")
    conf = util.conf(req)
    receiver = authenticated_webhook(req, conf)
    inputs = dict(receiver.params or {})
    inputs.update(_trigger_inputs(req))
    action_id, created = _run(req, conf, receiver, inputs)
    if created:
        util.nudge(req)
    return util.accepted(req, action_id, {'action': action_id})
