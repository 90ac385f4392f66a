"""The package's import graph: every module has a layer, imports point down or sideways, and there are no
cycles, counting imports inside functions and under TYPE_CHECKING too (a lazy import does not hide a cycle)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from extractor.cache import module_name
from extractor.layers import LAYERS, PIPELINE_TOP, layer_index, layer_of

PACKAGE = Path(__file__).resolve().parents[1] / "extractor"
REPOSITORY = PACKAGE.parent
# In the checkout these two live at the top of the repository; an install puts them inside the package.
MAPPED = {"extractor.schemas": REPOSITORY / "schemas", "extractor.prompts": REPOSITORY / "prompts"}


def _sources() -> dict[str, Path]:
    found = {module_name(path, PACKAGE): path for path in PACKAGE.rglob("*.py")}
    for package, directory in MAPPED.items():
        for path in directory.rglob("*.py"):
            found[package + module_name(path, directory).removeprefix(directory.name)] = path
    return found


MODULES = _sources()


def _imported(node: ast.AST, module: str) -> list[tuple[str, list[str]]]:
    """(module imported, names taken from it) for one import statement."""
    if isinstance(node, ast.Import):
        return [(alias.name, []) for alias in node.names]
    if not isinstance(node, ast.ImportFrom):
        return []
    base = node.module or ""
    if node.level:
        package = module.split(".")
        if MODULES[module].name != "__init__.py":
            package = package[:-1]
        base = ".".join(package[: len(package) - node.level + 1] + ([base] if base else []))
    return [(f"{base}.{alias.name}", []) if f"{base}.{alias.name}" in MODULES else (base, [alias.name])
            for alias in node.names]  # fmt: skip


def imports_of(module: str) -> list[tuple[str, list[str]]]:
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    found = [edge for node in ast.walk(tree) for edge in _imported(node, module)]
    return [(target, names) for target, names in found if target in MODULES and target != module]


GRAPH = {module: sorted({target for target, _ in imports_of(module)}) for module in MODULES}


def test_the_package_is_found() -> None:
    assert {"extractor.pipeline", "extractor.core.text", "extractor.evals.scoring", "extractor.schemas.record"} <= set(
        MODULES
    )


@pytest.mark.parametrize("module", sorted(MODULES))
def test_every_module_is_given_a_layer(module: str) -> None:
    assert layer_of(module) is not None, f"{module}: add it to a layer in extractor/layers.py"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_never_point_up(module: str) -> None:
    upward = [target for target in GRAPH[module] if layer_of(target) > layer_of(module)]
    assert upward == [], f"{module} ({LAYERS[layer_of(module)][0]}) imports a higher layer: {upward}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_takes_another_modules_private_names(module: str) -> None:
    private = [(target, name) for target, names in imports_of(module) for name in names if name.startswith("_")]
    assert private == []


def _cycle_from(start: str) -> list[str] | None:
    path: list[str] = []

    def visit(module: str, seen: set[str]) -> list[str] | None:
        if module in path:
            return [*path[path.index(module) :], module]
        if module in seen:
            return None
        seen.add(module)
        path.append(module)
        for target in GRAPH[module]:
            if cycle := visit(target, seen):
                return cycle
        path.pop()
        return None

    return visit(start, set())


def test_the_import_graph_has_no_cycles() -> None:
    cycles = [cycle for module in sorted(GRAPH) if (cycle := _cycle_from(module))]
    assert cycles == []


def test_the_cycle_finder_finds_a_cycle(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(GRAPH, "extractor.core.text", [*GRAPH["extractor.core.text"], "extractor.rules"])
    assert _cycle_from("extractor.rules") is not None


def test_the_pipeline_never_imports_the_evaluation() -> None:
    evaluation = layer_index("evaluation")
    assert layer_index(PIPELINE_TOP) < evaluation
    pipeline = [module for module in MODULES if layer_of(module) <= layer_index(PIPELINE_TOP)]
    assert not [(m, t) for m in pipeline for t in GRAPH[m] if layer_of(t) == evaluation]
