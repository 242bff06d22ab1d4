"""``/v1/profiles``: in the route table, not implemented yet (501)."""

from clusterd.api import errors
from clusterd.api import microversion


def list_profiles(req):
    raise errors.NotImplementedYet('Listing profiles')


def create_profile(req):
    raise errors.NotImplementedYet('Creating a profile')


@microversion.versioned('1.2')
def validate_profile(req):
    raise errors.NotImplementedYet('Validating a profile')


def show_profile(req):
    raise errors.NotImplementedYet('Showing a profile')


def update_profile(req):
    raise errors.NotImplementedYet('Updating a profile')


def delete_profile(req):
    raise errors.NotImplementedYet('Deleting a profile')
