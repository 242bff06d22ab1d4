"""``GET /v1/build-info``."""

from clusterd.api import rbac
from clusterd.api import util
from clusterd import version


def show_build_info(req):
    rbac.authorize(req, 'build_info:build_info')
    revision = version.__version__
    return util.json_response({'build_info': {'api': {'revision': revision},
                                              'engine': {'revision': revision}}})
