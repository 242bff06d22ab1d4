"""The client side of the engine's RPC interface (used by the API and by engines).

Casts carry no payload that matters: the database holds the work, a cast only makes
an engine look for it now instead of at its next scan.
"""

import threading

from oslo_log import log as logging
import oslo_messaging as messaging

from clusterd.db import faults

LOG = logging.getLogger(__name__)

RPC_VERSION = '1.0'


class EngineClient:

    def __init__(self, transport, topic):
        # retry=0: a nudge is best effort.  During a broker outage the default
        # (retry forever) would block the caller, an API request or an engine
        # worker, until the broker is back; the database scan finds the work anyway.
        self._client = messaging.get_rpc_client(
            transport, messaging.Target(topic=topic, version=RPC_VERSION), retry=0)

    def start_action(self, action_id=None, fanout=False):
        """Nudge one engine (or, with ``fanout``, all of them) to claim READY work.

        :param action_id: an action worth claiming first, if the caller knows one
        """
        client = self._client.prepare(fanout=fanout) if fanout else self._client
        client.cast({}, 'start_action', action_id=action_id)


class NudgeSender:
    """The API's nudges, sent by one thread and merged while one is on its way.

    A nudge only makes an engine look for READY work now, so twenty requests
    that each wrote an action need not send twenty casts: each cast the sender
    starts answers every nudge asked for before it.  A request no longer waits
    for the broker (nor for a broker connection: a burst of requests opened one
    each, about 10 ms of CPU apiece), and a broker that does not answer delays
    only the next cast, never a request.

    Every nudge is followed by a cast that starts after it was asked for (or a
    warning that it could not be sent: the engines' scan finds the work).  A
    cast that answers more than one nudge goes to every engine (fanout): it
    stands for several actions, and one engine woken alone claimed them all
    while the others slept (with two engines, one did 85% of the work of 20
    clusters created at once).
    """

    def __init__(self, client):
        self._client = client
        self._lock = threading.Lock()
        self._wanted = threading.Event()
        self._fanout = False
        self._asked = 0
        self._thread = None

    def start_action(self, action_id=None, fanout=False):
        """Ask for a cast (``action_id`` is not sent: a merged cast names no
        action); returns at once."""
        with self._lock:
            self._fanout = self._fanout or fanout
            self._asked += 1
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._send, name='engine-nudges', daemon=True)
                self._thread.start()
        self._wanted.set()

    def _send(self):
        while True:
            self._wanted.wait()
            # Cleared before the cast is sent: a nudge asked for from now on
            # gets a cast of its own after this one.
            self._wanted.clear()
            with self._lock:
                fanout = self._fanout or self._asked > 1
                self._fanout, self._asked = False, 0
            try:
                self._client.start_action(fanout=fanout)
            except Exception as exc:
                # One line: during a broker outage every cast lands here.
                LOG.warning('Could not nudge the engines (%s); they will find '
                            'the work at their next scan', faults.summary(exc))
