"""The package's layers (docs/ARCHITECTURE.md, "The Python package"): every module of
claimledger imports only from its own layer or the layers below, the modules import each
other in no circle, and imports of claimledger modules sit at the top of a module, not
inside a function where they could hide a circle.

The imports are read from the source in python/claimledger with ast (inside functions and
``if TYPE_CHECKING:`` blocks too); nothing of claimledger is imported, so this file also
runs when an upward import keeps the package from importing at all:
``pytest --noconftest tests/python/test_layers.py``. Each failure names the module, the
line and the import."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "python" / "claimledger"
ROOT = "claimledger"

#: The layers, bottom first. A module belongs to the layer that names it or a package
#: holding it (the root, "claimledger", names its __init__ only).
LAYERS = (
    (
        "bottom",
        (
            "claimledger._core",
            "claimledger.errors",
            "claimledger.vocabulary",
            "claimledger.terminal",
            "claimledger.files",
        ),
    ),
    ("records", ("claimledger.model", "claimledger.transparency")),
    ("scales", ("claimledger.scales",)),
    ("workbench", ("claimledger.workbench",)),
    (
        "notebook, interop, demo",
        ("claimledger.notebook", "claimledger.interop", "claimledger.demo"),
    ),
    ("public face", ("claimledger.desk", ROOT)),
    ("command line", ("claimledger.cli", "claimledger.__main__")),
)
LAYER_NAMES = [name for name, _ in LAYERS]
#: What a relative import with more dots than packages names.
ABOVE = "(a module above the claimledger package)"
#: Modules that exist without Python source: the binding.
COMPILED = ("claimledger._core",)


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def sources() -> dict[str, Path]:
    """Every module of the package (dotted name -> its .py file)."""
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


MODULES = sources()
KNOWN = set(MODULES) | set(COMPILED)


def layer_of(module: str) -> int:
    """The index in LAYER_NAMES of the layer `module` belongs to."""
    found = [
        (len(prefix), name)
        for name, prefixes in LAYERS
        for prefix in prefixes
        if module == prefix or (prefix != ROOT and module.startswith(prefix + "."))
    ]
    if not found:
        raise LookupError(f"{module} is in no layer: add it to LAYERS in {Path(__file__).name}")
    return LAYER_NAMES.index(max(found)[1])


class Import:
    """One import statement of a module and the claimledger modules it names."""

    def __init__(self, node: ast.stmt, path: Path, targets: list[str], nested: bool) -> None:
        self.line = node.lineno
        self.text = ast.unparse(node)
        self.path = path
        self.targets = targets
        self.nested = nested  # inside a function or a class

    def where(self, module: str) -> str:
        return f"{module} ({self.path.relative_to(PACKAGE.parents[1])}:{self.line}): {self.text!r}"


def _targets(module: str, is_package: bool, node: ast.stmt) -> list[str]:
    """The claimledger modules `node` imports, resolved from `module`."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names if alias.name.split(".")[0] == ROOT]
    assert isinstance(node, ast.ImportFrom)
    if node.level:
        base = module.split(".")
        if not is_package:
            base = base[:-1]
        base = base[: len(base) - (node.level - 1)]
        if not base:  # more dots than packages: a relative import beyond claimledger
            return [ABOVE]
        origin = ".".join(base + ([node.module] if node.module else []))
    else:
        origin = node.module or ""
    if origin.split(".")[0] != ROOT:
        return []
    names = [f"{origin}.{alias.name}" for alias in node.names]
    submodules = [name for name in names if name in KNOWN]
    return submodules if len(submodules) == len(names) else [origin, *submodules]


def imports_of(module: str) -> list[Import]:
    """Every import statement of `module` that names a claimledger module."""
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []

    def visit(node: ast.AST, nested: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                targets = _targets(module, path.name == "__init__.py", child)
                if targets:
                    found.append(Import(child, path, targets, nested))
            inner = isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
            visit(child, nested or inner)

    visit(tree, False)
    return found


IMPORTS = {module: imports_of(module) for module in MODULES}


def test_every_module_is_in_a_layer():
    missing = []
    for module in KNOWN:
        try:
            layer_of(module)
        except LookupError as error:
            missing.append(str(error))
    assert not missing, "\n".join(missing)


def test_every_import_names_a_module_that_exists():
    unknown = [
        f"{imp.where(module)} names {target}"
        + ("" if target == ABOVE else ", which is not a module of the package")
        for module, found in IMPORTS.items()
        for imp in found
        for target in imp.targets
        if target not in KNOWN
    ]
    assert not unknown, "\n".join(unknown)


def test_no_module_imports_from_a_higher_layer():
    upward = [
        f"{imp.where(module)} imports {target} (layer {LAYER_NAMES[layer_of(target)]!r}) "
        f"from the lower layer {LAYER_NAMES[layer_of(module)]!r}"
        for module, found in IMPORTS.items()
        for imp in found
        for target in imp.targets
        if target in KNOWN and layer_of(target) > layer_of(module)
    ]
    assert not upward, "imports from a higher layer:\n" + "\n".join(upward)


def test_claimledger_modules_are_imported_at_the_top_of_a_module():
    nested = [
        f"{imp.where(module)} is inside a function or class: import it at the top"
        for module, found in IMPORTS.items()
        for imp in found
        if imp.nested
    ]
    assert not nested, "\n".join(nested)


def _cycle() -> list[str]:
    """A circle of imports between the package's modules, or [] when there is none."""
    edges = {
        module: sorted({t for imp in found for t in imp.targets if t in MODULES and t != module})
        for module, found in IMPORTS.items()
    }
    state: dict[str, str] = {}  # "open" while its imports are visited, then "done"
    path: list[str] = []

    def visit(module: str) -> list[str]:
        state[module] = "open"
        path.append(module)
        for target in edges[module]:
            if state.get(target) == "open":
                return [*path[path.index(target) :], target]
            if target not in state:
                cycle = visit(target)
                if cycle:
                    return cycle
        path.pop()
        state[module] = "done"
        return []

    for module in sorted(edges):
        if module not in state:
            cycle = visit(module)
            if cycle:
                return cycle
    return []


def test_the_modules_import_each_other_in_no_circle():
    cycle = _cycle()
    if cycle:
        steps = []
        for module, target in zip(cycle, cycle[1:]):
            imp = next(i for i in IMPORTS[module] if target in i.targets)
            steps.append(f"  {imp.where(module)} -> {target}")
        pytest.fail("an import cycle:\n" + "\n".join(steps))
