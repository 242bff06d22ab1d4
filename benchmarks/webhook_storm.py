#!/usr/bin/env python3
"""An alarm storm on one webhook, and the cost of Idempotency-Key, on MariaDB.

Two API servers (``clusterd.api.deploy.make_app`` under cheroot, 8 threads each,
standing for two API processes) share a throw-away MariaDB database holding one
ACTIVE cluster and a scale-out webhook receiver.  No engine runs: the action a
trigger writes stays READY, which is all a storm needs.

1. Storm, no rate limit: ``--triggers`` POSTs of one Aodh alarm from 16 client
   threads, alternating servers.  Reported: the answers, how many distinct action
   ids they name and how many actions the database holds (both should be 1), the
   latency and throughput.
2. Storm, default rate limit (1/s, burst 10): the same, counting the 429s.
3. Idempotency-Key: the latency of ``PATCH /v1/profiles/{id}`` without a key, with
   a fresh key each time, and replayed.

Prints one JSON object (milliseconds) on stdout; progress goes to stderr.  The
server URL comes from ``--mysql-url`` or ``CLUSTERD_BENCH_MYSQL_URL``, by default
``mysql+pymysql://root@127.0.0.1:3306/``.
"""

import argparse
import collections
import concurrent.futures
import http.client
import json
import os
import statistics
import sys
import threading
import time
import urllib.parse
import uuid

import sqlalchemy as sa

from clusterd.api import deploy
from clusterd.cmd import server as server_mod
from clusterd import conf as conf_mod
from clusterd import context as context_mod
from clusterd.db import api as db_api
from clusterd.db import migration
from clusterd.db import models
from clusterd.objects import cluster as cluster_obj
from clusterd.objects import profile as profile_obj
from clusterd import states

HEADERS = {'Content-Type': 'application/json', 'X-Project-Id': 'bench',
           'X-User-Id': 'bench', 'X-Roles': 'member',
           'OpenStack-API-Version': 'clustering 1.15'}
ALARM = {'alarm_id': 'storm-cpu', 'alarm_name': 'cpu-high', 'current': 'alarm',
         'previous': 'ok', 'severity': 'low',
         'reason': 'Transition to alarm due to 3 samples outside threshold'}


def log(message):
    print(message, file=sys.stderr, flush=True)


_local = threading.local()


def request(port, method, path, body=None, headers=None):
    """(status, body, elapsed ms) over this thread's keep-alive connection."""
    connections = getattr(_local, 'connections', None)
    if connections is None:
        connections = _local.connections = {}
    if port not in connections:
        connections[port] = http.client.HTTPConnection('127.0.0.1', port,
                                                       timeout=30)
    data = json.dumps(body).encode() if body is not None else None
    started = time.perf_counter()
    try:
        conn = connections[port]
        conn.request(method, path, body=data,
                     headers=dict(HEADERS, **(headers or {})))
        response = conn.getresponse()
    except (ConnectionError, http.client.HTTPException):
        # The server closed an idle keep-alive connection: open another.
        connections[port].close()
        conn = connections[port] = http.client.HTTPConnection('127.0.0.1', port,
                                                              timeout=30)
        started = time.perf_counter()
        conn.request(method, path, body=data,
                     headers=dict(HEADERS, **(headers or {})))
        response = conn.getresponse()
    payload = response.read()
    elapsed = (time.perf_counter() - started) * 1000
    return response.status, (json.loads(payload) if payload else None), elapsed


def summary(latencies):
    ordered = sorted(latencies)
    return {'p50': round(statistics.median(ordered), 2),
            'p95': round(ordered[int(len(ordered) * 0.95) - 1], 2),
            'max': round(ordered[-1], 2)}


def serve(db, **api):
    conf = conf_mod.make_conf()
    conf([], project='clusterd')
    conf.set_override('auth_strategy', 'noauth', group='api')
    for name, value in api.items():
        conf.set_override(name, value, group='api')
    server = server_mod.make_server(deploy.make_app(conf, db), '127.0.0.1', 0, 8)
    threading.Thread(target=server.serve, daemon=True).start()
    return server


def actions_of(db, cluster_id):
    with db.engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(
            models.Action).where(models.Action.target == cluster_id)).scalar_one()


def storm(db, ports, cluster_id, triggers, name):
    status, body, _ = request(ports[0], 'POST', '/v1/receivers', {'receiver': {
        'name': name, 'type': 'webhook', 'cluster_id': cluster_id,
        'action': 'CLUSTER_SCALE_OUT', 'params': {'count': 1}}})
    assert status == 201, body
    url = urllib.parse.urlsplit(body['receiver']['channel']['alarm_url'])
    path = '%s?%s' % (url.path, url.query)
    before = actions_of(db, cluster_id)

    def trigger(index):
        return request(ports[index % len(ports)], 'POST', path, ALARM,
                       {'OpenStack-API-Version': ''})

    started = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(16) as pool:
        results = list(pool.map(trigger, range(triggers)))
    wall = time.perf_counter() - started
    return {
        'triggers': triggers,
        'answers': dict(collections.Counter(status for status, _, _ in results)),
        'distinct_action_ids': len({body['action'] for status, body, _ in results
                                    if status == 202}),
        'actions_created': actions_of(db, cluster_id) - before,
        'latency_ms': summary([elapsed for _, _, elapsed in results]),
        'triggers_per_second': round(triggers / wall, 1),
    }


def idempotency_cost(port, profile_id, count):
    path = '/v1/profiles/%s' % profile_id
    names = ['bench-a', 'bench-b']

    def patch(i, key=None):
        status, body, elapsed = request(port, 'PATCH', path, {'profile': {
            'name': names[i % 2]}}, {'Idempotency-Key': key} if key else None)
        assert status == 200, body
        return elapsed

    plain = [patch(i) for i in range(count)]
    keyed = [patch(i, 'key-%d-%s' % (i, uuid.uuid4().hex)) for i in range(count)]
    patch(0, 'replayed')
    replayed = [patch(0, 'replayed') for _ in range(count)]
    return {'requests': count, 'without_key_ms': summary(plain),
            'new_key_ms': summary(keyed), 'replay_ms': summary(replayed)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--mysql-url', default=os.environ.get(
        'CLUSTERD_BENCH_MYSQL_URL', 'mysql+pymysql://root@127.0.0.1:3306/'))
    parser.add_argument('--triggers', type=int, default=400)
    parser.add_argument('--requests', type=int, default=200,
                        help='timed requests per idempotency case')
    args = parser.parse_args()

    server_url = sa.engine.make_url(args.mysql_url)
    name = 'clusterd_bench_%s' % uuid.uuid4().hex[:10]
    admin = sa.create_engine(server_url, isolation_level='AUTOCOMMIT')
    with admin.connect() as conn:
        conn.execute(sa.text('CREATE DATABASE %s CHARACTER SET utf8mb4' % name))
    url = server_url.set(database=name).update_query_dict({'charset': 'utf8mb4'})
    db = None
    servers = []
    try:
        db = db_api.Database(url.render_as_string(hide_password=False),
                             max_pool_size=40)
        migration.upgrade(db)
        ctx = context_mod.RequestContext(db=db, project_id='bench',
                                         user_id='bench', roles=['member'])
        profile = profile_obj.Profile.create(
            ctx, name='sim', type='clusterd.simulated-1.0', project='bench',
            user='bench', spec={'type': 'clusterd.simulated', 'version': '1.0',
                                'properties': {}})
        clusters = [cluster_obj.Cluster.create(
            ctx, name='storm-%d' % i, profile_id=profile.id,
            status=states.C_ACTIVE, timeout=3600) for i in range(2)]

        unlimited = [serve(db, webhook_rate=0) for _ in range(2)]
        limited = [serve(db) for _ in range(2)]
        servers = unlimited + limited
        log('storm without a rate limit ...')
        free = storm(db, [server_mod.bound_port(s) for s in unlimited],
                     clusters[0].id, args.triggers, 'storm-free')
        log('storm with the default rate limit ...')
        capped = storm(db, [server_mod.bound_port(s) for s in limited],
                       clusters[1].id, args.triggers, 'storm-capped')
        log('Idempotency-Key cost ...')
        cost = idempotency_cost(server_mod.bound_port(unlimited[0]), profile.id,
                                args.requests)
        print(json.dumps({
            'backend': 'mariadb', 'api_servers': 2, 'server_threads': 8,
            'client_threads': 16, 'cpus': os.cpu_count(),
            'load_average_1m': round(os.getloadavg()[0], 2),
            'storm_without_rate_limit': free,
            'storm_with_default_rate_limit': capped,
            'idempotency_key': cost}, indent=2))
    finally:
        for server in servers:
            server.stop()
        if db is not None:
            db.dispose()
        with admin.connect() as conn:
            conn.execute(sa.text('DROP DATABASE IF EXISTS %s' % name))
        admin.dispose()


if __name__ == '__main__':
    main()
