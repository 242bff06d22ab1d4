"""``cluster check``, ``recover``, ``collect`` and ``op``."""

from osc_lib import exceptions

from clusterdclient import client as client_module
from clusterdclient import common
from clusterdclient import output
from clusterdclient.v1 import cluster_scaling

SUMMARY = ['ID', 'Name', 'Status', 'Status Reason']


def act_on_each(command, parsed_args, name, inputs):
    """POST the same action to each cluster; print each acceptance.

    One cluster: a refusal is the error.  Several: a refusal is printed and
    the command fails at the end.  With --wait, then a summary of each.
    """
    client = command.client
    targets = parsed_args.cluster
    many = len(targets) > 1
    accepted, failed = {}, 0
    for target in targets:
        try:
            answer = client.request(
                'POST', client_module.path('/clusters', target, 'actions'),
                {name: inputs},
                idempotency_key=common.idempotency_key(parsed_args, target, many))
        except exceptions.CommandError as exc:
            if not many:
                raise
            failed += 1
            print('Cluster %s request on cluster %s failed: %s' % (
                name, target, exc))
            continue
        accepted[target] = answer.action_id
        common.say('Cluster %s request on cluster %s is accepted by action %s.'
                   % (name, target, answer.action_id), parsed_args)
    if parsed_args.wait and accepted:
        from clusterdclient.v1 import cluster as cluster_commands
        failed += cluster_commands.wait_all(client, parsed_args, accepted)
    if failed:
        raise exceptions.CommandError('The %s of %d of the %d clusters failed.'
                                      % (name, failed, len(targets)))
    if not parsed_args.wait:
        return (), ()
    rows = []
    for target in accepted:
        body = client.get(client_module.path('/clusters', target))['cluster']
        rows.append(output.row(client.resource('cluster', body).to_dict(),
                               SUMMARY))
    return SUMMARY, rows


class CheckCluster(common.Lister):
    """Check the health of clusters' nodes"""

    def arguments(self, parser):
        parser.add_argument('cluster', metavar='<cluster>', nargs='+',
                            help='Name or ID of the clusters')
        common.add_wait(parser, what='the checks')
        common.add_idempotency_key(parser)

    def take_action(self, parsed_args):
        return act_on_each(self, parsed_args, 'check', {})


class RecoverCluster(common.Lister):
    """Recover clusters' nodes that are in error"""

    def arguments(self, parser):
        parser.add_argument('cluster', metavar='<cluster>', nargs='+',
                            help='Name or ID of the clusters')
        parser.add_argument('--check', metavar='<boolean>', default=False,
                            type=common.boolean,
                            help='Check the nodes first (default false)')
        common.add_wait(parser, what='the recoveries')
        common.add_idempotency_key(parser)

    def take_action(self, parsed_args):
        return act_on_each(self, parsed_args, 'recover',
                           {'check': parsed_args.check})


class CollectCluster(common.Lister):
    """Collect an attribute of every node of a cluster (API 1.2)"""

    def arguments(self, parser):
        parser.add_argument('--full-id', default=False, action='store_true',
                            help='Print full IDs')
        parser.add_argument('--path', metavar='<path>', required=True,
                            help='JSON path of the attribute, e.g. '
                                 'details.addresses')
        parser.add_argument('cluster', metavar='<cluster>',
                            help='Name or ID of the cluster')

    def take_action(self, parsed_args):
        self.client.require((1, 2), 'openstack cluster collect')
        items = self.client.get(client_module.path(
            '/clusters', parsed_args.cluster, 'attrs', parsed_args.path))
        names = ['node_id', 'attr_value']
        formatters = common.short_ids(parsed_args, ['node_id'])
        return names, [output.row(self.client.resource('cluster_attr', item)
                                  .to_dict(), names, formatters)
                       for item in items['cluster_attributes']]


class ClusterOperation(common.ShowOne):
    """Run a profile operation (reboot, stop...) on every node of a cluster
    (API 1.4)"""

    def arguments(self, parser):
        parser.add_argument('--operation', metavar='<operation>', required=True,
                            help='The operation, e.g. reboot')
        parser.add_argument(
            '--params', metavar='<key1=value1;key2=value2...>', action='append',
            help='Parameters of the operation; repeat it, or separate pairs '
                 'with a semicolon')
        cluster_scaling.add_action_options(parser, 'the operation',
                                           dry_run=False)

    def take_action(self, parsed_args):
        self.client.require((1, 4), 'openstack cluster op')
        answer = self.client.request(
            'POST', client_module.path('/clusters', parsed_args.cluster, 'ops'),
            {parsed_args.operation: common.parse_pairs(parsed_args.params)},
            idempotency_key=common.idempotency_key(parsed_args))
        common.print_accepted(answer.action_id, parsed_args)
        if parsed_args.wait:
            from clusterdclient import waiting
            from clusterdclient.v1 import cluster as cluster_commands
            waiting.Waiter(self.client, parsed_args).wait(answer.action_id)
            return cluster_commands.show(self.client, parsed_args.cluster)
        return (), ()
