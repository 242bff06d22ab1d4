"""``senlin.policy.deletion-1.0`` and ``-1.1``: which nodes a shrinking cluster
loses, what becomes of them, and (1.1) who is told first.

Spec (Senlin's)::

    type: senlin.policy.deletion
    version: 1.1
    properties:
      criteria: OLDEST_FIRST          # OLDEST_PROFILE_FIRST, YOUNGEST_FIRST, RANDOM
      destroy_after_deletion: true    # false: the nodes leave the cluster (orphans)
      grace_period: 0                 # seconds the victims are kept before going
      reduce_desired_capacity: true   # for del_nodes
      hooks:                          # 1.1 only
        type: webhook                 # or zaqar (Senlin's default), see below
        params: {url: 'https://cleanup.example.com/terminating'}
        timeout: 300                  # seconds to wait for complete_lifecycle

A hook without ``type`` is a webhook when it has ``params.url`` and Senlin's
default, ``zaqar``, otherwise.  clusterd has no Zaqar: a ``zaqar`` hook is accepted
(Senlin's samples validate), its victims are held for the timeout as Senlin held
them, and the message that cannot be posted to the queue is a warning event and
the notify action's failure, naming the queue.

The BEFORE check ranks every member (explicit candidates, then ERROR/WARNING or
tainted nodes, then nodes never created, then the criterion) and writes the
ranking, with the reason for each place, into the action's decisions; the
workflow removes the first N of it.  Lifecycle hooks are run by the workflow
(:mod:`clusterd.engine.lifecycle`).
"""

import urllib.parse

from clusterd.objects import node as node_obj
from clusterd.objects import profile as profile_obj
from clusterd.policies import base
from clusterd.policies import placement
from clusterd.policies import scaleutils
from clusterd import schema

TYPE = 'senlin.policy.deletion'
HOOK_WEBHOOK = 'webhook'
HOOK_ZAQAR = 'zaqar'

HOOKS_SCHEMA = {
    'type': schema.String(
        "How the hook is called: 'webhook' POSTs to params.url; 'zaqar' (Senlin's "
        "default, when params.url is not given) holds the victims but cannot post "
        "to a queue (no Zaqar).",
        default=HOOK_ZAQAR,
        constraints=[schema.AllowedValues((HOOK_ZAQAR, HOOK_WEBHOOK))]),
    'params': schema.Map(
        'Where the hook goes: url (webhook) or queue (zaqar).',
        schema={
            'queue': schema.String('A Zaqar queue name (not available).'),
            'url': schema.String('The URL the hook payload is POSTed to.'),
        }, default={}),
    'timeout': schema.Integer(
        'Seconds a victim waits for complete_lifecycle before it goes anyway.',
        default=0, constraints=[schema.Range(min=0)]),
}


class DeletionPolicy10(base.Policy):
    """Victim choice and the fate of removed nodes (version 1.0, no hooks)."""

    TYPE = TYPE
    VERSION = '1.0'
    PRIORITY = 400
    SINGLETON = True
    SUPPORT_STATUS = {'1.0': [{'status': 'SUPPORTED', 'since': '2026.11'}]}
    TARGET = ((base.BEFORE, 'CLUSTER_SCALE_IN'), (base.BEFORE, 'CLUSTER_DEL_NODES'),
              (base.BEFORE, 'CLUSTER_RESIZE'))
    # The check reads the members and the profiles' ages: a dry run ranks the
    # victims with it, as the action will.
    PRE_OP_READS_ONLY = True

    properties_schema = {
        'criteria': schema.String(
            'How victims are chosen after candidates and unhealthy nodes.',
            default='RANDOM', constraints=[schema.AllowedValues(scaleutils.CRITERIA)]),
        'destroy_after_deletion': schema.Boolean(
            'Delete the removed nodes (true) or keep them as orphans (false).',
            default=True),
        'grace_period': schema.Integer(
            'Seconds the victims are kept before they are removed.', default=0,
            constraints=[schema.Range(min=0)]),
        'reduce_desired_capacity': schema.Boolean(
            'Lower the desired capacity by the nodes removed (del_nodes).',
            default=True),
    }

    def hooks(self):
        return None

    def pre_op(self, context, cluster, action, decisions):
        # Nodes already being deleted are neither counted nor chosen again.
        nodes = node_obj.Node.members(context, cluster.id)
        inputs = action.inputs or {}
        earlier = decisions.deletion
        if action.action == 'CLUSTER_DEL_NODES':
            candidates = list(inputs.get('nodes') or [])
            count, how = len(candidates), 'the nodes named in the request'
        elif action.action == 'CLUSTER_SCALE_IN':
            candidates = list(earlier.candidates) if earlier else []
            if earlier is not None:
                count, how = earlier.count, earlier.reason
            elif inputs.get('count') is not None:
                count, how = int(inputs['count']), 'count from the request'
            else:
                count, how = 1, 'default count 1'
        else:
            candidates = list(earlier.candidates) if earlier else []
            count = len(nodes) - _resize_target(cluster, inputs, len(nodes))
            how = 'the resize request'
            if count <= 0:
                decisions.notes.append('BEFORE %s: the resize does not shrink the '
                                       'cluster' % self.name)
                return
        criteria = self.properties['criteria']
        ranking = scaleutils.rank_nodes(nodes, candidates, criteria,
                                        _profile_ages(context, nodes, criteria))
        spread = (earlier.spread if earlier else None) or {}
        for key in ('region', 'zone'):  # the zone spread has the last word
            if spread.get(key):
                ranking = placement.plan_victims(
                    ranking, {n.id: placement.place_of(n, key) for n in nodes},
                    spread[key])
        victims = ranking[:count]
        decisions.deletion = base.DeletionDecision(
            count=count, candidates=[v['id'] for v in victims],
            destroy_after_deletion=self.properties['destroy_after_deletion'],
            grace_period=self.properties['grace_period'],
            reduce_desired_capacity=self.properties['reduce_desired_capacity'],
            reason='%s; victims by %s' % (how, criteria), criteria=criteria,
            ranking=ranking, hooks=self.hooks(), spread=spread or None)
        decisions.notes.append('BEFORE %s: remove %d node(s) (%s) by %s: %s' % (
            self.name, count, how, criteria,
            '; '.join('%s (%s)' % (v['name'], v['reason']) for v in victims)))


class DeletionPolicy(DeletionPolicy10):
    """Version 1.1: also lifecycle hooks."""

    VERSION = '1.1'
    SUPPORT_STATUS = {'1.1': [{'status': 'SUPPORTED', 'since': '2026.11'}]}
    properties_schema = dict(DeletionPolicy10.properties_schema, hooks=schema.Map(
        'A lifecycle hook called before the victims are removed.',
        schema=HOOKS_SCHEMA, default={}))

    def validate_properties(self, properties):
        result = super().validate_properties(properties)
        hooks = result.get('hooks') or {}
        if not hooks:
            result['hooks'] = {}
            return result
        given = (properties or {}).get('hooks') or {}
        url = (hooks.get('params') or {}).get('url')
        if not isinstance(given, dict) or given.get('type') is None:
            # Senlin's default type is zaqar; a hook that says where to POST is a
            # webhook.
            hooks['type'] = HOOK_WEBHOOK if url else HOOK_ZAQAR
        if hooks['type'] == HOOK_ZAQAR:
            result['hooks'] = hooks
            return result
        parsed = urllib.parse.urlparse(url or '')
        if parsed.scheme not in ('http', 'https') or not parsed.netloc:
            raise schema.InvalidSpec(
                "A webhook hook needs an http(s) URL in params.url, got '%s'" % url,
                'properties.hooks.params.url')
        if not hooks.get('timeout'):
            raise schema.InvalidSpec(
                'A webhook hook needs a timeout of at least 1 second (how long a '
                'victim waits for complete_lifecycle)', 'properties.hooks.timeout')
        return result

    def hooks(self):
        hooks = self.properties.get('hooks') or {}
        return dict(hooks) if hooks else None


def _resize_target(cluster, inputs, current):
    if inputs.get('adjustment_type'):
        desired = scaleutils.calculate_desired(
            current, inputs['adjustment_type'], inputs.get('number') or 0,
            inputs.get('min_step'))
    else:
        desired = cluster.desired_capacity
    min_size = inputs.get('min_size')
    min_size = cluster.min_size if min_size is None else int(min_size)
    if not inputs.get('strict', True):
        desired = max(desired, min_size or 0)
    return desired


def _profile_ages(context, nodes, criteria):
    if criteria != 'OLDEST_PROFILE_FIRST':
        return None
    ages = {}
    for profile_id in {n.profile_id for n in nodes}:
        try:
            ages[profile_id] = profile_obj.Profile.get(
                context, profile_id, project_safe=False).created_at
        except LookupError:
            ages[profile_id] = ''
    return ages
