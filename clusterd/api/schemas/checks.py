"""Reading a request body the way Senlin did, with clearer messages.

A handler unwraps the resource key (``{"cluster": {...}}``), validates what is
inside against the JSON Schema of the request's version (:func:`validate`), then
converts the loose values Senlin accepted and clients still send: numbers as
strings (the CLI sends ``"count": "2"``), booleans as strings (:func:`integer`,
:func:`number`, :func:`boolean`).
"""

import jsonschema

from clusterd.api import errors
from clusterd.api import microversion
from clusterd.api import util

# The largest integer a database column of clusterd takes (signed 32 bits).
MAX_INTEGER = 2 ** 31 - 1

# Schema pieces for values converted afterwards by integer() / number() / boolean().
INTEGER = {'type': ['integer', 'number', 'string', 'null']}
NUMBER = {'type': ['integer', 'number', 'string', 'null']}
BOOLEAN = {'type': ['boolean', 'string', 'null']}
MAP = {'type': ['object', 'null']}

# Senlin's names: 1-255 characters; letters (CJK included), digits, '.', '_', '~'
# and '-'.
NAME = {
    'type': 'string',
    'minLength': 1,
    'maxLength': 255,
    'pattern': r'^[\w.~-]+$',
    # Read by validate(): a pattern is no explanation.  Senlin's words (its
    # tempest suite and scripts match them).
    'x-messages': {
        'pattern': "The value for the '{field}' ({value}) contains illegal "
                   "characters. It must contain only alphanumeric or \"_-.~\" "
                   "characters and must start with letter.",
        'minLength': 'The value for the {field} field must be at least 1 '
                     'characters long.',
        'maxLength': 'The value for the {field} field must be less than 255 '
                     'characters long.',
    },
}
NULLABLE_NAME = dict(NAME, type=['string', 'null'])

# Identities as users type them: a UUID, a name or a short id.
IDENTITY = {'type': 'string', 'minLength': 1, 'maxLength': 255}


# Senlin's message for a body without its resource's key (nodes, receivers).
MALFORMED = "Malformed request data, missing '%s' key in request body."

# Senlin's messages for its field checks, here once for every handler.
NOT_A_MAP = 'The data provided is not a map'
NOT_UNIQUE = "Items for '%s' must be unique"
TOO_FEW = "Value for '%s' must have at least %d item(s)."
NOT_ACCEPTABLE = "Value '%s' is not acceptable for field '%s'."
NOT_NONE = "Field `%s' cannot be None"
NEGATIVE = "Value must be >= 0 for field '%s'."


def missing_message(message):
    """Schema annotation: the 400 for a body without this key (or with ``null``),
    where Senlin had its own words for it, instead of jsonschema's "'x' is a
    required property"."""
    return {'x-missing': message}


def strict_object(properties, required=()):
    """A JSON object with exactly these keys, ``required`` among them.

    NOTE: ``additionalProperties`` comes before ``required`` so that, when both
    fail, the unknown key is the one reported, as Senlin's tempest tests expect.
    """
    schema = {'type': 'object', 'properties': properties,
              'additionalProperties': False}
    if required:
        schema['required'] = list(required)
    return schema


# Microversion 1.16: a dry run of a change (a cluster action, a cluster update,
# a node delete) answers the plan and changes nothing.
DRY_RUN_VERSION = '1.16'
DRY_RUN = 'dry_run'
EARLY_DRY_RUN = ("The '%s' parameter needs API version %s or later."
                 % (DRY_RUN, DRY_RUN_VERSION))


def with_dry_run(schema):
    """``schema`` (an object's) that also takes ``dry_run`` (a boolean)."""
    result = dict(schema)
    result['properties'] = dict(schema.get('properties') or {},
                                **{DRY_RUN: BOOLEAN})
    return result


def pop_dry_run(req, data):
    """Take ``dry_run`` out of a body the schema of its version checked.

    Below 1.16 a schema that lists its keys has already refused it ("Additional
    properties are not allowed"); a free-form body is refused here by name, so a
    client pinned too low never runs the real action by mistake.

    :returns: whether the request is a dry run
    """
    if not isinstance(data, dict) or DRY_RUN not in data:
        return False
    if microversion.request_version(req) < \
            microversion.Version.parse(DRY_RUN_VERSION):
        raise errors.BadRequest(EARLY_DRY_RUN)
    return bool(boolean(DRY_RUN, data.pop(DRY_RUN), False))


def for_version(req, schemas):
    """The schema of the newest ``(version, schema)`` pair the request reaches."""
    version = microversion.request_version(req)
    chosen = None
    for since, schema in schemas:
        if version >= microversion.Version.parse(since):
            chosen = schema
    return chosen


def unwrap(data, key, message="Request body missing '%s' key."):
    """The object under ``key`` of a request body, or 400 with ``message``."""
    if not isinstance(data, dict) or data.get(key) is None:
        raise errors.BadRequest(message % key)
    return data[key]


def resource_body(req, key, schema, message="Request body missing '%s' key."):
    """``util.extract_json``, unwrap ``key``, validate against ``schema``."""
    inner = unwrap(util.extract_json(req), key, message)
    validate(schema, inner)
    return inner


def validate(schema, data):
    """Check ``data`` against ``schema``; a 400 that names the field at fault.

    Messages about the object itself stay jsonschema's, word for word ("'name' is
    a required property", "Additional properties are not allowed ('x' was
    unexpected)"), as Senlin's tempest suite checks them.
    """
    if isinstance(data, dict):
        for key, item in schema.get('properties', {}).items():
            if 'x-missing' in item and data.get(key) is None:
                raise errors.BadRequest(item['x-missing'])
    validator = jsonschema.Draft202012Validator(schema)
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if error is None:
        return
    raise errors.BadRequest(_message(error))


def _message(error):
    """Senlin's words for its checks (an enum, a None, a map), else jsonschema's
    with the field's name before them."""
    path = [str(part) for part in error.path]
    annotated = error.schema if isinstance(error.schema, dict) else {}
    custom = annotated.get('x-messages', {}).get(error.validator)
    if custom is None and error.validator == 'type':
        custom = annotated.get('x-message')
    if custom:
        return custom.format(value=error.instance, field=path[-1] if path else '')
    if path and error.validator == 'enum':
        return NOT_ACCEPTABLE % (error.instance, path[-1])
    if path and error.validator == 'type' and error.instance is None:
        return NOT_NONE % (path[0] + ''.join('[%s]' % p for p in path[1:]))
    if path:
        return "Invalid value for '%s': %s" % ('.'.join(path), error.message)
    return error.message


def unique_items(name, items, minimum=1):
    """400 unless ``items`` (a list) holds at least ``minimum`` distinct values."""
    if len(set(items)) != len(items):
        raise errors.BadRequest(NOT_UNIQUE % name)
    if len(items) < minimum:
        raise errors.BadRequest(TOO_FEW % (name, minimum))


def integer(name, value, minimum=None, maximum=None):
    """An integer as Senlin accepted it (``3``, ``"3"``, ``3.0``), or None.

    :raises errors.BadRequest: naming ``name`` and the bound it breaks
    """
    if value is None:
        return None
    result = None
    if isinstance(value, bool):
        result = None
    elif isinstance(value, int):
        result = value
    elif isinstance(value, float) and value.is_integer():
        result = int(value)
    elif isinstance(value, str):
        try:
            result = int(value.strip())
        except ValueError:
            result = None
    if result is None:
        raise errors.BadRequest("The value for %s must be an integer: '%s'." %
                                (name, value))
    # NOTE: every integer the API takes ends in a 32-bit column; a larger one
    # failed in the database (a 500) instead of here.
    maximum = MAX_INTEGER if maximum is None else min(maximum, MAX_INTEGER)
    minimum = -MAX_INTEGER - 1 if minimum is None else max(minimum,
                                                            -MAX_INTEGER - 1)
    if minimum is not None and result < minimum:
        raise errors.BadRequest("The value for the %s field must be greater than "
                                "or equal to %d." % (name, minimum))
    if maximum is not None and result > maximum:
        raise errors.BadRequest("The value for the %s field must be less than or "
                                "equal to %d." % (name, maximum))
    return result


def number(name, value):
    """A number (``5``, ``"-2.5"``), or None."""
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    if isinstance(value, str):
        try:
            parsed = float(value.strip())
        except ValueError:
            parsed = None
        # float() takes 'nan' and 'inf', which no size check can use.
        if parsed is not None and parsed == parsed and abs(parsed) != float('inf'):
            return parsed
    raise errors.BadRequest("The value for %s must be a number: '%s'." %
                            (name, value))


def boolean(name, value, default=None):
    """A boolean (``true``, ``"True"``, ``"false"``), or ``default`` when None."""
    if value is None:
        return default
    return util.parse_bool(name, value)


# --- sizes -------------------------------------------------------------------------

def size_problem(desired=None, min_size=None, max_size=None, cluster=None):
    """What is wrong with a new desired capacity and/or size limits, or None.

    Senlin's rules: the given values must agree with each other, and with the
    cluster's current ones where not given.  A max_size below 0 means no limit.

    :param cluster: the cluster row (dict), or None at creation
    """
    if desired is not None:
        if min_size is not None and desired < min_size:
            return ("The target capacity (%d) is less than the specified "
                    "min_size (%d)." % (desired, min_size))
        if min_size is None and cluster and desired < cluster['min_size']:
            return ("The target capacity (%d) is less than the cluster's "
                    "min_size (%d)." % (desired, cluster['min_size']))
        if max_size is not None and 0 <= max_size < desired:
            return ("The target capacity (%d) is greater than the specified "
                    "max_size (%d)." % (desired, max_size))
        if max_size is None and cluster and 0 <= cluster['max_size'] < desired:
            return ("The target capacity (%d) is greater than the cluster's "
                    "max_size (%d)." % (desired, cluster['max_size']))
    if min_size is not None:
        if max_size is not None and 0 <= max_size < min_size:
            return ("The specified min_size (%d) is greater than the specified "
                    "max_size (%d)." % (min_size, max_size))
        if max_size is None and cluster and 0 <= cluster['max_size'] < min_size:
            return ("The specified min_size (%d) is greater than the current "
                    "max_size (%d) of the cluster." % (min_size, cluster['max_size']))
        if desired is None and cluster and min_size > cluster['desired_capacity']:
            return ("The specified min_size (%d) is greater than the current "
                    "desired_capacity (%d) of the cluster." % (
                        min_size, cluster['desired_capacity']))
    if max_size is not None and max_size >= 0 and cluster:
        if min_size is None and max_size < cluster['min_size']:
            return ("The specified max_size (%d) is less than the current "
                    "min_size (%d) of the cluster." % (max_size, cluster['min_size']))
        if desired is None and max_size < cluster['desired_capacity']:
            return ("The specified max_size (%d) is less than the current "
                    "desired_capacity (%d) of the cluster." % (
                        max_size, cluster['desired_capacity']))
    return None


def check_sizes(desired=None, min_size=None, max_size=None, cluster=None):
    problem = size_problem(desired, min_size, max_size, cluster)
    if problem:
        raise errors.BadRequest(problem)


def capacity(req, name, value, minimum=0):
    """A size or count: an integer from ``minimum`` to [DEFAULT]
    max_nodes_per_cluster (Senlin's limits and words)."""
    return integer(name, value, minimum, util.conf(req).max_nodes_per_cluster)
