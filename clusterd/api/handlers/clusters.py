"""``/v1/clusters``: in the route table, not implemented yet (501)."""

from clusterd.api import errors
from clusterd.api import microversion


def list_clusters(req):
    raise errors.NotImplementedYet('Listing clusters')


def create_cluster(req):
    raise errors.NotImplementedYet('Creating a cluster')


def show_cluster(req):
    raise errors.NotImplementedYet('Showing a cluster')


def update_cluster(req):
    raise errors.NotImplementedYet('Updating a cluster')


def delete_cluster(req):
    raise errors.NotImplementedYet('Deleting a cluster')


def run_cluster_action(req):
    raise errors.NotImplementedYet('Running a cluster action')


@microversion.versioned('1.2')
def collect_cluster_attrs(req):
    raise errors.NotImplementedYet('Collecting cluster attributes')


@microversion.versioned('1.4')
def run_cluster_operation(req):
    raise errors.NotImplementedYet('Running a cluster operation')
