"""``senlin.policy.health-1.0``, ``-1.1`` and ``-1.2``: detect unhealthy nodes and
recover them.

Senlin's specs attach unchanged.  The 1.1/1.2 shape::

    type: senlin.policy.health
    version: 1.1
    properties:
      detection:
        interval: 60                    # seconds between two checks of a node
        node_update_timeout: 300        # grace window after a node changed
        recovery_conditional: ANY_FAILED   # or ALL_FAILED (every mode must fail)
        detection_modes:
          - type: NODE_STATUS_POLLING
          - type: LB_STATUS_POLLING     # the member of the node in the
                                        # load-balancing policy's pool
          - type: NODE_STATUS_POLL_URL
            options:
              poll_url: 'http://{node_ip}:{port}/health'
              poll_url_healthy_response: 'passing'   # a regex searched in the body
              poll_url_ssl_verify: true
              poll_url_conn_error_as_unhealthy: true
              poll_url_retry_limit: 3
              poll_url_retry_interval: 3
      recovery:
        actions:                        # an ordered ladder (Senlin allowed one)
          - name: REBOOT
          - name: RECREATE
        fencing: [COMPUTE]
        node_delete_timeout: 20
        node_force_recreate: false

Version 1.0 specs may instead give one mode as ``detection.type`` with
``detection.options`` (where ``interval`` may also sit); both shapes are accepted
by every version, as Senlin's schema accepted them.

clusterd additions (optional keys, ignored by nobody): ``timeout`` on each
recovery action (seconds that step may take) and, in poll-URL options,
``poll_url_timeout`` and ``poll_url_network`` (the network whose address
``{node_ip}`` takes).

The policy itself has no BEFORE/AFTER checks: the health manager
(:mod:`clusterd.health.manager`) skips a cluster while a cluster action holds it
and a node within its grace window, which is what Senlin's pre_op/post_op
disable/enable pair did, without state that a crash can leave behind.
"""

import dataclasses

from clusterd import schema
from clusterd.policies import base

TYPE = 'senlin.policy.health'

NODE_STATUS_POLLING = 'NODE_STATUS_POLLING'
NODE_STATUS_POLL_URL = 'NODE_STATUS_POLL_URL'
HYPERVISOR_STATUS_POLLING = 'HYPERVISOR_STATUS_POLLING'
LIFECYCLE_EVENTS = 'LIFECYCLE_EVENTS'
# The operating status of each node's member in the cluster's load balancer
# (the load-balancing policy's), from one status tree per load balancer.
LB_STATUS_POLLING = 'LB_STATUS_POLLING'
DETECTION_TYPES = (NODE_STATUS_POLLING, NODE_STATUS_POLL_URL,
                   HYPERVISOR_STATUS_POLLING, LIFECYCLE_EVENTS, LB_STATUS_POLLING)

ANY_FAILED = 'ANY_FAILED'
ALL_FAILED = 'ALL_FAILED'

REBOOT = 'REBOOT'
REBUILD = 'REBUILD'
RECREATE = 'RECREATE'
# A clusterd name for restarting a process in place (REBOOT means the same for
# clusterd.process nodes).
RESTART = 'RESTART'
RECOVERY_ACTIONS = (REBOOT, REBUILD, RECREATE, RESTART)
COMPUTE = 'COMPUTE'

POLL_URL_OPTIONS = {
    'poll_url': schema.String(
        'URL to GET; {nodename}, {node_ip}, {node_id}, {port} and {host} are '
        'replaced per node.', default=''),
    'poll_url_ssl_verify': schema.Boolean(
        'Verify the TLS certificate of an https poll URL.', default=True),
    'poll_url_conn_error_as_unhealthy': schema.Boolean(
        'A connection error counts as unhealthy (else as healthy).',
        default=True),
    'poll_url_healthy_response': schema.String(
        'A regular expression searched in the body; empty: any 2xx answer is '
        'healthy.', default=''),
    'poll_url_retry_limit': schema.Integer(
        'Tries before a node counts as unhealthy.', default=3,
        constraints=[schema.Range(min=1)]),
    'poll_url_retry_interval': schema.Integer(
        'Seconds between two tries.', default=3, constraints=[schema.Range(min=0)]),
    'poll_url_timeout': schema.Number(
        'Seconds one GET may take (clusterd); default: max(1, 0.1 x '
        'retry interval), as Senlin.', constraints=[schema.Range(min=0.01)]),
    'poll_url_network': schema.String(
        'The network whose address {node_ip} takes (clusterd); default: the '
        "node's first address."),
    # Version 1.0 put the interval among the options.
    'interval': schema.Integer('Seconds between two checks (1.0 shape).',
                               constraints=[schema.Range(min=1)]),
}

MODE_SCHEMA = {
    'type': schema.String('How failures are detected.', required=True,
                          constraints=[schema.AllowedValues(DETECTION_TYPES)]),
    'options': schema.Map('Options of this detection type.',
                          schema=POLL_URL_OPTIONS, default={}),
}

DETECTION_SCHEMA = {
    'type': schema.String('One detection type (1.0 shape).',
                          constraints=[schema.AllowedValues(DETECTION_TYPES)]),
    'options': schema.Map('Options of that type (1.0 shape).',
                          schema=POLL_URL_OPTIONS),
    'detection_modes': schema.List(
        'Detection types and their options.', schema=schema.Map(
            'One detection mode.', schema=MODE_SCHEMA)),
    'interval': schema.Integer('Seconds between two checks of each node.',
                               constraints=[schema.Range(min=1)]),
    'node_update_timeout': schema.Integer(
        'Seconds after a node changed during which its failures are ignored.',
        default=300, constraints=[schema.Range(min=0)]),
    'recovery_conditional': schema.String(
        'ANY_FAILED: one failing mode makes a node unhealthy; ALL_FAILED: every '
        'mode must fail.', default=ANY_FAILED,
        constraints=[schema.AllowedValues((ANY_FAILED, ALL_FAILED))]),
}

ACTION_SCHEMA = {
    'name': schema.String('A recovery step.', required=True,
                          constraints=[schema.AllowedValues(RECOVERY_ACTIONS)]),
    'params': schema.Map('Parameters of the step.', default={}),
    'timeout': schema.Integer('Seconds the step may take (clusterd).',
                              constraints=[schema.Range(min=1)]),
}

RECOVERY_SCHEMA = {
    'actions': schema.List(
        'Recovery steps, tried in order while the node stays unhealthy.',
        schema=schema.Map('One step.', schema=ACTION_SCHEMA), default=[]),
    'fencing': schema.List(
        'What to fence before a node is recreated.', schema=schema.String(
            'A fencing target.', constraints=[schema.AllowedValues((COMPUTE,))]),
        default=[]),
    'node_delete_timeout': schema.Integer(
        'Seconds the delete of a recreate may take.', default=20,
        constraints=[schema.Range(min=0)]),
    'node_force_recreate': schema.Boolean(
        'Create the node again even when deleting it failed (it was fenced).',
        default=False),
}

DEFAULT_INTERVAL = 60


@dataclasses.dataclass
class Mode:
    type: str
    options: dict


@dataclasses.dataclass
class Step:
    name: str
    params: dict
    timeout: int = None


@dataclasses.dataclass
class HealthSettings:
    """A health policy's spec, normalised: what the manager and the ladder use."""
    interval: int
    node_update_timeout: int
    recovery_conditional: str
    modes: list
    steps: list
    fencing: list
    node_delete_timeout: int
    node_force_recreate: bool

    def to_dict(self):
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data):
        data = dict(data)
        data['modes'] = [Mode(**m) for m in data['modes']]
        data['steps'] = [Step(**s) for s in data['steps']]
        return cls(**data)

    @property
    def polling(self):
        """The modes the manager polls (everything but LIFECYCLE_EVENTS)."""
        return [mode for mode in self.modes if mode.type != LIFECYCLE_EVENTS]


def _path(*parts):
    return '.'.join(('properties',) + parts)


class HealthPolicy10(base.Policy):
    """Health detection and an ordered recovery ladder."""

    TYPE = TYPE
    VERSION = '1.0'
    PRIORITY = 600
    SINGLETON = True
    SUPPORT_STATUS = {'1.0': [{'status': 'SUPPORTED', 'since': '2026.11'}]}
    TARGET = ()

    properties_schema = {
        'detection': schema.Map('How unhealthy nodes are detected.',
                                schema=DETECTION_SCHEMA, required=True),
        'recovery': schema.Map('How unhealthy nodes are recovered.',
                               schema=RECOVERY_SCHEMA, required=True),
    }

    def __init__(self, name, spec, conf=None):
        super().__init__(name, spec, conf)
        self.settings = self._normalise(self.properties)

    def _normalise(self, props):
        detection = props['detection']
        recovery = props['recovery']
        if detection['type'] and detection['detection_modes']:
            raise schema.InvalidSpec(
                "give either 'type' (with 'options') or 'detection_modes', not "
                "both", _path('detection'))
        interval = detection['interval']
        if detection['type']:
            options = dict(detection['options'] or {})
            interval = interval or options.get('interval')
            modes = [{'type': detection['type'], 'options': options}]
        elif detection['detection_modes']:
            modes = detection['detection_modes']
        else:
            raise schema.InvalidSpec("Required spec item 'detection_modes' not "
                                     "provided", _path('detection'))
        interval = interval or DEFAULT_INTERVAL
        minimum = self.conf.health.interval_min if self.conf is not None else 1
        if interval < minimum:
            raise schema.InvalidSpec(
                "'%s' must be >= %s ([health] interval_min)" % (interval, minimum),
                _path('detection', 'interval'))
        seen = set()
        for index, mode in enumerate(modes):
            where = _path('detection', 'detection_modes[%d]' % index)
            if mode['type'] in seen:
                raise schema.InvalidSpec("duplicate detection mode '%s'"
                                         % mode['type'], where)
            seen.add(mode['type'])
            if mode['type'] == LB_STATUS_POLLING:
                # How long a member may be OFFLINE before its node is
                # unhealthy: one interval.
                mode['options'] = dict(mode['options'] or {}, interval=interval)
            if mode['type'] == NODE_STATUS_POLL_URL and \
                    not (mode['options'] or {}).get('poll_url'):
                raise schema.InvalidSpec(
                    "Required spec item 'poll_url' not provided",
                    where + '.options')
        if LIFECYCLE_EVENTS in seen and len(modes) > 1:
            raise schema.InvalidSpec(
                'LIFECYCLE_EVENTS cannot be combined with other detection modes',
                _path('detection', 'detection_modes'))
        steps = recovery['actions'] or []
        names = [step['name'] for step in steps]
        if len(set(names)) != len(names):
            raise schema.InvalidSpec('a recovery action appears twice',
                                     _path('recovery', 'actions'))
        return HealthSettings(
            interval=int(interval),
            node_update_timeout=detection['node_update_timeout'],
            recovery_conditional=detection['recovery_conditional'],
            modes=[Mode(m['type'], dict(m['options'] or {})) for m in modes],
            steps=[Step(s['name'], dict(s['params'] or {}), s['timeout'])
                   for s in steps] or [Step(RECREATE, {})],
            fencing=list(recovery['fencing'] or []),
            node_delete_timeout=recovery['node_delete_timeout'],
            node_force_recreate=recovery['node_force_recreate'])

    def attach(self, context, cluster):
        """Keep the normalised settings in the binding, where the health
        manager reads them without loading the policy."""
        return True, {'health': self.settings.to_dict()}

    def adopt(self, data, last_op=None):
        """Senlin's binding data, plus the normalised settings :meth:`attach`
        would have kept."""
        return dict(super().adopt(data, last_op), health=self.settings.to_dict())


class HealthPolicy11(HealthPolicy10):
    VERSION = '1.1'
    SUPPORT_STATUS = {'1.1': [{'status': 'SUPPORTED', 'since': '2026.11'}]}


class HealthPolicy12(HealthPolicy10):
    VERSION = '1.2'
    SUPPORT_STATUS = {'1.2': [{'status': 'SUPPORTED', 'since': '2026.11'}]}
