"""The one list of API microversions clusterd serves, with a reason for each."""

SERVICE_TYPE = 'clustering'

VERSIONS = [
    ('1.0', 'Initial version (Senlin v1).'),
    ('1.1', 'Microversion header support.'),
    ('1.2', 'Cluster collect; profile and policy validate.'),
    ('1.3', 'replace_nodes cluster action.'),
    ('1.4', 'Profile type ops, node and cluster ops, receiver user filter, '
            'destroy_after_deletion.'),
    ('1.5', 'support_status in profile and policy types.'),
    ('1.6', 'profile_only on cluster update; check on recover.'),
    ('1.7', 'Node adopt and adopt-preview, receiver update, services, cluster config.'),
    ('1.8', 'force on cluster and node delete.'),
    ('1.9', 'complete_lifecycle cluster action.'),
    ('1.10', 'Webhook trigger inputs are the raw JSON body.'),
    ('1.11', 'Scaling conflicts and cooldowns answer 409.'),
    ('1.12', 'Action cancel (PATCH /actions/{id}).'),
    ('1.13', 'tainted in node bodies.'),
    ('1.14', 'cluster_id in action bodies.'),
]

MIN_VERSION = VERSIONS[0][0]
MAX_VERSION = VERSIONS[-1][0]
