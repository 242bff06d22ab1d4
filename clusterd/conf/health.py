"""``[health]``: health checks, the recovery ladder's budget and the breaker."""

from oslo_config import cfg

GROUP = 'health'

opts = [
    cfg.BoolOpt('enabled', default=True,
                help='Run the health manager in this engine: periodic checks of '
                     'the clusters it owns (by the hash ring) that have an '
                     'enabled health policy.'),
    cfg.IntOpt('interval_min', default=5, min=1,
               help='The smallest detection interval (seconds) a health policy '
                    'may ask for (Senlin: health_check_interval_min).'),
    cfg.FloatOpt('manager_tick', default=0.5, min=0.05,
                 help='Seconds between two looks of the health manager for '
                      'clusters whose checks are due.'),
    cfg.IntOpt('check_threads', default=64, min=1,
               help='Concurrent health checks (cluster passes and poll-URL '
                    'requests) of one engine.'),
    cfg.IntOpt('max_recoveries', default=3, min=1,
               help='Recoveries one node may have within recovery_window; the '
                    'next failure marks it for attention instead (an event says '
                    'so) until an operator recovers it or the window passes.'),
    cfg.IntOpt('recovery_window', default=3600, min=1,
               help='Seconds of the per-node recovery budget window.'),
    cfg.FloatOpt('breaker_threshold', default=0.5, min=0.0, max=1.0,
                 help='When more than this share of a cluster\'s nodes turns '
                      'unhealthy within breaker_window, automatic recovery stops '
                      'for the cluster (the circuit breaker opens); it closes '
                      'when the share of unhealthy nodes falls under it.'),
    cfg.IntOpt('breaker_window', default=300, min=1,
               help='Seconds of the circuit breaker window.'),
    cfg.IntOpt('breaker_min_nodes', default=3, min=1,
               help='Clusters with fewer nodes never open the breaker (one '
                    'failed node of two is not an outage).'),
    cfg.IntOpt('step_timeout', default=300, min=1,
               help='Default timeout (seconds) of one recovery step when the '
                    'policy gives none.'),
]


def register_opts(conf):
    conf.register_opts(opts, group=GROUP)


def list_opts():
    return {GROUP: opts}
