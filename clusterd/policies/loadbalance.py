"""``senlin.policy.loadbalance-1.0`` to ``-1.3``: the cluster's nodes are the
members of an Octavia pool.

Senlin's spec (1.3)::

    type: senlin.policy.loadbalance
    version: 1.3
    properties:
      pool:
        protocol: HTTP              # HTTPS, TCP
        protocol_port: 80           # where the members answer
        subnet: private-subnet      # required: the members' addresses are on it
        lb_method: ROUND_ROBIN      # LEAST_CONNECTIONS, SOURCE_IP
        admin_state_up: true
        session_persistence: {type: HTTP_COOKIE, cookie_name: c}
        id: <pool id>               # 1.1: an existing pool of `loadbalancer`
      vip:
        subnet: public-subnet       # or network (1.2); one of them is required
        address: 172.24.4.10        # optional
        connection_limit: -1
        protocol: HTTP
        protocol_port: 80
        admin_state_up: true
      health_monitor:               # optional: no monitor without it
        type: HTTP                  # PING, TCP, HTTPS
        delay: 10
        timeout: 5
        max_retries: 3
        http_method: GET
        url_path: /
        expected_codes: '200'
        id: <monitor id>            # 1.1: an existing monitor
      lb_status_timeout: 300        # seconds a wait for the load balancer may take
      loadbalancer: <lb id>         # 1.1: adopt this load balancer
      flavor_id: <octavia flavor>   # 1.2
      availability_zone: <az>       # 1.3
      drain_timeout: 0              # clusterd: seconds a leaving member drains

Attach creates the load balancer, listener, pool and health monitor (or
adopts the load balancer of ``loadbalancer``, and its pool when ``pool.id``
names one), waiting for each change to land, and adds every node as a member;
Senlin's binding data (``{LoadBalancingPolicy: {version, data}}``) and
``cluster.data.loadbalancers`` say what was made.  Growth (scale out, resize,
add nodes, node create, replace, recover) adds members once the nodes exist
(AFTER checks); shrink removes the victims' members before the nodes go
(BEFORE checks, so before the deletion policy's grace period and lifecycle
hook hold the victims, and before their deletion), first setting their weight
to 0 for ``drain_timeout`` seconds.  Detach removes what attach made and
nothing else.  Every Octavia call goes through
:class:`clusterd.drivers.openstack.LoadBalancing` (waits out PENDING_*,
retries the 409 it causes, bounded).
"""

import time

from oslo_log import log as logging

from clusterd import context as context_mod
from clusterd.drivers import backends
from clusterd.drivers import openstack as openstack_driver
from clusterd.objects import cluster as cluster_obj
from clusterd.objects import credential as credential_obj
from clusterd.objects import node as node_obj
from clusterd.objects import profile as profile_obj
from clusterd import plugins
from clusterd.policies import base
from clusterd.policies import deletion as deletion_policy
from clusterd.policies import scaleutils
from clusterd import schema
from clusterd import states

LOG = logging.getLogger(__name__)

TYPE = 'senlin.policy.loadbalance'
# The key of the binding data, as Senlin kept it (imported bindings keep it).
DATA_KEY = 'LoadBalancingPolicy'
# Where a node keeps its member id (Senlin's key).
MEMBER_KEY = 'lb_member'
# The physical id the member was added for (clusterd).
MEMBER_FOR_KEY = 'lb_member_for'

PROTOCOLS = ('HTTP', 'HTTPS', 'TCP')
LB_METHODS = ('ROUND_ROBIN', 'LEAST_CONNECTIONS', 'SOURCE_IP')
PERSISTENCE = ('SOURCE_IP', 'HTTP_COOKIE', 'APP_COOKIE', 'NONE')
MONITORS = ('PING', 'TCP', 'HTTP', 'HTTPS')
PORT = [schema.Range(min=1, max=65535)]

GROW = ('CLUSTER_ADD_NODES', 'CLUSTER_SCALE_OUT', 'CLUSTER_RESIZE', 'NODE_RECOVER',
        'NODE_CREATE', 'CLUSTER_REPLACE_NODES', 'CLUSTER_RECOVER')
SHRINK = ('CLUSTER_DEL_NODES', 'CLUSTER_SCALE_IN', 'CLUSTER_RESIZE', 'NODE_DELETE',
          'CLUSTER_REPLACE_NODES')


def _pool_schema(with_id):
    found = {
        'protocol': schema.String('Protocol of the members.', default='HTTP',
                                  constraints=[schema.AllowedValues(PROTOCOLS)]),
        'protocol_port': schema.Integer('Port the members answer on.',
                                        default=80, constraints=PORT),
        'subnet': schema.String("Subnet of the members' addresses.",
                                required=True),
        'lb_method': schema.String('Balancing algorithm.', default='ROUND_ROBIN',
                                   constraints=[schema.AllowedValues(LB_METHODS)]),
        'admin_state_up': schema.Boolean('Pool enabled.', default=True),
        'session_persistence': schema.Map(
            'Session persistence.', default={}, schema={
                'type': schema.String('Persistence type.', constraints=[
                    schema.AllowedValues(PERSISTENCE)]),
                'cookie_name': schema.String('Cookie (APP_COOKIE).'),
            }),
    }
    if with_id:
        found['id'] = schema.String('An existing pool of the load balancer.')
    return found


def _vip_schema(with_network):
    found = {
        'subnet': schema.String('Subnet of the VIP.'),
        'address': schema.String('The VIP address.'),
        'connection_limit': schema.Integer('Connections at most (-1: no limit).',
                                           default=-1,
                                           constraints=[schema.Range(min=-1)]),
        'protocol': schema.String('Protocol of the listener.', default='HTTP',
                                  constraints=[schema.AllowedValues(PROTOCOLS)]),
        'protocol_port': schema.Integer('Port of the listener.', default=80,
                                        constraints=PORT),
        'admin_state_up': schema.Boolean('Listener enabled.', default=True),
    }
    if with_network:
        found['network'] = schema.String('Network of the VIP.')
    return found


def _monitor_schema(with_id):
    found = {
        'type': schema.String('Probe type.', default='PING',
                              constraints=[schema.AllowedValues(MONITORS)]),
        'delay': schema.Integer('Seconds between probes.', default=10,
                                constraints=[schema.Range(min=1)]),
        'timeout': schema.Integer('Seconds a probe may take.', default=5,
                                  constraints=[schema.Range(min=1)]),
        'max_retries': schema.Integer('Failed probes before a member is down.',
                                      default=3,
                                      constraints=[schema.Range(min=1, max=10)]),
        'admin_state_up': schema.Boolean('Monitor enabled.', default=True),
        'http_method': schema.String('HTTP method (HTTP/HTTPS).', default='GET'),
        'url_path': schema.String('Path probed (HTTP/HTTPS).', default='/'),
        'expected_codes': schema.String('Healthy answers (HTTP/HTTPS).',
                                        default='200'),
    }
    if with_id:
        found['id'] = schema.String('An existing health monitor.')
    return found


def _path(*parts):
    return '.'.join(('properties',) + parts)


def octavia(conf, context, user_id, project_id, timeout=None):
    """The :class:`LoadBalancing` acting for (user, project), through the
    owner's stored trust as the profiles' connections are."""
    extra = {}
    db = getattr(context, 'db', None)
    if conf.openstack.connection_source == 'trust' and db is not None:
        extra = {'trust_id': credential_obj.trust_of(context, user_id, project_id),
                 'on_bad_trust': lambda trust_id: credential_obj.forget(
                     context_mod.admin_context(db), user_id, project_id,
                     trust_id)}
    found = backends.clouds(conf).load_balancing(context, user_id, project_id,
                                                 **extra)
    if timeout:
        found.timeout = timeout
    return found


def binding_data(data):
    """The policy's own part of a binding's data (Senlin's shape), or {}."""
    return ((data or {}).get(DATA_KEY) or {}).get('data') or {}


class Failure(Exception):
    """An Octavia step failed; the message says which."""


class LoadBalancingPolicy10(base.Policy):
    """Cluster members in an Octavia pool (version 1.0)."""

    TYPE = TYPE
    VERSION = '1.0'
    PRIORITY = 500
    SINGLETON = True
    PROFILE_TYPES = ('os.nova.server-1.0', 'os.nova.server-1.1',
                     'os.nova.server-1.2')
    SUPPORT_STATUS = {'1.0': [{'status': 'SUPPORTED', 'since': '2026.12'}]}
    TARGET = tuple((base.AFTER, name) for name in GROW) + \
        tuple((base.BEFORE, name) for name in SHRINK)

    # What the versions added (Senlin's history): 1.1 adopting a load balancer
    # (and its pool and monitor), 1.2 a VIP network and an Octavia flavor, 1.3
    # an availability zone.
    ADOPTS = False
    VIP_NETWORK = False
    FLAVOR = False
    ZONE = False

    @classmethod
    def _schema(cls):
        found = {
            'pool': schema.Map('The pool of the members.',
                               schema=_pool_schema(cls.ADOPTS), required=True),
            'vip': schema.Map('The virtual IP and its listener.',
                              schema=_vip_schema(cls.VIP_NETWORK), required=True),
            'health_monitor': schema.Map('The pool health monitor.',
                                         schema=_monitor_schema(cls.ADOPTS)),
            'lb_status_timeout': schema.Integer(
                'Seconds a wait for the load balancer may take.', default=300,
                constraints=[schema.Range(min=1)]),
            'drain_timeout': schema.Integer(
                'Seconds a leaving member keeps weight 0 (its connections '
                'drain) before it is removed (clusterd; 0: at once, as Senlin).',
                default=0, constraints=[schema.Range(min=0)]),
        }
        if cls.ADOPTS:
            found['loadbalancer'] = schema.String(
                'An existing load balancer to use (left in place on detach).')
        if cls.FLAVOR:
            found['flavor_id'] = schema.String('Octavia flavor of the load '
                                               'balancer.')
        if cls.ZONE:
            found['availability_zone'] = schema.String(
                'Octavia availability zone of the load balancer.')
        return found

    def validate_properties(self, properties):
        result = schema.validate(self._schema(), properties)
        vip = result['vip']
        if not vip.get('subnet') and not vip.get('network'):
            raise schema.InvalidSpec(
                "Required spec item 'subnet' not provided (give the VIP's subnet"
                "%s)" % (' or network' if self.VIP_NETWORK else ''),
                _path('vip', 'subnet'))
        pool_id = result['pool'].get('id')
        if pool_id and not result.get('loadbalancer'):
            raise schema.InvalidSpec('an existing pool needs the load balancer '
                                     "it belongs to in 'loadbalancer'",
                                     _path('pool', 'id'))
        return result

    # --- attach and detach -------------------------------------------------------

    def attach_problem(self, context, cluster_id):
        """Why the cluster cannot carry this policy, as a 400 naming the field
        (:class:`schema.InvalidSpec`), or None: its profile must give its nodes
        network addresses."""
        cluster = cluster_obj.Cluster.get(context, cluster_id, project_safe=False)
        profile = profile_obj.Profile.get(context, cluster.profile_id,
                                          project_safe=False)
        if profile.type not in self.PROFILE_TYPES:
            return schema.InvalidSpec(
                "the profile type '%s' gives its nodes no network addresses to "
                "add to a load balancer pool (use one of: %s)" % (
                    profile.type, ', '.join(self.PROFILE_TYPES)), 'profile_id')
        return None

    def _octavia(self, context, cluster):
        return octavia(self.conf, context, cluster.user, cluster.project,
                       timeout=self.properties['lb_status_timeout'])

    def _subnet(self, context, cluster, name_or_id, path):
        """(subnet id, network name) of a subnet the nodes' cloud knows."""
        compute = _compute(self.conf, context, cluster.user, cluster.project)
        network = compute.conn.network
        try:
            subnet = compute.call('find subnet %s' % name_or_id,
                                  network.find_subnet, name_or_id, read=True)
            if subnet is None:
                raise Failure("%s: the subnet '%s' could not be found."
                              % (path, name_or_id))
            net = compute.call('get network %s' % subnet.network_id,
                               network.find_network, subnet.network_id,
                               read=True)
        except openstack_driver.CloudError as exc:
            raise Failure('%s: %s' % (path, exc.message)) from exc
        return subnet.id, getattr(net, 'name', None) or subnet.network_id

    def _vip_network(self, context, cluster, name_or_id):
        compute = _compute(self.conf, context, cluster.user, cluster.project)
        try:
            net = compute.call('find network %s' % name_or_id,
                               compute.conn.network.find_network, name_or_id,
                               read=True)
        except openstack_driver.CloudError as exc:
            raise Failure('%s: %s' % (_path('vip', 'network'), exc.message)) \
                from exc
        if net is None:
            raise Failure("%s: the network '%s' could not be found."
                          % (_path('vip', 'network'), name_or_id))
        return net.id

    def attach(self, context, cluster):
        problem = self.attach_problem(context, cluster.id)
        if problem is not None:
            return False, str(problem)
        props = self.properties
        lb = self._octavia(context, cluster)
        made = {}
        try:
            data = self._build(context, cluster, lb, made)
            nodes = node_obj.Node.members(context, cluster.id)
            failed = self._add_members(context, cluster, lb, data, nodes)
            if failed:
                raise Failure('Failed to add %d node(s) to the pool: %s' % (
                    len(failed), '; '.join(failed)))
        except (Failure, openstack_driver.CloudError) as exc:
            reason = getattr(exc, 'message', None) or str(exc)
            self._undo(context, cluster, lb, dict(made, made=list(made)))
            return False, 'Failed to attach the load-balancing policy: %s' % reason
        data['made'] = list(made)
        data['drain_timeout'] = props['drain_timeout']
        self._show(context, cluster, data)
        return True, {DATA_KEY: {'version': self.VERSION, 'data': data}}

    def _build(self, context, cluster, lb, made):
        """Create (or adopt) the load balancer and what hangs under it; ``made``
        collects what was created, for the undo."""
        props = self.properties
        pool_spec, vip = props['pool'], props['vip']
        subnet_id, network = self._subnet(context, cluster, pool_spec['subnet'],
                                          _path('pool', 'subnet'))
        data = {'subnet': subnet_id, 'network': network,
                'protocol_port': pool_spec['protocol_port'],
                'preexisting': bool(props.get('loadbalancer'))}
        if props.get('loadbalancer'):
            found = lb.get_load_balancer(props['loadbalancer'])
            if found is None:
                raise Failure("%s: the load balancer '%s' could not be found."
                              % (_path('loadbalancer'), props['loadbalancer']))
            lb_id = found.id
            lb.wait_active(lb_id, settled=True)
        else:
            attrs = {'name': 'clusterd-lb-%s' % cluster.id[:8]}
            if vip.get('subnet'):
                attrs['vip_subnet_id'] = self._subnet(
                    context, cluster, vip['subnet'], _path('vip', 'subnet'))[0]
            else:
                attrs['vip_network_id'] = self._vip_network(context, cluster,
                                                            vip['network'])
            if vip.get('address'):
                attrs['vip_address'] = vip['address']
            if props.get('flavor_id'):
                attrs['flavor_id'] = props['flavor_id']
            if props.get('availability_zone'):
                attrs['availability_zone'] = props['availability_zone']
            lb_id = lb.create_load_balancer(**attrs)
            made['loadbalancer'] = lb_id
        data['loadbalancer'] = lb_id
        found = lb.get_load_balancer(lb_id)
        data['vip_address'] = getattr(found, 'vip_address', None)
        if pool_spec.get('id'):
            pool = lb.get_pool(pool_spec['id'])
            if pool is None:
                raise Failure("%s: the pool '%s' could not be found."
                              % (_path('pool', 'id'), pool_spec['id']))
            data['pool'] = pool.id
            listeners = pool.listeners or []
            data['listener'] = listeners[0].get('id') if listeners and \
                isinstance(listeners[0], dict) else pool.listener_id
        else:
            listener = lb.create_listener(
                lb_id, name='clusterd-listener-%s' % cluster.id[:8],
                protocol=vip['protocol'], protocol_port=vip['protocol_port'],
                connection_limit=vip['connection_limit'],
                admin_state_up=vip['admin_state_up'])
            made['listener'] = listener
            data['listener'] = listener
            attrs = {'name': 'clusterd-pool-%s' % cluster.id[:8],
                     'listener_id': listener, 'protocol': pool_spec['protocol'],
                     'lb_algorithm': pool_spec['lb_method'],
                     'admin_state_up': pool_spec['admin_state_up']}
            persistence = {k: v for k, v in
                           (pool_spec.get('session_persistence') or {}).items()
                           if v}
            if persistence and persistence.get('type') != 'NONE':
                attrs['session_persistence'] = persistence
            data['pool'] = made['pool'] = lb.create_pool(lb_id, **attrs)
        monitor = props.get('health_monitor') or {}
        if monitor.get('id'):
            data['healthmonitor'] = monitor['id']
        elif monitor:
            attrs = {k: monitor[k] for k in ('type', 'delay', 'timeout',
                                             'max_retries', 'admin_state_up')}
            attrs['max_retries_down'] = monitor['max_retries']
            if monitor['type'] in ('HTTP', 'HTTPS'):
                attrs.update(http_method=monitor['http_method'],
                             url_path=monitor['url_path'],
                             expected_codes=monitor['expected_codes'])
            data['healthmonitor'] = made['healthmonitor'] = \
                lb.create_health_monitor(lb_id, data['pool'], **attrs)
        else:
            data['healthmonitor'] = None
        return data

    def _undo(self, context, cluster, lb, data):
        """Remove what ``data['made']`` says was made (and the members added
        to a pool that stays).  :returns: the problems met."""
        problems = []
        made = set(data.get('made') or ())
        lb_id = data.get('loadbalancer')
        nodes = node_obj.Node.for_cluster(context, cluster.id)
        try:
            if 'loadbalancer' in made and lb_id:
                lb.delete_load_balancer(lb_id)
            else:
                if 'pool' not in made and data.get('pool'):
                    for node in nodes:
                        member = (node.data or {}).get(MEMBER_KEY)
                        if member:
                            lb.remove_member(lb_id, data['pool'], member)
                for key, kind in (('healthmonitor', 'health_monitor'),
                                  ('pool', 'pool'), ('listener', 'listener')):
                    if key in made and data.get(key):
                        lb.delete_child(lb_id, kind, data[key])
        except openstack_driver.CloudError as exc:
            problems.append(exc.message)
        for node in nodes:
            if MEMBER_KEY in (node.data or {}):
                _set_member(context, node, None)
        return problems

    def detach(self, context, cluster):
        try:
            binding = cluster_obj.ClusterPolicy.find(context, cluster.id, self.id)
            data = binding_data(binding.data)
        except LookupError:
            data = {}
        if data:
            if 'made' not in data:
                # Senlin's data (an imported binding): it made everything
                # unless the load balancer was there before.
                data = dict(data, made=[] if data.get('preexisting') else
                            ['loadbalancer', 'listener', 'pool', 'healthmonitor'])
            lb = self._octavia(context, cluster)
            problems = self._undo(context, cluster, lb, data)
            if problems:
                return False, 'Failed to detach the load-balancing policy: %s' % \
                    '; '.join(problems)
        self._show(context, cluster, None)
        return True, 'Load-balancing policy detached.'

    def _show(self, context, cluster, data):
        """``cluster.data.loadbalancers[policy id]`` (Senlin's place for the
        VIP), with the policy's objects; ``None`` removes it."""
        current = cluster_obj.Cluster.get(context, cluster.id, project_safe=False)
        values = dict(current.data or {})
        shown = dict(values.get('loadbalancers') or {})
        if data is None:
            shown.pop(self.id, None)
        else:
            shown[self.id] = {k: data.get(k) for k in (
                'vip_address', 'loadbalancer', 'listener', 'pool',
                'healthmonitor')}
        if shown:
            values['loadbalancers'] = shown
        else:
            values.pop('loadbalancers', None)
        cluster_obj.Cluster.update(context, cluster.id, data=values)

    # --- members -----------------------------------------------------------------

    def _data(self, context, cluster):
        binding = self.binding
        if binding is None or binding.cluster_id != cluster.id:
            binding = cluster_obj.ClusterPolicy.find(context, cluster.id, self.id)
        data = dict(binding_data(binding.data))
        if data and not (data.get('network') and data.get('subnet')):
            # Senlin's data (an imported binding) names no subnet: the spec's.
            data['subnet'], data['network'] = self._subnet(
                context, cluster, self.properties['pool']['subnet'],
                _path('pool', 'subnet'))
        data.setdefault('protocol_port', self.properties['pool']['protocol_port'])
        return data

    def _addresses(self, context, nodes, network):
        """{node id: address on ``network``} from one server list per owner."""
        result = {}
        groups = {}
        for node in nodes:
            groups.setdefault(node.profile_id, []).append(node)
        for profile_id, group in groups.items():
            stored = profile_obj.Profile.get(context, profile_id, project_safe=False)
            profile = plugins.profile_class(stored.type).from_object(stored,
                                                                     self.conf)
            for node_id, where in profile.endpoints(context, group,
                                                    network).items():
                result[node_id] = where.get('node_ip')
        return result

    def _add_members(self, context, cluster, lb, data, nodes):
        """Make each of ``nodes`` a member at its current address (replacing a
        member at another address).  :returns: the failures, one line each."""
        nodes = [n for n in nodes if n.physical_id and n.status not in (
            states.N_DELETING, states.N_ERROR, states.N_CREATING)]
        if not nodes:
            return []
        addresses = self._addresses(context, nodes, data['network'])
        pool = lb.members(data['pool'])
        existing = {m.id: m.address for m in pool}
        at = {(m.address, m.protocol_port): m.id for m in pool}
        failed = []
        for node in nodes:
            address = addresses.get(node.id)
            member = (node.data or {}).get(MEMBER_KEY)
            if member and existing.get(member) == address:
                continue
            found = at.get((address, data['protocol_port']))
            if address and found:
                # A member at the node's address that it does not record: an
                # earlier attempt added it and died (its engine killed) before
                # recording it.  Octavia refuses a second one (409): keep it.
                _set_member(context, node, found)
                continue
            try:
                if not address:
                    raise Failure("the node has no address on network '%s'"
                                  % data['network'])
                if member and member in existing:
                    lb.remove_member(data['loadbalancer'], data['pool'], member)
                new = lb.add_member(data['loadbalancer'], data['pool'], address,
                                    data['protocol_port'],
                                    subnet_id=data['subnet'],
                                    name=node.name)
            except (Failure, openstack_driver.CloudError) as exc:
                reason = getattr(exc, 'message', None) or str(exc)
                failed.append('%s: %s' % (node.name, reason))
                node_obj.Node.set_status(
                    context, node.id, states.N_WARNING,
                    'Failed to add the node to the load balancer pool: %s'
                    % reason)
                continue
            _set_member(context, node, new)
        return failed

    def _remove_members(self, context, cluster, lb, data, nodes):
        """Drain (weight 0, ``drain_timeout`` s) then remove the members of
        ``nodes``.  :returns: the failures, one line each."""
        leaving = [(n, (n.data or {}).get(MEMBER_KEY)) for n in nodes
                   if (n.data or {}).get(MEMBER_KEY)]
        if not leaving:
            return []
        failed = []
        drain = int(self.properties['drain_timeout'] or 0)
        if drain:
            for node, member in leaving:
                try:
                    lb.update_member(data['loadbalancer'], data['pool'], member,
                                     weight=0)
                except openstack_driver.CloudError as exc:
                    if not exc.not_found:
                        LOG.warning('Could not drain member %s of node %s: %s',
                                    member, node.id, exc.message)
            time.sleep(drain)
        for node, member in leaving:
            try:
                lb.remove_member(data['loadbalancer'], data['pool'], member)
            except openstack_driver.CloudError as exc:
                failed.append('%s: %s' % (node.name, exc.message))
                node_obj.Node.set_status(
                    context, node.id, states.N_WARNING,
                    'Failed to remove the node from the load balancer pool: %s'
                    % exc.message)
                continue
            _set_member(context, node, None)
        return failed

    # --- checks ------------------------------------------------------------------

    def pre_op(self, context, cluster, action, decisions):
        try:
            data = self._data(context, cluster)
        except Failure as exc:
            decisions.error = str(exc)
            return
        if not data:
            return
        victims = self._victims(context, cluster, action, decisions)
        if not victims:
            decisions.notes.append('BEFORE %s: no member leaves' % self.name)
            return
        lb = self._octavia(context, cluster)
        failed = self._remove_members(context, cluster, lb, data, victims)
        if failed:
            decisions.error = 'Failed to remove %d node(s) from the load ' \
                'balancer pool: %s' % (len(failed), '; '.join(failed))
            return
        decisions.notes.append('BEFORE %s: removed %d member(s) from pool %s%s: '
                               '%s' % (self.name, len(victims), data['pool'],
                                       ' after %d s of drain'
                                       % self.properties['drain_timeout']
                                       if self.properties['drain_timeout'] else '',
                                       ', '.join(v.name for v in victims)))

    def _victims(self, context, cluster, action, decisions):
        """The nodes about to leave, deciding them (at random, Senlin's
        default) when no deletion policy did."""
        inputs = action.inputs or {}
        name = action.action
        if name == 'NODE_DELETE':
            return node_obj.Node.for_cluster(context, cluster.id,
                                             ids=[action.target])
        if name == 'CLUSTER_DEL_NODES':
            return node_obj.Node.for_cluster(context, cluster.id,
                                             ids=list(inputs.get('nodes') or []))
        if name == 'CLUSTER_REPLACE_NODES':
            return node_obj.Node.for_cluster(
                context, cluster.id, ids=list((inputs.get('nodes') or {}).keys()))
        nodes = node_obj.Node.members(context, cluster.id)
        deletion = decisions.deletion
        if deletion is not None and deletion.candidates:
            ids = list(deletion.candidates)[:deletion.count]
            return [n for n in nodes if n.id in ids]
        if name == 'CLUSTER_SCALE_IN':
            count = deletion.count if deletion else int(
                inputs.get('count') if inputs.get('count') is not None else 1)
            floor = cluster.min_size or 0
            if len(nodes) - count < floor:
                if not inputs.get('best_effort'):
                    return []  # the size check fails the action: nothing leaves
                count = max(len(nodes) - floor, 0)
            how = 'the scale-in count'
        else:  # CLUSTER_RESIZE
            try:
                target = deletion_policy._resize_target(cluster, inputs, len(nodes))
                target = scaleutils.check_size(
                    target, inputs.get('min_size', cluster.min_size),
                    inputs.get('max_size', cluster.max_size),
                    strict=inputs.get('strict', True))
            except (scaleutils.CapacityError, TypeError, ValueError):
                return []
            count = len(nodes) - target
            how = 'the resize request'
        if count <= 0:
            return []
        if deletion is not None and deletion.ranking:
            # A placement policy ranked them (its spread): the workflow takes
            # the first of that ranking.
            chosen = [entry['id'] for entry in deletion.ranking[:count]]
            return [n for n in nodes if n.id in chosen]
        ranking = scaleutils.rank_nodes(nodes, [], 'RANDOM')
        chosen = [entry['id'] for entry in ranking[:count]]
        # The workflow removes these (it follows the decision's ranking).
        decisions.deletion = base.DeletionDecision(
            count=count, candidates=chosen, reason='%s; victims chosen by the '
            'load-balancing policy (RANDOM)' % how, criteria='RANDOM',
            ranking=ranking)
        return [n for n in nodes if n.id in chosen]

    def post_op(self, context, cluster, action, decisions):
        try:
            data = self._data(context, cluster)
        except Failure as exc:
            decisions.error = str(exc)
            return
        if not data:
            return
        name = action.action
        if name in ('NODE_CREATE', 'NODE_RECOVER'):
            nodes = node_obj.Node.for_cluster(context, cluster.id,
                                              ids=[action.target])
        else:
            nodes = node_obj.Node.members(context, cluster.id)
        lb = self._octavia(context, cluster)
        try:
            failed = self._add_members(context, cluster, lb, data, nodes)
        except openstack_driver.CloudError as exc:
            failed = [exc.message]
        if failed:
            decisions.error = 'Failed to add %d node(s) to the load balancer ' \
                'pool: %s' % (len(failed), '; '.join(failed))
            return
        decisions.notes.append('AFTER %s: every member of pool %s is in place'
                               % (self.name, data['pool']))

    def adopt(self, data, last_op=None):
        """Senlin's binding data as it is (``detach`` reads its shape)."""
        return dict(data or {})


class LoadBalancingPolicy11(LoadBalancingPolicy10):
    VERSION = '1.1'
    SUPPORT_STATUS = {'1.1': [{'status': 'SUPPORTED', 'since': '2026.12'}]}
    ADOPTS = True


class LoadBalancingPolicy12(LoadBalancingPolicy11):
    VERSION = '1.2'
    SUPPORT_STATUS = {'1.2': [{'status': 'SUPPORTED', 'since': '2026.12'}]}
    VIP_NETWORK = True
    FLAVOR = True


class LoadBalancingPolicy13(LoadBalancingPolicy12):
    VERSION = '1.3'
    SUPPORT_STATUS = {'1.3': [{'status': 'SUPPORTED', 'since': '2026.12'}]}
    ZONE = True


for _cls in (LoadBalancingPolicy10, LoadBalancingPolicy11, LoadBalancingPolicy12,
             LoadBalancingPolicy13):
    # (For ``policy type show``; validate_properties checks the same schema.)
    _cls.properties_schema = _cls._schema()


def _compute(conf, context, user_id, project_id):
    extra = {}
    db = getattr(context, 'db', None)
    if conf.openstack.connection_source == 'trust' and db is not None:
        extra = {'trust_id': credential_obj.trust_of(context, user_id, project_id)}
    return backends.clouds(conf).compute(context, user_id, project_id, **extra)


def _set_member(context, node, member_id):
    """Keep (or with None forget) the node's member id in its data, with the
    physical id it was made for (a recreated node's old member is not its
    health: :mod:`clusterd.health.detectors`)."""
    current = node_obj.Node.get(context, node.id, project_safe=False)
    values = dict(current.data or {})
    if member_id:
        values[MEMBER_KEY] = member_id
        values[MEMBER_FOR_KEY] = current.physical_id
    else:
        values.pop(MEMBER_KEY, None)
        values.pop(MEMBER_FOR_KEY, None)
    node_obj.Node.update(context, node.id, data=values)
    node.data = values
