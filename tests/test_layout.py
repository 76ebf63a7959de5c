"""The package's layout is its architecture: layers import one way, and only site/ knows mkdocs."""

from __future__ import annotations

import ast
from pathlib import Path

from helpers import REPO

PACKAGE = REPO / "tools" / "essays"
# Layers, lowest first: a module may import its own layer and those before it, never after.
LAYERS = ["model", "text", "parse", "render", "catalogue", "align", "sentence_marks", "importers", "search",
          "history", "exchange", "terms", "paths", "fsutil", "site", "cli", "bench"]
ORDER = {"model": 0, "fsutil": 0, "paths": 0, "text": 1, "parse": 2, "render": 3, "catalogue": 3,
         "align": 3, "sentence_marks": 4, "importers": 4, "search": 4, "history": 4, "exchange": 4,
         "terms": 4, "site": 5, "cli": 5, "bench": 6}
MKDOCS = ("mkdocs", "material")


def modules() -> dict[str, Path]:
    """Dotted name (without the `essays.` prefix) -> file, for every module of the package."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def imports(name: str, path: Path) -> tuple[set[str], set[str]]:
    """(modules of the package it imports, top-level names of outside packages it imports)."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    ours, outside = set(), set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - node.level + 1]
            target = ".".join([*base, *(node.module or "").split(".")]).strip(".")
            ours.update(_resolved(target, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            (ours.add(node.module.removeprefix("essays.")) if node.module.startswith("essays")
             else outside.add(node.module.split(".")[0]))
        elif isinstance(node, ast.Import):
            outside.update(alias.name.split(".")[0] for alias in node.names)
    return ours, outside


def _resolved(target: str, alias: str) -> str:
    """`from . import draft` names a module; `from .x import f` names a function in x."""
    candidate = f"{target}.{alias}".strip(".")
    return candidate if candidate in MODULES else target


MODULES = modules()
GRAPH = {name: imports(name, path)[0] & MODULES.keys() - {name} for name, path in MODULES.items()}


def test_the_import_graph_has_no_cycle():
    state: dict[str, str] = {}

    def visit(name: str, trail: list[str]) -> None:
        state[name] = "open"
        for target in sorted(GRAPH[name]):
            assert state.get(target) != "open", " -> ".join([*trail, name, target])
            if target not in state:
                visit(target, [*trail, name])
        state[name] = "done"

    for name in sorted(MODULES):
        if name not in state:
            visit(name, [])


def test_only_the_site_layer_imports_mkdocs_or_material():
    users = {name for name, path in MODULES.items() if imports(name, path)[1] & set(MKDOCS)}
    assert users and all(name.startswith("site") for name in users), sorted(users)


def test_private_mkdocs_and_material_apis_are_used_in_material_py_alone():
    for name, path in MODULES.items():
        if name.startswith("site.") and name != "site.material":
            text = path.read_text(encoding="utf-8")
            for private in ("_populate_page", "_build_page", "_resolve_original", ".builder =",
                            "blog.posts", "page.markdown ="):
                assert private not in text, f"{name} uses {private}: move it to site/material.py"


def test_layers_import_downwards_and_nothing_at_run_time_imports_bench_or_tests():
    for name, targets in GRAPH.items():
        layer = ORDER[name.split(".")[0]] if name else 0
        for target in targets:
            if target.split(".")[0] == name.split(".")[0]:
                continue  # within a layer
            assert ORDER[target.split(".")[0]] <= layer, f"{name} imports {target}"
            if not name.startswith("bench"):
                assert not target.startswith("bench"), f"{name} imports {target}"
    for name, path in MODULES.items():
        if not name.startswith("bench"):
            assert not any(text.startswith("tests") for text in _strings(path)), name


def _strings(path: Path) -> list[str]:
    """The string constants of a module's code, docstrings left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr)}
    return [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant)
            and isinstance(node.value, str) and id(node) not in docstrings]


def test_every_layer_of_the_readme_is_a_folder_or_module():
    for layer in LAYERS:
        assert (PACKAGE / layer).is_dir() or (PACKAGE / f"{layer}.py").is_file(), layer
