"""``clusterd.simulated-1.0``: nodes backed by the simulated cloud.

For tests and benchmarks: the whole engine runs against it without any cloud, with
latency and failures injected where a spec asks for them::

    type: clusterd.simulated
    version: 1.0
    properties:
      latency: 0.5            # seconds per create, delete and update
      failure_rate: 0.1       # share of calls that fail
      fail_operations: [create, recover]
      metadata: {tier: web}
"""

import concurrent.futures
import datetime
import functools

from oslo_log import log as logging

from clusterd.drivers import simulated as simulated_driver
from clusterd.profiles import base
from clusterd import schema

LOG = logging.getLogger(__name__)

# Recovery operations that repair the resource in place instead of recreating it.
IN_PLACE_RECOVERY = frozenset({'REBOOT', 'REBUILD'})


def _translated(method):
    """Turn the simulated cloud's errors into :class:`base.ResourceError`."""
    @functools.wraps(method)
    def wrapper(*args, **kwargs):
        try:
            return method(*args, **kwargs)
        except simulated_driver.CloudError as exc:
            raise base.ResourceError(exc.message, exc.resource_id) from exc
    return wrapper


class SimulatedProfile(base.Profile):
    """Nodes whose resources live in the ``simulated_resource`` table."""

    TYPE = 'clusterd.simulated'
    VERSION = '1.0'
    SUPPORT_STATUS = {'1.0': [{'status': 'SUPPORTED', 'since': '2026.11'}]}

    properties_schema = {
        'latency': schema.Number(
            'Seconds each create, delete and update takes.',
            default=0, updatable=True, constraints=[schema.Range(min=0)]),
        'failure_rate': schema.Number(
            'Probability (0 to 1) that a call among fail_operations fails.',
            default=0, updatable=True, constraints=[schema.Range(min=0, max=1)]),
        'fail_operations': schema.List(
            'Which calls failure_rate applies to.',
            schema=schema.String(
                'An operation name.',
                constraints=[schema.AllowedValues(simulated_driver.OPERATIONS)]),
            default=list(simulated_driver.OPERATIONS), updatable=True),
        'metadata': schema.Map(
            'Free-form metadata stored on each resource.',
            default={}, updatable=True),
    }

    STOPPING_OPERATIONS = {'stop': 'SHUTOFF'}

    OPERATIONS = {
        'reboot': {
            'description': 'Reboot the resource (back to ACTIVE from any state).',
            'parameters': {
                'type': {'type': 'String', 'required': False,
                         'description': 'SOFT or HARD; both behave alike here.',
                         'allowed': ['SOFT', 'HARD']},
            },
        },
        'start': {'description': 'Start a stopped resource.', 'parameters': {}},
        'stop': {'description': 'Stop the resource (status SHUTOFF).',
                 'parameters': {}},
    }

    def __init__(self, name, spec, conf=None, profile_id=None):
        super().__init__(name, spec, conf=conf, profile_id=profile_id)
        # NOTE: a test may replace this with a client holding a seeded random
        # source to get a reproducible sequence of failures.
        self.cloud = simulated_driver.SimulatedCloud(
            latency=self.properties['latency'],
            failure_rate=self.properties['failure_rate'],
            fail_operations=self.properties['fail_operations'])

    def _resource_properties(self, profile=None, node=None):
        profile = profile or self
        properties = {'metadata': profile.properties['metadata'] or {},
                      'profile_id': profile.id}
        if node is not None and node.cluster_id:
            # What tells reconcile which cluster a resource was made for, once
            # its node row is gone (list_cluster_resources).
            properties['cluster_id'] = node.cluster_id
        return properties

    @classmethod
    def adopt_spec(cls, ctx, conf, physical_id, overrides=None, user_id=None,
                   project_id=None):
        """The spec of a profile describing the simulated resource ``physical_id``
        (``POST /v1/nodes/adopt``), validated.

        :param project_id: the resource must belong to it (None: any project)
        :raises base.ResourceError: no such resource (in that project)
        """
        resource = simulated_driver.SimulatedCloud().get(ctx, physical_id)
        if resource is None or (project_id and resource['project'] != project_id):
            raise base.ResourceError(
                "The simulated resource '%s' could not be found." % physical_id)
        metadata = (resource['properties'] or {}).get('metadata') or {}
        properties = dict({'metadata': dict(metadata)}, **(overrides or {}))
        spec = {'type': cls.TYPE, 'version': cls.VERSION, 'properties': properties}
        cls('adopted', spec, conf=conf)
        return spec

    @_translated
    def create(self, ctx, node):
        """Make (or find, when retried) the node's resource; see
        :meth:`base.Profile.create`."""
        return self.cloud.create(ctx, node.id, node.name,
                                 node.project or ctx.project_id,
                                 self._resource_properties(node=node))

    def create_batch(self, ctx, nodes, submit):
        """Make every node's resource with one INSERT when that is the same as one
        :meth:`create` per node (no latency or create failures to honour per
        node, no node that already has a resource); otherwise one create per
        node on the pool.  See :meth:`base.Profile.create_batch`."""
        nodes = list(nodes)
        made = len(nodes) > 1 and _at_once('create', lambda: self.cloud.create_many(
            ctx, [(node.id, node.name, node.project or ctx.project_id,
                   self._resource_properties(node=node)) for node in nodes]))
        if not made:
            return super().create_batch(ctx, nodes, submit)
        return {node.id: _resolved(made[node.id]) for node in nodes}

    def delete_batch(self, ctx, nodes, submit, force=False):
        """Delete every node's resources with one DELETE when that is the same as
        one :meth:`delete` per node (no latency or delete failures to honour per
        node); otherwise one delete per node on the pool.  See
        :meth:`base.Profile.delete_batch`."""
        nodes = list(nodes)
        if len(nodes) > 1 and _at_once('delete', lambda: self.cloud.delete_many(
                ctx, [(node.physical_id, node.id) for node in nodes])):
            return {node.id: _resolved(None) for node in nodes}
        return super().delete_batch(ctx, nodes, submit, force=force)

    @_translated
    def delete(self, ctx, node, force=False):
        """Delete the node's resource (and any other made for the node id); see
        :meth:`base.Profile.delete`."""
        self.cloud.delete(ctx, node.physical_id, node.id)

    @_translated
    def update(self, ctx, node, new_profile):
        """Store the new profile's metadata and the node's name on the resource;
        see :meth:`base.Profile.update`."""
        if not node.physical_id:
            raise base.ResourceError("The node '%s' has no resource to update."
                                     % node.id)
        # The resource becomes what the new profile makes: a new profile that
        # injects update failures makes the update fail (as a bad image would),
        # as does the old one (the resource itself is broken).
        cloud = self.cloud
        if isinstance(new_profile, SimulatedProfile) and \
                new_profile.cloud.should_fail('update'):
            cloud = SimulatedProfile._always_failing(new_profile.cloud)
        cloud.update(ctx, node.physical_id, node.name,
                     self._resource_properties(new_profile, node))

    @staticmethod
    def _always_failing(cloud):
        return simulated_driver.SimulatedCloud(
            latency=cloud.latency, failure_rate=1, fail_operations=['update'])

    @_translated
    def check(self, ctx, node):
        """Healthy means the resource exists and is ACTIVE; see
        :meth:`base.Profile.check`."""
        self.cloud.maybe_fail('check', node.physical_id)
        resource = self.cloud.get(ctx, node.physical_id)
        return resource is not None and resource['status'] == simulated_driver.ACTIVE

    @_translated
    def recover(self, ctx, node, operation=None, params=None):
        """REBOOT or REBUILD an existing resource in place; otherwise (and when the
        resource is gone) recreate it.  See :meth:`base.Profile.recover`."""
        self.cloud.maybe_fail('recover', node.physical_id)
        if (operation or '').upper() in IN_PLACE_RECOVERY and \
                self.cloud.get(ctx, node.physical_id) is not None:
            self.cloud.set_power(ctx, node.physical_id, simulated_driver.ACTIVE)
            return node.physical_id
        return super().recover(ctx, node, operation, params)

    def get_details(self, ctx, node):
        """The resource row as a JSON-ready dict, ``{}`` when there is none."""
        resource = self.cloud.get(ctx, node.physical_id)
        if resource is None:
            return {}
        return {key: value.isoformat() if isinstance(value, datetime.datetime)
                else value for key, value in resource.items()}

    @_translated
    def list_resources(self, ctx, nodes):
        """The state of every node's resource from ONE query; see
        :meth:`base.Profile.list_resources`."""
        nodes = list(nodes)
        if self.cloud.should_fail('check'):
            # One failed call to the cloud: nothing is known about any node.
            return {node.id: base.resource_status(
                        node.physical_id, base.UNKNOWN,
                        'Simulated failure of check', None) for node in nodes}
        found = self.cloud.get_many(ctx, [node.physical_id for node in nodes])
        return _node_states(nodes, found)

    @_translated
    def list_cluster_resources(self, ctx, cluster, nodes):
        """Every node's resource and every resource made for a node of
        ``cluster``, from ONE query per project; see
        :meth:`base.Profile.list_cluster_resources`."""
        nodes = list(nodes)
        if self.cloud.should_fail('check'):
            return self.list_resources(ctx, nodes), None
        found = {}
        for project in sorted({node.project for node in nodes} | {cluster.project}):
            for resource in self.cloud.list_resources(ctx, project=project):
                found[resource['id']] = resource
        node_ids = {node.id for node in nodes}
        tagged = [base.tagged_resource(r['id'], r['node_id'], r['status'], r['name'])
                  for r in found.values()
                  if r['node_id'] in node_ids or
                  (r['properties'] or {}).get('cluster_id') == cluster.id]
        return _node_states(nodes, found), tagged

    @_translated
    def delete_orphan(self, ctx, cluster, resource):
        """Delete that one resource (not the others made for its node id)."""
        self.cloud.delete(ctx, resource[base.PHYSICAL_ID])

    # --- node operations (OPERATIONS) --------------------------------------------------

    @_translated
    def handle_reboot(self, ctx, node, type=None):
        # NOTE: `type` is the parameter's name on the wire (Senlin's reboot type).
        # Any reboot brings a simulated resource back to ACTIVE.
        self.cloud.set_power(ctx, node.physical_id, simulated_driver.ACTIVE)

    @_translated
    def handle_start(self, ctx, node):
        self.cloud.set_power(ctx, node.physical_id, simulated_driver.ACTIVE,
                             from_statuses=[simulated_driver.ACTIVE,
                                            simulated_driver.SHUTOFF])

    @_translated
    def handle_stop(self, ctx, node):
        self.cloud.set_power(ctx, node.physical_id, simulated_driver.SHUTOFF,
                             from_statuses=[simulated_driver.ACTIVE,
                                            simulated_driver.SHUTOFF])


def _at_once(operation, call):
    """``call()``'s answer, or None when it raised.

    NOTE: whatever stops a batch statement (a database outage, a deadlock, this
    engine fenced) sends the batch to the per-node calls, which meet it again and
    handle it as they always did: retried per node on the engine's pool, or
    reported per node.  A batch statement either did all of its work or none.
    """
    try:
        return call()
    except Exception as exc:  # noqa: BLE001 - the per-node calls report it
        LOG.debug('One %s for a batch failed (%s); one call per node instead',
                  operation, exc)
        return None


def _resolved(result):
    future = concurrent.futures.Future()
    future.set_result(result)
    return future


def _node_states(nodes, found):
    """:meth:`base.Profile.list_resources`'s answer from ``found`` (resource id
    -> resource dict)."""
    result = {}
    for node in nodes:
        resource = found.get(node.physical_id) if node.physical_id else None
        if resource is None:
            result[node.id] = base.resource_status(
                node.physical_id, base.MISSING,
                'The resource could not be found.', False)
        else:
            result[node.id] = base.resource_status(
                node.physical_id, resource['status'], resource['status_reason'],
                resource['status'] == simulated_driver.ACTIVE)
    return result
