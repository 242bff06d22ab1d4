"""``/v1/clusters/{cluster_id}/policies``: in the route table, not implemented yet (501)."""

from clusterd.api import errors


def list_cluster_policies(req):
    raise errors.NotImplementedYet('Listing the policies of a cluster')


def show_cluster_policy(req):
    raise errors.NotImplementedYet('Showing a cluster policy binding')
