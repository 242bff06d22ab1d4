"""``OS::Senlin::Node``: one node, on its own or in a cluster.

Every property updates in place, as with Heat's resource of Senlin's time: a new
``cluster`` takes the node out of the old cluster (it stays, as an orphan) and
into the new one; ``name``, ``metadata`` and ``profile`` are a node update in
between.  Each step waits for its action.
"""

from heat.engine import attributes
from heat.engine import constraints
from heat.engine import properties
from heat.engine import translation

from . import clusterd_base


class Node(clusterd_base.ClusterdResource):
    """A clusterd node made from a profile, optionally a member of a cluster."""

    collection = 'nodes'
    body_key = 'node'

    PROPERTIES = (NAME, METADATA, PROFILE, CLUSTER) = (
        'name', 'metadata', 'profile', 'cluster')

    ATTRIBUTES = (ATTR_DETAILS, ATTR_CLUSTER) = ('details', 'cluster_id')

    properties_schema = {
        NAME: properties.Schema(
            properties.Schema.STRING,
            'Name of the node; the physical resource name if not given.',
            update_allowed=True),
        METADATA: properties.Schema(
            properties.Schema.MAP,
            'Metadata of the node.',
            update_allowed=True),
        PROFILE: properties.Schema(
            properties.Schema.STRING,
            'Name or ID of the profile the node is made from.',
            required=True, update_allowed=True,
            constraints=[constraints.CustomConstraint('senlin.profile')]),
        CLUSTER: properties.Schema(
            properties.Schema.STRING,
            'Name or ID of the cluster the node belongs to.',
            update_allowed=True,
            constraints=[constraints.CustomConstraint('senlin.cluster')]),
    }

    attributes_schema = {
        ATTR_DETAILS: attributes.Schema(
            'What the profile reports of the physical resource.',
            type=attributes.Schema.MAP),
        ATTR_CLUSTER: attributes.Schema(
            'ID of the cluster the node belongs to.',
            type=attributes.Schema.STRING),
    }

    def translation_rules(self, props):
        finder = self.finder()
        return [
            translation.TranslationRule(
                props, translation.TranslationRule.RESOLVE, [self.PROFILE],
                client_plugin=finder, finder='profile_id'),
            translation.TranslationRule(
                props, translation.TranslationRule.RESOLVE, [self.CLUSTER],
                client_plugin=finder, finder='cluster_id'),
        ]

    def handle_create(self):
        body = {'name': self.name_or_default(self.properties),
                'profile_id': self.properties[self.PROFILE],
                'metadata': self.properties[self.METADATA] or {}}
        if self.properties[self.CLUSTER]:
            body['cluster_id'] = self.properties[self.CLUSTER]
        made, action_id = self.api().request('POST', '/nodes', {'node': body})
        self.resource_id_set(made['node']['id'])
        return [clusterd_base.Step.started(action_id)]

    def check_create_complete(self, steps):
        return clusterd_base.run(self.api(), steps)

    def _membership(self, action, cluster):
        path = '/clusters/%s/actions' % clusterd_base.quoted(cluster)
        return clusterd_base.Step('POST', path,
                                  {action: {'nodes': [self.resource_id]}},
                                  busy={'cluster_id': cluster})

    def handle_update(self, json_snippet, tmpl_diff, prop_diff):
        steps = []
        moves = self.CLUSTER in prop_diff
        if moves and self.properties[self.CLUSTER]:
            steps.append(self._membership('del_nodes', self.properties[self.CLUSTER]))
        updates = {}
        for key, field in ((self.NAME, 'name'), (self.METADATA, 'metadata'),
                           (self.PROFILE, 'profile_id')):
            if key in prop_diff:
                updates[field] = prop_diff[key]
        if self.NAME in prop_diff:
            updates['name'] = self.name_or_default(prop_diff)
        if updates:
            updates = clusterd_base.changed(updates, self.fetch())
            if 'metadata' in updates:
                updates['metadata'] = updates['metadata'] or {}
        if updates:
            steps.append(clusterd_base.Step('PATCH', self.path(), {'node': updates},
                                            busy=self.busy_filter()))
        if moves and prop_diff[self.CLUSTER]:
            steps.append(self._membership('add_nodes', prop_diff[self.CLUSTER]))
        return steps

    def check_update_complete(self, steps):
        return clusterd_base.run(self.api(), steps)

    def handle_delete(self):
        return self.delete_steps()

    def _resolve_attribute(self, name):
        if self.resource_id is None:
            return None
        if name == self.ATTR_DETAILS:
            return self.api().get(self.path() + '?show_details=True')[
                self.body_key].get('details')
        return super()._resolve_attribute(name)

    def parse_live_resource_data(self, resource_properties, resource_data):
        return {self.NAME: resource_data.get('name'),
                self.METADATA: resource_data.get('metadata'),
                self.PROFILE: resource_data.get('profile_id'),
                self.CLUSTER: resource_data.get('cluster_id') or None}


def resource_mapping():
    return {'OS::Senlin::Node': Node}
