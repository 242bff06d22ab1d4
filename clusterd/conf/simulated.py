"""``[simulated]``: the simulated OpenStack cloud (``cloud_backend = simulated``)."""

from oslo_config import cfg

GROUP = 'simulated'

opts = [
    cfg.StrOpt('state_file',
               help='JSON file in which the simulated cloud keeps its servers, '
                    'server groups and stacks, so that a restart keeps them '
                    '(clusterd-standalone puts it in its state directory).  '
                    'Unset: the cloud lives in memory only.'),
    cfg.StrOpt('catalog_file',
               help='YAML file of flavors, images, networks, subnets, security '
                    'groups, key pairs, availability zones and regions '
                    "replacing the built-in catalog (Senlin's test names)."),
    cfg.FloatOpt('build_seconds', default=0.5, min=0.0,
                 help='How long a server stays in BUILD (and a stack in '
                      'CREATE_IN_PROGRESS), and how long an action (reboot, '
                      'resize...) takes.'),
    cfg.IntOpt('hosts_per_zone', default=3, min=1,
               help='Compute hosts in each availability zone (anti-affinity '
                    'server groups refuse a server when none is left).'),
    cfg.StrOpt('load_balancer_cloud',
               help='A cloud of the clouds.yaml ([openstack] clouds_file) whose '
                    'real Octavia serves the load-balancing policy instead of '
                    "the simulated one (the simulated servers' addresses become "
                    'its members).  Unset: the simulated Octavia.'),
    cfg.FloatOpt('poll_interval', default=0.2, min=0.01,
                 help='Seconds between two polls of the bulk server waiter.'),
]


def register_opts(conf):
    conf.register_opts(opts, group=GROUP)


def list_opts():
    return {GROUP: opts}
