"""``os.nova.server``: nodes that are Nova servers (spec versions 1.0, 1.1, 1.2).

Senlin's spec format, unchanged::

    type: os.nova.server
    version: 1.0
    properties:
      flavor: m1.small
      image: cirros
      networks: [{network: private}]
      metadata: {tier: web}

Every server carries its node's id twice: metadata ``cluster_node_id`` (Senlin's
key) and the tag ``clusterd-node:<node id>`` (compute API 2.52+).  A create
retried after an engine died finds the server the first attempt made through the
tag (or, on an older cloud, by name and metadata) instead of booting another.

A batch of creates (or deletes) sends every POST (DELETE) on the engine's
cloud-call pool, then waits for all the servers with the project's
:class:`clusterd.drivers.openstack.BulkWaiter`: one server list per poll cycle,
whatever the number of servers.  Versions 1.1 and 1.2 add nothing to 1.0 here:
Senlin's ``subnet`` (1.1) and ``volume_type`` (1.2) were never version-gated and
1.0 specs used them, so every version accepts them.
"""

import base64
import collections
import concurrent.futures
import copy
import functools
import json
import logging as std_logging
import threading

from oslo_log import log as logging

from clusterd import clock
from clusterd.drivers import openstack as openstack_driver
from clusterd.objects import event as event_obj
from clusterd.objects import node as node_obj
from clusterd.profiles import base
from clusterd.profiles import cloud_access
from clusterd.profiles import nova_server_actions
from clusterd.profiles import nova_server_networks as networks_mod
from clusterd import schema

LOG = logging.getLogger(__name__)

INIT = 'INIT'  # a node never attempted (clusterd.states.N_INIT)
TAG_PREFIX = 'clusterd-node:'
# Metadata keys clusterd owns on a server (Senlin's names).
CLUSTER_ID, NODE_ID, NODE_INDEX = 'cluster_id', 'cluster_node_id', 'cluster_node_index'
CLUSTER_KEYS = (CLUSTER_ID, NODE_ID, NODE_INDEX)

_STRING = schema.String


def _bdm_schema():
    return schema.Map('A block device of the server (Nova block_device_mapping_v2).',
                      schema={
        'uuid': _STRING('ID of the source (image, volume or snapshot).'),
        'source_type': _STRING('Source: image, volume, snapshot or blank.',
                               constraints=[schema.AllowedValues(
                                   ['image', 'volume', 'snapshot', 'blank'])]),
        'destination_type': _STRING('Destination: volume or local.',
                                    constraints=[schema.AllowedValues(
                                        ['volume', 'local'])]),
        'disk_bus': _STRING('Bus of the device (virtio, scsi...).'),
        'device_name': _STRING('Name of the device (vda...).'),
        'volume_size': schema.Integer('Size of a new volume, in GB.'),
        'guest_format': _STRING('Format of an ephemeral or swap device.'),
        'boot_index': schema.Integer('Boot order; 0 boots, -1 never.'),
        'device_type': _STRING('disk, cdrom or floppy.'),
        'delete_on_termination': schema.Boolean(
            'Delete the volume with the server.'),
        'volume_type': _STRING('Volume type of a new volume (compute API 2.67).'),
    })


def _network_schema():
    return schema.Map('A network the server is attached to.', schema={
        'network': _STRING('Name or ID of a network.'),
        'port': _STRING('Name or ID of an existing port to use.'),
        'fixed_ip': _STRING('Fixed IP address to ask for.'),
        'subnet': _STRING('Name or ID of the subnet to take the address from.'),
        'vnic_type': _STRING('vNIC type of the port (normal, direct...).'),
        'security_groups': schema.List('Security groups of the port.',
                                       schema=_STRING('Name or ID.')),
        'floating_network': _STRING('Network to get a floating IP from.'),
        'floating_ip': _STRING('An existing floating IP address to attach.'),
    })


class NovaServerProfile(nova_server_actions.ServerActions, base.Profile):
    """Nodes that are Nova servers.

    Creation, deletion and health live here; profile updates, node operations
    and adoption in :class:`clusterd.profiles.nova_server_actions.ServerActions`.
    """

    TYPE = 'os.nova.server'
    VERSION = '1.0'
    SUPPORT_STATUS = {
        '1.0': [{'status': 'SUPPORTED', 'since': '2016.04'}],
        '1.1': [{'status': 'SUPPORTED', 'since': '2023.04'}],
        '1.2': [{'status': 'SUPPORTED', 'since': '2023.07'}],
    }

    properties_schema = {
        'context': schema.Map('Where to reach the cloud: region_name.', default={}),
        'admin_pass': _STRING('Password of the administrator account.',
                              updatable=True),
        'auto_disk_config': schema.Boolean(
            'Let Nova partition and resize the disk (OS-DCF:diskConfig AUTO).',
            default=True),
        'availability_zone': _STRING('Availability zone to boot in.'),
        'block_device_mapping_v2': schema.List(
            'Block devices of the server.', schema=_bdm_schema()),
        'config_drive': schema.Boolean('Attach a config drive.'),
        'flavor': _STRING('Name or ID of the flavor.', required=True,
                          updatable=True),
        'image': _STRING('Name or ID of the image (omit to boot from volume).',
                         updatable=True),
        'key_name': _STRING('Name of the keypair injected into the server.'),
        'metadata': schema.Map('Metadata of the server.', updatable=True),
        'name': _STRING('Name of the server (default: the node\'s name).',
                        updatable=True),
        'networks': schema.List('Networks the server is attached to.',
                                schema=_network_schema(), updatable=True),
        'personality': schema.List(
            'Files injected at boot (compute API before 2.57).',
            schema=schema.Map('A file.', schema={
                'path': _STRING('Path of the file.', required=True),
                'contents': _STRING('Contents of the file.', required=True)})),
        'scheduler_hints': schema.Map('Hints for the Nova scheduler.'),
        'security_groups': schema.List('Security groups of the server.',
                                       schema=_STRING('Name of a group.')),
        'user_data': _STRING('User data (cloud-init) of the server.'),
    }

    STOPPING_OPERATIONS = {'stop': 'SHUTOFF', 'pause': 'PAUSED',
                           'suspend': 'SUSPENDED', 'rescue': 'in RESCUE mode'}

    OPERATIONS = {
        'reboot': {'description': 'Reboot the server.', 'parameters': {
            'type': {'type': 'String', 'required': False, 'allowed': ['SOFT', 'HARD'],
                     'description': 'SOFT (default) or HARD.'}}},
        'rebuild': {'description': 'Rebuild the server from its image.',
                    'parameters': {}},
        'change_password': {'description': 'Change the administrator password.',
                            'parameters': {'admin_pass': {
                                'type': 'String', 'required': True,
                                'description': 'The new password.'}}},
        'pause': {'description': 'Pause the server.', 'parameters': {}},
        'unpause': {'description': 'Unpause the server.', 'parameters': {}},
        'suspend': {'description': 'Suspend the server.', 'parameters': {}},
        'resume': {'description': 'Resume a suspended server.', 'parameters': {}},
        'lock': {'description': 'Lock the server.', 'parameters': {}},
        'unlock': {'description': 'Unlock the server.', 'parameters': {}},
        'start': {'description': 'Start a stopped server.', 'parameters': {}},
        'stop': {'description': 'Stop the server.', 'parameters': {}},
        'rescue': {'description': 'Boot the server into rescue mode.', 'parameters': {
            'image_ref': {'type': 'String', 'required': False,
                          'description': 'Image to rescue with.'},
            'admin_pass': {'type': 'String', 'required': False,
                           'description': 'Password of the rescue system.'}}},
        'unrescue': {'description': 'Leave rescue mode.', 'parameters': {}},
        'migrate': {'description': 'Cold-migrate the server to another host '
                                   '(admin only in Nova by default).', 'parameters': {
            'host': {'type': 'String', 'required': False,
                     'description': 'Destination host (compute API 2.56).'}}},
        'evacuate': {'description': 'Rebuild the server on another host because '
                                    'its host is down (admin only).', 'parameters': {
            'host': {'type': 'String', 'required': False,
                     'description': 'Destination host.'},
            'force': {'type': 'Boolean', 'required': False,
                      'description': 'Skip the scheduler checks of host '
                                     '(compute API before 2.68).'}}},
    }

    # --- connections and lookups ------------------------------------------------------

    def _compute(self, ctx, node=None, owner=None, region=None):
        """The connection of the node's owner (or ``owner``), to the region a
        region placement policy put the node in, else the profile's."""
        user = (node.user if node is not None else None) or ctx.user_id
        project = (node.project if node is not None else None) or ctx.project_id
        if owner is not None:
            user, project = owner
        if region is None and node is not None:
            region = _placed(node).get('region')
        try:
            return cloud_access.compute(
                self.conf, ctx, user, project, region_name=region or (
                    self.properties['context'] or {}).get('region_name'))
        except openstack_driver.CloudError as exc:
            raise base.ResourceError(exc.message) from exc

    def validate_resources(self, ctx):
        """Look up the flavor, image, key pair, networks, subnets, ports and
        security groups the spec names; see :meth:`base.Profile.validate_resources`."""
        props = self.properties
        region = (props['context'] or {}).get('region_name')
        try:
            compute = cloud_access.compute(self.conf, ctx, None, None,
                                           region_name=region)
        except openstack_driver.CloudError as exc:
            if exc.not_found and region:
                raise schema.InvalidSpec("The region '%s' could not be found."
                                         % region,
                                         'properties.context.region_name') from exc
            LOG.info('Not checking profile %s against the cloud: %s', self.name,
                     exc.message)
            return
        sdk = compute.conn
        checks = [('flavor', 'flavor', sdk.compute.find_flavor, props['flavor']),
                  ('image', 'image', sdk.image.find_image, props['image']),
                  ('key_name', 'key pair', sdk.compute.find_keypair,
                   props['key_name'])]
        for index, entry in enumerate(props['networks'] or []):
            where = 'networks[%d].' % index
            for key, kind, finder in (
                    ('network', 'network', sdk.network.find_network),
                    ('port', 'port', sdk.network.find_port),
                    ('subnet', 'subnet', sdk.network.find_subnet),
                    ('floating_network', 'network', sdk.network.find_network)):
                checks.append((where + key, kind, finder, entry.get(key)))
            for group in entry.get('security_groups') or []:
                checks.append((where + 'security_groups', 'security group',
                               sdk.network.find_security_group, group))
        for path, kind, finder, value in checks:
            if not value:
                continue
            try:
                # NOTE: no retries: an API request waits for this, and a
                # cloud that does not answer is no reason to refuse.
                compute.call('find %s %s' % (kind, value), finder, value,
                             ignore_missing=False, read=True, retries=0)
            except openstack_driver.CloudError as exc:
                if exc.not_found:
                    raise schema.InvalidSpec("The specified %s '%s' could not be found."
                                             % (kind, value),
                                             'properties.' + path) from exc
                LOG.info('Not checking the %s of profile %s against the cloud: '
                         '%s', kind, self.name, exc.message)
                return

    def _resolve(self, compute):
        """Flavor, image and network ids of this profile (once per batch)."""
        props = self.properties
        flavor = compute.call('find flavor %s' % props['flavor'],
                              compute.conn.compute.find_flavor, props['flavor'],
                              ignore_missing=False, read=True)
        image_id = None
        if props['image']:
            image = compute.call('find image %s' % props['image'],
                                 compute.conn.image.find_image, props['image'],
                                 ignore_missing=False, read=True)
            image_id = image.id
        elif not props['block_device_mapping_v2']:
            raise openstack_driver.CloudError(
                "properties.image: an image is needed unless "
                "block_device_mapping_v2 boots from a volume.")
        if props['personality'] and compute.supports('2.57'):
            raise openstack_driver.CloudError(
                'properties.personality: file injection was removed from the '
                'compute API in 2.57; put the files in user_data instead.')
        nets = networks_mod.resolve(compute, props['networks'] or [])
        return {'flavor_id': flavor.id, 'image_id': image_id, 'networks': nets,
                'tags': compute.supports('2.52')}

    # --- create -------------------------------------------------------------------------

    def _server_attrs(self, node, resolved, ports):
        props = self.properties
        placement = (node.data or {}).get('placement') or {}
        attrs = {
            'name': props['name'] or node.name,
            'flavor_id': resolved['flavor_id'],
            'metadata': _server_metadata(props['metadata'], node),
            'networks': networks_mod.boot_networks(
                resolved['networks'], ports,
                self.conf.openstack.default_networks),
            'disk_config': 'AUTO' if props['auto_disk_config'] else 'MANUAL',
        }
        if resolved['image_id']:
            attrs['image_id'] = resolved['image_id']
        if resolved['tags']:
            attrs['tags'] = [TAG_PREFIX + node.id]
        zone = placement.get('zone') or props['availability_zone']
        if zone:
            attrs['availability_zone'] = zone
        hints = dict(props['scheduler_hints'] or {})
        if placement.get('servergroup'):
            hints['group'] = placement['servergroup']
        if hints:
            attrs['scheduler_hints'] = hints
        for key, attr in (('key_name', 'key_name'), ('admin_pass', 'admin_password'),
                          ('config_drive', 'config_drive')):
            if props[key] is not None:
                attrs[attr] = props[key]
        if props['user_data']:
            attrs['user_data'] = base64.b64encode(
                props['user_data'].encode('utf-8')).decode('ascii')
        if props['security_groups']:
            attrs['security_groups'] = [{'name': g} for g in props['security_groups']]
        if props['block_device_mapping_v2']:
            attrs['block_device_mapping'] = [
                {k: v for k, v in bdm.items() if v is not None}
                for bdm in props['block_device_mapping_v2']]
        if props['personality']:
            attrs['personality'] = props['personality']
        return attrs

    def _find_existing(self, compute, node):
        """Servers an earlier attempt made for ``node``, oldest first."""
        if compute.supports('2.52'):
            found = compute.list_servers('find the server of node %s' % node.id,
                                         tags=TAG_PREFIX + node.id)
        else:
            name = self.properties['name'] or node.name
            found = {sid: s for sid, s in compute.list_servers(
                'find the server of node %s' % node.id,
                name='^%s$' % _regex_escape(name)).items()
                if (s.metadata or {}).get(NODE_ID) == node.id}
        # NOTE: a server whose deletion is under way (or just done: DELETED is
        # listed for a moment before the row goes) is no longer the node's.
        alive = [s for s in found.values()
                 if s.status not in (openstack_driver.DELETED,
                                     openstack_driver.SOFT_DELETED)
                 and s.task_state != 'deleting']
        return sorted(alive, key=lambda s: s.created_at or '')

    def _boot(self, ctx, node, compute, resolved, lookup):
        """Find or POST the node's server (on the cloud-call pool).

        :returns: (server id, since, already ACTIVE)
        """
        if lookup:
            existing = self._find_existing(compute, node)
            if existing:
                return self._adopt_attempt(compute, node, existing)
        ports = networks_mod.make_ports(compute, node, resolved['networks'])
        attrs = self._server_attrs(node, resolved, ports)
        what = 'create the server of node %s' % node.name
        attempts = compute.options.api_retries + 1
        for attempt in range(attempts):
            since = compute.nova_now()
            try:
                server = compute.call(what, compute.conn.compute.create_server,
                                      retries=0, **attrs)
                return server.id, since, False
            except openstack_driver.CloudError as exc:
                # A connection error or a 5xx leaves it unknown whether Nova
                # made the server: look before sending the POST again.
                if exc.code is not None and exc.code < 500:
                    raise
                existing = self._find_existing(compute, node)
                if existing:
                    return self._adopt_attempt(compute, node, existing)
                if attempt + 1 == attempts:
                    raise
                compute.backoff(attempt)

    def _adopt_attempt(self, compute, node, existing):
        server = existing[0]
        for extra in existing[1:]:  # two attempts raced: keep the oldest
            compute.delete_server(extra.id)
        if server.status == openstack_driver.ERROR:
            raise openstack_driver.CloudError(
                'The server %s of node %s is in ERROR: %s' % (
                    server.id, node.name, (server.fault or {}).get('message')
                    or 'Nova gave no reason'), resource_id=server.id)
        ready = server.status == openstack_driver.ACTIVE and not server.task_state
        return server.id, compute.nova_now(), ready

    def create(self, ctx, node):
        """Boot (or find, when retried) the node's server and wait for ACTIVE; see
        :meth:`base.Profile.create`."""
        return self.create_batch(ctx, [node], _run_now)[node.id].result()

    def create_batch(self, ctx, nodes, submit):
        """POST every server on the cloud-call pool, then wait for all of them with
        the bulk waiter; see :meth:`base.Profile.create_batch`."""
        futures = {}
        for group in _by_owner(nodes).values():
            try:
                compute = self._compute(ctx, group[0])
                resolved = self._resolve(compute)
            except (openstack_driver.CloudError, base.ResourceError) as exc:
                for node in group:
                    futures[node.id] = _failed(_resource_error(exc))
                continue
            timeout = compute.options.server_create_timeout
            for node in group:
                outer = concurrent.futures.Future()
                self._create_placed(ctx, node, compute, resolved, submit, timeout,
                                    outer, node.status != INIT)
                futures[node.id] = outer
        return futures

    # NOTE: zone fallback.  A zone placement policy gives each new node its zone
    # and the other zones by weight (``placement.fallback_zones``).  A server
    # that cannot be built in its zone (it goes to ERROR, e.g. "No valid host",
    # or the zone is refused) marks the zone skipped for the rest of the action
    # (``placement.action``): that node and every later one of the action are
    # made in the next zone instead, and one event on the cluster says so.

    def _create_placed(self, ctx, node, compute, resolved, submit, timeout, outer,
                       lookup):
        """Boot the node's server (in a zone not skipped) and settle ``outer``
        when it is ACTIVE, or with the error."""
        placed = _placed(node)
        skipped = _SKIPPED_ZONES.zones(placed.get('action'))
        if placed.get('zone') in skipped:
            other = _next_zone(placed, skipped)
            if other is not None:
                moved = submit(self._move, ctx, node, other)
                moved.add_done_callback(functools.partial(
                    self._moved, ctx, compute, resolved, submit, timeout, outer,
                    lookup))
                return
        inner = concurrent.futures.Future()
        posted = submit(self._boot, ctx, node, compute, resolved, lookup)
        posted.add_done_callback(functools.partial(
            _then_wait, compute, inner, {openstack_driver.ACTIVE}, timeout,
            'become ACTIVE'))
        inner.add_done_callback(functools.partial(
            self._zone_outcome, ctx, node, compute, resolved, submit, timeout,
            outer))

    def _moved(self, ctx, compute, resolved, submit, timeout, outer, lookup, moved):
        if moved.exception() is not None:
            outer.set_exception(_resource_error(moved.exception()))
            return
        try:
            self._create_placed(ctx, moved.result(), compute, resolved, submit,
                                timeout, outer, lookup)
        except Exception as exc:  # noqa: BLE001 - never leave outer unsettled
            outer.set_exception(exc)

    def _zone_outcome(self, ctx, node, compute, resolved, submit, timeout, outer,
                      inner):
        error = inner.exception()
        if error is None:
            outer.set_result(inner.result())
            return
        placed = _placed(node)
        if not (placed.get('zone') and placed.get('fallback_zones')
                and placed.get('action') and _zone_failure(error)):
            outer.set_exception(error)
            return
        first = _SKIPPED_ZONES.add(placed['action'], placed['zone'])
        other = _next_zone(placed, _SKIPPED_ZONES.zones(placed['action']))
        if other is None:
            outer.set_exception(error)
            return
        LOG.warning('Zone %s failed to build node %s (%s); it is skipped for the '
                    'rest of action %s', placed['zone'], node.name,
                    _message(error), placed['action'])
        if first:
            _zone_event(ctx, node, placed, other, error)

        try:
            retried = submit(self._discard, ctx, node, compute, error, other)
        except Exception as exc:  # noqa: BLE001 - never leave outer unsettled
            outer.set_exception(exc)
            return
        retried.add_done_callback(functools.partial(
            self._moved, ctx, compute, resolved, submit, timeout, outer, False))

    def _discard(self, ctx, node, compute, error, zone):
        """Delete the server that failed (the retry boots a new one, with no
        lookup) and move the node to ``zone``."""
        if getattr(error, 'resource_id', None):
            compute.delete_server(error.resource_id)
        return self._move(ctx, node, zone)

    def _move(self, ctx, node, zone):
        """``node`` with its placement in ``zone``, written to its data."""
        data = dict(node.data or {})
        data['placement'] = dict(_placed(node), zone=zone)
        node_obj.Node.update(ctx, node.id, data=data)
        moved = copy.copy(node)
        moved.data = data
        return moved

    # --- delete -------------------------------------------------------------------------

    def _request_delete(self, ctx, node, compute, force):
        """DELETE the node's server(s) (on the cloud-call pool).

        A node without a server (its create failed) is looked for in the cloud
        all the same: a create whose answer was lost may have left one.  When the
        cloud cannot be asked, a forced delete goes on without it (see
        :func:`_without_server`).

        :returns: ([(server id, since)] of servers to watch go, a note for the
            node's events or None)
        """
        if node.physical_id:
            server_ids = [node.physical_id]
        else:
            try:
                server_ids = [s.id for s in self._find_existing(compute, node)]
            except openstack_driver.CloudError as exc:
                return [], _without_server(node, _resource_error(exc), force)
        pending = []
        for server_id in server_ids:
            since = compute.nova_now()
            try:
                compute.call('delete the server of node %s' % node.name,
                             compute.conn.compute.delete_server, server_id,
                             ignore_missing=False, force=force)
            except openstack_driver.CloudError as exc:
                if exc.not_found:  # deleted behind our back: nothing to wait for
                    continue
                raise
            pending.append((server_id, since))
        return pending, None

    def delete(self, ctx, node, force=False):
        """Delete the node's server and wait until it is gone; a server already
        gone is success.  See :meth:`base.Profile.delete`.

        :returns: a note for the node's events when a forced delete went on
            without asking the cloud (else None)
        """
        return self.delete_batch(ctx, [node], _run_now,
                                 force=force)[node.id].result()

    def delete_batch(self, ctx, nodes, submit, force=False):
        """DELETE every server on the cloud-call pool, then wait for all of them
        with the bulk waiter; see :meth:`base.Profile.delete_batch`."""
        futures = {}
        for group in _by_owner(nodes).values():
            try:
                compute = self._compute(ctx, group[0])
            except base.ResourceError as exc:
                for node in group:
                    futures[node.id] = (
                        _run_now(_without_server, node, exc, force)
                        if not node.physical_id else _failed(exc))
                continue
            for node in group:
                outer = concurrent.futures.Future()
                requested = submit(self._request_delete, ctx, node, compute, force)
                requested.add_done_callback(functools.partial(
                    _then_wait_gone, compute, outer, node, self._cleanup))
                futures[node.id] = outer
        return futures

    def _cleanup(self, compute, node):
        if networks_mod.needs_cleanup(self.properties['networks'] or []):
            networks_mod.delete_ports(compute, node)

    # --- health -------------------------------------------------------------------------

    def check(self, ctx, node):
        """Healthy means the server exists and is ACTIVE."""
        if not node.physical_id:
            return False
        server = self._call(self._compute(ctx, node).get_server, node.physical_id)
        return server is not None and server.status == openstack_driver.ACTIVE

    def list_resources(self, ctx, nodes):
        """Every node's server from ONE server list of the project; see
        :meth:`base.Profile.list_resources`."""
        result = {}
        for group in _by_owner(nodes).values():
            try:
                servers = self._compute(ctx, group[0]).list_servers()
            except (openstack_driver.CloudError, base.ResourceError) as exc:
                for node in group:
                    result[node.id] = base.resource_status(
                        node.physical_id, base.UNKNOWN, _message(exc), None)
                continue
            result.update(_node_states(group, servers))
        return result

    def list_cluster_resources(self, ctx, cluster, nodes):
        """Every node's server and every server carrying the node id of a node
        of ``cluster`` (metadata ``cluster_node_id``, Senlin's key, which every
        version of the profile sets), from ONE server list per owner project;
        see :meth:`base.Profile.list_cluster_resources`.

        NOTE: the list is not filtered on Nova's side: the compute API has no
        metadata filter, and a ``tags-any`` filter naming every node would not
        fit in a URL for a large cluster; a cluster's servers are most of its
        project's anyway.
        """
        nodes = list(nodes)
        groups = _by_owner(nodes)
        if not any(key[:2] == (cluster.user, cluster.project) for key in groups):
            groups[(cluster.user, cluster.project, None)] = []
        node_ids = {node.id for node in nodes}
        resources, tagged, complete = {}, [], True
        for owner, group in groups.items():
            try:
                servers = self._compute(ctx, owner=owner[:2],
                                        region=owner[2]).list_servers(
                    'list the servers of cluster %s' % cluster.name)
            except (openstack_driver.CloudError, base.ResourceError) as exc:
                complete = False
                for node in group:
                    resources[node.id] = base.resource_status(
                        node.physical_id, base.UNKNOWN, _message(exc), None)
                continue
            resources.update(_node_states(group, servers))
            for server in servers.values():
                metadata = server.metadata or {}
                node_id = metadata.get(NODE_ID) or _tagged_node_id(server)
                if not node_id or _going(server):
                    continue
                if node_id in node_ids or metadata.get(CLUSTER_ID) == cluster.id:
                    tagged.append(base.tagged_resource(server.id, node_id,
                                                       server.status, server.name))
        # NOTE: with a project unreadable, a server missing from ``tagged``
        # proves nothing; reconcile then reports no orphans at all.
        return resources, (tagged if complete else None)

    def endpoints(self, ctx, nodes, network=None):
        """Each server's first address (on ``network`` when given) and compute
        host, from ONE server list per owner; see :meth:`base.Profile.endpoints`."""
        result = {}
        for group in _by_owner(nodes).values():
            try:
                servers = self._compute(ctx, group[0]).list_servers()
            except (openstack_driver.CloudError, base.ResourceError):
                servers = {}
            for node in group:
                server = servers.get(node.physical_id)
                result[node.id] = {
                    'node_ip': base._address(getattr(server, 'addresses', None)
                                             or {}, network),
                    'port': None,
                    'host': getattr(server, 'compute_host', None)}
        return result

    def hypervisor_status(self, ctx, nodes):
        """HYPERVISOR_STATUS_POLLING: a server whose hypervisor is down or
        disabled is unhealthy.  One server list and one hypervisor list per
        owner project; without admin rights (hypervisors are admin-only) there
        is no verdict.

        :returns: {node id: (healthy True/False/None, reason)}
        """
        result = {}
        for group in _by_owner(nodes).values():
            try:
                compute = self._compute(ctx, group[0])
                servers = compute.list_servers()
                hypervisors = {h.name: h for h in compute.call(
                    'list the hypervisors',
                    lambda: list(compute.conn.compute.hypervisors(details=True)),
                    read=True)}
            except (openstack_driver.CloudError, base.ResourceError) as exc:
                for node in group:
                    result[node.id] = (None, 'Cannot read the hypervisors: %s'
                                       % _message(exc))
                continue
            for node in group:
                server = servers.get(node.physical_id)
                name = getattr(server, 'hypervisor_hostname', None)
                hypervisor = hypervisors.get(name)
                if hypervisor is None:
                    result[node.id] = (None, 'The hypervisor of the server is '
                                             'not known.')
                elif hypervisor.state != 'up' or hypervisor.status != 'enabled':
                    result[node.id] = (False, 'The hypervisor %s is %s and %s.' % (
                        name, hypervisor.state, hypervisor.status))
                else:
                    result[node.id] = (True, None)
        return result

    def fence(self, ctx, node, targets=()):
        """Force-delete the server and wait until it is gone; with ``COMPUTE``
        in ``targets`` and admin rights, first force down the nova-compute
        service of its host when Nova already reports that service down (a
        host that looks dead may still run the server).  See
        :meth:`base.Profile.fence`."""
        if 'COMPUTE' in targets and node.physical_id:
            compute = self._compute(ctx, node)
            server = self._call(compute.get_server, node.physical_id)
            host = getattr(server, 'compute_host', None) if server else None
            if host:
                self._force_down_if_dead(compute, host)
        self.delete(ctx, node, force=True)

    def _force_down_if_dead(self, compute, host):
        sdk = compute.conn.compute
        try:
            services = compute.call('list the compute services of %s' % host,
                                    lambda: list(sdk.services(
                                        host=host, binary='nova-compute')),
                                    read=True)
            for service in services:
                if service.state == 'down' and not service.is_forced_down:
                    compute.call('force down nova-compute on %s' % host,
                                 sdk.update_service_forced_down, service, host,
                                 'nova-compute', True)
                    LOG.warning('Fencing: forced down nova-compute on host %s',
                                host)
        except openstack_driver.CloudError as exc:
            # Without admin rights (403) the force-delete is the only fence.
            LOG.warning('Fencing: could not force down nova-compute on host %s '
                        '(%s); relying on the force-delete of the server',
                        host, _message(exc))

    def delete_orphan(self, ctx, cluster, resource):
        """Ask Nova to delete the server (no wait: the next pass sees it go)."""
        compute = self._compute(ctx, owner=(cluster.user, cluster.project))
        self._call(compute.delete_server, resource[base.PHYSICAL_ID])

    def recover(self, ctx, node, operation=None, params=None):
        """REBOOT or REBUILD the server in place when it exists; otherwise (and for
        RECREATE) delete and create it.  See :meth:`base.Profile.recover`."""
        params = params or {}
        operation = (operation or 'RECREATE').upper()
        if node.physical_id and operation in ('REBOOT', 'REBUILD'):
            server = self._call(self._compute(ctx, node).get_server, node.physical_id)
            if server is not None:
                if operation == 'REBOOT':
                    self.handle_reboot(ctx, node, type=params.get('type') or 'HARD')
                else:
                    self.handle_rebuild(ctx, node)
                return node.physical_id
        return super().recover(ctx, node, operation, params)

    def get_details(self, ctx, node):
        """The server as Nova shows it, ``{}`` when there is none."""
        if not node.physical_id:
            return {}
        server = self._call(self._compute(ctx, node).get_server, node.physical_id)
        if server is None:
            return {}
        details = server.to_dict(headers=False, computed=False, ignore_none=True)
        details.pop('location', None)
        return json.loads(json.dumps(details, default=str))

    # --- cluster membership ---------------------------------------------------------

    def join(self, ctx, node, cluster_id):
        """Record the cluster in the server's metadata."""
        if node.physical_id:
            compute = self._compute(ctx, node)
            self._call(compute.call, 'set the metadata of server %s' % node.physical_id,
                       compute.conn.compute.set_server_metadata, node.physical_id,
                       **{CLUSTER_ID: cluster_id})
        return True

    def leave(self, ctx, node):
        """Remove the cluster from the server's metadata (the node id stays)."""
        if node.physical_id:
            compute = self._compute(ctx, node)
            self._call(compute.delete_metadata, node.physical_id,
                       [CLUSTER_ID, NODE_INDEX])
        return True

    # --- helpers for the update and operation modules --------------------------------

    def _call(self, function, *args, **kwargs):
        try:
            return function(*args, **kwargs)
        except openstack_driver.CloudError as exc:
            raise _resource_error(exc) from exc

    def _server(self, ctx, node):
        """(compute, server) of a node that must have one."""
        if not node.physical_id:
            raise base.ResourceError("The node '%s' has no server." % node.name)
        compute = self._compute(ctx, node)
        server = self._call(compute.get_server, node.physical_id)
        if server is None:
            raise base.ResourceError("The server %s of node '%s' could not be found."
                                     % (node.physical_id, node.name))
        return compute, server

    def _act(self, ctx, node, what, method, *args, wait_for=None, **kwargs):
        """Run a server action and wait until the server settles in ``wait_for``."""
        compute, server = self._server(ctx, node)
        since = self._call(compute.server_action, what, method, server.id, *args,
                           **kwargs)
        if wait_for:
            self._call(compute.wait, server.id, wait_for, since,
                       compute.options.server_action_timeout,
                       '%s (%s)' % ('become ' + '/'.join(sorted(wait_for)), what))


class NovaServerProfile11(NovaServerProfile):
    """``os.nova.server-1.1`` (Senlin's version adding ``networks[].subnet``)."""
    VERSION = '1.1'


class NovaServerProfile12(NovaServerProfile):
    """``os.nova.server-1.2`` (Senlin's version adding
    ``block_device_mapping_v2[].volume_type``)."""
    VERSION = '1.2'


# --- module helpers ----------------------------------------------------------------

def metadata_value(value):
    """Nova takes strings only: anything else goes as JSON."""
    return value if isinstance(value, str) else json.dumps(value)


def _server_metadata(metadata, node):
    result = {str(k): metadata_value(v) for k, v in (metadata or {}).items()}
    result[NODE_ID] = node.id
    if node.cluster_id:
        result[CLUSTER_ID] = node.cluster_id
        if node.index is not None and node.index >= 0:
            result[NODE_INDEX] = str(node.index)
    return result


def _node_states(nodes, servers):
    """:meth:`base.Profile.list_resources`'s answer from a server list."""
    result = {}
    for node in nodes:
        server = servers.get(node.physical_id) if node.physical_id else None
        if server is None or server.status in (openstack_driver.DELETED,
                                               openstack_driver.SOFT_DELETED):
            result[node.id] = base.resource_status(
                node.physical_id, base.MISSING, 'The server could not be found.',
                False)
        else:
            result[node.id] = base.resource_status(
                node.physical_id, server.status,
                (server.fault or {}).get('message'),
                server.status == openstack_driver.ACTIVE)
    return result


def _tagged_node_id(server):
    for tag in server.tags or ():
        if tag.startswith(TAG_PREFIX):
            return tag[len(TAG_PREFIX):]
    return None


def _going(server):
    """Is the server deleted, or being deleted?"""
    return server.status in (openstack_driver.DELETED,
                             openstack_driver.SOFT_DELETED) or \
        server.task_state == 'deleting'


def _regex_escape(text):
    # Nova's name filter is a database regular expression: escape what it uses.
    return ''.join('\\' + c if c in '.^$*+?{}[]\\|()' else c for c in text)


class _SkippedZones:
    """The zones each recent action gave up on (this process)."""

    KEEP = 256

    def __init__(self):
        self._lock = threading.Lock()
        self._by_action = collections.OrderedDict()

    def zones(self, action_id):
        with self._lock:
            return set(self._by_action.get(action_id) or ())

    def add(self, action_id, zone):
        """:returns: whether the zone was not skipped yet."""
        with self._lock:
            zones = self._by_action.setdefault(action_id, set())
            self._by_action.move_to_end(action_id)
            while len(self._by_action) > self.KEEP:
                self._by_action.popitem(last=False)
            new = zone not in zones
            zones.add(zone)
            return new


_SKIPPED_ZONES = _SkippedZones()


def _next_zone(placed, skipped):
    for zone in placed.get('fallback_zones') or ():
        if zone not in skipped and zone != placed.get('zone'):
            return zone
    return None


def _zone_failure(error):
    """Did the zone fail to build the server (rather than the request)?"""
    message = _message(error)
    if getattr(error, 'resource_id', None) and 'went to ERROR' in message:
        return True
    return 'availability zone' in message.lower()


def _zone_event(ctx, node, placed, other, error):
    """A WARNING event on the cluster: the zone is skipped."""
    reason = ('Zone %s could not build node %s (%s); it is skipped for the rest '
              'of action %s, its nodes are made in %s.' % (
                  placed['zone'], node.name, _message(error).rstrip('.'),
                  placed['action'], other))
    try:
        event_obj.Event.create(
            ctx, timestamp=clock.utcnow(), oid=node.cluster_id or node.id,
            oname=node.cluster_id or node.name,
            otype='CLUSTER' if node.cluster_id else 'NODE',
            cluster_id=node.cluster_id or '', level=str(std_logging.WARNING),
            user=node.user, project=node.project, domain=node.domain,
            action=placed.get('action_name') or 'NODE_CREATE',
            status='zone_skipped', status_reason=reason,
            metadata={'action_id': placed['action'], 'zone': placed['zone'],
                      'instead': other})
    except Exception:  # noqa: BLE001 - the event is a report, not the work
        LOG.exception('Could not record that zone %s is skipped',
                      placed['zone'])


def _placed(node):
    return (node.data or {}).get('placement') or {}


def _by_owner(nodes):
    """Nodes by (user, project, placed region): one connection each."""
    groups = {}
    for node in nodes:
        groups.setdefault((node.user, node.project,
                           _placed(node).get('region')), []).append(node)
    return groups


def _run_now(function, *args, **kwargs):
    """A ``submit`` that runs the call in the caller's thread."""
    future = concurrent.futures.Future()
    try:
        future.set_result(function(*args, **kwargs))
    except BaseException as exc:  # handed to the future, as a pool would
        future.set_exception(exc)
    return future


def _failed(exc):
    future = concurrent.futures.Future()
    future.set_exception(exc)
    return future


def _message(exc):
    return getattr(exc, 'message', None) or str(exc)


def _resource_error(exc):
    if isinstance(exc, openstack_driver.CloudError):
        return base.ResourceError(exc.message, exc.resource_id)
    return exc  # the engine's own (a cancellation) or already a ResourceError


def _then_wait(compute, outer, statuses, timeout, what, posted):
    """After a POST: hand the server to the bulk waiter, then settle ``outer``."""
    error = posted.exception()
    if error is not None:
        outer.set_exception(_resource_error(error))
        return
    server_id, since, ready = posted.result()
    if ready:
        outer.set_result(server_id)
        return

    def settled(waited):
        error = waited.exception()
        if error is None:
            outer.set_result(server_id)
        else:
            outer.set_exception(_resource_error(error))

    compute.waiter.wait(server_id, statuses, since, timeout, what).add_done_callback(
        settled)


def _without_server(node, error, force):
    """A node with no server whose cloud cannot be asked for one it may have
    left (``error``): a forced delete goes on and says so in a note for the
    node's events; otherwise the error, saying how to go on.

    NOTE: with no physical id, the create never learnt of a server; only a
    create whose answer was lost can have left one, and then under the node's
    tag, where the cloud's own listing (or a later reconcile) finds it.
    """
    if not force:
        raise base.ResourceError(
            '%s; node %s has no server, so a forced delete removes it without '
            'looking for one.' % (_message(error).rstrip('.'), node.name))
    note = ('The cloud could not be asked for a server node %s may have left '
            '(%s); deleted without looking (force).' % (
                node.name, _message(error).rstrip('.')))
    LOG.warning(note)
    return note


def _then_wait_gone(compute, outer, node, cleanup, requested):
    """After DELETEs: wait for every server to go, clean up, settle ``outer``
    (with the note of :func:`_without_server`, if any)."""
    error = requested.exception()
    if error is not None:
        outer.set_exception(_resource_error(error))
        return
    pending, note = requested.result()
    if note is not None:
        outer.set_result(note)
        return
    remaining = [len(pending)]
    errors = []
    lock = threading.Lock()

    def finish():
        if errors:
            outer.set_exception(_resource_error(errors[0]))
            return
        try:
            cleanup(compute, node)
        except Exception as exc:  # noqa: BLE001 - reported as the node's reason
            outer.set_exception(_resource_error(openstack_driver.translate(
                exc, 'clean up the ports of node %s' % node.name)))
            return
        outer.set_result(None)

    if not pending:
        finish()
        return

    def gone(waited):
        with lock:
            if waited.exception() is not None:
                errors.append(waited.exception())
            remaining[0] -= 1
            last = remaining[0] == 0
        if last:
            finish()

    for server_id, since in pending:
        compute.waiter.wait(server_id, {openstack_driver.DELETED}, since,
                            compute.options.server_delete_timeout,
                            'be deleted').add_done_callback(gone)
