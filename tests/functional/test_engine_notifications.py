"""Versioned notifications with Senlin's event types, and event rows."""

import oslo_messaging as messaging
from oslo_messaging.notify import _impl_test as test_notifier

from clusterd.engine import requests
from clusterd.engine import service as engine_service
from clusterd.objects import event as event_obj
from clusterd import states
from tests import engines


def test_cluster_actions_notify_and_record_events(database):
    conf = engines.make_conf()
    transport = messaging.get_rpc_transport(conf, url='fake:/')
    notifications = messaging.get_notification_transport(conf, url='fake:/')
    conf.set_override('driver', ['test'], group='oslo_messaging_notifications')
    test_notifier.reset()
    service = engine_service.EngineService(conf, database, transport, notifications)
    service.start()
    try:
        ctx = engines.user_context(database)
        profile = engines.simulated_profile(ctx)
        cluster, action = requests.create_cluster(ctx, 3600, name='n',
                                                  profile_id=profile.id,
                                                  desired_capacity=2)
        service.wake()
        assert engines.wait_action(ctx, action.id).status == states.SUCCEEDED
        scale = requests.cluster_action(ctx, engines.cluster(ctx, cluster.id),
                                        'CLUSTER_SCALE_OUT', {'count': 1})
        service.wake()
        engines.wait_action(ctx, scale.id)
    finally:
        service.stop()
    sent = [n[1] for n in test_notifier.NOTIFICATIONS]
    types = [n['event_type'] for n in sent]
    assert types == ['cluster.create.start', 'cluster.create.end',
                     'cluster.scale_out.start', 'cluster.scale_out.end']
    last = sent[-1]
    assert last['priority'] == 'INFO'
    # Senlin's publisher id and payloads (tests/functional/test_senlin_notifications.py
    # reads them as a Senlin consumer, on RabbitMQ).
    assert last['publisher_id'] == 'senlin-engine:%s' % conf.host
    payload = last['payload']
    assert payload['senlin_object.name'] == 'ClusterActionPayload'
    data = payload['senlin_object.data']
    assert data['cluster']['senlin_object.data']['id'] == cluster.id
    assert data['action']['senlin_object.data']['action'] == 'CLUSTER_SCALE_OUT'
    rows = event_obj.Event.list_for(ctx, cluster.id)
    assert [(e.action, e.status) for e in rows] == [
        ('CLUSTER_CREATE', 'start'), ('CLUSTER_CREATE', 'end'),
        ('CLUSTER_SCALE_OUT', 'start'),
        # Why it adds what it adds: an event row, not a notification.
        ('CLUSTER_SCALE_OUT', 'decision'), ('CLUSTER_SCALE_OUT', 'end')]
    assert {e.level for e in rows} == {'20'}
