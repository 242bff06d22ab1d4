"""Clusters over the API: lists that stay one statement a page, and the limits
configuration sets ([DEFAULT] max_clusters_per_project, max_nodes_per_cluster,
name_unique).  The routes' behaviour is in gabbits/clusters.yaml and friends."""

import contextlib
import json

import pytest
import sqlalchemy as sa
import webob

from clusterd.api import deploy
from clusterd import context as context_mod
from clusterd.db import models
from clusterd.objects import base as objects_base
from clusterd.objects import cluster as cluster_obj
from clusterd.objects import node as node_obj
from clusterd.objects import policy as policy_obj
from clusterd.objects import profile as profile_obj
from clusterd import plugins
from tests.functional import gabbi_engine_fixture
from tests.functional import test_api_gabbi

POLICY_TYPE = gabbi_engine_fixture.POLICY_TYPE
CLUSTERS = 40
NODES_EACH = 5


def _request(app, method, path, body=None, project='p-limits', roles='member',
             version='1.14'):
    request = webob.Request.blank(path, method=method, headers={
        'X-Project-Id': project, 'X-User-Id': 'u-' + project, 'X-Roles': roles,
        'OpenStack-API-Version': 'clustering %s' % version})
    if body is not None:
        request.body = json.dumps(body).encode()
        request.content_type = 'application/json'
    response = request.get_response(app)
    return response.status_int, (json.loads(response.body) if response.body
                                 else None)


def _app(database, **defaults):
    conf = test_api_gabbi.make_conf()
    for name, value in defaults.items():
        conf.set_override(name, value)
    return deploy.make_app(conf, database)


@contextlib.contextmanager
def selects(database):
    seen = []

    def record(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith('SELECT'):
            seen.append(statement)

    sa.event.listen(database.engine, 'before_cursor_execute', record)
    try:
        yield seen
    finally:
        sa.event.remove(database.engine, 'before_cursor_execute', record)


@pytest.fixture(scope='module')
def crowded(database):
    """A project with CLUSTERS clusters of NODES_EACH nodes and two policies each."""
    ctx = context_mod.RequestContext(db=database, project_id='p-crowded',
                                     user_id='u-crowded', roles=['member'])
    profile = profile_obj.Profile.create(
        ctx, name='crowded', type='clusterd.simulated-1.0', project='p-crowded',
        spec={'type': 'clusterd.simulated', 'version': '1.0'})
    policies = [policy_obj.Policy.create(ctx, name='pol-%d' % i, type='x-1.0',
                                         project='p-crowded', spec={})
                for i in range(2)]
    nodes, bindings = [], []
    for i in range(CLUSTERS):
        cluster = cluster_obj.Cluster.create(
            ctx, name='crowd-%02d' % i, profile_id=profile.id,
            desired_capacity=NODES_EACH, status='ACTIVE')
        nodes += [node_obj.Node.values_for(
            ctx, name='n-%d-%d' % (i, j), cluster_id=cluster.id,
            profile_id=profile.id, index=j + 1, status='ACTIVE')
            for j in range(NODES_EACH)]
        bindings += [{'id': objects_base.new_id(), 'cluster_id': cluster.id,
                      'policy_id': policy.id, 'enabled': True, 'priority': 0,
                      'data': {}} for policy in policies]
    node_obj.Node.create_many(ctx, nodes)
    with database.engine.begin() as conn:
        conn.execute(sa.insert(models.ClusterPolicy), bindings)
    return _app(database)


def test_a_page_of_clusters_is_one_statement(crowded, database):
    for limit in (1, 7, CLUSTERS):
        with selects(database) as seen:
            status, body = _request(crowded, 'GET', '/v1/clusters?limit=%d' % limit,
                                    project='p-crowded', roles='reader')
        assert status == 200
        assert len(body['clusters']) == limit
        # Each cluster's profile name, node ids and policy ids come with its row.
        assert len(seen) == 1, seen
        first = body['clusters'][0]
        assert first['profile_name'] == 'crowded'
        assert len(first['nodes']) == NODES_EACH
        assert len(first['policies']) == 2


def test_show_is_one_statement(crowded, database):
    with selects(database) as seen:
        status, body = _request(crowded, 'GET', '/v1/clusters/crowd-07',
                                project='p-crowded', roles='reader')
    assert status == 200
    assert len(body['cluster']['nodes']) == NODES_EACH
    # By name: the id look-up (the name is not UUID-like, so none) and the name.
    assert len(seen) == 1, seen


def test_clusters_per_project_are_limited(database):
    app = _app(database, max_clusters_per_project=2)
    project = 'p-quota'
    status, _ = _request(app, 'POST', '/v1/profiles', {'profile': {
        'name': 'q', 'spec': {'type': 'clusterd.simulated', 'version': '1.0'}}},
        project=project)
    assert status == 201
    for name in ('q1', 'q2'):
        status, _ = _request(app, 'POST', '/v1/clusters', {'cluster': {
            'name': name, 'profile_id': 'q'}}, project=project)
        assert status == 202
    status, body = _request(app, 'POST', '/v1/clusters', {'cluster': {
        'name': 'q3', 'profile_id': 'q'}}, project=project)
    assert status == 409
    assert body['error']['message'] == (
        'The project already has 2 clusters, the most [DEFAULT] '
        'max_clusters_per_project allows.')


def test_nodes_per_cluster_are_limited(database):
    app = _app(database, max_nodes_per_cluster=3)
    project = 'p-nodes'
    _request(app, 'POST', '/v1/profiles', {'profile': {
        'name': 'n', 'spec': {'type': 'clusterd.simulated', 'version': '1.0'}}},
        project=project)
    status, body = _request(app, 'POST', '/v1/clusters', {'cluster': {
        'name': 'big', 'profile_id': 'n', 'desired_capacity': 4}}, project=project)
    assert status == 400
    assert body['error']['message'] == ('The value for the desired_capacity field '
                                        'must be less than or equal to 3.')
    status, _ = _request(app, 'POST', '/v1/clusters', {'cluster': {
        'name': 'fits', 'profile_id': 'n', 'desired_capacity': 3}}, project=project)
    assert status == 202
    # No engine here: the cluster stays INIT, its create action READY, so the
    # scale-out is refused for its size before the conflict is looked at.
    status, body = _request(app, 'POST', '/v1/clusters/fits/actions',
                            {'scale_out': {'count': 1}}, project=project)
    assert status == 400
    assert body['error']['message'] == ('The value for the desired_capacity field '
                                        'must be less than or equal to 3.')


def test_unique_names_when_configured(database):
    app = _app(database, name_unique=True)
    project = 'p-unique'
    profile = {'profile': {'name': 'u', 'spec': {'type': 'clusterd.simulated',
                                                 'version': '1.0'}}}
    assert _request(app, 'POST', '/v1/profiles', profile, project=project)[0] == 201
    status, body = _request(app, 'POST', '/v1/profiles', profile, project=project)
    assert (status, body['error']['message']) == (
        400, "A profile named 'u' already exists.")
    # Another project may use the name.
    assert _request(app, 'POST', '/v1/profiles', profile, project='p-other')[0] == 201

    policy = {'policy': {'name': 'up', 'spec': {'type': 'clusterd.test.dummy',
                                                'version': '1.0'}}}
    plugins.register_policy(POLICY_TYPE, gabbi_engine_fixture.DummyPolicy)
    try:
        assert _request(app, 'POST', '/v1/policies', policy, project=project)[0] == 201
        status, body = _request(app, 'POST', '/v1/policies', policy, project=project)
    finally:
        plugins.unregister_policy(POLICY_TYPE)
    assert (status, body['error']['message']) == (
        400, "A policy named 'up' already exists.")

    cluster = {'cluster': {'name': 'uc', 'profile_id': 'u'}}
    assert _request(app, 'POST', '/v1/clusters', cluster, project=project)[0] == 202
    status, body = _request(app, 'POST', '/v1/clusters', cluster, project=project)
    assert (status, body['error']['message']) == (
        400, "a cluster named 'uc' already exists.")


def test_names_repeat_by_default(database):
    app = _app(database)
    profile = {'profile': {'name': 'twice', 'spec': {'type': 'clusterd.simulated',
                                                     'version': '1.0'}}}
    assert _request(app, 'POST', '/v1/profiles', profile, project='p-twice')[0] == 201
    assert _request(app, 'POST', '/v1/profiles', profile, project='p-twice')[0] == 201


@contextlib.contextmanager
def mysql_default_concat_limit(database):
    """MySQL's default group_concat_max_len (1 KiB), on every new connection."""
    if database.backend != 'mysql':
        yield
        return

    def limit(dbapi_connection, record):
        with dbapi_connection.cursor() as cursor:
            cursor.execute('SET SESSION group_concat_max_len = 1024')

    sa.event.listen(database.engine, 'connect', limit)
    database.engine.dispose()
    try:
        yield
    finally:
        sa.event.remove(database.engine, 'connect', limit)
        database.engine.dispose()


def test_a_long_member_list_comes_whole(database):
    """Regression: MySQL cuts GROUP_CONCAT at 1 KiB, 27 node ids."""
    ctx = context_mod.RequestContext(db=database, project_id='p-long',
                                     user_id='u-long', roles=['member'])
    profile = profile_obj.Profile.create(
        ctx, name='long', type='clusterd.simulated-1.0', project='p-long',
        spec={'type': 'clusterd.simulated', 'version': '1.0'})
    cluster = cluster_obj.Cluster.create(ctx, name='long', profile_id=profile.id,
                                         desired_capacity=60, status='ACTIVE')
    node_obj.Node.create_many(ctx, [node_obj.Node.values_for(
        ctx, name='n-%d' % i, cluster_id=cluster.id, profile_id=profile.id,
        index=i + 1, status='ACTIVE') for i in range(60)])
    app = _app(database)
    with mysql_default_concat_limit(database):
        shown = _request(app, 'GET', '/v1/clusters/long', project='p-long')[1]
        listed = _request(app, 'GET', '/v1/clusters', project='p-long')[1]
    assert len(shown['cluster']['nodes']) == 60
    assert len(set(shown['cluster']['nodes'])) == 60
    assert listed['clusters'][0]['nodes'] == shown['cluster']['nodes']
