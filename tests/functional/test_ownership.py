"""The hash ring of periodic work over the services table (clusterd.engine.ownership)."""

import datetime
import random
import uuid

import sqlalchemy as sa

from clusterd.clock import utcnow
from clusterd.db import models
from clusterd.engine import ownership
from clusterd.objects import service as service_obj

BINARY = 'clusterd-engine-ring-test'

# Fixed ids: with 32 points per engine on tooz's ring, random ids put an engine
# outside the fairness bounds below in about 0.7% of runs (measured over 2,000
# draws).  The ring code is what is under test, not the luck of the draw.
SEED = 20261202


def _uuid(rng):
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _register(ctx, n, rng):
    ids = []
    for _ in range(n):
        engine_id = _uuid(rng)
        service_obj.Service.register(ctx, engine_id, 'host', BINARY, 'topic')
        ids.append(engine_id)
    return ids


def _age(ctx, engine_id, seconds):
    with ctx.writer as session:
        session.execute(sa.update(models.Service).where(
            models.Service.id == engine_id).values(
                updated_at=utcnow() - datetime.timedelta(seconds=seconds)))


def test_every_cluster_has_one_owner_and_only_a_dead_engines_clusters_move(admin_ctx):
    rng = random.Random(SEED)
    engines = _register(admin_ctx, 3, rng)
    views = {e: ownership.Ownership(admin_ctx, e, BINARY, 30) for e in engines}
    clusters = [_uuid(rng) for _ in range(300)]

    before = {}
    for cluster_id in clusters:
        owners = [e for e, view in views.items() if view.owns(cluster_id)]
        assert len(owners) == 1, owners
        before[cluster_id] = owners[0]
    # Each engine gets a fair share (the ring is not lopsided).
    for engine_id in engines:
        assert 50 < list(before.values()).count(engine_id) < 150

    dead = engines[0]
    _age(admin_ctx, dead, 120)
    survivors = engines[1:]
    for engine_id in survivors:
        assert views[engine_id].refresh() is True
        assert views[engine_id].members == frozenset(survivors)
    for cluster_id in clusters:
        owners = [e for e in survivors if views[e].owns(cluster_id)]
        assert len(owners) == 1
        if before[cluster_id] != dead:
            # Consistent hashing: a live engine keeps what it had.
            assert owners[0] == before[cluster_id]

    # The engine comes back: it gets clusters again, and nothing changes twice.
    service_obj.Service.heartbeat(admin_ctx, dead)
    for view in views.values():
        view.refresh()
    assert views[survivors[0]].refresh() is False
    assert sum(views[dead].owns(c) for c in clusters) > 50
    for engine_id in engines:
        service_obj.Service.delete(admin_ctx, engine_id)


def test_an_engine_alone_owns_everything_even_before_its_row_exists(admin_ctx):
    view = ownership.Ownership(admin_ctx, str(uuid.uuid4()), BINARY + '-alone', 30)
    assert all(view.owns(str(uuid.uuid4())) for _ in range(20))
