"""Which engine runs the periodic work (health checks, reconcile) of which cluster.

A consistent hash ring (:class:`tooz.hashring.HashRing`) over the engines whose
heartbeat in the services table is within the lease assigns every cluster to
exactly one live engine, without a coordinator: each engine builds the same ring
from the same rows.  The engine refreshes its ring on every heartbeat, so when an
engine dies (its lease runs out) or joins, its clusters move within one heartbeat.
A consistent ring moves only the clusters of the engine that came or went, not a
reshuffle of everything.

Two engines may briefly disagree (one refreshed, the other not yet): for at most
one heartbeat a cluster can be checked twice or not at all.  Both are harmless:
a check is read-only and a recovery goes through an action with conflict checks.
"""

import threading

from oslo_log import log as logging
from tooz import hashring

from clusterd.objects import service as service_obj

LOG = logging.getLogger(__name__)


class Ownership:
    """This engine's view of the ring.

    :param context: an admin context to read the services table with
    :param engine_id: this engine's id (always counted live: it is asking)
    :param binary: the service binary whose rows form the ring
    :param lease_seconds: a service whose heartbeat is older is not on the ring
    """

    def __init__(self, context, engine_id, binary, lease_seconds):
        self.context = context
        self.engine_id = engine_id
        self.binary = binary
        self.lease_seconds = lease_seconds
        self._lock = threading.Lock()
        self._members = None
        self._ring = None

    def refresh(self):
        """Rebuild the ring from the live engines in the services table.

        :returns: True if the set of engines changed since the last refresh
        """
        live = service_obj.Service.live_ids(self.context, self.binary,
                                            self.lease_seconds)
        live.add(self.engine_id)
        members = frozenset(live)
        with self._lock:
            if members == self._members:
                return False
            before = self._members
            self._members = members
            self._ring = hashring.HashRing(sorted(members))
        if before is not None:
            LOG.info('Engine %s: the ring now has %d engine(s) (joined: %s; left: '
                     '%s); periodic work of clusters moves accordingly',
                     self.engine_id, len(members),
                     ', '.join(sorted(members - before)) or '-',
                     ', '.join(sorted(before - members)) or '-')
        return True

    @property
    def members(self):
        """The engine ids on the ring (refreshing first if never refreshed)."""
        if self._members is None:
            self.refresh()
        return self._members

    def owner_of(self, cluster_id):
        """The id of the engine that owns ``cluster_id``."""
        if self._ring is None:
            self.refresh()
        with self._lock:
            ring = self._ring
        (owner,) = ring.get_nodes(cluster_id.encode('utf-8'))
        return owner

    def owns(self, cluster_id):
        """True if this engine runs the periodic work of ``cluster_id``.

        :param cluster_id: a cluster id
        :returns: bool
        """
        return self.owner_of(cluster_id) == self.engine_id
