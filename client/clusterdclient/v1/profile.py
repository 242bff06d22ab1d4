"""``cluster profile``: list, show, create, update, delete, validate."""

from clusterdclient import client as client_module
from clusterdclient import common
from clusterdclient import output

FORMATTERS = {'metadata': output.json_text, 'spec': output.nested_table}


def show(client, body):
    return output.show(client.resource('profile', body).to_dict(), FORMATTERS)


class ListProfile(common.Lister):
    """List profiles"""

    def arguments(self, parser):
        common.add_list_options(
            parser, 'profiles', filter_keys=['type', 'name'],
            sort_keys=['type', 'name', 'created_at', 'updated_at'])

    def take_action(self, parsed_args):
        names = ['id', 'name', 'type', 'created_at']
        if parsed_args.global_project:
            names.append('project_id')
        formatters = common.short_ids(parsed_args, ['id', 'project_id'])
        items = common.list_items(self.client, '/profiles', 'profiles',
                                  parsed_args)
        return names, [output.row(self.client.resource('profile', item)
                                  .to_dict(), names, formatters)
                       for item in items]


class ShowProfile(common.ShowOne):
    """Show a profile"""

    def arguments(self, parser):
        parser.add_argument('profile', metavar='<profile>',
                            help='Name or ID of the profile')

    def take_action(self, parsed_args):
        body = self.client.get(client_module.path('/profiles',
                                                  parsed_args.profile))
        return show(self.client, body['profile'])


class CreateProfile(common.ShowOne):
    """Create a profile from a spec file"""

    def arguments(self, parser):
        parser.add_argument(
            '--metadata', metavar='<"key1=value1;key2=value2...">',
            action='append',
            help='Metadata of the profile; repeat it, or separate pairs with '
                 'a semicolon')
        parser.add_argument('--spec-file', metavar='<spec-file>', required=True,
                            help='The profile spec (YAML)')
        common.add_idempotency_key(parser)
        parser.add_argument('name', metavar='<profile-name>',
                            help='Name of the new profile')

    def take_action(self, parsed_args):
        from clusterdclient import specs
        body = {'profile': {
            'name': parsed_args.name,
            'spec': specs.load_profile(parsed_args.spec_file),
            'metadata': common.parse_pairs(parsed_args.metadata)}}
        made = self.client.request(
            'POST', '/profiles', body,
            idempotency_key=common.idempotency_key(parsed_args))
        return show(self.client, made.body['profile'])


class UpdateProfile(common.ShowOne):
    """Rename a profile or change its metadata"""

    def arguments(self, parser):
        parser.add_argument('--name', metavar='<name>',
                            help='New name of the profile')
        parser.add_argument(
            '--metadata', metavar='<"key1=value1;key2=value2...">',
            action='append',
            help="New metadata (replaces the old); '{}' clears it")
        common.add_idempotency_key(parser)
        parser.add_argument('profile', metavar='<profile>',
                            help='Name or ID of the profile')

    def take_action(self, parsed_args):
        changes = {}
        if parsed_args.name is not None:
            changes['name'] = parsed_args.name
        if parsed_args.metadata:
            changes['metadata'] = common.parse_pairs(parsed_args.metadata)
        done = self.client.request(
            'PATCH', client_module.path('/profiles', parsed_args.profile),
            {'profile': changes},
            idempotency_key=common.idempotency_key(parsed_args))
        return show(self.client, done.body['profile'])


class DeleteProfile(common.Command):
    """Delete profiles"""

    def arguments(self, parser):
        parser.add_argument('profile', metavar='<profile>', nargs='+',
                            help='Name or ID of the profiles to delete')
        parser.add_argument('--force', action='store_true',
                            help='Do not ask for confirmation')
        common.add_idempotency_key(parser)

    def take_action(self, parsed_args):
        if not common.confirm_delete(parsed_args, 'profile'):
            return
        many = len(parsed_args.profile) > 1
        common.delete_each(parsed_args.profile, lambda name: self.client.request(
            'DELETE', client_module.path('/profiles', name),
            idempotency_key=common.idempotency_key(parsed_args, name, many)),
            'profile')


class ValidateProfile(common.ShowOne):
    """Validate a profile spec without creating it (API 1.2)"""

    COLUMNS = ['created_at', 'domain', 'id', 'metadata', 'name', 'project_id',
               'spec', 'type', 'updated_at', 'user_id']

    def arguments(self, parser):
        parser.add_argument('--spec-file', metavar='<spec-file>', required=True,
                            help='The profile spec (YAML)')

    def take_action(self, parsed_args):
        from clusterdclient import specs
        self.client.require((1, 2), 'openstack cluster profile validate')
        spec = specs.load_profile(parsed_args.spec_file)
        body = self.client.request('POST', '/profiles/validate',
                                   {'profile': {'spec': spec}}).body
        data = self.client.resource('profile', body['profile']).to_dict()
        # NOTE: python-senlinclient left 'domain' empty (openstacksdk names it
        # domain_id); the column stays, with its value.
        data['domain'] = data.get('domain_id')
        return self.COLUMNS, output.row(data, self.COLUMNS, FORMATTERS)
