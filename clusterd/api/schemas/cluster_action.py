"""Bodies of ``POST /v1/clusters/{id}/actions``: ``{"<action>": {...}}``.

One schema per action (what is inside the action's key), each with the version
that brought the action, and extra schemas for keys that came later.
"""

from clusterd.api.schemas import checks
from clusterd.policies import scaleutils

# A missing or empty list: Senlin's "Value for 'nodes' must have at least 1 item(s)."
_NODE_LIST = dict({'type': 'array', 'items': checks.IDENTITY},
                  **checks.missing_message(checks.TOO_FEW % ('nodes', 1)))

ADD_NODES = checks.strict_object({'nodes': _NODE_LIST})

DEL_NODES = checks.strict_object({'nodes': _NODE_LIST})
DEL_NODES_V1_4 = checks.strict_object(
    {'nodes': _NODE_LIST, 'destroy_after_deletion': checks.BOOLEAN})

REPLACE_NODES = checks.strict_object({'nodes': dict(
    {'type': 'object', 'additionalProperties': checks.IDENTITY,
     'x-message': checks.NOT_A_MAP},
    **checks.missing_message(checks.NOT_A_MAP))})

SCALE = checks.strict_object({'count': checks.INTEGER})

RESIZE = checks.strict_object({
    'adjustment_type': {'type': ['string', 'null'],
                        'enum': list(scaleutils.ADJUSTMENT_TYPES) + [None]},
    'number': checks.NUMBER,
    'min_size': checks.INTEGER,
    'max_size': checks.INTEGER,
    'min_step': checks.INTEGER,
    'strict': checks.BOOLEAN,
})

POLICY_ATTACH = checks.strict_object(
    {'policy_id': checks.IDENTITY, 'enabled': checks.BOOLEAN},
    required=['policy_id'])
POLICY_UPDATE = POLICY_ATTACH
POLICY_DETACH = checks.strict_object({'policy_id': checks.IDENTITY},
                                     required=['policy_id'])

# Free-form, as in Senlin: the engine reads what it knows.
CHECK = {'type': 'object'}

# Unknown keys get Senlin's own message (see cluster_actions), so none here.
RECOVER = {'type': 'object', 'properties': {
    'operation': {'type': 'string'},
    'operation_params': {'type': 'object'},
    'check': checks.BOOLEAN,
    'check_capacity': checks.BOOLEAN,
}}

COMPLETE_LIFECYCLE = checks.strict_object({'lifecycle_action_token': dict(
    checks.IDENTITY, **checks.missing_message(
        checks.NOT_NONE % 'lifecycle_action_token'))})

# POST /v1/clusters/{id}/ops (1.4): {"<operation>": {"params": {}, "filters": {}}}.
OPERATION = checks.strict_object({'params': checks.MAP, 'filters': checks.MAP})
