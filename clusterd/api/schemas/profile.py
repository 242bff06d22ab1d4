"""Request bodies of ``/v1/profiles`` (inside the ``profile`` key)."""

from clusterd.api.schemas import checks

SPEC = {'type': 'object'}

CREATE = checks.strict_object(
    {'name': checks.NAME, 'spec': SPEC, 'metadata': checks.MAP},
    required=['name', 'spec'])

# POST /v1/profiles/validate (1.2).
VALIDATE = checks.strict_object({'spec': SPEC}, required=['spec'])

# Only the name and the metadata of a profile change; its spec never does.
UPDATE = checks.strict_object({'name': checks.NULLABLE_NAME, 'metadata': checks.MAP})
