"""Every status of actions, clusters and nodes, and every allowed transition.

Nothing else in clusterd writes a ``status`` column: the objects' compare-and-set
updates take their allowed source states from here (:func:`sources`), and
:func:`check` refuses a transition the tables below do not list.  The tables are the
whole state machine; ``tests/unit/test_states.py`` renders them.
"""

# --- actions (Senlin's names) ---------------------------------------------------
INIT = 'INIT'
WAITING = 'WAITING'
READY = 'READY'
RUNNING = 'RUNNING'
SUCCEEDED = 'SUCCEEDED'
FAILED = 'FAILED'
CANCELLED = 'CANCELLED'
WAITING_LIFECYCLE_COMPLETION = 'WAITING_LIFECYCLE_COMPLETION'

# The actions the engines run (Senlin's names, and clusterd's lifecycle notice),
# as the event list's ``action`` filter takes them.
CLUSTER_ACTION_NAMES = (
    'CLUSTER_CREATE', 'CLUSTER_DELETE', 'CLUSTER_UPDATE', 'CLUSTER_ADD_NODES',
    'CLUSTER_DEL_NODES', 'CLUSTER_RESIZE', 'CLUSTER_CHECK', 'CLUSTER_RECOVER',
    'CLUSTER_REPLACE_NODES', 'CLUSTER_SCALE_OUT', 'CLUSTER_SCALE_IN',
    'CLUSTER_ATTACH_POLICY', 'CLUSTER_DETACH_POLICY', 'CLUSTER_UPDATE_POLICY',
    'CLUSTER_OPERATION', 'CLUSTER_LIFECYCLE_NOTIFY')
NODE_ACTION_NAMES = (
    'NODE_CREATE', 'NODE_DELETE', 'NODE_UPDATE', 'NODE_JOIN', 'NODE_LEAVE',
    'NODE_CHECK', 'NODE_RECOVER', 'NODE_OPERATION')
ACTION_NAMES = CLUSTER_ACTION_NAMES + NODE_ACTION_NAMES
# What clusterd's detectors write as the ``action`` of the events no action
# carries (the reconcile pass, Nova's lifecycle events): the event list's
# ``action`` filter takes them too.
DETECTOR_RECONCILE = 'RECONCILE'
DETECTOR_LIFECYCLE_EVENTS = 'LIFECYCLE_EVENTS'
EVENT_ACTION_NAMES = ACTION_NAMES + (DETECTOR_RECONCILE, DETECTOR_LIFECYCLE_EVENTS)

ACTION_TERMINAL = frozenset({SUCCEEDED, FAILED, CANCELLED})
ACTION_ACTIVE = frozenset({INIT, WAITING, READY, RUNNING,
                           WAITING_LIFECYCLE_COMPLETION})

ACTION_TRANSITIONS = {
    # Derived actions are written in INIT, then released to READY or WAITING in the
    # transaction that records their dependencies.
    INIT: {READY, WAITING, WAITING_LIFECYCLE_COMPLETION, CANCELLED, FAILED},
    # WAITING: for children or for earlier siblings; READY once they are all done.
    WAITING: {READY, CANCELLED, FAILED},
    READY: {RUNNING, CANCELLED, FAILED},
    # RUNNING -> WAITING when a cluster action fans out and frees its worker;
    # RUNNING -> READY when the engine running it died and it is safe to run again.
    RUNNING: {SUCCEEDED, FAILED, CANCELLED, WAITING, READY},
    WAITING_LIFECYCLE_COMPLETION: {READY, CANCELLED, FAILED},
    SUCCEEDED: set(),
    FAILED: set(),
    CANCELLED: set(),
}

# --- clusters --------------------------------------------------------------------
C_INIT = 'INIT'
C_ACTIVE = 'ACTIVE'
C_CREATING = 'CREATING'
C_UPDATING = 'UPDATING'
C_RESIZING = 'RESIZING'
C_DELETING = 'DELETING'
C_CHECKING = 'CHECKING'
C_RECOVERING = 'RECOVERING'
C_CRITICAL = 'CRITICAL'
C_ERROR = 'ERROR'
C_WARNING = 'WARNING'
C_OPERATING = 'OPERATING'

# A cluster is "busy" while one of these runs; it settles through eval_status.
CLUSTER_BUSY = frozenset({C_CREATING, C_UPDATING, C_RESIZING, C_DELETING,
                          C_CHECKING, C_RECOVERING, C_OPERATING})
CLUSTER_SETTLED = frozenset({C_ACTIVE, C_WARNING, C_ERROR, C_CRITICAL})

# The status a cluster shows while each cluster action runs, from the moment the
# action is written (clusterd.engine.requests.mark_busy) until it settles.  Cluster
# actions not named here (policy attach, detach and update, lifecycle notices) leave
# the status alone.
CLUSTER_BUSY_WHILE = {
    'CLUSTER_CREATE': C_CREATING,
    'CLUSTER_DELETE': C_DELETING,
    'CLUSTER_UPDATE': C_UPDATING,
    'CLUSTER_RESIZE': C_RESIZING,
    'CLUSTER_SCALE_OUT': C_RESIZING,
    'CLUSTER_SCALE_IN': C_RESIZING,
    'CLUSTER_ADD_NODES': C_RESIZING,
    'CLUSTER_DEL_NODES': C_RESIZING,
    'CLUSTER_REPLACE_NODES': C_UPDATING,
    'CLUSTER_CHECK': C_CHECKING,
    'CLUSTER_RECOVER': C_RECOVERING,
    'CLUSTER_OPERATION': C_OPERATING,
}

CLUSTER_TRANSITIONS = {
    C_INIT: {C_CREATING, C_DELETING, C_ERROR},
    **{busy: CLUSTER_SETTLED | {C_DELETING} for busy in CLUSTER_BUSY},
    **{settled: CLUSTER_BUSY | CLUSTER_SETTLED for settled in CLUSTER_SETTLED},
}

# --- nodes -----------------------------------------------------------------------
N_INIT = 'INIT'
N_ACTIVE = 'ACTIVE'
N_ERROR = 'ERROR'
# WARNING: serving with problems, or stopped on request by an operation (the node's
# data['stopped_by'] names it; checks and the health policy leave such nodes alone).
N_WARNING = 'WARNING'
N_CREATING = 'CREATING'
N_UPDATING = 'UPDATING'
N_DELETING = 'DELETING'
N_RECOVERING = 'RECOVERING'
N_OPERATING = 'OPERATING'

NODE_BUSY = frozenset({N_CREATING, N_UPDATING, N_DELETING, N_RECOVERING,
                       N_OPERATING})
NODE_SETTLED = frozenset({N_ACTIVE, N_ERROR, N_WARNING})

NODE_TRANSITIONS = {
    N_INIT: {N_CREATING, N_DELETING, N_ERROR},
    N_CREATING: {N_ACTIVE, N_ERROR, N_DELETING},
    N_UPDATING: NODE_SETTLED | {N_DELETING},
    # Success deletes the row; a deletion cancelled before its cloud call started
    # leaves the node ACTIVE.
    N_DELETING: {N_ERROR, N_ACTIVE},
    N_RECOVERING: NODE_SETTLED | {N_DELETING},
    N_OPERATING: NODE_SETTLED | {N_DELETING},
    # Only a node that has never been created is created (INIT -> CREATING).
    **{settled: (NODE_BUSY - {N_CREATING}) | NODE_SETTLED
       for settled in NODE_SETTLED},
}
# A node whose create was interrupted by an engine death is created again.
NODE_TRANSITIONS[N_CREATING] = NODE_TRANSITIONS[N_CREATING] | {N_CREATING}
# Likewise a deletion, but only by the action that claimed the node
# (node.claimed_by; Node.claim_for_delete) or once that action has ended.
NODE_TRANSITIONS[N_DELETING] = NODE_TRANSITIONS[N_DELETING] | {N_DELETING}

TABLES = {
    'action': ACTION_TRANSITIONS,
    'cluster': CLUSTER_TRANSITIONS,
    'node': NODE_TRANSITIONS,
}


class InvalidTransition(RuntimeError):
    pass


def sources(kind, target):
    """Every status of ``kind`` from which ``target`` may be reached."""
    return frozenset(s for s, targets in TABLES[kind].items() if target in targets)


def check(kind, current, target):
    """Raise :class:`InvalidTransition` unless ``current -> target`` is allowed."""
    if target not in TABLES[kind].get(current, ()):
        raise InvalidTransition('%s cannot go from %s to %s' % (kind, current, target))


def eval_cluster_status(active_nodes, min_size, max_size, desired_capacity):
    """Cluster status after an operation, as Senlin's ``eval_status`` decides it.

    :returns: (status, reason suffix)
    """
    if active_nodes < min_size:
        return C_ERROR, ('number of active nodes (%d) is below min_size (%d)'
                         % (active_nodes, min_size))
    if active_nodes < desired_capacity:
        return C_WARNING, ('number of active nodes (%d) is below '
                           'desired_capacity (%d)' % (active_nodes, desired_capacity))
    if max_size < 0 or active_nodes <= max_size:
        return C_ACTIVE, ('number of active nodes is equal or above '
                          'desired_capacity (%d)' % desired_capacity)
    return C_WARNING, ('number of active nodes (%d) is above max_size (%d)'
                       % (active_nodes, max_size))


def render_rst():
    """The transition tables as reStructuredText (doc/source/contributor/states.rst)."""
    lines = ['======', 'States', '======', '',
             'Generated from ``clusterd/states.py`` by',
             '``python -m clusterd.states``; a test keeps it current.', '']
    for kind in ('action', 'cluster', 'node'):
        title = '%s transitions' % kind.capitalize()
        lines += [title, '-' * len(title), '', '.. code-block:: none', '']
        for source, targets in sorted(TABLES[kind].items()):
            lines.append('    %-30s -> %s' % (
                source, ', '.join(sorted(targets)) or '(terminal)'))
        lines.append('')
    return '\n'.join(lines)


if __name__ == '__main__':
    print(render_rst(), end='')
