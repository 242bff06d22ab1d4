"""Profile types and policy types: list, show, and a profile type's operations."""

from clusterdclient import common


def _rows(items):
    """One row per type and version.  From API 1.5 each type carries its
    support status per version; before, the version is in the name."""
    rows = []
    with_status = True
    for item in items:
        status = item.get('support_status')
        if status:
            for version, entries in status.items():
                rows.append((item['name'], version, '\n'.join(
                    '%s since %s' % (entry['status'], entry['since'])
                    for entry in entries)))
        else:
            with_status = False
            parts = item['name'].split('-')
            rows.append((parts[0], parts[1] if len(parts) > 1 else ''))
    columns = ['name', 'version', 'support_status'] if with_status \
        else ['name', 'version']
    return columns, sorted(rows)


class _ListTypes(common.Lister):
    PATH = KEY = None

    def take_action(self, parsed_args):
        return _rows(self.client.get(self.PATH)[self.KEY])


class _ShowType(common.ShowOne):
    PATH = KEY = KIND = NOUN = None
    METAVAR = '<type-name>'

    @property
    def formatter_default(self):
        return 'yaml'

    def arguments(self, parser):
        parser.add_argument('type_name', metavar=self.METAVAR,
                            help='%s type and version, e.g. %s' % (
                                self.NOUN, self.EXAMPLE))

    def take_action(self, parsed_args):
        body = self.client.get('%s/%s' % (self.PATH, parsed_args.type_name))
        data = self.client.resource(self.KIND, body[self.KEY]).to_dict()
        return tuple(data), tuple(data.values())


class ListProfileType(_ListTypes):
    """List the profile types the service offers"""
    PATH, KEY = '/profile-types', 'profile_types'


class ShowProfileType(_ShowType):
    """Show a profile type: its spec schema and support status"""
    PATH, KEY, KIND, NOUN = '/profile-types', 'profile_type', 'profile_type', \
        'Profile'
    EXAMPLE = 'os.nova.server-1.0'
    METAVAR = '<name-version>'


class ListPolicyType(_ListTypes):
    """List the policy types the service offers"""
    PATH, KEY = '/policy-types', 'policy_types'


class ShowPolicyType(_ShowType):
    """Show a policy type: its spec schema and support status"""
    PATH, KEY, KIND, NOUN = '/policy-types', 'policy_type', 'policy_type', \
        'Policy'
    EXAMPLE = 'senlin.policy.scaling-1.0'


class ShowProfileTypeOperations(common.ShowOne):
    """Show the operations a profile type offers (API 1.4)"""

    @property
    def formatter_default(self):
        return 'yaml'

    def arguments(self, parser):
        parser.add_argument('type_name', metavar='<type-name>',
                            help='Profile type and version, e.g. '
                                 'os.nova.server-1.0')

    def take_action(self, parsed_args):
        self.client.require((1, 4), 'openstack cluster profile type ops')
        body = self.client.get('/profile-types/%s/ops' % parsed_args.type_name)
        return tuple(body), tuple(body.values())
