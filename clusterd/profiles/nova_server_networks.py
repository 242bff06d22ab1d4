"""The ``networks`` of an ``os.nova.server`` profile, in Neutron and Nova terms.

An entry with only ``network`` (and ``fixed_ip``) or only ``port`` goes to Nova as
it is.  An entry that asks for what Nova cannot do per network (``subnet``,
``security_groups``, ``vnic_type``, a floating IP) gets a port made by clusterd
before the boot, named ``clusterd-node-<node id>`` so that a retried create
reuses it and a delete finds and removes it (with the floating IPs clusterd made
for it, marked by the same text in their description).

NOTE: the Nova anchor of the tests has a Neutron stub with no networks, so only
name resolution and its errors are exercised there; the port and floating-IP
paths follow the Neutron API but have not run against a real Neutron yet.
"""

from clusterd.drivers import openstack as openstack_driver

_PORT_KEYS = ('subnet', 'security_groups', 'vnic_type', 'floating_network',
              'floating_ip')


def port_name(node):
    return 'clusterd-node-%s' % node.id


def needs_port(entry):
    return not entry.get('port') and any(entry.get(k) for k in _PORT_KEYS)


def needs_cleanup(networks):
    return any(needs_port(entry) for entry in networks)


def _find(compute, kind, finder, name_or_id, **query):
    return compute.call('find %s %s' % (kind, name_or_id), finder, name_or_id,
                        ignore_missing=False, read=True, **query)


def resolve(compute, networks):
    """Neutron ids of every entry.

    :returns: list of dicts: network_id, port_id, fixed_ip, subnet_id,
        security_group_ids, vnic_type, floating_network_id, floating_ip, own_port
    :raises CloudError: naming what could not be found.
    """
    network = compute.conn.network
    resolved = []
    for entry in networks:
        if not entry.get('network') and not entry.get('port'):
            raise openstack_driver.CloudError(
                "properties.networks: each entry needs a 'network' or a 'port'.")
        item = {'fixed_ip': entry.get('fixed_ip'), 'vnic_type': entry.get('vnic_type'),
                'floating_ip': entry.get('floating_ip'), 'own_port': needs_port(entry),
                'network_id': None, 'port_id': None, 'subnet_id': None,
                'security_group_ids': [], 'floating_network_id': None}
        if entry.get('network'):
            item['network_id'] = _find(compute, 'network', network.find_network,
                                       entry['network']).id
        if entry.get('port'):
            item['port_id'] = _find(compute, 'port', network.find_port,
                                    entry['port']).id
        if entry.get('subnet'):
            item['subnet_id'] = _find(compute, 'subnet', network.find_subnet,
                                      entry['subnet']).id
        for group in entry.get('security_groups') or []:
            item['security_group_ids'].append(_find(
                compute, 'security group', network.find_security_group, group).id)
        if entry.get('floating_network'):
            item['floating_network_id'] = _find(
                compute, 'network', network.find_network,
                entry['floating_network']).id
        resolved.append(item)
    return resolved


def make_ports(compute, node, resolved):
    """Make (or reuse, when retried) the ports clusterd owns for ``node``.

    :returns: {index in resolved: port id}
    """
    wanted = [i for i, item in enumerate(resolved) if item['own_port']]
    if not wanted:
        return {}
    network = compute.conn.network
    name = port_name(node)
    spare = compute.call('list the ports of node %s' % node.id,
                         lambda: list(network.ports(name=name)), read=True)
    ports = {}
    for index in wanted:
        item = resolved[index]
        reuse = next((p for p in spare if p.network_id == item['network_id']
                      and not p.device_id), None)
        if reuse is not None:
            spare.remove(reuse)
            ports[index] = reuse.id
            continue
        attrs = {'name': name, 'network_id': item['network_id']}
        fixed = {}
        if item['subnet_id']:
            fixed['subnet_id'] = item['subnet_id']
        if item['fixed_ip']:
            fixed['ip_address'] = item['fixed_ip']
        if fixed:
            attrs['fixed_ips'] = [fixed]
        if item['security_group_ids']:
            attrs['security_group_ids'] = item['security_group_ids']
        if item['vnic_type']:
            attrs['binding_vnic_type'] = item['vnic_type']
        port = compute.call('create a port for node %s' % node.id,
                            network.create_port, **attrs)
        ports[index] = port.id
        _attach_floating_ip(compute, node, item, port.id)
    return ports


def _attach_floating_ip(compute, node, item, port_id):
    network = compute.conn.network
    if item['floating_ip']:
        found = compute.call('find floating IP %s' % item['floating_ip'],
                             lambda: list(network.ips(
                                 floating_ip_address=item['floating_ip'])), read=True)
        if not found:
            raise openstack_driver.CloudError(
                "properties.networks: the floating IP %s could not be found."
                % item['floating_ip'])
        compute.call('attach floating IP %s' % item['floating_ip'],
                     network.update_ip, found[0], port_id=port_id)
    elif item['floating_network_id']:
        compute.call('create a floating IP for node %s' % node.id, network.create_ip,
                     floating_network_id=item['floating_network_id'],
                     port_id=port_id, description=port_name(node))


def boot_networks(resolved, ports, default):
    """The ``networks`` of a server POST."""
    if not resolved:
        return default
    result = []
    for index, item in enumerate(resolved):
        if index in ports or item['port_id']:
            result.append({'port': ports.get(index) or item['port_id']})
        else:
            entry = {'uuid': item['network_id']}
            if item['fixed_ip']:
                entry['fixed_ip'] = item['fixed_ip']
            result.append(entry)
    return result


def delete_ports(compute, node):
    """Delete the ports (and floating IPs) clusterd made for ``node``."""
    network = compute.conn.network
    name = port_name(node)
    ports = compute.call('list the ports of node %s' % node.id,
                         lambda: list(network.ports(name=name)), read=True)
    for port in ports:
        _delete_port(compute, node, port.id)


def _delete_port(compute, node, port_id):
    network = compute.conn.network
    ips = compute.call('list the floating IPs of port %s' % port_id,
                       lambda: list(network.ips(port_id=port_id)), read=True)
    for ip in ips:
        if ip.description == port_name(node):
            compute.call('delete floating IP %s' % ip.floating_ip_address,
                         network.delete_ip, ip, ignore_missing=True)
    compute.call('delete port %s' % port_id, network.delete_port, port_id,
                 ignore_missing=True)


def update(compute, node, server_id, old, new):
    """Detach the interfaces of entries gone from ``old``, attach those new in
    ``new`` (entries compare as a whole: a changed entry is removed and added)."""
    removed = [entry for entry in old if entry not in new]
    added = [entry for entry in new if entry not in old]
    if removed:
        interfaces = compute.call(
            'list the interfaces of server %s' % server_id,
            lambda: list(compute.conn.compute.server_interfaces(server_id)), read=True)
        for item in resolve(compute, removed):
            match = _matching_interface(interfaces, item)
            if match is None:
                continue  # already gone
            interfaces.remove(match)
            compute.call('detach port %s from server %s' % (match.port_id, server_id),
                         compute.conn.compute.delete_server_interface, match.port_id,
                         server=server_id)
            port = compute.call('get port %s' % match.port_id,
                                compute.conn.network.find_port, match.port_id,
                                read=True)
            if port is not None and port.name == port_name(node):
                _delete_port(compute, node, port.id)
    if added:
        resolved = resolve(compute, added)
        ports = make_ports(compute, node, resolved)
        for index, item in enumerate(resolved):
            attrs = {}
            if index in ports or item['port_id']:
                attrs['port_id'] = ports.get(index) or item['port_id']
            else:
                attrs['net_id'] = item['network_id']
                if item['fixed_ip']:
                    attrs['fixed_ips'] = [{'ip_address': item['fixed_ip']}]
            compute.call('attach an interface to server %s' % server_id,
                         compute.conn.compute.create_server_interface, server_id,
                         **attrs)


def _matching_interface(interfaces, item):
    for interface in interfaces:
        if item['port_id']:
            if interface.port_id == item['port_id']:
                return interface
            continue
        if interface.net_id != item['network_id']:
            continue
        addresses = {ip.get('ip_address') for ip in interface.fixed_ips or []}
        if item['fixed_ip'] and item['fixed_ip'] not in addresses:
            continue
        return interface
    return None
