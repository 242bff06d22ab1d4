"""``OS::Senlin::Policy``: a policy, optionally bound to clusters.

``name`` and ``bindings`` update in place: bindings that went are detached
first, then those whose ``enabled`` changed are updated, then new ones attached,
each waiting for its action.  A new ``type`` or new ``properties`` replace the
resource (a policy's spec never changes).  On delete the policy is detached from
the clusters of its ``bindings`` (those already gone are skipped) and then
deleted.
"""

from heat.engine import constraints
from heat.engine import properties
from heat.engine import translation

from . import clusterd_base


class Policy(clusterd_base.ClusterdResource):
    """A clusterd policy, e.g. ``senlin.policy.scaling-1.0``."""

    collection = 'policies'
    body_key = 'policy'

    PROPERTIES = (NAME, TYPE, POLICY_PROPERTIES, BINDINGS) = (
        'name', 'type', 'properties', 'bindings')

    _BINDING_KEYS = (B_CLUSTER, B_ENABLED) = ('cluster', 'enabled')

    properties_schema = {
        NAME: properties.Schema(
            properties.Schema.STRING,
            'Name of the policy; the physical resource name if not given.',
            update_allowed=True),
        TYPE: properties.Schema(
            properties.Schema.STRING,
            'Policy type and version, e.g. senlin.policy.scaling-1.0.',
            required=True,
            constraints=[constraints.CustomConstraint('senlin.policy_type')]),
        POLICY_PROPERTIES: properties.Schema(
            properties.Schema.MAP,
            'The spec\'s properties, as the policy type defines them.'),
        BINDINGS: properties.Schema(
            properties.Schema.LIST,
            'Clusters to attach the policy to.',
            update_allowed=True,
            schema=properties.Schema(
                properties.Schema.MAP,
                schema={
                    B_CLUSTER: properties.Schema(
                        properties.Schema.STRING,
                        'Name or ID of the cluster.',
                        required=True,
                        constraints=[constraints.CustomConstraint('senlin.cluster')]),
                    B_ENABLED: properties.Schema(
                        properties.Schema.BOOLEAN,
                        'Whether the policy is enforced on that cluster.',
                        default=True),
                })),
    }

    def translation_rules(self, props):
        return [translation.TranslationRule(
            props, translation.TranslationRule.RESOLVE,
            [self.BINDINGS, self.B_CLUSTER],
            client_plugin=self.finder(), finder='cluster_id')]

    def _on_cluster(self, cluster, action, body, skip=()):
        path = '/clusters/%s/actions' % clusterd_base.quoted(cluster)
        return clusterd_base.Step('POST', path,
                                  {action: dict(body, policy_id=self.resource_id)},
                                  skip=skip, busy={'cluster_id': cluster})

    def _attach(self, binding):
        return self._on_cluster(binding[self.B_CLUSTER], 'policy_attach',
                                {'enabled': binding[self.B_ENABLED]})

    def _detach(self, binding):
        # A cluster that is gone, or no longer has the policy, has nothing to
        # detach: clusterd answers 404 or 400.
        return self._on_cluster(binding[self.B_CLUSTER], 'policy_detach', {},
                                skip=(400, 404))

    def handle_create(self):
        body = {'name': self.name_or_default(self.properties),
                'spec': clusterd_base.spec(self.properties[self.TYPE],
                                           self.properties[self.POLICY_PROPERTIES])}
        made, _ = self.api().request('POST', '/policies', {'policy': body})
        self.resource_id_set(made['policy']['id'])
        return [self._attach(binding)
                for binding in self.properties[self.BINDINGS] or ()]

    def check_create_complete(self, steps):
        return clusterd_base.run(self.api(), steps)

    def handle_update(self, json_snippet, tmpl_diff, prop_diff):
        if self.NAME in prop_diff:
            name = self.name_or_default(prop_diff)
            if name != self.fetch()['name']:
                self.api().request('PATCH', self.path(), {'policy': {'name': name}})
        if self.BINDINGS not in prop_diff:
            return []
        old = {b[self.B_CLUSTER]: b for b in self.properties[self.BINDINGS] or ()}
        new = {b[self.B_CLUSTER]: b for b in prop_diff[self.BINDINGS] or ()}
        steps = [self._detach(binding) for cluster, binding in old.items()
                 if cluster not in new]
        steps.extend(
            self._on_cluster(cluster, 'policy_update',
                             {'enabled': binding[self.B_ENABLED]})
            for cluster, binding in new.items()
            if cluster in old and
            old[cluster][self.B_ENABLED] != binding[self.B_ENABLED])
        steps.extend(self._attach(binding) for cluster, binding in new.items()
                     if cluster not in old)
        return steps

    def check_update_complete(self, steps):
        return clusterd_base.run(self.api(), steps)

    def handle_delete(self):
        if self.resource_id is None:
            return []
        steps = [self._detach(binding)
                 for binding in self.properties[self.BINDINGS] or ()]
        steps.append(clusterd_base.Step('DELETE', self.path(), skip=(404,)))
        return steps

    def check_delete_complete(self, steps):
        return clusterd_base.run(self.api(), steps)


def resource_mapping():
    return {'OS::Senlin::Policy': Policy}
