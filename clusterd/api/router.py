"""The one route table of the API: path -> method -> handler.

Every Senlin v1 route is here.  To add one, write a ``verb_noun(req)`` function in
the resource's module under ``handlers/`` and name it below; a handler finds the
path's ``{variables}`` in ``req.urlvars``.  Paths are tried in the order written, so
a fixed segment (``/v1/nodes/adopt``) comes before a variable one
(``/v1/nodes/{node_id}``); a method one path lacks falls through to the next
matching path, and a path no method matches answers 405 with ``Allow``.
"""

import re

import webob.dec

from clusterd.api import errors
from clusterd.api.handlers import actions
from clusterd.api.handlers import build_info
from clusterd.api.handlers import cluster_actions
from clusterd.api.handlers import cluster_policies
from clusterd.api.handlers import clusters
from clusterd.api.handlers import events
from clusterd.api.handlers import nodes
from clusterd.api.handlers import policies
from clusterd.api.handlers import policy_types
from clusterd.api.handlers import profile_types
from clusterd.api.handlers import profiles
from clusterd.api.handlers import receivers
from clusterd.api.handlers import root
from clusterd.api.handlers import services
from clusterd.api.handlers import webhooks
from clusterd.api import openapi
from clusterd.api import util

def show_openapi(req):
    """``GET /v1/openapi.json``: the OpenAPI document of this route table.

    Public, like version discovery (it describes the API, not anyone's objects),
    so tools can read it before they hold a token.  (Here, beside the table it
    describes, so that :mod:`clusterd.api.openapi` need not import the table.)
    """
    body = dict(openapi.document(ROUTES), servers=[{'url': util.url(req, '')}])
    return util.json_response(body)


ROUTES = {
    '/': {'GET': root.list_versions},
    '/v1': {'GET': root.show_version},
    '/v1/build-info': {'GET': build_info.show_build_info},
    # clusterd's own: the OpenAPI document of this table (public, no token).
    openapi.DOCUMENT_PATH: {'GET': show_openapi},
    '/v1/services': {'GET': services.list_services},
    '/v1/profile-types': {'GET': profile_types.list_profile_types},
    '/v1/profile-types/{type_name}': {'GET': profile_types.show_profile_type},
    '/v1/profile-types/{type_name}/ops': {
        'GET': profile_types.list_profile_type_ops},
    '/v1/profiles': {'GET': profiles.list_profiles,
                     'POST': profiles.create_profile},
    '/v1/profiles/validate': {'POST': profiles.validate_profile},
    '/v1/profiles/{profile_id}': {'GET': profiles.show_profile,
                                  'PATCH': profiles.update_profile,
                                  'DELETE': profiles.delete_profile},
    '/v1/policy-types': {'GET': policy_types.list_policy_types},
    '/v1/policy-types/{type_name}': {'GET': policy_types.show_policy_type},
    '/v1/policies': {'GET': policies.list_policies,
                     'POST': policies.create_policy},
    '/v1/policies/validate': {'POST': policies.validate_policy},
    '/v1/policies/{policy_id}': {'GET': policies.show_policy,
                                 'PATCH': policies.update_policy,
                                 'DELETE': policies.delete_policy},
    '/v1/clusters': {'GET': clusters.list_clusters,
                     'POST': clusters.create_cluster},
    '/v1/clusters/{cluster_id}': {'GET': clusters.show_cluster,
                                  'PATCH': clusters.update_cluster,
                                  'DELETE': clusters.delete_cluster},
    '/v1/clusters/{cluster_id}/actions': {
        'POST': cluster_actions.run_cluster_action},
    '/v1/clusters/{cluster_id}/attrs/{path}': {
        'GET': clusters.collect_cluster_attrs},
    '/v1/clusters/{cluster_id}/ops': {
        'POST': cluster_actions.run_cluster_operation},
    '/v1/clusters/{cluster_id}/policies': {
        'GET': cluster_policies.list_cluster_policies},
    '/v1/clusters/{cluster_id}/policies/{policy_id}': {
        'GET': cluster_policies.show_cluster_policy},
    '/v1/nodes': {'GET': nodes.list_nodes, 'POST': nodes.create_node},
    '/v1/nodes/adopt': {'POST': nodes.adopt_node},
    '/v1/nodes/adopt-preview': {'POST': nodes.preview_node_adoption},
    '/v1/nodes/{node_id}': {'GET': nodes.show_node,
                            'PATCH': nodes.update_node,
                            'DELETE': nodes.delete_node},
    '/v1/nodes/{node_id}/actions': {'POST': nodes.run_node_action},
    '/v1/nodes/{node_id}/ops': {'POST': nodes.run_node_operation},
    '/v1/actions': {'GET': actions.list_actions,
                    'POST': actions.create_action},
    '/v1/actions/{action_id}': {'GET': actions.show_action,
                                'PATCH': actions.update_action},
    '/v1/receivers': {'GET': receivers.list_receivers,
                      'POST': receivers.create_receiver},
    '/v1/receivers/{receiver_id}': {'GET': receivers.show_receiver,
                                    'PATCH': receivers.update_receiver,
                                    'DELETE': receivers.delete_receiver},
    '/v1/receivers/{receiver_id}/notify': {'POST': receivers.notify_receiver},
    '/v1/webhooks/{webhook_id}/trigger': {'POST': webhooks.trigger_webhook},
    '/v1/events': {'GET': events.list_events},
    '/v1/events/{event_id}': {'GET': events.show_event},
}


def _compile(path):
    pattern = re.sub(r'\\\{(\w+)\\\}', r'(?P<\1>[^/]+)', re.escape(path))
    return re.compile('^%s$' % pattern)


COMPILED = [(_compile(path), methods) for path, methods in ROUTES.items()]


def match(path, method):
    """(handler, url variables) for a request, or raise 404 / 405."""
    if len(path) > 1:
        path = path.rstrip('/') or '/'
    allowed = set()
    for pattern, methods in COMPILED:
        found = pattern.match(path)
        if found is None:
            continue
        handler = methods.get(method)
        if handler is not None:
            return handler, found.groupdict()
        allowed.update(methods)
    if allowed:
        raise errors.MethodNotAllowed(method, sorted(allowed))
    raise errors.NotFound('The resource could not be found.')


class Router:

    @webob.dec.wsgify
    def __call__(self, request):
        handler, variables = match(request.path_info, request.method)
        request.urlvars = variables
        return handler(request)
