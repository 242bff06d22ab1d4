"""Faults injected into a real deployment under load, on MariaDB and PostgreSQL.

One ``clusterd-api`` and two ``clusterd-engine`` processes on a private database
server (so that it can be stopped) and RabbitMQ behind a proxy (so that it can be
cut), with three clients creating, scaling and deleting clusters of
``clusterd.simulated`` nodes the whole time.  In turn: a run without faults (no
lock is ever found leaked), SIGKILL of the engine running a batch of node creates,
of one running a batch of node deletes and of one running a batch of a rolling
update, a database restart, a database
outage longer than the lease, a broker outage, and SIGKILL of the API in a burst
of requests.  Then the load stops and the database must show nothing lost,
duplicated or stuck (``harness.check_invariants``).

This is the bounded form that CI runs (a lease of 4 s; about 90 s per
backend); ``benchmarks/fault_soak.py`` runs many rounds with random timing.
"""

import json
import time

import pytest

from tests.faults import harness

LEASE = 4.0
HEARTBEAT = 1.0
OK = {200, 201, 202, 204}


@pytest.fixture(params=['mysql', 'postgresql'])
def deployment(request):
    running = harness.Deployment(request.param, lease=LEASE, heartbeat=HEARTBEAT)
    try:
        yield running.start()
    finally:
        codes = running.close()
        print('exit codes: %s' % codes)


def _expect(problems, result, condition, what):
    if not condition:
        problems.append('%s: %s' % (what, result))


def _tracebacks(log):
    """The tracebacks in a process log but oslo.messaging's duplicate drop,
    each as its last line."""
    found = []
    lines = log.splitlines()
    for number, line in enumerate(lines):
        if 'Traceback (most recent call last)' not in line:
            continue
        # oslo.log writes every line of a traceback behind the same prefix.
        prefix = line[:line.index('Traceback')]
        end = number + 1
        while end < len(lines) and lines[end].startswith(prefix) and (
                lines[end][len(prefix):].strip()):
            end += 1
        last = lines[end - 1]
        if 'DuplicateMessageError' not in last:
            found.append(last)
    return found


def test_faults_under_load(deployment):
    profile = harness.make_profile(deployment, latency=0.3)
    load = harness.Load(deployment, profile, clients=3, seed=24).start()
    faults = harness.Faults(deployment, load.record, profile)
    measured, problems = [], []
    try:
        # Normal operation first: actions end between the takeover pass's reads
        # all the time, and no lock may be taken for leaked.
        time.sleep(8)
        leaks = deployment.count_in_logs('Releasing locks held by ended actions')
        _expect(problems, leaks, leaks == 0, 'lock leak warnings without faults')

        for verb in ('NODE_CREATE', 'NODE_DELETE', 'NODE_UPDATE'):
            result = faults.kill_engine_in_batch(verb, size=16)
            measured.append(result)
            _expect(problems, result, result['orphans'] > 0, 'no orphans')
            _expect(problems, result, result['orphans_failed'] == [],
                    'orphans failed')
            _expect(problems, result, result['orphans_ended_s'] <= LEASE + 10,
                    'orphans ended late')
            _expect(problems, result, result['parent'] == 'SUCCEEDED',
                    'parent did not succeed')
            _expect(problems, result, result['nodes_left_busy'] == 0,
                    'nodes left busy')
            _expect(problems, result, result['cluster_delete'] == 'SUCCEEDED',
                    'cluster delete afterwards')
            if verb == 'NODE_UPDATE':
                _expect(problems, result, result['nodes_updated_twice'] == 0,
                        'nodes updated twice')
                _expect(problems, result, result['nodes_on_old_profile'] == 0,
                        'nodes left on the old profile')

        for seconds in (0, LEASE * 1.5):
            result = faults.database_outage(seconds)
            measured.append(result)
            _expect(problems, result, result['engines_declared_dead'] == 0,
                    'an engine was declared dead')
            _expect(problems, result,
                    set(result['answers_while_down']) <= OK | {503},
                    'answers other than 503 or success while the database was '
                    'down')
            if result['busy_at_fault']:
                _expect(problems, result, result['resumed_after_s'] is not None
                        and result['resumed_after_s'] <= 2.0,
                        'work did not resume within 2 s')

        measured.append(faults.broker_outage(5))
        measured.append(faults.kill_api_in_burst())
    finally:
        load.stop()
        print(json.dumps(measured, indent=1))
    harness.wait_quiet(deployment, timeout=180)
    problems += harness.check_invariants(deployment, load.record)
    if load.record.statuses[202] <= 20:
        problems.append('too little load: %s' % load.record.statuses)
    # A 503 is one warning line, never a traceback.  The one traceback allowed
    # is oslo.messaging's own report of a message the broker delivered again
    # after the broker outage ("Found duplicate message ... Skipping it."): it
    # drops the copy itself, logging at ERROR with a traceback; clusterd's casts
    # only wake a scan, so a copy could do no harm even if it got through.
    for process in [deployment.api] + list(deployment.engines.values()):
        tracebacks = _tracebacks(process.log())
        if tracebacks:
            problems.append('a traceback in the log of %s: %s'
                            % (process.name, tracebacks[0]))
    assert problems == [], problems
