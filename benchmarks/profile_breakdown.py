#!/usr/bin/env python3
"""Split py-spy raw stacks of the engine into what-it-does categories (by the
clusterd frames: claim, members load, cloud calls, events...) and, across them,
into how (DB round trip layers, rows, JSON, logging).  Each sample goes to the
first category whose marker appears in its stack (order matters)."""
import collections
import json
import sys

import collapsed_top as ct

WHAT = [
    ('background: heartbeat/takeover/health/reconcile',
     ('_heartbeat_loop', '_takeover_loop', 'HealthManager', 'Reconciler.')),
    ('RPC listener (receiving start_action casts)',
     ('PollStyleListenerAdapter._runner', 'RPCServer._process_incoming')),
    ('RPC cast sent (wake fanout)', ('EngineClient.start_action',)),
    ('simulated cloud calls (per node)', ('SimulatedCloud.',)),
    ('load every cluster member (Node.members)', ('Node.members ',)),
    ('scheduler scan claims (Scheduler._loop)', ('Scheduler._loop',)),
    ('worker adopt claims (Scheduler._adopted)', ('Scheduler._adopted',)),
    ('events + notifications', ('emit (clusterd/engine/events',)),
    ('policy checks', ('policy_checks.py',)),
    ('cluster lock/unlock + hold', ('lock_cluster', 'unlock_cluster',
                                    'ClusterWorkflow._hold', 'Action.hold')),
    ('fan-out: node rows + child actions + deps', ('Action.fan_out',
                                                   'new_members',
                                                   'reserve_indexes',
                                                   'removal_children')),
    ('node batch: move nodes (prepare)', ('_prepared',)),
    ('node batch: finish_many + node writes', ('finish_many',)),
    ('end of cluster action (finish, settle, release)',
     ('runner.py:1', '_finish (clusterd', 'settle', 'release_dependents',
      'finish_membership', 'Action.finish ')),
    ('workflow load (cluster, action, children)', ('ClusterWorkflow.__init__',
                                                   'Action.children',
                                                   'DomainObject.get',
                                                   'Action.get')),
    ('other workflow steps', ('Workflow.run_step', 'runner.py')),
    ('worker pool idle/other', ('Scheduler._run',)),
]

HOW = [
    ('logging', ('logging/__init__', 'oslo_log')),
    ('kombu/amqp', ('kombu/', 'amqp/', 'oslo_messaging')),
    ('DB: commit', ('Session.commit',)),
    ('DB: connection checkout/begin', ('_connection_for_bind', 'Pool.connect')),
    ('DB: session close', ('Session.close',)),
    ('DB: pymysql (socket, protocol, escaping)', ('pymysql/',)),
    ('DB: rows -> objects (ORM load, from_row, JSON decode)',
     ('from_row', 'orm/loading.py', 'process_result_value', 'json/decoder')),
    ('DB: SQLAlchemy statement build/compile/execute',
     ('sqlalchemy/',)),
    ('JSON encode', ('json/encoder',)),
]


def classify(frames, table):
    text = ';'.join(frames)
    for name, markers in table:
        if any(m in text for m in markers):
            return name
    return 'other'


# Leaf frames where a thread waits rather than computes.  With --gil, py-spy
# takes the last GIL holder for the running thread; one that let the GIL go to
# block in recv() stays "holder" until another thread takes it, so waits on
# MariaDB show up as SocketIO.readinto samples.  Left out by default.
WAITS = ('SocketIO.readinto', 'Condition.wait', 'TCPTransport._read',
         'Event.wait')


def breakdown(path, keep_waits=False):
    stacks = ct.load(path)
    if not keep_waits:
        stacks = [s for s in stacks
                  if not (s[1] and any(w in s[1][-1] for w in WAITS))]
    total = sum(n for _, _, n in stacks)
    what, how = collections.Counter(), collections.Counter()
    for _t, frames, n in stacks:
        what[classify(frames, WHAT)] += n
        how[classify(frames, HOW)] += n
    pct = lambda c: {k: round(100.0 * v / total, 1) for k, v in c.most_common()}
    return {'samples': total, 'what': pct(what), 'how': pct(how)}


if __name__ == '__main__':
    keep = '--keep-waits' in sys.argv
    out = {p: breakdown(p, keep) for p in sys.argv[1:] if p != '--keep-waits'}
    print(json.dumps(out, indent=1))
