"""Our ``openstack cluster`` plugin (``client/``) offers every command of
python-senlinclient 3.1.0 with every one of its options and arguments.

Both plugins' command classes are loaded here, in the test venv (whose
osc-lib 3 our modules import as well as osc-lib 4), and their argument
parsers compared; ``tests/compat`` runs them.
"""

import argparse
import importlib
import importlib.metadata
import os
import sys
import tomllib

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CLIENT = os.path.join(ROOT, 'client')
GROUP = 'openstack.clustering.v1'
OURS_ONLY = {'cluster_health', 'cluster_action_explain',
             'cluster_receiver_rotate-secret'}
# What our commands may add to a senlinclient command's options.
ADDED = {'--idempotency-key', '--wait', '--timeout', '--wait-timeout',
         '--dry-run'}


def _ours():
    with open(os.path.join(CLIENT, 'pyproject.toml'), 'rb') as stream:
        project = tomllib.load(stream)['project']
    return project['entry-points'][GROUP], project


def _senlinclient():
    try:
        found = importlib.metadata.entry_points(group=GROUP)
    except Exception:       # noqa: BLE001 - nothing installed
        found = ()
    found = {entry.name: entry.value for entry in found
             if entry.value.startswith('senlinclient.')}
    if not found:
        pytest.skip('python-senlinclient is not installed')
    return found


def _load(target):
    module, _, name = target.partition(':')
    if module.startswith('clusterdclient') and CLIENT not in sys.path:
        sys.path.insert(0, CLIENT)
    return getattr(importlib.import_module(module), name)


def _parser(target, name):
    command = _load(target)(None, None)
    return command.get_parser('openstack ' + name.replace('_', ' '))


def _options(parser):
    found = {}
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            continue
        for option in action.option_strings or [action.dest]:
            found[option] = action
    return found


def test_every_command_and_only_three_more():
    ours, _project = _ours()
    theirs = _senlinclient()
    assert set(theirs) <= set(ours)
    assert set(ours) - set(theirs) == OURS_ONLY


def test_every_option_and_argument():
    ours, _project = _ours()
    problems = []
    for name, target in sorted(_senlinclient().items()):
        theirs = _options(_parser(target, name))
        mine = _options(_parser(ours[name], name))
        for option, action in theirs.items():
            other = mine.get(option)
            if other is None:
                problems.append('%s: no %s' % (name, option))
                continue
            for attribute in ('required', 'nargs', 'metavar', 'const'):
                if getattr(action, attribute) != getattr(other, attribute):
                    problems.append('%s %s: %s %r, senlinclient %r' % (
                        name, option, attribute, getattr(other, attribute),
                        getattr(action, attribute)))
            if type(action) is not type(other):
                problems.append('%s %s: %s, senlinclient %s' % (
                    name, option, type(other).__name__, type(action).__name__))
        positional = [a.dest for a in mine.values() if not a.option_strings]
        expected = [a.dest for a in theirs.values() if not a.option_strings]
        if positional != expected:
            problems.append('%s: arguments %s, senlinclient %s' % (
                name, positional, expected))
        extra = {option for option in mine if option.startswith('-')} - \
            set(theirs) - ADDED
        if extra:
            problems.append('%s: unexpected %s' % (name, sorted(extra)))
    assert problems == [], "\n".join(problems)


def test_no_server_dependency():
    _ours_points, project = _ours()
    names = {requirement.split('>')[0].split('=')[0].split('<')[0].strip().lower()
             for requirement in project['dependencies']}
    assert {'osc-lib', 'python-openstackclient', 'openstacksdk'} <= names
    with open(os.path.join(ROOT, 'pyproject.toml'), 'rb') as stream:
        server = tomllib.load(stream)['project']['dependencies']
    server = {requirement.split('>')[0].strip().lower() for requirement in server}
    # PyYAML comes with openstacksdk anyway; the server names it for its
    # simulated cloud, the client for spec files.
    assert names & server <= {'openstacksdk', 'pyyaml'}, names & server


def test_the_extension_module_imports_nothing_heavy():
    """python-openstackclient imports the extension module at every start,
    whatever the command: it must not pull in the SDK or our commands."""
    code = ('import sys; sys.path.insert(0, %r); import clusterdclient.plugin; '
            'print(sorted(m for m in sys.modules if m.startswith(('
            '"openstack", "clusterdclient", "osc_lib", "keystoneauth1"))))'
            % CLIENT)
    import subprocess
    done = subprocess.run([sys.executable, '-c', code], capture_output=True,
                          text=True, check=True)
    assert done.stdout.strip() == "['clusterdclient', 'clusterdclient.plugin']"
