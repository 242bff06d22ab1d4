"""``[process]``: the ``clusterd.process`` profile (nodes that are local processes)."""

import os

from oslo_config import cfg

from clusterd.conf import standalone

GROUP = 'process'

opts = [
    cfg.StrOpt('state_dir',
               sample_default='<[standalone] state_dir>/processes',
               help='Directory holding one record file, one log file and the '
                    'default working directory of each clusterd.process node of '
                    'this host. The processes outlive the engine; this directory '
                    'is how a restarted engine finds them again, so it must be '
                    'local to the host and kept across restarts. Default: '
                    '"processes" under the standalone state directory.'),
    cfg.FloatOpt('health_check_timeout', default=2.0, min=0.1,
                 help='Seconds the health_url of a clusterd.process node has to '
                      'answer, in a check and in each probe while a process '
                      'starts.'),
]


def register_opts(conf):
    conf.register_opts(opts, group=GROUP)


def list_opts():
    return {GROUP: opts}


def state_dir(conf):
    """The directory of the process records and logs, resolved (not created).

    :param conf: the service configuration, or ``None`` outside a service (the
        per-user standalone directory is used then).
    """
    if conf is None:
        return os.path.join(standalone.default_state_dir(), 'processes')
    if conf.process.state_dir:
        return os.path.abspath(os.path.expanduser(conf.process.state_dir))
    # NOTE: clusterd-standalone's --state-dir is a command-line option registered
    # by that command only; other processes do not have it.
    base = getattr(conf, 'state_dir', None) or conf.standalone.state_dir
    return os.path.join(os.path.abspath(os.path.expanduser(base)), 'processes')
