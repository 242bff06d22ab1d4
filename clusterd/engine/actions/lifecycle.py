"""CLUSTER_LIFECYCLE_NOTIFY: POST the lifecycle hook of held victims.

A derived action written beside the held removals (see
:mod:`clusterd.engine.lifecycle`), so that it runs only once they are committed: a
receiver that calls ``complete_lifecycle`` at once always finds its token.  It
holds no lock (its parent holds the cluster's) and changes nothing but its own
outputs; a hook that cannot be delivered leaves the nodes held until the hook's
timeout, and says so in an event.
"""

from clusterd.engine.actions import base
from clusterd.engine import events
from clusterd.engine import lifecycle
from clusterd.objects import cluster as cluster_obj


class LifecycleNotify(base.Workflow):

    def wants_events(self):
        return False

    def step_start(self):
        if 'url' not in self.inputs:
            return self._no_zaqar()
        url = self.inputs.get('url')
        notices = self.inputs.get('notices') or []
        # One POST per node, side by side on the engine's cloud-call pool: a slow
        # or dead URL costs one node's retries, not the sum over the victims.
        futures = [self.env.cloud_pool.submit(lifecycle.deliver, url, notice)
                   for notice in notices]
        delivered, failed = [], []
        for notice, future in zip(notices, futures):
            ok, what = future.result()
            entry = {'node_id': notice['node_id'],
                     'lifecycle_action_token': notice['lifecycle_action_token'],
                     'result': what}
            (delivered if ok else failed).append(entry)
        outputs = {'url': url, 'delivered': delivered, 'failed': failed}
        if not failed:
            return base.succeeded('Lifecycle hook delivered to %s for %d node(s).'
                                  % (url, len(delivered)), outputs)
        reason = ('Lifecycle hook could not be delivered to %s for node(s) %s (%s); '
                  'they are removed when the hook times out, or by '
                  'complete_lifecycle.' % (
                      url, ', '.join(f['node_id'] for f in failed),
                      failed[0]['result']))
        cluster = cluster_obj.Cluster.get(self.context, self.action.target,
                                          project_safe=False)
        events.emit(self.env, self.context, self.action, 'CLUSTER', cluster,
                    events.ERROR, reason, events.WARNING)
        return base.failed(reason, outputs)

    def _no_zaqar(self):
        queue = self.inputs.get('queue')
        notices = self.inputs.get('notices') or []
        nodes = [n['node_id'] for n in notices]
        reason = ("Lifecycle hook type 'zaqar' cannot post to queue '%s' (clusterd "
                  "has no Zaqar) for node(s) %s; they are removed when the hook "
                  "times out, or by complete_lifecycle with their token."
                  % (queue, ', '.join(nodes)))
        outputs = {'queue': queue, 'delivered': [],
                   'failed': [{'node_id': n['node_id'],
                               'lifecycle_action_token': n['lifecycle_action_token'],
                               'result': 'no Zaqar'} for n in notices]}
        cluster = cluster_obj.Cluster.get(self.context, self.action.target,
                                          project_safe=False)
        events.emit(self.env, self.context, self.action, 'CLUSTER', cluster,
                    events.ERROR, reason, events.WARNING)
        return base.failed(reason, outputs)
