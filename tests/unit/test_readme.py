"""CI runs exactly the test command that README.rst gives a newcomer."""

import os
import re

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _commands():
    text = open(os.path.join(ROOT, 'README.rst')).read()
    return re.findall(r'^    (python3 -m venv .*)$', text, re.M)


def test_readme_has_two_quick_start_commands():
    commands = _commands()
    assert len(commands) == 2
    assert commands[0].endswith('clusterd-standalone')
    assert commands[1].endswith('pytest')


def test_ci_runs_the_readme_test_command():
    ci = open(os.path.join(ROOT, '.ci', 'run')).read()
    assert _commands()[1] in ci.splitlines()
    assert 'CLUSTERD_TEST_REQUIRE_SERVICES=1' in ci
