"""``/v1/policies``: in the route table, not implemented yet (501)."""

from clusterd.api import errors
from clusterd.api import microversion


def list_policies(req):
    raise errors.NotImplementedYet('Listing policies')


def create_policy(req):
    raise errors.NotImplementedYet('Creating a policy')


@microversion.versioned('1.2')
def validate_policy(req):
    raise errors.NotImplementedYet('Validating a policy')


def show_policy(req):
    raise errors.NotImplementedYet('Showing a policy')


def update_policy(req):
    raise errors.NotImplementedYet('Updating a policy')


def delete_policy(req):
    raise errors.NotImplementedYet('Deleting a policy')
