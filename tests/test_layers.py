"""The packages import in layers: no module of fraudsite or fraudbuild imports, directly or through others,
a module that imports it back.

Imports are read from the source with ``ast``, those inside functions included: an import placed in a
function to dodge a cycle is still part of the cycle."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("fraudsite", "fraudbuild")


def module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, name: str, known: set[str]) -> set[str]:
    """The project modules ``path`` imports, wherever in the file the import stands."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.add(module)
            found |= {f"{module}.{alias.name}" for alias in node.names}  # from . import render
    return (found & known) - {name, package}


def import_graph(root: Path = ROOT) -> dict[str, set[str]]:
    paths = {module_name(path, root): path for package in PACKAGES for path in (root / package).rglob("*.py")}
    return {name: imports_of(path, name, set(paths)) for name, path in paths.items()}


def cycle_in(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of ``graph`` as the list of modules along it (first = last), or None."""
    state: dict[str, str] = {}
    trail: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = "open"
        trail.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == "open":
                return trail[trail.index(target):] + [target]
            if target not in state:
                found = visit(target)
                if found:
                    return found
        state[node] = "done"
        trail.pop()
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_the_packages_have_no_import_cycle():
    graph = import_graph()
    assert "fraudsite.render" in graph and "fraudbuild.worker" in graph  # the walk found the packages
    cycle = cycle_in(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_a_cycle_is_found_wherever_its_import_stands(tmp_path):
    """The check itself: an import inside a function closes a cycle as surely as one at the top."""
    package = tmp_path / "fraudsite"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "low.py").write_text("def helper():\n    from .high import table  # late\n    return table\n")
    (package / "high.py").write_text("from . import low\n\ntable = {}\n")
    (tmp_path / "fraudbuild").mkdir()
    graph = import_graph(tmp_path)
    assert graph["fraudsite.high"] == {"fraudsite.low"} and graph["fraudsite.low"] == {"fraudsite.high"}
    assert cycle_in(graph) in (["fraudsite.high", "fraudsite.low", "fraudsite.high"],
                               ["fraudsite.low", "fraudsite.high", "fraudsite.low"])
    (package / "low.py").write_text("def helper():\n    return {}\n")
    assert cycle_in(import_graph(tmp_path)) is None


def test_the_marker_table_is_assembled_from_the_features():
    """Each feature declares its own markers; the table holds every one of them, once."""
    from fraudsite import render

    declared = [kind.name for feature in render.FEATURES for kind in feature.MARKERS]
    assert len(declared) == len(set(declared)) == len(render.MARKERS)
