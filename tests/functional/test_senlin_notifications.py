"""Senlin's versioned notifications, on a real RabbitMQ, read by a consumer written
from Senlin 16's payload definitions with oslo.messaging's notification listener.

The field lists below are Senlin's (``senlin/objects/notification.py``, all at
version 1.0; see also shared/reference/senlin.md section 8): the consumer checks
that every field it knows is there, with the namespace, name and version it expects,
and nothing else is relied on.
"""

import queue
import uuid

import oslo_messaging as messaging
import pytest

from clusterd.engine import requests
from clusterd.engine import service as engine_service
from clusterd import states
from tests import databases
from tests import engines
from tests import services

# What a consumer of Senlin's notifications knows of them.
SENLIN_OBJECTS = {
    'ClusterActionPayload': ('cluster', 'action', 'exception'),
    'NodeActionPayload': ('node', 'action', 'exception'),
    'ClusterPayload': ('id', 'name', 'profile_id', 'parent', 'init_at', 'created_at',
                       'updated_at', 'min_size', 'max_size', 'desired_capacity',
                       'timeout', 'status', 'status_reason', 'metadata', 'data',
                       'user', 'project', 'domain', 'dependents'),
    'NodePayload': ('id', 'name', 'profile_id', 'cluster_id', 'physical_id',
                    'index', 'role', 'init_at', 'created_at', 'updated_at',
                    'status', 'status_reason', 'metadata', 'data', 'user',
                    'project', 'domain', 'dependents'),
    'ActionPayload': ('id', 'name', 'created_at', 'target', 'action', 'start_time',
                      'end_time', 'timeout', 'status', 'status_reason', 'inputs',
                      'outputs', 'data', 'user', 'project'),
    'ExceptionPayload': ('module', 'function', 'exception', 'message'),
}
NESTED = {'cluster': 'ClusterPayload', 'node': 'NodePayload',
          'action': 'ActionPayload', 'exception': 'ExceptionPayload'}


def read_object(primitive, expected_name):
    """Unpack one Senlin versioned object as a Senlin consumer would; fail on a
    missing key, another name or another major version."""
    assert primitive['senlin_object.namespace'] == 'senlin'
    assert primitive['senlin_object.name'] == expected_name
    assert primitive['senlin_object.version'].split('.')[0] == '1'
    data = primitive['senlin_object.data']
    missing = [f for f in SENLIN_OBJECTS[expected_name] if f not in data]
    assert not missing, '%s lacks %s' % (expected_name, missing)
    result = {}
    for field in SENLIN_OBJECTS[expected_name]:
        value = data[field]
        if field in NESTED and expected_name in ('ClusterActionPayload',
                                                 'NodeActionPayload'):
            value = None if value is None else read_object(value, NESTED[field])
        result[field] = value
    return result


class Consumer:
    """An oslo.messaging notification listener on ``topic``, as a Senlin consumer
    (Ceilometer, a billing system...) would run it."""

    def __init__(self, url, topic):
        self.received = queue.Queue()
        received = self.received

        class Endpoint:
            def _take(self, ctxt, publisher_id, event_type, payload, metadata,
                      priority):
                received.put({'ctxt': ctxt, 'publisher_id': publisher_id,
                              'event_type': event_type, 'payload': payload,
                              'priority': priority})

            def info(self, *args):
                self._take(*args, priority='INFO')

            def warn(self, *args):
                self._take(*args, priority='WARN')

            def error(self, *args):
                self._take(*args, priority='ERROR')

        conf = engines.make_conf()
        self.transport = messaging.get_notification_transport(conf, url=url)
        self.listener = messaging.get_notification_listener(
            self.transport, [messaging.Target(topic=topic)], [Endpoint()],
            executor='threading')

    def __enter__(self):
        self.listener.start()
        return self

    def __exit__(self, *exc):
        self.listener.stop()
        self.listener.wait()
        self.transport.cleanup()

    def until(self, event_type, timeout=60.0):
        """Every notification up to and including the first of ``event_type``."""
        seen = []
        while True:
            try:
                got = self.received.get(timeout=timeout)
            except queue.Empty:
                raise AssertionError('no %s within %.0f s; got %s' % (
                    event_type, timeout, [n['event_type'] for n in seen]))
            seen.append(got)
            if got['event_type'] == event_type:
                return seen


@pytest.fixture(scope='module')
def mariadb(tmp_path_factory):
    with databases.migrated_database('mysql', tmp_path_factory.mktemp('db')) as db:
        yield db


def test_a_senlin_consumer_reads_create_scale_out_and_node_failure(mariadb):
    url = services.require_rabbit()
    topic = 'clusterd-test-notifications-%s' % uuid.uuid4().hex[:8]
    conf = engines.make_conf()
    rpc = messaging.get_rpc_transport(conf, url='fake:/')
    notifications = messaging.get_notification_transport(conf, url=url)
    conf.set_override('driver', ['messagingv2'], group='oslo_messaging_notifications')
    conf.set_override('topics', [topic], group='oslo_messaging_notifications')
    ctx = engines.user_context(mariadb, project='p-%s' % uuid.uuid4().hex[:8])
    with Consumer(url, topic) as consumer:
        service = engine_service.EngineService(conf, mariadb, rpc, notifications)
        service.start()
        try:
            profile = engines.simulated_profile(ctx)
            cluster, create = requests.create_cluster(
                ctx, 3600, name='web', profile_id=profile.id, desired_capacity=2)
            service.wake()
            assert engines.wait_action(ctx, create.id).status == states.SUCCEEDED
            created = consumer.until('cluster.create.end')

            scale = requests.cluster_action(ctx, engines.cluster(ctx, cluster.id),
                                            'CLUSTER_SCALE_OUT', {'count': 1})
            service.wake()
            assert engines.wait_action(ctx, scale.id).status == states.SUCCEEDED
            scaled = consumer.until('cluster.scale_out.end')

            broken = engines.simulated_profile(ctx, name='broken', failure_rate=1,
                                               fail_operations=['create'])
            node, make = requests.create_node(
                ctx, 3600, name='doomed', profile_id=broken.id,
                user=ctx.user_id, project=ctx.project_id)
            service.wake()
            assert engines.wait_action(ctx, make.id).status == states.FAILED
            failed = consumer.until('node.create.error')
        finally:
            service.stop()
            notifications.cleanup()

    assert [n['event_type'] for n in created] == ['cluster.create.start',
                                                  'cluster.create.end']
    assert [n['event_type'] for n in scaled] == ['cluster.scale_out.start',
                                                 'cluster.scale_out.end']
    assert [n['event_type'] for n in failed] == ['node.create.start',
                                                 'node.create.error']
    for note in created + scaled + failed:
        assert note['publisher_id'] == 'senlin-engine:%s' % conf.host
        assert note['ctxt'].get('project_id') == ctx.project_id, note['ctxt']

    end = scaled[-1]
    assert end['priority'] == 'INFO'
    payload = read_object(end['payload'], 'ClusterActionPayload')
    assert payload['exception'] is None
    assert payload['cluster']['id'] == cluster.id
    assert payload['cluster']['desired_capacity'] == 3
    assert payload['cluster']['status'] == states.C_ACTIVE
    assert payload['cluster']['profile_id'] == profile.id
    assert payload['cluster']['created_at'].endswith('Z')
    assert payload['action']['id'] == scale.id
    assert payload['action']['action'] == 'CLUSTER_SCALE_OUT'
    assert payload['action']['target'] == cluster.id
    assert payload['action']['status'] == states.SUCCEEDED
    assert payload['action']['inputs'] == {'count': 1}
    assert isinstance(payload['action']['start_time'], float)
    assert payload['action']['end_time'] >= payload['action']['start_time']
    start = read_object(scaled[0]['payload'], 'ClusterActionPayload')
    assert start['action']['status'] == 'RUNNING'
    assert start['action']['end_time'] is None

    error = failed[-1]
    assert error['priority'] == 'ERROR'
    payload = read_object(error['payload'], 'NodeActionPayload')
    assert payload['node']['id'] == node.id
    assert payload['node']['name'] == 'doomed'
    assert payload['node']['status'] == states.N_ERROR
    assert payload['node']['cluster_id'] == ''
    assert payload['action']['id'] == make.id
    assert payload['action']['status'] == states.FAILED
    assert payload['exception']['exception'] == 'ResourceError'
    assert payload['exception']['message'] == payload['action']['status_reason']
    assert payload['exception']['module'].startswith('clusterd.')
    read_object(failed[0]['payload'], 'NodeActionPayload')
