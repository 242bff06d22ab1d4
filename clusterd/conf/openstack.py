"""``[openstack]``: how clusterd reaches OpenStack clouds (Nova first).

Two sources of connections, one per deployment kind:

- ``trust`` (production): clusterd's service user, from the options below,
  authenticates to Keystone scoped to the trust a user gave clusterd, so the
  engine acts as that user in that project long after the request ended.  The
  API finds or creates that trust (user -> service user, impersonation) at the
  user's first authenticated request in the project and stores it in the
  ``credential`` table (``clusterd.engine.trusts``).
- ``cloud`` (standalone, CI, a laptop): a named cloud of a ``clouds.yaml``.  Any
  string under its ``auth`` may contain ``{user_id}`` and ``{project_id}``,
  replaced per connection, so a no-auth test cloud whose token names the caller
  (``token: "{user_id}:{project_id}"``) keeps projects apart.
"""

from oslo_config import cfg

GROUP = 'openstack'

connection_opts = [
    cfg.StrOpt('connection_source', default='trust', choices=[
                   ('trust', 'the service user below, scoped by the trust of '
                             'the user who owns the node (needs Keystone)'),
                   ('cloud', 'the cloud named by [openstack] cloud in a '
                             'clouds.yaml (standalone and tests)')],
               help='Where the connections of the OpenStack profiles come from.'),
    cfg.StrOpt('cloud',
               help='With connection_source = cloud: the name of the cloud in '
                    'clouds.yaml.'),
    cfg.StrOpt('clouds_file',
               help='With connection_source = cloud: the clouds.yaml to read '
                    '(default: the usual openstacksdk search path, or '
                    'OS_CLIENT_CONFIG_FILE).'),
    cfg.StrOpt('region_name',
               help='Region of the endpoints to use (default: the only one, or '
                    'the cloud\'s).'),
    cfg.StrOpt('interface', default='public',
               choices=['public', 'internal', 'admin'],
               help='Which endpoint of the catalog to call.'),
    cfg.URIOpt('auth_url',
               help='With connection_source = trust: the Keystone v3 endpoint.'),
    cfg.StrOpt('service_username', default='clusterd',
               help='With connection_source = trust: clusterd\'s service user, '
                    'the trustee of the users\' trusts.'),
    cfg.StrOpt('service_password', secret=True,
               help='With connection_source = trust: its password.'),
    cfg.StrOpt('service_user_domain_name', default='Default',
               help='With connection_source = trust: the service user\'s domain.'),
    cfg.StrOpt('service_project_name', default='service',
               help='With connection_source = trust: the service user\'s project '
                    '(its token finds its own user id, the trustee).'),
    cfg.StrOpt('service_project_domain_name', default='Default',
               help='With connection_source = trust: that project\'s domain.'),
    cfg.ListOpt('trust_roles',
                help='With connection_source = trust: the roles a user\'s trust '
                     'delegates (default: every role the user has in the project '
                     'at the request that creates it, as Senlin did).'),
    cfg.StrOpt('cafile',
               help='CA bundle to verify HTTPS endpoints with.'),
    cfg.BoolOpt('insecure', default=False,
                help='Skip the verification of HTTPS certificates (tests only).'),
]

call_opts = [
    cfg.FloatOpt('api_timeout', default=60.0, min=1.0,
                 help='Seconds one HTTP request to a cloud may take.'),
    cfg.IntOpt('connection_pool_size', default=32, min=1,
               help='HTTP connections kept open per (user, project) and endpoint; '
                    'at least [engine] cloud_call_threads + 1.'),
    cfg.IntOpt('api_retries', default=3, min=0,
               help='How many times a request that failed with a connection '
                    'error or a 502/503/504 (any 5xx for reads) is sent again.'),
    cfg.FloatOpt('retry_backoff', default=0.5, min=0.0,
                 help='Seconds before the first retry; doubled for each next one.'),
    cfg.FloatOpt('poll_interval', default=2.0, min=0.05,
                 help='Seconds between two polls of the bulk waiter (one server '
                      'list call per project and cycle, whatever the number of '
                      'servers waited for).'),
    cfg.IntOpt('server_create_timeout', default=600, min=1,
               help='Seconds a new server may take to become ACTIVE.'),
    cfg.IntOpt('server_delete_timeout', default=600, min=1,
               help='Seconds a deleted server may take to disappear.'),
    cfg.IntOpt('server_action_timeout', default=600, min=1,
               help='Seconds a server may take to settle after an action '
                    '(reboot, rebuild, resize, stop, start...).'),
    cfg.StrOpt('default_networks', default='auto', choices=['auto', 'none'],
               help='What a Nova server profile without networks boots with '
                    '(compute API 2.37 and later need one of these).'),
]

opts = connection_opts + call_opts


def register_opts(conf):
    conf.register_opts(opts, group=GROUP)


def list_opts():
    return {GROUP: opts}
