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


class _FileEnforcer(policy.Enforcer):
    """oslo.policy's enforcer, looking for a changed policy file (or
    ``policy_dirs``) at most once every :data:`POLICY_FILE_CHECK` seconds.

    oslo.policy looks on every rule checked: without a policy file, each check
    searched the configuration directories for it again, about 0.4 ms of CPU,
    and a request checks two rules.  An operator's edit still takes effect
    without a restart, a second later at most.
    """

    _next_look = None

    def load_rules(self, force_reload=False):
        now = time.monotonic()
        if force_reload or self._next_look is None or now >= self._next_look:
            super().load_rules(force_reload)
            self._next_look = now + POLICY_FILE_CHECK

    def clear(self):
        super().clear()
        self._next_look = None


class Enforcer:

    def __init__(self, conf):
        self._enforcer = _FileEnforcer(conf)
        self._enforcer.register_defaults(rules.list_rules())

    def is_admin(self, context):
        return self._enforcer.enforce('context_is_admin', {}, context)

    def authorize(self, context, rule, target=None):
        if target is None:
            target = {'project_id': context.project_id,
                      'user_id': context.user_id}
        try:
            self._enforcer.authorize(rule, target, context, do_raise=True,
                                     exc=errors.Forbidden)
        except policy.InvalidScope:
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
