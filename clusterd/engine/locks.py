"""Taking cluster and node locks for an action, with a purpose in every message.

Conflicts are never waited out: the API refuses a conflicting request with 409
before it writes an action, and an action that still meets a held lock (a race
between two requests) fails at once, naming the holder.
"""

import contextlib

from clusterd.objects import lock as lock_obj

CLUSTER_SCOPE = lock_obj.CLUSTER_SCOPE
NODE_SCOPE = lock_obj.NODE_SCOPE


class LockConflict(Exception):
    pass


def lock_cluster(env, context, cluster_id, action, purpose, scope=CLUSTER_SCOPE,
                 force=False):
    """Take the cluster lock for ``action`` (kept until :func:`unlock_cluster`).

    :raises LockConflict: "<purpose> for cluster '<id>' cannot be completed because
        it is already locked." (Senlin's words), naming the holders
    """
    holders = lock_obj.acquire_cluster(context, cluster_id, action.id,
                                       env.engine_id, scope, force=force)
    if holders:
        raise LockConflict("%s for cluster '%s' cannot be completed because it is "
                           "already locked (by action %s)." % (
                               purpose, cluster_id, ', '.join(holders)))


def unlock_cluster(context, cluster_id, action):
    lock_obj.release_cluster(context, cluster_id, action.id)


@contextlib.contextmanager
def node_locked(env, context, node_id, action, purpose, force=False):
    """Hold the lock of ``node_id`` for ``action`` inside the block."""
    holder = lock_obj.acquire_node(context, node_id, action.id, env.engine_id,
                                   force=force)
    if holder:
        raise LockConflict("%s for node '%s' cannot be completed because it is "
                           "already locked (by action %s)." % (purpose, node_id,
                                                               holder))
    try:
        yield
    finally:
        lock_obj.release_node(context, node_id, action.id)
