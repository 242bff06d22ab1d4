"""What every cluster workflow shares: the lock, the policy checks, the settling."""

import copy

from oslo_log import log as logging

from clusterd.engine.actions import base
from clusterd.engine import events
from clusterd.engine import liveness
from clusterd.engine import locks
from clusterd.engine import policy_checks
from clusterd.engine import retry
from clusterd.objects import action as action_obj
from clusterd.objects import base as objects_base
from clusterd.objects import cluster as cluster_obj
from clusterd.objects import lock as lock_obj
from clusterd.objects import node as node_obj
from clusterd.policies import base as policy_base
from clusterd.policies import scaleutils
from clusterd import states

LOG = logging.getLogger(__name__)

DEFAULT_NAME_FORMAT = 'node-$8R'


class ClusterWorkflow(base.Workflow):
    """A cluster action: lock, BEFORE checks, the work, AFTER checks, settle.

    Subclasses set ``operation`` (the word in status reasons, e.g.
    'CLUSTER_CREATE') and implement :meth:`begin` (the first step after the
    lock and the BEFORE checks) plus whatever steps it continues with.
    """

    force_lock = False
    lock_purpose = None
    # Does the work itself attach, detach or enable policies?  (Then the AFTER
    # checks read the bindings again.)
    changes_bindings = False

    def __init__(self, env, context, action):
        super().__init__(env, context, action)
        self.cluster = cluster_obj.Cluster.get(context, action.target,
                                               project_safe=False)
        self.decisions = policy_base.Decisions.from_dict(self.data.get('decisions'))
        # (status, reason) the cluster settles in when the action ends.
        self.settled = None
        # Steps run by this object (the first one reads the cluster just read).
        self.steps_run = 0
        # The cluster as it is now, while that is known without reading it
        # again (see settle_after_children).
        self._known_cluster = None
        # The END (or ERROR) event of finish(): its row is written in the
        # transaction that ends the action, and it is announced after that.
        self._end_event = None
        # New members' rows that wait_writes() numbers: (rows, name format).
        self._unnumbered = None

    @property
    def busy_status(self):
        """The cluster's status while this action runs (None: left alone)."""
        return states.CLUSTER_BUSY_WHILE.get(self.action.action)

    # --- the fixed frame -------------------------------------------------------------

    def run_step(self, step):
        self.steps_run += 1
        return super().run_step(step)

    def step_start(self):
        # (Usually already shown since the request: requests.mark_busy.)
        show_busy = bool(self.busy_status) and \
            self.cluster.status != self.busy_status
        bindings = []

        def start():
            # (Read in the transaction that holds the action: one fewer.)
            bindings.extend(policy_checks.enabled_bindings(self.context,
                                                           self.cluster.id))
            events.record(self.context, self.action, 'CLUSTER', self.cluster,
                          events.START, 'Start')
            # NOTE: with no policy that could refuse the action, the cluster
            # is shown busy in the transaction that holds the action and
            # records its start (one commit for three); otherwise only once
            # the BEFORE checks let the action go on, as a refused action
            # leaves the cluster as it was.
            if show_busy and not bindings:
                self._set_busy()

        def lock_and_start():
            # The common case, a cluster nobody holds: its lock is taken in
            # the transaction that records the start (one commit fewer).
            if not lock_obj.take_free_cluster(self.context, self.cluster.id,
                                              self.action.id, self.env.engine_id):
                return False
            start()
            return True

        if self._hold(lock_and_start):
            self.data['locked'] = True
        else:
            # Held, perhaps by this very action (run again after a takeover)
            # or by one a force takes it from: the lock's own rules decide.
            purpose = self.lock_purpose or \
                self.action.action.replace('_', ' ').title()
            try:
                locks.lock_cluster(self.env, self.context, self.cluster.id,
                                   self.action, purpose, force=self.force_lock or
                                   bool(self.inputs.get('force')))
            except locks.LockConflict as exc:
                return base.failed(str(exc))
            self.data['locked'] = True
            self._hold(start)
        busy_now = show_busy and not bindings
        # NOTE: kept for the AFTER checks: while this action holds the cluster
        # lock, no other action attaches, detaches or enables a policy.
        self.data['enabled_policies'] = len(bindings)
        events.announce(self.env, self.action, 'CLUSTER', self.cluster,
                        events.START, 'Start')
        policy_checks.run(self.env, self.context, self.cluster, self.action,
                          policy_base.BEFORE, self.decisions, bindings)
        self.data['decisions'] = self.decisions.to_dict()
        if self.decisions.error:
            return self.finish(base.failed('Policy check failure: %s'
                                           % self.decisions.error))
        if show_busy and not busy_now:
            self._show_busy()
        return self.begin()

    def _hold(self, write=None):
        """Make ``write()`` (if any) only while this engine still runs the
        action; returns what it returned.

        A force cancel or a timeout may have ended the action (released its
        locks and settled its cluster) since this step began: then the lock
        this step took is given back, nothing else is written, and the step
        stops (:class:`liveness.Fenced`).  A row lock on the action holds it
        while ``write()`` is made: an end from outside waits for it, and then
        settles the cluster after it.
        """
        written = None
        with self.context.writer:
            status, owner = action_obj.Action.hold(self.context, self.action.id)
            ours = status == states.RUNNING and owner == self.env.engine_id
            if ours:
                if write is not None:
                    written = write()
            elif status in states.ACTION_TERMINAL or status is None:
                # (Taken over instead: the lock is the new run's now.)
                self.release()
        if not ours:
            raise liveness.Fenced('Action %s was ended by another (a cancel or a '
                                  'timeout) while it started.' % self.action.id)
        return written

    def _show_busy(self):
        self._hold(self._set_busy)

    def _set_busy(self):
        cluster_obj.Cluster.set_status(self.context, self.cluster.id,
                                       self.busy_status,
                                       '%s started.' % self.action.action)

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
        """Run the AFTER checks, then end the action with ``outcome``.

        Its END (or ERROR) event is written with the action's end
        (:meth:`final_writes`), and announced once that is done (:meth:`ended`).
        """
        if outcome.status == states.SUCCEEDED:
            self.action.outputs = outcome.outputs or {}
            before = len(self.decisions.notes)
            none_bound = self.data.get('enabled_policies') == 0 and \
                not self.changes_bindings
            policy_checks.run(self.env, self.context, self.cluster, self.action,
                              policy_base.AFTER, self.decisions,
                              [] if none_bound else None)
            if len(self.decisions.notes) != before:
                # A policy ran: it may have changed the cluster (its data).
                self._known_cluster = None
            self.data['decisions'] = self.decisions.to_dict()
            if self.decisions.error:
                # An AFTER check could not do its part (a load balancer
                # refused the new members): the action says so.
                outcome = base.failed('Policy check failure: %s'
                                      % self.decisions.error, outcome.outputs)
        level = events.INFO if outcome.status == states.SUCCEEDED else events.ERROR_LEVEL
        phase = events.END if outcome.status == states.SUCCEEDED else events.ERROR
        self._end_event = dict(obj=self._cluster_at_end(), phase=phase,
                               reason=outcome.reason, level=level,
                               status=outcome.status, exception=outcome.exception)
        return outcome

    def event(self, phase, reason, level=events.INFO, status=None, exception=None):
        cluster = self._cluster_at_end() if phase != events.START else self.cluster
        events.emit(self.env, self.context, self.action, 'CLUSTER', cluster, phase,
                    reason, level, status=status, exception=exception)

    def _cluster_at_end(self):
        """The cluster as an END or ERROR event shows it: as it is now, with
        the status the action is about to leave it in."""
        if self._known_cluster is not None:
            cluster = copy.copy(self._known_cluster)
        else:
            cluster = cluster_obj.Cluster.get(self.context, self.cluster.id,
                                              project_safe=False)
        if self.settled is not None:
            cluster.status, cluster.status_reason = self.settled
        return cluster

    def ended(self, moved):
        """After the end's transaction: announce the END event it wrote; if
        the action had already been ended by another (a cancel, a timeout),
        the event is still recorded, as it was before it moved there."""
        end, self._end_event = self._end_event, None
        if end is None:
            return
        if moved:
            events.announce(self.env, self.action, 'CLUSTER', **end)
            return
        try:
            events.emit(self.env, self.context, self.action, 'CLUSTER', **end)
        except Exception as exc:
            if not retry.retryable(exc):
                raise
            LOG.warning('Could not record the %s event of action %s: %s',
                        end['phase'], self.action.id, retry.summary(exc))

    # --- helpers for the work --------------------------------------------------------

    def nodes(self, ids=None):
        return node_obj.Node.for_cluster(self.context, self.cluster.id, ids=ids)

    def members(self, light=False):
        """The nodes that count for sizes, deltas and victims: all but those
        already being deleted (an earlier removal that is still finishing).
        ``light``: without their JSON columns (:meth:`Node.members`)."""
        return node_obj.Node.members(self.context, self.cluster.id, light=light)

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
        cluster = self._known_cluster or cluster_obj.Cluster.get(
            self.context, self.cluster.id, project_safe=False)
        active = node_obj.Node.count_active(self.context, cluster.id)
        status, why = states.eval_cluster_status(
            active, cluster.min_size, cluster.max_size, cluster.desired_capacity)
        self.settled = (status, '%s: %s' % (operation or self.action.action, why))
        return status

    def final_writes(self):
        if self.settled is not None:
            cluster_obj.Cluster.set_status(self.context, self.cluster.id,
                                           *self.settled)
        if self._end_event is not None:
            end = self._end_event
            events.record(self.context, self.action, 'CLUSTER', end['obj'],
                          end['phase'], end['reason'], end['level'])

    def settle_after_children(self, success_reason, outputs=None, leave_out=(),
                              counts=None):
        """End the action from its children's results and settle the cluster.

        The children are counted by status, not loaded.

        :param leave_out: action names of children that do not count
        :param counts: :meth:`Action.child_counts` of this action, if the caller
            has read them (default: read here)
        """
        # NOTE: the first step this object runs after the one that read the
        # cluster (a resumed step_finish) has written nothing yet: the cluster
        # read then is the cluster now, and is not read twice more.
        self._known_cluster = self.cluster if self.steps_run == 1 and \
            self.step != 'start' else None
        try:
            # (The children's counts and the cluster's ACTIVE nodes, read in
            # one transaction: both were written before this step was let run.)
            with self.context.reader:
                if counts is None:
                    counts = action_obj.Action.child_counts(self.context,
                                                            self.action.id)
                bad = sum(n for (name, status), n in counts.items()
                          if name not in leave_out and status != states.SUCCEEDED)
                self.settle()
                first = action_obj.Action.first_child(
                    self.context, self.action.id, leave_out=leave_out,
                    not_status=states.SUCCEEDED) if bad else None
            total = sum(n for (name, _), n in counts.items() if name not in leave_out)
            if bad:
                first = first or action_obj.Action(
                    action='?', status='?', status_reason='it has ended since')
                return self.finish(base.failed(
                    '%d of %d node action(s) did not succeed; first: %s %s: %s' % (
                        bad, total, first.action, first.status,
                        first.status_reason), outputs))
            return self.finish(base.succeeded(success_reason, outputs))
        finally:
            self._known_cluster = None

    def new_members(self, count, profile_id=None):
        """Node rows and NODE_CREATE children for ``count`` new members.

        :returns: (node rows, child actions)
        """
        if count <= 0:
            return [], []
        config = self.cluster.config or {}
        name_format = config.get('node.name.format') or DEFAULT_NAME_FORMAT
        placements = (self.decisions.creation.placements
                      if self.decisions.creation else [])
        rows, children = [], []
        for offset in range(count):
            data = {'placement': placements[offset]} if offset < len(placements) \
                else {}
            # (index and name: given by wait_writes())
            row = node_obj.Node.values_for(
                self.context, id=objects_base.new_id(), name=None,
                cluster_id=self.cluster.id,
                profile_id=profile_id or self.cluster.profile_id,
                data=data, user=self.cluster.user, project=self.cluster.project,
                domain=self.cluster.domain)
            rows.append(row)
            children.append(self.child('NODE_CREATE', row['id'],
                                       cluster_id=self.cluster.id,
                                       name='node_create_%s' % row['id'][:8]))
        self._unnumbered = (rows, name_format)
        return rows, children

    def wait_writes(self):
        """Number the new members (:meth:`new_members`) in the transaction that
        inserts them: their indexes are taken from the cluster's there, not in
        a transaction of their own."""
        if self._unnumbered is not None:
            rows, name_format = self._unnumbered
            first = cluster_obj.Cluster.reserve_indexes(self.context,
                                                        self.cluster.id, len(rows))
            for offset, row in enumerate(rows):
                row['index'] = first + offset
                row['name'] = scaleutils.node_name(name_format, first + offset)
            self._unnumbered = None

    def removal_children(self, victims, destroy=True, force=False):
        """NODE_DELETE (or NODE_LEAVE) children for ``victims``; ``force`` goes to
        the deletes (a forced cluster delete forces its nodes' deletes)."""
        action = 'NODE_DELETE' if destroy else 'NODE_LEAVE'
        inputs = {'force': True} if force and destroy else None
        return [self.child(action, node.id, cluster_id=self.cluster.id,
                           inputs=inputs)
                for node in victims]
