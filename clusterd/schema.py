"""A small declarative language for the specs of profile and policy plugins.

A plugin class declares ``properties_schema``: a dict of property name to a
:class:`Property` (``String``, ``Integer``, ``Number``, ``Boolean``, ``List``,
``Map``).  The same declaration does two jobs:

- :func:`validate` checks the ``properties`` of a spec and returns them converted
  and with defaults applied, or raises :class:`InvalidSpec` naming the offending
  field by its path (``properties.pool.protocol_port``);
- :func:`render` turns it into the JSON document that
  ``GET /v1/profile-types/<type>`` and ``GET /v1/policy-types/<type>`` serve under
  ``schema`` (Senlin's shape, so existing clients display it unchanged).

Input is accepted as loosely as Senlin accepted it, because spec files written for
Senlin must keep working: numbers may come as strings (``'5'``), booleans as
``'true'``/``'false'``, and a Map may come as a JSON string.
"""

import copy
import json
import numbers

# Marks "no default declared", so that ``default=None`` is not confused with it.
_NO_DEFAULT = object()

SPEC_KEYS = ('type', 'version', 'description', 'properties')


class InvalidSpec(ValueError):
    """A spec does not match its schema; the message names the field.

    :ivar path: dotted path of the offending field (``properties.latency``), or
        ``None`` when the problem is the spec as a whole.
    :ivar reason: the message without the path.
    """

    def __init__(self, reason, path=None):
        message = '%s: %s' % (path, reason) if path else reason
        super().__init__(message)
        self.path = path
        self.reason = reason


# --- constraints -------------------------------------------------------------------

class AllowedValues:
    """The value (each item, for a list) must be one of ``values``."""

    def __init__(self, values):
        if isinstance(values, str):
            raise TypeError('AllowedValues takes a list of values, not a string')
        self.values = tuple(values)

    def check(self, value):
        if value not in self.values:
            return "'%s' must be one of the allowed values: %s" % (
                value, ', '.join(str(v) for v in self.values))
        return None

    def render(self):
        return {'type': 'AllowedValues', 'constraint': list(self.values)}


class Range:
    """The value must lie within ``min`` and ``max``, both inclusive, both optional."""

    def __init__(self, min=None, max=None):
        self.min = min
        self.max = max

    def check(self, value):
        if self.min is not None and value < self.min:
            return "'%s' must be >= %s" % (value, self.min)
        if self.max is not None and value > self.max:
            return "'%s' must be <= %s" % (value, self.max)
        return None

    def render(self):
        bounds = {}
        if self.min is not None:
            bounds['min'] = self.min
        if self.max is not None:
            bounds['max'] = self.max
        return {'type': 'Range', 'constraint': bounds}


# --- properties --------------------------------------------------------------------

class Property:
    """One property of a spec.  Subclasses convert and check one kind of value.

    :param description: shown to users by ``profile type show``.
    :param default: used when the property is absent (deep-copied on each use).
    :param required: absent and no default -> :class:`InvalidSpec`.
    :param updatable: whether a profile update may change it in place.
    :param constraints: :class:`AllowedValues` / :class:`Range` instances.
    """

    TYPE = None

    def __init__(self, description=None, default=_NO_DEFAULT, required=False,
                 updatable=False, constraints=()):
        self.description = description
        self.default = default
        self.required = required
        self.updatable = updatable
        self.constraints = tuple(constraints)

    @property
    def has_default(self):
        return self.default is not _NO_DEFAULT

    def resolve(self, value, path):
        """Return ``value`` converted to this kind, constraints checked.

        :raises InvalidSpec: naming ``path``.
        """
        value = self.convert(value, path)
        self.check_constraints(value, path)
        return value

    def convert(self, value, path):
        raise NotImplementedError

    def check_constraints(self, value, path):
        for constraint in self.constraints:
            problem = constraint.check(value)
            if problem:
                raise InvalidSpec(problem, path)

    def render(self):
        document = {'type': self.TYPE}
        if self.description is not None:
            document['description'] = self.description
        if self.has_default and self.default is not None:
            document['default'] = copy.deepcopy(self.default)
        document['required'] = self.required
        document['updatable'] = self.updatable
        if self.constraints:
            document['constraints'] = [c.render() for c in self.constraints]
        return document


class String(Property):
    TYPE = 'String'

    def convert(self, value, path):
        if isinstance(value, str):
            return value
        # YAML turns `name: 42` or `version: 1.0` into numbers; Senlin took them.
        if isinstance(value, numbers.Number) and not isinstance(value, bool):
            return str(value)
        raise InvalidSpec("'%s' is not a string" % (value,), path)


class Integer(Property):
    TYPE = 'Integer'

    def convert(self, value, path):
        if isinstance(value, bool):
            raise InvalidSpec("'%s' is not an integer" % (value,), path)
        if isinstance(value, int):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str):
            try:
                return int(value.strip())
            except ValueError:
                pass
        raise InvalidSpec("'%s' is not an integer" % (value,), path)


class Number(Property):
    TYPE = 'Number'

    def convert(self, value, path):
        if isinstance(value, bool):
            raise InvalidSpec("'%s' is not a number" % (value,), path)
        if isinstance(value, numbers.Real):
            return value
        if isinstance(value, str):
            text = value.strip()
            for kind in (int, float):
                try:
                    number = kind(text)
                except ValueError:
                    continue
                # float() accepts 'nan' and 'inf', which no range check can catch.
                if number == number and number not in (float('inf'), float('-inf')):
                    return number
        raise InvalidSpec("'%s' is not a number" % (value,), path)


class Boolean(Property):
    TYPE = 'Boolean'

    def convert(self, value, path):
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in ('true', 'false'):
            return value.strip().lower() == 'true'
        raise InvalidSpec("'%s' is not a boolean ('true' or 'false')" % (value,),
                          path)


class List(Property):
    """A list; ``schema`` (a :class:`Property`) checks every item when given."""

    TYPE = 'List'

    def __init__(self, description=None, schema=None, **kwargs):
        super().__init__(description, **kwargs)
        self.schema = schema

    def convert(self, value, path):
        if isinstance(value, str):
            value = _maybe_json(value, list)
        if not isinstance(value, (list, tuple)):
            raise InvalidSpec("'%s' is not a list" % (value,), path)
        if self.schema is None:
            return list(value)
        return [self.schema.resolve(item, '%s[%d]' % (path, index))
                for index, item in enumerate(value)]

    def check_constraints(self, value, path):
        # NOTE: AllowedValues on a list applies to each item, as in Senlin, so
        # `fail_operations: [create, bogus]` names the bad item.
        for index, item in enumerate(value):
            for constraint in self.constraints:
                problem = constraint.check(item)
                if problem:
                    raise InvalidSpec(problem, '%s[%d]' % (path, index))

    def render(self):
        document = super().render()
        if self.schema is not None:
            # Senlin's key for "any item" of a list.
            document['schema'] = {'*': self.schema.render()}
        return document


class Map(Property):
    """A mapping; with ``schema`` (name -> Property) its keys are checked, without
    it the map is free-form (``metadata``, a Heat template, ...)."""

    TYPE = 'Map'

    def __init__(self, description=None, schema=None, **kwargs):
        super().__init__(description, **kwargs)
        self.schema = schema

    def convert(self, value, path):
        if isinstance(value, str):
            value = _maybe_json(value, dict)
        if not isinstance(value, dict):
            raise InvalidSpec("'%s' is not a map" % (value,), path)
        if self.schema is None:
            return dict(value)
        return validate(self.schema, value, path)

    def render(self):
        document = super().render()
        if self.schema is not None:
            document['schema'] = render(self.schema)
        return document


def _maybe_json(text, kind):
    try:
        parsed = json.loads(text)
    except ValueError:
        return text
    return parsed if isinstance(parsed, kind) else text


# --- whole schemas and specs -------------------------------------------------------

def validate(schema, data, path='properties'):
    """Check ``data`` against ``schema`` (name -> Property).

    :param schema: dict of property name to :class:`Property`.
    :param data: the mapping to check (``None`` counts as empty).
    :param path: how error messages name ``data``.
    :returns: a new dict with every declared key: the converted value, else a copy
        of the default, else ``None``.
    :raises InvalidSpec: for a wrong value, a missing required item or an unknown
        key, naming the field by its path.
    """
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InvalidSpec("'%s' is not a map" % (data,), path)
    for key in data:
        if key not in schema:
            raise InvalidSpec("Unrecognizable spec item '%s'" % key, path)
    result = {}
    for name, prop in schema.items():
        item_path = '%s.%s' % (path, name) if path else name
        value = data.get(name)
        if value is not None:
            result[name] = prop.resolve(value, item_path)
        elif prop.has_default:
            result[name] = copy.deepcopy(prop.default)
        elif prop.required:
            raise InvalidSpec("Required spec item '%s' not provided" % name, path)
        else:
            result[name] = None
    return result


def render(schema):
    """The JSON document describing ``schema`` (name -> Property), as served by the
    API under ``schema``.

    :returns: dict of property name to its description document.
    """
    return {name: prop.render() for name, prop in schema.items()}


def not_updatable(schema, old, new):
    """Names of properties whose value differs between two validated property dicts
    although the schema does not let them be updated in place.

    :returns: sorted list of property names (empty when the update is allowed).
    """
    return sorted(name for name, prop in schema.items()
                  if not prop.updatable and old.get(name) != new.get(name))


def split_spec(spec, type_name=None, version=None):
    """Check the outer shape of a whole spec ``{type, version, properties}``.

    :param spec: the spec as the user gave it.
    :param type_name: when given, the spec's ``type`` must equal it.
    :param version: when given, a version or a collection of versions the spec's
        ``version`` must be among.
    :returns: ``(type, version, properties)`` with ``version`` as a string (YAML
        reads ``version: 1.0`` as a float) and ``properties`` a dict.
    :raises InvalidSpec: naming what is wrong.
    """
    if not isinstance(spec, dict):
        raise InvalidSpec('The provided spec is not a map.')
    for key in spec:
        if key not in SPEC_KEYS:
            raise InvalidSpec("Unrecognizable spec item '%s'" % key)
    for key in ('type', 'version'):
        if spec.get(key) in (None, ''):
            raise InvalidSpec("The '%s' key is missing from the provided spec map."
                              % key)
    spec_type = str(spec['type'])
    spec_version = str(spec['version'])
    if type_name is not None and spec_type != type_name:
        raise InvalidSpec("'%s' is not the expected type '%s'"
                          % (spec_type, type_name), 'type')
    if version is not None:
        allowed = (version,) if isinstance(version, str) else tuple(version)
        if spec_version not in allowed:
            raise InvalidSpec("'%s' must be one of the supported versions: %s"
                              % (spec_version, ', '.join(allowed)), 'version')
    properties = spec.get('properties')
    if properties is None:
        properties = {}
    if not isinstance(properties, dict):
        raise InvalidSpec("'%s' is not a map" % (properties,), 'properties')
    return spec_type, spec_version, properties


def type_name_of(spec):
    """``'<type>-<version>'``: the plugin name a spec asks for (Senlin's form).

    :raises InvalidSpec: if the spec lacks a type or a version.
    """
    spec_type, spec_version, _ = split_spec(spec)
    return '%s-%s' % (spec_type, spec_version)
