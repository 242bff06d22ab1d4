import datetime

import pytest
import sqlalchemy as sa

from clusterd.db import models
from clusterd.objects import event as event_obj


def test_timestamps_come_back_aware_utc(admin_ctx):
    local = datetime.timezone(datetime.timedelta(hours=5, minutes=30))
    moment = datetime.datetime(2026, 3, 4, 10, 0, 0, 123456, tzinfo=local)
    event = event_obj.Event.create(admin_ctx, timestamp=moment, project='p',
                                   metadata={'nested': [1, 'two', None]})
    stored = event_obj.Event.get(admin_ctx, event.id, project_safe=False)
    assert stored.timestamp == moment
    assert stored.timestamp.utcoffset() == datetime.timedelta(0)
    assert stored.metadata == {'nested': [1, 'two', None]}


def test_large_json_is_not_truncated(admin_ctx):
    blob = {'x': 'y' * 200000}
    event = event_obj.Event.create(admin_ctx, project='p', metadata=blob)
    assert event_obj.Event.get(admin_ctx, event.id,
                               project_safe=False).metadata == blob


def test_project_scoping(admin_ctx):
    event = event_obj.Event.create(admin_ctx, project='other')
    admin_ctx.project_id = 'mine'
    with pytest.raises(LookupError):
        event_obj.Event.get(admin_ctx, event.id)
    admin_ctx.project_id = 'other'
    assert event_obj.Event.get(admin_ctx, event.id).id == event.id


def test_naive_datetimes_are_taken_as_utc(admin_ctx):
    naive = datetime.datetime(2026, 1, 1, 12, 0)
    event = event_obj.Event.create(admin_ctx, timestamp=naive, project='p')
    with admin_ctx.reader as session:
        value = session.execute(sa.select(models.Event.timestamp).where(
            models.Event.id == event.id)).scalar_one()
    assert value == naive.replace(tzinfo=datetime.timezone.utc)
