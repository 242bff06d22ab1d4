"""Holds every answer of the API to its own OpenAPI document (``/v1/openapi.json``).

:class:`Conformance` wraps the app of the gabbi suites.  For each request that a
route serves it checks, against the document's operation for that route:

- that the status is one the operation documents;
- that a documented body is JSON and matches its schema, which names every
  field a resource shows and no other (``additionalProperties: false``);
- that a field shown from a microversion on (``x-openstack-min-version``) is
  there at that version and later, and absent before it.  The version is the one
  the answer echoes in ``OpenStack-API-Version``.

An answer that does not conform is replaced by a 500 whose body says what is
wrong, so the gabbi test that made the request fails there and prints it.
Requests no route serves (the router's own 404 and 405) are not checked.
"""

import json

import jsonschema

from clusterd.api import errors
from clusterd.api import microversion
from clusterd.api import openapi
from clusterd.api import router

_OPERATIONS = {}


def _operation(method, path):
    """The document's operation for a request, or None when no route serves it."""
    try:
        handler, _ = router.match(path, method)
    except errors.APIError:
        return None
    if not _OPERATIONS:
        for methods in openapi.document(router.ROUTES)['paths'].values():
            for operation in methods.values():
                _OPERATIONS[operation['operationId']] = operation
    return _OPERATIONS[handler.__name__]


def _resolved(schema, components):
    while '$ref' in schema:
        schema = components['schemas'][schema['$ref'].rpartition('/')[2]]
    return schema


def _presence(schema, instance, version, components, where=''):
    """Problems with the fields of ``instance`` shown from a microversion on."""
    schema = _resolved(schema, components)
    if isinstance(instance, dict) and 'properties' in schema:
        for name, item in schema['properties'].items():
            since = item.get(openapi.MIN_VERSION)
            if since is not None:
                expected = version >= microversion.Version.parse(since)
                if (name in instance) != expected:
                    yield '%s/%s: %s at %s (shown from %s)' % (
                        where, name, 'present' if name in instance else 'missing',
                        version, since)
            if name in instance:
                yield from _presence(item, instance[name], version, components,
                                     '%s/%s' % (where, name))
    elif isinstance(instance, list) and 'items' in schema:
        for index, item in enumerate(instance):
            yield from _presence(schema['items'], item, version, components,
                                 '%s/%d' % (where, index))


def _echoed_version(headers):
    value = headers.get(microversion.HEADER.lower())
    if not value:
        return None
    return microversion.Version.parse(value.split()[-1])


def problems(method, path, status, headers, body):
    """What is wrong with an answer, by the document (empty: nothing).

    :param headers: the answer's headers, by lower-case name
    """
    operation = _operation(method, path)
    if operation is None:
        return []
    documented = operation['responses'].get(str(status))
    if documented is None:
        return ['%s %s answered %d; the document gives %s' % (
            method, path, status, ', '.join(sorted(operation['responses'])))]
    content = documented.get('content')
    if content is None:
        return ['%d has no body in the document, got %r' % (status, body[:200])] \
            if body else []
    if not headers.get('content-type', '').startswith('application/json'):
        return ['%d should be application/json, got %r' % (
            status, headers.get('content-type'))]
    try:
        instance = json.loads(body)
    except ValueError as exc:
        return ['%d: the body is not JSON (%s)' % (status, exc)]
    components = openapi.document(router.ROUTES)['components']
    schema = content['application/json']['schema']
    validator = jsonschema.Draft202012Validator(dict(schema, components=components))
    found = ['%d body at /%s: %s' % (status, '/'.join(map(str, error.absolute_path)),
                                     error.message)
             for error in sorted(validator.iter_errors(instance), key=str)]
    version = _echoed_version(headers)
    if version is not None:
        found.extend(_presence(schema, instance, version, components))
    return found


class Conformance:
    """WSGI middleware: an answer that does not conform becomes a 500 that says why."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        answer = {}

        def capture(status, headers, exc_info=None):
            answer['status'], answer['headers'] = status, headers
            return chunks.append

        chunks = []
        result = self.app(environ, capture)
        try:
            chunks.extend(result)
        finally:
            if hasattr(result, 'close'):
                result.close()
        body = b''.join(chunks)
        found = problems(environ['REQUEST_METHOD'], environ.get('PATH_INFO', ''),
                         int(answer['status'][:3]),
                         {name.lower(): value for name, value in answer['headers']},
                         body)
        if found:
            text = ('The answer does not match /v1/openapi.json:\n%s\n\nThe answer '
                    'was %s:\n%s\n' % ('\n'.join(found[:20]), answer['status'],
                                       body[:2000].decode('utf-8', 'replace')))
            start_response('500 Internal Server Error', [
                ('Content-Type', 'text/plain; charset=utf-8')])
            return [text.encode()]
        start_response(answer['status'], answer['headers'])
        return [body]
