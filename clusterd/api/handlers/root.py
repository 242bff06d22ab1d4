"""Version discovery: ``GET /`` and ``GET /v1``."""

import webob

from clusterd.api import microversion


def _base_url(request):
    public = request.environ['clusterd.conf'].api.public_endpoint
    return (public or request.host_url).rstrip('/')


def _version_document(request):
    return {
        'id': '1.0',
        'status': 'CURRENT',
        'updated': '2016-01-18T00:00:00Z',
        'media-types': [{
            'base': 'application/json',
            'type': 'application/vnd.openstack.clustering-v1+json',
        }],
        'links': [{'href': _base_url(request) + '/v1/', 'rel': 'self'},
                  {'href': 'https://docs.openstack.org/api-ref/clustering',
                   'rel': 'help'}],
        'min_version': microversion.MIN_VERSION,
        'max_version': microversion.MAX_VERSION,
    }


def list_versions(request):
    response = webob.Response(status=300, content_type='application/json',
                              charset='UTF-8')
    response.json_body = {'versions': [_version_document(request)]}
    return response


def show_version(request):
    response = webob.Response(status=200, content_type='application/json',
                              charset='UTF-8')
    response.json_body = {'version': _version_document(request)}
    return response
