"""``senlin.policy.zone_placement-1.0``: new nodes spread over availability
zones by weight, and scale-ins that keep the spread.

Spec (Senlin's)::

    type: senlin.policy.zone_placement
    version: 1.0
    properties:
      zones:
        - name: az1
          weight: 200     # default 100
        - name: az2
          weight: 100

Unlike Senlin's (which only steered the victims of a scale-in), the plan
places the nodes: each new node of a scale-out, resize or node create gets
``placement.zone`` in its data and ``os.nova.server`` boots it there
(``availability_zone``).  A zone where a server cannot be built (Nova puts it
in ERROR, e.g. "No valid host") is skipped for the rest of the action: the
node is made in the next zone by weight, and an event on the cluster says so.
The zones are checked against the compute service's availability zones when
the policy is created and when it is attached (400 naming the unknown one).
The planning is :mod:`clusterd.policies.placement`.
"""

from clusterd.policies import placement
from clusterd import schema

TYPE = 'senlin.policy.zone_placement'


class ZonePlacementPolicy(placement.WeightedPlacementPolicy):
    TYPE = TYPE
    VERSION = '1.0'
    PRIORITY = 300
    KEY = 'zone'
    LIST = 'zones'
    PROFILE_TYPES = ('os.nova.server-1.0', 'os.nova.server-1.1',
                     'os.nova.server-1.2')
    SUPPORT_STATUS = {'1.0': [{'status': 'SUPPORTED', 'since': '2026.12'}]}

    properties_schema = {
        'zones': schema.List(
            'Availability zones and their weights.', required=True,
            schema=schema.Map('An availability zone.', schema={
                'name': schema.String('The availability zone name.',
                                      required=True),
                'weight': schema.Integer(
                    'Share of the nodes, relative to the other zones.',
                    default=100, constraints=[schema.Range(min=0)]),
            })),
    }

    def known_places(self, compute):
        return compute.availability_zones()
