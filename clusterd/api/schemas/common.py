"""Schema pieces every resource uses."""

# Senlin's names: 1-255 characters; letters (CJK included), digits, '.', '_', '~'
# and '-'.
NAME = {
    'type': 'string',
    'minLength': 1,
    'maxLength': 255,
    'pattern': r'^[\w.~-]+$',
}

METADATA = {'type': ['object', 'null']}

# Identities as users type them: a UUID, a name or a short id.
IDENTITY = {'type': 'string', 'minLength': 1, 'maxLength': 255}
