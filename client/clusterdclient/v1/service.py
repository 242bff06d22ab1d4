"""``cluster build info`` and ``cluster service list``."""

from clusterdclient import common
from clusterdclient import output


class BuildInfo(common.ShowOne):
    """Show the build information of the API and the engine"""

    def take_action(self, parsed_args):
        body = self.client.get('/build-info')['build_info']
        names = ['api', 'engine']
        formatters = {name: output.json_text for name in names}
        return names, output.row(body, names, formatters)


class ListService(common.Lister):
    """List the clustering engine services (API 1.7)"""

    COLUMNS = ['binary', 'host', 'status', 'state', 'updated_at',
               'disabled_reason']

    def take_action(self, parsed_args):
        self.client.require((1, 7), 'openstack cluster service list')
        services = self.client.get('/services')['services']
        return self.COLUMNS, [
            output.row(self.client.resource('service', item).to_dict(),
                       self.COLUMNS) for item in services]
