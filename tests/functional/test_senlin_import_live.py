"""``clusterd-manage import-senlin`` against the live Senlin anchor, by hand.

The estate of :func:`tests.senlin_anchor.build` is made through Senlin's REST
API in projects of this run, then imported while a cluster's creation still
runs in Senlin: refused, then imported with ``--skip-busy``; openstacksdk lists
the same objects on both; Senlin's rows are the same before and after; a second
import changes nothing.  Everything made in Senlin is deleted at the end.

Runs when Senlin answers at CLUSTERD_TEST_SENLIN_URL (http://127.0.0.1:8778)
and its database is readable at CLUSTERD_TEST_SENLIN_DB
(mysql+pymysql://senlin:senlin@127.0.0.1/senlin), or with
CLUSTERD_TEST_SENLIN_ANCHOR=1, which starts the anchor; otherwise it is skipped:
CI imports the recorded dump instead (``test_senlin_import*.py``).  About two
minutes.
"""

import uuid

import pytest
import sqlalchemy as sa

from tests import databases
from tests import senlin_anchor
from tests.functional import senlin16

TABLES = ('profile', 'policy', 'cluster', 'node', 'receiver', 'credential',
          'action', 'event')
BUSY_SECONDS = 45


@pytest.fixture(scope='module')
def estate():
    with senlin_anchor.running():
        prefix = 'imp%s' % uuid.uuid4().hex[:6]
        try:
            made = senlin_anchor.build(prefix)
            made['busy'] = senlin_anchor.start_busy(prefix, BUSY_SECONDS)
            yield prefix, made
        finally:
            senlin_anchor.cleanup(prefix)


@pytest.fixture(scope='module')
def target(tmp_path_factory):
    tmp = tmp_path_factory.mktemp('live')
    with databases.migrated_database('mysql', tmp) as db:
        yield db, senlin16.target_conf(tmp, db)


def _senlin_rows(projects):
    """Every row of these projects in Senlin's database."""
    engine = databases.create_engine(senlin_anchor.DB_URL)
    try:
        with engine.connect() as connection:
            return {table: sorted(repr(tuple(row)) for row in connection.execute(
                sa.text('SELECT * FROM `%s` WHERE project IN :projects' % table)
                .bindparams(sa.bindparam('projects', expanding=True)),
                {'projects': list(projects)}))
                for table in TABLES}
    finally:
        engine.dispose()


def _count(db, table):
    with db.engine.connect() as connection:
        return connection.execute(sa.text(
            'SELECT COUNT(*) FROM %s' % table)).scalar_one()


def test_import_from_the_live_senlin(estate, target):
    prefix, made = estate
    db, conf = target
    projects = made['projects']
    selection = []
    for key in ('a', 'b', 'c'):
        selection += ['--project', projects[key]]
    settled = (projects['a'], projects['b'])
    busy_cluster, _busy_action = made['busy']

    code, _output, stderr = senlin16.run_import(conf, senlin_anchor.DB_URL,
                                                *selection)
    assert code == 1, stderr
    assert 'slow (%s) in project %s' % (busy_cluster, projects['c']) in stderr

    before = _senlin_rows(settled)
    code, report, stderr = senlin16.run_import(
        conf, senlin_anchor.DB_URL, *selection, '--skip-busy', '--dry-run',
        '--format', 'json')
    assert code == 0, stderr
    assert report['objects']['cluster']['imported'] == 3
    assert _count(db, 'cluster') == 0 and _count(db, 'senlin_import') == 0

    code, report, stderr = senlin16.run_import(
        conf, senlin_anchor.DB_URL, *selection, '--skip-busy', '--history', '1',
        '--format', 'json')
    assert code == 0, stderr
    assert [s['id'] for s in report['objects']['cluster']['skipped_objects']] \
        == [busy_cluster]
    assert report['objects']['event']['imported'] > 0
    assert _senlin_rows(settled) == before

    with senlin16.clusterd_api(db) as clusterd_url:
        for key in ('a', 'b'):
            user = '%s-user-%s' % (prefix, key)
            senlin_view = senlin_anchor.sdk_views(senlin_anchor.URL,
                                                  projects[key], user)
            clusterd_view = senlin_anchor.sdk_views(clusterd_url, projects[key],
                                                    user)
            assert clusterd_view['clusters'] and clusterd_view['receivers']
            assert senlin16.view_differences(senlin_view, clusterd_view) == []

    code, report, stderr = senlin16.run_import(
        conf, senlin_anchor.DB_URL, '--project', projects['a'], '--project',
        projects['b'], '--history', '1', '--format', 'json')
    assert code == 0, stderr
    for kind, counts in report['objects'].items():
        assert (counts['imported'], counts['updated'], counts['skipped']) == \
            (0, 0, 0), kind
