"""The layers of the code (architecture.rst, "Layers") hold.

``lint-imports`` checks the import-linter contract in ``pyproject.toml``; the
second test looks for import circles between modules, which the contract's layers
do not forbid inside one layer.
"""

import os
import subprocess
import sys

import grimp

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_the_import_contract_is_kept():
    lint = os.path.join(os.path.dirname(sys.executable), 'lint-imports')
    result = subprocess.run([lint, '--no-cache'], cwd=ROOT, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert 'BROKEN' not in result.stdout


def _circles(graph, package):
    """Strongly connected groups of more than one module (Tarjan's algorithm)."""
    modules = sorted(m for m in graph.modules if m.startswith(package + '.'))
    index, low, stack, on_stack, circles = {}, {}, [], set(), []
    counter = [0]

    def visit(module):
        index[module] = low[module] = counter[0]
        counter[0] += 1
        stack.append(module)
        on_stack.add(module)
        for imported in graph.find_modules_directly_imported_by(module):
            if not imported.startswith(package + '.'):
                continue
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                circles.append(sorted(group))

    for module in modules:
        if module not in index:
            visit(module)
    return circles


def test_no_module_imports_itself_through_others():
    # Imports inside functions count too: deferring an import hides a circle
    # from the interpreter, not from the reader.
    graph = grimp.build_graph('clusterd', cache_dir=None)
    assert _circles(graph, 'clusterd') == []


def test_a_circle_is_found():
    # The detector itself, on a made-up graph: a -> b -> c -> a.
    graph = grimp.ImportGraph()
    for name in ('pkg', 'pkg.a', 'pkg.b', 'pkg.c', 'pkg.d'):
        graph.add_module(name)
    for importer, imported in (('pkg.a', 'pkg.b'), ('pkg.b', 'pkg.c'),
                               ('pkg.c', 'pkg.a'), ('pkg.d', 'pkg.a')):
        graph.add_import(importer=importer, imported=imported)
    assert _circles(graph, 'pkg') == [['pkg.a', 'pkg.b', 'pkg.c']]
