"""What an ``os.nova.server`` node does after it exists: profile updates, node
operations and adoption.

:class:`ServerActions` is a mixin of
:class:`clusterd.profiles.nova_server.NovaServerProfile`; it uses that class's
``_compute``, ``_server``, ``_call`` and ``_act`` helpers.  Every change waits
until the server settles, through the project's bulk waiter, with
``[openstack] server_action_timeout``.
"""

import json

from clusterd import schema
from clusterd.drivers import backends
from clusterd.drivers import openstack as openstack_driver
from clusterd.profiles import base
from clusterd.profiles import nova_server_networks as networks_mod

ACTIVE = openstack_driver.ACTIVE
SHUTOFF = openstack_driver.SHUTOFF
VERIFY_RESIZE = openstack_driver.VERIFY_RESIZE
# Metadata keys clusterd owns (also in nova_server); never removed by an update.
_CLUSTER_KEYS = ('cluster_id', 'cluster_node_id', 'cluster_node_index')


def _settled(server):
    """Where a server should come back to after a rebuild or resize: it stays
    stopped if it was stopped."""
    return {server.status} if server.status in (ACTIVE, SHUTOFF) else {ACTIVE}


class ServerActions:
    """Updates, operations and adoption of Nova server nodes."""

    # --- profile updates ------------------------------------------------------------

    def update(self, ctx, node, new_profile):
        """Apply a new profile to the node's server in place: name and admin
        password directly, image by rebuild, flavor by resize and confirm (revert
        on failure), networks by adding and removing interfaces, metadata by
        setting and deleting keys.

        :raises base.ResourceError: for a change of a property that cannot change
            in place (naming it), or when Nova fails.
        """
        if type(new_profile).TYPE != self.TYPE:
            raise base.ResourceError("Cannot update a node of type '%s' to type '%s'."
                                     % (self.TYPE, new_profile.TYPE))
        frozen = schema.not_updatable(self.properties_schema, self.properties,
                                      new_profile.properties)
        if frozen:
            raise base.ResourceError(
                "Cannot update the server of node '%s' in place: the propert%s %s "
                "cannot be changed (make a new node instead)." % (
                    node.name, 'y' if len(frozen) == 1 else 'ies',
                    ', '.join("'%s'" % name for name in frozen)))
        old, new = self.properties, new_profile.properties
        compute, server = self._server(ctx, node)
        name = new['name'] or node.name
        if old['image'] != new['image']:
            self._rebuild(compute, server, new['image'], name, new['admin_pass'])
        else:
            if (old['name'] or node.name) != name:
                self._call(compute.server_action, 'rename', 'update_server',
                           server.id, name=name)
            if new['admin_pass'] and old['admin_pass'] != new['admin_pass']:
                self._call(compute.server_action, 'change the password of',
                           'change_server_password', server.id, new['admin_pass'])
        if old['flavor'] != new['flavor']:
            self._resize(compute, server, new['flavor'])
        if (old['networks'] or []) != (new['networks'] or []):
            self._call(networks_mod.update, compute, node, server.id,
                       old['networks'] or [], new['networks'] or [])
        if (old['metadata'] or {}) != (new['metadata'] or {}):
            self._update_metadata(compute, server.id, old['metadata'] or {},
                                  new['metadata'] or {})

    def _find_image(self, compute, image):
        if not image:
            raise base.ResourceError(
                "properties.image: the image cannot be removed from a server.")
        found = self._call(compute.call, 'find image %s' % image,
                           compute.conn.image.find_image, image,
                           ignore_missing=False, read=True)
        return found.id

    def _rebuild(self, compute, server, image, name=None, admin_pass=None):
        image_id = self._find_image(compute, image)
        attrs = {'name': name} if name else {}
        if admin_pass:
            attrs['admin_password'] = admin_pass
        since = self._call(compute.server_action, 'rebuild', 'rebuild_server',
                           server.id, image_id, **attrs)
        self._call(compute.wait, server.id, _settled(server), since,
                   compute.options.server_action_timeout,
                   'finish its rebuild with image %s' % image)

    def _resize(self, compute, server, flavor):
        found = self._call(compute.call, 'find flavor %s' % flavor,
                           compute.conn.compute.find_flavor, flavor,
                           ignore_missing=False, read=True)
        timeout = compute.options.server_action_timeout
        back = _settled(server)
        since = self._call(compute.server_action, 'resize', 'resize_server',
                           server.id, found.id)
        try:
            resized = compute.wait(server.id, {VERIFY_RESIZE} | back, since, timeout,
                                   'finish its resize to flavor %s' % flavor)
            if resized.status != VERIFY_RESIZE:
                raise openstack_driver.CloudError(
                    'Nova did not resize the server %s to flavor %s: %s' % (
                        server.id, flavor, _why(compute, resized, 'resize')),
                    resource_id=server.id)
            since = compute.server_action('confirm the resize of',
                                          'confirm_server_resize', server.id)
            compute.wait(server.id, back, since, timeout, 'confirm its resize')
        except openstack_driver.CloudError as exc:
            self._revert_resize(compute, server.id, back, timeout)
            raise base.ResourceError('%s (the resize was reverted)' % exc.message,
                                     server.id) from exc

    @staticmethod
    def _revert_resize(compute, server_id, back, timeout):
        try:
            current = compute.get_server(server_id)
            if current is not None and current.status == VERIFY_RESIZE:
                since = compute.server_action('revert the resize of',
                                              'revert_server_resize', server_id)
                compute.wait(server_id, back, since, timeout, 'revert its resize')
        except openstack_driver.CloudError:
            pass  # the resize error is what the node's reason reports

    def _update_metadata(self, compute, server_id, old, new):
        changed = {str(k): v if isinstance(v, str) else json.dumps(v)
                   for k, v in new.items() if old.get(k) != v}
        removed = [k for k in old if k not in new and k not in _CLUSTER_KEYS]
        if changed:
            self._call(compute.call, 'set the metadata of server %s' % server_id,
                       compute.conn.compute.set_server_metadata, server_id,
                       **changed)
        if removed:
            self._call(compute.delete_metadata, server_id, removed)

    # --- node operations (OPERATIONS) ------------------------------------------------

    def handle_reboot(self, ctx, node, type=None):
        # NOTE: `type` is the parameter's name on the wire (Senlin's).
        self._act(ctx, node, 'reboot', 'reboot_server', type or 'SOFT',
                  wait_for={ACTIVE})

    def handle_rebuild(self, ctx, node):
        compute, server = self._server(ctx, node)
        image = (server.image or {}).get('id') if isinstance(server.image, dict) \
            else getattr(server.image, 'id', None)
        image = image or self.properties['image']
        if not image:
            raise base.ResourceError("The server %s boots from a volume: there is no "
                                     "image to rebuild it with." % server.id)
        self._rebuild(compute, server, image)

    def handle_change_password(self, ctx, node, admin_pass=None):
        self._act(ctx, node, 'change the password of', 'change_server_password',
                  admin_pass)

    def handle_pause(self, ctx, node):
        self._act(ctx, node, 'pause', 'pause_server', wait_for={'PAUSED'})

    def handle_unpause(self, ctx, node):
        self._act(ctx, node, 'unpause', 'unpause_server', wait_for={ACTIVE})

    def handle_suspend(self, ctx, node):
        self._act(ctx, node, 'suspend', 'suspend_server', wait_for={'SUSPENDED'})

    def handle_resume(self, ctx, node):
        self._act(ctx, node, 'resume', 'resume_server', wait_for={ACTIVE})

    def handle_lock(self, ctx, node):
        self._act(ctx, node, 'lock', 'lock_server')

    def handle_unlock(self, ctx, node):
        self._act(ctx, node, 'unlock', 'unlock_server')

    def handle_start(self, ctx, node):
        _compute, server = self._server(ctx, node)
        if server.status != ACTIVE:
            self._act(ctx, node, 'start', 'start_server', wait_for={ACTIVE})

    def handle_stop(self, ctx, node):
        _compute, server = self._server(ctx, node)
        if server.status != SHUTOFF:
            self._act(ctx, node, 'stop', 'stop_server', wait_for={SHUTOFF})

    def handle_rescue(self, ctx, node, image_ref=None, admin_pass=None):
        compute, _server = self._server(ctx, node)
        if image_ref:
            image_ref = self._find_image(compute, image_ref)
        self._act(ctx, node, 'rescue', 'rescue_server', admin_pass=admin_pass,
                  image_ref=image_ref, wait_for={'RESCUE'})

    def handle_unrescue(self, ctx, node):
        self._act(ctx, node, 'unrescue', 'unrescue_server', wait_for={ACTIVE})

    def handle_migrate(self, ctx, node, host=None):
        """Cold-migrate, then confirm (Nova asks for it as for a resize)."""
        compute, server = self._server(ctx, node)
        back, timeout = _settled(server), compute.options.server_action_timeout
        kwargs = {'host': host} if host else {}
        since = self._call(compute.server_action, 'migrate', 'migrate_server',
                           server.id, **kwargs)
        moved = self._call(compute.wait, server.id, {VERIFY_RESIZE} | back, since,
                           timeout, 'finish its migration')
        if moved.status != VERIFY_RESIZE:
            raise base.ResourceError('Nova did not migrate the server %s: %s' % (
                server.id, _why(compute, moved, 'migrate')), server.id)
        since = self._call(compute.server_action, 'confirm the migration of',
                           'confirm_server_resize', server.id)
        self._call(compute.wait, server.id, back, since, timeout,
                   'confirm its migration')

    def handle_evacuate(self, ctx, node, host=None, force=None):
        kwargs = {'host': host} if host else {}
        if force is not None:
            kwargs['force'] = force
        self._act(ctx, node, 'evacuate', 'evacuate_server', wait_for={ACTIVE},
                  **kwargs)

    # --- adoption ---------------------------------------------------------------

    @classmethod
    def adopt_spec(cls, ctx, conf, physical_id, overrides=None, user_id=None,
                   project_id=None):
        """A spec of this type describing an existing server (node adopt and
        adopt-preview).

        :param conf: the service configuration.
        :param physical_id: the server's id.
        :param overrides: properties that replace what the server shows.
        :returns: ``{'type', 'version', 'properties'}``, validated.
        :raises base.ResourceError: if the server cannot be read.
        :raises schema.InvalidSpec: if ``overrides`` do not fit the schema.
        """
        try:
            compute = backends.clouds(conf).compute(ctx, user_id, project_id)
            server = compute.get_server(physical_id)
        except openstack_driver.CloudError as exc:
            raise base.ResourceError(exc.message) from exc
        if server is None:
            raise base.ResourceError("The server '%s' could not be found."
                                     % physical_id)
        properties = _properties_of(server)
        properties.update(overrides or {})
        spec = {'type': cls.TYPE, 'version': cls.VERSION,
                'properties': {k: v for k, v in properties.items() if v is not None}}
        cls('adopted', spec, conf=conf)  # raises InvalidSpec if it does not fit
        return spec


def _why(compute, server, action):
    """Nova's reason for an action that left the server as it was."""
    return ((server.fault or {}).get('message')
            or compute.action_error(server.id, action) or 'Nova gave no reason')


def _properties_of(server):
    flavor = server.flavor
    flavor_name = getattr(flavor, 'original_name', None) or getattr(flavor, 'name', None) \
        or getattr(flavor, 'id', None)
    image = getattr(server.image, 'id', None) or None
    metadata = {k: v for k, v in (server.metadata or {}).items()
                if k not in _CLUSTER_KEYS}
    groups = sorted({g.get('name') for g in server.security_groups or []
                     if g.get('name')})
    networks = [{'network': name} for name in sorted(server.addresses or {})]
    return {
        'name': server.name,
        'flavor': flavor_name,
        'image': image,
        'key_name': server.key_name,
        'availability_zone': server.availability_zone,
        'metadata': metadata or None,
        'security_groups': groups or None,
        'networks': networks or None,
        'config_drive': bool(server.has_config_drive) or None,
    }
