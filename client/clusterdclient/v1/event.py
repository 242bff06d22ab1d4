"""``cluster event list`` and ``show``."""

from clusterdclient import client as client_module
from clusterdclient import common
from clusterdclient import output


class ListEvent(common.Lister):
    """List events"""

    def arguments(self, parser):
        common.add_list_options(
            parser, 'events',
            filter_keys=['level', 'otype', 'oid', 'cluster_id', 'oname',
                         'action'],
            sort_keys=['timestamp', 'level', 'oid', 'otype', 'oname', 'action',
                       'status'])

    def take_action(self, parsed_args):
        names = ['id', 'generated_at', 'obj_type', 'obj_id', 'obj_name',
                 'action', 'status', 'level', 'cluster_id', 'meta_data']
        if parsed_args.global_project:
            names.append('project_id')
        formatters = {} if parsed_args.full_id else {
            'id': output.short, 'obj_id': output.short_or_empty,
            'cluster_id': output.short_or_empty, 'project_id': output.short}
        items = common.list_items(self.client, '/events', 'events', parsed_args)
        return names, [output.row(self.client.resource('event', item)
                                  .to_dict(), names, formatters)
                       for item in items]


class ShowEvent(common.ShowOne):
    """Show an event"""

    def arguments(self, parser):
        parser.add_argument('event', metavar='<event>', help='ID of the event')

    def take_action(self, parsed_args):
        body = self.client.get(client_module.path('/events', parsed_args.event))
        return output.show(self.client.resource('event', body['event'])
                           .to_dict())
