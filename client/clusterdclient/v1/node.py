"""``cluster node list``, ``show``, ``create``, ``update`` and ``delete``."""

from osc_lib import exceptions

from clusterdclient import client as client_module
from clusterdclient import common
from clusterdclient import output
from clusterdclient.v1 import cluster as cluster_commands

FORMATTERS = {'metadata': output.json_text, 'data': output.json_text,
              'dependents': output.json_text}


def render(client, body):
    data = client.resource('node', body).to_dict()
    formatters = dict(FORMATTERS)
    if data.get('details'):
        formatters['details'] = output.nested_table
    return output.show(data, formatters)


def show(client, node, details=False):
    params = {'show_details': 'True'} if details else None
    return render(client, client.get(client_module.path('/nodes', node),
                                     params)['node'])


def wait_and_show(command, parsed_args, answer):
    """--wait for the action a node request started, then show the node."""
    node = answer.body['node']
    if parsed_args.wait and answer.action_id:
        from clusterdclient import waiting
        waiting.Waiter(command.client, parsed_args).wait(answer.action_id)
        return show(command.client, node['id'])
    return render(command.client, node)


class ListNode(common.Lister):
    """List nodes"""

    def arguments(self, parser):
        parser.add_argument('--cluster', metavar='<cluster>',
                            help='Only the nodes of this cluster (name or ID)')
        common.add_list_options(
            parser, 'nodes', filter_keys=['status', 'name'],
            sort_keys=['index', 'name', 'status', 'init_at', 'created_at',
                       'updated_at'])

    def take_action(self, parsed_args):
        names = ['id', 'name', 'index', 'status', 'cluster_id', 'physical_id',
                 'profile_name', 'created_at', 'updated_at', 'tainted']
        if parsed_args.global_project:
            names.append('project_id')
        formatters = {} if parsed_args.full_id else {
            'id': output.short, 'cluster_id': output.short_or_empty,
            'physical_id': output.short_or_empty, 'project_id': output.short}
        items = common.list_items(self.client, '/nodes', 'nodes', parsed_args,
                                  cluster_id=parsed_args.cluster)
        return names, [output.row(self.client.resource('node', item).to_dict(),
                                  names, formatters) for item in items]


class ShowNode(common.ShowOne):
    """Show a node"""

    def arguments(self, parser):
        parser.add_argument('--details', default=False, action='store_true',
                            help='Include what the cloud says of its resource')
        parser.add_argument('node', metavar='<node>',
                            help='Name or ID of the node')

    def take_action(self, parsed_args):
        return show(self.client, parsed_args.node, parsed_args.details)


class CreateNode(common.ShowOne):
    """Create a node"""

    def arguments(self, parser):
        parser.add_argument('--cluster', metavar='<cluster>',
                            help='Name or ID of the cluster it joins')
        parser.add_argument('--role', metavar='<role>',
                            help='Its role in the cluster')
        parser.add_argument(
            '--metadata', metavar='<"key1=value1;key2=value2...">',
            action='append',
            help='Metadata of the node; repeat it, or separate pairs with a '
                 'semicolon')
        parser.add_argument('--profile', metavar='<profile>', required=True,
                            help='Name or ID of its profile')
        parser.add_argument('name', metavar='<node-name>',
                            help='Name of the new node')
        common.add_wait(parser, what='the node is made')
        common.add_idempotency_key(parser)

    def take_action(self, parsed_args):
        body = {'node': {
            'name': parsed_args.name, 'cluster_id': parsed_args.cluster,
            'profile_id': parsed_args.profile, 'role': parsed_args.role,
            'metadata': common.parse_pairs(parsed_args.metadata)}}
        answer = self.client.request(
            'POST', '/nodes', body,
            idempotency_key=common.idempotency_key(parsed_args))
        return wait_and_show(self, parsed_args, answer)


class UpdateNode(common.ShowOne):
    """Change a node: name, profile, role, metadata or tainted mark"""

    def arguments(self, parser):
        parser.add_argument('--name', metavar='<name>',
                            help='New name of the node')
        parser.add_argument('--profile', metavar='<profile>',
                            help='Name or ID of its new profile')
        parser.add_argument('--role', metavar='<role>',
                            help='Its new role in the cluster')
        parser.add_argument(
            '--metadata', metavar='<"key1=value1;key2=value2...">',
            action='append',
            help="New metadata (replaces the old); '{}' clears it")
        parser.add_argument('--tainted', metavar='<boolean>', type=common.boolean,
                            help='Mark the node as the first to go in the next '
                                 'scale-in (true) or not (false)')
        parser.add_argument('node', metavar='<node>',
                            help='Name or ID of the node')
        common.add_wait(parser, what='the update')
        common.add_idempotency_key(parser)

    def take_action(self, parsed_args):
        changes = {}
        for option, key in (('name', 'name'), ('role', 'role'),
                            ('profile', 'profile_id'), ('tainted', 'tainted')):
            value = getattr(parsed_args, option)
            if value is not None:
                changes[key] = value
        if parsed_args.metadata is not None:
            changes['metadata'] = common.parse_pairs(parsed_args.metadata)
        if 'tainted' in changes:
            self.client.require((1, 13), '--tainted')
        answer = self.client.request(
            'PATCH', client_module.path('/nodes', parsed_args.node),
            {'node': changes},
            idempotency_key=common.idempotency_key(parsed_args))
        if parsed_args.wait and answer.action_id:
            from clusterdclient import waiting
            waiting.Waiter(self.client, parsed_args).wait(answer.action_id)
        return show(self.client, answer.body['node']['id'])


class DeleteNode(common.Command):
    """Delete nodes"""

    def arguments(self, parser):
        parser.add_argument('node', metavar='<node>', nargs='+',
                            help='Name or ID of the nodes to delete')
        parser.add_argument('--force-delete', action='store_true',
                            help='Delete even a node that is busy (API 1.8)')
        parser.add_argument('--force', action='store_true',
                            help='Do not ask for confirmation')
        common.add_wait(parser, what='the nodes are gone')
        common.add_idempotency_key(parser)

    def take_action(self, parsed_args):
        if not common.confirm_delete(parsed_args, 'node'):
            return
        body = None
        if parsed_args.force_delete:
            self.client.require((1, 8), '--force-delete')
            body = {'force': True}
        accepted, failed = cluster_commands.delete_all(
            self.client, '/nodes', parsed_args.node, body, parsed_args)
        failed += cluster_commands.wait_all(self.client, parsed_args, accepted)
        if failed:
            raise exceptions.CommandError(
                'Failed to delete %d of the %d specified node(s).' % (
                    failed, len(parsed_args.node)))
