"""Refuse request bodies larger than ``[api] max_body_size`` with 413.

A declared ``Content-Length`` over the limit is refused before anything reads the
body; a body without one (chunked) is counted as it is read and refused when it
passes the limit.
"""

import webob.dec

from clusterd.api import errors


def _too_large(limit):
    return errors.RequestTooLarge(
        'The request body is larger than the limit of %d bytes.' % limit)


class _LimitedInput:

    def __init__(self, stream, limit):
        self.stream = stream
        self.limit = limit
        self.seen = 0

    def _count(self, chunk):
        self.seen += len(chunk)
        if self.seen > self.limit:
            raise _too_large(self.limit)
        return chunk

    def read(self, size=-1):
        if size is None or size < 0:
            size = self.limit + 1 - self.seen
        return self._count(self.stream.read(size))

    def readline(self, size=-1):
        if size is None or size < 0:
            size = self.limit + 1 - self.seen
        return self._count(self.stream.readline(size))

    def __iter__(self):
        while True:
            line = self.readline()
            if not line:
                return
            yield line


class BodySizeLimit:

    def __init__(self, app, limit):
        self.app = app
        self.limit = limit

    @webob.dec.wsgify
    def __call__(self, request):
        length = request.content_length
        if length is not None and length > self.limit:
            raise _too_large(self.limit)
        if length is None and 'wsgi.input' in request.environ:
            request.environ['wsgi.input'] = _LimitedInput(
                request.environ['wsgi.input'], self.limit)
        return request.get_response(self.app)
