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
    cfg.IntOpt('rendered_row_cache', default=64, min=0,
               help='MiB of JSON text of listed actions each API process keeps, '
                    'keyed by each row\'s id and updated_at, so that listing '
                    'rows that have not changed since they were last listed does '
                    'not decode and serialize them again (an unpaginated list of '
                    '3,500 actions: about 600 bytes each).  A changed row has a '
                    'new key, so its old text is never served.  0: off.'),
    # Webhook triggers (POST /v1/webhooks/{id}/trigger).
    cfg.IntOpt('webhook_cooldown', default=60, min=0,
               help='Seconds during which repeated triggers of a webhook receiver '
                    'for the same alarm (the body\'s alarm_id, else the receiver '
                    'itself) are answered with the action of the first one '
                    'instead of a new action, when the cluster has no enabled '
                    'scaling policy for the receiver\'s action (else that '
                    'policy\'s adjustment.cooldown applies); 0: never coalesce.'),
    cfg.FloatOpt('webhook_rate', default=1.0, min=0,
                 help='Triggers per second one webhook receiver may sustain '
                      '(a token bucket shared by every API process through the '
                      'database); more are answered 429 with Retry-After. '
                      '0: no limit.'),
    cfg.IntOpt('webhook_burst', default=10, min=1,
               help='Triggers one webhook receiver may receive at once, above '
                    'webhook_rate, before it is limited.'),
    cfg.BoolOpt('webhook_legacy_urls', default=True,
                help='Accept triggers of webhook receivers made before clusterd '
                     'gave receivers a token (imported from Senlin) by their id '
                     'alone, logging a warning each time; rotate their secret '
                     '(PATCH with rotate_secret at 1.15) to give them one.  '
                     'False: such receivers cannot be triggered.'),
    # Idempotency-Key on mutating requests.
    cfg.IntOpt('idempotency_ttl', default=86400, min=60,
               help='Seconds an Idempotency-Key and the first answer to it are '
                    'kept; a replay within them gets that answer again.'),
    cfg.FloatOpt('idempotency_wait', default=5.0, min=0,
                 help='Seconds a request waits for the answer of a concurrent '
                      'request with the same Idempotency-Key before it is '
                      'refused with 409.'),
    cfg.IntOpt('idempotency_stale', default=120, min=1,
               help='Seconds after which a request with an Idempotency-Key that '
                    'never finished (its API process died) no longer holds the '
                    'key.'),
]


def register_opts(conf):
    conf.register_opts(opts, group=GROUP)


def list_opts():
    return {GROUP: opts}
