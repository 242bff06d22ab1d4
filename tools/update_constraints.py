#!/usr/bin/env python3
"""Write constraints.txt again from a fresh resolve of clusterd and its tests.

    python3 tools/update_constraints.py            # the newest versions pip picks
    python3 tools/update_constraints.py --lowest   # the lower bounds of pyproject
    python3 tools/update_constraints.py --output /tmp/c.txt --python python3.12

It makes a throw-away venv, installs ``.[test]`` from this checkout without any
constraints (with ``--lowest``: every direct dependency of pyproject.toml held at
its lower bound, the rest resolved by pip as usual), and writes ``pip freeze`` of
that venv, less clusterd itself and pip's tools, as exact pins.  Run the test
suite with the new file (README.rst's test command) before committing it: the file
is meant to hold the versions CI last passed with.

The `openstack cluster` client (client/) is not in it: it installs into a venv of
its own, on an osc-lib the server's test tools cannot share.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Never pinned: the project itself, and what the venv brings to install and
# build packages (a pin of the venv's own setuptools would clash with a newer
# Python's, and with the setuptools that builds clusterd).
SKIP = {'clusterd', 'python-clusterdclient', 'pip', 'setuptools', 'wheel'}

HEADER = """\
# Exact versions of everything `pip install -c constraints.txt -e '.[test]'`
# installs: the versions CI last passed with (README.rst, .ci/run).
# Written by tools/update_constraints.py%s with Python %s; do not edit by hand.
"""


def canonical(name):
    return re.sub(r'[-_.]+', '-', name).lower()


def lowest_pins(extras=('test',)):
    """``name==lower bound`` of every direct dependency of pyproject.toml (and
    of ``extras``) that has one."""
    with open(os.path.join(ROOT, 'pyproject.toml'), 'rb') as stream:
        project = tomllib.load(stream)['project']
    lines = list(project['dependencies'])
    for extra in extras:
        lines += project['optional-dependencies'][extra]
    pins = []
    for line in lines:
        match = re.match(r'^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^]]*\])?\s*'
                         r'([^;]*)', line)
        for spec in match.group(3).split(','):
            bound = re.match(r'^\s*(>=|==)\s*([^\s]+)\s*$', spec)
            if bound:
                pins.append('%s==%s' % (match.group(1), bound.group(2)))
    return pins


def resolve(python, lowest):
    with tempfile.TemporaryDirectory(prefix='clusterd-constraints-') as tmp:
        venv = os.path.join(tmp, 'venv')
        subprocess.run([python, '-m', 'venv', venv], check=True)
        pip = [os.path.join(venv, 'bin', 'python'), '-m', 'pip']
        env = dict(os.environ, PIP_DISABLE_PIP_VERSION_CHECK='1')
        env.pop('PIP_CONSTRAINT', None)
        command = pip + ['install', '-q', ROOT + '[test]']
        if lowest:
            floors = os.path.join(tmp, 'floors.txt')
            with open(floors, 'w') as stream:
                stream.write('\n'.join(lowest_pins()) + '\n')
            command += ['-c', floors]
        subprocess.run(command, check=True, env=env)
        frozen = subprocess.run(pip + ['freeze', '--all'], check=True, env=env,
                                capture_output=True, text=True).stdout
        version = subprocess.run(
            [os.path.join(venv, 'bin', 'python'), '-c',
             'import sys; print("%d.%d" % sys.version_info[:2])'],
            check=True, capture_output=True, text=True).stdout.strip()
    pins = []
    for line in frozen.splitlines():
        match = re.match(r'^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)$', line.strip())
        if match and canonical(match.group(1)) not in SKIP:
            pins.append('%s==%s' % (match.group(1), match.group(2)))
    return sorted(pins, key=lambda pin: canonical(pin.split('==')[0])), version


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--lowest', action='store_true',
                        help="hold pyproject's direct dependencies at their "
                             'lower bounds')
    parser.add_argument('--python', default=sys.executable,
                        help='the Python to make the venv with (default: this one)')
    parser.add_argument('--output', default=os.path.join(ROOT, 'constraints.txt'))
    args = parser.parse_args(argv)
    pins, version = resolve(args.python, args.lowest)
    with open(args.output, 'w') as stream:
        stream.write(HEADER % (' --lowest' if args.lowest else '', version))
        stream.write('\n'.join(pins) + '\n')
    print('%s: %d pins' % (args.output, len(pins)))
    return 0


if __name__ == '__main__':
    sys.exit(main())
