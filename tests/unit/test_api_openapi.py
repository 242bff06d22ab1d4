"""The OpenAPI document: every route is in it, it is valid OpenAPI 3.1, its request
bodies are the schemas the handlers use, and it is served without a token."""

import json

from openapi_spec_validator import validate
import pytest
import webob

from clusterd.api import deploy
from clusterd.api.handlers import cluster_actions
from clusterd.api import microversion
from clusterd.api import openapi
from clusterd.api import router
from clusterd.api.schemas import cluster as cluster_schema
from clusterd.api.schemas import nodes as node_schema
from clusterd import conf as conf_mod


@pytest.fixture(scope='module')
def document():
    return openapi.document(router.ROUTES)


def _body_schema(document, path, method):
    operation = document['paths'][path][method]
    return operation['requestBody']['content']['application/json']['schema']


def test_is_valid_openapi(document):
    validate(document)
    assert document['openapi'].startswith('3.')


def test_every_route_is_documented(document):
    routed = {(path, method.lower(), handler.__name__)
              for path, methods in router.ROUTES.items()
              for method, handler in methods.items()}
    documented = {(path, method, operation['operationId'])
                  for path, operations in document['paths'].items()
                  for method, operation in operations.items()}
    assert documented == routed


def test_operation_ids_are_unique(document):
    ids = [operation['operationId'] for operations in document['paths'].values()
           for operation in operations.values()]
    assert len(ids) == len(set(ids))


def test_path_parameters(document):
    parameters = document['paths']['/v1/clusters/{cluster_id}/policies/'
                                   '{policy_id}']['get']['parameters']
    assert [p['name'] for p in parameters if p.get('in') == 'path'] == [
        'cluster_id', 'policy_id']


def test_list_query_parameters_come_from_the_list_spec(document):
    parameters = {p['name']: p for p in
                  document['paths']['/v1/actions']['get']['parameters']
                  if 'name' in p}
    assert {'limit', 'marker', 'sort', 'global_project', 'name', 'cluster_id',
            'target', 'action', 'status'} <= set(parameters)
    from clusterd.api.handlers import actions
    assert parameters['status']['schema']['items']['enum'] == list(
        actions.ACTION_LIST.enums['status'])
    for key in actions.ACTION_LIST.sort_keys:
        assert key in parameters['sort']['description']


def test_microversion_header_everywhere_but_discovery(document):
    header = {'$ref': '#/components/parameters/Microversion'}
    for path, operations in document['paths'].items():
        for operation in operations.values():
            assert (header in operation['parameters']) == (
                path not in ('/', '/v1')), path
    values = document['components']['parameters']['Microversion']['schema']['enum']
    assert 'clustering %s' % microversion.MAX_VERSION in values
    assert 'clustering latest' in values


def test_versioned_handlers_name_their_first_version(document):
    operation = document['paths']['/v1/nodes/adopt']['post']
    assert operation['x-openstack-min-version'] == '1.7'
    assert 'x-openstack-min-version' not in document['paths']['/v1/nodes']['get']


def test_request_bodies_are_the_handler_schemas(document):
    create = _body_schema(document, '/v1/clusters', 'post')
    assert create['properties']['cluster'] == cluster_schema.CREATE[-1][1]
    assert create['required'] == ['cluster']
    adopt = _body_schema(document, '/v1/nodes/adopt', 'post')
    assert adopt == node_schema.ADOPT
    action = _body_schema(document, '/v1/clusters/{cluster_id}/actions', 'post')
    names = {next(iter(choice['properties']))
             for choice in action['oneOf']}
    assert names == set(cluster_actions.ACTIONS)


def test_accepted_answers_carry_location(document):
    for path, method in (('/v1/clusters', 'post'),
                         ('/v1/clusters/{cluster_id}', 'delete'),
                         ('/v1/nodes/{node_id}/actions', 'post')):
        headers = document['paths'][path][method]['responses']['202']['headers']
        assert 'Location' in headers, (path, method)


def test_errors_have_senlin_body(document):
    error = document['components']['schemas']['Error']
    assert set(error['required']) == {'code', 'title', 'explanation', 'error'}
    assert set(error['properties']['error']['required']) == {
        'code', 'message', 'type'}
    responses = document['paths']['/v1/clusters/{cluster_id}']['get']['responses']
    assert responses['404']['content']['application/json']['schema'] == {
        '$ref': '#/components/schemas/Error'}


def test_public_operations_need_no_token(document):
    assert document['security'] == [{'keystone': []}]
    for path, method in (('/', 'get'), ('/v1', 'get'),
                         (openapi.DOCUMENT_PATH, 'get'),
                         ('/v1/webhooks/{webhook_id}/trigger', 'post')):
        assert document['paths'][path][method]['security'] == []
    assert 'security' not in document['paths']['/v1/clusters']['get']


@pytest.mark.parametrize('strategy', ['noauth', 'keystone'])
def test_served_without_token(strategy):
    conf = conf_mod.make_conf()
    conf([], project='clusterd')
    conf.set_override('auth_strategy', strategy, group='api')
    app = deploy.make_app(conf, None)
    request = webob.Request.blank(openapi.DOCUMENT_PATH,
                                  base_url='http://api.example.com:8778')
    response = request.get_response(app)
    assert response.status_int == 200
    assert response.content_type == 'application/json'
    body = json.loads(response.body)
    assert body['servers'] == [{'url': 'http://api.example.com:8778'}]
    assert body['paths'] == openapi.document(router.ROUTES)['paths']


def test_no_description_without_a_route():
    routed = {handler.__name__ for methods in router.ROUTES.values()
              for handler in methods.values()}
    assert set(openapi.OPERATIONS) == routed
