"""CLUSTER_UPDATE (a profile change) and CLUSTER_REPLACE_NODES: rolling, batch
after batch.

The batches come from the batch policy's BEFORE check
(:class:`clusterd.policies.base.UpdateDecision`, planned by
:func:`clusterd.policies.batch.plan_batches`); without a batch policy an update
goes in batches of ``[engine] update_max_unavailable`` percent and a replacement
in one batch, as before.  For each batch:

- in place: NODE_UPDATE of its nodes; with a surge: NODE_CREATE of as many
  replacements on the new profile, then (once they are up) NODE_DELETE of the
  old nodes, so the cluster never has fewer serving nodes than before;
- the health gate (when asked): the batch's new nodes must be healthy by the
  health policy's detection (ACTIVE when there is none) within ``timeout``;
- a failed node action or a closed gate stops the update: the cluster is
  WARNING, the remaining nodes are left alone, the reason is in the action's
  status_reason and outputs, and with ``rollback`` the batch's nodes go back to
  the old profile (in place: NODE_UPDATE back, or a RECREATE from the old
  profile for a node whose update failed; with a surge: the replacements are
  deleted, the old nodes never went);
- ``pause_time`` seconds before the next one.

Progress (``batches_done``, ``nodes_updated``, ``nodes_left``...) is written to
the action's outputs as it goes.  A PATCH of the action to SUSPENDED pauses it
before its next batch (:func:`clusterd.engine.control.pause`); RUNNING resumes.

NOTE: the pause between batches, the health gate and a paused update hold a
worker thread (sleeping in short slices that watch the action's control
signal), as Senlin's pause did; they are bounded by the action's timeout.
Everything else waits as a WAITING row, and every step can run again: a
taken-over update skips the nodes already on the new profile.
"""

import time

from clusterd.engine.actions import base
from clusterd.engine.actions import cluster_base
from clusterd.engine import control
from clusterd.engine import liveness
from clusterd.health import detectors
from clusterd.health import manager as health_manager
from clusterd.objects import action as action_obj
from clusterd.objects import cluster as cluster_obj
from clusterd.policies import health as health_policy
from clusterd import states

# Seconds between two looks at the control signal (pause, cancel) and the gate.
POLL = 0.1
GATE_POLL = 0.5


def update_batch_size(count, max_unavailable_percent):
    """Nodes per batch of a rolling update: the share, rounded up, at least 1."""
    return max(1, -(-count * max_unavailable_percent // 100))


def default_batches(members, new_profile, max_unavailable_percent):
    """The batches of an update without a batch policy: the members not yet on
    ``new_profile``, in member order, ``[engine] update_max_unavailable``
    percent of the cluster at once.  The dry run plans with it too.

    :returns: [[node id, ...], ...]
    """
    order = [n.id for n in members if n.profile_id != new_profile]
    size = update_batch_size(len(members), max_unavailable_percent)
    return [order[i:i + size] for i in range(0, len(order), size)]


class _Rolling(cluster_base.ClusterWorkflow):
    """What updates and replacements share: progress, pauses, the gate, stops."""

    noun = 'update'

    @property
    def update(self):
        return self.data['update']

    # --- progress ----------------------------------------------------------------------

    def progress(self, **extra):
        update = self.data.get('update')
        if not update:
            return dict(extra)
        plan = update['plan']
        result = {
            'batches_total': len(plan),
            'batches_done': update['done'],
            'nodes_updated': len(update['updated']),
            'nodes_left': sum(len(b) for b in plan[update['done']:]),
            'current_batch': list(update['current']),
            'paused': bool(update.get('paused')),
            'pause_time': update['pause_time'],
            'policy': update.get('policy'),
        }
        if update.get('stopped'):
            result['stopped'] = update['stopped']
        result.update(extra)
        return result

    def publish(self):
        """Write the progress to the action's outputs now (and the data with it,
        so a taken-over run starts from the same place)."""
        if not action_obj.Action.set_data(self.context, self.action.id,
                                          data=self.data, outputs=self.progress(),
                                          owner=self.env.engine_id):
            raise liveness.Fenced('Action %s is no longer RUNNING under this '
                                  'engine.' % self.action.id)

    # --- pauses --------------------------------------------------------------------------

    def _signal(self):
        action = action_obj.Action.get(self.context, self.action.id,
                                       project_safe=False)
        if action.status != states.RUNNING or action.owner != self.env.engine_id:
            raise liveness.Fenced('Action %s was ended or taken over while it '
                                  'paused.' % self.action.id)
        return action.control

    def between_batches(self, seconds):
        """Sleep ``seconds`` and for as long as the action is paused.

        :returns: None to go on, or the Done of a cancel
        """
        deadline = time.monotonic() + seconds
        while True:
            signal = self._signal()
            if signal == control.CANCEL:
                return self.on_cancel()
            paused = signal == control.PAUSE
            if paused != bool(self.update.get('paused')):
                self.update['paused'] = paused
                self.publish()
            if not paused:
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                time.sleep(min(POLL, left))
            else:
                time.sleep(POLL)

    # --- the health gate -----------------------------------------------------------------

    def _health_settings(self):
        for binding in cluster_obj.ClusterPolicy.for_cluster(
                self.context, self.cluster.id, enabled_only=True):
            found = (binding.data or {}).get('health')
            if found:
                settings = health_policy.HealthSettings.from_dict(found)
                if settings.polling:
                    return settings
        return None

    def _verdicts(self, nodes, settings):
        """{node id: (healthy, reason)} of the batch's nodes right now."""
        result = {}
        for node in nodes:
            if node.status != states.N_ACTIVE:
                result[node.id] = (False, 'the node is %s: %s' % (
                    node.status, node.status_reason))
        active = [n for n in nodes if n.id not in result]
        if settings is None or not active:
            result.update((n.id, (True, 'ACTIVE')) for n in active)
            return result
        checker = detectors.Checker(self.env, self.context, self.env.cloud_pool)
        judged = health_manager.judge(checker, settings, active)
        for node in active:
            healthy, reason, decided, _modes = judged[node.id]
            result[node.id] = (healthy is True, '%s: %s' % (decided, reason)
                               if healthy is not True else 'healthy')
        return result

    def health_gate(self, node_ids):
        """Wait until the nodes ``node_ids`` are healthy (when the gate is on).

        :returns: None when they are (or there is no gate), the reason the gate
            closed, or the Done of a cancel
        """
        update = self.update
        if not update['health_gate'] or not node_ids:
            return None
        settings = self._health_settings()
        deadline = time.monotonic() + update['timeout']
        while True:
            nodes = self.nodes(ids=node_ids)
            verdicts = self._verdicts(nodes, settings)
            if len(nodes) < len(node_ids):
                gone = sorted(set(node_ids) - {n.id for n in nodes})
                return 'health gate: node(s) %s are gone' % ', '.join(gone)
            bad = {i: why for i, (ok, why) in verdicts.items() if not ok}
            if not bad:
                return None
            if time.monotonic() >= deadline:
                first = sorted(bad)[0]
                return ('health gate: %d of %d node(s) of batch %d not healthy '
                        'within %d s (%s %s, by %s)' % (
                            len(bad), len(node_ids), update['batches'],
                            update['timeout'], first, bad[first],
                            'the health policy' if settings else 'node status'))
            if self._signal() == control.CANCEL:
                return self.on_cancel()
            time.sleep(GATE_POLL)

    # --- ends ----------------------------------------------------------------------------

    def failed_children(self, targets, name):
        targets = set(targets)
        return [c for c in action_obj.Action.children(self.context, self.action.id)
                if c.target in targets and c.action == name
                and c.status != states.SUCCEEDED]

    def describe_failure(self, failed):
        first = failed[0]
        return '%d node action(s) of batch %d did not succeed; first: %s %s: %s' % (
            len(failed), self.update['batches'], first.action, first.status,
            first.status_reason)

    def stop(self, reason):
        """The batch failed: roll it back if asked, then end the action."""
        update = self.update
        update['stopped'] = reason
        children = self.rollback_children() if update['rollback'] else []
        if children:
            update['rolling_back'] = [c['id'] for c in children]
            self.publish()
            return base.Wait(children, 'rolled_back')
        return self.end_stopped()

    def rollback_children(self):
        return []

    def step_rolled_back(self):
        update = self.update
        mine = set(update['rolling_back'])
        failed = [c for c in action_obj.Action.children(self.context,
                                                        self.action.id)
                  if c.id in mine and c.status != states.SUCCEEDED]
        total = len(mine)
        update['rolled_back'] = total - len(failed)
        note = '; rolled back %d of %d node(s) to the old profile' % (
            total - len(failed), total)
        if failed:
            note += ' (first failure: %s %s)' % (failed[0].target,
                                                 failed[0].status_reason)
        update['stopped'] += note
        return self.end_stopped()

    def end_stopped(self):
        update = self.update
        left = sum(len(b) for b in update['plan'][update['batches']:])
        self.data['explain'] = ('stopped after batch %d: %d node(s) left on the '
                                'old profile' % (update['batches'], left))
        reason = 'Rolling %s stopped after batch %d of %d: %s' % (
            self.noun, update['batches'], len(update['plan']), update['stopped'])
        self.settled = (states.C_WARNING, '%s: %s' % (self.action.action, reason))
        return self.finish(base.failed(reason, self.progress()))

    def after_failure(self, outcome):
        if (self.data.get('update') or {}).get('stopped'):
            return  # settled WARNING by end_stopped, with the reason
        super().after_failure(outcome)

    def on_cancel(self):
        self.settle()
        return base.Done(states.CANCELLED, 'The action was cancelled.',
                         self.progress() or None)

    def after_batch(self):
        """The batch is done: pause (and honour a pause request), then go on."""
        update = self.update
        update['done'] += 1
        update['current'] = []
        if update['done'] < len(update['plan']):
            if update['pause_time']:
                self.publish()  # (else the next batch's start shows it)
            cancelled = self.between_batches(update['pause_time'])
            if cancelled is not None:
                return cancelled
        return self.next_batch()

    def new_update(self, plan, decision, **values):
        self.data['update'] = dict(
            plan=plan, batches=0, done=0, updated=[], current=[],
            pause_time=decision.pause_time if decision else 0,
            surge=decision.max_surge if decision else 0,
            health_gate=decision.health_gate if decision else False,
            timeout=decision.timeout if decision else 0,
            rollback=decision.rollback if decision else False,
            policy=decision.policy if decision else None, **values)


class ClusterUpdate(_Rolling):
    lock_purpose = 'Cluster update'

    def begin(self):
        values = {k: self.inputs[k] for k in ('name', 'metadata', 'timeout', 'config')
                  if self.inputs.get(k) is not None}
        if values:
            cluster_obj.Cluster.update(self.context, self.cluster.id, **values)
        new_profile = self.inputs.get('new_profile_id')
        if not new_profile or new_profile == self.cluster.profile_id:
            self.settle()
            return self.finish(base.succeeded('Cluster properties updated.'))
        if self.inputs.get('profile_only'):
            cluster_obj.Cluster.update(self.context, self.cluster.id,
                                       profile_id=new_profile)
            self.settle()
            return self.finish(base.succeeded('Cluster profile updated.'))
        decision = self.decisions.update
        if decision is not None:
            plan = decision.batches
        else:
            plan = default_batches(self.members(), new_profile,
                                   self.env.conf.engine.update_max_unavailable)
        self.new_update(plan, decision, profile_id=new_profile,
                        old_profile_id=self.cluster.profile_id, created=[])
        return self.next_batch()

    def next_batch(self):
        update = self.update
        while update['batches'] < len(update['plan']):
            batch = update['plan'][update['batches']]
            update['batches'] += 1
            # Nodes deleted since the plan was made are skipped, and so are those
            # already on the new profile (a taken-over run).
            present = {n.id: n for n in self.nodes(ids=batch)}
            todo = [i for i in batch if i in present
                    and present[i].profile_id != update['profile_id']]
            if not todo:
                update['done'] += 1
                continue
            update['current'] = todo
            if update['surge']:
                rows, children = self.new_members(len(todo), update['profile_id'])
                update['created'] = [row['id'] for row in rows]
                self.publish()
                return base.Wait(children, 'created', new_nodes=rows)
            self.publish()
            return base.Wait([self.child('NODE_UPDATE', node_id,
                                         cluster_id=self.cluster.id,
                                         inputs={'new_profile_id':
                                                 update['profile_id']})
                              for node_id in todo], 'updated')
        cluster_obj.Cluster.update(self.context, self.cluster.id,
                                   profile_id=update['profile_id'])
        self.settle()
        return self.finish(base.succeeded('Cluster update completed.',
                                          self.progress()))

    def step_updated(self):
        update = self.update
        failed = self.failed_children(update['current'], 'NODE_UPDATE')
        if failed:
            return self.stop(self.describe_failure(failed))
        closed = self.health_gate(update['current'])
        if isinstance(closed, base.Done):
            return closed
        if closed:
            return self.stop(closed)
        update['updated'] += update['current']
        return self.after_batch()

    def step_created(self):
        update = self.update
        failed = self.failed_children(update['created'], 'NODE_CREATE')
        if failed:
            return self.stop(self.describe_failure(failed))
        closed = self.health_gate(update['created'])
        if isinstance(closed, base.Done):
            return closed
        if closed:
            return self.stop(closed)
        # The replacements serve: now the old nodes may go.
        self.publish()
        return base.Wait(self.removal_children(self.nodes(ids=update['current'])),
                         'replaced')

    def step_replaced(self):
        update = self.update
        failed = self.failed_children(update['current'], 'NODE_DELETE')
        if failed:
            # The replacements are up; the old nodes that could not go stay.
            update['updated'] += update['created']
            update['rollback'] = False
            return self.stop(self.describe_failure(failed))
        update['updated'] += update['created']
        update['created'] = []
        return self.after_batch()

    def rollback_children(self):
        update = self.update
        if update['surge']:
            # The old nodes are all still there: drop the replacements.
            return self.removal_children(self.nodes(ids=update['created']))
        children = []
        for node in self.nodes(ids=update['current']):
            if node.profile_id == update['profile_id']:
                children.append(self.child(
                    'NODE_UPDATE', node.id, cluster_id=self.cluster.id,
                    inputs={'new_profile_id': update['old_profile_id']}))
            elif node.status != states.N_ACTIVE:
                # Its update failed half way: make it again from the old profile.
                children.append(self.child(
                    'NODE_RECOVER', node.id, cluster_id=self.cluster.id,
                    inputs={'operation': health_policy.RECREATE}))
        return children


class ClusterReplaceNodes(_Rolling):
    """Replace nodes by others (join the new, then the old one leaves); with a
    batch policy, in its batches with its pause and gate."""

    lock_purpose = 'Cluster replace nodes'
    noun = 'replacement'

    def begin(self):
        pairs = self.inputs.get('nodes') or {}
        decision = self.decisions.update
        plan = decision.batches if decision is not None else [list(pairs)]
        self.new_update(plan, decision, pairs=pairs)
        return self.next_batch()

    def next_batch(self):
        update = self.update
        if update['batches'] >= len(update['plan']):
            self.settle()
            return self.finish(base.succeeded('Completed replacing nodes.',
                                              self.progress()))
        batch = update['plan'][update['batches']]
        update['batches'] += 1
        update['current'] = batch
        children, dependencies = [], []
        for old_id in batch:
            join = self.child('NODE_JOIN', update['pairs'][old_id],
                              cluster_id=self.cluster.id,
                              inputs={'cluster_id': self.cluster.id})
            leave = self.child('NODE_LEAVE', old_id, cluster_id=self.cluster.id)
            children += [join, leave]
            dependencies.append((join['id'], leave['id']))
        self.publish()
        return base.Wait(children, 'replaced', dependencies=dependencies)

    def step_replaced(self):
        update = self.update
        batch = update['current']
        new_ids = [update['pairs'][old_id] for old_id in batch]
        failed = self.failed_children(new_ids, 'NODE_JOIN') + \
            self.failed_children(batch, 'NODE_LEAVE')
        if failed:
            return self.stop(self.describe_failure(failed))
        closed = self.health_gate(new_ids)
        if isinstance(closed, base.Done):
            return closed
        if closed:
            return self.stop(closed)
        update['updated'] += batch
        return self.after_batch()
