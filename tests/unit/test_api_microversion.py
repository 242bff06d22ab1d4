"""Microversions: the list, the parser, and the census of versioned handlers."""

import pytest

from clusterd.api import errors
from clusterd.api import microversion
from clusterd.api import router

# Every handler with a version window, by route.  A new one must be added here
# (and to microversion.VERSIONS when it brings a new version) on purpose.
VERSIONED = {
    ('GET', '/v1/services'): ('1.7', None),
    ('GET', '/v1/profile-types/{type_name}/ops'): ('1.4', None),
    ('POST', '/v1/profiles/validate'): ('1.2', None),
    ('POST', '/v1/policies/validate'): ('1.2', None),
    ('GET', '/v1/clusters/{cluster_id}/attrs/{path}'): ('1.2', None),
    ('POST', '/v1/clusters/{cluster_id}/ops'): ('1.4', None),
    ('POST', '/v1/nodes/adopt'): ('1.7', None),
    ('POST', '/v1/nodes/adopt-preview'): ('1.7', None),
    ('POST', '/v1/nodes/{node_id}/ops'): ('1.4', None),
    ('PATCH', '/v1/actions/{action_id}'): ('1.12', None),
    ('PATCH', '/v1/receivers/{receiver_id}'): ('1.7', None),
}


def _versioned_routes():
    found = {}
    for path, methods in router.ROUTES.items():
        for method, handler in methods.items():
            if hasattr(handler, 'min_version'):
                high = handler.max_version
                found[(method, path)] = (str(handler.min_version),
                                         str(high) if high else None)
    return found


def test_versioned_handlers_are_all_known():
    assert _versioned_routes() == VERSIONED


def test_every_versioned_handler_is_routed():
    routed = {'%s.%s' % (h.__module__, h.__qualname__)
              for methods in router.ROUTES.values() for h in methods.values()}
    declared = {name for name, _, _ in microversion.VERSIONED_HANDLERS}
    assert declared <= routed
    assert len(declared) == len(VERSIONED)


def test_versions_are_consecutive_with_reasons():
    versions = [microversion.Version.parse(v) for v, _ in microversion.VERSIONS]
    assert versions[0] == (1, 0)
    assert all(b == (a.major, a.minor + 1) for a, b in zip(versions, versions[1:]))
    assert all(reason.strip() for _, reason in microversion.VERSIONS)
    # openstacksdk and the CLI pin 1.14 and refuse a server that advertises less;
    # 1.15 and 1.16 are clusterd's own (health, receiver secret rotation; dry
    # run).
    assert microversion.MAX_VERSION == '1.16'


def test_window_bounds_exist_in_the_list():
    known = {v for v, _ in microversion.VERSIONS}
    for low, high in VERSIONED.values():
        assert low in known and (high is None or high in known)


@pytest.mark.parametrize('header, expected', [
    (None, '1.0'),
    ('clustering 1.7', '1.7'),
    ('clustering latest', '1.16'),
    ('compute 2.1, clustering 1.3', '1.3'),
    ('compute 2.1', '1.0'),
])
def test_parse(header, expected):
    environ = {} if header is None else {'HTTP_OPENSTACK_API_VERSION': header}
    assert str(microversion.parse(environ)) == expected


@pytest.mark.parametrize('accept, expected', [
    ('application/vnd.openstack.clustering-1.5', '1.5'),
    ('application/json, application/vnd.openstack.clustering-latest', '1.16'),
    ('application/vnd.openstack.clustering-v1+json', '1.0'),
])
def test_parse_accept(accept, expected):
    assert str(microversion.parse({'HTTP_ACCEPT': accept})) == expected


@pytest.mark.parametrize('header', ['clustering 1', 'clustering 1.2.3',
                                    'clustering one', 'clustering 01.2'])
def test_malformed_is_400(header):
    with pytest.raises(errors.BadRequest):
        microversion.parse({'HTTP_OPENSTACK_API_VERSION': header})


@pytest.mark.parametrize('header', ['clustering 1.17', 'clustering 0.9',
                                    'clustering 2.0'])
def test_out_of_range_is_406(header):
    with pytest.raises(errors.InvalidGlobalAPIVersion):
        microversion.parse({'HTTP_OPENSTACK_API_VERSION': header})
