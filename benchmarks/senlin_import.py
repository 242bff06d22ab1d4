#!/usr/bin/env python3
"""Cost of ``clusterd-manage import-senlin`` as a Senlin database grows.

The Senlin 16 database of the tests (``tests/functional/senlin16/senlin16.sql``,
made by the Senlin anchor) is restored into a throw-away MariaDB database and its
``web`` cluster copied ``--clusters`` times (each with ``--nodes`` nodes, its
four policy bindings and two receivers, under new ids) and its events
``--events`` times, in one project.  Then, with the importer itself (as the
command runs it, minus the process start), into a throw-away clusterd database:

- *dry_run*: everything, rolled back;
- *first*: the import;
- *again*: a second import, which must change nothing.

Each reports the wall time and the rows per second.  Prints one JSON object on
stdout; progress on stderr.  ``--backend sqlite|mysql|postgresql`` picks the
clusterd database (default mysql, at ``CLUSTERD_BENCH_MYSQL_URL`` or
``mysql+pymysql://root@127.0.0.1:3306/``, which also holds the Senlin copy).
"""

import argparse
import contextlib
import json
import os
import sys
import tempfile
import time
import uuid

import sqlalchemy as sa

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from clusterd import conf as conf_mod  # noqa: E402
from clusterd import context as context_mod  # noqa: E402
from clusterd.engine import senlin_import  # noqa: E402
from tests import databases  # noqa: E402
from tests.functional import senlin16  # noqa: E402

PROJECT = 'senlin16-a'


def log(message):
    print(message, file=sys.stderr, flush=True)


def _rows(connection, table, where='', **params):
    return [dict(row) for row in connection.execute(sa.text(
        'SELECT * FROM `%s` %s' % (table, where)), params).mappings()]


def grow(url, clusters, nodes, events):
    """Copy the ``web`` cluster and the events of the restored dump."""
    web = senlin16.recorded()['made']['clusters']['web']
    engine = databases.create_engine(url)
    metadata = sa.MetaData()
    metadata.reflect(bind=engine)
    tables = metadata.tables
    with engine.begin() as connection:
        cluster = _rows(connection, 'cluster', 'WHERE id = :i', i=web)[0]
        node = _rows(connection, 'node', 'WHERE cluster_id = :i LIMIT 1', i=web)[0]
        bindings = _rows(connection, 'cluster_policy', 'WHERE cluster_id = :i',
                         i=web)
        receivers = _rows(connection, 'receiver', 'WHERE cluster_id = :i', i=web)
        event_rows = _rows(connection, 'event', 'WHERE project = :p', p=PROJECT)
        new = {'cluster': [], 'node': [], 'cluster_policy': [], 'receiver': [],
               'event': []}
        for number in range(clusters):
            cluster_id = str(uuid.uuid4())
            new['cluster'].append(dict(cluster, id=cluster_id,
                                       name='web-%d' % number,
                                       desired_capacity=nodes,
                                       next_index=nodes + 1))
            for index in range(nodes):
                new['node'].append(dict(node, id=str(uuid.uuid4()),
                                        physical_id=str(uuid.uuid4()),
                                        cluster_id=cluster_id, index=index + 1,
                                        name='web-%d-%03d' % (number, index + 1)))
            new['cluster_policy'].extend(dict(b, id=str(uuid.uuid4()),
                                              cluster_id=cluster_id)
                                         for b in bindings)
            new['receiver'].extend(dict(r, id=str(uuid.uuid4()),
                                        cluster_id=cluster_id) for r in receivers)
        for _ in range(max(0, events // max(1, len(event_rows)))):
            new['event'].extend(dict(e, id=str(uuid.uuid4())) for e in event_rows)
        for table in ('cluster', 'node', 'cluster_policy', 'receiver', 'event'):
            for start in range(0, len(new[table]), 5000):
                connection.execute(sa.insert(tables[table]),
                                   new[table][start:start + 5000])
    engine.dispose()
    return {table: len(rows) for table, rows in new.items()}


def timed(context, conf, url, **options):
    started = time.monotonic()
    report = senlin_import.run(context, conf, senlin_import.Options(
        source=url, skip_busy=True, history_days=36500, **options)).to_dict()
    seconds = time.monotonic() - started
    rows = sum(counts['imported'] + counts['updated'] + counts['unchanged'] +
               counts['skipped'] for counts in report['objects'].values())
    return {'seconds': round(seconds, 2), 'rows': rows,
            'rows_per_second': round(rows / seconds),
            'imported': sum(c['imported'] for c in report['objects'].values()),
            'updated': sum(c['updated'] for c in report['objects'].values()),
            'unchanged': sum(c['unchanged'] for c in report['objects'].values())}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--backend', default='mysql',
                        choices=['sqlite', 'mysql', 'postgresql'])
    parser.add_argument('--clusters', type=int, default=100)
    parser.add_argument('--nodes', type=int, default=100)
    parser.add_argument('--events', type=int, default=100000)
    args = parser.parse_args()
    if os.environ.get('CLUSTERD_BENCH_MYSQL_URL'):
        databases.SERVER_URLS['mysql'] = os.environ['CLUSTERD_BENCH_MYSQL_URL']
    conf = conf_mod.make_conf()
    conf([], project='clusterd', default_config_files=[])
    with contextlib.ExitStack() as stack:
        tmp = stack.enter_context(tempfile.TemporaryDirectory())
        url = stack.enter_context(senlin16.restored(tmp))
        log('growing the Senlin copy...')
        grown = grow(url, args.clusters, args.nodes, args.events)
        db = stack.enter_context(databases.migrated_database(args.backend, tmp))
        context = context_mod.admin_context(db)
        result = {'backend': args.backend, 'senlin_rows_added': grown}
        for phase, options in (('dry_run', {'dry_run': True}), ('first', {}),
                               ('again', {})):
            log('%s...' % phase)
            result[phase] = timed(context, conf, url, **options)
    print(json.dumps(result, indent=2))


if __name__ == '__main__':
    main()
