"""``cluster members``: list, add, del, replace."""

from osc_lib import exceptions

from clusterdclient import common
from clusterdclient import output
from clusterdclient.v1 import cluster_scaling


class ListMembers(common.Lister):
    """List the nodes of a cluster"""

    def arguments(self, parser):
        common.add_list_options(
            parser, 'nodes', filter_keys=['status', 'name'],
            sort_keys=['index', 'name', 'status', 'init_at', 'created_at',
                       'updated_at'], global_project=False,
            filters_metavar='<key1=value1;key2=value2...>')
        parser.add_argument('cluster', metavar='<cluster>',
                            help='Name or ID of the cluster')

    def take_action(self, parsed_args):
        names = ['id', 'name', 'index', 'status', 'physical_id', 'created_at']
        formatters = {} if parsed_args.full_id else {
            'id': output.short, 'physical_id': output.short_or_empty}
        items = common.list_items(self.client, '/nodes', 'nodes', parsed_args,
                                  cluster_id=parsed_args.cluster)
        return names, [output.row(self.client.resource('node', item).to_dict(),
                                  names, formatters) for item in items]


def _node_list(text):
    return [name for name in text.split(',') if name]


class AddMembers(common.ShowOne):
    """Add existing nodes to a cluster"""

    def arguments(self, parser):
        parser.add_argument('--nodes', metavar='<nodes>', required=True,
                            help='Names or IDs of the nodes, separated by commas')
        cluster_scaling.add_action_options(parser, 'the nodes are added',
                                           dry_run=False)

    def take_action(self, parsed_args):
        return cluster_scaling.run_action(
            self, parsed_args, 'add_nodes',
            {'nodes': _node_list(parsed_args.nodes)})


class DeleteMembers(common.ShowOne):
    """Take nodes out of a cluster"""

    def arguments(self, parser):
        parser.add_argument('--nodes', metavar='<nodes>', required=True,
                            help='Names or IDs of the nodes, separated by commas')
        parser.add_argument('-d', '--destroy-after-deletion', default=False,
                            type=common.boolean,
                            help='Also delete the nodes (default false: they '
                                 'stay, outside the cluster)')
        cluster_scaling.add_action_options(parser, 'the nodes are out')

    def take_action(self, parsed_args):
        return cluster_scaling.run_action(
            self, parsed_args, 'del_nodes',
            {'nodes': _node_list(parsed_args.nodes),
             'destroy_after_deletion': parsed_args.destroy_after_deletion})


class ReplaceMembers(common.ShowOne):
    """Replace nodes of a cluster by other nodes (API 1.3)"""

    def arguments(self, parser):
        parser.add_argument(
            '--nodes', metavar='<OLD_NODE1=NEW_NODE1>', required=True,
            action='append',
            help='A node of the cluster and the node to take its place, as '
                 'OLD=NEW; repeat it, or separate pairs with commas')
        cluster_scaling.add_action_options(parser, 'the nodes are replaced')

    def take_action(self, parsed_args):
        self.client.require((1, 3), 'openstack cluster members replace')
        pairs = {}
        for value in parsed_args.nodes:
            for pair in filter(None, value.split(',')):
                old, sep, new = pair.partition('=')
                if not sep or not old or not new:
                    raise exceptions.CommandError(
                        "Malformed node pair '%s': use OLD_NODE=NEW_NODE." % pair)
                pairs[old] = new
        return cluster_scaling.run_action(self, parsed_args, 'replace_nodes',
                                          {'nodes': pairs})
