"""``senlin.policy.region_placement-1.0``: new nodes spread over regions by
weight, each region with an optional hard cap, and scale-ins that keep the
spread.

Spec (Senlin's)::

    type: senlin.policy.region_placement
    version: 1.0
    properties:
      regions:
        - name: RegionOne
          weight: 100     # default 100
          cap: 5          # default -1 (no limit)
        - name: RegionTwo
          weight: 100

Each new node gets ``placement.region`` in its data; ``os.nova.server`` makes
(and later reads, changes and deletes) its server through a connection to that
region.  A growth the caps cannot hold fails before anything is made, naming
each region's count and cap.  The regions are checked against Keystone's
region list when the policy is created and when it is attached (400 naming the
unknown one).  The planning is :mod:`clusterd.policies.placement`.
"""

from clusterd.policies import placement
from clusterd import schema

TYPE = 'senlin.policy.region_placement'


class RegionPlacementPolicy(placement.WeightedPlacementPolicy):
    TYPE = TYPE
    VERSION = '1.0'
    PRIORITY = 200
    KEY = 'region'
    LIST = 'regions'
    # NOTE: Senlin accepted any profile; only os.nova.server uses the region,
    # so others are refused rather than silently not placed.
    PROFILE_TYPES = ('os.nova.server-1.0', 'os.nova.server-1.1',
                     'os.nova.server-1.2')
    SUPPORT_STATUS = {'1.0': [{'status': 'SUPPORTED', 'since': '2026.12'}]}

    properties_schema = {
        'regions': schema.List(
            'Regions, their weights and caps.', required=True,
            schema=schema.Map('A region.', schema={
                'name': schema.String('The region name.', required=True),
                'weight': schema.Integer(
                    'Share of the nodes, relative to the other regions.',
                    default=100, constraints=[schema.Range(min=0)]),
                'cap': schema.Integer(
                    'Most nodes in the region (-1: no limit).', default=-1,
                    constraints=[schema.Range(min=-1)]),
            })),
    }

    def known_places(self, compute):
        return compute.regions()
