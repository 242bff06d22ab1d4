"""NODE_RECOVER: an operator's recover, or a health policy's ordered ladder.

A recovery written by :func:`clusterd.health.recovery.request_recovery` carries
the policy's settings in ``inputs['health']``; it runs the ladder:

- the steps of ``recovery.actions`` in order (REBOOT, REBUILD, RECREATE; for
  ``clusterd.process`` nodes REBOOT, REBUILD and RESTART all restart the process
  in place), each with its own timeout;
- after each step a fresh check with the policy's own detectors; the next step
  runs only if the node is still unhealthy;
- RECREATE fences first (:meth:`Profile.fence`: SIGKILL of a process group,
  force-delete of a server, COMPUTE fencing when asked) and never creates while
  fencing failed;
- the next step to run is saved in the action's data after each step, so an
  action taken over from a dead engine goes on where it stopped.

An operator's recover (no ``health`` input) works as before and, when it
succeeds, clears the node's "needs attention" mark and its recovery budget.
"""

import concurrent.futures
import time

import futurist

from clusterd.engine.actions import base
from clusterd.engine.actions import node as node_actions
from clusterd.health import detectors
from clusterd.health import notices
from clusterd.health import recovery
from clusterd.objects import action as action_obj
from clusterd.objects import health as health_obj
from clusterd.objects import node as node_obj
from clusterd.policies import health as health_policy
from clusterd.profiles import base as profile_base
from clusterd import states

# Pause between two verification checks after a step.
VERIFY_INTERVAL = 0.5


class StepFailed(Exception):
    """A ladder step failed or timed out (the next step may still help)."""


class NodeRecover(node_actions.NodeRecover):

    def work(self, profile):
        if recovery.LADDER_INPUT not in self.inputs:
            outcome = super().work(profile)
            if outcome.status == states.SUCCEEDED:
                _reset_budget(self.context, self.node.id)
            return outcome
        return self.ladder(profile)

    # --- the ladder ------------------------------------------------------------------

    def ladder(self, profile):
        settings = health_policy.HealthSettings.from_dict(
            self.inputs[recovery.LADDER_INPUT])
        steps = settings.steps
        first = int(self.data.get('ladder_next', 0))
        node_obj.Node.set_status(
            self.context, self.node.id, states.N_RECOVERING,
            'Recovery in progress: %s' % (self.inputs.get('reason') or 'unhealthy'))
        tried = []
        for index in range(first, len(steps)):
            step = steps[index]
            timeout = step.timeout or self.env.conf.health.step_timeout
            notices.node(self.env, self.context, self.node, 'recovery_step',
                         'Step %d of %d: %s (timeout %d s)'
                         % (index + 1, len(steps), step.name, timeout),
                         action_id=self.action.id)
            deadline = time.monotonic() + timeout
            try:
                physical_id = self._run_step(profile, settings, step, deadline)
                if physical_id:
                    node_obj.Node.update(self.context, self.node.id,
                                         physical_id=physical_id)
                    self.node.physical_id = physical_id
                healthy, reason = self._verify(settings, deadline)
            except StepFailed as exc:
                healthy, reason = False, str(exc)
            self.data['ladder_next'] = index + 1
            action_obj.Action.set_data(self.context, self.action.id, data=self.data,
                                       owner=self.env.engine_id)
            tried.append(step.name)
            if healthy:
                notices.node(self.env, self.context, self.node, 'recovered',
                             'Healthy again after %s' % step.name,
                             action_id=self.action.id)
                node_obj.Node.set_status(
                    self.context, self.node.id, states.N_ACTIVE,
                    'Recovered by %s' % step.name,
                    data=node_actions._without_stop_mark(self.node.data))
                return base.succeeded(
                    'Node recovered by %s (steps tried: %s).'
                    % (step.name, ', '.join(tried)),
                    {'physical_id': self.node.physical_id, 'steps': tried})
            notices.node(self.env, self.context, self.node, 'recovery_step_failed',
                         'Still unhealthy after %s: %s' % (step.name, reason),
                         notices.WARNING, action_id=self.action.id)
        reason = 'Still unhealthy after every recovery step (%s).' % ', '.join(
            tried or [s.name for s in steps])
        node_obj.Node.set_status(self.context, self.node.id, states.N_ERROR, reason)
        return base.failed(reason)

    def _run_step(self, profile, settings, step, deadline):
        """Run one step on the cloud-call pool, bounded by ``deadline``.

        :returns: the new physical id, if the step made one
        :raises StepFailed:
        """
        if step.name == health_policy.RECREATE:
            call = (self._recreate, profile, settings, step)
        else:
            call = (profile.recover, self.context, self.node, step.name,
                    dict(step.params))
        future = self.env.cloud_pool.submit(*call)
        try:
            result = future.result(timeout=max(deadline - time.monotonic(), 0.1))
        except concurrent.futures.TimeoutError:
            raise StepFailed('%s did not finish within its timeout (it may still '
                             'be running)' % step.name) from None
        except (profile_base.ResourceError,
                profile_base.OperationNotSupported) as exc:
            resource_id = getattr(exc, 'resource_id', None)
            if resource_id and resource_id != self.node.physical_id:
                # The step made a resource and it failed (a recreated stack in
                # CREATE_FAILED): the node owns it now, so the next step or
                # recovery deletes it instead of leaving it behind.
                node_obj.Node.update(self.context, self.node.id,
                                     physical_id=resource_id)
                self.node.physical_id = resource_id
            raise StepFailed('%s failed: %s' % (step.name, exc)) from exc
        return result if isinstance(result, str) and result else None

    def _recreate(self, profile, settings, step):
        """Fence, delete, create.  Never creates while fencing failed."""
        try:
            profile.fence(self.context, self.node, tuple(settings.fencing))
        except (profile_base.ResourceError,
                profile_base.OperationNotSupported) as exc:
            raise profile_base.ResourceError(
                'fencing failed, so the node is not recreated: %s' % exc) from exc
        notices.node(self.env, self.context, self.node, 'fenced',
                     'The old resource is fenced (%s)'
                     % (', '.join(settings.fencing) or 'force delete'),
                     action_id=self.action.id)
        try:
            profile.delete(self.context, self.node, force=True)
        except profile_base.ResourceError:
            # Fenced already: node_force_recreate says whether to go on.
            if not settings.node_force_recreate:
                raise
        return profile.create(self.context, self.node)

    def _verify(self, settings, deadline):
        """Check the node with the policy's detectors until it is healthy or
        ``deadline`` passes.  :returns: (healthy, reason)"""
        checker = detectors.Checker(self.env, self.context,
                                    futurist.SynchronousExecutor())
        node = node_obj.Node.get(self.context, self.node.id, project_safe=False)
        modes = [m for m in settings.polling if m.type in detectors.DETECTORS] or \
            [health_policy.Mode(health_policy.NODE_STATUS_POLLING, {})]
        while True:
            verdicts = {m.type: detectors.DETECTORS[m.type](
                checker, [node], m.options).get(node.id, (None, None))
                for m in modes}
            healthy, reason, _mode = detectors.combine(
                [m.type for m in modes], verdicts, settings.recovery_conditional)
            if healthy is None and health_policy.NODE_STATUS_POLLING not in \
                    verdicts:
                # No mode can tell yet (a recreated node is not a load
                # balancer member until the AFTER check): its resource does.
                healthy, reason = detectors.DETECTORS[
                    health_policy.NODE_STATUS_POLLING](checker, [node], {}).get(
                        node.id, (None, reason))
            if healthy:
                return True, None
            if time.monotonic() + VERIFY_INTERVAL >= deadline:
                return False, reason
            time.sleep(VERIFY_INTERVAL)


def _reset_budget(context, node_id):
    state = health_obj.NodeHealth.get_one(context, node_id)
    if state is not None and (state.attention or state.recoveries):
        health_obj.NodeHealth.reset_budget(context, node_id)
