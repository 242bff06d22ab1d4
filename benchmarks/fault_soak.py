#!/usr/bin/env python3
"""Soak: the faults of ``tests/faults`` round after round, at random times, under load.

One deployment per ``--backend`` (``clusterd-api`` and two ``clusterd-engine``
processes on a private MariaDB or PostgreSQL server, RabbitMQ behind a proxy;
``tests/faults/harness.py``) with the production timing by default (``[engine]
lease_seconds`` 10, ``heartbeat_interval`` 2) and three clients creating,
scaling, resizing and deleting clusters of ``clusterd.simulated`` nodes (0.3 s
per cloud call).  Each *cycle* injects every fault once, in a random order, each
after a random pause: SIGKILL of the engine running a batch of node creates, and
of one running a batch of node deletes (at a random moment of the batch); a
database restart; a database outage of ``--outage`` seconds (15, longer than
the lease); a broker outage of 3 to 15 s; SIGKILL of the API in a burst of
creates.  After each cycle the load stops, every action must end, and the
invariants of ``tests/faults/harness.check_invariants`` are checked on the
database; then the load starts again.

Needs the test dependencies (it imports ``tests``), the PostgreSQL and MariaDB
server binaries (private servers on free ports; the shared ones are never
touched) and RabbitMQ on 127.0.0.1:5672.  Prints one JSON object on stdout:
per backend the counts (actions, nodes made, faults, 503s...), the recovery
times per fault (min, median, max) and every invariant violation; progress on
stderr.

    python benchmarks/fault_soak.py --backend mysql --cycles 20
"""

import argparse
import collections
import json
import os
import random
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from tests.faults import harness  # noqa: E402

FAULTS = ('kill_engine_create', 'kill_engine_delete', 'db_restart', 'db_stop',
          'broker_stop', 'kill_api')


def log(message):
    print('%s %s' % (time.strftime('%H:%M:%S'), message), file=sys.stderr,
          flush=True)


def inject(faults, name, rng, args):
    if name == 'kill_engine_create':
        return faults.kill_engine_in_batch('NODE_CREATE', size=rng.randint(12, 30),
                                           delay=rng.uniform(0, 1.0))
    if name == 'kill_engine_delete':
        return faults.kill_engine_in_batch('NODE_DELETE', size=rng.randint(12, 30),
                                           delay=rng.uniform(0, 1.0))
    if name == 'db_restart':
        return faults.database_outage(0)
    if name == 'db_stop':
        return faults.database_outage(args.outage)
    if name == 'broker_stop':
        return faults.broker_outage(round(rng.uniform(3, 15), 1))
    return faults.kill_api_in_burst(requests=rng.randint(10, 40),
                                    after=rng.uniform(0.05, 0.5))


def problems_of(result, lease):
    """The done-when of issue 24, per fault."""
    found = []
    name = result['fault']
    if name.startswith('kill_engine'):
        if result['orphans_failed'] or result['parent'] != 'SUCCEEDED' or \
                result['nodes_left_busy'] or result['cluster_delete'] != 'SUCCEEDED':
            found.append('work lost after the engine kill')
        if result['orphans_ended_s'] > lease + 10:
            found.append('orphans ended after lease + 10 s')
    elif name.startswith('db_'):
        if result['engines_declared_dead']:
            found.append('an engine was declared dead')
        if set(result['answers_while_down']) - {200, 201, 202, 204, 503}:
            found.append('answers other than 503 or success while down')
        if result['busy_at_fault'] and (result['resumed_after_s'] is None or
                                        result['resumed_after_s'] > 2.0):
            found.append('work did not resume within 2 s')
    return found


def counts(deployment, record):
    query = deployment.query
    actions = dict(query('SELECT status, count(*) FROM action GROUP BY status'))
    made = query("SELECT count(*) FROM action WHERE action = 'NODE_CREATE' AND "
                 "status = 'SUCCEEDED'")[0][0]
    deleted = query("SELECT count(*) FROM action WHERE action = 'NODE_DELETE' AND "
                    "status = 'SUCCEEDED'")[0][0]
    return {'actions': sum(actions.values()), 'actions_by_status': actions,
            'nodes_created': made, 'nodes_deleted': deleted,
            'nodes_now': query('SELECT count(*) FROM node')[0][0],
            'requests': sum(record.statuses.values()),
            'answers': {str(k): v for k, v in sorted(record.statuses.items())},
            'answers_503': record.statuses.get(503, 0),
            'unanswered': record.unanswered}


def soak(backend, args):
    rng = random.Random(args.seed)
    log('%s: starting the deployment' % backend)
    deployment = harness.Deployment(backend, lease=args.lease,
                                    heartbeat=args.heartbeat).start()
    results, violations, problems = [], [], []
    record = harness.Record()
    started = time.monotonic()
    try:
        profile = harness.make_profile(deployment, latency=args.latency)
        for cycle in range(args.cycles):
            load = harness.Load(deployment, profile, clients=args.clients,
                                seed=rng.random())
            load.record = record
            load.start()
            faults = harness.Faults(deployment, record, profile, rng)
            order = list(args.faults)
            rng.shuffle(order)
            for name in order:
                time.sleep(rng.uniform(1, 5))
                log('%s: cycle %d, %s' % (backend, cycle + 1, name))
                try:
                    result = inject(faults, name, rng, args)
                except Exception as exc:  # a fault that could not be measured
                    result = {'fault': name, 'error': repr(exc)}
                    problems.append('cycle %d %s: %r' % (cycle + 1, name, exc))
                result['cycle'] = cycle + 1
                results.append(result)
                for problem in ([] if 'error' in result else
                                problems_of(result, args.lease)):
                    problems.append('cycle %d: %s: %s' % (cycle + 1, problem, result))
                log('%s:   %s' % (backend, json.dumps(result)))
            load.stop()
            waited = harness.wait_quiet(deployment, timeout=300)
            found = harness.check_invariants(deployment, record)
            log('%s: cycle %d quiet after %.1f s; %d violation(s)' % (
                backend, cycle + 1, waited, len(found)))
            violations += ['cycle %d: %s' % (cycle + 1, v) for v in found]
        leaks = deployment.count_in_logs('Releasing locks held by ended actions')
        tracebacks = deployment.count_in_logs('Traceback')
        summary = counts(deployment, record)
    finally:
        codes = deployment.close()
    by_fault = collections.defaultdict(list)
    for result in results:
        by_fault[result['fault']].append(result)
    return {
        'backend': backend,
        'cycles': args.cycles,
        'seconds': round(time.monotonic() - started),
        'faults': {name: len(items) for name, items in sorted(by_fault.items())},
        'counts': summary,
        'recovery': recovery(by_fault),
        'lock_leak_warnings': leaks,
        'tracebacks_in_logs': tracebacks,
        'exit_codes': codes,
        'invariant_violations': violations,
        'done_when_problems': problems,
    }


def spread(values):
    values = [v for v in values if v is not None]
    if not values:
        return None
    return {'min': round(min(values), 2), 'median': round(statistics.median(values), 2),
            'max': round(max(values), 2), 'n': len(values)}


def recovery(by_fault):
    out = {}
    for name in ('kill_engine_create', 'kill_engine_delete'):
        items = [r for r in by_fault.get(name, ()) if 'error' not in r]
        out[name] = {'orphans': sum(r['orphans'] for r in items),
                     'orphans_failed': sum(len(r['orphans_failed']) for r in items),
                     'orphans_ended_s': spread(r['orphans_ended_s'] for r in items)}
    for name in ('db_restart', 'db_stop'):
        items = [r for r in by_fault.get(name, ()) if 'error' not in r]
        out[name] = {
            'away_s': spread(r['away_s'] for r in items),
            'resumed_after_s': spread(r['resumed_after_s'] for r in items),
            'answers_503_while_down': sum(r['answers_while_down'].get(503, 0)
                                          for r in items),
            'other_answers_while_down': sum(
                n for r in items for status, n in r['answers_while_down'].items()
                if status != 503),
            'engines_declared_dead': sum(r['engines_declared_dead'] for r in items)}
    items = by_fault.get('kill_api', ())
    out['kill_api'] = {'requests': sum(r.get('burst', 0) for r in items),
                       'accepted': sum(r.get('accepted', 0) for r in items)}
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--backend', action='append',
                        choices=['mysql', 'postgresql'],
                        help='repeat for both (default: both, one after the other)')
    parser.add_argument('--cycles', type=int, default=20,
                        help='rounds of every fault (default 20)')
    parser.add_argument('--lease', type=float, default=10.0)
    parser.add_argument('--heartbeat', type=float, default=2.0)
    parser.add_argument('--outage', type=float, default=15.0,
                        help='seconds the database stays stopped (default 15)')
    parser.add_argument('--latency', type=float, default=0.3)
    parser.add_argument('--clients', type=int, default=3)
    parser.add_argument('--seed', type=int, default=None)
    parser.add_argument('--faults', default=','.join(FAULTS),
                        help='comma-separated subset of %s' % ', '.join(FAULTS))
    args = parser.parse_args()
    args.faults = [name for name in args.faults.split(',') if name]
    unknown = set(args.faults) - set(FAULTS)
    if unknown:
        parser.error('unknown faults: %s' % ', '.join(sorted(unknown)))
    out = [soak(backend, args) for backend in args.backend or ['mysql',
                                                               'postgresql']]
    print(json.dumps(out, indent=1, sort_keys=True))
    return 1 if any(r['invariant_violations'] or r['done_when_problems']
                    for r in out) else 0


if __name__ == '__main__':
    sys.exit(main())
