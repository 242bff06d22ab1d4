"""The URL of a webhook receiver, as :mod:`clusterd.api.handlers.receivers` makes
it and :mod:`clusterd.api.handlers.webhooks` reads it."""

import json
import urllib.parse

from clusterd.api import util

# Senlin's URL version: since V=2 the whole trigger body is the action's inputs.
WEBHOOK_VERSION = '2'
# The query parameter that carries the receiver's secret.
TOKEN = 'token'


def _query_value(value):
    return value if isinstance(value, str) else json.dumps(value)


def alarm_url(req, receiver_id, params, secret):
    """The webhook URL of a receiver: ``V`` and the params, sorted, as Senlin
    built it, then the token (last, where the trigger looks for it).  The params
    in the query are for the reader only; a trigger takes them from the receiver
    row.  A receiver without a secret (imported from Senlin) has Senlin's URL.
    """
    query = [('V', WEBHOOK_VERSION)] + sorted(
        (str(key), _query_value(value)) for key, value in params.items())
    if secret:
        query.append((TOKEN, secret))
    return util.url(req, '/v1/webhooks/%s/trigger?%s' % (
        receiver_id, urllib.parse.urlencode(query)))
