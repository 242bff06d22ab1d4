"""The checker that holds the gabbi suites' answers to /v1/openapi.json
(tests/functional/openapi_conformance.py) finds what it should."""

import json

import pytest

from tests.functional import openapi_conformance

ACTION = {
    'id': 'a1', 'name': 'cluster_create_c1', 'action': 'CLUSTER_CREATE',
    'target': 'c1', 'cause': 'RPC Request', 'owner': None, 'interval': -1,
    'start_time': 1767268800.5, 'end_time': None, 'timeout': 3600,
    'status': 'SUCCEEDED', 'status_reason': None, 'inputs': {}, 'outputs': {},
    'depends_on': [], 'depended_by': [], 'created_at': '2026-01-01T12:00:00Z',
    'updated_at': None, 'data': {}, 'user': 'u', 'project': 'p'}


def _problems(body, version='1.13', status=200, path='/v1/actions/a1',
              method='GET', content_type='application/json'):
    headers = {'content-type': content_type}
    if version:
        headers['openstack-api-version'] = 'clustering %s' % version
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    return openapi_conformance.problems(method, path, status, headers, raw)


def test_a_conforming_answer_has_no_problems():
    assert _problems({'action': ACTION}) == []
    assert _problems({'action': dict(ACTION, cluster_id=None)}, '1.14') == []
    assert _problems({'actions': [ACTION, ACTION]}, path='/v1/actions') == []


def test_a_field_the_document_does_not_name_is_found():
    found = _problems({'actions': [dict(ACTION, context={'password': 'x'})]},
                      path='/v1/actions')
    assert found == ["200 body at /actions/0: Additional properties are not "
                     "allowed ('context' was unexpected)"]


def test_a_missing_field_is_found():
    body = dict(ACTION)
    del body['depended_by']
    assert _problems({'action': body}) == [
        "200 body at /action: 'depended_by' is a required property"]


@pytest.mark.parametrize('version, body, expected', [
    ('1.13', dict(ACTION, cluster_id='c1'),
     '/action/cluster_id: present at 1.13 (shown from 1.14)'),
    ('1.14', ACTION, '/action/cluster_id: missing at 1.14 (shown from 1.14)'),
])
def test_a_field_of_another_microversion_is_found(version, body, expected):
    assert _problems({'action': body}, version) == [expected]


def test_without_an_echoed_version_presence_is_not_judged():
    assert _problems({'action': dict(ACTION, cluster_id='c1')}, version=None) == []


def test_status_body_and_type_are_checked():
    assert _problems({}, status=418) == [
        'GET /v1/actions/a1 answered 418; the document gives '
        '200, 400, 401, 403, 404, 406, 503']
    assert _problems(b'not json')[0].startswith('200: the body is not JSON')
    assert _problems({'action': ACTION}, content_type='text/html') == [
        "200 should be application/json, got 'text/html'"]
    assert _problems(b'x', status=204, method='DELETE',
                     path='/v1/profiles/p1') == [
        "204 has no body in the document, got b'x'"]


def test_requests_no_route_serves_are_not_checked():
    assert _problems({'anything': 1}, status=404, path='/v1/nothing-here') == []
