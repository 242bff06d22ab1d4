"""The one route table of the API: path -> method -> handler."""

import webob
import webob.exc

from clusterd.api.handlers import root

ROUTES = {
    '/': {'GET': root.list_versions},
    '/v1': {'GET': root.show_version},
    '/v1/': {'GET': root.show_version},
}


class Router:

    def __init__(self, conf, db):
        self.conf = conf
        self.db = db

    @webob.dec.wsgify
    def __call__(self, request):
        methods = ROUTES.get(request.path_info)
        if methods is None:
            return webob.exc.HTTPNotFound(
                'The resource could not be found.', json_formatter=_json_error)
        handler = methods.get(request.method)
        if handler is None:
            return webob.exc.HTTPMethodNotAllowed(
                headers={'Allow': ', '.join(sorted(methods))},
                json_formatter=_json_error)
        request.environ['clusterd.conf'] = self.conf
        request.environ['clusterd.db'] = self.db
        return handler(request)


def _json_error(body, status, title, environ):
    code = int(status.split(None, 1)[0])
    return {'code': code, 'title': title, 'explanation': body,
            'error': {'code': code, 'message': body, 'type': title.replace(' ', '')}}
