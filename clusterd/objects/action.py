"""Actions: the durable unit of work the engines claim and run.

Every status write here is a compare-and-set (``WHERE status IN (...)``) whose
allowed sources come from :mod:`clusterd.states`, so two engines can never
both move the same action, and a lost race is simply a no-op.
"""

import json
import time

from oslo_db import api as oslo_db_api
import sqlalchemy as sa

from clusterd.clock import utcnow
from clusterd.db import json_text
from clusterd.db import models
from clusterd.objects import action_queries
from clusterd.objects import base
from clusterd.objects import lock as lock_obj
from clusterd import states

CAUSE_RPC = 'RPC Request'
CAUSE_DERIVED = 'Derived Action'
CAUSE_DERIVED_LCH = 'Derived Action with Lifecycle Hook'

Model = models.Action
# The statements here are Core, on the table, not ORM-enabled statements on the
# mapped class: the ORM's bulk UPDATE/DELETE path and entity loading cost about
# twice the CPU of the same statement in Core, and these run several times per
# action on the engine's hot path.
T = Model.__table__
C = T.c
Dep = models.Dependency.__table__


def _for_update(context, query):
    """``query`` as a locking read (SQLite: its transactions already take the
    database's one write lock at BEGIN)."""
    if context.db.backend != 'sqlite':
        query = query.with_for_update()
    return query


class Claim:
    """Up to ``limit`` actions made RUNNING for ``engine_id`` by the transaction
    that makes them ready, instead of READY: the worker that will run them
    itself saves a claim (its four round trips) per action.  ``actions`` holds
    those claimed, as :class:`Action` objects, once their transaction committed.
    """

    def __init__(self, engine_id, limit):
        self.engine_id = engine_id
        self.limit = limit
        self.actions = []

    @property
    def room(self):
        return max(0, self.limit - len(self.actions))

    def values(self):
        """Column values of an action claimed on the spot."""
        return {'status': states.RUNNING, 'owner': self.engine_id,
                'start_time': time.time()}


# Statements of the end of every action, built once (why:
# objects.base.prepared).
# (FOR UPDATE is left out of SQLite's SQL by its dialect.)
_DEPENDENT = {
    taking: sa.select(T if taking else C.status)
    .where(C.id == sa.bindparam('ident')).with_for_update()
    for taking in (False, True)}
_DEPENDENCY_LEFT = (sa.select(Dep.c.id)
                    .where(Dep.c.dependent == sa.bindparam('ident')).limit(1)
                    .with_for_update())
_RELEASE = (sa.update(T)
            .where(C.id == sa.bindparam('ident'), C.status == states.WAITING)
            .values(status=states.READY, owner=None,
                    updated_at=sa.bindparam('now', type_=C.updated_at.type)))
_DEPENDENTS = (sa.select(Dep.c.dependent)
               .where(Dep.c.depended.in_(sa.bindparam('ids', expanding=True))))
_DEPENDENCY_PAIRS = (sa.select(Dep.c.depended, Dep.c.dependent)
                     .where(Dep.c.depended.in_(sa.bindparam('ids',
                                                            expanding=True))))
_DROP_DEPENDENCIES = sa.delete(Dep).where(
    Dep.c.depended.in_(sa.bindparam('ids', expanding=True)))


def _claimable(shape):
    """The claim's read of READY actions: ``one`` (bound: ident), ``some``
    (ids, limit) or the ``oldest`` (limit).  On MariaDB and PostgreSQL the
    rows are read ``FOR UPDATE SKIP LOCKED``."""
    query = sa.select(C.id).where(C.status == states.READY)
    if shape == 'one':
        query = query.where(C.id == sa.bindparam('ident'))
    else:
        if shape == 'some':
            query = query.where(C.id.in_(sa.bindparam('ids', expanding=True)))
        query = query.order_by(C.created_at).limit(sa.bindparam('limit'))
    return query.with_for_update(skip_locked=True)


_CLAIMABLE = {shape: _claimable(shape) for shape in ('one', 'some', 'oldest')}
_HOLD = (sa.select(C.status, C.owner).where(C.id == sa.bindparam('ident'))
         .with_for_update())
_CLAIM = (sa.update(T)
          .where(C.id.in_(sa.bindparam('ids', expanding=True)))
          .values(status=states.RUNNING, owner=sa.bindparam('engine'),
                  start_time=sa.func.coalesce(
                      C.start_time,
                      sa.bindparam('start', type_=C.start_time.type)),
                  updated_at=sa.bindparam('now', type_=C.updated_at.type)))
_CLAIMED = (sa.select(T)
            .where(C.id.in_(sa.bindparam('ids', expanding=True)),
                   C.owner == sa.bindparam('engine'),
                   C.status == states.RUNNING)
            .order_by(C.created_at))


_UNCLAIM = (sa.update(T)
            .where(C.id.in_(sa.bindparam('ids', expanding=True)),
                   C.owner == sa.bindparam('engine'),
                   C.status == states.RUNNING)
            .values(status=states.READY, owner=None,
                    updated_at=sa.bindparam('now', type_=C.updated_at.type)))
_SET_DATA = sa.update(T).where(C.id == sa.bindparam('ident')).values(
    data=sa.bindparam('v_data', type_=C.data.type))
_TAKE = (sa.update(T).where(C.id == sa.bindparam('ident'),
                            C.status == states.WAITING)
         .values(**base.set_clause(T, ('status', 'owner', 'updated_at',
                                       'start_time'))))
_INSERT_DEPENDENCIES = sa.insert(Dep)


def _running_for(owned):
    """WHERE terms: RUNNING under the engine bound as ``engine`` (none when not
    ``owned``)."""
    if not owned:
        return ()
    return (C.owner == sa.bindparam('engine'), C.status == states.RUNNING)


def _to_end(owned):
    """The locking read of the actions of a batch that have not ended."""
    return (sa.select(C.id)
            .where(C.id.in_(sa.bindparam('ids', expanding=True)),
                   C.status.in_(states.ACTION_ACTIVE), *_running_for(owned))
            .order_by(C.id).with_for_update())


_TO_END = {owned: _to_end(owned) for owned in (False, True)}
_WAIT = {owned: (sa.update(T)
                 .where(C.id == sa.bindparam('ident'), C.status == states.RUNNING,
                        *((C.owner == sa.bindparam('engine'),) if owned else ()))
                 .values(status=states.WAITING, owner=None,
                         **base.set_clause(T, ('data', 'updated_at'))))
         for owned in (False, True)}


def _end(expected, owned, columns):
    """The compare-and-set that ends one action, ``columns`` bound
    (:func:`objects.base.set_clause`)."""
    return base.prepared(('action.end', expected, owned, columns), lambda: (
        sa.update(T).where(C.id == sa.bindparam('ident'), C.status.in_(expected),
                           *_running_for(owned))
        .values(**base.set_clause(T, columns))))


def _end_batch(count):
    """The end of a batch of actions with one outcome: their outputs bound as
    one value (``count`` 0: they all have the same), else by a CASE on the id
    of ``count`` branches (objects.base.case_size)."""
    def build():
        outputs = (sa.bindparam('v_outputs', type_=C.outputs.type) if not count
                   else base.case_on_id(T, 'outputs', count))
        return (sa.update(T).where(C.id.in_(sa.bindparam('ids', expanding=True)))
                .values(outputs=outputs, **base.set_clause(
                    T, ('status', 'status_reason', 'owner', 'end_time',
                        'updated_at'))))
    return base.prepared(('action.end_batch', count), build)


def _outputs(values, params):
    """The end of a batch for ``values`` ((id, outputs) pairs): the statement,
    its parameters added to ``params``."""
    distinct = {json.dumps(value, sort_keys=True, default=str)
                for _, value in values}
    if len(distinct) == 1:
        params['v_outputs'] = values[0][1]
        return _end_batch(0)
    size = base.case_size(len(values))
    base.case_values(values, size, params)
    return _end_batch(size)


class Action(action_queries.ActionQueries, base.DomainObject):
    model = Model
    kind = 'action'
    fields = ('id', 'name', 'cluster_id', 'context', 'target', 'action', 'cause',
              'owner', 'interval', 'start_time', 'end_time', 'timeout', 'status',
              'status_reason', 'control', 'parent_id', 'inputs', 'outputs', 'data',
              'user', 'project', 'domain', 'created_at', 'updated_at')

    @property
    def is_derived(self):
        return self.cause != CAUSE_RPC

    @classmethod
    def ready_query(cls, limit):
        """The engines' scan: the oldest READY actions, served by ix_action_status_created_at."""
        return (sa.select(C.id)
                .where(C.status == states.READY)
                .order_by(C.created_at)
                .limit(limit))

    @classmethod
    def values_for(cls, context, /, **values):
        """Column values of a new action row made on behalf of ``context``."""
        now = utcnow()
        values.setdefault('id', base.new_id())
        values.setdefault('name', values.get('action', 'action')[:40].lower() + '_' +
                          values['id'][:8])
        values.setdefault('cause', CAUSE_RPC)
        values.setdefault('status', states.READY)
        values.setdefault('inputs', {})
        values.setdefault('outputs', {})
        values.setdefault('data', {})
        values.setdefault('user', context.user_id)
        values.setdefault('project', context.project_id or '')
        values.setdefault('domain', context.domain_id)
        values.setdefault('context', {'user_id': context.user_id,
                                      'project_id': context.project_id,
                                      'domain_id': context.domain_id,
                                      'roles': list(context.roles or []),
                                      'is_admin': bool(context.is_admin)})
        values.setdefault('created_at', now)
        values.setdefault('updated_at', now)
        return values

    @classmethod
    def create(cls, context, /, **values):
        return super().create(context, **cls.values_for(context, **values))

    # --- claiming ------------------------------------------------------------------

    @classmethod
    def claim(cls, context, engine_id, limit, action_id=None, action_ids=None):
        """Move up to ``limit`` READY actions (or just ``action_id``, or those of
        ``action_ids`` that are READY) to RUNNING for us.

        On MySQL/PostgreSQL the candidates are read ``FOR UPDATE SKIP LOCKED``, so
        engines scanning at the same moment take disjoint batches instead of
        queueing on each other's row locks.

        :returns: the claimed :class:`Action` objects, oldest first
        """
        shape = ('one' if action_id is not None else
                 'some' if action_ids is not None else 'oldest')
        with context.writer as session:
            ids = session.execute(_CLAIMABLE[shape], {
                'ident': action_id, 'ids': list(action_ids or ()),
                'limit': limit}).scalars().all()
            if not ids:
                return []
            # By id alone: the rows read above are this transaction's (locked,
            # or on SQLite the database is), so they are READY.  With the
            # status in the WHERE, MariaDB scanned the READY rows of the status
            # index and waited for one an API request was inserting, which
            # waited for the gap this scan locked: a deadlock, and the create
            # answered 500 (20 clusters created at once).
            session.execute(_CLAIM, {'ids': ids, 'engine': engine_id,
                                     'start': time.time(), 'now': utcnow()})
            rows = session.execute(_CLAIMED, {'ids': ids, 'engine': engine_id})
            return [cls.from_row(r) for r in rows]

    @classmethod
    def unclaim(cls, context, engine_id, action_ids):
        """Give claimed actions back (READY, no owner) for any engine to take."""
        with context.writer as session:
            session.execute(_UNCLAIM, {'ids': list(action_ids),
                                       'engine': engine_id, 'now': utcnow()})

    # --- transitions -----------------------------------------------------------------

    @classmethod
    def transition(cls, context, action_id, target, expected=None, owned_by=None,
                   **values):
        """Compare-and-set the status of one action.

        :param expected: statuses it may be in now; default: every status the state
            machine allows ``target`` from
        :param owned_by: move it only if this engine owns it now
        :returns: True if this call moved it
        """
        allowed = tuple(sorted(expected or states.sources('action', target)))
        values['status'] = target
        values['updated_at'] = utcnow()
        columns = tuple(sorted(values))
        params = base.set_values(values, {'ident': action_id, 'engine': owned_by})
        owned = owned_by is not None
        query = base.prepared(('action.transition', allowed, owned, columns), lambda: (
            sa.update(T).where(C.id == sa.bindparam('ident'), C.status.in_(allowed),
                               *((C.owner == sa.bindparam('engine'),) if owned else ()))
            .values(**base.set_clause(T, columns))))
        with context.writer as session:
            return bool(session.execute(query, params).rowcount)

    @classmethod
    def hold(cls, context, action_id):
        """(status, owner) of the action, read with a lock on its row.

        Called inside a transaction, it holds the action as it is until the
        commit: a cancel or a timeout ending it waits for the writes made on
        this answer, or comes first and the answer says so.  (None, None) if
        there is no such action.
        """
        with context.writer as session:
            row = session.execute(_HOLD, {'ident': action_id}).first()
            return (row.status, row.owner) if row is not None else (None, None)

    @classmethod
    def set_data(cls, context, action_id, data=None, outputs=None, owner=None):
        """Store ``data`` and/or ``outputs``; with ``owner``, only while that
        engine runs the action.

        :returns: True if written
        """
        values = {'updated_at': utcnow()}
        if data is not None:
            values['data'] = data
        if outputs is not None:
            values['outputs'] = outputs
        columns = tuple(sorted(values))
        owned = owner is not None
        query = base.prepared(('action.set_data', owned, columns), lambda: (
            sa.update(T).where(C.id == sa.bindparam('ident'),
                               *_running_for(owned))
            .values(**base.set_clause(T, columns))))
        with context.writer as session:
            return bool(session.execute(query, base.set_values(
                values, {'ident': action_id, 'engine': owner})).rowcount)

    @classmethod
    def finish(cls, context, action_id, status, reason, outputs=None, data=None,
               expected=states.ACTION_ACTIVE, also=None, owner=None, claim=None):
        """End an action and release what waited for it.

        In one transaction: the action becomes ``status`` (a terminal status), its
        dependency rows go, and ``also()`` (if given) makes its own writes, such as
        releasing locks and settling the cluster; without ``also``, the locks the
        action holds are released here (it is being ended by someone else than its
        worker: a cancel, a timeout, a takeover).  Then, after the commit, every
        dependent that has no dependency left is moved from WAITING to READY.
        Checking after the commit is what makes two children that finish at the
        same moment safe: whichever reads last sees both deletions.

        :param owner: end it only while this engine runs it (RUNNING, its owner):
            a worker ending its own action after it was taken away writes nothing
        :param claim: a :class:`Claim` for the dependents it releases
            (:meth:`release_dependents`)
        :returns: (moved, released ids, dependents that still wait on others)
        """
        values = {'status': status, 'status_reason': reason,
                  'end_time': time.time(), 'owner': None, 'updated_at': utcnow()}
        if outputs is not None:
            values['outputs'] = outputs
        query = _end(tuple(sorted(expected)), owner is not None,
                     tuple(sorted(values)))
        with context.writer as session:
            moved = session.execute(query, base.set_values(
                values, {'ident': action_id, 'engine': owner})).rowcount
            if not moved:
                return False, [], []
            if also is not None:
                also()
            else:
                lock_obj.release_for_actions(context, [action_id])
            if data is not None:
                # After also(): it may change the data (locks no longer held).
                session.execute(_SET_DATA, {'ident': action_id, 'v_data': data})
            ids = {'ids': [action_id]}
            dependents = session.execute(_DEPENDENTS, ids).scalars().all()
            if dependents:
                session.execute(_DROP_DEPENDENCIES, ids)
        released = cls.release_dependents(context, dependents, claim)
        return bool(moved), released, dependents

    @classmethod
    @oslo_db_api.wrap_db_retry(max_retries=5, retry_on_deadlock=True,
                               retry_interval=0.05, inc_retry_interval=True)
    def end_tree(cls, context, action_id, status, reason, reason_below, also=None):
        """End ``action_id`` and every unfinished action below it, atomically.

        One transaction: the top action becomes ``status`` (compare-and-set: only
        if it has not ended), so do the actions below it that have not ended
        (with ``reason_below``); their dependency rows go, their locks are
        released, and ``also()`` makes the writes that go with the end (settling
        the cluster).  Ending the children one by one instead released their
        parent (READY) when the last one ended, and an engine could claim it
        and end it FAILED ("its children did not succeed") before the parent's
        own end was written: a force-cancelled tree ended FAILED.

        The rows are locked top first, then the others in id order, as
        :meth:`finish_many` locks a batch of siblings: a worker ending its
        action either commits first (and the tree sees it ended) or waits and
        then finds it ended (its compare-and-set writes nothing).

        :returns: (True if the top action was moved, ids of the actions below
            that were ended)
        """
        table = T
        now_epoch = time.time()
        now = utcnow()
        # NOTE: the tree is read once before the transaction, so that its rows
        # are locked before the transaction's first plain read.  At REPEATABLE
        # READ that read would fix the snapshot every later plain read sees
        # (the cluster's settled status counts its ACTIVE nodes), and it must
        # come after the ends that the locks waited for.  (clusterd runs at
        # READ COMMITTED on MariaDB too, clusterd.db.api: the order is kept
        # as it costs nothing.)
        known = cls.descendant_ids(context, action_id,
                                   statuses=states.ACTION_ACTIVE)

        def lock(ids):
            if not ids:
                return []
            return session.execute(_for_update(context, sa.select(table.c.id).where(
                table.c.id.in_(ids), table.c.status.in_(states.ACTION_ACTIVE))
                .order_by(table.c.id))).scalars().all()

        with context.writer as session:
            top = session.execute(_for_update(context, sa.select(table.c.status).where(
                table.c.id == action_id))).scalar_one_or_none()
            if top not in states.ACTION_ACTIVE:
                return False, []
            below = lock(known)
            # Anything fanned out since: the top's row was locked after that
            # commit, and nothing can fan out below an action locked here.
            found = cls.descendant_ids(context, action_id,
                                       statuses=states.ACTION_ACTIVE)
            below = sorted(set(below) | set(lock(sorted(set(found) - set(known)))))
            values = {'status': status, 'owner': None, 'end_time': now_epoch,
                      'updated_at': now}
            session.execute(sa.update(table).where(
                table.c.id == action_id, table.c.status.in_(states.ACTION_ACTIVE))
                .values(status_reason=reason, **values))
            if below:
                session.execute(sa.update(table).where(
                    table.c.id.in_(below), table.c.status.in_(states.ACTION_ACTIVE))
                    .values(status_reason=reason_below, **values))
            ended = [action_id] + list(below)
            outside = session.execute(
                sa.select(Dep.c.dependent).where(
                    Dep.c.depended == action_id)).scalars().all()
            session.execute(sa.delete(Dep).where(sa.or_(
                Dep.c.depended.in_(ended),
                Dep.c.dependent.in_(ended))))
            lock_obj.release_for_actions(context, ended)
            if also is not None:
                also()
        # What waited for the top action (never one of its own tree) may run.
        cls.release_dependents(context, outside)
        return True, list(below)

    @classmethod
    def finish_many(cls, context, results, owner=None, also=None, claim=None):
        """End many actions in one transaction (a batch of sibling node actions).

        :param results: list of (action id, terminal status, reason, outputs)
        :param owner: end only those this engine still runs (RUNNING, its owner)
        :param also: called as ``also(ids)`` with the ids being ended, inside the
            transaction, for the writes that go with their end (their nodes)
        :param claim: a :class:`Claim` for the dependents it releases
            (:meth:`release_dependents`)
        :returns: (ids moved, released ids, {action id: its dependents})
        """
        if not results:
            return [], [], {}
        ids = [r[0] for r in results]
        now_epoch = time.time()
        now = utcnow()
        with context.writer as session:
            # Locked, in id order (as end_tree locks a tree): a takeover or a
            # force cancel waits for this end, or this end sees theirs (on
            # SQLite the transaction holds the one write lock since BEGIN), so
            # the update by id below only moves actions that have not ended.
            active = set(session.execute(_TO_END[owner is not None], {
                'ids': ids, 'engine': owner}).scalars())
            # One UPDATE per distinct (status, reason) (a batch mostly has
            # one), the outputs by a CASE on the id where they differ: an
            # executemany of UPDATEs is a statement per row for the drivers.
            outcomes = {}
            for action_id, status, reason, outputs in results:
                if action_id in active:
                    outcomes.setdefault((status, reason), []).append(
                        (action_id, outputs or {}))
            for (status, reason), ended in outcomes.items():
                params = base.set_values({
                    'status': status, 'status_reason': reason, 'owner': None,
                    'end_time': now_epoch, 'updated_at': now},
                    {'ids': [action_id for action_id, _ in ended]})
                session.execute(_outputs(ended, params), params)
            if also is not None:
                also(active)
            ids = sorted(active)
            if not ids:
                return [], [], {}
            pairs = session.execute(_DEPENDENCY_PAIRS, {'ids': ids}).all()
            if pairs:
                session.execute(_DROP_DEPENDENCIES, {'ids': ids})
        dependents = {}
        for depended, dependent in pairs:
            dependents.setdefault(depended, []).append(dependent)
        released = cls.release_dependents(
            context, sorted({d for _, d in pairs}), claim)
        return sorted(active), released, dependents

    @classmethod
    def compile_batch_ends(cls, context, sizes):
        """Run the end of a batch whose outputs differ, for batches of each
        of ``sizes`` rows (their CASE shapes, objects.base.case_size), on no
        row: the engine's warm-up compiles them before the first action."""
        base.compile_cases(context, _end_batch, sizes, base.set_values({
            'status': states.SUCCEEDED, 'status_reason': '', 'owner': None,
            'end_time': 0.0, 'updated_at': utcnow()}, {}))

    @classmethod
    def release_dependents(cls, context, dependents, claim=None):
        """Move each WAITING dependent with no dependency left to READY.

        The check and the move are one transaction that first locks the
        dependent's row: a parent released by another child may already have run
        its next step and fanned out again (WAITING, with new dependency rows),
        and a check made before that fan-out must not release it a second time.
        Both reads are locking reads, so they see what the fan-out committed.

        :param claim: a :class:`Claim`: while it has room, a dependent is moved
            to RUNNING for its engine instead, and added to it
        :returns: the ids moved to READY (not those claimed)
        """
        released = []
        for dependent in dependents or ():
            taking = claim is not None and claim.room > 0
            with context.writer as session:
                row = session.execute(_DEPENDENT[taking], {'ident': dependent})
                row = row.one_or_none() if taking else row.scalar_one_or_none()
                status = row.status if taking and row is not None else row
                if status != states.WAITING:
                    continue
                left = session.execute(_DEPENDENCY_LEFT,
                                       {'ident': dependent}).first()
                if left is not None:
                    continue
                values = {'status': states.READY, 'owner': None,
                          'updated_at': utcnow()}
                if taking:
                    action = cls.from_row(row)
                    values.update(claim.values())
                    values['start_time'] = action.start_time or values['start_time']
                    for field, value in values.items():
                        setattr(action, field, value)
                if taking:
                    session.execute(_TAKE, base.set_values(
                        values, {'ident': dependent}))
                else:
                    session.execute(_RELEASE, {'ident': dependent,
                                               'now': values['updated_at']})
            if taking:
                claim.actions.append(action)
            else:
                released.append(dependent)
        return released

    @classmethod
    def fan_out(cls, context, parent, children, dependencies, data, owner=None,
                also=None, claim=None):
        """Write ``children`` and make ``parent`` wait for them, atomically.

        :param parent: the RUNNING :class:`Action` that fans out
        :param children: column-value dicts of the child actions (from
            :meth:`values_for`); each child starts READY unless it depends on a
            sibling (then WAITING)
        :param dependencies: (depended id, dependent id) pairs between siblings
        :param data: the parent's new ``data`` (it records the next step)
        :param owner: only while this engine runs the parent
        :param also: called inside the transaction once the parent moved (the
            node rows and cluster values the step wrote)
        :param claim: a :class:`Claim`: the first children that would be READY
            are written RUNNING for its engine instead, and added to it
        :returns: ids of the children that are READY now, None if the parent was
            no longer ours to move
        """
        waiting = {dependent for _, dependent in dependencies}
        claimed = []
        for child in children:
            child['parent_id'] = parent.id
            if child['status'] == states.READY and child['id'] in waiting:
                child['status'] = states.WAITING
            if child['status'] == states.READY and claim is not None and \
                    len(claimed) < claim.room:
                child.update(claim.values())
                claimed.append(child)
        pairs = list(dependencies) + [(child['id'], parent.id) for child in children]
        with context.writer as session:
            moved = session.execute(_WAIT[owner is not None], {
                'ident': parent.id, 'engine': owner, 'v_data': data,
                'v_updated_at': utcnow()}).rowcount
            if not moved:
                # Cancelled or taken over meanwhile: write nothing.
                return None
            if also is not None:
                also()
            if children:
                if claimed:
                    # (One executemany: every row with the same columns.)
                    for child in children:
                        child.setdefault('owner', None)
                        child.setdefault('start_time', None)
                base.insert(session, T, children)
                session.execute(_INSERT_DEPENDENCIES, [
                    {'id': base.new_id(), 'depended': depended, 'dependent': dependent}
                    for depended, dependent in pairs])
        if claimed:
            claim.actions.extend(
                cls(**{f: child.get(f) for f in cls.fields}) for child in claimed)
        return [c['id'] for c in children if c['status'] == states.READY]



# --- the API's JSON text of an action ------------------------------------------------

# An action row's version for the API's rendered-row cache (clusterd.api.rendered):
# its updated_at as the database spells it (decoding a DATETIME costs PyMySQL more
# than the rest of the identity).
API_VERSION = sa.cast(models.Action.updated_at, sa.String).label('version')

# An action as the API shows it (but its dependencies), written by the database
# (clusterd.db.json_text).  Never 'context': it holds the credentials the engine
# acts with.  'cluster_id' from 1.14.
_API_MEMBERS = (
    ('id', json_text.STRING), ('name', json_text.STRING),
    ('action', json_text.STRING), ('target', json_text.STRING),
    ('cause', json_text.STRING), ('owner', json_text.STRING),
    ('interval', json_text.INTEGER), ('start_time', json_text.EPOCH),
    ('end_time', json_text.EPOCH), ('timeout', json_text.INTEGER),
    ('status', json_text.STRING), ('status_reason', json_text.STRING),
    ('inputs', json_text.OBJECT), ('outputs', json_text.OBJECT),
    ('created_at', json_text.TIME), ('updated_at', json_text.TIME),
    ('data', json_text.OBJECT), ('user', json_text.STRING),
    ('project', json_text.STRING))


def _api_text_column(with_cluster):
    members = [(name, kind, models.Action.__table__.c[name])
               for name, kind in _API_MEMBERS]
    if with_cluster:
        members.append(('cluster_id', json_text.STRING,
                        models.Action.__table__.c.cluster_id))
    return json_text.object_text(members).label('text')


API_TEXT = {False: _api_text_column(False), True: _api_text_column(True)}

