"""``cluster receiver``: list, show, create, update, delete, rotate-secret."""

from osc_lib import exceptions

from clusterdclient import client as client_module
from clusterdclient import common
from clusterdclient import output

FORMATTERS = {'actor': output.json_text, 'params': output.json_text,
              'channel': output.json_text}


def show(client, body):
    return output.show(client.resource('receiver', body).to_dict(), FORMATTERS)


def _params_option(parser):
    parser.add_argument(
        '--params', metavar='<"key1=value1;key2=value2...">', action='append',
        help='Inputs of the action the receiver starts; repeat it, or separate '
             'pairs with a semicolon')


class ListReceiver(common.Lister):
    """List receivers"""

    def arguments(self, parser):
        common.add_list_options(
            parser, 'receivers',
            filter_keys=['name', 'type', 'action', 'cluster_id', 'user_id'],
            sort_keys=['name', 'type', 'action', 'cluster_id', 'created_at'])

    def take_action(self, parsed_args):
        names = ['id', 'name', 'type', 'cluster_id', 'action', 'created_at']
        if parsed_args.global_project:
            names += ['project_id', 'user_id']
        formatters = {} if parsed_args.full_id else {
            'id': output.short, 'cluster_id': output.short_or_none,
            'project_id': output.short, 'user_id': output.short}
        items = common.list_items(self.client, '/receivers', 'receivers',
                                  parsed_args)
        return names, [output.row(self.client.resource('receiver', item)
                                  .to_dict(), names, formatters)
                       for item in items]


class ShowReceiver(common.ShowOne):
    """Show a receiver (a webhook's alarm_url is in its channel)"""

    def arguments(self, parser):
        parser.add_argument('receiver', metavar='<receiver>',
                            help='Name or ID of the receiver')

    def take_action(self, parsed_args):
        body = self.client.get(client_module.path('/receivers',
                                                  parsed_args.receiver))
        return show(self.client, body['receiver'])


class CreateReceiver(common.ShowOne):
    """Create a receiver: a webhook that starts an action on a cluster, or a
    message queue"""

    def arguments(self, parser):
        parser.add_argument('--type', metavar='<type>', default='webhook',
                            help='webhook (the default) or message')
        _params_option(parser)
        parser.add_argument('--cluster', metavar='<cluster>',
                            help='Name or ID of the cluster (webhook)')
        parser.add_argument('--action', metavar='<action>',
                            help='The action to start, e.g. CLUSTER_SCALE_OUT '
                                 '(webhook)')
        common.add_idempotency_key(parser)
        parser.add_argument('name', metavar='<name>',
                            help='Name of the new receiver')

    def take_action(self, parsed_args):
        if parsed_args.type == 'webhook' and not (parsed_args.cluster and
                                                  parsed_args.action):
            raise exceptions.CommandError(
                'A webhook receiver needs --cluster and --action.')
        body = {'receiver': {
            'name': parsed_args.name, 'type': parsed_args.type,
            'cluster_id': parsed_args.cluster, 'action': parsed_args.action,
            'params': common.parse_pairs(parsed_args.params)}}
        made = self.client.request(
            'POST', '/receivers', body,
            idempotency_key=common.idempotency_key(parsed_args))
        return show(self.client, made.body['receiver'])


class UpdateReceiver(common.ShowOne):
    """Change a receiver: name, action or inputs (API 1.7)"""

    def arguments(self, parser):
        parser.add_argument('--name', metavar='<name>',
                            help='New name of the receiver')
        parser.add_argument('--action', metavar='<action>',
                            help='The action it starts from now on')
        _params_option(parser)
        common.add_idempotency_key(parser)
        parser.add_argument('receiver', metavar='<receiver>',
                            help='Name or ID of the receiver')

    def take_action(self, parsed_args):
        self.client.require((1, 7), 'openstack cluster receiver update')
        changes = {}
        if parsed_args.name is not None:
            changes['name'] = parsed_args.name
        if parsed_args.action:
            changes['action'] = parsed_args.action
        if parsed_args.params is not None:
            changes['params'] = common.parse_pairs(parsed_args.params)
        done = self.client.request(
            'PATCH', client_module.path('/receivers', parsed_args.receiver),
            {'receiver': changes},
            idempotency_key=common.idempotency_key(parsed_args))
        return show(self.client, done.body['receiver'])


class DeleteReceiver(common.Command):
    """Delete receivers"""

    def arguments(self, parser):
        parser.add_argument('receiver', metavar='<receiver>', nargs='+',
                            help='Name or ID of the receivers to delete')
        parser.add_argument('--force', action='store_true',
                            help='Do not ask for confirmation')
        common.add_idempotency_key(parser)

    def take_action(self, parsed_args):
        if not common.confirm_delete(parsed_args, 'receiver'):
            return
        many = len(parsed_args.receiver) > 1
        common.delete_each(parsed_args.receiver, lambda name: self.client.request(
            'DELETE', client_module.path('/receivers', name),
            idempotency_key=common.idempotency_key(parsed_args, name, many)),
            'receiver')


class RotateReceiverSecret(common.ShowOne):
    """Give a webhook receiver a new secret and alarm_url; the old URL stops
    working at once (clusterd, API 1.15)"""

    def arguments(self, parser):
        common.add_idempotency_key(parser)
        parser.add_argument('receiver', metavar='<receiver>',
                            help='Name or ID of the receiver')

    def take_action(self, parsed_args):
        self.client.require(client_module.ROTATE_SECRET,
                            'openstack cluster receiver rotate-secret')
        done = self.client.request(
            'PATCH', client_module.path('/receivers', parsed_args.receiver),
            {'receiver': {'rotate_secret': True}},
            idempotency_key=common.idempotency_key(parsed_args))
        return show(self.client, done.body['receiver'])
