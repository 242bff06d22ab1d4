"""Access rules (oslo.policy) of the API.

"rbac" and not "policy": in clusterd a policy is a cluster policy.  The enforcer
is built per application from its configuration (``[oslo_policy]``), and a handler
checks its rule first thing::

    rbac.authorize(req, 'actions:index')

The target is the caller's own project: what a project may see is decided again
by every query (project isolation), so the rule only decides who may call.
"""

import time

from oslo_policy import policy

from clusterd.api import errors
from clusterd.api.rbac import rules

ENVIRON_KEY = 'clusterd.rbac'


def list_rules():
    """Entry point of ``oslopolicy-sample-generator`` (namespace clusterd)."""
    return rules.list_rules()


# Seconds between two looks for a changed (or new) policy file.
POLICY_FILE_CHECK = 1.0
# Decisions kept between two looks (Enforcer): at most this many.
DECISIONS_MAX = 4096


class _FileEnforcer(policy.Enforcer):
    """oslo.policy's enforcer, looking for a changed policy file (or
    ``policy_dirs``) at most once every :data:`POLICY_FILE_CHECK` seconds.

    oslo.policy looks on every rule checked: without a policy file, each check
    searched the configuration directories for it again, about 0.4 ms of CPU,
    and a request checks two rules.  An operator's edit still takes effect
    without a restart, a second later at most.
    """

    _next_look = None
    # Bumped at every look: a decision taken before it may be stale.
    generation = 0

    def load_rules(self, force_reload=False):
        now = time.monotonic()
        if force_reload or self._next_look is None or now >= self._next_look:
            super().load_rules(force_reload)
            self._next_look = now + POLICY_FILE_CHECK
            self.generation += 1

    def clear(self):
        super().clear()
        self._next_look = None
        self.generation += 1


def _frozen(values):
    """``values`` (a dict of strings, booleans, None and lists of them) as a
    key; None if some value cannot be one."""
    try:
        key = tuple(sorted((k, tuple(v) if isinstance(v, list) else v)
                           for k, v in values.items()))
        hash(key)
    except TypeError:
        return None
    return key


class Enforcer:

    """Decides a rule for a caller, and keeps the decision until the next
    look for a changed policy file (:data:`POLICY_FILE_CHECK`).

    oslo.policy inspects the signature of every check of a rule's tree at
    every decision: 160 us of CPU for ``clusters:create``, every request
    decides one or two, and the callers of a second are a handful of
    credentials.  A decision depends only on the rule, the target and the
    credentials (the context's policy values), which make its key.
    """

    def __init__(self, conf):
        self._enforcer = _FileEnforcer(conf)
        self._enforcer.register_defaults(rules.list_rules())
        self._decisions = {}
        self._generation = None

    def _decided(self, rule, target, context, decide):
        self._enforcer.load_rules()
        if self._generation != self._enforcer.generation:
            self._decisions = {}
            self._generation = self._enforcer.generation
        creds = _frozen(context.to_policy_values())
        key = None if creds is None else (rule, _frozen(target), creds)
        if key is None or key[1] is None:
            return decide()
        found = self._decisions.get(key)
        if found is None:
            found = decide()
            if len(self._decisions) >= DECISIONS_MAX:
                self._decisions = {}
            self._decisions[key] = found
        return found

    def is_admin(self, context):
        return self._decided('context_is_admin', {}, context, lambda: bool(
            self._enforcer.enforce('context_is_admin', {}, context)))

    def authorize(self, context, rule, target=None):
        if target is None:
            target = {'project_id': context.project_id,
                      'user_id': context.user_id}

        def decide():
            try:
                return bool(self._enforcer.authorize(rule, target, context))
            except policy.InvalidScope:
                return False
        if not self._decided(rule, target, context, decide):
            raise errors.Forbidden()


def authorize(req, rule, target=None):
    """Raise 403 unless the caller of ``req`` passes ``rule``."""
    req.environ[ENVIRON_KEY].authorize(req.environ['clusterd.context'], rule,
                                       target)


def may(req, rule):
    """Whether the caller passes ``rule`` (for optional powers, no 403)."""
    try:
        authorize(req, rule)
    except errors.Forbidden:
        return False
    return True
