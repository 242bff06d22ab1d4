"""Request bodies of ``/v1/nodes``, per version.

Values clients send loosely are accepted here and converted by the handler: the
CLI sends ``null`` for every option it was not given, and booleans may come as
strings (``"true"``).
"""

from clusterd.api.schemas import checks

NULLABLE_IDENTITY = dict(checks.IDENTITY, type=['string', 'null'])
NULLABLE_STRING = {'type': ['string', 'null']}

# POST /v1/nodes, inside "node".
CREATE = checks.strict_object({
    'name': checks.NAME,
    'profile_id': checks.IDENTITY,
    'cluster_id': NULLABLE_IDENTITY,
    'role': NULLABLE_STRING,
    'metadata': checks.MAP,
}, required=('name', 'profile_id'))

# PATCH /v1/nodes/{id}, inside "node"; tainted from 1.13.
_UPDATE = {
    'name': checks.NULLABLE_NAME,
    'profile_id': NULLABLE_IDENTITY,
    'role': NULLABLE_STRING,
    'metadata': checks.MAP,
}
UPDATE = [('1.0', checks.strict_object(_UPDATE)),
          ('1.13', checks.strict_object(dict(_UPDATE, tainted=checks.BOOLEAN)))]

# POST /v1/nodes/adopt-preview and /v1/nodes/adopt (1.7), not wrapped.
_PREVIEW = {
    'identity': checks.IDENTITY,
    'type': checks.IDENTITY,
    'overrides': checks.MAP,
    'snapshot': checks.BOOLEAN,
}
ADOPT_PREVIEW = checks.strict_object(_PREVIEW, required=('identity', 'type'))
ADOPT = checks.strict_object(dict(_PREVIEW, name=checks.NULLABLE_NAME,
                                  role=NULLABLE_STRING, metadata=checks.MAP),
                             required=('identity', 'type'))

# DELETE /v1/nodes/{id} may carry {"force": true} from 1.8.
DELETE = checks.strict_object({'force': checks.BOOLEAN})
DELETE_V1_16 = checks.with_dry_run(DELETE)
