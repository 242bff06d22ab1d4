import socket

from oslo_config import cfg

GROUP = None

opts = [
    cfg.StrOpt('host', default=socket.gethostname(), sample_default='<hostname>',
               help='Name of this host, as recorded in the services table and on '
                    'the actions and locks this process holds.'),
    cfg.IntOpt('default_action_timeout', default=3600, min=1,
               help='Timeout in seconds of an action whose cluster does not set one.'),
    cfg.IntOpt('max_nodes_per_cluster', default=1000, min=1,
               help='The largest desired capacity a cluster may ask for.'),
    cfg.IntOpt('max_clusters_per_project', default=100, min=1,
               help='How many clusters one project may own.'),
    cfg.StrOpt('cloud_backend', default='openstack',
               choices=[('openstack', 'A real OpenStack cloud, through '
                                      'openstacksdk ([openstack] options).'),
                        ('simulated', 'The simulated OpenStack cloud '
                                      '([simulated] options): Nova, Glance, '
                                      'Neutron and Heat in this process.')],
               help='Which cloud serves the OpenStack profiles (os.nova.server, '
                    'os.heat.stack).  Nothing but the drivers knows which one '
                    'it is.'),
    cfg.BoolOpt('name_unique', default=False,
                help='Refuse a new object whose name another object of the same '
                     'kind in the project already has.'),
]


def register_opts(conf):
    conf.register_opts(opts)


def list_opts():
    return {GROUP: opts}
