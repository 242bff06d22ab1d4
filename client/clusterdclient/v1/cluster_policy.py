"""``cluster policy attach``, ``detach`` and ``binding list/show/update``."""

from clusterdclient import client as client_module
from clusterdclient import common
from clusterdclient import output
from clusterdclient.v1 import cluster_scaling


def _policy_option(parser, what):
    parser.add_argument('--policy', metavar='<policy>', required=True,
                        help='Name or ID of the policy %s' % what)


class AttachPolicy(common.Command):
    """Attach a policy to a cluster"""

    def arguments(self, parser):
        parser.add_argument('--enabled', metavar='<boolean>', default=True,
                            type=common.boolean,
                            help='Enable the policy at once (default true)')
        _policy_option(parser, 'to attach')
        cluster_scaling.add_action_options(parser, 'the policy is attached',
                                           dry_run=False)

    def take_action(self, parsed_args):
        cluster_scaling.run_action(
            self, parsed_args, 'policy_attach',
            {'policy_id': parsed_args.policy, 'enabled': parsed_args.enabled},
            show_after=False)


class DetachPolicy(common.Command):
    """Detach a policy from a cluster"""

    def arguments(self, parser):
        _policy_option(parser, 'to detach')
        cluster_scaling.add_action_options(parser, 'the policy is detached',
                                           dry_run=False)

    def take_action(self, parsed_args):
        cluster_scaling.run_action(self, parsed_args, 'policy_detach',
                                   {'policy_id': parsed_args.policy},
                                   show_after=False)


class UpdateBinding(common.Command):
    """Enable or disable a policy attached to a cluster"""

    def arguments(self, parser):
        _policy_option(parser, 'to change')
        parser.add_argument('--enabled', metavar='<boolean>', required=True,
                            type=common.boolean,
                            help='Whether the policy is enabled')
        cluster_scaling.add_action_options(parser, 'the change is made',
                                           dry_run=False)

    def take_action(self, parsed_args):
        cluster_scaling.run_action(
            self, parsed_args, 'policy_update',
            {'policy_id': parsed_args.policy, 'enabled': parsed_args.enabled},
            show_after=False)


class ListBinding(common.Lister):
    """List the policies attached to a cluster"""

    def arguments(self, parser):
        common.add_list_options(
            parser, 'policies', filter_keys=['is_enabled', 'policy_type',
                                             'policy_name'],
            sort_keys=['enabled'], global_project=False, paging=False)
        parser.add_argument('cluster', metavar='<cluster>',
                            help='Name or ID of the cluster')

    def take_action(self, parsed_args):
        names = ['policy_id', 'policy_name', 'policy_type', 'is_enabled']
        formatters = common.short_ids(parsed_args, ['policy_id'])
        items = common.list_items(
            self.client, client_module.path('/clusters', parsed_args.cluster,
                                            'policies'),
            'cluster_policies', parsed_args)
        return names, [output.row(self.client.resource('cluster_policy', item)
                                  .to_dict(), names, formatters)
                       for item in items]


class ShowBinding(common.ShowOne):
    """Show a policy attached to a cluster"""

    def arguments(self, parser):
        _policy_option(parser, 'attached')
        parser.add_argument('cluster', metavar='<cluster>',
                            help='Name or ID of the cluster')

    def take_action(self, parsed_args):
        body = self.client.get(client_module.path(
            '/clusters', parsed_args.cluster, 'policies', parsed_args.policy))
        return output.show(self.client.resource(
            'cluster_policy', body['cluster_policy']).to_dict())
