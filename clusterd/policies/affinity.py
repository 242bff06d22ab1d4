"""``senlin.policy.affinity-1.0``: a cluster's servers in one Nova server group.

Spec (Senlin's)::

    type: senlin.policy.affinity
    version: 1.0
    properties:
      servergroup:
        name: web-group              # optional
        policies: anti-affinity      # affinity, soft-affinity, soft-anti-affinity
      availability_zone: az1         # optional
      enable_drs_extension: false    # true is refused: no vSphere DRS here

On attach, the group is the one named in the spec, else the one the profile's
``scheduler_hints.group`` names, when it exists: its policy must be the spec's
(400 at the attach request, else the attach action fails).  Otherwise a group
is made (with the spec's name, or ``clusterd-<cluster id>``) and deleted again
on detach; a group found is never deleted.  Each new node of a scale-out,
resize or node create boots with the group as scheduler hint, and in
``availability_zone`` when given (a zone placement policy's zone wins).  A
server Nova cannot place (anti-affinity with every host taken) ends in ERROR
with Nova's reason as the node's status reason.
"""

from oslo_log import log as logging

from clusterd.drivers import openstack as openstack_driver
from clusterd.objects import node as node_obj
from clusterd.objects import profile as profile_obj
from clusterd.policies import base
from clusterd.policies import placement
from clusterd import schema

LOG = logging.getLogger(__name__)

TYPE = 'senlin.policy.affinity'
GROUP_POLICIES = ('affinity', 'anti-affinity', 'soft-affinity',
                  'soft-anti-affinity')


class AffinityPolicy(base.Policy):
    TYPE = TYPE
    VERSION = '1.0'
    PRIORITY = 300
    # The check reads the members and the binding's group: a dry run shows the
    # group (and zone) of each new node with it.
    PRE_OP_READS_ONLY = True
    SINGLETON = True
    PROFILE_TYPES = ('os.nova.server-1.0', 'os.nova.server-1.1',
                     'os.nova.server-1.2')
    SUPPORT_STATUS = {'1.0': [{'status': 'SUPPORTED', 'since': '2026.12'}]}
    TARGET = ((base.BEFORE, 'CLUSTER_SCALE_OUT'), (base.BEFORE, 'CLUSTER_RESIZE'),
              (base.BEFORE, 'NODE_CREATE'))

    properties_schema = {
        'servergroup': schema.Map(
            'The Nova server group of the nodes.', schema={
                'name': schema.String('Name of the group (an existing one is '
                                      'used).'),
                'policies': schema.String(
                    "The group's policy.", default='anti-affinity',
                    constraints=[schema.AllowedValues(GROUP_POLICIES)]),
            }, default={}),
        'availability_zone': schema.String(
            'Availability zone the nodes boot in.'),
        'enable_drs_extension': schema.Boolean(
            'vSphere DRS placement (not supported: must be false).',
            default=False),
    }

    def validate_properties(self, properties):
        result = super().validate_properties(properties)
        if result.get('enable_drs_extension'):
            raise schema.InvalidSpec(
                'enable_drs_extension: true is not supported: clusterd has no '
                'vSphere DRS placement; remove it or set it to false.',
                'properties.enable_drs_extension')
        group = result.get('servergroup') or {}
        group.setdefault('policies', 'anti-affinity')
        result['servergroup'] = group
        return result

    @property
    def group_policy(self):
        return self.properties['servergroup']['policies']

    def _group_name(self, context, cluster):
        """The name the spec gives, else the profile's scheduler hint."""
        name = self.properties['servergroup'].get('name')
        if name:
            return name, 'properties.servergroup.name'
        profile_id = cluster['profile_id'] if isinstance(cluster, dict) else \
            cluster.profile_id
        try:
            profile = profile_obj.Profile.get(context, profile_id,
                                              project_safe=False)
        except LookupError:
            return None, None
        hints = ((profile.spec or {}).get('properties') or {}).get(
            'scheduler_hints') or {}
        return hints.get('group'), None

    def _check_group(self, group, path):
        policy = openstack_driver.server_group_policy(group)
        if policy != self.group_policy:
            raise schema.InvalidSpec(
                "The server group '%s' has policy '%s', not '%s' as the "
                'policy asks.' % (group.name, policy, self.group_policy),
                path or 'properties.servergroup.policies')

    def validate_resources(self, context, cluster=None):
        """400 when the group to reuse has another policy or the zone is not
        known; nothing when the cloud cannot be asked."""
        owner = (cluster['user'], cluster['project']) if cluster else (None, None)
        try:
            compute = placement.compute_for(self.conf, context, *owner)
            zone = self.properties.get('availability_zone')
            if zone and zone not in compute.availability_zones():
                raise schema.InvalidSpec(
                    "The availability zone '%s' is not known to the compute "
                    'service.' % zone, 'properties.availability_zone')
            if cluster is None:
                return
            name, path = self._group_name(context, cluster)
            group = compute.find_server_group(name) if name else None
        except openstack_driver.CloudError as exc:
            LOG.info('Not checking policy %s against the cloud: %s', self.name,
                     exc.message)
            return
        if group is not None:
            self._check_group(group, path)

    def attach(self, context, cluster):
        try:
            compute = placement.compute_for(self.conf, context, cluster.user,
                                            cluster.project)
            name, path = self._group_name(context, cluster)
            group = compute.find_server_group(name) if name else None
            if group is not None:
                self._check_group(group, path)
                return True, {'servergroup_id': group.id, 'created': False}
            group = compute.create_server_group(
                name or 'clusterd-%s' % cluster.id, self.group_policy)
        except openstack_driver.CloudError as exc:
            return False, 'Cannot attach %s: %s' % (self.name, exc.message)
        except schema.InvalidSpec as exc:
            return False, str(exc)
        return True, {'servergroup_id': group.id, 'created': True}

    def detach(self, context, cluster):
        data = (self.binding.data if self.binding is not None else None) or {}
        if not data.get('created') or not data.get('servergroup_id'):
            return True, ''
        try:
            compute = placement.compute_for(self.conf, context, cluster.user,
                                            cluster.project)
            compute.delete_server_group(data['servergroup_id'])
        except openstack_driver.CloudError as exc:
            return False, 'Cannot delete the server group %s: %s' % (
                data['servergroup_id'], exc.message)
        return True, ''

    def pre_op(self, context, cluster, action, decisions):
        members = [n for n in node_obj.Node.members(context, cluster.id)
                   if n.id != action.target]
        count = placement.growth(cluster, action, decisions, len(members))
        group_id = ((self.binding.data if self.binding is not None else None)
                    or {}).get('servergroup_id')
        if count <= 0 or not group_id:
            decisions.notes.append('BEFORE %s: no node to place' % self.name)
            return
        creation = decisions.creation
        if creation is None:
            creation = decisions.creation = base.CreationDecision(
                count=count, reason='the request')
        while len(creation.placements) < count:
            creation.placements.append({})
        zone = self.properties.get('availability_zone')
        for entry in creation.placements[:count]:
            entry['servergroup'] = group_id
            if zone and not entry.get('zone'):
                entry['zone'] = zone
        decisions.notes.append('BEFORE %s: %d new node(s) in server group %s (%s)%s'
                               % (self.name, count, group_id, self.group_policy,
                                  ', zone %s' % zone if zone else ''))
