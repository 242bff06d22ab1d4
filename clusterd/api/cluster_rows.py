"""A cluster as the API reads it, and the actions a request starts on it.

Shared by the handlers of ``/v1/clusters`` (:mod:`clusterd.api.handlers.clusters`)
and of its actions (:mod:`clusterd.api.handlers.cluster_actions`).
"""

from clusterd.api import errors
from clusterd.api import lookup
from clusterd.api import util
from clusterd.engine import requests
from clusterd.objects import cluster as cluster_obj
from clusterd.objects import listing as listing_obj
from clusterd.objects import node as node_obj

FIELDS = ('id', 'name', 'profile_id', 'user', 'project', 'domain', 'init_at',
          'created_at', 'updated_at', 'min_size', 'max_size', 'desired_capacity',
          'timeout', 'status', 'status_reason', 'metadata', 'data', 'dependents',
          'config')

# profile_name, node_ids, node_count, policy_ids: read with each row, no query per
# cluster.
COLUMNS = cluster_obj.Cluster.api_columns()


def ids(joined):
    # Sorted: the order of an aggregate is the database's whim.
    return sorted(joined.split(',')) if joined else []


def complete(req, rows):
    """Read again the node ids of a row whose aggregated list the database cut
    (see :meth:`clusterd.objects.cluster.Cluster.api_columns`)."""
    for row in rows:
        if len(ids(row['node_ids'])) != row['node_count']:
            nodes = node_obj.Node.for_cluster(util.context(req), row['id'])
            row['node_ids'] = ','.join(node.id for node in nodes)
    return rows


def find(req, identity):
    """The cluster row named by ``identity`` (id, name or short id), or 404."""
    row = lookup.find(req, cluster_obj.Cluster, identity, FIELDS, extra=COLUMNS)
    return complete(req, [row])[0]


def reload(req, cluster_id):
    row = listing_obj.by_id(util.context(req), cluster_obj.Cluster, FIELDS,
                            cluster_id, project_safe=False, extra=COLUMNS)
    return complete(req, [row])[0]


def start_action(req, cluster, action_name, inputs):
    """Write a cluster action (409 if the cluster is locked or busy), nudge the
    engines; returns the action id."""
    try:
        action = requests.cluster_action(util.context(req),
                                         cluster_obj.Cluster(**cluster),
                                         action_name, inputs)
    except requests.ActionConflict as exc:
        raise errors.ActionConflict(str(exc))
    util.nudge(req)
    return action.id
