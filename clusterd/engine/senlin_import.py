"""``clusterd-manage import-senlin``: a Senlin database's objects, in clusterd.

Senlin's rows are read in one read-only snapshot (:mod:`clusterd.db.senlin`,
nothing is ever written there) and written through
:mod:`clusterd.objects.senlin_import` under the same ids, in one transaction per
project: profiles, policies, clusters, their policy bindings, nodes, receivers,
credentials and, with a history window, events and finished actions.  No cloud
is called: nodes keep their physical ids, and the engines' reconcile compares
them with the cloud afterwards.

Running it again is safe: the ``senlin_import`` ledger remembers a digest of
each Senlin row and of the clusterd row it became, so an unchanged row is left
alone, a row Senlin changed since is updated, and a row that clusterd changed
since (an engine scaled the cluster, an operator renamed it) is kept as
clusterd has it.  Nothing is ever inserted twice, nor deleted.

A cluster with an action in progress in Senlin (or a lock, or a busy status)
makes the import refuse before it writes anything, unless ``skip_busy`` is set:
then that cluster, its nodes, bindings and receivers are left out and named.
What clusterd cannot run (a profile or policy type it lacks, a spec its plugin
refuses, a message receiver) is imported all the same, named in the report with
the clusters it concerns; a binding of such a policy is imported disabled so
that the cluster's other actions still run.
"""

import dataclasses
import datetime
import functools
import hashlib
import json

from oslo_db import exception as db_exc
from sqlalchemy import exc as sa_exc

from clusterd.clock import utcnow
from clusterd.db import senlin
from clusterd.engine import senlin_report
from clusterd.objects import senlin_import as imported
from clusterd import plugins
from clusterd import states

# The order rows are written in: everything a row points to comes first.
KINDS = ('profile', 'policy', 'cluster', 'binding', 'node', 'receiver',
         'credential', 'action', 'event')
HISTORY_KINDS = ('action', 'event')

WEBHOOK = 'webhook'
_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


class Refused(Exception):
    """The import did not start: clusters are busy in Senlin (nothing written)."""


@dataclasses.dataclass
class Options:
    """What to import.

    :ivar source: the Senlin database URL
    :ivar projects: the projects to import (empty: every project)
    :ivar dry_run: do everything, then roll each project's transaction back
    :ivar history_days: also import events and finished actions of the last
        that many days (None: no history)
    :ivar skip_busy: leave busy clusters out instead of refusing
    """
    source: str
    projects: tuple = ()
    dry_run: bool = False
    history_days: float = None
    skip_busy: bool = False


@dataclasses.dataclass
class Item:
    """One Senlin row, mapped: the clusterd values to write under its id."""
    kind: str
    id: str
    project: str
    name: str
    values: dict
    skip: str = None

    @functools.cached_property
    def source_digest(self):
        """Read once the values are final (a binding's data is adopted first)."""
        return digest(self.values)


def _skip(item, reason):
    """Skip ``item`` for ``reason``, unless it is skipped already (unreadable
    JSON comes first)."""
    if item.skip is None:
        item.skip = reason


class _RollBack(Exception):
    """Raised inside a dry run's transaction to undo it."""


def _canonical(value):
    """JSON text of what json cannot write: datetimes as UTC ISO-8601, the rest
    (Decimal epochs) as text."""
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=datetime.timezone.utc)
        return value.astimezone(datetime.timezone.utc).isoformat()
    return str(value)


def _epoch_text(value):
    return '%.6f' % value if isinstance(value, float) else value


def digest(values, keys=None):
    """A SHA-256 of the ``keys`` of ``values`` (all by default), independent of
    key order."""
    keys = sorted(values if keys is None else keys)
    # An action's epoch times read back as floats (types.Epoch); they are written
    # as the six-decimal text their NUMERIC(18, 6) column held, so digests taken
    # when they read back as decimals still match.
    text = json.dumps({key: _epoch_text(values.get(key)) for key in keys},
                      sort_keys=True,
                      separators=(',', ':'), default=_canonical)
    return hashlib.sha256(text.encode('utf-8')).hexdigest()


def _created(row):
    """Senlin leaves ``created_at`` empty until a create has finished; clusterd
    lists by it, so it falls back on the other timestamps (never on "now", which
    would make every import see the row as changed)."""
    return (row.get('created_at') or row.get('init_at') or row.get('updated_at')
            or _EPOCH)


def _json_map(value):
    return value if isinstance(value, dict) else {}


# --- mapping: one Senlin row -> clusterd values ---------------------------------------

def _profile(row):
    # NOTE: Senlin's profile ``context`` holds Senlin's own service credentials
    # (user and password); clusterd keeps none in profiles, so it is not copied.
    return {'id': row['id'], 'name': row['name'], 'type': row['type'],
            'context': {}, 'spec': _json_map(row['spec']), 'user': row['user'],
            'project': row['project'], 'domain': row['domain'],
            'permission': row['permission'],
            'metadata': _json_map(row['meta_data']),
            'created_at': _created(row), 'updated_at': row['updated_at']}


def _policy(row):
    return {'id': row['id'], 'name': row['name'], 'type': row['type'],
            'user': row['user'], 'project': row['project'], 'domain': row['domain'],
            'cooldown': row['cooldown'], 'level': row['level'],
            'spec': _json_map(row['spec']), 'data': _json_map(row['data']),
            'created_at': _created(row), 'updated_at': row['updated_at']}


def _cluster(row):
    return {'id': row['id'], 'name': row['name'], 'profile_id': row['profile_id'],
            'user': row['user'], 'project': row['project'], 'domain': row['domain'],
            'parent': row['parent'], 'init_at': row['init_at'] or _created(row),
            'created_at': _created(row), 'updated_at': row['updated_at'],
            'min_size': row['min_size'] or 0,
            'max_size': -1 if row['max_size'] is None else row['max_size'],
            'desired_capacity': row['desired_capacity'] or 0,
            'next_index': row['next_index'] or 1, 'timeout': row['timeout'],
            'status': row['status'], 'status_reason': row['status_reason'],
            'metadata': _json_map(row['meta_data']), 'data': _json_map(row['data']),
            'dependents': _json_map(row['dependents']),
            'config': _json_map(row['config'])}


def _node(row):
    return {'id': row['id'], 'name': row['name'], 'physical_id': row['physical_id'],
            'cluster_id': row['cluster_id'] or '', 'profile_id': row['profile_id'],
            'user': row['user'], 'project': row['project'], 'domain': row['domain'],
            'index': -1 if row['index'] is None else row['index'],
            'role': row['role'], 'init_at': row['init_at'] or _created(row),
            'created_at': _created(row), 'updated_at': row['updated_at'],
            'tainted': bool(row['tainted']), 'status': row['status'],
            'status_reason': row['status_reason'],
            'metadata': _json_map(row['meta_data']), 'data': _json_map(row['data']),
            'dependents': _json_map(row['dependents'])}


def _receiver(row):
    # NOTE: no secret: Senlin's alarm URLs carry none, and the webhook handler
    # accepts such receivers by id while [api] webhook_legacy_urls is on.
    return {'id': row['id'], 'name': row['name'], 'type': row['type'],
            'user': row['user'], 'project': row['project'], 'domain': row['domain'],
            'cluster_id': row['cluster_id'] or None,
            'actor': _json_map(row['actor']), 'action': row['action'],
            'params': _json_map(row['params']),
            'channel': _json_map(row['channel']), 'secret': None,
            'created_at': _created(row), 'updated_at': row['updated_at']}


def _credential(row):
    return {'user': row['user'], 'project': row['project'],
            'cred': _json_map(row['cred']), 'data': row['data']}


def _action(row, node_clusters):
    cluster_id = row['cluster_id']
    if not cluster_id:
        # Before Senlin's migration 15 an action named only its target.
        target = row['target'] or ''
        cluster_id = node_clusters.get(target) or (
            target if (row['action'] or '').startswith('CLUSTER_') else None)
    # NOTE: no context (it held Senlin's request context and trust) and no
    # owner (a Senlin engine): an ended action never runs again.
    return {'id': row['id'], 'name': row['name'], 'cluster_id': cluster_id,
            'context': {}, 'target': row['target'], 'action': row['action'],
            'cause': row['cause'], 'owner': None, 'interval': row['interval'],
            'start_time': row['start_time'], 'end_time': row['end_time'],
            'timeout': row['timeout'], 'status': row['status'],
            'status_reason': row['status_reason'], 'control': row['control'],
            'parent_id': None, 'inputs': _json_map(row['inputs']),
            'outputs': _json_map(row['outputs']), 'data': _json_map(row['data']),
            'user': row['user'], 'project': row['project'],
            'domain': row['domain'], 'created_at': _created(row),
            'updated_at': row['updated_at'] or _created(row)}


def _event(row):
    return {'id': row['id'], 'timestamp': row['timestamp'], 'oid': row['oid'],
            'oname': row['oname'], 'otype': row['otype'],
            'cluster_id': row['cluster_id'], 'level': row['level'],
            'user': row['user'], 'project': row['project'], 'domain': None,
            'action': row['action'], 'status': row['status'],
            'status_reason': row['status_reason'],
            'metadata': _json_map(row['meta_data'])}


# --- what clusterd can run ------------------------------------------------------------

def plugin_problem(kind, type_name, name, spec, conf):
    """Why clusterd cannot run a profile or policy of this type and spec (None
    when it can)."""
    find = plugins.profile_class if kind == 'profile' else plugins.policy_class
    try:
        cls = find(type_name)
    except LookupError:
        return 'clusterd has no %s type %s' % (kind, type_name)
    try:
        cls(name, spec, conf)
    except Exception as exc:  # noqa: BLE001 - any refusal is the answer
        return 'clusterd\'s %s plugin refuses the spec: %s' % (type_name, exc)
    return None


# --- the import -----------------------------------------------------------------------

class Importer:
    """One run of the import.

    :param context: an admin :class:`clusterd.context.RequestContext` on the
        clusterd database
    :param conf: the service configuration (plugins validate specs with it)
    :param options: :class:`Options`
    """

    def __init__(self, context, conf, options):
        self.context = context
        self.conf = conf
        self.options = options
        self.report = senlin_report.Report(senlin.describe_url(options.source),
                                           options.dry_run)
        self.now = utcnow()
        self.busy = {}
        # (kind, id) -> why clusterd cannot run that profile or policy (or None)
        self._problems = {}

    # --- reading ---------------------------------------------------------------------

    def run(self):
        """Import; returns the :class:`senlin_report.Report`.

        :raises clusterd.db.senlin.SchemaError: the source is not a Senlin
            database this clusterd knows (nothing written)
        :raises Refused: busy clusters and no ``skip_busy`` (nothing written)
        """
        with senlin.snapshot(self.options.source) as snapshot:
            self.report.set_schema(snapshot.schema)
            projects = list(self.options.projects) or snapshot.projects()
            batches = [self._read(snapshot, project) for project in projects]
            busy = self._busy(snapshot, batches)
        if busy and not self.options.skip_busy:
            raise Refused(senlin_report.busy_message(busy))
        self.busy = busy
        for batch in batches:
            self._write(batch)
        return self.report

    def _read(self, snapshot, project):
        batch = {kind: snapshot.rows(table, project) for kind, table in (
            ('profile', 'profile'), ('policy', 'policy'), ('cluster', 'cluster'),
            ('node', 'node'), ('receiver', 'receiver'),
            ('credential', 'credential'))}
        batch['binding'] = snapshot.bindings({row['id'] for row in batch['cluster']})
        batch['action'] = batch['event'] = []
        if self.options.history_days is not None:
            since = self.now - datetime.timedelta(days=self.options.history_days)
            batch['action'] = snapshot.finished_actions(project, since)
            batch['event'] = snapshot.events(project, since)
        batch['project'] = project
        return batch

    @staticmethod
    def _busy(snapshot, batches):
        """{cluster or orphan node id: (project, name, why it is busy)}."""
        clusters, nodes = {}, {}
        for batch in batches:
            clusters.update({row['id']: row for row in batch['cluster']})
            nodes.update({row['id']: row for row in batch['node']})
        busy = {}

        def mark(node_or_cluster_id, why):
            if node_or_cluster_id in clusters:
                row = clusters[node_or_cluster_id]
            elif node_or_cluster_id in nodes:
                row = nodes[node_or_cluster_id]
                if row['cluster_id'] in clusters:
                    row = clusters[row['cluster_id']]
            else:
                return
            busy.setdefault(row['id'], (row['project'], row['name'], why))

        for row in snapshot.unfinished_actions():
            why = 'action %s %s is %s' % (row['action'], (row['id'] or '')[:8],
                                          row['status'])
            mark(row['target'], why)
            if row.get('cluster_id'):
                mark(row['cluster_id'], why)
        cluster_locks, node_locks = snapshot.locks()
        for row in cluster_locks:
            mark(row['cluster_id'], 'locked by action(s) %s' % ', '.join(
                str(a)[:8] for a in (row['action_ids'] or [])))
        for row in node_locks:
            mark(row['node_id'], 'node %s locked by action %s' % (
                row['node_id'][:8], (row['action_id'] or '')[:8]))
        for row in clusters.values():
            if row['status'] not in states.CLUSTER_SETTLED:
                mark(row['id'], 'its status is %s' % row['status'])
        for row in nodes.values():
            if row['status'] not in states.NODE_SETTLED:
                mark(row['id'], 'node %s is %s' % (row['name'], row['status']))
        return busy

    # --- writing ---------------------------------------------------------------------

    def _write(self, batch):
        project = batch['project']
        section = self.report.project(project)
        try:
            with self.context.writer:
                ledger = imported.records(self.context, project)
                entries = []
                present = {}
                for kind in KINDS:
                    items = self._items(kind, batch, present)
                    entries.extend(self._apply(kind, items, ledger, present,
                                               section))
                imported.record(self.context, project, entries)
                if self.options.dry_run:
                    raise _RollBack()
        except _RollBack:
            section.finish('dry run: rolled back, nothing written')
        except (db_exc.DBError, sa_exc.DBAPIError) as exc:
            # The project's transaction is rolled back; the others go on.
            section.fail(exc)
            self.report.record_failure(section)
            return
        else:
            section.finish('written' if any(batch[kind] for kind in KINDS) else
                           'nothing found in Senlin')
        self.report.merge(section)

    def _problem(self, kind, row):
        key = (kind, row['id'])
        if key not in self._problems:
            self._problems[key] = plugin_problem(
                kind, row['type'], row['name'], _json_map(row['spec']), self.conf)
        return self._problems[key]

    def _items(self, kind, batch, present):
        """The rows of ``kind`` as :class:`Item` objects, each with the reason
        to skip it if it cannot be written (its cluster busy in Senlin, or what
        it points to not in clusterd)."""
        if kind == 'binding':
            return self._bindings(batch, present)
        rows, project = batch[kind], batch['project']
        if kind == 'credential':
            return [Item(kind, imported.credential_key(row['user'], row['project']),
                         project, row['user'], _credential(row),
                         skip=row.get(senlin.INVALID)) for row in rows]
        if kind == 'action':
            node_clusters = {row['id']: row['cluster_id'] for row in batch['node']}
            return [self._item(kind, row, lambda r: _action(r, node_clusters),
                               project) for row in rows]
        mapper = {'profile': _profile, 'policy': _policy, 'cluster': _cluster,
                  'node': _node, 'receiver': _receiver, 'event': _event}[kind]
        items = [self._item(kind, row, mapper, project) for row in rows]
        check = getattr(self, '_check_' + kind, None)
        if check is not None:
            check(rows, items, present)
        return items

    def _check_profile(self, rows, items, present):
        for row in rows:
            problem = self._problem('profile', row)
            if problem:
                self.report.cannot_run('profile', row, problem)

    def _check_policy(self, rows, items, present):
        for row in rows:
            problem = self._problem('policy', row)
            if problem:
                self.report.cannot_run('policy', row, problem)

    def _check_cluster(self, rows, items, present):
        self.report.clusters_seen(rows)
        profiles = self._available('profile', [r['profile_id'] for r in rows],
                                   present)
        for row, item in zip(rows, items):
            if row['id'] in self.busy:
                _skip(item, 'busy in Senlin: %s' % self.busy[row['id']][2])
            elif row['profile_id'] not in profiles:
                _skip(item, 'its profile %s is not in clusterd' % row['profile_id'])

    def _check_node(self, rows, items, present):
        clusters = self._available(
            'cluster', [r['cluster_id'] for r in rows if r['cluster_id']], present)
        profiles = self._available('profile', [r['profile_id'] for r in rows],
                                   present)
        for row, item in zip(rows, items):
            if row['id'] in self.busy:
                _skip(item, 'busy in Senlin: %s' % self.busy[row['id']][2])
            elif row['cluster_id'] and row['cluster_id'] not in clusters:
                _skip(item, self._missing_cluster(row['cluster_id']))
            elif row['profile_id'] not in profiles:
                _skip(item, 'its profile %s is not in clusterd' % row['profile_id'])

    def _check_receiver(self, rows, items, present):
        clusters = self._available(
            'cluster', [r['cluster_id'] for r in rows if r['cluster_id']], present)
        for row, item in zip(rows, items):
            if row['cluster_id'] and row['cluster_id'] not in clusters:
                _skip(item, self._missing_cluster(row['cluster_id']))
            elif row['type'] != WEBHOOK:
                self.report.cannot_run_receiver(row)

    def _missing_cluster(self, cluster_id):
        if cluster_id in self.busy:
            return 'its cluster %s is busy in Senlin: %s' % (
                cluster_id, self.busy[cluster_id][2])
        return 'its cluster %s is not in clusterd' % cluster_id

    def _item(self, kind, row, mapper, project):
        invalid = row.get(senlin.INVALID)
        values = mapper(row)
        return Item(kind, row['id'], project,
                    row.get('name') or row.get('oname') or row.get('action') or '',
                    values, skip=invalid)

    def _bindings(self, batch, present):
        """Bindings of the project's clusters, their data as clusterd's policy
        plugins keep it (:meth:`_adopt`)."""
        rows = batch['binding']
        wanted = {row['policy_id'] for row in rows}
        available = self._available('policy', wanted, present)
        policies = {row['id']: row for row in batch['policy']}
        # A policy of another project (an admin's binding) already imported.
        policies.update(imported.existing(self.context, 'policy',
                                          wanted - set(policies)))
        items = []
        for row in rows:
            policy = policies.get(row['policy_id'])
            values = {'id': row['id'], 'cluster_id': row['cluster_id'],
                      'policy_id': row['policy_id'],
                      'enabled': bool(row['enabled']),
                      'priority': row['priority'] or 0,
                      'data': _json_map(row['data']), 'last_op': row['last_op']}
            item = Item('binding', row['id'], batch['project'],
                        policy['name'] if policy else row['policy_id'], values,
                        skip=row.get(senlin.INVALID))
            if row['cluster_id'] not in present.get('cluster', ()):
                _skip(item, self._missing_cluster(row['cluster_id']))
            elif row['policy_id'] not in available:
                _skip(item, 'its policy %s is not in clusterd' % row['policy_id'])
            elif not item.skip:
                self._adopt(item, policy, row)
            items.append(item)
        return items

    def _adopt(self, item, policy, row):
        """Fill the binding's data as the policy plugin keeps it; a policy
        clusterd cannot run is bound disabled."""
        problem = self._problem('policy', policy)
        if problem:
            self.report.disabled_binding(item, policy, problem,
                                         disabled=item.values['enabled'])
            item.values['enabled'] = False
            return
        instance = plugins.policy_class(policy['type'])(
            policy['name'], _json_map(policy['spec']), self.conf)
        item.values['data'] = instance.adopt(_json_map(row['data']),
                                             row['last_op'])

    def _available(self, kind, ids, present):
        """Those of ``ids`` that are rows of ``kind`` in clusterd now."""
        ids = set(ids)
        found = ids & present.get(kind, set())
        rest = ids - found
        if rest:
            found |= set(imported.existing(self.context, kind, rest))
        return found

    def _apply(self, kind, items, ledger, present, section):
        """Insert, update or skip each item; returns the ledger entries."""
        live = [item for item in items if not item.skip]
        current = imported.existing(self.context, kind,
                                    [item.id for item in live])
        inserts, updates = [], []
        for item in items:
            if item.skip:
                section.skipped(item, item.skip)
                continue
            seen = ledger.get((kind, item.id))
            row = current.get(item.id)
            if row is None:
                if seen is not None:
                    section.skipped(item, 'deleted in clusterd after an earlier '
                                          'import; not imported again')
                    continue
                inserts.append(item)
            elif seen is None:
                section.skipped(item, 'clusterd already has a %s with this id '
                                      'that was not imported from Senlin' % kind)
            elif seen[0] == item.source_digest:
                section.unchanged(item)
            elif digest(row, item.values) != seen[1]:
                section.skipped(item, 'changed in clusterd since it was '
                                      'imported (and in Senlin): clusterd\'s '
                                      'is kept')
            else:
                updates.append(item)
        imported.insert(self.context, kind, [item.values for item in inserts])
        for item in updates:
            imported.update(self.context, kind, item.id, item.values)
        written = inserts + updates
        after = imported.existing(self.context, kind,
                                  [item.id for item in written])
        for item in inserts:
            section.imported(item)
        for item in updates:
            section.updated(item)
        present.setdefault(kind, set()).update(
            set(current) | {item.id for item in inserts})
        return [(kind, item.id, item.source_digest,
                 digest(after[item.id], item.values)) for item in written]


def run(context, conf, options):
    """Import from Senlin (see :class:`Importer`); returns the report."""
    return Importer(context, conf, options).run()
