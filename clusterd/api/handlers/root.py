"""Version discovery: ``GET /`` (300, as Senlin) and ``GET /v1``."""

from clusterd.api import microversion
from clusterd.api import util


def _version_document(req):
    return {
        'id': '1.0',
        'status': 'CURRENT',
        'updated': '2016-01-18T00:00:00Z',
        'media-types': [{
            'base': 'application/json',
            'type': 'application/vnd.openstack.clustering-v1+json',
        }],
        'links': [{'href': util.url(req, '/v1/'), 'rel': 'self'},
                  {'href': 'https://docs.openstack.org/api-ref/clustering',
                   'rel': 'help'}],
        'min_version': microversion.MIN_VERSION,
        'max_version': microversion.MAX_VERSION,
    }


def list_versions(req):
    return util.json_response({'versions': [_version_document(req)]}, status=300)


def show_version(req):
    return util.json_response({'version': _version_document(req)})
