"""constraints.txt pins everything clusterd and its tests install, within the
bounds pyproject.toml declares (tools/update_constraints.py writes it)."""

import importlib.metadata
import os
import re

from packaging import requirements as reqs
from packaging import version as versions

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def canonical(name):
    return re.sub(r'[-_.]+', '-', name).lower()


def project():
    with open(os.path.join(ROOT, 'pyproject.toml'), 'rb') as stream:
        return tomllib.load(stream)['project']


def requirements(extras=('test',)):
    """The direct requirements of clusterd and of ``extras``."""
    lines = list(project()['dependencies'])
    for extra in extras:
        lines += project()['optional-dependencies'][extra]
    return [reqs.Requirement(line) for line in lines]


def parse_constraints(text):
    """{canonical name: version} of ``name==version`` lines; ValueError on any
    other line that is not a comment."""
    pins = {}
    for number, line in enumerate(text.splitlines(), 1):
        line = line.split('#', 1)[0].strip()
        if not line:
            continue
        match = re.match(r'^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;]+)$', line)
        if not match:
            raise ValueError('line %d is not an exact pin: %r' % (number, line))
        name = canonical(match.group(1))
        if name in pins:
            raise ValueError('line %d pins %s twice' % (number, name))
        pins[name] = match.group(2)
    return pins


def pins():
    with open(os.path.join(ROOT, 'constraints.txt')) as stream:
        return parse_constraints(stream.read())


# What a venv brings to install and build packages: not pinned
# (tools/update_constraints.py).
TOOLS = {'pip', 'setuptools', 'wheel'}


def problems(pinned, direct, closure=()):
    """What is wrong with ``pinned`` for the ``direct`` requirements (and the
    names of their installed ``closure``)."""
    found = []
    for requirement in direct:
        if requirement.marker and not requirement.marker.evaluate({'extra': ''}):
            continue
        name = canonical(requirement.name)
        if name not in pinned:
            found.append('%s is not pinned' % requirement)
        elif not requirement.specifier.contains(versions.Version(pinned[name]),
                                                prereleases=True):
            found.append('%s==%s is outside pyproject.toml\'s %s' % (
                requirement.name, pinned[name], requirement))
    found += ['%s (installed, needed by %s) is not pinned' % (name, by)
              for name, by in sorted(closure)
              if name not in pinned and name not in TOOLS]
    if 'clusterd' in pinned:
        found.append('clusterd itself is pinned')
    return found


def installed_closure(direct):
    """(canonical name, needed by) of everything the ``direct`` requirements
    pull in, read from the installed distributions."""
    needed_by = {}
    done = set()
    todo = [(requirement, 'clusterd') for requirement in direct
            if requirement.marker is None
            or requirement.marker.evaluate({'extra': ''})]
    while todo:
        requirement, by = todo.pop()
        name = canonical(requirement.name)
        needed_by.setdefault(name, by)
        if (name, frozenset(requirement.extras)) in done:
            continue
        done.add((name, frozenset(requirement.extras)))
        try:
            dist = importlib.metadata.distribution(requirement.name)
        except importlib.metadata.PackageNotFoundError:
            continue
        for line in dist.requires or ():
            sub = reqs.Requirement(line)
            if sub.marker is None or any(
                    sub.marker.evaluate({'extra': extra})
                    for extra in requirement.extras | {''}):
                todo.append((sub, name))
    return set(needed_by.items())


def test_every_dependency_and_what_it_pulls_in_is_pinned_within_bounds():
    direct = requirements()
    assert problems(pins(), direct, installed_closure(direct)) == []


def test_a_missing_runtime_dependency_is_found():
    pinned = pins()
    direct = requirements()
    del pinned['sqlalchemy']
    assert problems(pinned, direct) == ['SQLAlchemy>=%s is not pinned' % next(
        str(r.specifier)[2:] for r in direct if r.name == 'SQLAlchemy')]


def test_a_pin_outside_a_bound_is_found():
    pinned = dict(pins(), psycopg='3.0.1')
    found = problems(pinned, requirements())
    assert len(found) == 1 and found[0].startswith('psycopg==3.0.1 is outside'), \
        found


def test_a_missing_package_pulled_in_is_found():
    pinned = pins()
    del pinned['psycopg-binary']
    assert problems(pinned, requirements(), installed_closure(requirements())) == [
        'psycopg-binary (installed, needed by psycopg) is not pinned']


def test_only_exact_pins():
    assert parse_constraints('# a comment\nfoo==1.0  # why\n') == {'foo': '1.0'}
    for bad in ('foo>=1.0', 'foo', '-e .', 'foo==1\nFoo==2'):
        try:
            parse_constraints(bad)
        except ValueError:
            continue
        raise AssertionError('%r was taken' % bad)


def test_the_readme_installs_with_the_constraints():
    text = open(os.path.join(ROOT, 'README.rst')).read()
    commands = re.findall(r'^    (python3 -m venv .*)$', text, re.M)
    assert commands and all('pip install -c constraints.txt ' in command
                            for command in commands)
