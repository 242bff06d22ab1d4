"""The fault layer and request plumbing, where gabbi cannot reach: unexpected
exceptions, chunked bodies, and the JSON body helpers later handlers use."""

import io
import json

import pytest
import webob

from clusterd.api import deploy
from clusterd.api import errors
from clusterd.api import limits
from clusterd.api import util
from tests.functional import test_api_gabbi
from tests import databases


@pytest.fixture(scope='module')
def db(tmp_path_factory):
    with databases.migrated_database('sqlite', tmp_path_factory.mktemp('db')) as db:
        yield db


def _body(response):
    return json.loads(response.body)


def test_unexpected_exception_is_a_500_without_traceback(caplog):
    def broken(environ, start_response):
        raise ZeroDivisionError('secret detail')

    app = errors.FaultMiddleware(broken)
    response = webob.Request.blank('/v1/x').get_response(app)
    assert response.status_int == 500
    body = _body(response)
    assert body['error']['type'] == 'InternalError'
    assert 'secret detail' not in response.text
    assert 'Traceback' not in response.text
    assert 'ZeroDivisionError' in caplog.text


def test_chunked_body_over_the_limit_is_413():
    def reader(environ, start_response):
        webob.Request(environ).body
        return util.json_response({})(environ, start_response)

    app = errors.FaultMiddleware(limits.BodySizeLimit(reader, 1024))
    request = webob.Request.blank('/v1/clusters', method='POST')
    request.environ['wsgi.input'] = io.BytesIO(b'x' * 5000)
    request.environ['wsgi.input_terminated'] = True
    request.environ.pop('CONTENT_LENGTH', None)
    response = request.get_response(app)
    assert response.status_int == 413
    assert _body(response)['error']['message'] == \
        'The request body is larger than the limit of 1024 bytes.'


def test_chunked_body_under_the_limit_passes():
    def reader(environ, start_response):
        return util.json_response({'n': len(webob.Request(environ).body)})(
            environ, start_response)

    app = errors.FaultMiddleware(limits.BodySizeLimit(reader, 1024))
    request = webob.Request.blank('/', method='POST')
    request.environ['wsgi.input'] = io.BytesIO(b'x' * 1000)
    request.environ['wsgi.input_terminated'] = True
    request.environ.pop('CONTENT_LENGTH', None)
    assert _body(request.get_response(app)) == {'n': 1000}


def _json_request(body):
    request = webob.Request.blank('/', method='POST')
    request.body = body
    return request


SCHEMA = {'type': 'object', 'required': ['cluster'],
          'properties': {'cluster': {
              'type': 'object', 'required': ['name'],
              'properties': {'name': {'type': 'string', 'minLength': 1}},
              'additionalProperties': False}}}


def test_extract_json():
    assert util.extract_json(_json_request(b'{"cluster": {"name": "c"}}'),
                             SCHEMA) == {'cluster': {'name': 'c'}}


@pytest.mark.parametrize('raw, message', [
    (b'', 'The request body is empty; a JSON document is required.'),
    (b'{"cluster": ', 'Malformed JSON in the request body: Expecting value: '
                      'line 1 column 13 (char 12).'),
    (b'\xff\xfe', 'The request body is not UTF-8 encoded JSON.'),
    (b'{"cluster": {}}', "'name' is a required property"),
    (b'{"cluster": {"name": "c", "x": 1}}',
     "Additional properties are not allowed ('x' was unexpected)"),
])
def test_extract_json_errors(raw, message):
    with pytest.raises(errors.BadRequest) as caught:
        util.extract_json(_json_request(raw), SCHEMA)
    assert caught.value.message == message


def test_parse_bool():
    assert util.parse_bool('x', 'True') is True
    assert util.parse_bool('x', 'false') is False
    with pytest.raises(errors.InvalidParameter):
        util.parse_bool('x', 'perhaps')


def test_database_down_is_503(tmp_path):
    from clusterd.db import api as db_api
    db = db_api.Database('mysql+pymysql://nobody@127.0.0.1:1/none',
                         max_retries=0)
    app = deploy.make_app(test_api_gabbi.make_conf(), db)
    response = webob.Request.blank('/v1/actions').get_response(app)
    assert response.status_int == 503
    assert _body(response)['error']['message'] == 'The database is not reachable.'


def test_every_status_has_a_title():
    app = deploy.make_app(test_api_gabbi.make_conf(), None)
    response = webob.Request.blank('/v1/nope').get_response(app)
    assert _body(response)['title'] == 'Not Found'


@pytest.mark.parametrize('name, ok', [
    ('web-1', True), ('node.a~b_c', True), ('集群', True), ('', False),
    ('a b', False), ('x' * 256, False), ('x/y', False),
])
def test_name_schema(name, ok):
    from clusterd.api.schemas import common
    if ok:
        util.validate(common.NAME, name)
    else:
        with pytest.raises(errors.BadRequest):
            util.validate(common.NAME, name)


def test_a_deadlock_the_retries_did_not_get_past_is_a_503_that_says_try_again(
        caplog):
    from oslo_db import exception as db_exc

    def deadlocked(environ, start_response):
        raise db_exc.DBDeadlock('(1213, Deadlock found when trying to get lock)')

    app = errors.FaultMiddleware(deadlocked)
    response = webob.Request.blank('/v1/clusters', method='POST').get_response(app)
    assert response.status_int == 503
    assert response.headers['Retry-After'] == '1'
    assert 'nothing was changed' in _body(response)['error']['message']
    assert 'Traceback' not in caplog.text
    assert 'the database was busy' in caplog.text


def test_a_request_write_is_tried_again_after_a_deadlock(db, monkeypatch):
    # requests.create_cluster's transaction is retried whole on a deadlock
    # (seen on MariaDB: concurrent creates against the engines' claims).
    from oslo_db import exception as db_exc
    from clusterd import context as context_mod
    from clusterd.engine import requests
    from clusterd.objects import action as action_obj
    from clusterd.objects import cluster as cluster_obj
    from clusterd.objects import profile as profile_obj

    ctx = context_mod.RequestContext(user_id='u', project_id='p', db=db)
    profile = profile_obj.Profile.create(
        ctx, name='p', type='clusterd.simulated-1.0',
        spec={'type': 'clusterd.simulated', 'version': '1.0', 'properties': {}},
        user='u', project='p')
    real = action_obj.Action.create
    failures = []

    def once_deadlocked(context, **values):
        if not failures:
            failures.append(values)
            raise db_exc.DBDeadlock('(1213, Deadlock found)')
        return real(context, **values)

    monkeypatch.setattr(action_obj.Action, 'create', once_deadlocked)
    cluster, action = requests.create_cluster(ctx, 60, name='c',
                                              profile_id=profile.id)
    assert failures
    assert action.target == cluster.id
    # The first try left nothing behind: one cluster named c.
    assert [c.id for c in cluster_obj.Cluster.list_all(ctx)
            if c.name == 'c'] == [cluster.id]
