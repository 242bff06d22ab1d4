"""``/v1/policy-types``: in the route table, not implemented yet (501)."""

from clusterd.api import errors


def list_policy_types(req):
    raise errors.NotImplementedYet('Listing policy types')


def show_policy_type(req):
    raise errors.NotImplementedYet('Showing a policy type')
