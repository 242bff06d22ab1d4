"""What every cluster workflow shares: the lock, the policy checks, the settling."""

from clusterd.engine.actions import base
from clusterd.engine import events
from clusterd.engine import liveness
from clusterd.engine import locks
from clusterd.engine import policy_checks
from clusterd.objects import action as action_obj
from clusterd.objects import base as objects_base
from clusterd.objects import cluster as cluster_obj
from clusterd.objects import lock as lock_obj
from clusterd.objects import node as node_obj
from clusterd.policies import base as policy_base
from clusterd.policies import scaleutils
from clusterd import states

DEFAULT_NAME_FORMAT = 'node-$8R'


class ClusterWorkflow(base.Workflow):
    """A cluster action: lock, BEFORE checks, the work, AFTER checks, settle.

    Subclasses set ``operation`` (the word in status reasons, e.g.
    'CLUSTER_CREATE') and implement :meth:`begin` (the first step after the
    lock and the BEFORE checks) plus whatever steps it continues with.
    """

    force_lock = False
    lock_purpose = None

    def __init__(self, env, context, action):
        super().__init__(env, context, action)
        self.cluster = cluster_obj.Cluster.get(context, action.target,
                                               project_safe=False)
        self.decisions = policy_base.Decisions.from_dict(self.data.get('decisions'))
        # (status, reason) the cluster settles in when the action ends.
        self.settled = None

    @property
    def busy_status(self):
        """The cluster's status while this action runs (None: left alone)."""
        return states.CLUSTER_BUSY_WHILE.get(self.action.action)

    # --- the fixed frame -------------------------------------------------------------

    def step_start(self):
        purpose = self.lock_purpose or self.action.action.replace('_', ' ').title()
        try:
            locks.lock_cluster(self.env, self.context, self.cluster.id, self.action,
                               purpose, force=self.force_lock or
                               bool(self.inputs.get('force')))
        except locks.LockConflict as exc:
            return base.failed(str(exc))
        self.data['locked'] = True
        self._hold()
        self.event(events.START, 'Start')
        policy_checks.run(self.env, self.context, self.cluster, self.action,
                          policy_base.BEFORE, self.decisions)
        self.data['decisions'] = self.decisions.to_dict()
        if self.decisions.error:
            return self.finish(base.failed('Policy check failure: %s'
                                           % self.decisions.error))
        if self.busy_status and self.cluster.status != self.busy_status:
            # (Usually already shown since the request: requests.mark_busy.)
            self._show_busy()
        return self.begin()

    def _hold(self, write=None):
        """Make ``write()`` (if any) only while this engine still runs the action.

        A force cancel or a timeout may have ended the action (released its
        locks and settled its cluster) since this step began: then the lock
        this step took is given back, nothing else is written, and the step
        stops (:class:`liveness.Fenced`).  A row lock on the action holds it
        while ``write()`` is made: an end from outside waits for it, and then
        settles the cluster after it.
        """
        with self.context.writer:
            status, owner = action_obj.Action.hold(self.context, self.action.id)
            ours = status == states.RUNNING and owner == self.env.engine_id
            if ours:
                if write is not None:
                    write()
            elif status in states.ACTION_TERMINAL or status is None:
                # (Taken over instead: the lock is the new run's now.)
                self.release()
        if not ours:
            raise liveness.Fenced('Action %s was ended by another (a cancel or a '
                                  'timeout) while it started.' % self.action.id)

    def _show_busy(self):
        self._hold(lambda: cluster_obj.Cluster.set_status(
            self.context, self.cluster.id, self.busy_status,
            '%s started.' % self.action.action))

    def release(self):
        if self.data.get('locked'):
            locks.unlock_cluster(self.context, self.cluster.id, self.action)
            self.data['locked'] = False

    def after_failure(self, outcome):
        """A failure (an exception included) never leaves the cluster looking busy:
        settle it when this action had it locked, and a create that never got
        going marks its cluster ERROR with the reason."""
        cluster = cluster_obj.Cluster.get(self.context, self.cluster.id,
                                          project_safe=False)
        if cluster.status == states.C_INIT and \
                self.action.action == 'CLUSTER_CREATE':
            cluster_obj.Cluster.set_status(self.context, cluster.id, states.C_ERROR,
                                           outcome.reason)
        elif self.data.get('locked') and cluster.status in states.CLUSTER_BUSY:
            self.settle()
        elif cluster.status == self.busy_status and \
                not lock_obj.holders_of_cluster(self.context, cluster.id):
            # Failed before it got the lock; its request had marked the cluster.
            self.settle()

    def on_cancel(self):
        self.settle()
        return base.Done(states.CANCELLED, 'The action was cancelled.')

    def finish(self, outcome):
        """Run the AFTER checks, then end the action with ``outcome``."""
        if outcome.status == states.SUCCEEDED:
            self.action.outputs = outcome.outputs or {}
            policy_checks.run(self.env, self.context, self.cluster, self.action,
                              policy_base.AFTER, self.decisions)
            self.data['decisions'] = self.decisions.to_dict()
            if self.decisions.error:
                # An AFTER check could not do its part (a load balancer
                # refused the new members): the action says so.
                outcome = base.failed('Policy check failure: %s'
                                      % self.decisions.error, outcome.outputs)
        level = events.INFO if outcome.status == states.SUCCEEDED else events.ERROR_LEVEL
        phase = events.END if outcome.status == states.SUCCEEDED else events.ERROR
        self.event(phase, outcome.reason, level, status=outcome.status,
                   exception=outcome.exception)
        return outcome

    def event(self, phase, reason, level=events.INFO, status=None, exception=None):
        cluster = cluster_obj.Cluster.get(self.context, self.cluster.id,
                                          project_safe=False) \
            if phase != events.START else self.cluster
        if phase != events.START and self.settled is not None:
            # The status the action is about to leave the cluster in.
            cluster.status, cluster.status_reason = self.settled
        events.emit(self.env, self.context, self.action, 'CLUSTER', cluster, phase,
                    reason, level, status=status, exception=exception)

    # --- helpers for the work --------------------------------------------------------

    def nodes(self, ids=None):
        return node_obj.Node.for_cluster(self.context, self.cluster.id, ids=ids)

    def members(self):
        """The nodes that count for sizes, deltas and victims: all but those
        already being deleted (an earlier removal that is still finishing)."""
        return node_obj.Node.members(self.context, self.cluster.id)

    def member_count(self):
        """``len(self.members())``, counted by the database."""
        return node_obj.Node.count_members(self.context, self.cluster.id)

    def settle(self, operation=None):
        """Evaluate the cluster status from its ACTIVE nodes.

        The status is written by :meth:`final_writes`, in the transaction that ends
        the action and releases its lock: a client that sees the cluster settled
        (``openstack cluster create --wait``) may act on it at once, without a 409
        from a lock or an action that has not quite ended yet.
        """
        cluster = cluster_obj.Cluster.get(self.context, self.cluster.id,
                                          project_safe=False)
        active = node_obj.Node.count_active(self.context, cluster.id)
        status, why = states.eval_cluster_status(
            active, cluster.min_size, cluster.max_size, cluster.desired_capacity)
        self.settled = (status, '%s: %s' % (operation or self.action.action, why))
        return status

    def final_writes(self):
        if self.settled is not None:
            cluster_obj.Cluster.set_status(self.context, self.cluster.id,
                                           *self.settled)

    def settle_after_children(self, success_reason, children=None, outputs=None):
        """End the action from its children's results and settle the cluster.

        :param children: the child actions that count (default: all of them)
        """
        if children is None:
            children = action_obj.Action.children(self.context, self.action.id)
        bad = [c for c in children if c.status != states.SUCCEEDED]
        self.settle()
        if bad:
            first = bad[0]
            return self.finish(base.failed(
                '%d of %d node action(s) did not succeed; first: %s %s: %s' % (
                    len(bad), len(children), first.action, first.status,
                    first.status_reason), outputs))
        return self.finish(base.succeeded(success_reason, outputs))

    def new_members(self, count, profile_id=None):
        """Node rows and NODE_CREATE children for ``count`` new members.

        :returns: (node rows, child actions)
        """
        if count <= 0:
            return [], []
        config = self.cluster.config or {}
        name_format = config.get('node.name.format') or DEFAULT_NAME_FORMAT
        first = cluster_obj.Cluster.reserve_indexes(self.context, self.cluster.id,
                                                    count)
        placements = (self.decisions.creation.placements
                      if self.decisions.creation else [])
        rows, children = [], []
        for offset in range(count):
            index = first + offset
            data = {'placement': placements[offset]} if offset < len(placements) \
                else {}
            row = node_obj.Node.values_for(
                self.context, id=objects_base.new_id(),
                name=scaleutils.node_name(name_format, index),
                cluster_id=self.cluster.id,
                profile_id=profile_id or self.cluster.profile_id, index=index,
                data=data, user=self.cluster.user, project=self.cluster.project,
                domain=self.cluster.domain)
            rows.append(row)
            children.append(self.child('NODE_CREATE', row['id'],
                                       cluster_id=self.cluster.id,
                                       name='node_create_%s' % row['id'][:8]))
        return rows, children

    def removal_children(self, victims, destroy=True, force=False):
        """NODE_DELETE (or NODE_LEAVE) children for ``victims``; ``force`` goes to
        the deletes (a forced cluster delete forces its nodes' deletes)."""
        action = 'NODE_DELETE' if destroy else 'NODE_LEAVE'
        inputs = {'force': True} if force and destroy else None
        return [self.child(action, node.id, cluster_id=self.cluster.id,
                           inputs=inputs)
                for node in victims]
