from oslo_config import cfg

GROUP = 'engine'

opts = [
    cfg.StrOpt('topic', default='clusterd-engine',
               help='oslo.messaging topic the engines listen on.'),
    cfg.IntOpt('workers', default=8, min=1,
               help='Action worker threads per engine process.  Each running '
                    'action may hold a database connection, so this must not '
                    'exceed [database] max_pool_size + max_overflow.'),
    cfg.FloatOpt('heartbeat_interval', default=2.0, min=0.1,
                 help='Seconds between two heartbeats of an engine in the '
                      'services table.'),
    cfg.FloatOpt('lease_seconds', default=10.0, min=1.0,
                 help='An engine whose last heartbeat is older than this is dead: '
                      'other engines take over its locks and actions.'),
    cfg.FloatOpt('scan_interval', default=1.0, min=0.05,
                 help='Seconds between two scans of the database for READY '
                      'actions, so that work is never lost with a lost RPC cast.'),
    cfg.IntOpt('claim_batch_size', default=64, min=1,
               help='How many READY actions one scan claims at most.'),
    cfg.IntOpt('cloud_call_threads', default=8, min=1,
               help='Threads that make cloud calls (create, delete a server...) for '
                    'batches of node actions; calls wait on the cloud, not on the '
                    'database, so this may exceed the worker count.'),
    cfg.BoolOpt('events_for_derived_actions', default=False,
                help='Record events for node actions made by cluster actions too '
                     '(by default only for cluster actions and node requests).'),
    cfg.IntOpt('max_takeovers', default=3, min=0,
               help='How many times an action whose engine died is run again '
                    'before it is failed.'),
    cfg.FloatOpt('graceful_stop_timeout', default=30.0, min=0,
                 help='On a clean stop, seconds to let running actions finish '
                      'before they are handed back as READY for other engines.'),
    cfg.IntOpt('update_max_unavailable', default=25, min=1, max=100,
               help='A cluster update (new profile) replaces or restarts nodes in '
                    'batches of this share of the cluster, in percent (at least '
                    'one node), one batch after another; it stops at the first '
                    'batch with a failure, leaving the rest on the old profile.'),
    cfg.FloatOpt('reconcile_interval', default=60.0, min=0,
                 help='Seconds between two reconcile passes over the clusters an '
                      'engine owns (node rows against what the cloud reports, in '
                      'bulk; see clusterd/engine/reconcile.py); 0 disables '
                      'reconcile.'),
    cfg.StrOpt('reconcile_orphans', default='report',
               choices=[('report', 'record an event and a log line, once per '
                                   'engine run'),
                        ('delete', 'report, and delete the resource when a later '
                                   'pass still finds it orphaned'),
                        ('adopt', 'report, and when a later pass still finds a '
                                  'resource whose node row is lost, make the '
                                  'row again (same node id, in the cluster, '
                                  'ACTIVE); duplicates are only reported')],
               help='What reconcile does with a cloud resource that carries the '
                    'id of a node of a cluster but that no node row owns (left '
                    'behind by a crash or a lost row).'),
]

# Nova's versioned notifications (instance power-off, delete, error...) for the
# LIFECYCLE_EVENTS detection mode of the health policy
# (clusterd/health/lifecycle_events.py).
NOTIFICATIONS_GROUP = 'nova_notifications'

notification_opts = [
    cfg.StrOpt('transport_url', secret=True,
               help="The oslo.messaging transport Nova sends its notifications "
                    "on (Nova's [oslo_messaging_notifications] transport_url, "
                    "else its transport_url), e.g. "
                    "rabbit://user:pass@host:5672/nova.  Unset: engines do not "
                    "listen, and LIFECYCLE_EVENTS detects nothing."),
    cfg.StrOpt('topic', default='versioned_notifications',
               help="Nova's [notifications] versioned_notifications_topics."),
    cfg.StrOpt('exchange', default='nova',
               help="The exchange Nova publishes on (its control_exchange)."),
    cfg.StrOpt('pool', default='clusterd-engine',
               help='Listener pool name: the engines share one queue, so each '
                    'notification is handled by one engine only.'),
]


def register_opts(conf):
    conf.register_opts(opts, group=GROUP)
    conf.register_opts(notification_opts, group=NOTIFICATIONS_GROUP)


def list_opts():
    return {GROUP: opts, NOTIFICATIONS_GROUP: notification_opts}
