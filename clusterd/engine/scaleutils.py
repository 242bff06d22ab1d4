"""Capacity arithmetic and victim selection, with Senlin's rules."""

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


def _unhealthy_first(node):
    # ERROR, WARNING and tainted nodes go first; then nodes never created.
    if node.status in ('ERROR', 'WARNING') or node.tainted:
        return 0
    if not node.physical_id:
        return 1
    return 2


def select_victims(nodes, count, candidates=(), criteria='RANDOM', rng=random):
    """Pick ``count`` nodes to remove.

    Explicit candidates first, then unhealthy or tainted nodes, then nodes that never
    got a resource, then by ``criteria`` (RANDOM, OLDEST_FIRST, YOUNGEST_FIRST,
    OLDEST_PROFILE_FIRST).

    :returns: (victims, one line explaining the choice)
    """
    by_id = {n.id: n for n in nodes}
    victims = [by_id[c] for c in candidates if c in by_id][:count]
    rest = [n for n in nodes if n not in victims]
    if criteria == 'OLDEST_FIRST':
        rest.sort(key=lambda n: (n.created_at or n.init_at, n.index))
    elif criteria == 'YOUNGEST_FIRST':
        rest.sort(key=lambda n: (n.created_at or n.init_at, n.index), reverse=True)
    elif criteria == 'OLDEST_PROFILE_FIRST':
        rest.sort(key=lambda n: (n.data or {}).get('profile_created_at', ''))
    else:
        rng.shuffle(rest)
    rest.sort(key=_unhealthy_first)  # stable: keeps the criterion within each rank
    victims += rest[:count - len(victims)]
    reason = ('%d victim(s): %d named candidate(s), then unhealthy/tainted, then '
              'never-created nodes, then %s' % (
                  len(victims), len([c for c in candidates if c in by_id]),
                  criteria))
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
