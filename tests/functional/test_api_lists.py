"""Lists stay cheap: a fixed number of queries per page, on the indexes, and rows
listed before are not read whole again (clusterd.api.rendered)."""

import contextlib
import datetime
import json

import pytest
import sqlalchemy as sa
import webob

from clusterd.api import deploy
from clusterd.api.handlers import actions
from clusterd.api import rendered
from clusterd.db import models
from tests.functional import test_api_gabbi

T0 = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
TOTAL = 3600


@pytest.fixture(scope='module')
def app(database):
    actions, events, dependencies = [], [], []
    for i in range(TOTAL):
        project = 'p-%d' % (i % 6)
        actions.append({'id': '%08d-0000-4000-8000-000000000000' % i,
                        'name': 'a%d' % i, 'action': 'NODE_CREATE',
                        'status': 'SUCCEEDED', 'project': project,
                        'inputs': {'i': i},
                        'created_at': T0 + datetime.timedelta(seconds=i // 2)})
        events.append({'id': '%08d-0000-4000-8000-00000000000e' % i,
                       'level': '20', 'project': project, 'otype': 'NODE',
                       'timestamp': T0 + datetime.timedelta(seconds=i // 2)})
        if i % 12 == 6:
            dependencies.append({'id': '%08d-0000-4000-8000-00000000000d' % i,
                                 'depended': actions[-1]['id'],
                                 'dependent': actions[-7]['id']})
    with database.engine.begin() as conn:
        conn.execute(sa.delete(models.Dependency))
        conn.execute(sa.delete(models.Action))
        conn.execute(sa.delete(models.Event))
        conn.execute(sa.insert(models.Action), actions)
        conn.execute(sa.insert(models.Event), events)
        conn.execute(sa.insert(models.Dependency), dependencies)
        for table in ('action', 'event', 'dependency'):
            conn.execute(sa.text(('ANALYZE TABLE %s' if database.backend == 'mysql'
                                  else 'ANALYZE %s') % table))
    return deploy.make_app(test_api_gabbi.make_conf(), database)


@contextlib.contextmanager
def statements(database):
    seen = []

    def record(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith('SELECT'):
            seen.append((statement, parameters))

    sa.event.listen(database.engine, 'before_cursor_execute', record)
    try:
        yield seen
    finally:
        sa.event.remove(database.engine, 'before_cursor_execute', record)


def _get(app, path, project='p-0', version='1.14'):
    request = webob.Request.blank(path, headers={
        'X-Project-Id': project, 'X-Roles': 'reader',
        'OpenStack-API-Version': 'clustering ' + version})
    response = request.get_response(app)
    assert response.status_int == 200, response.text
    return json.loads(response.body)


@pytest.mark.parametrize('path', ['/v1/actions', '/v1/events'])
def test_query_count_does_not_grow_with_the_page(app, database, path):
    rendered.for_database(database, 64 * 2 ** 20).clear()
    counts = []
    # Pages of more than 100 actions read the dependency table whole: one more
    # statement instead of two subqueries per row.
    for limit in (1, 10, 100, 101, 400):
        with statements(database) as seen:
            body = _get(app, '%s?limit=%d' % (path, limit))
        assert len(next(iter(body.values()))) == limit
        counts.append(len(seen))
    assert counts[0] == counts[1] == counts[2], counts
    assert counts[3] == counts[4], counts


def test_a_whole_project_in_a_fixed_number_of_queries(app, database):
    project = 'p-0'  # the project with dependencies
    rendered.for_database(database, 64 * 2 ** 20).clear()
    with statements(database) as seen:
        body = _get(app, '/v1/actions', project)
    assert len(body['actions']) == TOTAL // 6
    # The dependency table (it is short), the page, then the whole rows, 500 at
    # a time.
    assert len(seen) == 2 + (TOTAL // 6 + 499) // 500, [s for s, _ in seen]
    waiting = [a for a in body['actions'] if a['depends_on']]
    assert waiting and all(len(a['depends_on']) == 1 for a in waiting)
    # Listed again: the dependencies and the page only, the rows' texts are kept.
    with statements(database) as seen:
        again = _get(app, '/v1/actions', project)
    assert len(seen) == 2, [s for s, _ in seen]
    assert again == body


def test_a_long_dependency_table_is_probed_per_row(app, database, monkeypatch):
    project = 'p-0'
    short = _get(app, '/v1/actions', project)
    pairs = sum(len(a['depends_on']) for a in short['actions'])
    monkeypatch.setattr(actions, 'WHOLE_DEPENDENCY_TABLE', pairs - 1)
    with statements(database) as seen:
        long = _get(app, '/v1/actions', project)
    assert long == short
    # The table's first rows, then the page with its dependencies in subqueries.
    assert len(seen) == 2, [s for s, _ in seen]
    assert 'dependency' in seen[-1][0]

def _by_id(actions):
    return {action['id']: action for action in actions}


def test_a_changed_row_is_read_again(app, database):
    project = 'p-2'
    before = _by_id(_get(app, '/v1/actions', project)['actions'])
    changed, waiting = sorted(before)[5], sorted(before)[7]
    with database.engine.begin() as conn:
        # An ordinary write: updated_at moves (the model's onupdate).
        conn.execute(sa.update(models.Action).where(models.Action.id == changed)
                     .values(status='FAILED', status_reason='changed',
                             outputs={'why': 'test'}))
        # A dependency appears: the row itself is not written.
        conn.execute(sa.insert(models.Dependency).values(
            id='99999999-0000-4000-8000-00000000000d', depended=changed,
            dependent=waiting))
    try:
        with statements(database) as seen:
            after = _by_id(_get(app, '/v1/actions', project)['actions'])
        # The dependencies, the page, and the one changed row.
        assert len(seen) == 3, [s for s, _ in seen]
        assert after[changed]['status'] == 'FAILED'
        assert after[changed]['status_reason'] == 'changed'
        assert after[changed]['outputs'] == {'why': 'test'}
        assert after[changed]['updated_at'] is not None
        assert after[changed]['depended_by'] == [waiting]
        assert after[waiting]['depends_on'] == [changed]
        unchanged = set(before) - {changed, waiting}
        assert all(after[i] == before[i] for i in unchanged)
    finally:
        with database.engine.begin() as conn:
            conn.execute(sa.delete(models.Dependency).where(
                models.Dependency.id == '99999999-0000-4000-8000-00000000000d'))


@pytest.mark.parametrize('version', ['1.0', '1.13', '1.14'])
def test_kept_texts_say_what_a_fresh_read_says(app, database, version):
    """A list served from kept texts equals one read whole (the cache off) and
    each of its items equals the action's own GET."""
    project = 'p-0'
    fresh_app = deploy.make_app(test_api_gabbi.make_conf(rendered_row_cache=0),
                                database)
    _get(app, '/v1/actions', project, version)  # fill
    kept = _get(app, '/v1/actions', project, version)['actions']
    fresh = _get(fresh_app, '/v1/actions', project, version)['actions']
    assert kept == fresh
    assert ('cluster_id' in kept[0]) == (version == '1.14')
    for action in kept[::50] + [a for a in kept if a['depends_on']][:3]:
        shown = _get(app, '/v1/actions/%s' % action['id'], project,
                     version)['action']
        assert shown == action


def test_pages_walk_the_whole_project(app):
    seen, marker = [], None
    while True:
        path = '/v1/actions?limit=97' + ('&marker=%s' % marker if marker else '')
        page = _get(app, path)['actions']
        seen.extend(a['id'] for a in page)
        if len(page) < 97:
            break
        marker = page[-1]['id']
    assert len(seen) == len(set(seen)) == TOTAL // 6
    assert seen == sorted(seen)


def _plan(database, statement, parameters):
    prefix = {'mysql': 'EXPLAIN FORMAT=JSON ',
              'postgresql': 'EXPLAIN (FORMAT JSON) ',
              'sqlite': 'EXPLAIN QUERY PLAN '}[database.backend]
    with database.engine.connect() as conn:
        rows = conn.exec_driver_sql(prefix + statement, parameters).all()
    if database.backend == 'sqlite':
        return ' | '.join(str(r[-1]) for r in rows)
    document = rows[0][0]
    return document if isinstance(document, str) else json.dumps(document)


@pytest.mark.parametrize('path, table, indexes', [
    ('/v1/actions?limit=100', 'action', ('ix_action_project_created_at',
                                         'ix_action_created_at_id')),
    ('/v1/events?limit=100', 'event', ('ix_event_project_timestamp',
                                       'ix_event_timestamp_id')),
])
def test_list_reads_an_index_in_order(app, database, path, table, indexes):
    with statements(database) as seen:
        page = _get(app, path)
    marker = next(iter(page.values()))[50]['id']
    with statements(database) as seen_after:
        _get(app, path + '&marker=' + marker)
    for recorded in (seen, seen_after):
        statement, parameters = [s for s in recorded
                                 if 'FROM %s' % table in s[0] and 'ORDER BY' in s[0]][0]
        plan = _plan(database, statement, parameters)
        # The project's index (MariaDB is told to use it), or, where the planner
        # prefers (PostgreSQL here), the time index filtered by project.
        assert any(index in plan for index in indexes), plan
        # No sort of the whole project: MariaDB reads the index in order (the
        # primary key is part of every InnoDB index); SQLite and PostgreSQL at most
        # sort rows of equal time by id.
        assert 'filesort": true' not in plan, plan
        assert 'USE TEMP B-TREE FOR ORDER BY' not in plan, plan
        assert '"Node Type": "Sort"' not in plan, plan
