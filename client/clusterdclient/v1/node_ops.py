"""``cluster node check``, ``recover``, ``op`` and ``adopt``."""

from osc_lib import exceptions

from clusterdclient import client as client_module
from clusterdclient import common
from clusterdclient import output
from clusterdclient.v1 import cluster as cluster_commands
from clusterdclient.v1 import node as node_commands


def act_on_each(command, parsed_args, name, inputs):
    """POST the same action to each node; print each acceptance; --wait."""
    client = command.client
    targets = parsed_args.node
    many = len(targets) > 1
    accepted, failed = {}, 0
    for target in targets:
        try:
            answer = client.request(
                'POST', client_module.path('/nodes', target, 'actions'),
                {name: inputs},
                idempotency_key=common.idempotency_key(parsed_args, target, many))
        except exceptions.CommandError as exc:
            if not many:
                raise
            failed += 1
            print('Node %s request on node %s failed: %s' % (name, target, exc))
            continue
        accepted[target] = answer.action_id
        print('Node %s request on node %s is accepted by action %s.' % (
            name, target, answer.action_id))
    failed += cluster_commands.wait_all(client, parsed_args, accepted)
    if failed:
        raise exceptions.CommandError('The %s of %d of the %d nodes failed.' % (
            name, failed, len(targets)))


def _nodes_argument(parser):
    parser.add_argument('node', metavar='<node>', nargs='+',
                        help='Name or ID of the nodes')


class CheckNode(common.Command):
    """Check the health of nodes"""

    def arguments(self, parser):
        _nodes_argument(parser)
        common.add_wait(parser, what='the checks')
        common.add_idempotency_key(parser)

    def take_action(self, parsed_args):
        act_on_each(self, parsed_args, 'check', {})


class RecoverNode(common.Command):
    """Recover nodes in error"""

    def arguments(self, parser):
        parser.add_argument('--check', metavar='<boolean>', default=False,
                            type=common.boolean,
                            help='Check the nodes first (default false)')
        _nodes_argument(parser)
        common.add_wait(parser, what='the recoveries')
        common.add_idempotency_key(parser)

    def take_action(self, parsed_args):
        act_on_each(self, parsed_args, 'recover', {'check': parsed_args.check})


class NodeOperation(common.Lister):
    """Run a profile operation (reboot, stop...) on a node (API 1.4)"""

    def arguments(self, parser):
        parser.add_argument('--operation', metavar='<operation>', required=True,
                            help='The operation, e.g. reboot')
        parser.add_argument(
            '--params', metavar='<key1=value1;key2=value2...>', action='append',
            help='Parameters of the operation; repeat it, or separate pairs '
                 'with a semicolon')
        parser.add_argument('node', metavar='<node>',
                            help='Name or ID of the node')
        common.add_wait(parser, what='the operation')
        common.add_idempotency_key(parser)

    def take_action(self, parsed_args):
        self.client.require((1, 4), 'openstack cluster node op')
        answer = self.client.request(
            'POST', client_module.path('/nodes', parsed_args.node, 'ops'),
            {parsed_args.operation: common.parse_pairs(parsed_args.params)},
            idempotency_key=common.idempotency_key(parsed_args))
        common.print_accepted(answer.action_id, parsed_args)
        if parsed_args.wait:
            from clusterdclient import waiting
            waiting.Waiter(self.client, parsed_args).wait(answer.action_id)
        return (), ()


class AdoptNode(common.ShowOne):
    """Adopt a resource the service did not create as a node, or preview the
    profile it would get (API 1.7)"""

    def arguments(self, parser):
        parser.add_argument('--identity', metavar='<identity>', required=True,
                            help='ID of the resource (e.g. the server)')
        parser.add_argument('--type', metavar='<type>', required=True,
                            help='Profile type, e.g. os.nova.server-1.0')
        parser.add_argument('--role', metavar='<role>',
                            help='Role of the node')
        parser.add_argument(
            '--metadata', metavar='<"key1=value1;key2=value2...">',
            action='append',
            help='Metadata of the node; repeat it, or separate pairs with a '
                 'semicolon')
        parser.add_argument('--name', metavar='<node-name>',
                            help='Name of the node')
        parser.add_argument('--overrides', metavar='<json>',
                            help='Profile properties to override, as JSON')
        parser.add_argument('--preview', default=False, action='store_true',
                            help='Only show the profile the node would get')
        parser.add_argument('--snapshot', default=False, action='store_true',
                            help='Snapshot the resource before adopting it')
        common.add_idempotency_key(parser)

    def take_action(self, parsed_args):
        self.client.require((1, 7), 'openstack cluster node adopt')
        body = {'identity': parsed_args.identity,
                'overrides': common.parse_json(parsed_args.overrides),
                'snapshot': parsed_args.snapshot, 'type': parsed_args.type}
        if parsed_args.preview:
            answer = self.client.request('POST', '/nodes/adopt-preview', body)
            return output.show(answer.body['node_profile'])
        body.update(name=parsed_args.name, role=parsed_args.role,
                    metadata=common.parse_pairs(parsed_args.metadata))
        answer = self.client.request(
            'POST', '/nodes/adopt', body,
            idempotency_key=common.idempotency_key(parsed_args))
        return node_commands.render(self.client, answer.body['node'])
