"""``/v1/clusters/{cluster_id}/policies``: the policies bound to a cluster.

A cluster has a handful of bindings, read in one query with the names the API
shows beside the ids; filters, order and paging apply to that short list.
"""

from clusterd.api import errors
from clusterd.api import listing
from clusterd.api import lookup
from clusterd.api import rbac
from clusterd.api import util
from clusterd.objects import cluster as cluster_obj
from clusterd.objects import policy as policy_obj


def _booleans(values):
    return [util.parse_bool('enabled', value) for value in values]


BINDING_LIST = listing.ListSpec(
    filters=('enabled', 'policy_name', 'policy_type'),
    sort_keys=('enabled', 'priority'),
    default_sort=(('priority', 'asc'),),
    transforms={'enabled': _booleans})


def serialize(binding):
    return {
        'id': binding['id'],
        'cluster_id': binding['cluster_id'],
        'cluster_name': binding['cluster_name'],
        'policy_id': binding['policy_id'],
        'policy_name': binding['policy_name'],
        'policy_type': binding['policy_type'],
        'enabled': binding['enabled'],
        'priority': binding['priority'],
        'data': binding['data'] or {},
        'last_op': util.isotime(binding['last_op']),
    }


def _bindings(req, cluster_identity):
    cluster = lookup.find(req, cluster_obj.Cluster, cluster_identity, ('id',))
    return cluster_obj.ClusterPolicy.described(util.context(req), cluster['id'])


def _page(bindings, query):
    for key, direction in reversed(query.sort):
        # Stable sorts, last key first: the first key decides, ties keep the rest.
        bindings.sort(key=lambda b: (b[key] is not None, b[key] or 0),
                      reverse=direction == 'desc')
    if query.marker is not None:
        ids = [b['id'] for b in bindings]
        if query.marker not in ids:
            raise errors.InvalidParameter('marker', query.marker)
        bindings = bindings[ids.index(query.marker) + 1:]
    return bindings if query.limit is None else bindings[:query.limit]


def list_cluster_policies(req):
    rbac.authorize(req, 'cluster_policies:index')
    query = listing.parse(req, BINDING_LIST)
    bindings = [b for b in _bindings(req, req.urlvars['cluster_id'])
                if all(b[key] in values for key, values in query.filters.items())]
    return util.json_response({'cluster_policies': [
        serialize(b) for b in _page(bindings, query)]})


def show_cluster_policy(req):
    rbac.authorize(req, 'cluster_policies:get')
    cluster_identity = req.urlvars['cluster_id']
    policy_identity = req.urlvars['policy_id']
    bindings = _bindings(req, cluster_identity)
    policy = lookup.find(req, policy_obj.Policy, policy_identity, ('id',))
    for binding in bindings:
        if binding['policy_id'] == policy['id']:
            return util.json_response({'cluster_policy': serialize(binding)})
    raise errors.PolicyBindingNotFound(
        "The policy '%s' is not found attached to the specified cluster '%s'." %
        (policy_identity, cluster_identity))
