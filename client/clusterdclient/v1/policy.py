"""``cluster policy``: list, show, create, update, delete, validate."""

from clusterdclient import client as client_module
from clusterdclient import common
from clusterdclient import output

FORMATTERS = {'spec': output.json_text}


def show(client, body):
    return output.show(client.resource('policy', body).to_dict(), FORMATTERS)


class ListPolicy(common.Lister):
    """List policies"""

    def arguments(self, parser):
        common.add_list_options(
            parser, 'policies', filter_keys=['type', 'name'],
            sort_keys=['type', 'name', 'created_at', 'updated_at'])

    def take_action(self, parsed_args):
        names = ['id', 'name', 'type', 'created_at']
        if parsed_args.global_project:
            names.append('project_id')
        formatters = common.short_ids(parsed_args, ['id', 'project_id'])
        items = common.list_items(self.client, '/policies', 'policies',
                                  parsed_args)
        return names, [output.row(self.client.resource('policy', item)
                                  .to_dict(), names, formatters)
                       for item in items]


class ShowPolicy(common.ShowOne):
    """Show a policy"""

    def arguments(self, parser):
        parser.add_argument('policy', metavar='<policy>',
                            help='Name or ID of the policy')

    def take_action(self, parsed_args):
        body = self.client.get(client_module.path('/policies',
                                                  parsed_args.policy))
        return show(self.client, body['policy'])


class CreatePolicy(common.ShowOne):
    """Create a policy from a spec file"""

    def arguments(self, parser):
        parser.add_argument('--spec-file', metavar='<spec-file>', required=True,
                            help='The policy spec (YAML)')
        common.add_idempotency_key(parser)
        parser.add_argument('name', metavar='<name>',
                            help='Name of the new policy')

    def take_action(self, parsed_args):
        from clusterdclient import specs
        body = {'policy': {'name': parsed_args.name,
                           'spec': specs.load(parsed_args.spec_file)}}
        made = self.client.request(
            'POST', '/policies', body,
            idempotency_key=common.idempotency_key(parsed_args))
        return show(self.client, made.body['policy'])


class UpdatePolicy(common.ShowOne):
    """Rename a policy"""

    def arguments(self, parser):
        parser.add_argument('--name', metavar='<name>',
                            help='New name of the policy')
        common.add_idempotency_key(parser)
        parser.add_argument('policy', metavar='<policy>',
                            help='Name or ID of the policy')

    def take_action(self, parsed_args):
        changes = {}
        if parsed_args.name is not None:
            changes['name'] = parsed_args.name
        done = self.client.request(
            'PATCH', client_module.path('/policies', parsed_args.policy),
            {'policy': changes},
            idempotency_key=common.idempotency_key(parsed_args))
        return show(self.client, done.body['policy'])


class DeletePolicy(common.Command):
    """Delete policies"""

    def arguments(self, parser):
        parser.add_argument('policy', metavar='<policy>', nargs='+',
                            help='Name or ID of the policies to delete')
        parser.add_argument('--force', action='store_true',
                            help='Do not ask for confirmation')
        common.add_idempotency_key(parser)

    def take_action(self, parsed_args):
        if not common.confirm_delete(parsed_args, 'policy'):
            return
        many = len(parsed_args.policy) > 1
        common.delete_each(parsed_args.policy, lambda name: self.client.request(
            'DELETE', client_module.path('/policies', name),
            idempotency_key=common.idempotency_key(parsed_args, name, many)),
            'policy')


class ValidatePolicy(common.ShowOne):
    """Validate a policy spec without creating it (API 1.2)"""

    COLUMNS = ['created_at', 'data', 'domain', 'id', 'name', 'project', 'spec',
               'type', 'updated_at', 'user']

    def arguments(self, parser):
        parser.add_argument('--spec-file', metavar='<spec-file>', required=True,
                            help='The policy spec (YAML)')

    def take_action(self, parsed_args):
        from clusterdclient import specs
        self.client.require((1, 2), 'openstack cluster policy validate')
        spec = specs.load(parsed_args.spec_file)
        body = self.client.request('POST', '/policies/validate',
                                   {'policy': {'spec': spec}}).body
        data = self.client.resource('policy', body['policy']).to_dict()
        # NOTE: python-senlinclient left these three empty (openstacksdk names
        # them *_id); the columns stay, with their values.
        for name in ('domain', 'project', 'user'):
            data[name] = data.get(name + '_id')
        return self.COLUMNS, output.row(data, self.COLUMNS, FORMATTERS)
