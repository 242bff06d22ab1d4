"""The Heat plugin directory (``clusterd/heat``) works on its own.

Heat imports the modules of a ``plugin_dirs`` directory into its own package, in
its own environment, where clusterd and its dependencies are not installed: they
may import only the standard library, Heat, openstacksdk and each other
(relatively).  Heat's loader also shares one module namespace among all plugin
directories, so the names must be clusterd's own.  What the resources do is
tested on a real Heat (tests/compat/test_heat.py).
"""

import ast
import os
import sys

import clusterd

PLUGIN_DIR = os.path.join(os.path.dirname(clusterd.__file__), 'heat')
# What Heat's environment provides besides the standard library.
HEAT_ENVIRONMENT = {'heat', 'openstack'}


def _modules():
    return sorted(name[:-3] for name in os.listdir(PLUGIN_DIR)
                  if name.endswith('.py') and name != '__init__.py')


def _imports(module):
    with open(os.path.join(PLUGIN_DIR, module + '.py')) as f:
        tree = ast.parse(f.read())
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield 0, alias.name, None
        elif isinstance(node, ast.ImportFrom):
            for alias in node.names:
                yield node.level, node.module, alias.name


def test_the_plugin_modules_import_only_what_heat_has():
    modules = _modules()
    wrong = []
    for module in modules:
        for level, name, imported in _imports(module):
            if level == 1 and name is None and imported in modules:
                continue        # a sibling: from . import clusterd_base
            top = (name or '').split('.')[0]
            if level == 0 and (top in HEAT_ENVIRONMENT or
                               top in sys.stdlib_module_names):
                continue
            wrong.append('%s: %s%s %s' % (module, '.' * level, name or '', imported
                                          or ''))
    assert wrong == []


def test_the_plugin_module_names_are_clusterds():
    modules = _modules()
    assert modules and all(name.startswith('clusterd_') for name in modules), modules


def test_every_senlin_type_is_mapped():
    mapped = set()
    for module in _modules():
        with open(os.path.join(PLUGIN_DIR, module + '.py')) as f:
            tree = ast.parse(f.read())
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and node.name == 'resource_mapping':
                returned, = [n.value for n in ast.walk(node)
                             if isinstance(n, ast.Return)]
                mapped.update(key.value for key in returned.keys)
    assert mapped == {'OS::Senlin::Cluster', 'OS::Senlin::Node', 'OS::Senlin::Profile',
                      'OS::Senlin::Policy', 'OS::Senlin::Receiver',
                      'Clusterd::Cluster'}
