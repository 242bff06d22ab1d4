"""``/v1/profile-types``: in the route table, not implemented yet (501)."""

from clusterd.api import errors
from clusterd.api import microversion


def list_profile_types(req):
    raise errors.NotImplementedYet('Listing profile types')


def show_profile_type(req):
    raise errors.NotImplementedYet('Showing a profile type')


@microversion.versioned('1.4')
def list_profile_type_ops(req):
    raise errors.NotImplementedYet('Listing the operations of a profile type')
