#!/usr/bin/env python3
"""Latency of the API's list calls over a large MariaDB database.

Seeds a throw-away MariaDB database with 100,000 actions (96,500 in project
``bench-big``, 3,500 in ``bench-small``; one in ten waits for another) and 100,000
events (``bench-big``), serves ``clusterd.api.deploy.make_app`` (noauth) with
cheroot on a free port, and times, over one keep-alive connection:

- ``GET /v1/actions?limit=100`` (target p95 20 ms);
- ``GET /v1/events?limit=100`` (target p95 20 ms);
- ``GET /v1/actions`` unpaginated over the 3,500 actions of ``bench-small``
  (target p95 60 ms);
- ``GET /v1/actions?limit=100&marker=<a row half way>`` (a deep page: keyset
  pagination makes it as cheap as the first).

Prints one JSON object (milliseconds) on stdout; progress goes to stderr.  The
server URL (a user that may create databases) comes from ``--mysql-url`` or
``CLUSTERD_BENCH_MYSQL_URL``, by default ``mysql+pymysql://root@127.0.0.1:3306/``.
"""

import argparse
import datetime
import http.client
import json
import os
import statistics
import sys
import threading
import time
import uuid

import sqlalchemy as sa

from clusterd.api import deploy
from clusterd.cmd import server as server_mod
from clusterd import conf as conf_mod
from clusterd.db import api as db_api
from clusterd.db import migration
from clusterd.db import models

ACTIONS = 100_000
SMALL = 3_500
EVENTS = 100_000
BATCH = 5_000
T0 = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)


def log(message):
    print(message, file=sys.stderr, flush=True)


def _uuid(i, salt):
    return str(uuid.UUID(int=(salt << 96) | (i * 2654435761 % (1 << 64))))


def seed(db):
    actions, dependencies = [], []
    small = 0
    for i in range(ACTIONS):
        # The small project's rows are spread among the others, as in real life.
        project = 'bench-big'
        if i % (ACTIONS // SMALL) == 0 and small < SMALL:
            project = 'bench-small'
            small += 1
        actions.append({
            'id': _uuid(i, 1), 'name': 'node_create_%d' % i, 'action': 'NODE_CREATE',
            'target': _uuid(i % 500, 3), 'cluster_id': _uuid(i % 50, 4),
            'cause': 'Derived Action', 'status': 'SUCCEEDED',
            'status_reason': 'Node created', 'inputs': {'count': 1},
            'outputs': {}, 'data': {}, 'context': {'user_id': 'u'},
            'start_time': 1767225600 + i, 'end_time': 1767225601 + i,
            'timeout': 3600, 'user': 'bench-user', 'project': project,
            'created_at': T0 + datetime.timedelta(seconds=i),
            'updated_at': T0 + datetime.timedelta(seconds=i + 1)})
        if i % 10 == 1:
            dependencies.append({'id': _uuid(i, 5), 'depended': _uuid(i, 1),
                                 'dependent': _uuid(i - 1, 1)})
    events = [{
        'id': _uuid(i, 2), 'timestamp': T0 + datetime.timedelta(seconds=i),
        'oid': _uuid(i % 500, 3), 'oname': 'node-%d' % (i % 500), 'otype': 'NODE',
        'cluster_id': _uuid(i % 50, 4), 'level': '20', 'user': 'bench-user',
        'project': 'bench-big', 'action': 'NODE_CREATE', 'status': 'end',
        'status_reason': 'Node created', 'meta_data': {'action_id': _uuid(i, 1)},
    } for i in range(EVENTS)]
    with db.engine.begin() as conn:
        for table, rows in ((models.Action, actions), (models.Dependency, dependencies),
                            (models.Event, events)):
            for start in range(0, len(rows), BATCH):
                conn.execute(sa.insert(table), rows[start:start + BATCH])
        conn.execute(sa.text('ANALYZE TABLE action, event, dependency'))
    middle = [a for a in actions if a['project'] == 'bench-big'][len(actions) // 2]
    return small, middle['id']


def measure(port, path, project, count, warmup=10):
    connection = http.client.HTTPConnection('127.0.0.1', port, timeout=30)
    headers = {'X-Project-Id': project, 'X-User-Id': 'bench-user',
               'X-Roles': 'reader', 'X-Auth-Token': 'notused',
               'OpenStack-API-Version': 'clustering 1.14'}
    times, size, rows = [], 0, 0
    for n in range(warmup + count):
        start = time.perf_counter()
        connection.request('GET', path, headers=headers)
        response = connection.getresponse()
        body = response.read()
        elapsed = (time.perf_counter() - start) * 1000
        if response.status != 200:
            raise RuntimeError('%s: %d %s' % (path, response.status, body[:300]))
        if n >= warmup:
            times.append(elapsed)
        size = len(body)
        rows = len(next(iter(json.loads(body).values())))
    connection.close()
    times.sort()
    return {'p50_ms': round(statistics.median(times), 2),
            'p95_ms': round(times[int(len(times) * 0.95) - 1], 2),
            'max_ms': round(times[-1], 2), 'requests': count, 'rows': rows,
            'bytes': size}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--mysql-url', default=os.environ.get(
        'CLUSTERD_BENCH_MYSQL_URL', 'mysql+pymysql://root@127.0.0.1:3306/'))
    parser.add_argument('--driver', default='pymysql', choices=['pymysql', 'mysqldb'],
                        help='DB-API driver of the API (mysqldb is mysqlclient, '
                             'the C driver; default pymysql)')
    parser.add_argument('--requests', type=int, default=200,
                        help='timed requests per call (default 200)')
    args = parser.parse_args()

    server_url = sa.engine.make_url(args.mysql_url)
    name = 'clusterd_bench_%s' % uuid.uuid4().hex[:10]
    admin = sa.create_engine(server_url, isolation_level='AUTOCOMMIT')
    with admin.connect() as conn:
        conn.execute(sa.text('CREATE DATABASE %s CHARACTER SET utf8mb4' % name))
    url = server_url.set(database=name, drivername='mysql+' + args.driver)
    url = url.update_query_dict({'charset': 'utf8mb4'})
    db = None
    server = None
    try:
        db = db_api.Database(url.render_as_string(hide_password=False))
        migration.upgrade(db)
        log('seeding %d actions and %d events ...' % (ACTIONS, EVENTS))
        started = time.monotonic()
        small, middle = seed(db)
        log('seeded in %.0f s' % (time.monotonic() - started))

        conf = conf_mod.make_conf()
        conf([], project='clusterd')
        conf.set_override('auth_strategy', 'noauth', group='api')
        server = server_mod.make_server(deploy.make_app(conf, db), '127.0.0.1', 0, 4)
        port = server_mod.bound_port(server)
        threading.Thread(target=server.serve, daemon=True).start()

        results = {
            'actions_limit_100': measure(port, '/v1/actions?limit=100', 'bench-big',
                                         args.requests),
            'events_limit_100': measure(port, '/v1/events?limit=100', 'bench-big',
                                        args.requests),
            'actions_unpaginated_%d' % small: measure(
                port, '/v1/actions', 'bench-small', max(20, args.requests // 4)),
            'actions_limit_100_deep_marker': measure(
                port, '/v1/actions?limit=100&marker=%s' % middle, 'bench-big',
                args.requests),
        }
        print(json.dumps({
            'backend': 'mariadb', 'driver': args.driver,
            'cpus': os.cpu_count(), 'load_average_1m': os.getloadavg()[0],
            'actions': ACTIONS, 'events': EVENTS,
            'targets_p95_ms': {'actions_limit_100': 20, 'events_limit_100': 20,
                               'actions_unpaginated_%d' % small: 60},
            'results': results}, indent=2))
    finally:
        if server is not None:
            server.stop()
        if db is not None:
            db.dispose()
        with admin.connect() as conn:
            conn.execute(sa.text('DROP DATABASE IF EXISTS %s' % name))
        admin.dispose()
    return 0


if __name__ == '__main__':
    sys.exit(main())
