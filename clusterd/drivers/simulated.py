"""The simulated cloud: resources in clusterd's database, with latency and
injected failures.

It stands in for a real cloud in tests and benchmarks, and it behaves like one where
that matters to the engine: a create that fails leaves a resource in ERROR behind
(as a Nova server does), a create with latency shows the resource in BUILD while it
waits, a resource carries the id of the node it was made for, and resources can
break or vanish "behind clusterd's back" (:meth:`SimulatedCloud.mark_failed`,
:meth:`SimulatedCloud.remove`) for health-check and reconcile tests.

Resource statuses are the cloud's own words (Nova's), not clusterd node statuses.
"""

import random as random_module
import time

from clusterd.drivers import simulated_store

BUILD = 'BUILD'
ACTIVE = 'ACTIVE'
SHUTOFF = 'SHUTOFF'
ERROR = 'ERROR'

# The calls failure injection can hit.
OPERATIONS = ('create', 'delete', 'update', 'check', 'recover')


class CloudError(Exception):
    """The simulated cloud failed a call.

    :ivar resource_id: the resource the failed call left behind, if any.
    """

    def __init__(self, message, resource_id=None):
        super().__init__(message)
        self.message = message
        self.resource_id = resource_id


class SimulatedCloud:
    """A client of the simulated cloud.

    :param latency: seconds each create, delete and update takes (0: no wait and
        no BUILD state, so a create is a single INSERT).
    :param failure_rate: probability, 0 to 1, that a call in ``fail_operations``
        fails.  0 never fails and 1 always fails, without drawing a number.
    :param fail_operations: which of :data:`OPERATIONS` may fail.
    :param random: the random source, e.g. ``random.Random(seed)`` for a
        reproducible sequence of failures.
    :param sleep: how to wait out ``latency`` (a test can pass a fake clock's).
    """

    def __init__(self, latency=0, failure_rate=0, fail_operations=OPERATIONS,
                 random=None, sleep=time.sleep):
        self.latency = latency or 0
        self.failure_rate = failure_rate or 0
        self.fail_operations = frozenset(
            OPERATIONS if fail_operations is None else fail_operations)
        self.random = random or random_module.Random()
        self.sleep = sleep

    # --- failure injection and latency -------------------------------------------------

    def should_fail(self, operation):
        """Draw whether this call of ``operation`` fails."""
        if operation not in self.fail_operations or self.failure_rate <= 0:
            return False
        if self.failure_rate >= 1:
            return True
        return self.random.random() < self.failure_rate

    def maybe_fail(self, operation, resource_id=None):
        """Raise :class:`CloudError` if this call of ``operation`` is drawn to fail."""
        if self.should_fail(operation):
            raise CloudError(_failure_reason(operation), resource_id)

    def _batches(self, operation):
        # Each call waits out its own latency and draws its own failure (from a
        # random source a test may have seeded): calls can only be merged into
        # one statement when neither can happen, so that no draw is skipped.
        return self.latency <= 0 and (operation not in self.fail_operations
                                      or self.failure_rate <= 0)

    def _wait(self):
        if self.latency > 0:
            self.sleep(self.latency)

    # --- the cloud's API --------------------------------------------------------------

    def create(self, ctx, node_id, name, project, properties):
        """Make a resource for ``node_id``, or find the one an earlier attempt made.

        :returns: the resource id.
        :raises CloudError: on an injected failure (the resource is left in ERROR
            and named by ``resource_id``), or when the node's existing resource is
            in ERROR.
        """
        fail = self.should_fail('create')
        if self.latency > 0:
            first_status, first_reason = BUILD, None
        elif fail:
            first_status, first_reason = ERROR, _failure_reason('create')
        else:
            first_status, first_reason = ACTIVE, None
        resource, created = simulated_store.SimulatedResource.create_for_node(
            ctx, simulated_store.new_id(), node_id, name, project, first_status,
            properties, first_reason)
        if not created:
            return self._resume_create(ctx, resource)
        if self.latency > 0:
            self._wait()
            return self._finish_build(ctx, resource.id, fail)
        if fail:
            raise CloudError(first_reason, resource.id)
        return resource.id

    def create_many(self, ctx, requests):
        """:meth:`create` for many nodes at once: one INSERT in one transaction.

        Only when that is the same as one :meth:`create` per node: no latency, no
        create failures injected, and no node already has a resource (a retried
        batch); otherwise nothing is made and the answer is ``None``.

        :param requests: ``(node id, name, project, properties)`` of each node
        :returns: {node id: resource id}, or ``None``: make them one by one
        """
        if not self._batches('create'):
            return None
        made = simulated_store.SimulatedResource.create_many(ctx, [
            {'id': simulated_store.new_id(), 'node_id': node_id, 'name': name,
             'project': project, 'properties': properties}
            for node_id, name, project, properties in requests], ACTIVE)
        if made is None:
            return None
        return {resource.node_id: resource.id for resource in made}

    def _resume_create(self, ctx, resource):
        # A retried create: report what the first attempt made, finishing a build
        # its (dead) caller was still waiting for.
        if resource.status == BUILD:
            return self._finish_build(ctx, resource.id, fail=False)
        if resource.status == ERROR:
            raise CloudError(resource.status_reason or 'The resource is in ERROR',
                             resource.id)
        return resource.id

    def _finish_build(self, ctx, resource_id, fail):
        if fail:
            reason = _failure_reason('create')
            simulated_store.SimulatedResource.set_status(
                ctx, resource_id, ERROR, reason, from_statuses=[BUILD])
            raise CloudError(reason, resource_id)
        simulated_store.SimulatedResource.set_status(
            ctx, resource_id, ACTIVE, from_statuses=[BUILD])
        return resource_id

    def delete(self, ctx, resource_id, node_id=None):
        """Delete a resource, and any other made for ``node_id``.

        A resource already gone is success.

        :raises CloudError: on an injected failure (the resource stays).
        """
        self.maybe_fail('delete', resource_id)
        self._wait()
        simulated_store.SimulatedResource.delete_for_node(ctx, resource_id, node_id)

    def delete_many(self, ctx, pairs):
        """:meth:`delete` for many resources at once: one DELETE.

        Only when that is the same as one :meth:`delete` each: no latency and no
        delete failures injected; otherwise nothing is deleted.

        :param pairs: ``(resource id or None, node id)`` of each node
        :returns: True if they were deleted, False: delete them one by one
        """
        if not self._batches('delete'):
            return False
        simulated_store.SimulatedResource.delete_for_nodes(ctx, pairs)
        return True

    def update(self, ctx, resource_id, name, properties):
        """Replace a resource's name and properties.

        :raises CloudError: if the resource does not exist, or on an injected
            failure (the resource goes to ERROR).
        """
        if self.should_fail('update'):
            reason = _failure_reason('update')
            if not simulated_store.SimulatedResource.set_status(
                    ctx, resource_id, ERROR, reason):
                raise _not_found(resource_id)
            raise CloudError(reason, resource_id)
        self._wait()
        if not simulated_store.SimulatedResource.set_properties(
                ctx, resource_id, name, properties):
            raise _not_found(resource_id)

    def get(self, ctx, resource_id):
        """The resource as a dict, or ``None`` if it does not exist."""
        if not resource_id:
            return None
        resource = simulated_store.SimulatedResource.find(ctx, resource_id)
        return None if resource is None else resource.to_dict()

    def get_many(self, ctx, resource_ids):
        """Many resources in one query. :returns: dict of id to resource dict."""
        return {resource_id: resource.to_dict() for resource_id, resource in
                simulated_store.SimulatedResource.find_many(ctx, resource_ids).items()}

    def set_power(self, ctx, resource_id, status, from_statuses=None):
        """Move a resource to ``status`` (reboot, start, stop).

        :raises CloudError: if the resource does not exist, or its status is not
            one of ``from_statuses``.
        """
        if simulated_store.SimulatedResource.set_status(
                ctx, resource_id, status, from_statuses=from_statuses):
            return
        resource = simulated_store.SimulatedResource.find(ctx, resource_id)
        if resource is None:
            raise _not_found(resource_id)
        raise CloudError("Cannot move the resource '%s' from %s to %s"
                         % (resource_id, resource.status, status), resource_id)

    # --- for tests and operators: the cloud acting behind clusterd's back -----------

    def list_resources(self, ctx, project=None):
        """Every resource (of ``project`` when given) as dicts, in one query."""
        return [resource.to_dict() for resource in
                simulated_store.SimulatedResource.list_all(ctx, project=project)]

    def mark_failed(self, ctx, resource_id, reason='Simulated failure'):
        """Put a resource in ERROR. :returns: True if it exists."""
        return simulated_store.SimulatedResource.set_status(
            ctx, resource_id, ERROR, reason)

    def remove(self, ctx, resource_id):
        """Delete a resource without clusterd knowing. :returns: True if it existed."""
        return simulated_store.SimulatedResource.remove(ctx, resource_id)


def _failure_reason(operation):
    return 'Simulated failure of %s' % operation


def _not_found(resource_id):
    return CloudError("The simulated resource '%s' could not be found."
                      % resource_id)
