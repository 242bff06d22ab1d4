"""Octavia of the simulated OpenStack cloud (``conn.load_balancer``).

Load balancers, listeners, pools, members and health monitors with Octavia's
two statuses: ``provisioning_status`` (``PENDING_CREATE`` / ``PENDING_UPDATE`` /
``PENDING_DELETE`` for ``[simulated] build_seconds``, then ``ACTIVE``) and
``operating_status`` (members ``NO_MONITOR`` without a health monitor, else
``ONLINE`` unless marked ``OFFLINE`` or ``ERROR`` behind clusterd's back with
``Cloud.set_member_status``; a pool and its load balancer are ``DEGRADED`` when a
member is down).  As in Octavia, a load balancer is immutable while it is
pending: a change of it or of anything under it is a 409 then.  Members need
an address on a known subnet; a subnet of the catalog is required for a VIP.
"""

import copy

from clusterd.drivers import simulated_resources as res

KINDS = ('loadbalancers', 'listeners', 'pools', 'members', 'healthmonitors')
PROTOCOLS = ('HTTP', 'HTTPS', 'TCP', 'UDP', 'TERMINATED_HTTPS', 'PROXY', 'SCTP')
ALGORITHMS = ('ROUND_ROBIN', 'LEAST_CONNECTIONS', 'SOURCE_IP', 'SOURCE_IP_PORT')
MONITOR_TYPES = ('HTTP', 'HTTPS', 'PING', 'TCP', 'TLS-HELLO', 'UDP-CONNECT')
DOWN = ('OFFLINE', 'ERROR')


def _bad(message):
    return res.http_error(400, message)


def operating_statuses(store):
    """Operating statuses from the members up (Octavia's health monitors' view)."""
    for pool in store['pools'].values():
        monitored = any(hm['pool_id'] == pool['id']
                        for hm in store['healthmonitors'].values())
        members = [m for m in store['members'].values()
                   if m['pool_id'] == pool['id']]
        for member in members:
            if member.get('forced_status'):
                member['operating_status'] = member['forced_status']
            elif not member['admin_state_up']:
                member['operating_status'] = 'OFFLINE'
            else:
                member['operating_status'] = 'ONLINE' if monitored \
                    else 'NO_MONITOR'
        down = [m for m in members if m['operating_status'] in DOWN]
        if members and len(down) == len(members):
            pool['operating_status'] = 'ERROR'
        elif down:
            pool['operating_status'] = 'DEGRADED'
        else:
            pool['operating_status'] = 'ONLINE'
    for lb in store['loadbalancers'].values():
        pools = [p for p in store['pools'].values()
                 if p['loadbalancer_id'] == lb['id']]
        lb['operating_status'] = 'DEGRADED' if any(
            p['operating_status'] in ('DEGRADED', 'ERROR') for p in pools) \
            else 'ONLINE'
        for listener in store['listeners'].values():
            if listener['loadbalancer_id'] == lb['id']:
                listener['operating_status'] = lb['operating_status']


class LoadBalancerProxy(res.Proxy):
    """openstacksdk's load_balancer proxy, over the simulated Octavia."""

    # --- state ------------------------------------------------------------------

    @property
    def _store(self):
        return self.cloud.octavia

    def _settle_all(self):
        now = self.cloud.clock()
        changed = False
        for kind in KINDS:
            for item_id, item in list(self._store[kind].items()):
                pending = item.get('pending')
                if pending and now >= pending['at']:
                    changed = True
                    if pending['status'] == 'DELETED':
                        del self._store[kind][item_id]
                        continue
                    item['provisioning_status'] = pending['status']
                    item['pending'] = None
        if changed:
            self._operating()
        return changed

    def _operating(self):
        operating_statuses(self._store)

    def _begin(self, item, status):
        if self.cloud.build_seconds <= 0:
            if status == 'PENDING_DELETE':
                return True  # gone at once
            item['provisioning_status'] = 'ACTIVE'
            item['pending'] = None
            return False
        item['provisioning_status'] = status
        item['pending'] = {'status': 'DELETED' if status == 'PENDING_DELETE'
                           else 'ACTIVE',
                           'at': self.cloud.clock() + self.cloud.build_seconds}
        return False

    def _mine(self, item):
        return item['project_id'] == self.conn.project_id

    def _get(self, kind, item_id, label):
        item_id = getattr(item_id, 'id', item_id)
        item = self._store[kind].get(item_id)
        if item is None or not self._mine(item):
            for candidate in self._store[kind].values():
                if candidate.get('name') == item_id and self._mine(candidate):
                    return candidate
            raise res.not_found(label, item_id)
        return item

    def _lb_of(self, item):
        return self._store['loadbalancers'][item['loadbalancer_id']]

    def _mutable(self, lb):
        if lb['provisioning_status'] != 'ACTIVE':
            raise res.http_error(409, 'Load Balancer %s is immutable and cannot be '
                                      'updated.' % lb['id'])

    def _touch(self, lb):
        """A change under ``lb``: it is PENDING_UPDATE for a while."""
        self._begin(lb, 'PENDING_UPDATE')

    def _view(self, item):
        shown = {k: copy.deepcopy(v) for k, v in item.items() if k != 'pending'}
        return res.Resource(**shown)

    def _new(self, kind, **values):
        item = dict(values, id=res.new_id(), project_id=self.conn.project_id,
                    operating_status='OFFLINE', pending=None,
                    created_at=res.iso(self.cloud.clock()))
        self._store[kind][item['id']] = item
        return item

    def _finish(self, item=None):
        self._operating()
        self.cloud.save()
        return None if item is None else self._view(item)

    # --- load balancers --------------------------------------------------------------

    def create_load_balancer(self, **attrs):
        self._enter('create_load_balancer', 'POST', '/v2/lbaas/loadbalancers')
        subnet = attrs.get('vip_subnet_id')
        network = attrs.get('vip_network_id')
        if not subnet and not network:
            raise _bad('Validation failure: VIP must contain one of: '
                       'vip_port_id, vip_network_id, vip_subnet_id.')
        with self.cloud.lock:
            self._settle_all()
            if subnet:
                found = self.cloud.find('subnets', subnet)
                if found is None:
                    raise _bad('Validation failure: Subnet %s not found.' % subnet)
                network = found.network_id
            else:
                found_net = self.cloud.find('networks', network)
                if found_net is None:
                    raise _bad('Validation failure: Network %s not found.'
                               % network)
                network = found_net.id
                subnet = next((s['id'] for s in self.cloud.catalog['subnets']
                               if s['network_id'] == network), None)
            vip = attrs.get('vip_address') or self.cloud.address(
                self.cloud.find('networks', network).to_dict())
            lb = self._new('loadbalancers', name=attrs.get('name') or '',
                           description=attrs.get('description') or '',
                           vip_subnet_id=subnet, vip_network_id=network,
                           vip_address=vip, vip_port_id=res.new_id(),
                           provider=attrs.get('provider') or 'amphora',
                           availability_zone=attrs.get('availability_zone'),
                           admin_state_up=attrs.get('admin_state_up', True))
            self._begin(lb, 'PENDING_CREATE')
            return self._finish(lb)

    def get_load_balancer(self, lb):
        self._enter('get_load_balancer', 'GET', '/v2/lbaas/loadbalancers/{id}')
        with self.cloud.lock:
            if self._settle_all():
                self.cloud.save()
            return self._view(self._get('loadbalancers', lb, 'LoadBalancer'))

    def find_load_balancer(self, name_or_id, ignore_missing=True):
        try:
            return self.get_load_balancer(name_or_id)
        except Exception:
            if ignore_missing:
                return None
            raise

    def load_balancers(self, **query):
        self._enter('load_balancers', 'GET', '/v2/lbaas/loadbalancers')
        with self.cloud.lock:
            self._settle_all()
            return [self._view(lb) for lb in self._store['loadbalancers'].values()
                    if self._mine(lb) and all(lb.get(k) == v
                                              for k, v in query.items())]

    def delete_load_balancer(self, lb, ignore_missing=True, cascade=False):
        self._enter('delete_load_balancer', 'DELETE',
                    '/v2/lbaas/loadbalancers/{id}')
        with self.cloud.lock:
            self._settle_all()
            try:
                found = self._get('loadbalancers', lb, 'LoadBalancer')
            except Exception:
                if ignore_missing:
                    return None
                raise
            self._mutable(found)
            children = [l for l in self._store['listeners'].values()
                        if l['loadbalancer_id'] == found['id']] + \
                [p for p in self._store['pools'].values()
                 if p['loadbalancer_id'] == found['id']]
            if children and not cascade:
                raise _bad('Cannot delete Load Balancer %s - it has children'
                           % found['id'])
            pool_ids = {p['id'] for p in self._store['pools'].values()
                        if p['loadbalancer_id'] == found['id']}
            for kind in ('members', 'healthmonitors'):
                for item_id, item in list(self._store[kind].items()):
                    if item['pool_id'] in pool_ids:
                        del self._store[kind][item_id]
            for kind in ('listeners', 'pools'):
                for item_id, item in list(self._store[kind].items()):
                    if item['loadbalancer_id'] == found['id']:
                        del self._store[kind][item_id]
            if self._begin(found, 'PENDING_DELETE'):
                del self._store['loadbalancers'][found['id']]
            return self._finish()

    # --- listeners and pools ----------------------------------------------------------

    def create_listener(self, **attrs):
        self._enter('create_listener', 'POST', '/v2/lbaas/listeners')
        if attrs.get('protocol') not in PROTOCOLS:
            raise _bad("Invalid input for field/attribute protocol. Value: '%s'."
                       % attrs.get('protocol'))
        port = attrs.get('protocol_port')
        if not isinstance(port, int) or not 1 <= port <= 65535:
            raise _bad("Invalid input for field/attribute protocol_port. Value: "
                       "'%s'." % port)
        with self.cloud.lock:
            self._settle_all()
            lb = self._get('loadbalancers', attrs.get('loadbalancer_id'),
                           'LoadBalancer')
            self._mutable(lb)
            for other in self._store['listeners'].values():
                if other['loadbalancer_id'] == lb['id'] and \
                        other['protocol_port'] == port:
                    raise res.http_error(409, 'Another Listener on this Load '
                                              'Balancer is already using '
                                              'protocol_port %d' % port)
            listener = self._new('listeners', name=attrs.get('name') or '',
                                 loadbalancer_id=lb['id'],
                                 protocol=attrs['protocol'], protocol_port=port,
                                 connection_limit=attrs.get('connection_limit', -1),
                                 default_pool_id=None,
                                 admin_state_up=attrs.get('admin_state_up', True))
            self._begin(listener, 'PENDING_CREATE')
            self._touch(lb)
            return self._finish(listener)

    def get_listener(self, listener):
        self._enter('get_listener', 'GET', '/v2/lbaas/listeners/{id}')
        with self.cloud.lock:
            self._settle_all()
            return self._view(self._get('listeners', listener, 'Listener'))

    def delete_listener(self, listener, ignore_missing=True):
        self._enter('delete_listener', 'DELETE', '/v2/lbaas/listeners/{id}')
        return self._delete_child('listeners', listener, 'Listener', ignore_missing)

    def create_pool(self, **attrs):
        self._enter('create_pool', 'POST', '/v2/lbaas/pools')
        if attrs.get('protocol') not in PROTOCOLS:
            raise _bad("Invalid input for field/attribute protocol. Value: '%s'."
                       % attrs.get('protocol'))
        if attrs.get('lb_algorithm') not in ALGORITHMS:
            raise _bad("Invalid input for field/attribute lb_algorithm. Value: "
                       "'%s'." % attrs.get('lb_algorithm'))
        with self.cloud.lock:
            self._settle_all()
            listener = None
            if attrs.get('listener_id'):
                listener = self._get('listeners', attrs['listener_id'], 'Listener')
                lb = self._lb_of(listener)
            elif attrs.get('loadbalancer_id'):
                lb = self._get('loadbalancers', attrs['loadbalancer_id'],
                               'LoadBalancer')
            else:
                raise _bad('Validation failure: a pool needs a listener_id or a '
                           'loadbalancer_id.')
            self._mutable(lb)
            pool = self._new('pools', name=attrs.get('name') or '',
                             loadbalancer_id=lb['id'],
                             listener_id=listener['id'] if listener else None,
                             protocol=attrs['protocol'],
                             lb_algorithm=attrs['lb_algorithm'],
                             session_persistence=attrs.get('session_persistence'),
                             admin_state_up=attrs.get('admin_state_up', True))
            if listener is not None:
                listener['default_pool_id'] = pool['id']
            self._begin(pool, 'PENDING_CREATE')
            self._touch(lb)
            return self._finish(pool)

    def get_pool(self, pool):
        self._enter('get_pool', 'GET', '/v2/lbaas/pools/{id}')
        with self.cloud.lock:
            self._settle_all()
            return self._view(self._get('pools', pool, 'Pool'))

    def delete_pool(self, pool, ignore_missing=True):
        self._enter('delete_pool', 'DELETE', '/v2/lbaas/pools/{id}')
        return self._delete_child('pools', pool, 'Pool', ignore_missing)

    # --- members ---------------------------------------------------------------------

    def create_member(self, pool, **attrs):
        self._enter('create_member', 'POST', '/v2/lbaas/pools/{id}/members')
        address = attrs.get('address')
        port = attrs.get('protocol_port')
        if not address:
            raise _bad('Invalid input for field/attribute address.')
        if not isinstance(port, int) or not 1 <= port <= 65535:
            raise _bad("Invalid input for field/attribute protocol_port. Value: "
                       "'%s'." % port)
        with self.cloud.lock:
            self._settle_all()
            found = self._get('pools', pool, 'Pool')
            lb = self._lb_of(found)
            self._mutable(lb)
            subnet = attrs.get('subnet_id')
            if subnet and self.cloud.find('subnets', subnet) is None:
                raise _bad('Validation failure: Subnet %s not found.' % subnet)
            for other in self._store['members'].values():
                if other['pool_id'] == found['id'] and \
                        (other['address'], other['protocol_port']) == (address, port):
                    raise res.http_error(409, 'Duplicate member %s:%d in pool %s'
                                         % (address, port, found['id']))
            member = self._new('members', name=attrs.get('name') or '',
                               pool_id=found['id'], address=address,
                               protocol_port=port, subnet_id=subnet,
                               weight=attrs.get('weight', 1),
                               admin_state_up=attrs.get('admin_state_up', True),
                               forced_status=None)
            self._begin(member, 'PENDING_CREATE')
            self._touch(lb)
            return self._finish(member)

    def get_member(self, member, pool):
        self._enter('get_member', 'GET', '/v2/lbaas/pools/{id}/members/{id}')
        with self.cloud.lock:
            self._settle_all()
            found = self._get('members', member, 'Member')
            if found['pool_id'] != self._get('pools', pool, 'Pool')['id']:
                raise res.not_found('Member', getattr(member, 'id', member))
            return self._view(found)

    def members(self, pool, **query):
        self._enter('members', 'GET', '/v2/lbaas/pools/{id}/members')
        with self.cloud.lock:
            self._settle_all()
            found = self._get('pools', pool, 'Pool')
            return [self._view(m) for m in self._store['members'].values()
                    if m['pool_id'] == found['id'] and
                    all(m.get(k) == v for k, v in query.items())]

    def update_member(self, member, pool, **attrs):
        self._enter('update_member', 'PUT', '/v2/lbaas/pools/{id}/members/{id}')
        with self.cloud.lock:
            self._settle_all()
            found = self._get('members', member, 'Member')
            lb = self._lb_of(self._get('pools', pool, 'Pool'))
            self._mutable(lb)
            for key in ('weight', 'admin_state_up', 'name'):
                if key in attrs:
                    found[key] = attrs[key]
            self._begin(found, 'PENDING_UPDATE')
            self._touch(lb)
            return self._finish(found)

    def delete_member(self, member, pool, ignore_missing=True):
        self._enter('delete_member', 'DELETE', '/v2/lbaas/pools/{id}/members/{id}')
        return self._delete_child('members', member, 'Member', ignore_missing)

    # --- health monitors -------------------------------------------------------------

    def create_health_monitor(self, **attrs):
        self._enter('create_health_monitor', 'POST', '/v2/lbaas/healthmonitors')
        if attrs.get('type') not in MONITOR_TYPES:
            raise _bad("Invalid input for field/attribute type. Value: '%s'."
                       % attrs.get('type'))
        for key in ('delay', 'timeout', 'max_retries'):
            if not isinstance(attrs.get(key), int) or attrs[key] < 1:
                raise _bad("Invalid input for field/attribute %s. Value: '%s'."
                           % (key, attrs.get(key)))
        with self.cloud.lock:
            self._settle_all()
            pool = self._get('pools', attrs.get('pool_id'), 'Pool')
            lb = self._lb_of(pool)
            self._mutable(lb)
            if any(hm['pool_id'] == pool['id']
                   for hm in self._store['healthmonitors'].values()):
                raise res.http_error(409, 'This pool already has a health '
                                          'monitor')
            monitor = self._new('healthmonitors', name=attrs.get('name') or '',
                                pool_id=pool['id'], type=attrs['type'],
                                delay=attrs['delay'], timeout=attrs['timeout'],
                                max_retries=attrs['max_retries'],
                                url_path=attrs.get('url_path', '/'),
                                expected_codes=attrs.get('expected_codes', '200'),
                                admin_state_up=attrs.get('admin_state_up', True))
            monitor['operating_status'] = 'ONLINE'
            self._begin(monitor, 'PENDING_CREATE')
            self._touch(lb)
            return self._finish(monitor)

    def get_health_monitor(self, monitor):
        self._enter('get_health_monitor', 'GET', '/v2/lbaas/healthmonitors/{id}')
        with self.cloud.lock:
            self._settle_all()
            return self._view(self._get('healthmonitors', monitor, 'HealthMonitor'))

    def delete_health_monitor(self, monitor, ignore_missing=True):
        self._enter('delete_health_monitor', 'DELETE',
                    '/v2/lbaas/healthmonitors/{id}')
        return self._delete_child('healthmonitors', monitor, 'HealthMonitor',
                                  ignore_missing)

    # --- the status tree ----------------------------------------------------------

    def get(self, path, **_kwargs):
        """The keystoneauth adapter's GET, for what the proxy lacks: Octavia's
        status tree (``/lbaas/loadbalancers/{id}/status``) only."""
        parts = path.strip('/').split('/')
        if len(parts) != 4 or parts[:2] != ['lbaas', 'loadbalancers'] or \
                parts[3] != 'status':
            raise res.not_found('Resource', path)
        self._enter('status_tree', 'GET', '/v2/lbaas/loadbalancers/{id}/status')
        with self.cloud.lock:
            if self._settle_all():
                self.cloud.save()
            lb = self._get('loadbalancers', parts[2], 'LoadBalancer')
            return _Response({'statuses': {'loadbalancer': self._tree(lb)}})

    def _tree(self, lb):
        store = self._store

        def status(item, **more):
            return dict(id=item['id'], name=item.get('name') or '',
                        provisioning_status=item['provisioning_status'],
                        operating_status=item['operating_status'], **more)

        listeners = []
        for listener in store['listeners'].values():
            if listener['loadbalancer_id'] != lb['id']:
                continue
            pools = []
            for pool in store['pools'].values():
                if pool['listener_id'] != listener['id']:
                    continue
                members = [status(m, address=m['address'],
                                  protocol_port=m['protocol_port'])
                           for m in store['members'].values()
                           if m['pool_id'] == pool['id']]
                monitor = next((status(hm, type=hm['type'])
                                for hm in store['healthmonitors'].values()
                                if hm['pool_id'] == pool['id']), None)
                entry = status(pool, members=members)
                if monitor is not None:
                    entry['health_monitor'] = monitor
                pools.append(entry)
            listeners.append(status(listener, pools=pools))
        return status(lb, listeners=listeners)

    # --- shared ----------------------------------------------------------------------

    def _delete_child(self, kind, item, label, ignore_missing):
        with self.cloud.lock:
            self._settle_all()
            try:
                found = self._get(kind, item, label)
            except Exception:
                if ignore_missing:
                    return None
                raise
            if kind in ('members', 'healthmonitors'):
                lb = self._lb_of(self._store['pools'][found['pool_id']])
            else:
                lb = self._lb_of(found)
            self._mutable(lb)
            if kind == 'listeners':
                if any(p['listener_id'] == found['id']
                       for p in self._store['pools'].values()):
                    raise res.http_error(409, 'Listener %s has a pool; delete it '
                                              'first.' % found['id'])
            if kind == 'pools':
                for child in ('members', 'healthmonitors'):
                    for item_id, other in list(self._store[child].items()):
                        if other['pool_id'] == found['id']:
                            del self._store[child][item_id]
                for listener in self._store['listeners'].values():
                    if listener['default_pool_id'] == found['id']:
                        listener['default_pool_id'] = None
            if self._begin(found, 'PENDING_DELETE'):
                del self._store[kind][found['id']]
            self._touch(lb)
            return self._finish()


class _Response:
    """What a keystoneauth adapter's GET returns, as far as ``json()``."""

    def __init__(self, body):
        self._body = body
        self.status_code = 200

    def json(self):
        return copy.deepcopy(self._body)
