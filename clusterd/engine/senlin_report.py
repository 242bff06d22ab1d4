"""The report of ``clusterd-manage import-senlin``: per object type, what was
imported, updated, left unchanged or skipped and why; what clusterd cannot run,
with the clusters it concerns; and how to see what reconcile finds afterwards.
Rendered as text or as JSON (``--format json``).
"""

import collections

from oslo_db import exception as db_exc
import sqlalchemy as sa

KIND_TITLES = collections.OrderedDict((
    ('profile', 'profiles'), ('policy', 'policies'), ('cluster', 'clusters'),
    ('binding', 'policy bindings'), ('node', 'nodes'), ('receiver', 'receivers'),
    ('credential', 'credentials'), ('action', 'actions (history)'),
    ('event', 'events (history)'),
))

AFTER_IMPORT = (
    'clusterd-engine reconciles the imported clusters with the cloud within '
    '[engine] reconcile_interval seconds (60 by default; the engine that owns a '
    'cluster does it): a node whose resource is gone or drifted becomes ERROR, '
    'and with an enabled health policy it is recovered; a resource carrying a '
    'node id that no node row owns is reported as an orphan.  Each finding is an '
    'event of action RECONCILE: `openstack cluster event list --filter '
    'action=RECONCILE` (GET /v1/events?action=RECONCILE); nothing found means '
    'every node\'s resource is there and healthy.')

WEBHOOK_NOTE = (
    '%d webhook receiver(s) keep their Senlin ids and alarm URLs '
    '(/v1/webhooks/<id>/trigger?V=2, no token): clusterd accepts them while '
    '[api] webhook_legacy_urls is true (the default).  Point the URLs\' host at '
    'clusterd-api (or give clusterd Senlin\'s endpoint), then rotate each secret '
    '(PATCH /v1/receivers/<id> with rotate_secret, API 1.15) and give the new '
    'alarm_url to Aodh.')

TRUST_NOTE = (
    '%d credential(s) hold the Keystone trusts users gave Senlin: they delegate '
    'to Senlin\'s service user, so clusterd can act through them only if '
    '[openstack] service_username (and its password) is that user.')

NOT_COPIED = (
    'Not copied: Senlin\'s profile context (its own service credentials), the '
    'request context of past actions, and health_registry (clusterd schedules '
    'health checks from each health policy binding).')

MESSAGE_RECEIVER = ('clusterd serves no message (Zaqar) receivers: the row is '
                    'kept, but nothing is delivered to it')


def busy_message(busy):
    """The refusal when clusters are busy in Senlin (see Importer._busy)."""
    lines = ['%d cluster(s) or node(s) are busy in Senlin, so nothing was '
             'imported:' % len(busy)]
    for ident, (project, name, why) in sorted(busy.items(),
                                              key=lambda item: item[1]):
        lines.append('  %s (%s) in project %s: %s' % (name, ident, project, why))
    lines.append('Let their actions end (stop senlin-engine, senlin-conductor and '
                 'senlin-health-manager first, so that no new ones start), or run '
                 'again with --skip-busy to import everything else.')
    return '\n'.join(lines)


def _describe_error(exc):
    if isinstance(exc, (db_exc.DBError, sa.exc.DBAPIError)):
        inner = getattr(exc, 'inner_exception', None) or exc
        text = str(getattr(inner, 'orig', None) or inner).strip()
        return 'database error: %s' % (text.splitlines() or [''])[0]
    return '%s: %s' % (type(exc).__name__, exc)


class Section:
    """What one project's transaction did (merged into the report once it has
    committed, or rolled back in a dry run)."""

    def __init__(self, project):
        self.project = project
        self.status = None
        self.counts = {kind: {'imported': [], 'updated': [], 'unchanged': [],
                              'skipped': []} for kind in KIND_TITLES}

    def _entry(self, item):
        return {'id': item.id, 'name': item.name, 'project': item.project}

    def imported(self, item):
        self.counts[item.kind]['imported'].append(item.id)

    def updated(self, item):
        self.counts[item.kind]['updated'].append(item.id)

    def unchanged(self, item):
        self.counts[item.kind]['unchanged'].append(item.id)

    def skipped(self, item, reason):
        self.counts[item.kind]['skipped'].append(dict(self._entry(item),
                                                      reason=reason))

    def finish(self, status):
        self.status = status

    def fail(self, exc):
        self.status = 'failed, nothing of it written: %s' % _describe_error(exc)


class Report:
    """Everything one import did and found."""

    def __init__(self, source, dry_run):
        self.source = source
        self.dry_run = dry_run
        self.schema = None
        self.projects = collections.OrderedDict()
        self.counts = Section(None).counts
        # (kind, type, reason) -> {'objects': {id: entry}, 'clusters': {id: entry}}
        self._cannot_run = collections.OrderedDict()
        self._clusters = {}
        self._profile_problem = {}

    @property
    def failed(self):
        return any(status.startswith('failed')
                   for status in self.projects.values())

    # --- collecting ----------------------------------------------------------------

    def set_schema(self, schema):
        self.schema = schema

    def project(self, project):
        return Section(project)

    def merge(self, section):
        self.projects[section.project] = section.status
        for kind, counts in section.counts.items():
            for key, values in counts.items():
                self.counts[kind][key].extend(values)

    def record_failure(self, section):
        self.projects[section.project] = section.status

    def _group(self, kind, type_name, reason):
        return self._cannot_run.setdefault((kind, type_name, reason), {
            'objects': collections.OrderedDict(),
            'clusters': collections.OrderedDict()})

    @staticmethod
    def _named(row):
        return {'id': row['id'], 'name': row.get('name'),
                'project': row.get('project')}

    def cannot_run(self, kind, row, problem):
        """A profile or policy whose type or spec clusterd cannot run."""
        group = self._group(kind, row['type'], problem)
        group['objects'][row['id']] = self._named(row)
        if kind == 'profile':
            self._profile_problem[row['id']] = group

    def clusters_seen(self, rows):
        for row in rows:
            self._clusters[row['id']] = row
            group = self._profile_problem.get(row['profile_id'])
            if group is not None:
                group['clusters'][row['id']] = self._named(row)

    def disabled_binding(self, item, policy, problem, disabled):
        """A binding of a policy clusterd cannot run (imported disabled)."""
        group = self._group('policy', policy['type'], problem)
        group['objects'][policy['id']] = self._named(policy)
        cluster = self._clusters.get(item.values['cluster_id'], {
            'id': item.values['cluster_id']})
        entry = self._named(cluster)
        entry['binding'] = ('imported disabled' if disabled else
                            'already disabled in Senlin')
        group['clusters'][cluster['id']] = entry

    def cannot_run_receiver(self, row):
        group = self._group('receiver', row['type'], MESSAGE_RECEIVER)
        group['objects'][row['id']] = self._named(row)
        if row.get('cluster_id'):
            cluster = self._clusters.get(row['cluster_id'],
                                         {'id': row['cluster_id']})
            group['clusters'][cluster['id']] = self._named(cluster)

    # --- rendering -----------------------------------------------------------------

    def notes(self):
        notes = []
        if self.schema is not None:
            notes.extend('Older Senlin schema: %s.' % note
                         for note in self.schema.differences())
        webhooks = len(self.counts['receiver']['imported'])
        if webhooks:
            notes.append(WEBHOOK_NOTE % webhooks)
        credentials = len(self.counts['credential']['imported'])
        if credentials:
            notes.append(TRUST_NOTE % credentials)
        notes.append(NOT_COPIED)
        return notes

    def to_dict(self):
        objects = collections.OrderedDict()
        for kind, counts in self.counts.items():
            objects[kind] = {
                'imported': len(counts['imported']),
                'updated': len(counts['updated']),
                'unchanged': len(counts['unchanged']),
                'skipped': len(counts['skipped']),
                'imported_ids': sorted(counts['imported']),
                'updated_ids': sorted(counts['updated']),
                'skipped_objects': counts['skipped'],
            }
        cannot_run = [{'kind': kind, 'type': type_name, 'reason': reason,
                       'objects': list(group['objects'].values()),
                       'clusters': list(group['clusters'].values())}
                      for (kind, type_name, reason), group
                      in self._cannot_run.items()]
        schema = None
        if self.schema is not None:
            schema = {'system': self.schema.system,
                      'version': self.schema.version,
                      'level': self.schema.level,
                      'description': self.schema.describe(),
                      'differences': self.schema.differences()}
        return {
            'source': self.source,
            'schema': schema,
            'dry_run': self.dry_run,
            'projects': dict(self.projects),
            'objects': objects,
            'cannot_run': cannot_run,
            'notes': self.notes(),
            'after_import': AFTER_IMPORT,
        }

    def to_text(self):
        data = self.to_dict()
        lines = ['Senlin database: %s' % data['source']]
        if data['schema']:
            lines.append('Schema: %s' % data['schema']['description'])
        if self.dry_run:
            lines.append('DRY RUN: every project was rolled back; nothing was '
                         'written.')
        lines.append('Projects (%d):' % len(self.projects))
        lines.extend('  %s: %s' % item for item in self.projects.items())
        lines.append('')
        lines.append('%-20s %9s %8s %10s %8s' % ('', 'imported', 'updated',
                                                 'unchanged', 'skipped'))
        for kind, title in KIND_TITLES.items():
            counts = data['objects'][kind]
            lines.append('%-20s %9d %8d %10d %8d' % (
                title, counts['imported'], counts['updated'],
                counts['unchanged'], counts['skipped']))
        skipped = [(KIND_TITLES[kind], entry)
                   for kind in KIND_TITLES
                   for entry in data['objects'][kind]['skipped_objects']]
        if skipped:
            lines.append('')
            lines.append('Skipped:')
            for title, entry in skipped:
                lines.append('  %s %s (%s) in project %s: %s' % (
                    title, entry['name'], entry['id'], entry['project'],
                    entry['reason']))
        if data['cannot_run']:
            lines.append('')
            lines.append('What clusterd cannot run (imported all the same):')
            for group in data['cannot_run']:
                names = ', '.join('%s (%s)' % (o['name'], o['id'])
                                  for o in group['objects'])
                lines.append('  %s type %s: %s' % (group['kind'], group['type'],
                                                   group['reason']))
                lines.append('    %s: %s' % (group['kind'] + 's' if
                                             group['kind'] != 'policy' else
                                             'policies', names))
                for cluster in group['clusters']:
                    lines.append('    used by cluster %s (%s)%s' % (
                        cluster.get('name'), cluster['id'],
                        ': binding %s' % cluster['binding']
                        if cluster.get('binding') else ''))
        lines.append('')
        lines.append('Notes:')
        lines.extend('  - %s' % note for note in data['notes'])
        lines.append('')
        lines.append('After the import: %s' % AFTER_IMPORT)
        return '\n'.join(lines)
