"""``cluster resize``, ``expand`` (scale out) and ``shrink`` (scale in)."""

from osc_lib import exceptions

from clusterdclient import client as client_module
from clusterdclient import common
from clusterdclient.v1 import cluster as cluster_commands


def run_action(command, parsed_args, name, inputs, show_after=True):
    """POST one cluster action; print the action; --wait, --dry-run.

    A refusal raises the server's message (exit 1).
    """
    client = command.client
    path = client_module.path('/clusters', parsed_args.cluster, 'actions')
    if getattr(parsed_args, 'dry_run', False):
        return cluster_commands.dry_run(
            client, 'POST', path, {name: dict(inputs, dry_run=True)}, parsed_args)
    answer = client.request('POST', path, {name: inputs},
                            idempotency_key=common.idempotency_key(parsed_args))
    common.print_accepted(answer.action_id, parsed_args)
    if parsed_args.wait:
        from clusterdclient import waiting
        waiting.Waiter(client, parsed_args).wait(answer.action_id)
        if show_after:
            return cluster_commands.show(client, parsed_args.cluster)
    return (), ()


def add_action_options(parser, what, dry_run=True):
    parser.add_argument('cluster', metavar='<cluster>',
                        help='Name or ID of the cluster')
    common.add_wait(parser, what=what)
    common.add_idempotency_key(parser)
    if dry_run:
        common.add_dry_run(parser)


class ResizeCluster(common.ShowOne):
    """Resize a cluster: to a capacity, by a number or a percentage of nodes,
    and/or change its size limits"""

    def arguments(self, parser):
        parser.add_argument('--capacity', metavar='<capacity>', type=int,
                            help='The number of nodes the cluster should have')
        parser.add_argument('--adjustment', metavar='<adjustment>', type=int,
                            help='Nodes to add (positive) or remove (negative)')
        parser.add_argument('--percentage', metavar='<percentage>', type=float,
                            help='Change the size by this percentage (positive '
                                 'or negative)')
        parser.add_argument('--min-step', metavar='<min-step>', type=int,
                            help='With --percentage: change by at least this '
                                 'many nodes')
        parser.add_argument('--strict', action='store_true', default=False,
                            help='Refuse a size beyond the limits instead of '
                                 'clipping it')
        parser.add_argument('--min-size', metavar='min', type=int,
                            help='New smallest size of the cluster')
        parser.add_argument('--max-size', metavar='max', type=int,
                            help='New largest size of the cluster (-1: no '
                                 'limit)')
        add_action_options(parser, 'the resize')

    def take_action(self, parsed_args):
        return run_action(self, parsed_args, 'resize', resize_inputs(parsed_args))


def resize_inputs(args):
    """The body of a resize, after the checks python-senlinclient made."""
    ways = [value for value in (args.capacity, args.adjustment, args.percentage)
            if value is not None]
    if not ways and args.min_size is None and args.max_size is None:
        raise exceptions.CommandError(
            'Give --capacity, --adjustment, --percentage, --min-size or '
            '--max-size.')
    if len(ways) > 1:
        raise exceptions.CommandError(
            'Give only one of --capacity, --adjustment and --percentage.')
    inputs = {'adjustment_type': None, 'number': None}
    if args.capacity is not None:
        if args.capacity < 0:
            raise exceptions.CommandError('The capacity cannot be negative.')
        inputs.update(adjustment_type='EXACT_CAPACITY', number=args.capacity)
    if args.adjustment is not None:
        if args.adjustment == 0:
            raise exceptions.CommandError('The adjustment cannot be zero.')
        inputs.update(adjustment_type='CHANGE_IN_CAPACITY',
                      number=args.adjustment)
    if args.percentage is not None:
        if args.percentage == 0:
            raise exceptions.CommandError('The percentage cannot be zero.')
        inputs.update(adjustment_type='CHANGE_IN_PERCENTAGE',
                      number=args.percentage)
    if args.min_step is not None and args.percentage is None:
        raise exceptions.CommandError('--min-step goes with --percentage only.')
    max_size = args.max_size
    if args.min_size is not None:
        if args.min_size < 0:
            raise exceptions.CommandError('The min size cannot be negative.')
        if max_size is not None and max_size >= 0 and args.min_size > max_size:
            raise exceptions.CommandError(
                'The min size cannot be larger than the max size.')
        if args.capacity is not None and args.min_size > args.capacity:
            raise exceptions.CommandError(
                'The min size cannot be larger than the capacity.')
    if max_size is not None:
        if args.capacity is not None and 0 < max_size < args.capacity:
            raise exceptions.CommandError(
                'The max size cannot be less than the capacity.')
        max_size = max(max_size, -1)
    inputs.update(min_size=args.min_size, max_size=max_size,
                  min_step=args.min_step, strict=args.strict)
    return inputs


class _Scale(common.ShowOne):
    ACTION = WHAT = None

    def arguments(self, parser):
        parser.add_argument('--count', metavar='<count>',
                            type=common.positive_int,
                            help='Number of nodes to %s' % self.WHAT)
        add_action_options(parser, 'the scaling')

    def take_action(self, parsed_args):
        inputs = {}
        if parsed_args.count is not None:
            inputs['count'] = parsed_args.count
        return run_action(self, parsed_args, self.ACTION, inputs)


class ScaleOutCluster(_Scale):
    """Add nodes to a cluster (scale out)"""
    ACTION, WHAT = 'scale_out', 'add (default: 1, or what a scaling policy says)'


class ScaleInCluster(_Scale):
    """Remove nodes from a cluster (scale in)"""
    ACTION, WHAT = 'scale_in', 'remove (default: 1, or what a scaling policy ' \
        'says)'
