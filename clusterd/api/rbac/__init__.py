"""Access rules (oslo.policy) of the API.

"rbac" and not "policy": in clusterd a policy is a cluster policy.  The enforcer
is built per application from its configuration (``[oslo_policy]``), and a handler
checks its rule first thing::

    rbac.authorize(req, 'actions:index')

The target is the caller's own project: what a project may see is decided again
by every query (project isolation), so the rule only decides who may call.
"""

from oslo_policy import policy

from clusterd.api import errors
from clusterd.api.rbac import rules

ENVIRON_KEY = 'clusterd.rbac'


def list_rules():
    """Entry point of ``oslopolicy-sample-generator`` (namespace clusterd)."""
    return rules.list_rules()


class Enforcer:

    def __init__(self, conf):
        self._enforcer = policy.Enforcer(conf)
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
