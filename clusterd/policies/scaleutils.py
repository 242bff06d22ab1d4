"""Capacity arithmetic and victim selection, with Senlin's rules."""

import hashlib
import math
import random
import string

EXACT_CAPACITY = 'EXACT_CAPACITY'
CHANGE_IN_CAPACITY = 'CHANGE_IN_CAPACITY'
CHANGE_IN_PERCENTAGE = 'CHANGE_IN_PERCENTAGE'
ADJUSTMENT_TYPES = (EXACT_CAPACITY, CHANGE_IN_CAPACITY, CHANGE_IN_PERCENTAGE)


class CapacityError(ValueError):
    pass


def calculate_desired(current, adjustment_type, number, min_step=None):
    """The new desired capacity for a resize request.

    A percentage change whose magnitude is below 1 rounds away from zero; above 1 it
    truncates toward zero; ``min_step`` is the smallest change a percentage makes.
    """
    if adjustment_type == EXACT_CAPACITY:
        return int(number)
    if adjustment_type == CHANGE_IN_CAPACITY:
        return current + int(number)
    delta = current * float(number) / 100.0
    if abs(delta) < 1.0:
        delta = math.copysign(1, delta) if delta else 0
    else:
        delta = math.trunc(delta)
    if min_step and abs(delta) < min_step:
        delta = math.copysign(min_step, delta)
    return current + int(delta)


def check_size(desired, min_size, max_size, strict=True):
    """Check (or, when not strict, clip) ``desired`` against the limits.

    :returns: the desired capacity to use
    :raises CapacityError: with Senlin's message when strict and out of range
    """
    if min_size is not None and desired < min_size:
        if strict:
            raise CapacityError("The target capacity (%d) is less than the "
                                "cluster's min_size (%d)." % (desired, min_size))
        desired = min_size
    if max_size is not None and max_size >= 0 and desired > max_size:
        if strict:
            raise CapacityError("The target capacity (%d) is greater than the "
                                "cluster's max_size (%d)." % (desired, max_size))
        desired = max_size
    return desired


CRITERIA = ('OLDEST_FIRST', 'OLDEST_PROFILE_FIRST', 'YOUNGEST_FIRST', 'RANDOM')


def _health_rank(node):
    """0 for ERROR, WARNING or tainted nodes, 1 for nodes never created, else 2,
    with the words that explain it."""
    if node.status in ('ERROR', 'WARNING'):
        return 0, 'unhealthy (status %s)' % node.status
    if node.tainted:
        return 0, 'tainted'
    if not node.physical_id:
        return 1, 'never created (no physical resource)'
    return 2, None


def _age(node):
    return node.created_at or node.init_at


def state_rng(nodes):
    """The random generator of a RANDOM ranking: seeded by the ids of the nodes
    ranked, so the same members are always shuffled alike.

    NOTE: a dry run (microversion 1.16) must name the victims the real action
    then removes; with a fresh random draw in each they would differ.  Seeding by
    the membership keeps RANDOM a uniform pick over clusters, but makes it a
    function of the state: the same members give the same order, and a scale-in
    by 2 takes the first 2 of the victims a scale-in by 3 would take.
    """
    digest = hashlib.sha256(','.join(sorted(n.id for n in nodes)).encode())
    return random.Random(int.from_bytes(digest.digest()[:8], 'big'))


def rank_nodes(nodes, candidates=(), criteria='RANDOM', profile_ages=None,
               rng=None):
    """Every node of ``nodes`` in the order they should be removed, each with why.

    Explicit candidates first (in the order given), then unhealthy (ERROR,
    WARNING) or tainted nodes, then nodes that never got a resource, then the
    rest by ``criteria`` (RANDOM, OLDEST_FIRST, YOUNGEST_FIRST,
    OLDEST_PROFILE_FIRST); the criterion also orders the nodes within each group.

    :param profile_ages: {profile id: created_at}, for OLDEST_PROFILE_FIRST
    :param rng: the generator of a RANDOM ranking; by default
        :func:`state_rng` of ``nodes`` (the same members, the same order)
    :returns: list of ``{'id', 'name', 'reason'}``, first to remove first
    """
    by_id = {n.id: n for n in nodes}
    named = []
    for candidate in candidates:
        if candidate in by_id and candidate not in named:
            named.append(candidate)
    rest = [n for n in nodes if n.id not in named]
    profile_ages = profile_ages or {}
    if criteria == 'OLDEST_FIRST':
        rest.sort(key=lambda n: (_age(n), n.index))
    elif criteria == 'YOUNGEST_FIRST':
        rest.sort(key=lambda n: (_age(n), n.index), reverse=True)
    elif criteria == 'OLDEST_PROFILE_FIRST':
        rest.sort(key=lambda n: (str(profile_ages.get(n.profile_id, '')),
                                 _age(n), n.index))
    else:
        if rng is None:
            rng = state_rng(nodes)
            rest.sort(key=lambda n: n.id)  # the shuffle's input, fixed too
        rng.shuffle(rest)
    rest.sort(key=lambda n: _health_rank(n)[0])  # stable: keeps the criterion
    ranking = [{'id': node_id, 'name': by_id[node_id].name,
                'reason': 'named as a candidate'} for node_id in named]
    for node in rest:
        why = _health_rank(node)[1]
        if why is None:
            why = _criterion_reason(node, criteria, profile_ages)
        ranking.append({'id': node.id, 'name': node.name, 'reason': why})
    return ranking


def _criterion_reason(node, criteria, profile_ages):
    if criteria in ('OLDEST_FIRST', 'YOUNGEST_FIRST'):
        return '%s: created %s' % (criteria, _iso(_age(node)))
    if criteria == 'OLDEST_PROFILE_FIRST':
        return '%s: profile %s created %s' % (
            criteria, node.profile_id, _iso(profile_ages.get(node.profile_id)))
    return 'RANDOM pick'


def _iso(value):
    return value.isoformat() if hasattr(value, 'isoformat') else str(value)


def select_victims(nodes, count, candidates=(), criteria='RANDOM', rng=None,
                   profile_ages=None):
    """Pick ``count`` nodes to remove, in :func:`rank_nodes` order.

    :returns: (victims, one line explaining the choice)
    """
    ranking = rank_nodes(nodes, candidates, criteria, profile_ages, rng)[:count]
    by_id = {n.id: n for n in nodes}
    victims = [by_id[entry['id']] for entry in ranking]
    reason = '%d victim(s) by %s: %s' % (
        len(victims), criteria,
        '; '.join('%s (%s)' % (e['name'], e['reason']) for e in ranking))
    return victims, reason


def node_name(name_format, index):
    """A member name from ``node.name.format``: $nR random chars, $nI padded index."""
    result = []
    i = 0
    fmt = name_format
    while i < len(fmt):
        if fmt[i] == '$':
            j = i + 1
            while j < len(fmt) and fmt[j].isdigit():
                j += 1
            if j < len(fmt) and fmt[j] in 'RI':
                width = int(fmt[i + 1:j] or 0)
                if fmt[j] == 'R':
                    alphabet = string.ascii_lowercase + string.digits
                    result.append(''.join(random.choice(alphabet)
                                          for _ in range(width or 8)))
                else:
                    result.append(str(index).zfill(width))
                i = j + 1
                continue
        result.append(fmt[i])
        i += 1
    return ''.join(result)
