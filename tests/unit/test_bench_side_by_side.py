"""benchmarks/side_by_side.py's summary: the first request after start, timed
by the service's own records too (clusters.py server_wall: from the POST to
the end its action recorded, without the polls' granularity), and the 25x
check over the workloads both systems ran."""

import importlib.util
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _bench(name):
    # side_by_side.py imports its neighbours by name.
    sys.path.insert(0, os.path.join(ROOT, 'benchmarks'))
    try:
        spec = importlib.util.spec_from_file_location(
            'bench_' + name, os.path.join(ROOT, 'benchmarks', name + '.py'))
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(os.path.join(ROOT, 'benchmarks'))


def test_server_wall_is_the_post_to_the_recorded_end():
    clusters = _bench('clusters')
    assert clusters.server_wall(1000.0, {'end_time': 1000.0425}) == 0.043
    assert clusters.server_wall(1000.0, {'end_time': None}) is None
    assert clusters.server_wall(1000.0, {}) is None


def _create(wall, server):
    return {'status': 'ACTIVE', 'wall_s': wall, 'server_wall_s': server,
            'cpu_ms_per_node': 2.0, 'process_ms_per_node': 3.0}


def test_the_first_create_is_compared_with_the_median_both_ways():
    side = _bench('side_by_side')
    run = {'results': {'create': {
        '10': _create(0.06, 0.050), '10#2': _create(0.05, 0.041),
        '10#3': _create(0.04, 0.040), '100': _create(0.1, 0.09)}}}
    c10 = side.figures(run)['create_10']
    assert c10['first_wall_s'] == 0.06 and c10['wall_s'] == 0.05
    assert c10['first_server_wall_s'] == 0.05 and c10['server_wall_s'] == 0.041
    assert c10['runs_server_wall_s'] == [0.05, 0.041, 0.04]
    _ratios, targets = side.compare(None, run)
    assert targets['first_create_10_over_median'] == 1.2
    assert targets['first_create_10_over_median_server'] == 1.22


def test_the_yardstick_is_a_positive_number_of_milliseconds():
    assert _bench('side_by_side').python_yardstick_ms(repeats=1) > 0


def test_the_25x_check_counts_the_workloads_senlin_ran():
    side = _bench('side_by_side')
    senlin = {'results': {'create': {'10': _create(3.0, 2.9)}}}
    clusterd = {'results': {'create': {'10': _create(0.1, 0.09),
                                       '1000': _create(0.9, 0.8)}}}
    _ratios, targets = side.compare(senlin, clusterd)
    assert targets['every_wall_ratio_at_least_25x'] is True
    slow = {'results': {'create': {'10': _create(0.2, 0.19),
                                   '1000': _create(0.9, 0.8)}}}
    assert side.compare(senlin, slow)[1]['every_wall_ratio_at_least_25x'] is False
    failed = {'results': {'create': {'10': dict(_create(0.1, 0.09),
                                                status='ERROR')}}}
    assert side.compare(senlin, failed)[1]['every_wall_ratio_at_least_25x'] is False
