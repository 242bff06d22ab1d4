"""``/v1/policy-types``: the cluster policy plugins installed and their specs."""

from clusterd.api import errors
from clusterd.api import rbac
from clusterd.api import serializers
from clusterd.api import util
from clusterd import plugins


def list_policy_types(req):
    rbac.authorize(req, 'policy_types:index')
    return util.json_response({'policy_types': serializers.plugin_types(
        req, plugins.policy_types())})


def show_policy_type(req):
    rbac.authorize(req, 'policy_types:get')
    type_name = req.urlvars['type_name']
    try:
        cls = plugins.policy_class(type_name)
    except plugins.PolicyTypeNotFound as exc:
        raise errors.NotFound(str(exc))
    return util.json_response({'policy_type': serializers.plugin_type(
        req, type_name, cls)})
