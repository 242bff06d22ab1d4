import os

from oslo_config import cfg

GROUP = 'standalone'


def default_state_dir():
    """The per-user state directory: $XDG_STATE_HOME/clusterd or ~/.local/state/clusterd."""
    base = os.environ.get('XDG_STATE_HOME') or os.path.join(
        os.path.expanduser('~'), '.local', 'state')
    return os.path.join(base, 'clusterd')


opts = [
    cfg.HostAddressOpt('host', default='127.0.0.1',
                       help='Address clusterd-standalone listens on.'),
    cfg.PortOpt('port', default=8778,
                help='Port clusterd-standalone listens on.'),
    cfg.StrOpt('state_dir', default=default_state_dir(),
               sample_default='$XDG_STATE_HOME/clusterd',
               help='Directory holding the SQLite database and the logs of '
                    'clusterd-standalone; created on first run.'),
]


def register_opts(conf):
    conf.register_opts(opts, group=GROUP)


def list_opts():
    return {GROUP: opts}
