"""The cluster-policy plugin base and the typed decisions policies hand the engine.

Policies never write loose keys into an action: BEFORE checks fill in a
:class:`Decisions` (how many nodes to create or delete, which victims, where to
place), the engine acts on it, and it is stored in the action's ``data`` so that
``openstack cluster action show`` explains what was decided and why.
"""

import copy
import dataclasses

from clusterd import schema

BEFORE = 'BEFORE'
AFTER = 'AFTER'


@dataclasses.dataclass
class CreationDecision:
    count: int
    placements: list = dataclasses.field(default_factory=list)
    reason: str = ''


@dataclasses.dataclass
class DeletionDecision:
    count: int
    candidates: list = dataclasses.field(default_factory=list)
    destroy_after_deletion: bool = True
    grace_period: int = 0
    reduce_desired_capacity: bool = True
    reason: str = ''
    # How the victims are chosen, and the ranking of every member with the reason
    # for its place (first to remove first).
    criteria: str = 'RANDOM'
    ranking: list = dataclasses.field(default_factory=list)
    # A lifecycle hook to call before the victims go: {type, params, timeout}.
    hooks: dict = None
    # Victims per place a placement policy asks for: {'zone'|'region': {name:
    # count}}; the deletion policy keeps it when it ranks the members.
    spread: dict = None


@dataclasses.dataclass
class UpdateDecision:
    """How a rolling update (or a replacement) goes: the batch policy's plan."""
    # Node ids, batch after batch (clusterd.policies.batch.plan_batches).
    batches: list = dataclasses.field(default_factory=list)
    pause_time: int = 0
    # Replacements made before the old nodes go (0: update in place).
    max_surge: int = 0
    # Wait for each batch's nodes to be healthy, for at most ``timeout`` seconds.
    health_gate: bool = False
    timeout: int = 0
    # Put the nodes of a failed batch back on the old profile.
    rollback: bool = False
    policy: str = None
    reason: str = ''


@dataclasses.dataclass
class Decisions:
    """What the BEFORE checks decided for one action."""
    creation: CreationDecision = None
    deletion: DeletionDecision = None
    update: UpdateDecision = None
    # Set by a policy to stop the action; the action fails with this reason.
    error: str = None
    # One line per policy evaluated, in order: the "why" of the action.
    notes: list = dataclasses.field(default_factory=list)

    def to_dict(self):
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data):
        data = dict(data or {})
        if data.get('creation'):
            data['creation'] = CreationDecision(**data['creation'])
        if data.get('deletion'):
            data['deletion'] = DeletionDecision(**data['deletion'])
        if data.get('update'):
            data['update'] = UpdateDecision(**data['update'])
        return cls(**data)


class Policy:
    """Base of cluster policy plugins (entry points in ``clusterd.policies``).

    Subclasses set ``TYPE``, ``VERSION``, ``PRIORITY`` (lower runs first, fixed by
    the type as in Senlin), ``TARGET`` (``(BEFORE|AFTER, action name)`` pairs),
    ``PROFILE_TYPES`` (profile types it may attach to; ``()`` means any),
    ``SINGLETON`` and ``properties_schema``.
    """

    TYPE = None
    VERSION = None
    PRIORITY = 1000
    TARGET = ()
    PROFILE_TYPES = ()
    SINGLETON = True
    SUPPORT_STATUS = {}
    properties_schema = None
    # pre_op only reads (the database; the cloud not at all): a dry run runs it.
    PRE_OP_READS_ONLY = False

    def __init__(self, name, spec, conf=None):
        # The stored policy's id (set by the engine when it loads one) and, while
        # a check runs, the cluster_policy binding it runs for.
        self.id = None
        self.binding = None
        self.name = name
        self.spec = spec
        self.conf = conf
        self.properties = self.validate_properties(spec.get('properties') or {})

    @classmethod
    def type_name(cls):
        return '%s-%s' % (cls.TYPE, cls.VERSION)

    def validate_properties(self, properties):
        if self.properties_schema is None:
            return dict(properties)
        return schema.validate(self.properties_schema, properties)

    def applies_to(self, phase, action_name):
        return (phase, action_name) in self.TARGET

    def attach_refusal(self, context, cluster_id):
        """Why this policy cannot be bound to the cluster, or None.

        Asked when an attach is requested, before any action is written, so the
        caller gets a 409 at once; it must change nothing.  :meth:`attach` runs
        the same check again in the engine.
        """
        return None

    def attach_problem(self, context, cluster_id):
        """What makes the binding a bad request (400), or None: a
        :class:`clusterd.schema.InvalidSpec` naming the field (the cluster's
        profile type, say).  Asked with :meth:`attach_refusal`; changes nothing.
        """
        return None

    def attach(self, context, cluster):
        """Called when bound to ``cluster``.

        :returns: (ok, data to keep in the binding, or the reason it failed)
        """
        return True, {}

    def detach(self, context, cluster):
        """Called when unbound. :returns: (ok, reason)"""
        return True, ''

    def adopt(self, data, last_op=None):
        """The binding data to keep for a binding another service made
        (``clusterd-manage import-senlin``), instead of :meth:`attach`: nothing
        is made or checked in the cloud, since the binding already exists there.

        :param data: what that service kept in the binding (a load balancer's
            ids...), kept as it is so that :meth:`detach` can clean up
        :param last_op: when the policy last acted on the cluster, or None
        :returns: the binding data to store
        """
        return dict(data or {})

    def pre_op(self, context, cluster, action, decisions):
        """BEFORE check: refine ``decisions`` (or set ``decisions.error``)."""

    def post_op(self, context, cluster, action, decisions):
        """AFTER check, with the action's result in ``action.outputs``."""

    def plan(self, context, cluster, action, plan):
        """Dry run of the BEFORE check (microversion 1.16): what :meth:`pre_op`
        would decide for ``action`` (an unsaved action, no id), into
        ``plan.decisions`` (a refusal in ``plan.decisions.error``), and which
        parts this policy decided into ``plan.decided_by``.

        It must write nothing, take no lock and call the cloud only to read.  A
        policy whose ``pre_op`` only reads sets :attr:`PRE_OP_READS_ONLY`: its
        ``pre_op`` itself then runs, so the plan and the action decide alike by
        construction.  Otherwise nothing is decided and the plan says so.
        """
        if not self.PRE_OP_READS_ONLY:
            plan.decisions.notes.append('BEFORE %s: not simulated by the dry run '
                                        '(its check runs only in the real '
                                        'action)' % self.name)
            return
        before = _parts(plan.decisions)
        self.pre_op(context, cluster, action, plan.decisions)
        after = _parts(plan.decisions)
        for part, value in after.items():
            if value != before[part]:
                plan.decided_by[part] = self.name


def _parts(decisions):
    """What a dry run says who decided: the new nodes' places, the victims'
    order, the batches (a copy, to compare before and after a check)."""
    creation, deletion = decisions.creation, decisions.deletion
    update = getattr(decisions, 'update', None)  # the batch policy's
    # (An empty part is no decision: a scaling policy's count comes with none.)
    return {
        'placements': copy.deepcopy(creation.placements or None)
        if creation else None,
        'victims': ([e['id'] for e in deletion.ranking], list(deletion.candidates))
        if deletion and (deletion.ranking or deletion.candidates) else None,
        'batches': copy.deepcopy(update.batches or None) if update else None,
    }


@dataclasses.dataclass
class Plan:
    """What a dry run (microversion 1.16) says an action would do, and why.

    The dry run runs the BEFORE checks through :meth:`Policy.plan` into
    ``decisions`` (the same structure the real action fills), then the
    workflow's own arithmetic (:mod:`clusterd.engine.planning`) adds the rest.
    Nothing here is stored.
    """
    action: str
    decisions: Decisions = dataclasses.field(default_factory=Decisions)
    # current (members now), desired (the cluster's desired capacity now) and
    # after (the desired capacity once the action is done).
    counts: dict = dataclasses.field(default_factory=dict)
    # The nodes that would go, first to go first: {id, name, reason}.
    victims: list = dataclasses.field(default_factory=list)
    # One entry per new node: {zone, region} (None where nothing decides).
    placements: list = dataclasses.field(default_factory=list)
    # Node ids, batch after batch, in the order they would run.
    batches: list = dataclasses.field(default_factory=list)
    # Which part was decided by whom: {part: policy name or 'request'/'engine'}.
    decided_by: dict = dataclasses.field(default_factory=dict)
    # Every policy consulted, in order: {id, name, type, decided}.
    policies: list = dataclasses.field(default_factory=list)
    # Why the action would be refused, each {by, reason}; empty: it would run.
    refusals: list = dataclasses.field(default_factory=list)
    # Anything else the action would do (nodes joining, an operation...).
    details: dict = dataclasses.field(default_factory=dict)

    def refuse(self, by, reason):
        self.refusals.append({'by': by, 'reason': reason})

    def to_dict(self):
        """The body of a dry run's answer (``{"dry_run": ...}``)."""
        decisions = self.decisions
        return {
            'action': self.action, 'counts': dict(self.counts),
            'victims': list(self.victims), 'placements': list(self.placements),
            'batches': list(self.batches), 'decided_by': dict(self.decided_by),
            'policies': list(self.policies), 'notes': list(decisions.notes),
            'details': dict(self.details),
            'refused': {'reasons': list(self.refusals)} if self.refusals else None,
        }
