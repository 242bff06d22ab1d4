"""``OS::Senlin::Receiver``: a webhook that runs a cluster action.

Its ``channel.alarm_url`` is what an alarm service (Aodh's ``alarm_actions``, or
anything that can POST) calls, without a Keystone token.  No property updates in
place, as with Heat's resource of Senlin's time: any change makes a new receiver,
with a new URL.
"""

from heat.engine import attributes
from heat.engine import constraints
from heat.engine import properties

from . import clusterd_base


class Receiver(clusterd_base.ClusterdResource):
    """A clusterd webhook receiver bound to a cluster and an action."""

    collection = 'receivers'
    body_key = 'receiver'

    PROPERTIES = (CLUSTER, ACTION, NAME, TYPE, PARAMS) = (
        'cluster', 'action', 'name', 'type', 'params')

    ATTRIBUTES = (ATTR_CHANNEL,) = ('channel',)

    SIGNAL_ACTIONS = ('CLUSTER_SCALE_OUT', 'CLUSTER_SCALE_IN')
    RECEIVER_TYPES = ('webhook',)

    properties_schema = {
        CLUSTER: properties.Schema(
            properties.Schema.STRING,
            'Name or ID of the cluster the action runs on.',
            required=True,
            constraints=[constraints.CustomConstraint('senlin.cluster')]),
        ACTION: properties.Schema(
            properties.Schema.STRING,
            'The cluster action a signal runs.',
            required=True,
            constraints=[constraints.AllowedValues(SIGNAL_ACTIONS)]),
        NAME: properties.Schema(
            properties.Schema.STRING,
            'Name of the receiver; the physical resource name if not given.'),
        TYPE: properties.Schema(
            properties.Schema.STRING,
            'Type of the receiver.',
            default='webhook',
            constraints=[constraints.AllowedValues(RECEIVER_TYPES)]),
        PARAMS: properties.Schema(
            properties.Schema.MAP,
            'Inputs of the action (e.g. count).'),
    }

    attributes_schema = {
        ATTR_CHANNEL: attributes.Schema(
            'Where signals go: {"alarm_url": ...} for a webhook.',
            type=attributes.Schema.MAP),
    }

    def handle_create(self):
        body = {'name': self.name_or_default(self.properties),
                'cluster_id': self.properties[self.CLUSTER],
                'type': self.properties[self.TYPE],
                'action': self.properties[self.ACTION],
                'params': self.properties[self.PARAMS] or {}}
        made, _ = self.api().request('POST', '/receivers', {'receiver': body})
        self.resource_id_set(made['receiver']['id'])

    def handle_delete(self):
        self.delete_at_once()


def resource_mapping():
    return {'OS::Senlin::Receiver': Receiver}
