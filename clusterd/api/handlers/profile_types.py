"""``/v1/profile-types``: the profile plugins installed, their specs and operations."""

from clusterd.api import errors
from clusterd.api import microversion
from clusterd.api import rbac
from clusterd.api import serializers
from clusterd.api import util
from clusterd import plugins


def _find(type_name):
    try:
        return plugins.profile_class(type_name)
    except plugins.ProfileTypeNotFound as exc:
        raise errors.NotFound(str(exc))


def list_profile_types(req):
    rbac.authorize(req, 'profile_types:index')
    return util.json_response({'profile_types': serializers.plugin_types(
        req, plugins.profile_types())})


def show_profile_type(req):
    rbac.authorize(req, 'profile_types:get')
    type_name = req.urlvars['type_name']
    return util.json_response({'profile_type': serializers.plugin_type(
        req, type_name, _find(type_name))})


@microversion.versioned('1.4')
def list_profile_type_ops(req):
    rbac.authorize(req, 'profile_types:ops')
    return util.json_response(_find(req.urlvars['type_name']).describe_operations())
