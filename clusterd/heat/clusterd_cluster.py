"""``OS::Senlin::Cluster`` (and ``Clusterd::Cluster``, which adds health).

Properties, attributes and update semantics of Heat's resource of Senlin's time:
every property updates in place.  A change of ``policies`` attaches, detaches or
re-enables bindings; of ``name``, ``metadata``, ``timeout`` or ``profile`` it is a
cluster update (a new profile is rolled out to the nodes); of the sizes a resize
to the new ``desired_capacity`` (EXACT_CAPACITY).  Each step waits for the
action clusterd started before the next is sent.
"""

from heat.common import exception
from heat.engine import attributes
from heat.engine import constraints
from heat.engine import properties
from heat.engine import translation

from . import clusterd_base


class Cluster(clusterd_base.ClusterdResource):
    """A clusterd cluster of nodes made from one profile.

    Its policies are attached one after the other once the cluster is ACTIVE.
    """

    collection = 'clusters'
    body_key = 'cluster'

    PROPERTIES = (
        NAME, PROFILE, DESIRED_CAPACITY, MIN_SIZE, MAX_SIZE, METADATA, TIMEOUT,
        POLICIES,
    ) = (
        'name', 'profile', 'desired_capacity', 'min_size', 'max_size', 'metadata',
        'timeout', 'policies',
    )

    _POLICY_KEYS = (P_POLICY, P_ENABLED) = ('policy', 'enabled')

    ATTRIBUTES = (
        ATTR_NAME, ATTR_METADATA, ATTR_NODES, ATTR_DESIRED_CAPACITY, ATTR_MIN_SIZE,
        ATTR_MAX_SIZE, ATTR_POLICIES, ATTR_COLLECT,
    ) = (
        'name', 'metadata', 'nodes', 'desired_capacity', 'min_size', 'max_size',
        'policies', 'collect',
    )

    # Properties sent with PATCH /clusters/{id} (API name when it differs).
    UPDATED = {NAME: 'name', METADATA: 'metadata', TIMEOUT: 'timeout',
               PROFILE: 'profile_id'}
    RESIZED = (MIN_SIZE, MAX_SIZE, DESIRED_CAPACITY)

    properties_schema = {
        NAME: properties.Schema(
            properties.Schema.STRING,
            'Name of the cluster; the physical resource name if not given.',
            update_allowed=True),
        PROFILE: properties.Schema(
            properties.Schema.STRING,
            'Name or ID of the profile of its nodes.',
            required=True, update_allowed=True,
            constraints=[constraints.CustomConstraint('senlin.profile')]),
        DESIRED_CAPACITY: properties.Schema(
            properties.Schema.INTEGER,
            'Number of nodes it should have.',
            default=0, update_allowed=True),
        MIN_SIZE: properties.Schema(
            properties.Schema.INTEGER,
            'Fewest nodes it may have.',
            default=0, update_allowed=True,
            constraints=[constraints.Range(min=0)]),
        MAX_SIZE: properties.Schema(
            properties.Schema.INTEGER,
            'Most nodes it may have; -1 for no limit.',
            default=-1, update_allowed=True,
            constraints=[constraints.Range(min=-1)]),
        METADATA: properties.Schema(
            properties.Schema.MAP,
            'Metadata of the cluster.',
            default={}, update_allowed=True),
        TIMEOUT: properties.Schema(
            properties.Schema.INTEGER,
            'Seconds the cluster\'s actions may take.',
            update_allowed=True,
            constraints=[constraints.Range(min=0)]),
        POLICIES: properties.Schema(
            properties.Schema.LIST,
            'Policies to attach to the cluster.',
            default=[], update_allowed=True,
            schema=properties.Schema(
                properties.Schema.MAP,
                schema={
                    P_POLICY: properties.Schema(
                        properties.Schema.STRING,
                        'Name or ID of the policy.',
                        required=True,
                        constraints=[constraints.CustomConstraint('senlin.policy')]),
                    P_ENABLED: properties.Schema(
                        properties.Schema.BOOLEAN,
                        'Whether the policy is enforced on this cluster.',
                        default=True),
                })),
    }

    attributes_schema = {
        ATTR_NAME: attributes.Schema(
            'Name of the cluster.', type=attributes.Schema.STRING),
        ATTR_METADATA: attributes.Schema(
            'Metadata of the cluster.', type=attributes.Schema.MAP),
        ATTR_NODES: attributes.Schema(
            'IDs of the nodes of the cluster.', type=attributes.Schema.LIST,
            cache_mode=attributes.Schema.CACHE_NONE),
        ATTR_DESIRED_CAPACITY: attributes.Schema(
            'Desired capacity of the cluster.', type=attributes.Schema.INTEGER),
        ATTR_MIN_SIZE: attributes.Schema(
            'Minimum size of the cluster.', type=attributes.Schema.INTEGER),
        ATTR_MAX_SIZE: attributes.Schema(
            'Maximum size of the cluster.', type=attributes.Schema.INTEGER),
        ATTR_POLICIES: attributes.Schema(
            'Policy bindings of the cluster.', type=attributes.Schema.LIST),
        ATTR_COLLECT: attributes.Schema(
            'One attribute of every node, by the path that follows (e.g. '
            'get_attr: [cluster, collect, details.addresses]).',
            type=attributes.Schema.LIST, cache_mode=attributes.Schema.CACHE_NONE),
    }

    def translation_rules(self, props):
        finder = self.finder()
        return [
            translation.TranslationRule(
                props, translation.TranslationRule.RESOLVE, [self.PROFILE],
                client_plugin=finder, finder='profile_id'),
            translation.TranslationRule(
                props, translation.TranslationRule.RESOLVE,
                [self.POLICIES, self.P_POLICY],
                client_plugin=finder, finder='policy_id'),
        ]

    def validate(self):
        super().validate()
        low, high = self.properties[self.MIN_SIZE], self.properties[self.MAX_SIZE]
        desired = self.properties[self.DESIRED_CAPACITY]
        if None in (low, high, desired):
            return      # a value known only at create time
        if high != -1 and high < low:
            raise exception.StackValidationFailed(
                message='%s cannot be greater than %s.' % (self.MIN_SIZE,
                                                             self.MAX_SIZE))
        if desired < low or (high != -1 and desired > high):
            raise exception.StackValidationFailed(
                message='%s must be between %s and %s.' % (
                    self.DESIRED_CAPACITY, self.MIN_SIZE, self.MAX_SIZE))

    # --- create ---------------------------------------------------------------------

    def handle_create(self):
        body = {'name': self.name_or_default(self.properties),
                'profile_id': self.properties[self.PROFILE],
                'desired_capacity': self.properties[self.DESIRED_CAPACITY],
                'min_size': self.properties[self.MIN_SIZE],
                'max_size': self.properties[self.MAX_SIZE],
                'metadata': self.properties[self.METADATA] or {}}
        if self.properties[self.TIMEOUT] is not None:
            body['timeout'] = self.properties[self.TIMEOUT]
        made, action_id = self.api().request('POST', '/clusters', {'cluster': body})
        self.resource_id_set(made['cluster']['id'])
        steps = [clusterd_base.Step.started(action_id)]
        steps.extend(self._attach(binding)
                     for binding in self.properties[self.POLICIES] or ())
        return steps

    def check_create_complete(self, steps):
        return clusterd_base.run(self.api(), steps)

    def busy_filter(self):
        return {'cluster_id': self.resource_id}

    def _cluster_action(self, name, body):
        return clusterd_base.Step('POST', self.path('actions'), {name: body},
                                  busy=self.busy_filter())

    def _attach(self, binding):
        return self._cluster_action('policy_attach', {
            'policy_id': binding[self.P_POLICY], 'enabled': binding[self.P_ENABLED]})

    # --- update ---------------------------------------------------------------------

    def handle_update(self, json_snippet, tmpl_diff, prop_diff):
        steps = []
        if self.POLICIES in prop_diff:
            steps.extend(self._policy_steps(self.properties[self.POLICIES] or [],
                                            prop_diff[self.POLICIES] or []))
        updates = {self.UPDATED[key]: prop_diff[key]
                   for key in self.UPDATED if key in prop_diff}
        if self.NAME in prop_diff:
            updates['name'] = self.name_or_default(prop_diff)
        if updates.get('timeout', 0) is None:
            # No way to ask for "the default" again: the cluster keeps its own.
            del updates['timeout']
        if updates:
            # Only what differs from the cluster as it is: clusterd refuses an
            # update that changes nothing.
            current = self.fetch()
            updates = clusterd_base.changed(updates, current)
            if self.METADATA in updates:
                updates[self.METADATA] = updates[self.METADATA] or {}
        if updates:
            steps.append(clusterd_base.Step('PATCH', self.path(),
                                            {'cluster': updates},
                                            busy=self.busy_filter()))
        resize = {key: prop_diff[key] for key in self.RESIZED if key in prop_diff}
        if resize:
            if self.DESIRED_CAPACITY in resize:
                resize['adjustment_type'] = 'EXACT_CAPACITY'
                resize['number'] = resize.pop(self.DESIRED_CAPACITY)
            steps.append(self._cluster_action('resize', resize))
        return steps

    def _policy_steps(self, old, new):
        """Detach what went, re-enable or disable what stayed, attach what came."""
        old_by_id = {binding[self.P_POLICY]: binding for binding in old}
        new_by_id = {binding[self.P_POLICY]: binding for binding in new}
        steps = [self._cluster_action('policy_detach', {'policy_id': policy_id})
                 for policy_id in old_by_id if policy_id not in new_by_id]
        steps.extend(
            self._cluster_action('policy_update', {
                'policy_id': policy_id, 'enabled': binding[self.P_ENABLED]})
            for policy_id, binding in new_by_id.items()
            if policy_id in old_by_id and
            old_by_id[policy_id][self.P_ENABLED] != binding[self.P_ENABLED])
        steps.extend(self._attach(binding) for policy_id, binding in new_by_id.items()
                     if policy_id not in old_by_id)
        return steps

    def check_update_complete(self, steps):
        return clusterd_base.run(self.api(), steps)

    # --- delete ---------------------------------------------------------------------

    def handle_delete(self):
        return self.delete_steps()

    # --- attributes -----------------------------------------------------------------

    def _bindings(self):
        return self.api().get(self.path('policies'))['cluster_policies']

    def _show_resource(self):
        body = super()._show_resource()
        body[self.ATTR_POLICIES] = self._bindings()
        return body

    def _resolve_attribute(self, name):
        if name == self.ATTR_POLICIES and self.resource_id is not None:
            return self._bindings()
        return super()._resolve_attribute(name)

    def get_attribute(self, key, *path):
        if key != self.ATTR_COLLECT or self.resource_id is None:
            return super().get_attribute(key, *path)
        if not path:
            raise exception.InvalidTemplateAttribute(resource=self.name, key=key)
        found = self.api().get(self.path('attrs', path[0]),
                               microversion=clusterd_base.COLLECT_VERSION)
        values = [item['value'] for item in found['cluster_attributes']]
        return attributes.select_from_attribute(values, path[1:])

    def parse_live_resource_data(self, resource_properties, resource_data):
        live = {key: resource_data.get(key) for key in self._update_allowed_properties
                if key not in (self.PROFILE, self.POLICIES)}
        live[self.PROFILE] = resource_data.get('profile_id')
        live[self.POLICIES] = [{self.P_POLICY: binding.get('policy_id'),
                                self.P_ENABLED: binding.get('enabled')}
                               for binding in resource_data.get(self.POLICIES) or []]
        return live


class HealthCluster(Cluster):
    """A cluster with what clusterd's health manager found (API 1.15).

    Same properties and behaviour as ``OS::Senlin::Cluster``.
    """

    show_version = clusterd_base.HEALTH_VERSION

    HEALTH_ATTRIBUTES = (
        ATTR_STATUS, ATTR_STATUS_REASON, ATTR_HEALTHY_NODES, ATTR_HEALTH,
    ) = (
        'status', 'status_reason', 'healthy_nodes', 'health',
    )
    ATTRIBUTES = Cluster.ATTRIBUTES + HEALTH_ATTRIBUTES

    attributes_schema = dict(Cluster.attributes_schema, **{
        ATTR_STATUS: attributes.Schema(
            'Status of the cluster (ACTIVE, WARNING, ERROR...).',
            type=attributes.Schema.STRING, cache_mode=attributes.Schema.CACHE_NONE),
        ATTR_STATUS_REASON: attributes.Schema(
            'Why the cluster has its status.',
            type=attributes.Schema.STRING, cache_mode=attributes.Schema.CACHE_NONE),
        ATTR_HEALTHY_NODES: attributes.Schema(
            'Nodes found healthy by the last health check (null before one ran).',
            type=attributes.Schema.INTEGER, cache_mode=attributes.Schema.CACHE_NONE),
        ATTR_HEALTH: attributes.Schema(
            'The last health check: checked_at, breaker (open or closed), '
            'breaker_reason.',
            type=attributes.Schema.MAP, cache_mode=attributes.Schema.CACHE_NONE),
    })


def resource_mapping():
    return {
        'OS::Senlin::Cluster': Cluster,
        'Clusterd::Cluster': HealthCluster,
    }
