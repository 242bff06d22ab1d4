"""``clusterd-manage import-senlin`` from a Senlin 16 database made by the
Senlin anchor (the recorded dump in ``senlin16/``, restored into a throw-away
MariaDB database), into clusterd on SQLite, MariaDB and PostgreSQL, run as an
operator runs it.

The dump holds three projects: ``senlin16-a`` (an os.nova.server cluster with
scaling, deletion and health policies, webhooks, a node with a role, an orphan
node, history), ``senlin16-b`` (a Heat stack cluster and a cluster with a
load-balancing policy, whose binding data clusterd adopts) and ``senlin16-c`` (a cluster
whose creation was running when the dump was taken).  Tests run in order:
dry run, refusal, import, second import, changes on either side.
"""

import datetime

import pytest
import sqlalchemy as sa

from clusterd import context as context_mod
from clusterd.objects import node as node_obj
from clusterd.objects import profile as profile_obj
from tests.functional import senlin16

RECORDED = senlin16.recorded()
MADE = RECORDED['made']
BUSY = MADE['busy']['cluster']
ALL_HISTORY = '36500'
TABLES = ('profile', 'policy', 'cluster', 'cluster_policy', 'node', 'receiver',
          'credential', 'action', 'event', 'senlin_import')


@pytest.fixture(scope='module')
def senlin_root_url(database, tmp_path_factory):
    """The restored dump (a fresh copy per target backend: the last test
    changes it, as a live Senlin changes)."""
    with senlin16.restored(tmp_path_factory.mktemp('senlin')) as url:
        yield url


@pytest.fixture(scope='module')
def senlin_url(senlin_root_url):
    """What the import reads through: an account that may only SELECT, so the
    import cannot write to Senlin's database (and shows it needs no more)."""
    with senlin16.read_only_account(senlin_root_url) as url:
        yield url


@pytest.fixture(scope='module')
def conf_file(database, tmp_path_factory):
    return senlin16.target_conf(tmp_path_factory.mktemp('conf'), database)


@pytest.fixture(scope='module')
def senlin(senlin_root_url):
    engine = sa.create_engine(senlin_root_url)
    yield engine
    engine.dispose()


def _senlin_rows(senlin, table, where=''):
    with senlin.connect() as connection:
        return [dict(row) for row in connection.execute(sa.text(
            'SELECT * FROM `%s` %s' % (table, where))).mappings()]


def _counts(database):
    with database.engine.connect() as connection:
        return {table: connection.execute(sa.text(
            'SELECT COUNT(*) FROM %s' % table)).scalar_one() for table in TABLES}


def _snapshot(database):
    """Every row of the imported tables, as text (to see that nothing moved)."""
    with database.engine.connect() as connection:
        return {table: sorted(repr(tuple(row)) for row in connection.execute(
            sa.text('SELECT * FROM %s' % table))) for table in TABLES}


def _ids(report, kind, key='imported_ids'):
    return set(report['objects'][kind][key])


def test_dry_run_writes_nothing(database, conf_file, senlin_url):
    code, report, stderr = senlin16.run_import(
        conf_file, senlin_url, '--dry-run', '--skip-busy', '--history',
        ALL_HISTORY, '--format', 'json')
    assert code == 0, stderr
    assert report['dry_run'] is True
    assert set(report['projects'].values()) == {
        'dry run: rolled back, nothing written'}
    # What would be written: everything but the busy cluster.
    assert report['objects']['cluster']['imported'] == 3
    assert report['objects']['receiver']['imported'] == 3
    assert report['objects']['event']['imported'] > 0
    assert set(_counts(database).values()) == {0}


def test_a_busy_cluster_refuses_the_import(database, conf_file, senlin_url):
    code, report, stderr = senlin16.run_import(conf_file, senlin_url)
    assert code == 1
    assert 'Traceback' not in stderr
    assert 'slow (%s) in project senlin16-c' % BUSY in stderr
    assert 'CLUSTER_CREATE' in stderr and 'RUNNING' in stderr
    assert '--skip-busy' in stderr
    assert set(_counts(database).values()) == {0}


def test_import(database, conf_file, senlin_url, senlin):
    code, report, stderr = senlin16.run_import(
        conf_file, senlin_url, '--skip-busy', '--history', ALL_HISTORY,
        '--format', 'json')
    assert code == 0, stderr
    assert report['schema']['version'] == '004f8202c264'
    assert report['source'].startswith('mysql+pymysql://ro_')
    assert ':***@' in report['source']
    assert report['schema']['differences'] == []
    assert set(report['projects']) == {'senlin16-a', 'senlin16-b', 'senlin16-c'}
    assert set(report['projects'].values()) == {'written'}

    # Same ids, everything but the busy cluster (and its node).
    for kind, table in (('profile', 'profile'), ('policy', 'policy'),
                        ('receiver', 'receiver')):
        assert _ids(report, kind) == {r['id'] for r in _senlin_rows(senlin, table)}
    assert _ids(report, 'cluster') == {
        r['id'] for r in _senlin_rows(senlin, 'cluster')} - {BUSY}
    skipped = report['objects']['cluster']['skipped_objects']
    assert [(s['id'], s['project']) for s in skipped] == [(BUSY, 'senlin16-c')]
    assert 'busy in Senlin: action CLUSTER_CREATE' in skipped[0]['reason']
    senlin_nodes = {r['id']: r for r in _senlin_rows(senlin, 'node')}
    busy_nodes = {i for i, r in senlin_nodes.items() if r['cluster_id'] == BUSY}
    assert _ids(report, 'node') == set(senlin_nodes) - busy_nodes

    # Nodes keep their servers, roles, indexes and data: no server touched.
    ctx = context_mod.admin_context(database)
    for node in node_obj.Node.get_many(ctx, list(_ids(report, 'node'))):
        row = senlin_nodes[node.id]
        assert (node.physical_id, node.role, node.index, node.name,
                node.cluster_id, node.status, node.tainted) == (
            row['physical_id'], row['role'], row['index'], row['name'],
            row['cluster_id'], row['status'], bool(row['tainted']))
        assert node.data == _json(row['data'])
    assert any(n['role'] == 'database' for n in senlin_nodes.values())

    # Bindings: enabled, priority and data as in Senlin (the load-balancing
    # policy's ids of Octavia objects included, which its detach reads).
    bindings = _rows(database, 'cluster_policy')
    policies = {r['id']: r for r in _senlin_rows(senlin, 'policy')}
    for row in _senlin_rows(senlin, 'cluster_policy'):
        mine = dict(bindings[row['id']], data=_json(bindings[row['id']]['data']))
        kind = policies[row['policy_id']]['type']
        assert mine['priority'] == row['priority']
        senlin_data = _json(row['data']) or {}
        assert {k: v for k, v in mine['data'].items() if k in senlin_data} == \
            senlin_data
        assert bool(mine['enabled']) == bool(row['enabled'])
        if kind.startswith('senlin.policy.loadbalance'):
            assert senlin_data['LoadBalancingPolicy']['data']['loadbalancer']
        if kind.startswith('senlin.policy.health'):
            assert mine['data']['health']['interval'] == 600
        if kind.startswith('senlin.policy.scaling'):
            assert _utc(mine['last_op']) == _utc(row['last_op'])
            assert mine['data']['last_op'] == _utc(row['last_op']).isoformat()

    # Clusters keep config, data and metadata; receivers have no token.
    clusters = _rows(database, 'cluster')
    for row in _senlin_rows(senlin, 'cluster', "WHERE id <> '%s'" % BUSY):
        for column in ('config', 'data', 'meta_data'):
            assert _json(clusters[row['id']][column]) == _json(row[column])
        assert clusters[row['id']]['next_index'] == row['next_index']
    for receiver in _rows(database, 'receiver').values():
        assert receiver['secret'] is None
    credentials = {(r['user'], r['project']): _json(r['cred'])
                   for r in _rows(database, 'credential', key=None)}
    assert credentials[('senlin16-user-a', 'senlin16-a')] == {
        'openstack': {'trust': 'trust-senlin16-user-a-senlin16-a'}}

    # History: every event, and every action that had ended.
    assert report['objects']['event']['imported'] == len(
        _senlin_rows(senlin, 'event'))
    assert _ids(report, 'action') == {
        r['id'] for r in _senlin_rows(senlin, 'action')
        if r['status'] in ('SUCCEEDED', 'FAILED', 'CANCELLED')}

    # Nothing clusterd cannot run: os.heat.stack and the load-balancing policy
    # have plugins now.
    assert report['cannot_run'] == []
    assert any('webhook_legacy_urls' in note for note in report['notes'])
    assert 'action=RECONCILE' in report['after_import']


def test_a_second_import_changes_nothing(database, conf_file, senlin_url):
    before = _snapshot(database)
    code, report, stderr = senlin16.run_import(
        conf_file, senlin_url, '--skip-busy', '--history', ALL_HISTORY,
        '--format', 'json')
    assert code == 0, stderr
    rows = _counts(database)
    for kind, counts in report['objects'].items():
        assert (counts['imported'], counts['updated']) == (0, 0), kind
        # Every row clusterd has came from the first import, and is unchanged.
        table = {'binding': 'cluster_policy'}.get(kind, kind)
        assert counts['unchanged'] == rows[table], kind
    assert report['objects']['cluster']['unchanged'] == 3
    assert _snapshot(database) == before
    # The text report says the same.
    code, text, stderr = senlin16.run_import(conf_file, senlin_url, '--skip-busy')
    assert code == 0, stderr
    assert 'clusters                     0        0          3        1' in text
    assert _snapshot(database) == before


def test_a_short_history_window_reads_no_old_events(conf_file, senlin_url):
    code, report, stderr = senlin16.run_import(
        conf_file, senlin_url, '--dry-run', '--skip-busy', '--history', '0.00001',
        '--format', 'json')
    assert code == 0, stderr
    for kind in ('event', 'action'):
        counts = report['objects'][kind]
        assert counts['imported'] + counts['unchanged'] + counts['skipped'] == 0


def test_changes_on_either_side(database, conf_file, senlin_url, senlin):
    """Senlin changed a row: updated.  clusterd changed it too: clusterd's is
    kept.  clusterd deleted one: not imported again."""
    ctx = context_mod.admin_context(database)
    web, api = MADE['clusters']['web'], MADE['clusters']['api']
    profile = _senlin_rows(senlin, 'cluster', "WHERE id = '%s'" % web)[0][
        'profile_id']
    spare = [r['id'] for r in _senlin_rows(senlin, 'node', "WHERE name = 'spare'")]
    with senlin.begin() as connection:
        # NOTE: the throw-away copy, as a live Senlin would change it.
        connection.execute(sa.text(
            "UPDATE cluster SET meta_data = '{\"app\": \"shop-v2\"}', "
            "updated_at = NOW() WHERE id IN (:web, :api)"), {'web': web, 'api': api})
        connection.execute(sa.text(
            "UPDATE profile SET name = 'renamed-in-senlin' WHERE id = :p"),
            {'p': profile})
    profile_obj.Profile.update(ctx, profile, name='renamed-in-clusterd')
    from clusterd.objects import cluster as cluster_obj
    cluster_obj.Cluster.update(ctx, api, status_reason='changed by clusterd')
    node_obj.Node.delete_many(ctx, spare)

    code, report, stderr = senlin16.run_import(
        conf_file, senlin_url, '--skip-busy', '--format', 'json')
    assert code == 0, stderr
    assert _ids(report, 'cluster', 'updated_ids') == {web}
    reasons = {s['id']: s['reason'] for kind in ('cluster', 'profile', 'node')
               for s in report['objects'][kind]['skipped_objects']}
    assert 'changed in clusterd' in reasons[api]
    assert 'changed in clusterd' in reasons[profile]
    assert 'deleted in clusterd' in reasons[spare[0]]
    assert cluster_obj.Cluster.get(ctx, web, project_safe=False).metadata == {
        'app': 'shop-v2'}
    assert profile_obj.Profile.get(ctx, profile, project_safe=False).name == \
        'renamed-in-clusterd'
    assert node_obj.Node.get_many(ctx, spare) == []


def _json(value):
    import json
    if isinstance(value, str):
        return json.loads(value)
    return value


def _utc(value):
    if isinstance(value, str):
        value = datetime.datetime.fromisoformat(value)
    if value is not None and value.tzinfo is None:
        value = value.replace(tzinfo=datetime.timezone.utc)
    return value


def _rows(database, table, key='id'):
    with database.engine.connect() as connection:
        rows = [dict(row) for row in connection.execute(sa.text(
            'SELECT * FROM %s' % table)).mappings()]
    return rows if key is None else {row[key]: row for row in rows}
