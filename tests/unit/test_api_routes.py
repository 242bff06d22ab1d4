"""The route table holds every Senlin v1 route (senlin.md 2.2), and nothing else."""

import pytest

from clusterd.api import errors
from clusterd.api import router

# (method, example path, handler name) for each Senlin v1 route.
SENLIN_ROUTES = [
    ('GET', '/', 'list_versions'),
    ('GET', '/v1', 'show_version'),
    ('GET', '/v1/build-info', 'show_build_info'),
    ('GET', '/v1/services', 'list_services'),
    ('GET', '/v1/profile-types', 'list_profile_types'),
    ('GET', '/v1/profile-types/os.nova.server-1.0', 'show_profile_type'),
    ('GET', '/v1/profile-types/os.nova.server-1.0/ops', 'list_profile_type_ops'),
    ('GET', '/v1/profiles', 'list_profiles'),
    ('POST', '/v1/profiles', 'create_profile'),
    ('POST', '/v1/profiles/validate', 'validate_profile'),
    ('GET', '/v1/profiles/p', 'show_profile'),
    ('PATCH', '/v1/profiles/p', 'update_profile'),
    ('DELETE', '/v1/profiles/p', 'delete_profile'),
    ('GET', '/v1/policy-types', 'list_policy_types'),
    ('GET', '/v1/policy-types/senlin.policy.scaling-1.0', 'show_policy_type'),
    ('GET', '/v1/policies', 'list_policies'),
    ('POST', '/v1/policies', 'create_policy'),
    ('POST', '/v1/policies/validate', 'validate_policy'),
    ('GET', '/v1/policies/p', 'show_policy'),
    ('PATCH', '/v1/policies/p', 'update_policy'),
    ('DELETE', '/v1/policies/p', 'delete_policy'),
    ('GET', '/v1/clusters', 'list_clusters'),
    ('POST', '/v1/clusters', 'create_cluster'),
    ('GET', '/v1/clusters/c', 'show_cluster'),
    ('PATCH', '/v1/clusters/c', 'update_cluster'),
    ('DELETE', '/v1/clusters/c', 'delete_cluster'),
    ('POST', '/v1/clusters/c/actions', 'run_cluster_action'),
    ('GET', '/v1/clusters/c/attrs/details.addresses', 'collect_cluster_attrs'),
    ('POST', '/v1/clusters/c/ops', 'run_cluster_operation'),
    ('GET', '/v1/clusters/c/policies', 'list_cluster_policies'),
    ('GET', '/v1/clusters/c/policies/p', 'show_cluster_policy'),
    ('GET', '/v1/nodes', 'list_nodes'),
    ('POST', '/v1/nodes', 'create_node'),
    ('POST', '/v1/nodes/adopt', 'adopt_node'),
    ('POST', '/v1/nodes/adopt-preview', 'preview_node_adoption'),
    ('GET', '/v1/nodes/n', 'show_node'),
    ('PATCH', '/v1/nodes/n', 'update_node'),
    ('DELETE', '/v1/nodes/n', 'delete_node'),
    ('POST', '/v1/nodes/n/actions', 'run_node_action'),
    ('POST', '/v1/nodes/n/ops', 'run_node_operation'),
    ('GET', '/v1/actions', 'list_actions'),
    ('POST', '/v1/actions', 'create_action'),
    ('GET', '/v1/actions/a', 'show_action'),
    ('PATCH', '/v1/actions/a', 'update_action'),
    ('GET', '/v1/receivers', 'list_receivers'),
    ('POST', '/v1/receivers', 'create_receiver'),
    ('GET', '/v1/receivers/r', 'show_receiver'),
    ('PATCH', '/v1/receivers/r', 'update_receiver'),
    ('DELETE', '/v1/receivers/r', 'delete_receiver'),
    ('POST', '/v1/receivers/r/notify', 'notify_receiver'),
    ('POST', '/v1/webhooks/w/trigger', 'trigger_webhook'),
    ('GET', '/v1/events', 'list_events'),
    ('GET', '/v1/events/e', 'show_event'),
]


# clusterd's own routes, beyond Senlin's.
CLUSTERD_ROUTES = [
    ('GET', '/v1/openapi.json', 'show_openapi'),
]


@pytest.mark.parametrize('method, path, name', SENLIN_ROUTES + CLUSTERD_ROUTES)
def test_route(method, path, name):
    handler, _ = router.match(path, method)
    assert handler.__name__ == name


def test_nothing_but_senlin_and_clusterd_routes():
    routed = {(m, h.__name__) for methods in router.ROUTES.values()
              for m, h in methods.items()}
    assert routed == {(m, n) for m, _, n in SENLIN_ROUTES + CLUSTERD_ROUTES}


def test_url_variables():
    _, variables = router.match('/v1/clusters/web/policies/scaling', 'GET')
    assert variables == {'cluster_id': 'web', 'policy_id': 'scaling'}


def test_trailing_slash():
    assert router.match('/v1/actions/', 'GET')[0].__name__ == 'list_actions'


def test_unknown_path():
    with pytest.raises(errors.NotFound):
        router.match('/v1/clusters/c/bogus', 'GET')


def test_wrong_method_lists_allowed():
    with pytest.raises(errors.MethodNotAllowed) as caught:
        router.match('/v1/events/e', 'DELETE')
    assert caught.value.headers == {'Allow': 'GET'}


def test_handlers_are_short():
    # STYLE.md: handlers are short scripts; shared plumbing lives in helpers.
    import inspect
    for methods in router.ROUTES.values():
        for handler in methods.values():
            source = inspect.getsource(inspect.unwrap(handler))
            assert source.count('\n') <= 25, handler.__name__
