"""The state machine, rendered and checked as a whole."""

import pytest

from clusterd import states


def render(kind):
    table = states.TABLES[kind]
    return ['%s -> %s' % (source, ', '.join(sorted(targets)) or '(end)')
            for source, targets in sorted(table.items())]


def test_action_table():
    assert render('action') == [
        'CANCELLED -> (end)',
        'FAILED -> (end)',
        'INIT -> CANCELLED, FAILED, READY, WAITING, WAITING_LIFECYCLE_COMPLETION',
        'READY -> CANCELLED, FAILED, RUNNING',
        'RUNNING -> CANCELLED, FAILED, READY, SUCCEEDED, WAITING',
        'SUCCEEDED -> (end)',
        'WAITING -> CANCELLED, FAILED, READY',
        'WAITING_LIFECYCLE_COMPLETION -> CANCELLED, FAILED, READY',
    ]


def test_node_table():
    assert render('node') == [
        'ACTIVE -> ACTIVE, DELETING, ERROR, OPERATING, RECOVERING, UPDATING, WARNING',
        'CREATING -> ACTIVE, CREATING, DELETING, ERROR',
        'DELETING -> ACTIVE, DELETING, ERROR',
        'ERROR -> ACTIVE, DELETING, ERROR, OPERATING, RECOVERING, UPDATING, WARNING',
        'INIT -> CREATING, DELETING, ERROR',
        'OPERATING -> ACTIVE, DELETING, ERROR, WARNING',
        'RECOVERING -> ACTIVE, DELETING, ERROR, WARNING',
        'UPDATING -> ACTIVE, DELETING, ERROR, WARNING',
        'WARNING -> ACTIVE, DELETING, ERROR, OPERATING, RECOVERING, UPDATING, WARNING',
    ]


def test_every_cluster_status_has_a_way_out_and_busy_ones_settle():
    table = states.TABLES['cluster']
    for busy in states.CLUSTER_BUSY:
        assert states.CLUSTER_SETTLED <= table[busy]
    assert set(table) == states.CLUSTER_BUSY | states.CLUSTER_SETTLED | {'INIT'}


def test_terminal_actions_never_move():
    for status in states.ACTION_TERMINAL:
        assert states.sources('action', status) >= {states.RUNNING}
        with pytest.raises(states.InvalidTransition):
            states.check('action', status, states.READY)


@pytest.mark.parametrize('active, expected', [
    (0, 'ERROR'), (1, 'WARNING'), (3, 'ACTIVE'), (5, 'ACTIVE'), (6, 'WARNING')])
def test_eval_cluster_status_as_senlin(active, expected):
    status, _reason = states.eval_cluster_status(active, min_size=1, max_size=5,
                                                 desired_capacity=3)
    assert status == expected


def test_generated_state_doc_is_current():
    import os
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(
        __file__))))
    with open(os.path.join(root, 'doc/source/contributor/states.rst')) as f:
        assert f.read() == states.render_rst(), (
            'run: python -m clusterd.states > '
            'doc/source/contributor/states.rst')


def test_action_names_are_the_actions_the_engines_run():
    # The event list's ``action`` filter takes exactly these (issue 25).
    from clusterd.engine.actions import registry
    assert set(states.ACTION_NAMES) == set(registry.WORKFLOWS)
    assert len(states.ACTION_NAMES) == len(set(states.ACTION_NAMES))


def test_what_can_be_cancelled_is_what_is_active():
    from clusterd.engine import control
    assert set(control.CANCELLABLE) == states.ACTION_ACTIVE
