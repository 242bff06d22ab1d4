"""``cluster action``: list, show, update (cancel) and explain."""

from cliff import columns
from osc_lib import exceptions

from clusterdclient import client as client_module
from clusterdclient import common
from clusterdclient import output

FORMATTERS = {'inputs': output.json_text, 'outputs': output.json_text,
              'metadata': output.json_text, 'data': output.json_text,
              'depends_on': output.lines, 'depended_by': output.lines}


def show(client, action):
    body = client.get(client_module.path('/actions', action))['action']
    return output.show(client.resource('action', body).to_dict(), FORMATTERS)


class ListAction(common.Lister):
    """List actions"""

    def arguments(self, parser):
        common.add_list_options(
            parser, 'actions', filter_keys=['name', 'target', 'action',
                                            'status'],
            sort_keys=['name', 'target', 'action', 'created_at', 'status'])

    def take_action(self, parsed_args):
        names = ['id', 'name', 'action', 'status', 'target_id', 'depends_on',
                 'depended_by', 'created_at', 'cluster_id']
        cut = None if parsed_args.full_id else 8
        formatters = {
            'depends_on': lambda ids: '\n'.join(item[:cut] for item in ids),
            'depended_by': lambda ids: '\n'.join(item[:cut] for item in ids)}
        formatters.update(common.short_ids(parsed_args, ['id', 'target_id']))
        items = common.list_items(self.client, '/actions', 'actions',
                                  parsed_args)
        return names, [output.row(self.client.resource('action', item)
                                  .to_dict(), names, formatters)
                       for item in items]


class ShowAction(common.ShowOne):
    """Show an action"""

    def arguments(self, parser):
        parser.add_argument('action', metavar='<action>',
                            help='Name or ID of the action')

    def take_action(self, parsed_args):
        return show(self.client, parsed_args.action)


class UpdateAction(common.ShowOne):
    """Change an action: --status CANCELLED cancels it (API 1.12)"""

    def arguments(self, parser):
        parser.add_argument('--status', metavar='<status>',
                            help='The new status (CANCELLED)')
        common.add_idempotency_key(parser)
        parser.add_argument('action', metavar='<action>',
                            help='ID of the action')

    def take_action(self, parsed_args):
        if not parsed_args.status:
            raise exceptions.CommandError('Nothing to change: give --status.')
        self.client.require((1, 12), 'openstack cluster action update')
        self.client.request(
            'PATCH', client_module.path('/actions', parsed_args.action),
            {'action': {'status': parsed_args.status}},
            idempotency_key=common.idempotency_key(parsed_args))
        return show(self.client, parsed_args.action)


class Reasons(columns.FormattableColumn):
    """Nodes with the reason for each: ``name (id): reason`` lines in a table,
    the list itself in ``-f json``."""

    def human_readable(self):
        return '\n'.join('%s (%s): %s' % (item.get('name'),
                                          str(item.get('id'))[:8],
                                          item.get('reason'))
                         for item in self._value or [])

    def machine_readable(self):
        return self._value


def _column(name, value):
    if name in ('victims', 'ranking') and isinstance(value, list):
        return Reasons(value)
    if name == 'policies' and isinstance(value, list):
        return output.Lines(value)
    if isinstance(value, (dict, list)):
        return output.Structure(value)
    return value


class ExplainAction(common.ShowOne):
    """Explain an action: what it decided and why (the policies evaluated,
    the count and its reason, each victim with its reason; clusterd)"""

    def arguments(self, parser):
        parser.add_argument('action', metavar='<action>',
                            help='Name or ID of the action')

    def take_action(self, parsed_args):
        action = self.client.get(client_module.path(
            '/actions', parsed_args.action))['action']
        outputs = action.get('outputs') or {}
        data = action.get('data') or {}
        decision = outputs.get('decision') or data.get('decision') or {}
        decisions = data.get('decisions') or {}
        explained = {
            'id': action['id'], 'action': action.get('action'),
            'target': action.get('target'), 'status': action.get('status'),
            'status_reason': action.get('status_reason'),
            'explain': outputs.get('explain') or data.get('explain') or (
                'No decision recorded: only resize, scale and membership '
                'actions record why they change what they change.')}
        explained.update(decision)
        if 'policies' not in explained and decisions.get('notes'):
            explained['policies'] = decisions['notes']
        ranking = (decisions.get('deletion') or {}).get('ranking')
        if ranking:
            explained['ranking'] = ranking
        if decisions.get('error'):
            explained['refused'] = decisions['error']
        first = ['id', 'action', 'target', 'status', 'status_reason', 'explain']
        names = first + sorted(name for name in explained if name not in first)
        return names, tuple(_column(name, explained[name]) for name in names)
