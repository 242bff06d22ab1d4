from oslo_config import cfg

GROUP = 'api'

opts = [
    cfg.HostAddressOpt('bind_host', default='0.0.0.0',
                       help='Address the API server listens on.'),
    cfg.PortOpt('bind_port', default=8777,
                help='Port the API server listens on (Senlin used 8777).'),
    cfg.IntOpt('threads', default=16, min=1,
               help='Worker threads of the API server of one process.'),
    cfg.IntOpt('max_body_size', default=1048576, min=1024,
               help='Largest request body accepted, in bytes; larger bodies '
                    'are refused with 413.'),
    cfg.StrOpt('auth_strategy', default='keystone', choices=['keystone', 'noauth'],
               help='keystone: validate tokens with keystonemiddleware; noauth: '
                    'trust the caller (clusterd-standalone only).'),
    cfg.URIOpt('public_endpoint',
               help='Base URL clients reach the API on, used in Location headers '
                    'and webhook URLs; by default the URL of the request.'),
]


def register_opts(conf):
    conf.register_opts(opts, group=GROUP)


def list_opts():
    return {GROUP: opts}
