"""Regression: concurrent read-then-write transactions on SQLite failed at once with
"database is locked" (a deferred transaction cannot upgrade to a write lock after
another writer committed).  clusterd-standalone's API and engine threads do exactly
this; every transaction must start with BEGIN IMMEDIATE and wait its turn."""

import threading
import uuid

import sqlalchemy as sa

from clusterd import context as context_mod
from clusterd.db import models
from tests import databases


def test_concurrent_read_then_write_transactions_wait_their_turn(tmp_path):
    with databases.migrated_database('sqlite', tmp_path) as db:
        errors = []

        def worker():
            ctx = context_mod.admin_context(db)
            for _ in range(50):
                try:
                    with ctx.writer as session:
                        session.execute(sa.select(models.ClusterLock)).all()
                        session.add(models.ClusterLock(
                            cluster_id=str(uuid.uuid4()), action_ids=[],
                            semaphore=1))
                        session.flush()
                except Exception as exc:
                    errors.append(str(exc))

        threads = [threading.Thread(target=worker) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        with db.engine.connect() as conn:
            assert conn.execute(sa.select(sa.func.count()).select_from(
                models.ClusterLock)).scalar() == 300
