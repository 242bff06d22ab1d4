"""Request bodies of ``/v1/clusters`` (inside the ``cluster`` key), per version.

Sizes, counts and timeouts are checked loosely here and converted afterwards
(:func:`clusterd.api.schemas.checks.integer`): the CLI sends them as strings.
"""

from clusterd.api.schemas import checks

_CREATE = {
    'name': checks.NAME,
    'profile_id': checks.IDENTITY,
    'min_size': checks.INTEGER,
    'max_size': checks.INTEGER,
    'desired_capacity': checks.INTEGER,
    'metadata': checks.MAP,
    'timeout': checks.INTEGER,
}
CREATE_V1_0 = checks.strict_object(_CREATE, required=['name', 'profile_id'])
CREATE_V1_7 = checks.strict_object(dict(_CREATE, config=checks.MAP),
                                   required=['name', 'profile_id'])
CREATE = [('1.0', CREATE_V1_0), ('1.7', CREATE_V1_7)]

_UPDATE = {
    'name': checks.NULLABLE_NAME,
    'profile_id': dict(checks.IDENTITY, type=['string', 'null']),
    'metadata': checks.MAP,
    'timeout': checks.INTEGER,
}
UPDATE_V1_0 = checks.strict_object(_UPDATE)
UPDATE_V1_6 = checks.strict_object(dict(_UPDATE, profile_only=checks.BOOLEAN))
UPDATE_V1_7 = checks.strict_object(dict(_UPDATE, profile_only=checks.BOOLEAN,
                                        config=checks.MAP))
UPDATE = [('1.0', UPDATE_V1_0), ('1.6', UPDATE_V1_6), ('1.7', UPDATE_V1_7),
          (checks.DRY_RUN_VERSION, checks.with_dry_run(UPDATE_V1_7))]

# DELETE /v1/clusters/{id} may carry {"force": true} from 1.8 on.
DELETE_V1_8 = checks.strict_object({'force': checks.BOOLEAN})
