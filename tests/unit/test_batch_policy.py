"""senlin.policy.batch-1.0 / clusterd.policy.batch-1.1: spec checks and the plan."""

import pytest

from clusterd import plugins
from clusterd.policies import batch
from clusterd import schema


def _make(version, **properties):
    type_name = 'senlin.policy.batch' if version == '1.0' else 'clusterd.policy.batch'
    cls = plugins.policy_class('%s-%s' % (type_name, version))
    return cls('b', {'type': type_name, 'version': version,
                     'properties': properties})


def _nodes(count, bad=()):
    return [{'id': 'n%02d' % i, 'index': i,
             'status': 'ERROR' if i in bad else 'ACTIVE'} for i in range(1, count + 1)]


def test_senlin_defaults():
    policy = _make('1.0')
    assert policy.properties == {'min_in_service': 1, 'max_batch_size': -1,
                                 'pause_time': 60}


@pytest.mark.parametrize('version,properties,path', [
    ('1.0', {'min_in_service': -1}, 'properties.min_in_service'),
    ('1.0', {'max_batch_size': 0}, 'properties.max_batch_size'),
    ('1.0', {'max_batch_size': -2}, 'properties.max_batch_size'),
    ('1.0', {'pause_time': 'soon'}, 'properties.pause_time'),
    ('1.0', {'max_surge': 1}, 'properties'),  # a 1.1 property
    ('1.1', {'max_surge': -1}, 'properties.max_surge'),
    ('1.1', {'max_unavailable': 'many'}, 'properties.max_unavailable'),
    ('1.1', {'max_unavailable': '120%'}, 'properties.max_unavailable'),
    ('1.1', {'max_unavailable': -3}, 'properties.max_unavailable'),
    ('1.1', {'max_unavailable': 0}, 'properties.max_unavailable'),
    ('1.1', {'timeout': 0}, 'properties.timeout'),
    ('1.1', {'health_gate': 'yes'}, 'properties.health_gate'),
    ('1.1', {'rollback': 3}, 'properties.rollback'),
])
def test_bad_values_name_the_field(version, properties, path):
    with pytest.raises(schema.InvalidSpec) as caught:
        _make(version, **properties)
    assert caught.value.path == path


def test_max_unavailable_count_or_percentage():
    assert _make('1.1', max_unavailable='20%').properties['max_unavailable'] == '20%'
    assert _make('1.1', max_unavailable=3).properties['max_unavailable'] == 3
    assert _make('1.1', max_unavailable=0, max_surge=1).properties[
        'max_unavailable'] == 0
    assert batch.resolve_count('20%', 10) == 2
    assert batch.resolve_count('25%', 10) == 2  # rounds down
    assert batch.resolve_count(3, 10) == 3


def test_senlin_batch_size():
    # total - min_in_service, capped by max_batch_size.
    assert batch.batch_size(10, 8, 2) == 2
    assert batch.batch_size(10, 8, -1) == 2
    assert batch.batch_size(10, 1, -1) == 9
    assert batch.batch_size(10, 1, 4) == 4
    # No more nodes than min_in_service: two halves.
    assert batch.batch_size(4, 8, -1) == 2
    assert batch.batch_size(1, 1, -1) == 1
    assert batch.batch_size(10, 0, -1, max_unavailable=3) == 3


def test_plan_batches_puts_bad_nodes_first():
    plan = batch.plan_batches(_nodes(10, bad=(7, 9)),
                              {'min_in_service': 8, 'max_batch_size': 2})
    assert plan == [['n07', 'n09'], ['n01', 'n02'], ['n03', 'n04'],
                    ['n05', 'n06'], ['n08', 'n10']]


def test_plan_batches_with_surge_and_max_unavailable():
    nodes = _nodes(10)
    assert [len(b) for b in batch.plan_batches(nodes, {'max_surge': 3})] == \
        [3, 3, 3, 1]
    assert [len(b) for b in batch.plan_batches(
        nodes, {'max_surge': 3, 'max_batch_size': 2})] == [2] * 5
    assert [len(b) for b in batch.plan_batches(
        nodes, {'min_in_service': 0, 'max_unavailable': '30%'})] == [3, 3, 3, 1]
    # Percentages are of the desired capacity when given.
    assert [len(b) for b in batch.plan_batches(
        nodes[:4], {'min_in_service': 0, 'max_unavailable': '50%'},
        desired=10)] == [4]
    assert batch.plan_batches([], {}) == []


def test_targets():
    policy = _make('1.1')
    assert policy.applies_to('BEFORE', 'CLUSTER_UPDATE')
    assert policy.applies_to('BEFORE', 'CLUSTER_REPLACE_NODES')
    assert not policy.applies_to('BEFORE', 'CLUSTER_SCALE_IN')
    assert policy.PRIORITY == 200
