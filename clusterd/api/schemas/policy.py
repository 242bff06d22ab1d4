"""Request bodies of ``/v1/policies`` (inside the ``policy`` key)."""

from clusterd.api.schemas import checks

SPEC = {'type': 'object'}

CREATE = checks.strict_object({'name': checks.NAME, 'spec': SPEC},
                              required=['name', 'spec'])

# POST /v1/policies/validate (1.2).
VALIDATE = checks.strict_object({'spec': SPEC}, required=['spec'])

# The name is the only thing of a policy that changes, so it is required.
UPDATE = checks.strict_object({'name': checks.NAME}, required=['name'])
