"""``/v1/nodes``: in the route table, not implemented yet (501)."""

from clusterd.api import errors
from clusterd.api import microversion


def list_nodes(req):
    raise errors.NotImplementedYet('Listing nodes')


def create_node(req):
    raise errors.NotImplementedYet('Creating a node')


@microversion.versioned('1.7')
def adopt_node(req):
    raise errors.NotImplementedYet('Adopting a node')


@microversion.versioned('1.7')
def preview_node_adoption(req):
    raise errors.NotImplementedYet('Previewing a node adoption')


def show_node(req):
    raise errors.NotImplementedYet('Showing a node')


def update_node(req):
    raise errors.NotImplementedYet('Updating a node')


def delete_node(req):
    raise errors.NotImplementedYet('Deleting a node')


def run_node_action(req):
    raise errors.NotImplementedYet('Running a node action')


@microversion.versioned('1.4')
def run_node_operation(req):
    raise errors.NotImplementedYet('Running a node operation')
