"""``cluster health``: what the health manager found of each node (clusterd,
API 1.15)."""

import sys

from cliff import columns

from clusterdclient import client as client_module
from clusterdclient import common
from clusterdclient import output


class Detection(columns.FormattableColumn):
    """Each detector's verdict: ``NAME: healthy`` or ``NAME: unhealthy
    (reason)`` lines in a table, the mapping in ``-f json``."""

    def human_readable(self):
        lines = []
        for name, result in sorted((self._value or {}).items()):
            if not isinstance(result, dict):
                lines.append('%s: %s' % (name, result))
                continue
            verdict = {True: 'healthy', False: 'unhealthy'}.get(
                result.get('healthy'), 'unknown')
            reason = result.get('reason')
            lines.append('%s: %s%s' % (name, verdict,
                                       ' (%s)' % reason if reason else ''))
        return '\n'.join(lines)

    def machine_readable(self):
        return self._value


class ClusterHealth(common.Lister):
    """Show the health of a cluster's nodes: the verdict of each detector,
    since when a node is unhealthy, its recoveries and the circuit breaker
    (clusterd, API 1.15)"""

    COLUMNS = ['id', 'name', 'status', 'healthy', 'detection', 'checked_at',
               'unhealthy_since', 'recovery_attempts', 'last_recovery_action',
               'needs_attention', 'breaker']

    def arguments(self, parser):
        parser.add_argument('--full-id', default=False, action='store_true',
                            help='Print full IDs')
        parser.add_argument('cluster', metavar='<cluster>',
                            help='Name or ID of the cluster')

    def take_action(self, parsed_args):
        self.client.require(client_module.HEALTH, 'openstack cluster health')
        cluster = self.client.get(client_module.path(
            '/clusters', parsed_args.cluster))['cluster']
        nodes = self.client.listing('/nodes', 'nodes',
                                    {'cluster_id': cluster['id']})
        if getattr(parsed_args, 'formatter', 'table') == 'table':
            self._summary(cluster, len(nodes))
        cut = (lambda value: value) if parsed_args.full_id else \
            output.short_or_none
        rows = []
        for node in nodes:
            health = node.get('health') or {}
            rows.append((
                cut(node['id']), node['name'], node['status'],
                health.get('healthy'), Detection(health.get('detectors') or {}),
                health.get('checked_at'), health.get('unhealthy_since'),
                health.get('recovery_attempts'),
                cut(health.get('last_recovery_action')),
                health.get('needs_attention'), health.get('breaker')))
        return self.COLUMNS, rows

    def _summary(self, cluster, count):
        """One line above the table (table format only)."""
        health = cluster.get('health') or {}
        healthy = cluster.get('healthy_nodes')
        text = '%s: %s of %d nodes healthy' % (
            cluster['name'], 'unknown' if healthy is None else healthy, count)
        if health.get('checked_at'):
            text += ' (checked %s)' % health['checked_at']
        text += '; breaker %s' % health.get('breaker', 'closed')
        if health.get('breaker_reason'):
            text += ': %s' % health['breaker_reason']
        sys.stdout.write(text + '\n')
