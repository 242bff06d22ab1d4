"""``/v1/receivers`` and ``/v1/webhooks``: in the route table, not implemented yet (501)."""

from clusterd.api import errors
from clusterd.api import microversion


def list_receivers(req):
    raise errors.NotImplementedYet('Listing receivers')


def create_receiver(req):
    raise errors.NotImplementedYet('Creating a receiver')


def show_receiver(req):
    raise errors.NotImplementedYet('Showing a receiver')


@microversion.versioned('1.7')
def update_receiver(req):
    raise errors.NotImplementedYet('Updating a receiver')


def delete_receiver(req):
    raise errors.NotImplementedYet('Deleting a receiver')


def notify_receiver(req):
    raise errors.NotImplementedYet('Notifying a receiver')


def trigger_webhook(req):
    raise errors.NotImplementedYet('Triggering a webhook')
