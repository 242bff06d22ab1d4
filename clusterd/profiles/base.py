"""The small abstract surface every profile plugin implements.

A profile type is a class: its spec schema, versions and node operations are class
attributes (the API serves them at ``/v1/profile-types/<type>`` and ``.../ops``), and
its instances are built from one profile's spec.  The engine calls the methods
below with the request context and the :class:`clusterd.objects.node.Node` they act
on; a method never loads or saves a node itself: it returns what the engine should
record (a physical id, a health verdict) or raises :class:`ResourceError`.
"""

import abc

from clusterd import schema

# Keys of the per-node dicts returned by Profile.list_resources.
HEALTHY = 'healthy'
PHYSICAL_ID = 'physical_id'
STATUS = 'status'
STATUS_REASON = 'status_reason'

# More keys of the dicts in the ``tagged`` list of Profile.list_cluster_resources.
NODE_ID = 'node_id'
NAME = 'name'

# Resource statuses a profile reports when the backend has no word of its own.
MISSING = 'MISSING'
UNKNOWN = 'UNKNOWN'


class ResourceError(Exception):
    """The backend failed or refused; the engine puts the node in ERROR with this
    message as its status reason.

    :ivar resource_id: the physical id of what the failed call left behind (a
        server that went to ERROR), so the engine can record it and clean it up
        later; ``None`` when nothing was made.
    """

    def __init__(self, message, resource_id=None):
        super().__init__(message)
        self.message = message
        self.resource_id = resource_id


class OperationNotSupported(Exception):
    """The profile type has no such operation (or does not support the call)."""


class Profile(abc.ABC):
    """Base class of profile plugins.

    :cvar TYPE: the type without version, e.g. ``'clusterd.simulated'``.
    :cvar VERSION: the spec version this class is registered for, e.g. ``'1.0'``.
    :cvar SUPPORT_STATUS: per version, the list of status changes, Senlin's shape:
        ``{'1.0': [{'status': 'SUPPORTED', 'since': '2026.11'}]}``.  Every version
        listed here is accepted in a spec.
    :cvar properties_schema: dict of name to :class:`clusterd.schema.Property`.
    :cvar OPERATIONS: dict of operation name to ``{'description': str,
        'parameters': {name: {'type': 'String', 'required': bool,
        'description': str, 'allowed': [values]}}}`` (``allowed`` optional), in
        the shape ``/ops`` serves; each is implemented by ``handle_<name>``, which
        takes every declared parameter as a keyword (``None`` when not given).
    """

    TYPE = None
    VERSION = None
    SUPPORT_STATUS = {}
    properties_schema = {}
    OPERATIONS = {}
    #: Operations after which the resource is deliberately not serving (a stopped
    #: or paused server), with the word that says so.  The node is left WARNING,
    #: not ACTIVE, with ``data['stopped_by']`` naming the operation, so that a
    #: check does not call it failed and the health policy leaves it alone;
    #: any other successful operation (start, resume, reboot...) clears it.
    STOPPING_OPERATIONS = {}

    def __init__(self, name, spec, conf=None, profile_id=None):
        """Build a profile from its spec.

        :param name: the profile's name.
        :param spec: the whole spec, ``{type, version, properties}``.
        :param conf: the service configuration, for plugins that need settings
            (passed explicitly, never read from a global).
        :param profile_id: the id of the profile row, when there is one.
        :raises clusterd.schema.InvalidSpec: if the spec does not match.
        """
        _, self.version, properties = schema.split_spec(
            spec, self.TYPE, self.versions())
        self.properties = schema.validate(self.properties_schema, properties)
        self.name = name
        self.spec = spec
        self.conf = conf
        self.id = profile_id

    def validate_resources(self, ctx):
        """Check the names the spec gives (a flavor, an image, a network...)
        against the cloud, on profile create and validate.  Only a definite
        "not found" refuses the spec; a cloud that cannot be asked is no reason
        to (the node create says what is wrong then).  Default: nothing to check.

        :raises clusterd.schema.InvalidSpec: naming the property whose value
            the cloud does not know.
        """

    # --- the type, as the API describes it ------------------------------------------

    @classmethod
    def type_name(cls):
        """``'<TYPE>-<VERSION>'``, the name of the plugin's entry point."""
        return '%s-%s' % (cls.TYPE, cls.VERSION)

    @classmethod
    def versions(cls):
        return tuple(cls.SUPPORT_STATUS) or (cls.VERSION,)

    @classmethod
    def summary(cls):
        """One item of ``GET /v1/profile-types``."""
        return {'name': cls.type_name(), 'version': cls.VERSION,
                'support_status': cls.SUPPORT_STATUS}

    @classmethod
    def describe(cls):
        """The body of ``GET /v1/profile-types/<type>`` (inside ``profile_type``)."""
        return {'name': cls.type_name(),
                'schema': schema.render(cls.properties_schema),
                'support_status': cls.SUPPORT_STATUS}

    @classmethod
    def describe_operations(cls):
        """The body of ``GET /v1/profile-types/<type>/ops``."""
        return {'operations': {
            name: {'description': op.get('description') or 'Undocumented.',
                   'parameters': op.get('parameters', {})}
            for name, op in cls.OPERATIONS.items()}}

    @classmethod
    def from_object(cls, profile, conf=None):
        """Build the plugin instance for a stored profile (anything with ``name``,
        ``spec`` and ``id``, such as :class:`clusterd.objects.profile.Profile`)."""
        return cls(profile.name, profile.spec, conf=conf, profile_id=profile.id)

    def check_update(self, new_profile):
        """Refuse a profile update that changes a property not marked updatable.

        :param new_profile: the :class:`Profile` the node would move to.
        :raises clusterd.schema.InvalidSpec: naming the properties.
        """
        if type(new_profile).TYPE != self.TYPE:
            raise schema.InvalidSpec("Cannot update a profile of type '%s' to "
                                     "type '%s'" % (self.TYPE, new_profile.TYPE))
        frozen = schema.not_updatable(self.properties_schema, self.properties,
                                      new_profile.properties)
        if frozen:
            raise schema.InvalidSpec('these properties cannot be updated: %s'
                                     % ', '.join(frozen), 'properties')

    # --- what the engine calls -----------------------------------------------------

    @abc.abstractmethod
    def create(self, ctx, node):
        """Make the physical resource of ``node``.

        Must be idempotent by node id: the node id travels to the backend (as
        resource metadata, a tag, a column) so that a create retried after a crash
        finds what the first attempt made instead of making a second resource.

        :param ctx: the request context.
        :param node: the :class:`clusterd.objects.node.Node`.
        :returns: the physical id of the resource.
        :raises ResourceError: if the backend fails (``resource_id`` set when a
            broken resource was left behind).
        """

    @abc.abstractmethod
    def delete(self, ctx, node, force=False):
        """Remove the physical resource of ``node``.

        A resource that is already gone is success.

        :param ctx: the request context.
        :param node: the node.
        :param force: skip graceful steps (a forced node delete); also: go on
            without the cloud when the node has no resource and the cloud
            cannot be asked whether an interrupted create left one.
        :returns: None, or a note for the node's events (why the delete went
            on without a step)
        :raises ResourceError: if the backend fails.
        """

    # Batches: the engine runs sibling node creates and deletes together
    # (clusterd/engine/actions/node_batch.py).  By default each node gets its own
    # create()/delete() call on the engine's cloud-call pool.  A profile whose cloud
    # answers a request at once and then needs waiting (a Nova server booting)
    # overrides these to send every request first and then wait for all of them
    # with one bulk poll per cycle; one that can make many resources in one request
    # (the simulated cloud: one INSERT) overrides them to do so.

    def create_batch(self, ctx, nodes, submit):
        """Create the resources of many nodes.

        :param nodes: the nodes, all of this profile
        :param submit: ``submit(callable, *args)`` -> a future, on the engine's
            bounded cloud-call pool
        :returns: {node id: future whose result is the physical id}
        """
        return {node.id: submit(self.create, ctx, node) for node in nodes}

    def delete_batch(self, ctx, nodes, submit, force=False):
        """Delete the resources of many nodes; like :meth:`create_batch`.

        :param force: as :meth:`delete`'s, for every node of the batch
        :returns: {node id: future}, whose result is :meth:`delete`'s (a note
            for the node's events, or None)
        """
        return {node.id: submit(self.delete, ctx, node, force=force)
                for node in nodes}

    def update(self, ctx, node, new_profile):
        """Bring the resource of ``node`` in line with ``new_profile``, in place.

        :param ctx: the request context.
        :param node: the node.
        :param new_profile: the :class:`Profile` the node moves to.
        :raises ResourceError: if the backend fails.
        :raises OperationNotSupported: if this type cannot update in place.
        """
        raise OperationNotSupported(
            "The profile type '%s' does not support updating a node."
            % self.type_name())

    @abc.abstractmethod
    def check(self, ctx, node):
        """Is the resource of ``node`` there and healthy?

        :param ctx: the request context.
        :param node: the node.
        :returns: ``True`` if healthy, ``False`` if missing or unhealthy.
        :raises ResourceError: if the backend cannot be asked.
        """

    def recover(self, ctx, node, operation=None, params=None):
        """Make the resource of ``node`` healthy again.

        The default recreates it (delete, then create); types with gentler ways
        (reboot, rebuild) override this and honour ``operation``.

        :param ctx: the request context.
        :param node: the node.
        :param operation: a recovery operation name (``'RECREATE'``, ``'REBOOT'``...)
            or ``None`` for the type's default.
        :param params: the operation's parameters; ``force`` is passed to delete.
        :returns: the physical id of the (possibly new) resource.
        :raises ResourceError: if the backend fails.
        """
        params = params or {}
        self.delete(ctx, node, force=bool(params.get('force', False)))
        return self.create(ctx, node)

    @abc.abstractmethod
    def get_details(self, ctx, node):
        """What the backend knows about the resource of ``node``.

        :returns: a JSON-serialisable dict (``{}`` when there is no resource).
        :raises ResourceError: if the backend fails.
        """

    def operation(self, ctx, node, name, params=None):
        """Run the node operation ``name`` through ``handle_<name>``.

        :param ctx: the request context.
        :param node: the node.
        :param name: a key of ``OPERATIONS``.
        :param params: the operation's parameters, checked against its declaration.
        :returns: whatever the handler returns.
        :raises OperationNotSupported: for an operation the type does not declare.
        :raises clusterd.schema.InvalidSpec: for wrong parameters.
        :raises ResourceError: if the backend fails.
        """
        declared = self.OPERATIONS.get(name)
        handler = getattr(self, 'handle_' + name, None)
        if declared is None or handler is None:
            raise OperationNotSupported(
                "The operation '%s' is not supported by the profile type '%s'."
                % (name, self.type_name()))
        params = schema.validate(_parameter_schema(declared), params or {},
                                 'parameters')
        return handler(ctx, node, **params)

    def join(self, ctx, node, cluster_id):
        """Tell the backend that ``node`` joined ``cluster_id`` (tags, metadata).

        :returns: ``True`` on success.
        """
        return True

    def leave(self, ctx, node):
        """Tell the backend that ``node`` left its cluster.

        :returns: ``True`` on success.
        """
        return True

    def list_resources(self, ctx, nodes):
        """The state of the resources of many nodes, for health checks and
        reconcile.

        The default asks :meth:`check` node by node; backends with a bulk query
        override it (one call for all nodes instead of one per node).

        :param ctx: the request context.
        :param nodes: iterable of nodes.
        :returns: ``{node_id: {'physical_id', 'status', 'status_reason',
            'healthy'}}`` where ``healthy`` is ``True``, ``False``, or ``None``
            when the backend could not be asked.
        """
        result = {}
        for node in nodes:
            try:
                healthy = bool(self.check(ctx, node))
            except ResourceError as exc:
                result[node.id] = resource_status(node.physical_id, UNKNOWN,
                                                  exc.message, None)
                continue
            result[node.id] = resource_status(
                node.physical_id, 'ACTIVE' if healthy else 'ERROR', None, healthy)
        return result

    def list_cluster_resources(self, ctx, cluster, nodes):
        """What reconcile needs to know about one cluster, in O(1) backend calls
        (per owner project): the state of each node's resource and every backend
        resource that carries a clusterd node id and belongs to the cluster.

        The default knows only :meth:`list_resources` and cannot list tagged
        resources, so orphans go unseen; backends that tag their resources with
        the node id override it.

        :param ctx: an admin context.
        :param cluster: the :class:`clusterd.objects.cluster.Cluster`.
        :param nodes: its nodes to look at.
        :returns: ``(resources, tagged)``: ``resources`` as :meth:`list_resources`
            returns them; ``tagged`` a list of :func:`tagged_resource` dicts (the
            node resources among them), or ``None`` when the backend cannot say.
        """
        return self.list_resources(ctx, nodes), None

    def delete_orphan(self, ctx, cluster, resource):
        """Delete a backend resource that no node owns (reconcile, when told to).

        :param resource: a :func:`tagged_resource` dict from
            :meth:`list_cluster_resources`.
        :raises ResourceError: if the backend fails.
        :raises OperationNotSupported: if the type cannot.
        """
        raise OperationNotSupported(
            "The profile type '%s' cannot delete orphan resources."
            % self.type_name())

    def endpoints(self, ctx, nodes, network=None):
        """Where each node answers, for health poll URLs (``{node_ip}``,
        ``{port}``, ``{host}``), in bulk.

        The default reads ``addresses`` (``{network: [ip, ...]}``) from the
        node's data; profiles that know better override it.

        :param nodes: iterable of nodes.
        :param network: the network whose address ``node_ip`` takes; ``None``
            for the node's first address.
        :returns: ``{node_id: {'node_ip': str or None, 'port': int or None,
            'host': str or None}}``
        """
        return {node.id: {'node_ip': _address(
                              (node.data or {}).get('addresses') or {}, network),
                          'port': None, 'host': None}
                for node in nodes}

    def fence(self, ctx, node, targets=()):
        """Make sure the resource of ``node`` can do no harm before it is
        recreated (it may still be running though it looks dead).

        The default force-deletes it and waits until it is gone.

        :param targets: extra fencing the health policy asks for (``COMPUTE``).
        :raises ResourceError: if fencing failed; the node is then not recreated.
        """
        self.delete(ctx, node, force=True)


def tagged_resource(physical_id, node_id, status, name=None):
    """One item of the ``tagged`` list of :meth:`Profile.list_cluster_resources`."""
    return {PHYSICAL_ID: physical_id, NODE_ID: node_id, STATUS: status,
            NAME: name}


def resource_status(physical_id, status, reason, healthy):
    """One value of :meth:`Profile.list_resources`."""
    return {PHYSICAL_ID: physical_id, STATUS: status, STATUS_REASON: reason,
            HEALTHY: healthy}


_PARAMETER_KINDS = {kind.TYPE: kind for kind in (
    schema.String, schema.Integer, schema.Number, schema.Boolean, schema.List,
    schema.Map)}


def _parameter_schema(declared):
    """A schema dict built from an OPERATIONS entry's ``parameters``."""
    return {name: _PARAMETER_KINDS[spec.get('type', 'String')](
                spec.get('description'), required=spec.get('required', False),
                constraints=([schema.AllowedValues(spec['allowed'])]
                             if spec.get('allowed') else ()))
            for name, spec in declared.get('parameters', {}).items()}


def _address(addresses, network=None):
    """The first address (on ``network`` when given) of ``{network: [ip or
    {'addr': ip}, ...]}``, or None."""
    names = [network] if network else sorted(addresses)
    for name in names:
        for item in addresses.get(name) or []:
            ip = item.get('addr') if isinstance(item, dict) else item
            if ip:
                return ip
    return None
