"""The API's middleware, composed in code.  Outermost first:

1. ``http_proxy_to_wsgi`` — honour X-Forwarded-Proto/Host from a TLS proxy, so
   Location headers and webhook URLs carry the address clients use;
2. ``request_id`` — every response carries ``x-openstack-request-id``, and every log
   line of the request names it;
3. the router.
"""

from oslo_middleware import http_proxy_to_wsgi
from oslo_middleware import request_id

from clusterd.api import router


def make_app(conf, db):
    """Build the WSGI application for ``conf`` over the database ``db``."""
    app = router.Router(conf, db)
    app = request_id.RequestId(app)
    app = http_proxy_to_wsgi.HTTPProxyToWSGI(app, conf)
    return app
