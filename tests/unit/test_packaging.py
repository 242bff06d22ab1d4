"""What ``pip install .`` (not editable) ships: every package of the source tree.

setuptools' ``find_packages`` skips a directory without ``__init__.py``; an
editable install or the source tree still imports it (as a namespace package), so
only an installed clusterd would miss it.
"""

import os

import setuptools

import clusterd

ROOT = os.path.dirname(clusterd.__file__)


def test_every_source_directory_is_a_package():
    missing = []
    for path, dirs, files in os.walk(ROOT):
        dirs[:] = [d for d in dirs if d != '__pycache__']
        if any(f.endswith('.py') for f in files) and '__init__.py' not in files:
            missing.append(os.path.relpath(path, os.path.dirname(ROOT)))
    assert missing == [], 'add an __init__.py to: %s' % ', '.join(missing)


def test_find_packages_finds_the_engine_actions():
    found = setuptools.find_packages(os.path.dirname(ROOT),
                                     include=['clusterd', 'clusterd.*'])
    assert 'clusterd.engine.actions' in found
    assert 'clusterd.api.handlers' in found
