"""Record the Senlin 16 database that the import tests restore.

Run by hand, on a machine where the Senlin anchor (shared/anchors/senlin) runs on
MariaDB, from the repository's root::

    .venv/bin/python -m tests.functional.senlin16.record

It builds the estate of :func:`tests.senlin_anchor.build` through Senlin's REST
API in the projects ``senlin16-a``, ``-b`` and ``-c``, records what
openstacksdk lists for ``-a`` and ``-b`` (``senlin16-api.json``), starts a
cluster whose creation takes a minute in ``-c`` and, while it runs, dumps the
rows of those projects (with the whole schema and Senlin's alembic revision)
with mysqldump into ``senlin16.sql``: the dump holds a RUNNING action and its
locks, as a live Senlin does.  Then it deletes everything it made from Senlin.
Knobs: SENLIN_DB_NAME (senlin), MYSQL_USER (root), MYSQL_HOST (127.0.0.1).
"""

import datetime
import json
import os
import subprocess
import sys

from tests import senlin_anchor

HERE = os.path.dirname(os.path.abspath(__file__))
PREFIX = 'senlin16'
PROJECTS = "'senlin16-a', 'senlin16-b', 'senlin16-c'"
BUSY_SECONDS = 60

# Rows to keep per table (a WHERE clause); tables not named keep no rows.
CLUSTERS = 'SELECT id FROM cluster WHERE project IN (%s)' % PROJECTS
ACTIONS = 'SELECT id FROM action WHERE project IN (%s)' % PROJECTS
ROWS = {
    'alembic_version': '1 = 1',
    'profile': 'project IN (%s)' % PROJECTS,
    'policy': 'project IN (%s)' % PROJECTS,
    'cluster': 'project IN (%s)' % PROJECTS,
    'node': 'project IN (%s)' % PROJECTS,
    'receiver': 'project IN (%s)' % PROJECTS,
    'credential': 'project IN (%s)' % PROJECTS,
    'action': 'project IN (%s)' % PROJECTS,
    'event': 'project IN (%s)' % PROJECTS,
    'cluster_policy': 'cluster_id IN (%s)' % CLUSTERS,
    'health_registry': 'cluster_id IN (%s)' % CLUSTERS,
    'cluster_lock': 'cluster_id IN (%s)' % CLUSTERS,
    'node_lock': 'action_id IN (%s)' % ACTIONS,
    'dependency': 'depended IN (%s)' % ACTIONS,
}


def mysqldump(*args):
    command = ['mysqldump', '-u', os.environ.get('MYSQL_USER', 'root'),
               '-h', os.environ.get('MYSQL_HOST', '127.0.0.1'),
               '--single-transaction', '--skip-comments', '--skip-dump-date',
               '--skip-add-locks', '--skip-extended-insert', '--skip-tz-utc',
               '--default-character-set=utf8mb4']
    command.extend(args)
    return subprocess.run(command, check=True, capture_output=True,
                          text=True).stdout


def main():
    if not senlin_anchor.answers():
        sys.exit('Senlin does not answer at %s' % senlin_anchor.URL)
    database = os.environ.get('SENLIN_DB_NAME', 'senlin')
    senlin_anchor.cleanup(PREFIX)
    # Senlin keeps the actions and events of deleted objects: those of earlier
    # recordings stay out of this one.
    start = (datetime.datetime.now(datetime.timezone.utc) -
             datetime.timedelta(seconds=1)).strftime('%Y-%m-%d %H:%M:%S')
    ROWS['action'] += " AND created_at >= '%s'" % start
    ROWS['event'] += " AND timestamp >= '%s'" % start
    made = senlin_anchor.build(PREFIX)
    views = {project: senlin_anchor.sdk_views(
        senlin_anchor.URL, project, '%s-user-%s' % (PREFIX, project[-1]))
        for project in (made['projects']['a'], made['projects']['b'])}
    busy_cluster, busy_action = senlin_anchor.start_busy(PREFIX, BUSY_SECONDS)
    parts = [mysqldump('--no-data', database)]
    for table, where in ROWS.items():
        parts.append(mysqldump('--no-create-info', '--where=' + where, database,
                               table))
    dump = '\n'.join(parts)
    with open(os.path.join(HERE, 'senlin16.sql'), 'w') as out:
        out.write('-- A Senlin 16.0.0 database made by the Senlin anchor through '
                  'its REST API;\n-- recorded by tests/functional/senlin16/'
                  'record.py (see there).\n')
        out.write(dump)
    made['busy'] = {'cluster': busy_cluster, 'action': busy_action}
    with open(os.path.join(HERE, 'senlin16-api.json'), 'w') as out:
        json.dump({'made': made, 'views': views}, out, indent=1, sort_keys=True)
        out.write('\n')
    client = senlin_anchor.Client(PREFIX + '-c', PREFIX + '-user-c')
    client.wait_action(busy_action, timeout=BUSY_SECONDS * 3)
    senlin_anchor.cleanup(PREFIX)
    print('recorded %d bytes of SQL; busy cluster %s' % (len(dump), busy_cluster))


if __name__ == '__main__':
    main()
