#!/usr/bin/env python3
"""Latency of the API's list calls over a large MariaDB or PostgreSQL database.

Seeds a throw-away database (``--backend mysql``, the default, or
``postgresql``) with 100,000 actions (96,500 in project
``bench-big``, 3,500 in ``bench-small``) and 100,000 events (``bench-big``),
serves ``clusterd.api.deploy.make_app`` (noauth) with cheroot on a free port in a
process of its own (as ``clusterd-api`` runs; the client does not share its
interpreter), and times, over one keep-alive connection:

- ``GET /v1/actions?limit=100`` (target p95 20 ms);
- ``GET /v1/events?limit=100`` (target p95 20 ms);
- ``GET /v1/actions`` unpaginated over the 3,500 actions of ``bench-small``
  (target p95 60 ms);
- ``GET /v1/actions?limit=100&marker=<a row half way>`` (a deep page: keyset
  pagination makes it as cheap as the first);
- the unpaginated list again on a second server whose ``[api]
  rendered_row_cache`` is 0: every row read whole and serialized each time, as
  when every row changed since the last list (the worst case).

Dependency rows (``--dependencies``): ``in-flight`` (default) seeds what the
engine leaves, rows only between unfinished actions: the newest 2,000 actions
hold 200 fan-outs in progress (a WAITING parent, a RUNNING child).  ``heavy``
seeds one in ten of all 100,000 actions waiting for another although both
ended, 10,000 rows the engine never leaves (a depended action's rows are deleted
when it ends); lists then probe the table per row instead of reading it whole.

With ``--senlin-endpoint``, the same rows are seeded into Senlin's database and
the first three calls are timed on Senlin's API too, with the ratios Senlin /
clusterd of the medians.

Prints one JSON object (milliseconds) on stdout; progress goes to stderr.  The
server URL (a user that may create databases) comes from ``--mysql-url`` or
``CLUSTERD_BENCH_MYSQL_URL``, by default ``mysql+pymysql://root@127.0.0.1:3306/``;
with ``--backend postgresql``, from ``--postgresql-url`` or
``CLUSTERD_BENCH_POSTGRESQL_URL``, by default ``postgresql://postgres@127.0.0.1:5432/``
(psycopg 3, as clusterd takes a bare ``postgresql://``).  On PostgreSQL the
seeded tables are vacuumed and analyzed, as autovacuum leaves a table that has
had 100,000 inserts.

The API server is a process of its own, started with this script's
interpreter; it is given ``--server-timeout`` seconds (default 300: a loaded host
can take long to import clusterd) to listen and answer, and its stderr is printed
when it does not.
"""

import argparse
import datetime
import http.client
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
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


def make_rows(heavy=False):
    """The actions, dependencies and events to seed (dicts of clusterd's columns)."""
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
        if i % 10 == 1 and (heavy or i >= ACTIONS - 2_000):
            dependencies.append({'id': _uuid(i, 5), 'depended': _uuid(i, 1),
                                 'dependent': _uuid(i - 1, 1)})
            if not heavy:
                actions[-1].update(status='RUNNING', end_time=None,
                                   status_reason='Creating the node')
                actions[-2].update(status='WAITING', end_time=None,
                                   status_reason='Waiting for 1 child')
    events = [{
        'id': _uuid(i, 2), 'timestamp': T0 + datetime.timedelta(seconds=i),
        'oid': _uuid(i % 500, 3), 'oname': 'node-%d' % (i % 500), 'otype': 'NODE',
        'cluster_id': _uuid(i % 50, 4), 'level': '20', 'user': 'bench-user',
        'project': 'bench-big', 'action': 'NODE_CREATE', 'status': 'end',
        'status_reason': 'Node created', 'meta_data': {'action_id': _uuid(i, 1)},
    } for i in range(EVENTS)]
    middle = [a for a in actions if a['project'] == 'bench-big'][len(actions) // 2]
    return {'action': actions, 'dependency': dependencies, 'event': events,
            'small': small, 'middle': middle['id']}


def seed(db, rows, backend):
    with db.engine.begin() as conn:
        for table in (models.Action, models.Dependency, models.Event):
            values = rows[table.__tablename__]
            for start in range(0, len(values), BATCH):
                conn.execute(sa.insert(table), values[start:start + BATCH])
        if backend == 'mysql':
            conn.execute(sa.text('ANALYZE TABLE action, event, dependency'))
    if backend == 'postgresql':
        # VACUUM cannot run in a transaction.  Autovacuum would do the same soon
        # after 100,000 inserts (the visibility map lets index-only scans skip
        # the heap); doing it here makes runs comparable.
        with db.engine.connect() as conn:
            conn = conn.execution_options(isolation_level='AUTOCOMMIT')
            conn.execute(sa.text('VACUUM ANALYZE action, event, dependency'))


def _senlin_value(value):
    if isinstance(value, (dict, list)):
        return json.dumps(value)
    if isinstance(value, datetime.datetime):
        return value.replace(tzinfo=None)
    return value


def seed_senlin(url, rows):
    """The same rows in Senlin's database (its tables have the same names and,
    but for a few, the same columns; JSON columns are text)."""
    # Senlin also keeps each action's dependencies in the action row.
    depends_on, depended_by = {}, {}
    for pair in rows['dependency']:
        depends_on.setdefault(pair['dependent'], []).append(pair['depended'])
        depended_by.setdefault(pair['depended'], []).append(pair['dependent'])
    rows = dict(rows, action=[
        dict(row, depends_on=depends_on.get(row['id'], []),
             depended_by=depended_by.get(row['id'], []))
        for row in rows['action']])
    engine = sa.create_engine(url)
    meta = sa.MetaData()
    meta.reflect(engine, only=('action', 'dependency', 'event'))
    with engine.begin() as conn:
        for name in ('dependency', 'event', 'action'):
            conn.execute(meta.tables[name].delete())
        for name in ('action', 'dependency', 'event'):
            table = meta.tables[name]
            columns = set(table.c.keys())
            values = [{k: _senlin_value(v) for k, v in row.items() if k in columns}
                      for row in rows[name]]
            for start in range(0, len(values), BATCH):
                conn.execute(table.insert(), values[start:start + BATCH])
        conn.execute(sa.text('ANALYZE TABLE action, event, dependency'))
    engine.dispose()


def measure(port, path, project, count, warmup=10, roles='reader'):
    connection = http.client.HTTPConnection('127.0.0.1', port, timeout=120)
    headers = {'X-Project-Id': project, 'X-User-Id': 'bench-user',
               'X-Roles': roles, 'X-Auth-Token': 'notused',
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


def measure_senlin(args, rows):
    """The same calls on Senlin (its noauth pipeline, as the anchor runs it)."""
    log('seeding Senlin ...')
    seed_senlin(args.senlin_db_url, rows)
    port = urllib.parse.urlsplit(args.senlin_endpoint).port
    small = rows['small']
    log('measuring Senlin ...')
    return {
        'actions_limit_100': measure(port, '/v1/actions?limit=100', 'bench-big',
                                     args.senlin_requests, warmup=2,
                                     roles='member'),
        'events_limit_100': measure(port, '/v1/events?limit=100', 'bench-big',
                                    args.senlin_requests, warmup=2,
                                    roles='member'),
        'actions_unpaginated_%d' % small: measure(
            port, '/v1/actions', 'bench-small', args.senlin_requests, warmup=1,
            roles='member'),
    }


def serve(url, cache_mib, port_file):
    """The API server's process: serve until terminated."""
    conf = conf_mod.make_conf()
    conf([], project='clusterd')
    conf.set_override('auth_strategy', 'noauth', group='api')
    conf.set_override('rendered_row_cache', cache_mib, group='api')
    db = db_api.Database(url)
    server = server_mod.make_server(deploy.make_app(conf, db), '127.0.0.1', 0, 4)
    # Written whole, then renamed: the parent never reads half a number.
    with open(port_file + '.tmp', 'w') as f:
        f.write(str(server_mod.bound_port(server)))
    os.rename(port_file + '.tmp', port_file)
    server.serve()


class ServerFailed(RuntimeError):
    pass


class Server:
    """The API in a child process of its own (this script run with --serve: a
    fresh interpreter, no inherited connections), its stdout and stderr kept in
    a file that is printed when it does not start."""

    def __init__(self, url, cache_mib=64, timeout=300):
        self.dir = tempfile.TemporaryDirectory(prefix='clusterd-bench-api-')
        port_file = os.path.join(self.dir.name, 'port')
        self.log = open(os.path.join(self.dir.name, 'server.log'), 'w+b')
        self.process = subprocess.Popen(
            [sys.executable, os.path.abspath(__file__), '--serve',
             '--serve-cache-mib', str(cache_mib), '--serve-port-file', port_file],
            # The URL (it may hold a password) in the environment, not in ps.
            env=dict(os.environ, CLUSTERD_BENCH_SERVE_URL=url),
            stdin=subprocess.DEVNULL, stdout=self.log, stderr=subprocess.STDOUT)
        try:
            self.port = self._wait(port_file, timeout)
        except BaseException:
            self.stop()
            raise

    def output(self):
        self.log.flush()
        self.log.seek(0)
        return self.log.read().decode('utf-8', 'replace')

    def _fail(self, why):
        text = self.output()
        log('API server %s; its output:\n%s' % (why, text or '(none)'))
        raise ServerFailed('the API server %s' % why)

    def _wait(self, port_file, timeout):
        started = time.monotonic()
        deadline = started + timeout
        port = None
        while port is None:
            if self.process.poll() is not None:
                self._fail('exited with status %d before listening'
                           % self.process.returncode)
            if os.path.exists(port_file):
                with open(port_file) as f:
                    port = int(f.read())
            elif time.monotonic() > deadline:
                self._fail('did not listen within %d s' % timeout)
            else:
                time.sleep(0.2)
        # Listening is not answering: wait for a first answer too.
        last = None
        while True:
            if self.process.poll() is not None:
                self._fail('exited with status %d after listening'
                           % self.process.returncode)
            try:
                connection = http.client.HTTPConnection(
                    '127.0.0.1', port, timeout=max(1, deadline - time.monotonic()))
                connection.request('GET', '/')
                connection.getresponse().read()
                connection.close()
                break
            except OSError as exc:
                last = exc
            if time.monotonic() > deadline:
                self._fail('did not answer within %d s (%s)' % (timeout, last))
            time.sleep(0.2)
        log('API server on port %d answered after %.1f s'
            % (port, time.monotonic() - started))
        return port

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()
        self.dir.cleanup()


def create_database(backend, server_url, name):
    """An AUTOCOMMIT engine on the server, after creating database ``name``."""
    admin = sa.create_engine(db_api.driver_url(server_url),
                             isolation_level='AUTOCOMMIT')
    with admin.connect() as conn:
        if backend == 'mysql':
            conn.execute(sa.text('CREATE DATABASE %s CHARACTER SET utf8mb4' % name))
        else:
            conn.execute(sa.text('CREATE DATABASE %s' % name))
    return admin


def drop_database(backend, admin, name):
    with admin.connect() as conn:
        if backend == 'postgresql':
            conn.execute(sa.text(
                'SELECT pg_terminate_backend(pid) FROM pg_stat_activity '
                'WHERE datname = :n AND pid <> pg_backend_pid()'), {'n': name})
        conn.execute(sa.text('DROP DATABASE IF EXISTS %s' % name))
    admin.dispose()


def server_version(db):
    with db.engine.connect() as conn:
        return conn.execute(sa.text('SELECT version()')).scalar()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--backend', default='mysql',
                        choices=['mysql', 'postgresql'],
                        help='the database server (default mysql: MariaDB)')
    parser.add_argument('--mysql-url', default=os.environ.get(
        'CLUSTERD_BENCH_MYSQL_URL', 'mysql+pymysql://root@127.0.0.1:3306/'))
    parser.add_argument('--postgresql-url', default=os.environ.get(
        'CLUSTERD_BENCH_POSTGRESQL_URL', 'postgresql://postgres@127.0.0.1:5432/'))
    parser.add_argument('--driver', default='pymysql', choices=['pymysql', 'mysqldb'],
                        help='DB-API driver of the API on MariaDB (mysqldb is '
                             'mysqlclient, the C driver; default pymysql)')
    parser.add_argument('--server-timeout', type=int, default=300,
                        help='seconds the API server may take to start '
                             '(default 300)')
    parser.add_argument('--dependencies', default='in-flight',
                        choices=['in-flight', 'heavy'],
                        help='which dependency rows to seed (see above)')
    parser.add_argument('--senlin-endpoint',
                        help='also time Senlin\'s API at this URL (the anchor in '
                             '/work/shared/anchors/senlin: http://127.0.0.1:8778), '
                             'after seeding the same rows into its database '
                             '(its action, dependency and event tables are '
                             'emptied first)')
    parser.add_argument('--senlin-db-url',
                        default='mysql+pymysql://root@127.0.0.1:3306/senlin',
                        help='Senlin\'s database (default: the anchor\'s)')
    parser.add_argument('--senlin-requests', type=int, default=20,
                        help='timed requests per call on Senlin (default 20)')
    parser.add_argument('--requests', type=int, default=200,
                        help='timed requests per call (default 200)')
    # The API server's process (see Server).
    parser.add_argument('--serve', action='store_true', help=argparse.SUPPRESS)
    parser.add_argument('--serve-cache-mib', type=int, help=argparse.SUPPRESS)
    parser.add_argument('--serve-port-file', help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(os.environ['CLUSTERD_BENCH_SERVE_URL'], args.serve_cache_mib,
              args.serve_port_file)
        return 0
    if args.backend == 'postgresql' and args.senlin_endpoint:
        parser.error('--senlin-endpoint is for --backend mysql (Senlin\'s '
                     'anchor database is MariaDB)')

    name = 'clusterd_bench_%s' % uuid.uuid4().hex[:10]
    if args.backend == 'mysql':
        server_url = sa.engine.make_url(args.mysql_url)
        url = server_url.set(database=name, drivername='mysql+' + args.driver)
        url = url.update_query_dict({'charset': 'utf8mb4'})
    else:
        server_url = sa.engine.make_url(args.postgresql_url)
        url = server_url.set(database=name)
    admin = create_database(args.backend, server_url, name)
    db = None
    server = None
    try:
        db = db_api.Database(url.render_as_string(hide_password=False))
        migration.upgrade(db)
        log('seeding %d actions and %d events ...' % (ACTIONS, EVENTS))
        started = time.monotonic()
        rows = make_rows(heavy=args.dependencies == 'heavy')
        small, middle = rows['small'], rows['middle']
        seed(db, rows, args.backend)
        log('seeded in %.0f s' % (time.monotonic() - started))
        version = server_version(db)
        load_before = os.getloadavg()

        server = Server(url.render_as_string(hide_password=False),
                        timeout=args.server_timeout)
        port = server.port
        unpaginated = max(20, args.requests // 4)

        results = {
            'actions_limit_100': measure(port, '/v1/actions?limit=100', 'bench-big',
                                         args.requests),
            'events_limit_100': measure(port, '/v1/events?limit=100', 'bench-big',
                                        args.requests),
            'actions_unpaginated_%d' % small: measure(
                port, '/v1/actions', 'bench-small', unpaginated),
            'actions_limit_100_deep_marker': measure(
                port, '/v1/actions?limit=100&marker=%s' % middle, 'bench-big',
                args.requests),
        }
        server.stop()
        server = Server(url.render_as_string(hide_password=False), cache_mib=0,
                        timeout=args.server_timeout)
        port = server.port
        results['actions_unpaginated_%d_uncached' % small] = measure(
            port, '/v1/actions', 'bench-small', unpaginated, warmup=3)
        senlin = None
        if args.senlin_endpoint:
            senlin = measure_senlin(args, rows)
        server.stop()
        server = None
        print(json.dumps({
            'backend': 'mariadb' if args.backend == 'mysql' else 'postgresql',
            'server_version': version,
            'driver': args.driver if args.backend == 'mysql' else 'psycopg',
            'dependencies': args.dependencies,
            'cpus': os.cpu_count(), 'load_average_1m': os.getloadavg()[0],
            'load_average_before_1_5_15m': [round(x, 2) for x in load_before],
            'load_average_after_1_5_15m': [round(x, 2) for x in os.getloadavg()],
            'actions': ACTIONS, 'events': EVENTS,
            'targets_p95_ms': {'actions_limit_100': 20, 'events_limit_100': 20,
                               'actions_unpaginated_%d' % small: 60},
            # Issue 20, item 4 (the p50 of the unpaginated list, on both servers).
            'targets_issue_20': {'actions_limit_100': {'p95_ms': 20},
                                 'actions_unpaginated_%d' % small: {'p50_ms': 60}},
            'results': results,
            'senlin': senlin,
            'ratios_senlin_over_clusterd_p50': senlin and {
                key: round(senlin[key]['p50_ms'] / results[key]['p50_ms'], 1)
                for key in senlin if key in results},
        }, indent=2))
    finally:
        if server is not None:
            server.stop()
        if db is not None:
            db.dispose()
        drop_database(args.backend, admin, name)
    return 0


if __name__ == '__main__':
    sys.exit(main())
