"""Request bodies of ``/v1/receivers`` (inside the ``receiver`` key)."""

from clusterd.api.schemas import checks
from clusterd.api.schemas import nodes

# Senlin accepted 'actor' on create and ignored it; so does clusterd.
CREATE = checks.strict_object({
    'name': checks.NAME,
    'type': {'type': 'string'},
    'cluster_id': nodes.NULLABLE_IDENTITY,
    'action': nodes.NULLABLE_STRING,
    'params': checks.MAP,
    'actor': checks.MAP,
}, required=('name', 'type'))

# PATCH /v1/receivers/{id} (1.7).
UPDATE = checks.strict_object({
    'name': checks.NULLABLE_NAME,
    'action': nodes.NULLABLE_STRING,
    'params': checks.MAP,
})

# 1.15: a new random secret (and so a new alarm_url) for a webhook receiver.
UPDATE_V1_15 = checks.strict_object(dict(UPDATE['properties'], rotate_secret={
    'type': 'boolean'}))
