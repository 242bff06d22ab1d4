"""An action's JSON, written by the database (clusterd.db.json_text), says exactly
what the stored row holds, on every backend: checked against values computed
here, in Python, for the values that are hard to spell."""

import datetime
import json

import pytest
import sqlalchemy as sa
import webob

from clusterd.api import deploy
from clusterd.db import models
from tests.functional import test_api_gabbi

UTC = datetime.timezone.utc
HARD = 'quote " back \\ nl \n tab \t bell \x07 ctl \x1f é 日本 😀 </script>'
ROW = {
    'id': '7a7a7a7a-0000-4000-8000-000000000001', 'name': HARD,
    'action': 'CLUSTER_SCALE_OUT', 'target': 'c1c1c1c1-0000-4000-8000-000000000001',
    'cluster_id': 'c1c1c1c1-0000-4000-8000-000000000001', 'cause': 'RPC Request',
    'owner': None, 'interval': None, 'start_time': 1767268800.123456,
    'end_time': 1767268801, 'timeout': 3600, 'status': 'FAILED',
    'status_reason': None, 'inputs': None,
    'outputs': {'nested': {'list': [1, 2.5, None, True, HARD]}, 'ü': 'x'},
    'data': {}, 'context': {'secret': 'never shown'}, 'user': 'u " 1',
    'project': 'p-json',
    'created_at': datetime.datetime(2026, 1, 1, 12, 0, 0, 999999, tzinfo=UTC),
    'updated_at': None,
}
OTHER = dict(ROW, id='7a7a7a7a-0000-4000-8000-000000000002', name='plain',
             inputs={'count': 2}, status_reason='', end_time=None, interval=5,
             created_at=datetime.datetime(2026, 1, 1, 12, 0, 1, tzinfo=UTC),
             updated_at=datetime.datetime(2026, 1, 2, 3, 4, 5, 6, tzinfo=UTC))


def _expected(row, depends_on, depended_by, with_cluster):
    body = {
        'id': row['id'], 'name': row['name'], 'action': row['action'],
        'target': row['target'], 'cause': row['cause'], 'owner': row['owner'],
        'interval': row['interval'],
        'start_time': row['start_time'] and float(row['start_time']),
        'end_time': None if row['end_time'] is None else float(row['end_time']),
        'timeout': row['timeout'], 'status': row['status'],
        'status_reason': row['status_reason'], 'inputs': row['inputs'] or {},
        'outputs': row['outputs'] or {}, 'data': row['data'] or {},
        'depends_on': depends_on, 'depended_by': depended_by,
        'created_at': row['created_at'].strftime('%Y-%m-%dT%H:%M:%SZ'),
        'updated_at': row['updated_at'] and row['updated_at'].strftime(
            '%Y-%m-%dT%H:%M:%SZ'),
        'user': row['user'], 'project': row['project'],
    }
    if with_cluster:
        body['cluster_id'] = row['cluster_id']
    return body


@pytest.fixture(scope='module')
def app(database):
    with database.engine.begin() as conn:
        conn.execute(sa.delete(models.Dependency))
        conn.execute(sa.delete(models.Action))
        conn.execute(sa.insert(models.Action), [ROW, OTHER])
        conn.execute(sa.insert(models.Dependency).values(
            id='7a7a7a7a-0000-4000-8000-00000000000d', depended=OTHER['id'],
            dependent=ROW['id']))
    return deploy.make_app(test_api_gabbi.make_conf(), database)


def _get(app, path, version):
    request = webob.Request.blank(path, headers={
        'X-Project-Id': 'p-json', 'X-Roles': 'reader',
        'OpenStack-API-Version': 'clustering %s' % version})
    response = request.get_response(app)
    assert response.status_int == 200, response.text
    assert response.content_type == 'application/json'
    return json.loads(response.body.decode('utf-8'))


@pytest.mark.parametrize('version', ['1.0', '1.13', '1.14', 'latest'])
def test_list_and_show_spell_every_value(app, version):
    with_cluster = version not in ('1.0', '1.13')
    expected = [_expected(ROW, [OTHER['id']], [], with_cluster),
                _expected(OTHER, [], [ROW['id']], with_cluster)]
    for _ in range(2):  # read whole, then from the kept texts
        listed = _get(app, '/v1/actions', version)['actions']
        assert listed == expected
    for body in expected:
        assert _get(app, '/v1/actions/%s' % body['id'], version)['action'] == body


def test_numbers_keep_their_kind(app):
    listed = _get(app, '/v1/actions', '1.14')['actions']
    assert isinstance(listed[0]['start_time'], float)
    assert isinstance(listed[0]['end_time'], float)
    assert listed[1]['interval'] == 5 and isinstance(listed[1]['interval'], int)
    assert 'context' not in listed[0]
