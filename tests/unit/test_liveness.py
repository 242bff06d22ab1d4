"""The liveness protocol's local rules (clusterd/engine/liveness.py), on a fake
monotonic clock: who may judge whom dead, and when an engine must stop writing."""

import time

import pytest

from clusterd.engine import liveness

LEASE = 10.0
HEARTBEAT = 2.0


def _lease(at):
    lease = liveness.Lease(LEASE, HEARTBEAT)
    lease.renewed(at)
    return lease


def test_an_engine_silent_for_a_whole_lease_is_dead():
    lease = _lease(0.0)
    judge = liveness.Judge(LEASE)
    assert judge.observe({'b': 'beat-1'}, lease, now=1.0) == []
    for now in range(2, 11):
        lease.renewed(float(now))
        assert judge.observe({'b': 'beat-1'}, lease, now=float(now)) == []
    lease.renewed(11.0)
    assert judge.observe({'b': 'beat-1'}, lease, now=11.0) == [('b', 'beat-1')]


def test_a_heartbeat_seen_resets_the_count():
    lease = _lease(0.0)
    judge = liveness.Judge(LEASE)
    judge.observe({'b': 'beat-1'}, lease, now=1.0)
    lease.renewed(9.0)
    judge.observe({'b': 'beat-2'}, lease, now=9.0)
    lease.renewed(15.0)
    assert judge.observe({'b': 'beat-2'}, lease, now=15.0) == []
    lease.renewed(19.0)
    assert judge.observe({'b': 'beat-2'}, lease, now=19.0) == [('b', 'beat-2')]


def test_a_shared_outage_makes_nobody_dead():
    # Regression (issue 24): after a database outage longer than the lease the
    # first engine back removed the other, which was alive.  Only time a judge
    # watched while its own heartbeats succeeded counts.
    lease = _lease(0.0)
    judge = liveness.Judge(LEASE)
    judge.observe({'b': 'beat-1'}, lease, now=1.0)
    # The database goes away at 2 s for 15 s: our heartbeats fail too.
    lease.failed()
    assert judge.observe({'b': 'beat-1'}, lease, now=5.0) == []
    # Back at 17 s: b has not heartbeated yet, and 16 s passed since we saw it.
    lease.renewed(17.0)
    assert judge.observe({'b': 'beat-1'}, lease, now=17.0) == []
    lease.renewed(18.0)
    assert judge.observe({'b': 'beat-2'}, lease, now=18.5) == []
    # Had b stayed silent, it would be dead a whole lease after we came back.
    lease.renewed(26.0)
    assert judge.observe({'b': 'beat-2'}, lease, now=26.0) == []
    lease.renewed(28.0)
    assert judge.observe({'b': 'beat-2'}, lease, now=28.6) == [('b', 'beat-2')]


def test_a_judge_whose_lease_is_stale_judges_nobody():
    lease = _lease(0.0)
    judge = liveness.Judge(LEASE)
    judge.observe({'b': 'beat-1'}, lease, now=1.0)
    # No failure recorded, but no success for longer than the lease either.
    assert judge.observe({'b': 'beat-1'}, lease, now=30.0) == []


def test_the_lease_runs_out_before_anyone_may_judge():
    # Engine e's last successful heartbeat started at 0; a judge that saw its
    # value first at 0.5 declares it dead at 10.5 at the earliest, by which time
    # e has stopped writing for a heartbeat interval already.
    lease = _lease(0.0)
    assert lease.fresh(now=LEASE - HEARTBEAT - 0.01)
    assert not lease.fresh(now=LEASE - HEARTBEAT)
    fence = lease.fence()
    lease.renewed(time.monotonic())
    fence.check()
    lease.renewed(time.monotonic() - LEASE)
    with pytest.raises(liveness.LeaseExpired):
        fence.check()


def test_a_new_epoch_fences_what_was_claimed_before():
    lease = _lease(time.monotonic())
    fence = lease.fence()
    lease.lost()
    lease.renewed(time.monotonic())
    with pytest.raises(liveness.Fenced):
        fence.check()
    lease.fence().check()
