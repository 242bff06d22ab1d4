"""``clusterd-manage import-senlin`` against databases that are not the Senlin
16 schema: damaged or foreign ones (a clear message, exit 1, nothing written)
and those of older Senlin releases (imported, with what they lack filled in as
Senlin's migrations did).  Each source is the recorded Senlin 16 dump
(``senlin16/``) restored into a throw-away MariaDB database and then changed the
way the case needs; the target is a throw-away clusterd database on SQLite.
"""

import pytest
import sqlalchemy as sa

from clusterd import context as context_mod
from clusterd.objects import action as action_obj
from clusterd.objects import cluster as cluster_obj
from clusterd.objects import node as node_obj
from tests import databases
from tests.functional import senlin16

MADE = senlin16.recorded()['made']
TABLES = ('profile', 'policy', 'cluster', 'node', 'receiver', 'credential',
          'event', 'action', 'senlin_import')

# Senlin before 2023.1 (sqlalchemy-migrate) at a given migration.
LEGACY = [
    'DROP TABLE alembic_version',
    'CREATE TABLE migrate_version (repository_id VARCHAR(250) PRIMARY KEY, '
    'repository_path TEXT, version INTEGER)',
]


def _legacy(version, *changes):
    return LEGACY + ["INSERT INTO migrate_version VALUES ('senlin', "
                     "'/senlin/db/sqlalchemy/migrate_repo', %d)" % version] + \
        list(changes)


@pytest.fixture
def target(tmp_path):
    with databases.migrated_database('sqlite', tmp_path) as db:
        yield db, senlin16.target_conf(tmp_path, db)


@pytest.fixture
def changed_senlin(tmp_path):
    """A function making a copy of the dump changed by SQL statements."""
    made = []

    def make(*statements):
        context = senlin16.restored(tmp_path / ('s%d' % len(made)))
        url = context.__enter__()
        made.append(context)
        engine = databases.create_engine(url)
        with engine.begin() as connection:
            for statement in statements:
                connection.exec_driver_sql(statement)
        engine.dispose()
        return url

    yield make
    for context in made:
        context.__exit__(None, None, None)


def _nothing_written(db):
    with db.engine.connect() as connection:
        for table in TABLES:
            assert connection.execute(sa.text(
                'SELECT COUNT(*) FROM %s' % table)).scalar_one() == 0, table


def _refused(conf, url, *words):
    code, output, stderr = senlin16.run_import(conf, url, '--skip-busy')
    assert code == 1, (output, stderr)
    assert 'Traceback' not in stderr
    message = [line for line in stderr.splitlines()
               if line.startswith('clusterd-manage import-senlin:')]
    assert len(message) == 1, stderr
    for word in words:
        assert word in message[0], message[0]
    return message[0]


@pytest.mark.parametrize('statements, words', [
    (['DROP TABLE receiver', 'DROP TABLE node_lock'],
     ['not a complete Senlin database', 'missing tables: node_lock, receiver']),
    (["UPDATE alembic_version SET version_num = 'a1b2c3d4e5f6'"],
     ['unknown or newer schema', "'a1b2c3d4e5f6'", '004f8202c264']),
    (["INSERT INTO alembic_version VALUES ('6f73af60')"],
     ['alembic_version holds 2 revisions']),
    (['DROP TABLE alembic_version'], ['not a Senlin database',
                                      'alembic_version', 'migrate_version']),
    (_legacy(16), ['unknown or newer schema', 'sqlalchemy-migrate version 16']),
    (['ALTER TABLE node DROP COLUMN tainted'],
     ['table node has no column tainted', 'damaged']),
    (_legacy(14, 'ALTER TABLE action DROP COLUMN cluster_id',
             'ALTER TABLE node DROP COLUMN tainted'),
     ['table node has no column tainted', 'sqlalchemy-migrate version 14']),
], ids=['missing-table', 'newer-revision', 'two-revisions', 'no-version',
        'newer-migrate', 'missing-column', 'legacy-missing-column'])
def test_a_damaged_or_unknown_schema_is_refused(target, changed_senlin,
                                                statements, words):
    db, conf = target
    url = changed_senlin(*statements)
    _refused(conf, url, 'cannot import from ' + url.split('?')[0], *words)
    _nothing_written(db)


def test_foreign_databases_are_refused(target, tmp_path):
    db, conf = target
    # clusterd's own database, given by mistake.
    _refused(conf, db.url.render_as_string(hide_password=False),
             "this looks like a clusterd database")
    empty = 'sqlite:///%s' % (tmp_path / 'empty.sqlite')
    databases.create_engine(empty).connect().close()
    _refused(conf, empty, 'not a Senlin database')
    _refused(conf, 'mysql+pymysql://senlin:secret@127.0.0.1:1/senlin',
             'cannot connect', 'senlin:***@127.0.0.1:1')
    _refused(conf, 'nonsense://x', 'cannot use this URL')
    _nothing_written(db)


@pytest.mark.parametrize('level, statements', [
    (11, ['ALTER TABLE cluster DROP COLUMN config',
          'ALTER TABLE node DROP COLUMN tainted',
          'ALTER TABLE action DROP COLUMN cluster_id']),
    (4, ['ALTER TABLE cluster DROP COLUMN config',
         'ALTER TABLE node DROP COLUMN tainted',
         'ALTER TABLE action DROP COLUMN cluster_id',
         'ALTER TABLE node DROP COLUMN dependents',
         'ALTER TABLE cluster DROP COLUMN dependents',
         'ALTER TABLE event CHANGE oid obj_id VARCHAR(36)',
         'ALTER TABLE event CHANGE oname obj_name VARCHAR(255)',
         'ALTER TABLE event CHANGE otype obj_type VARCHAR(36)']),
], ids=['senlin-migrate-11', 'senlin-migrate-4'])
def test_older_senlin_schemas_are_imported(target, changed_senlin, level,
                                           statements):
    db, conf = target
    url = changed_senlin(*_legacy(level, *statements))
    code, report, stderr = senlin16.run_import(
        conf, url, '--skip-busy', '--history', '36500', '--format', 'json')
    assert code == 0, stderr
    assert report['schema']['system'] == 'sqlalchemy-migrate'
    assert report['schema']['level'] == level
    differences = ' '.join(report['schema']['differences'])
    assert 'cluster.config (Senlin migration 12) is missing' in differences
    assert 'action.cluster_id (Senlin migration 15)' in differences
    assert ('event.oid is read from obj_id' in differences) == (level < 5)
    assert any('Older Senlin schema' in note for note in report['notes'])
    ctx = context_mod.admin_context(db)
    web = cluster_obj.Cluster.get(ctx, MADE['clusters']['web'], project_safe=False)
    assert web.config == {} and web.metadata == {'app': 'shop'}
    nodes = node_obj.Node.for_cluster(ctx, web.id)
    assert nodes and {node.tainted for node in nodes} == {False}
    # Actions named only their target: a cluster action's target is its cluster.
    actions = [action_obj.Action.get(ctx, ident, project_safe=False)
               for ident in report['objects']['action']['imported_ids']]
    scale_out = [a for a in actions if a.action == 'CLUSTER_SCALE_OUT']
    assert scale_out and {a.cluster_id for a in scale_out} == {web.id}
    node_creates = [a for a in actions if a.action == 'NODE_CREATE']
    assert web.id in {a.cluster_id for a in node_creates}
    assert report['objects']['event']['imported'] > 0
    with db.engine.connect() as connection:
        assert connection.execute(sa.text(
            "SELECT COUNT(*) FROM event WHERE oid IS NULL")).scalar_one() == 0


def test_rows_clusterd_cannot_run_or_read_are_named(target, changed_senlin):
    """Rows the anchor cannot make here (a Zaqar receiver, a Docker profile, a
    health check more frequent than clusterd allows) and a row whose JSON is
    broken: the first are imported and named, the last skipped with the
    reason."""
    db, conf = target
    web = MADE['clusters']['web']
    url = changed_senlin(
        "INSERT INTO receiver (id, name, type, user, project, created_at, "
        "actor, action, params, channel) VALUES ('m-1', 'queue', 'message', "
        "'senlin16-user-a', 'senlin16-a', NOW(), '{}', NULL, '{}', "
        "'{\"queue_name\": \"senlin-receiver-m-1\"}')",
        "INSERT INTO profile (id, name, type, spec, user, project, created_at, "
        "meta_data) VALUES ('docker-1', 'docker', 'container.dockerinc.docker-1.0',"
        " '{\"type\": \"container.dockerinc.docker\", \"version\": \"1.0\", "
        "\"properties\": {\"image\": \"nginx\"}}', 'senlin16-user-a', "
        "'senlin16-a', NOW(), '{}')",
        "UPDATE policy SET spec = JSON_SET(spec, '$.properties.detection.interval',"
        " 1) WHERE name = 'health'",
        "UPDATE node SET data = '{broken' WHERE name = 'spare'")
    code, report, stderr = senlin16.run_import(conf, url, '--skip-busy',
                                               '--format', 'json')
    assert code == 0, stderr
    cannot = {(g['kind'], g['type']): g for g in report['cannot_run']}
    assert [o['id'] for o in cannot[('receiver', 'message')]['objects']] == ['m-1']
    assert 'container.dockerinc.docker-1.0' in cannot[
        ('profile', 'container.dockerinc.docker-1.0')]['reason']
    health = cannot[('policy', 'senlin.policy.health-1.1')]
    assert 'interval_min' in health['reason']
    assert [(c['id'], c['binding']) for c in health['clusters']] == [
        (web, 'imported disabled')]
    assert {'m-1'} <= set(report['objects']['receiver']['imported_ids'])
    skipped = report['objects']['node']['skipped_objects']
    assert [s['name'] for s in skipped] == ['spare']
    assert 'node.data is not valid JSON' in skipped[0]['reason']
    # The cluster's other actions still run: the refused policy's binding is
    # disabled, its Senlin data kept.
    ctx = context_mod.admin_context(db)
    bindings = cluster_obj.ClusterPolicy.described(ctx, web)
    health_binding = [b for b in bindings if b['policy_name'] == 'health'][0]
    assert health_binding['enabled'] is False
    assert 'HealthPolicy' in health_binding['data']
