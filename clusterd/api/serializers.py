"""Bodies shared by more than one handler module: plugin types.

Profile and policy types are served alike (``/v1/profile-types``,
``/v1/policy-types``); the shape changed at 1.5, when ``support_status`` came.
"""

from clusterd.api import microversion
from clusterd import schema

SUPPORT_STATUS_VERSION = microversion.Version(1, 5)


def _with_status(req):
    return microversion.request_version(req) >= SUPPORT_STATUS_VERSION


def plugin_types(req, registered):
    """Items of a type list from ``{type name: plugin class}``, sorted by name.

    Before 1.5 an item is ``{"name": "os.nova.server-1.0"}``; from 1.5 the name
    and version are apart and ``support_status`` comes along (the CLI splits the
    name on '-' when it is missing).
    """
    items = []
    for type_name, cls in sorted(registered.items()):
        if not _with_status(req):
            items.append({'name': type_name})
            continue
        name, _, version = type_name.rpartition('-')
        # One class may serve several versions: each item carries its own
        # version's status only, or the CLI prints every status of every item.
        status = cls.SUPPORT_STATUS or {}
        if version in status:
            status = {version: status[version]}
        items.append({'name': name, 'version': version,
                      'support_status': status})
    return items


def plugin_type(req, type_name, cls):
    """The body of one type: its name as asked, its spec schema and, from 1.5,
    its support status."""
    body = {'name': type_name,
            'schema': schema.render(cls.properties_schema or {})}
    if _with_status(req):
        body['support_status'] = cls.SUPPORT_STATUS or {}
    return body
