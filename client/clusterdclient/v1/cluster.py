"""``cluster list``, ``show``, ``create``, ``update`` and ``delete``."""

from osc_lib import exceptions

from clusterdclient import client as client_module
from clusterdclient import common
from clusterdclient import output

FORMATTERS = {'config': output.json_text, 'metadata': output.json_text,
              'node_ids': output.lines}


def render(client, body):
    return output.show(client.resource('cluster', body).to_dict(), FORMATTERS,
                       drop=('is_profile_only',))


def show(client, cluster):
    """(columns, values) of a cluster read now."""
    return render(client, client.get(client_module.path('/clusters', cluster))
                  ['cluster'])


def show_plan(body):
    """A dry run's answer: the plan, a row per part (structures in -f json)."""
    plan = body
    if isinstance(plan, dict) and len(plan) == 1:
        (only,) = plan.values()
        if isinstance(only, dict):
            plan = only
    if not isinstance(plan, dict):
        plan = {'plan': plan}
    names = sorted(plan)
    return names, tuple(output.Structure(plan[name]) if isinstance(
        plan[name], (dict, list)) else plan[name] for name in names)


def dry_run(client, method, path, body, parsed_args):
    """Send ``body`` with ``dry_run`` (API 1.16) and show the plan."""
    client.require(client_module.DRY_RUN, '--dry-run')
    answer = client.request(method, path, body,
                            idempotency_key=common.idempotency_key(parsed_args))
    return show_plan(answer.body)


class ListCluster(common.Lister):
    """List clusters"""

    def arguments(self, parser):
        common.add_list_options(
            parser, 'clusters', filter_keys=['status', 'name'],
            sort_keys=['name', 'status', 'init_at', 'created_at', 'updated_at'])

    def take_action(self, parsed_args):
        names = ['id', 'name', 'status', 'created_at', 'updated_at']
        if parsed_args.global_project:
            names.append('project_id')
        formatters = common.short_ids(parsed_args, ['id', 'project_id'])
        items = common.list_items(self.client, '/clusters', 'clusters',
                                  parsed_args)
        return names, [output.row(self.client.resource('cluster', item)
                                  .to_dict(), names, formatters)
                       for item in items]


class ShowCluster(common.ShowOne):
    """Show a cluster"""

    def arguments(self, parser):
        parser.add_argument('cluster', metavar='<cluster>',
                            help='Name or ID of the cluster')

    def take_action(self, parsed_args):
        return show(self.client, parsed_args.cluster)


class CreateCluster(common.ShowOne):
    """Create a cluster"""

    def arguments(self, parser):
        parser.add_argument(
            '--config', metavar='<"key1=value1;key2=value2...">',
            action='append',
            help='Configuration of the cluster; repeat it, or separate pairs '
                 'with a semicolon')
        parser.add_argument('--min-size', metavar='<min-size>', type=int,
                            default=0,
                            help='Smallest size of the cluster (default 0)')
        parser.add_argument('--max-size', metavar='<max-size>', type=int,
                            default=-1,
                            help='Largest size of the cluster (default -1: no '
                                 'limit)')
        parser.add_argument('--desired-capacity', metavar='<desired-capacity>',
                            type=int,
                            help='Number of nodes to create (default: the '
                                 'min size)')
        parser.add_argument('--timeout', metavar='<timeout>', type=int,
                            help="Timeout of the cluster's actions, in seconds")
        parser.add_argument(
            '--metadata', metavar='<"key1=value1;key2=value2...">',
            action='append',
            help='Metadata of the cluster; repeat it, or separate pairs with '
                 'a semicolon')
        parser.add_argument('--profile', metavar='<profile>', required=True,
                            help='Name or ID of the profile of its nodes')
        parser.add_argument('name', metavar='<cluster-name>',
                            help='Name of the new cluster')
        common.add_wait(parser, timeout_flag=False, what='the cluster is made')
        common.add_idempotency_key(parser)

    def take_action(self, parsed_args):
        desired = parsed_args.desired_capacity
        if desired is None:
            desired = parsed_args.min_size
        body = {'cluster': {
            'name': parsed_args.name, 'profile_id': parsed_args.profile,
            'min_size': parsed_args.min_size, 'max_size': parsed_args.max_size,
            'desired_capacity': desired,
            'metadata': common.parse_pairs(parsed_args.metadata),
            'config': common.parse_pairs(parsed_args.config),
            'timeout': parsed_args.timeout}}
        made = self.client.request(
            'POST', '/clusters', body,
            idempotency_key=common.idempotency_key(parsed_args))
        cluster = made.body['cluster']
        if parsed_args.wait and made.action_id:
            from clusterdclient import waiting
            waiting.Waiter(self.client, parsed_args).wait(made.action_id)
            return show(self.client, cluster['id'])
        return render(self.client, cluster)


class UpdateCluster(common.ShowOne):
    """Change a cluster: name, profile, timeout, metadata or configuration"""

    def arguments(self, parser):
        parser.add_argument(
            '--config', metavar='<"key1=value1;key2=value2...">',
            action='append',
            help='New configuration (replaces the old); repeat it, or '
                 'separate pairs with a semicolon')
        parser.add_argument('--profile', metavar='<profile>',
                            help='Name or ID of the new profile of its nodes')
        parser.add_argument(
            '--profile-only', default=False, metavar='<boolean>',
            type=common.boolean,
            help='With --profile: true changes only the profile new nodes get; '
                 'false (the default) updates every node too')
        parser.add_argument('--timeout', metavar='<timeout>', type=int,
                            help="New timeout of the cluster's actions, in "
                                 "seconds")
        parser.add_argument(
            '--metadata', metavar='<"key1=value1;key2=value2...">',
            action='append',
            help="New metadata (replaces the old); '{}' clears it")
        parser.add_argument('--name', metavar='<name>',
                            help='New name of the cluster')
        parser.add_argument('cluster', metavar='<cluster>',
                            help='Name or ID of the cluster')
        common.add_wait(parser, timeout_flag=False, what='the update')
        common.add_idempotency_key(parser)
        common.add_dry_run(parser)

    def take_action(self, parsed_args):
        changes = {}
        if parsed_args.name is not None:
            changes['name'] = parsed_args.name
        if parsed_args.profile is not None:
            changes['profile_id'] = parsed_args.profile
            changes['profile_only'] = parsed_args.profile_only
        if parsed_args.timeout is not None:
            changes['timeout'] = parsed_args.timeout
        if parsed_args.config is not None:
            changes['config'] = common.parse_pairs(parsed_args.config)
        if parsed_args.metadata is not None:
            changes['metadata'] = common.parse_pairs(parsed_args.metadata)
        path = client_module.path('/clusters', parsed_args.cluster)
        if parsed_args.dry_run:
            changes['dry_run'] = True
            return dry_run(self.client, 'PATCH', path, {'cluster': changes},
                           parsed_args)
        done = self.client.request(
            'PATCH', path, {'cluster': changes},
            idempotency_key=common.idempotency_key(parsed_args))
        cluster = done.body['cluster']
        if parsed_args.wait and done.action_id:
            from clusterdclient import waiting
            waiting.Waiter(self.client, parsed_args).wait(done.action_id)
        return show(self.client, cluster['id'])


class DeleteCluster(common.Command):
    """Delete clusters (and their nodes)"""

    def arguments(self, parser):
        parser.add_argument('cluster', metavar='<cluster>', nargs='+',
                            help='Name or ID of the clusters to delete')
        parser.add_argument('--force-delete', action='store_true',
                            help='Delete even a cluster that is busy (API 1.8)')
        parser.add_argument('--force', action='store_true',
                            help='Do not ask for confirmation')
        common.add_wait(parser, what='the clusters are gone')
        common.add_idempotency_key(parser)

    def take_action(self, parsed_args):
        if not common.confirm_delete(parsed_args, 'cluster'):
            return
        body = None
        if parsed_args.force_delete:
            self.client.require((1, 8), '--force-delete')
            body = {'force': True}
        accepted, failed = delete_all(self.client, '/clusters',
                                      parsed_args.cluster, body, parsed_args)
        failed += wait_all(self.client, parsed_args, accepted)
        if failed:
            raise exceptions.CommandError(
                'Failed to delete %d of the %d specified cluster(s).' % (
                    failed, len(parsed_args.cluster)))


def delete_all(client, prefix, targets, body, parsed_args):
    """DELETE each target; print senlinclient's line for each.

    :returns: ({target: action id}, number refused)
    """
    many = len(targets) > 1
    accepted, failed = {}, 0
    for target in targets:
        try:
            answer = client.request(
                'DELETE', client_module.path(prefix, target), body,
                idempotency_key=common.idempotency_key(parsed_args, target, many))
        except exceptions.CommandError as exc:
            if not many:
                raise       # one target: its reason is the one line printed
            failed += 1
            print(" %s: failed due to '%s'" % (target, exc))
            continue
        accepted[target] = answer.action_id
        print(' %s: accepted by action %s' % (target, answer.action_id))
    return accepted, failed


def wait_all(client, parsed_args, actions):
    """With --wait, wait for each action; print why one failed.

    :returns: the number that failed
    """
    if not parsed_args.wait:
        return 0
    from clusterdclient import waiting
    waiter = waiting.Waiter(client, parsed_args)
    failed = 0
    for target, action_id in actions.items():
        if not action_id:
            continue
        try:
            waiter.wait(action_id)
        except exceptions.CommandError as exc:
            if len(actions) == 1:
                raise
            failed += 1
            print(' %s: %s' % (target, exc))
    return failed
