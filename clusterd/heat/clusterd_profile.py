"""``OS::Senlin::Profile``: a profile (the spec nodes are made from).

``name`` and ``metadata`` update in place.  A profile's spec never changes in
clusterd (nor in Senlin), so a new ``type`` or new ``properties`` replace the
resource: Heat makes the new profile, updates what refers to it (a cluster
rolls its nodes over to the new profile in place) and then deletes the old one.
"""

from heat.engine import constraints
from heat.engine import properties

from . import clusterd_base


class Profile(clusterd_base.ClusterdResource):
    """A clusterd profile, e.g. ``os.nova.server-1.0`` or ``clusterd.simulated-1.0``."""

    collection = 'profiles'
    body_key = 'profile'

    PROPERTIES = (NAME, TYPE, METADATA, PROFILE_PROPERTIES) = (
        'name', 'type', 'metadata', 'properties')

    properties_schema = {
        NAME: properties.Schema(
            properties.Schema.STRING,
            'Name of the profile; the physical resource name if not given.',
            update_allowed=True),
        TYPE: properties.Schema(
            properties.Schema.STRING,
            'Profile type and version, e.g. os.nova.server-1.0.',
            required=True,
            constraints=[constraints.CustomConstraint('senlin.profile_type')]),
        METADATA: properties.Schema(
            properties.Schema.MAP,
            'Metadata of the profile.',
            update_allowed=True),
        PROFILE_PROPERTIES: properties.Schema(
            properties.Schema.MAP,
            'The spec\'s properties, as the profile type defines them.'),
    }

    def handle_create(self):
        body = {'name': self.name_or_default(self.properties),
                'spec': clusterd_base.spec(self.properties[self.TYPE],
                                           self.properties[self.PROFILE_PROPERTIES]),
                'metadata': self.properties[self.METADATA] or {}}
        made, _ = self.api().request('POST', '/profiles', {'profile': body})
        self.resource_id_set(made['profile']['id'])

    def handle_update(self, json_snippet, tmpl_diff, prop_diff):
        updates = {}
        if self.NAME in prop_diff:
            updates['name'] = self.name_or_default(prop_diff)
        if self.METADATA in prop_diff:
            updates['metadata'] = prop_diff[self.METADATA] or {}
        updates = clusterd_base.changed(updates, self.fetch())
        if updates:
            self.api().request('PATCH', self.path(), {'profile': updates})

    def handle_delete(self):
        self.delete_at_once()


def resource_mapping():
    return {'OS::Senlin::Profile': Profile}
