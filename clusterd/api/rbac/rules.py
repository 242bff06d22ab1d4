"""Default access rules, with the secure-RBAC personas.

A project reader may read its project's objects, a project member may also change
them, and an admin may do everything, including listing services and listing
across projects (``global_project``).  Rule names are Senlin's
(``<resource>:<method>``), so a Senlin policy file keeps its meaning.
"""

from oslo_policy import policy

ADMIN = 'role:admin'
PROJECT_READER = 'role:reader and project_id:%(project_id)s'
PROJECT_MEMBER = 'role:member and project_id:%(project_id)s'

ADMIN_API = 'rule:context_is_admin'
READER = 'rule:context_is_admin or rule:project_reader'
MEMBER = 'rule:context_is_admin or rule:project_member'
ANYONE = ''

GLOBAL_PROJECT = 'clustering:global_project'

BASE_RULES = [
    policy.RuleDefault('context_is_admin', ADMIN,
                       description='Who is a cloud administrator.'),
    policy.RuleDefault('project_reader', PROJECT_READER,
                       description='A reader of the project of the request.'),
    policy.RuleDefault('project_member', PROJECT_MEMBER,
                       description='A member of the project of the request.'),
]

# (rule, check, description, [(method, path), ...])
_API_RULES = [
    ('build_info:build_info', READER, 'Show build information.',
     [('GET', '/v1/build-info')]),
    ('services:index', ADMIN_API, 'List engine services.', [('GET', '/v1/services')]),
    (GLOBAL_PROJECT, ADMIN_API, 'List objects of every project (global_project).',
     [('GET', '/v1/clusters?global_project=true')]),
    ('profile_types:index', READER, 'List profile types.',
     [('GET', '/v1/profile-types')]),
    ('profile_types:get', READER, 'Show a profile type.',
     [('GET', '/v1/profile-types/{type_name}')]),
    ('profile_types:ops', READER, 'List the operations of a profile type.',
     [('GET', '/v1/profile-types/{type_name}/ops')]),
    ('policy_types:index', READER, 'List policy types.', [('GET', '/v1/policy-types')]),
    ('policy_types:get', READER, 'Show a policy type.',
     [('GET', '/v1/policy-types/{type_name}')]),
    ('profiles:index', READER, 'List profiles.', [('GET', '/v1/profiles')]),
    ('profiles:create', MEMBER, 'Create a profile.', [('POST', '/v1/profiles')]),
    ('profiles:validate', MEMBER, 'Validate a profile spec.',
     [('POST', '/v1/profiles/validate')]),
    ('profiles:get', READER, 'Show a profile.', [('GET', '/v1/profiles/{profile_id}')]),
    ('profiles:update', MEMBER, 'Update a profile.',
     [('PATCH', '/v1/profiles/{profile_id}')]),
    ('profiles:delete', MEMBER, 'Delete a profile.',
     [('DELETE', '/v1/profiles/{profile_id}')]),
    ('policies:index', READER, 'List policies.', [('GET', '/v1/policies')]),
    ('policies:create', MEMBER, 'Create a policy.', [('POST', '/v1/policies')]),
    ('policies:validate', MEMBER, 'Validate a policy spec.',
     [('POST', '/v1/policies/validate')]),
    ('policies:get', READER, 'Show a policy.', [('GET', '/v1/policies/{policy_id}')]),
    ('policies:update', MEMBER, 'Update a policy.',
     [('PATCH', '/v1/policies/{policy_id}')]),
    ('policies:delete', MEMBER, 'Delete a policy.',
     [('DELETE', '/v1/policies/{policy_id}')]),
    ('clusters:index', READER, 'List clusters.', [('GET', '/v1/clusters')]),
    ('clusters:create', MEMBER, 'Create a cluster.', [('POST', '/v1/clusters')]),
    ('clusters:get', READER, 'Show a cluster.', [('GET', '/v1/clusters/{cluster_id}')]),
    ('clusters:update', MEMBER, 'Update a cluster.',
     [('PATCH', '/v1/clusters/{cluster_id}')]),
    ('clusters:delete', MEMBER, 'Delete a cluster.',
     [('DELETE', '/v1/clusters/{cluster_id}')]),
    ('clusters:action', MEMBER, 'Run an action on a cluster.',
     [('POST', '/v1/clusters/{cluster_id}/actions')]),
    ('clusters:collect', READER, 'Collect an attribute over the nodes of a cluster.',
     [('GET', '/v1/clusters/{cluster_id}/attrs/{path}')]),
    ('clusters:operation', MEMBER, 'Run a profile operation on a cluster.',
     [('POST', '/v1/clusters/{cluster_id}/ops')]),
    ('cluster_policies:index', READER, 'List the policies attached to a cluster.',
     [('GET', '/v1/clusters/{cluster_id}/policies')]),
    ('cluster_policies:get', READER, 'Show a cluster policy binding.',
     [('GET', '/v1/clusters/{cluster_id}/policies/{policy_id}')]),
    ('nodes:index', READER, 'List nodes.', [('GET', '/v1/nodes')]),
    ('nodes:create', MEMBER, 'Create a node.', [('POST', '/v1/nodes')]),
    ('nodes:adopt', MEMBER, 'Adopt an existing resource as a node.',
     [('POST', '/v1/nodes/adopt')]),
    ('nodes:adopt_preview', MEMBER, 'Preview the adoption of a resource.',
     [('POST', '/v1/nodes/adopt-preview')]),
    ('nodes:get', READER, 'Show a node.', [('GET', '/v1/nodes/{node_id}')]),
    ('nodes:update', MEMBER, 'Update a node.', [('PATCH', '/v1/nodes/{node_id}')]),
    ('nodes:delete', MEMBER, 'Delete a node.', [('DELETE', '/v1/nodes/{node_id}')]),
    ('nodes:action', MEMBER, 'Check or recover a node.',
     [('POST', '/v1/nodes/{node_id}/actions')]),
    ('nodes:operation', MEMBER, 'Run a profile operation on a node.',
     [('POST', '/v1/nodes/{node_id}/ops')]),
    ('receivers:index', READER, 'List receivers.', [('GET', '/v1/receivers')]),
    ('receivers:create', MEMBER, 'Create a receiver.', [('POST', '/v1/receivers')]),
    ('receivers:get', READER, 'Show a receiver.',
     [('GET', '/v1/receivers/{receiver_id}')]),
    ('receivers:update', MEMBER, 'Update a receiver.',
     [('PATCH', '/v1/receivers/{receiver_id}')]),
    ('receivers:delete', MEMBER, 'Delete a receiver.',
     [('DELETE', '/v1/receivers/{receiver_id}')]),
    ('receivers:notify', MEMBER, 'Notify a message receiver.',
     [('POST', '/v1/receivers/{receiver_id}/notify')]),
    ('webhooks:trigger', ANYONE, 'Trigger a webhook (its URL is the secret).',
     [('POST', '/v1/webhooks/{webhook_id}/trigger')]),
    ('actions:index', READER, 'List actions.', [('GET', '/v1/actions')]),
    ('actions:create', MEMBER, 'Create an action directly.',
     [('POST', '/v1/actions')]),
    ('actions:get', READER, 'Show an action.', [('GET', '/v1/actions/{action_id}')]),
    ('actions:update', MEMBER, 'Cancel an action.',
     [('PATCH', '/v1/actions/{action_id}')]),
    ('events:index', READER, 'List events.', [('GET', '/v1/events')]),
    ('events:get', READER, 'Show an event.', [('GET', '/v1/events/{event_id}')]),
]


def list_rules():
    return BASE_RULES + [
        policy.DocumentedRuleDefault(
            name=name, check_str=check, description=description,
            operations=[{'method': m, 'path': p} for m, p in operations],
            scope_types=['project'])
        for name, check, description, operations in _API_RULES]
