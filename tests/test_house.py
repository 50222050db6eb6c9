"""The house rules of the service code, read from its imports with `ast` (nothing is
imported or run): no import circles, rooms used only downwards, the web framework only
in the web room.

Layers, highest first (a room may import its own modules and any room of a lower layer):

    api/cli.py, api/web, schemas   the entry points; schemas sits beside the web and may use
                                   any room below it, but not api/web or api/cli.py
    api/load, api/figures
    api/store, api/extract, api/corpus
    api/reference
    api/config.py                  a leaf: every room may import it; it imports nothing of ours

Importing a package (`from api import store`, `import api.store`) runs its `__init__`: it
counts as importing that room. Imports inside functions and `TYPE_CHECKING` blocks count.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from functools import cache

from tests.conftest import ROOT

PACKAGES = ("api", "schemas")
#: Room (a file or a folder, relative to the checkout) -> layer, higher imports lower.
LAYERS = {
    "api/cli.py": 4, "api/web": 4, "schemas": 4,
    "api/load": 3, "api/figures": 3,
    "api/store": 2, "api/extract": 2, "api/corpus": 2,
    "api/reference": 1,
    "api/config.py": 0,
}
#: Rooms of the top layer that another room of that layer may still not import.
NOT_FROM = {"schemas": {"api/web", "api/cli.py"}}
WEB_ROOM = "api/web"
WEB_FRAMEWORK = ("flask", "flask_smorest", "flask_cors", "werkzeug")


@dataclass(frozen=True)
class Import:
    """One import statement's target: the module of ours it runs, or a top-level name."""

    line: int
    target: str  # a module of ours (dotted), else the imported name as written


@dataclass(frozen=True)
class Module:
    name: str  # dotted: api.store, api.web.app
    path: str  # relative: api/store/__init__.py
    imports: tuple[Import, ...]


def room(path: str) -> str | None:
    for prefix in LAYERS:
        if path == prefix or path.startswith(prefix + "/"):
            return prefix
    return None


def _module_name(path: str) -> str:
    parts = path.removesuffix(".py").split("/")
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _targets(node: ast.AST, package: str, ours: set[str]) -> list[str]:
    """The modules an import statement runs (ours: the deepest existing one for each name;
    a parent package run on the way is not counted), or the names of the others."""

    def deepest(name: str) -> str:
        probe = name
        while probe and probe not in ours:
            probe = probe.rpartition(".")[0]
        return probe or name

    if isinstance(node, ast.Import):
        return [deepest(alias.name) for alias in node.names]
    assert isinstance(node, ast.ImportFrom)
    base = node.module or ""
    if node.level:  # relative: up from the package, then down into `module`
        parts = package.split(".")
        parts = parts[: len(parts) - (node.level - 1)]
        base = ".".join([*parts, base] if base else parts)
    # `from pkg import sub` runs the submodule `pkg.sub`; `from pkg import name`, pkg itself.
    return [f"{base}.{a.name}" if f"{base}.{a.name}" in ours else deepest(base)
            for a in node.names]


@cache
def modules() -> dict[str, Module]:
    """Every module under api/ and schemas/, by dotted name, with what it imports."""
    files = sorted(p for package in PACKAGES for p in (ROOT / package).rglob("*.py"))
    paths = {_module_name(str(p.relative_to(ROOT))): str(p.relative_to(ROOT)) for p in files}
    ours = set(paths)
    found = {}
    for name, path in paths.items():
        tree = ast.parse((ROOT / path).read_text(encoding="utf-8"), path)
        package = name if path.endswith("__init__.py") else name.rpartition(".")[0]
        imports = tuple(Import(node.lineno, target)
                        for node in ast.walk(tree) if isinstance(node, ast.Import | ast.ImportFrom)
                        for target in _targets(node, package, ours))
        found[name] = Module(name, path, imports)
    return found


def edges() -> dict[str, set[str]]:
    """Module -> the modules of ours it imports (itself left out)."""
    mods = modules()
    return {name: {i.target for i in m.imports if i.target in mods and i.target != name}
            for name, m in mods.items()}


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The import circles: strongly connected components of more than one module
    (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def _where(module: Module, target: str) -> str:
    lines = sorted({i.line for i in module.imports if i.target == target})
    return f"{module.path}:{','.join(map(str, lines))}"


def test_every_room_is_found():
    """The walk sees the code: each room of the layers has modules (else the rules below
    would pass on nothing)."""
    rooms = {room(m.path) for m in modules().values()}
    assert set(LAYERS) <= rooms, f"rooms without a module: {sorted(set(LAYERS) - rooms)}"


def test_the_circle_finder_finds_circles():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": {"e"}, "e": {"d"}, "f": {"f", "a"}}
    assert sorted(circles(graph)) == [["a", "b", "c"], ["d", "e"]]


def test_no_import_circles():
    mods = modules()
    found = circles(edges())
    assert not found, "import circles:\n" + "\n".join(
        "  " + " <-> ".join(mods[name].path for name in circle) for circle in found)


def test_imports_follow_the_layers():
    mods = modules()
    wrong = []
    for name, targets in edges().items():
        module = mods[name]
        here = room(module.path)
        for target in sorted(targets):
            there = room(mods[target].path)
            if here is None or there is None or here == there:
                continue
            if LAYERS[there] > LAYERS[here] or there in NOT_FROM.get(here, ()):
                wrong.append(f"{_where(module, target)} imports {mods[target].path}: "
                             f"{here} (layer {LAYERS[here]}) may not use {there} "
                             f"(layer {LAYERS[there]})")
    assert not wrong, "imports against the layer order:\n" + "\n".join(
        "  " + w for w in wrong)


def test_config_is_a_leaf():
    mods = modules()
    wrong = [f"{_where(mods[name], target)} imports {mods[target].path}"
             for name, targets in edges().items() if room(mods[name].path) == "api/config.py"
             for target in sorted(targets)]
    assert not wrong, "api/config.py imports nothing from api or schemas:\n" + "\n".join(
        "  " + w for w in wrong)


def test_the_web_framework_only_in_the_web_room():
    wrong = [f"{m.path}:{i.line} imports {i.target}"
             for m in modules().values() if room(m.path) != WEB_ROOM
             for i in m.imports if i.target.split(".")[0] in WEB_FRAMEWORK]
    assert not wrong, (f"{', '.join(WEB_FRAMEWORK)} belong in {WEB_ROOM}/ only:\n"
                       + "\n".join("  " + w for w in wrong))
