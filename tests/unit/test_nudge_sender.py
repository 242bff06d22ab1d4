"""The API's nudges: sent by one thread, merged while one is on its way."""

import threading
import time

from clusterd.engine import rpcapi


class _SlowClient:
    """Records the casts; each takes ``seconds`` (a broker round trip)."""

    def __init__(self, seconds=0.05, fail=False):
        self.seconds = seconds
        self.fail = fail
        self.casts = []
        self.sent = threading.Event()

    def start_action(self, action_id=None, fanout=False):
        started = time.monotonic()
        time.sleep(self.seconds)
        self.casts.append((started, fanout))
        self.sent.set()
        if self.fail:
            raise ConnectionError('broker away')


def _wait_for(predicate, seconds=5):
    deadline = time.monotonic() + seconds
    while not predicate():
        assert time.monotonic() < deadline
        time.sleep(0.01)


def test_a_burst_of_nudges_is_at_most_two_casts_the_last_after_the_last_nudge():
    # The first cast is held on its way (a broker round trip) until the burst
    # is asked for: whatever the threads' timing, the nudges after the one
    # that started it are answered by one more cast.
    gate = threading.Event()
    casts = []

    class HeldClient:
        def start_action(self, action_id=None, fanout=False):
            casts.append(time.monotonic())    # when the cast starts
            gate.wait(5)

    sender = rpcapi.NudgeSender(HeldClient())
    asked = []
    for _ in range(20):
        asked.append(time.monotonic())
        sender.start_action()        # returns at once
    gate.set()
    _wait_for(lambda: casts and casts[-1] >= asked[-1])
    time.sleep(0.2)
    assert 1 <= len(casts) <= 2, casts
    # Every nudge has a cast that started after it was asked for.
    assert all(any(start >= t for start in casts) for t in asked)


def test_a_fanout_nudge_is_sent_as_a_fanout():
    client = _SlowClient(seconds=0.1)
    sender = rpcapi.NudgeSender(client)
    sender.start_action()
    _wait_for(lambda: client.sent.is_set() or len(client.casts) == 0)
    sender.start_action(fanout=True)
    _wait_for(lambda: any(fanout for _, fanout in client.casts))


def test_a_failing_broker_neither_blocks_the_caller_nor_stops_the_sender():
    client = _SlowClient(seconds=0.3, fail=True)
    sender = rpcapi.NudgeSender(client)
    started = time.monotonic()
    sender.start_action()
    sender.start_action()
    assert time.monotonic() - started < 0.1
    _wait_for(lambda: len(client.casts) >= 1)
    client.fail = False
    sender.start_action()
    count = len(client.casts)
    _wait_for(lambda: len(client.casts) > count)


def test_a_cast_that_answers_several_nudges_goes_to_every_engine():
    # It stands for several actions: one engine woken alone took them all.
    client = _SlowClient(seconds=0.1)
    sender = rpcapi.NudgeSender(client)
    sender.start_action()
    _wait_for(lambda: client.casts)
    assert client.casts == [(client.casts[0][0], False)]
    for _ in range(5):
        sender.start_action()        # while nothing is on its way: merged
    # (The sender may wake at the first of the five and send it alone; the
    # other four are then one merged cast.)
    _wait_for(lambda: any(fanout for _, fanout in client.casts[1:]))
