"""``Idempotency-Key``: a mutating request sent twice is done once.

A client (or an alarm service) that may retry a POST, PATCH, PUT or DELETE under
``/v1`` sends ``Idempotency-Key: <any 1-255 printable characters>``.  The first
request with a key runs; its answer (status, body, ``Location``) is kept
``[api] idempotency_ttl`` seconds (24 h), and every replay of the key by the same
project gets that answer again, with ``Idempotent-Replayed: true``: the same action
id, never a second action.

- The key is per project (per webhook URL for the public webhook triggers, so
  that a caller without the URL's token can never read another's answer).  A
  replay is answered from the table without running anything, even after the
  webhook's token was rotated: its caller gets only the answer it already had.
- A replay must be the same request: method, path with query, and body (a SHA-256
  fingerprint).  The same key with another request is a 422.
- Two concurrent requests with one key: the unique constraint of the
  ``idempotency_key`` table lets one run; the other waits up to
  ``[api] idempotency_wait`` seconds for its answer, then gets a 409.
- Answers of 500 and above are not kept (the request may be retried with the same
  key), nor, for webhook triggers, any error (nothing to replay; and a caller
  without a receiver's token cannot fill the table).
- Keys older than the TTL are deleted by the API itself, at most once a minute
  per process, and a key whose request never finished (its process died) is
  free again after ``[api] idempotency_stale`` seconds.
"""

import hashlib
import re
import threading
import time

from oslo_log import log as logging
import webob
import webob.dec

from clusterd.api import auth
from clusterd.api import errors
from clusterd.api import util
from clusterd.clock import utcnow
from clusterd import context as context_mod
from clusterd.db import faults
from clusterd.objects import idempotency as idempotency_obj

LOG = logging.getLogger(__name__)

HEADER = 'Idempotency-Key'
REPLAYED = 'Idempotent-Replayed'
MUTATING = frozenset({'POST', 'PATCH', 'PUT', 'DELETE'})
# The answer's headers a replay repeats (microversion headers are added again by
# the middleware above this one).
KEPT_HEADERS = ('Location', 'Content-Type')
MAX_KEY = 255
# Printable ASCII, no space at either end (also in /v1/openapi.json).
KEY_PATTERN = r'^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$'
_KEY_RE = re.compile(KEY_PATTERN)

PURGE_INTERVAL = 60
POLL = 0.05


class KeyReused(errors.APIError):
    status = 422
    error_type = 'IdempotencyKeyReused'


class KeyInProgress(errors.Conflict):
    error_type = 'IdempotencyKeyInProgress'


def _check_key(key):
    if len(key) > MAX_KEY or not _KEY_RE.match(key):
        raise errors.BadRequest(
            'The %s header must be 1 to %d printable ASCII characters.' %
            (HEADER, MAX_KEY))


def fingerprint(request):
    """SHA-256 of what makes two requests the same request."""
    digest = hashlib.sha256()
    for part in (request.method.encode(), request.path_qs.encode('utf-8'),
                 request.body):
        digest.update(b'%d:' % len(part))
        digest.update(part)
    return digest.hexdigest()


def scope(request, context):
    """Whose keys a request's key is among: the caller's project, or for a public
    request (a webhook trigger, whose caller is nobody in particular) the URL it
    called, token included."""
    if not auth.is_public(request.environ):
        return context.project_id or ''
    url = hashlib.sha256(request.path_qs.encode('utf-8')).hexdigest()
    return 'public:%s' % url[:54]


def _replay(record):
    kept = record.response or {}
    response = webob.Response(status=record.status_code, headerlist=[])
    for name, value in (kept.get('headers') or {}).items():
        response.headers[name] = value
    response.body = (kept.get('body') or '').encode('utf-8')
    response.headers[REPLAYED] = 'true'
    return response


def _kept(response):
    return {'headers': {name: response.headers[name] for name in KEPT_HEADERS
                        if name in response.headers},
            'body': response.body.decode('utf-8', errors='replace')}


class IdempotencyMiddleware:
    """Runs a mutating request with an ``Idempotency-Key`` at most once.

    It sits below the context middleware (it needs the caller's project and the
    database) and above the router; errors raised below are rendered here so
    that their answer can be kept too.
    """

    def __init__(self, app, conf):
        self.app = app
        self.ttl = conf.api.idempotency_ttl
        self.wait = conf.api.idempotency_wait
        self.stale = conf.api.idempotency_stale
        self._purged_at = 0.0
        self._purge_lock = threading.Lock()

    @webob.dec.wsgify
    def __call__(self, request):
        key = request.headers.get(HEADER)
        if (key is None or request.method not in MUTATING or
                not request.path_info.startswith('/v1/')):
            return request.get_response(self.app)
        _check_key(key)
        context = util.context(request)
        admin = context_mod.admin_context(context.db)
        owner = scope(request, context)
        claimed = self._claim(request, admin, owner, key, fingerprint(request))
        if not isinstance(claimed, idempotency_obj.IdempotencyKey):
            return claimed
        self._purge(admin)
        try:
            response = request.get_response(self.app)
        except errors.APIError as exc:
            response = errors.response(exc)
        except BaseException:
            self._release(admin, claimed.id)
            raise
        public = owner.startswith('public:')
        if response.status_int >= 500 or (public and response.status_int >= 400):
            self._release(admin, claimed.id)
        else:
            idempotency_obj.IdempotencyKey.record(
                admin, claimed.id, response.status_int, _kept(response))
        return response

    @staticmethod
    def _release(admin, key_id):
        """Free the key of a request that failed; when that fails too (the
        database is away), the key becomes free after ``idempotency_stale``."""
        try:
            idempotency_obj.IdempotencyKey.release(admin, key_id)
        except Exception as exc:
            LOG.warning('Could not release idempotency key %s (%s); it is free '
                        'again once stale', key_id, faults.summary(exc))

    def _claim(self, request, admin, owner, key, print_):
        """The claimed key row, or the response a replay gets.

        :raises KeyReused: the key was used for another request
        :raises KeyInProgress: a concurrent request with the key did not finish in
            time
        """
        deadline = time.monotonic() + self.wait
        while True:
            record = idempotency_obj.IdempotencyKey.find(admin, owner, key)
            if record is None:
                claimed = idempotency_obj.IdempotencyKey.claim(admin, owner, key,
                                                               print_)
                if claimed is not None:
                    return claimed
                continue
            age = (utcnow() - record.created_at).total_seconds()
            if age >= self.ttl:
                # Expired: as if it had never been sent.
                idempotency_obj.IdempotencyKey.release(admin, record.id)
                continue
            if record.fingerprint != print_:
                raise KeyReused(
                    "The %s '%s' was already used for another request (method, "
                    "path or body differ) in the last %d seconds; use a new key "
                    "for a new request." % (HEADER, key, self.ttl))
            if record.answered:
                LOG.info('%s %s: replaying the answer to key %s (%s)',
                         request.method, request.path, key, record.status_code)
                return _replay(record)
            if age >= self.stale:
                LOG.warning('%s %s: the request that claimed key %s %d s ago never '
                            'finished; running this one instead', request.method,
                            request.path, key, age)
                idempotency_obj.IdempotencyKey.release(admin, record.id,
                                                       unanswered_only=True)
                continue
            if time.monotonic() >= deadline:
                raise KeyInProgress(
                    "A request with the %s '%s' is still in progress; retry "
                    "later to get its answer." % (HEADER, key),
                    headers={'Retry-After': '1'})
            time.sleep(POLL)

    def _purge(self, admin):
        now = time.monotonic()
        with self._purge_lock:
            if now - self._purged_at < PURGE_INTERVAL:
                return
            self._purged_at = now
        try:
            count = idempotency_obj.IdempotencyKey.purge(admin, self.ttl)
        except Exception as exc:
            LOG.warning('Could not delete the expired idempotency keys (%s); the '
                        'next request will try again', faults.summary(exc))
            with self._purge_lock:
                self._purged_at = 0.0
            return
        if count:
            LOG.info('Deleted %d idempotency keys older than %d s', count, self.ttl)
