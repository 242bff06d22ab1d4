"""The client side of the engine's RPC interface (used by the API and by engines).

Casts carry no payload that matters: the database holds the work, a cast only makes
an engine look for it now instead of at its next scan.
"""

import oslo_messaging as messaging

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
