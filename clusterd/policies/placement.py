"""Weighted placement of a cluster's nodes over zones or regions: the pure
planning (no database, no cloud) and what the zone and region placement
policies share.

The plan keeps the members' spread as close as it can to the weights: each new
node goes where adding it leaves the counts nearest to their weighted shares,
and each victim is taken where removing it does.  Nearest means the smallest
sum over the places of ``|count - weight / total_weight * members|``; ties go to
the place with the larger weight, then the first in the spec.  A place's
``cap`` (regions) is a hard limit on its members.

Pure functions, for the engine and for a dry run:

- :func:`plan_places` -- the place of each of N new nodes;
- :func:`removal_quota` -- how many victims each place gives;
- :func:`plan_victims` -- which nodes go, given a removal ranking;
- :func:`new_node_places` and :func:`scale_in_victims` -- the same from the
  members and the policy spec's properties (what a dry run needs).
"""

import dataclasses

from oslo_log import log as logging

from clusterd.drivers import backends
from clusterd.drivers import openstack as openstack_driver
from clusterd.objects import credential as credential_obj
from clusterd.objects import node as node_obj
from clusterd.policies import base
from clusterd.policies import scaleutils
from clusterd import schema

LOG = logging.getLogger(__name__)

# The place of a node nobody placed (made before the policy was attached):
# it has no weight, so it is the first to go in a scale-in.
UNPLACED = ''


class NoRoom(ValueError):
    """Every place is at its cap."""


@dataclasses.dataclass
class Place:
    name: str
    weight: int = 100
    cap: int = -1  # -1: no limit


def _distance(counts, places):
    total_weight = sum(p.weight for p in places)
    members = sum(counts.values())
    if not total_weight:
        return 0.0
    distance = sum(abs(counts.get(p.name, 0) - p.weight * members / total_weight)
                   for p in places)
    # Unplaced (or unknown-place) members are all off the plan.
    return distance + sum(n for name, n in counts.items()
                          if name not in {p.name for p in places})


def plan_places(counts, places, count, skip=()):
    """The place of each of ``count`` new nodes, in order.

    :param counts: {place name: members there now} (other names count as off
        the plan)
    :param places: the :class:`Place` list of the spec, in spec order
    :param skip: names not to use (a zone that failed)
    :returns: list of ``count`` names
    :raises NoRoom: with the counts and caps, when every usable place is full
    """
    counts = dict(counts)
    result = []
    usable = [p for p in places if p.name not in skip and p.weight > 0]
    for _ in range(count):
        best = None
        for order, place in enumerate(usable):
            if 0 <= place.cap <= counts.get(place.name, 0):
                continue
            trial = dict(counts)
            trial[place.name] = trial.get(place.name, 0) + 1
            key = (_distance(trial, places), -place.weight, order)
            if best is None or key < best[0]:
                best = (key, place.name)
        if best is None:
            raise NoRoom('no place has room for %d more node(s): %s' % (
                count - len(result), ', '.join(
                    '%s has %d%s' % (p.name, counts.get(p.name, 0),
                                     ' of cap %d' % p.cap if p.cap >= 0 else '')
                    for p in places)))
        counts[best[1]] = counts.get(best[1], 0) + 1
        result.append(best[1])
    return result


def removal_quota(counts, places, count):
    """How many of ``count`` victims each place gives, so that the members
    left are spread nearest to the weights.

    :returns: {place name: victims}, only places that give some
    """
    counts = dict(counts)
    order = {p.name: i for i, p in enumerate(places)}
    weight = {p.name: p.weight for p in places}
    quota = {}
    for _ in range(count):
        best = None
        for name, members in counts.items():
            if members <= 0:
                continue
            trial = dict(counts)
            trial[name] -= 1
            key = (_distance(trial, places), weight.get(name, -1),
                   order.get(name, -1))
            if best is None or key < best[0]:
                best = (key, name)
        if best is None:
            break
        counts[best[1]] -= 1
        quota[best[1]] = quota.get(best[1], 0) + 1
    return quota


def plan_victims(ranking, place_of, quota):
    """``ranking`` (``[{'id', 'name', 'reason'}]``, first to go first) reordered
    so that each place's quota of victims comes first, each place's victims in
    their ranking order; the rest follow in ranking order.

    :param place_of: {node id: place name}
    :returns: the reordered ranking (new dicts; the victims' reasons say which
        place they leave)
    """
    left = dict(quota)
    first, rest = [], []
    for entry in ranking:
        place = place_of.get(entry['id'], UNPLACED)
        if left.get(place, 0) > 0:
            left[place] -= 1
            first.append(dict(entry, reason='%s; leaves %s' % (
                entry['reason'], place or 'no recorded place')))
        else:
            rest.append(entry)
    return first + rest


def place_of(node, key):
    """The zone (``key='zone'``) or region a node was placed in, or UNPLACED."""
    return ((node.data or {}).get('placement') or {}).get(key) or UNPLACED


def counts_of(nodes, key):
    counts = {}
    for node in nodes:
        name = place_of(node, key)
        counts[name] = counts.get(name, 0) + 1
    return counts


def places_of_spec(properties, key):
    """The :class:`Place` list of a zone (``key='zone'``) or region placement
    spec's ``properties`` (validated, or as written: defaults filled in)."""
    entries = properties.get('zones' if key == 'zone' else 'regions') or []
    return [Place(e['name'], e.get('weight', 100), e.get('cap', -1))
            for e in entries]


def new_node_places(nodes, properties, key, count):
    """Where each of ``count`` new nodes goes, for a dry run or the policy.

    :param nodes: the cluster's members (objects with ``data``)
    :returns: list of ``count`` zone (region) names
    :raises NoRoom: a region cap cannot hold them
    """
    return plan_places(counts_of(nodes, key), places_of_spec(properties, key),
                       count)


def scale_in_victims(nodes, properties, key, count, ranking=None):
    """Which ``count`` members a scale-in removes to keep the spread.

    :param ranking: the removal order to respect inside each place (a deletion
        policy's ``scaleutils.rank_nodes``); default: unhealthy first, then the
        oldest, as the policy does without a deletion policy
    :returns: (victim ranking entries ``{'id', 'name', 'reason'}``, {place:
        victims})
    """
    quota = removal_quota(counts_of(nodes, key), places_of_spec(properties, key),
                          count)
    if ranking is None:
        ranking = scaleutils.rank_nodes(nodes, (), 'OLDEST_FIRST')
    ordered = plan_victims(ranking, {n.id: place_of(n, key) for n in nodes},
                           quota)
    return ordered[:count], quota


# --- what the policies share ---------------------------------------------------------

CREATING = ('CLUSTER_SCALE_OUT', 'CLUSTER_RESIZE', 'NODE_CREATE')
REMOVING = ('CLUSTER_SCALE_IN', 'CLUSTER_RESIZE')


def compute_for(conf, ctx, user_id=None, project_id=None, region_name=None):
    """The cloud connection acting for (user, project), through the owner's
    stored trust when ``[openstack] connection_source = trust``.

    :raises openstack_driver.CloudError: no connection
    """
    user_id = user_id or ctx.user_id
    project_id = project_id or ctx.project_id
    extra = {}
    if conf.openstack.connection_source == 'trust' and \
            getattr(ctx, 'db', None) is not None:
        extra['trust_id'] = credential_obj.trust_of(ctx, user_id, project_id)
    return backends.clouds(conf).compute(ctx, user_id, project_id,
                                         region_name=region_name, **extra)


def growth(cluster, action, decisions, members):
    """How many nodes ``action`` creates (0: none), as the workflow counts them."""
    inputs = action.inputs or {}
    if action.action == 'NODE_CREATE':
        return 1
    if action.action == 'CLUSTER_SCALE_OUT':
        if decisions.creation is not None:
            return decisions.creation.count
        return int(inputs.get('count') if inputs.get('count') is not None else 1)
    return resize_target(cluster, inputs, members) - members


def shrinkage(cluster, action, decisions, members):
    """How many nodes ``action`` removes (0: none)."""
    inputs = action.inputs or {}
    if action.action == 'CLUSTER_SCALE_IN':
        if decisions.deletion is not None:
            return decisions.deletion.count
        return int(inputs.get('count') if inputs.get('count') is not None else 1)
    return members - resize_target(cluster, inputs, members)


def resize_target(cluster, inputs, current):
    """The desired capacity a CLUSTER_RESIZE will reach (``current`` when it
    will be refused)."""
    if inputs.get('adjustment_type'):
        desired = scaleutils.calculate_desired(
            current, inputs['adjustment_type'], inputs.get('number') or 0,
            inputs.get('min_step'))
    else:
        desired = cluster.desired_capacity
    min_size = inputs.get('min_size')
    max_size = inputs.get('max_size')
    min_size = cluster.min_size if min_size is None else int(min_size)
    max_size = cluster.max_size if max_size is None else int(max_size)
    try:
        return scaleutils.check_size(desired, min_size, max_size,
                                     strict=inputs.get('strict', True))
    except scaleutils.CapacityError:
        return current


class WeightedPlacementPolicy(base.Policy):
    """Zone or region placement: where new nodes go, which places give victims.

    Subclasses set ``KEY`` ('zone' or 'region'), ``LIST`` (the spec property)
    and implement :meth:`known_places`.
    """

    KEY = None
    LIST = None
    SINGLETON = True
    # The check reads the members and plans with the pure functions above: a dry
    # run places new nodes (and spreads the victims) with it, as the action will.
    PRE_OP_READS_ONLY = True
    TARGET = ((base.BEFORE, 'CLUSTER_SCALE_OUT'), (base.BEFORE, 'CLUSTER_SCALE_IN'),
              (base.BEFORE, 'CLUSTER_RESIZE'), (base.BEFORE, 'NODE_CREATE'))

    def validate_properties(self, properties):
        result = super().validate_properties(properties)
        names = [entry['name'] for entry in result[self.LIST]]
        if not names:
            raise schema.InvalidSpec('At least one %s is needed.' % self.KEY,
                                     'properties.%s' % self.LIST)
        for index, name in enumerate(names):
            if name in names[:index]:
                raise schema.InvalidSpec("The %s '%s' is given twice." % (
                    self.KEY, name), 'properties.%s[%d].name' % (self.LIST, index))
        if not any(entry['weight'] for entry in result[self.LIST]):
            raise schema.InvalidSpec('At least one %s needs a weight above 0.'
                                     % self.KEY, 'properties.%s' % self.LIST)
        return result

    def places(self):
        return places_of_spec(self.properties, self.KEY)

    # --- validation against the cloud ----------------------------------------------

    def known_places(self, compute):
        """The names the cloud knows. :raises openstack_driver.CloudError:"""
        raise NotImplementedError

    def validate_resources(self, context, cluster=None):
        """400 (:class:`schema.InvalidSpec`) naming a place the cloud does not
        know; nothing when the cloud cannot be asked."""
        owner = (cluster['user'], cluster['project']) if cluster else (None, None)
        try:
            known = self.known_places(compute_for(self.conf, context, *owner))
        except openstack_driver.CloudError as exc:
            LOG.info('Not checking the %ss of policy %s against the cloud: %s',
                     self.KEY, self.name, exc.message)
            return
        for index, place in enumerate(self.places()):
            if place.name not in known:
                raise schema.InvalidSpec(
                    "The %s '%s' is not known to the cloud (it has: %s)." % (
                        self.KEY, place.name, ', '.join(sorted(known)) or 'none'),
                    'properties.%s[%d].name' % (self.LIST, index))

    def attach(self, context, cluster):
        try:
            self.validate_resources(context, {'user': cluster.user,
                                              'project': cluster.project})
        except schema.InvalidSpec as exc:
            return False, str(exc)
        return True, {}

    # --- the checks ---------------------------------------------------------------------

    def pre_op(self, context, cluster, action, decisions):
        members = [n for n in node_obj.Node.members(context, cluster.id)
                   if n.id != action.target]
        if action.action in CREATING:
            count = growth(cluster, action, decisions, len(members))
            if count > 0:
                return self._place(action, decisions, members, count)
        if action.action in REMOVING:
            count = shrinkage(cluster, action, decisions, len(members))
            if count > 0:
                return self._spread_victims(decisions, members, count)
        decisions.notes.append('BEFORE %s: no node to place or remove' % self.name)

    def _place(self, action, decisions, members, count):
        places = self.places()
        try:
            names = plan_places(counts_of(members, self.KEY), places, count)
        except NoRoom as exc:
            decisions.error = '%s: %s' % (self.name, exc)
            decisions.notes.append('BEFORE %s: refused, %s' % (self.name, exc))
            return
        creation = decisions.creation
        if creation is None:
            creation = decisions.creation = base.CreationDecision(
                count=count, reason='the request')
        while len(creation.placements) < count:
            creation.placements.append({})
        by_weight = sorted(places, key=lambda p: -p.weight)
        for placement, name in zip(creation.placements, names):
            placement[self.KEY] = name
            placement['action'] = action.id
            placement['action_name'] = action.action
            if self.KEY == 'zone':
                placement['fallback_zones'] = [p.name for p in by_weight
                                               if p.name != name and p.weight > 0]
        decisions.notes.append('BEFORE %s: %d new node(s) in %s' % (
            self.name, count, ', '.join('%s: %d' % (p.name, names.count(p.name))
                                        for p in places if p.name in names)))

    def _spread_victims(self, decisions, members, count):
        places = self.places()
        quota = removal_quota(counts_of(members, self.KEY), places, count)
        deletion = decisions.deletion
        if deletion is None:
            deletion = decisions.deletion = base.DeletionDecision(
                count=count, reason='the request')
        ranking = deletion.ranking
        if not ranking:
            # Without a deletion policy's order (it runs later and keeps this
            # spread), the oldest of a place goes first: unhealthy ones before.
            ranking = scaleutils.rank_nodes(members, deletion.candidates,
                                            'OLDEST_FIRST')
            deletion.criteria = 'OLDEST_FIRST'
        of = {n.id: place_of(n, self.KEY) for n in members}
        deletion.ranking = plan_victims(ranking, of, quota)
        spread = dict(deletion.spread or {})
        spread[self.KEY] = quota
        deletion.spread = spread
        decisions.notes.append('BEFORE %s: remove %s' % (self.name, ', '.join(
            '%d from %s' % (n, name or 'no recorded %s' % self.KEY)
            for name, n in quota.items())))
