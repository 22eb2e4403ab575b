"""The committed type stubs of the binding name exactly what the binding exports, so type
checkers and editors see the real API (regenerate them with `make stubs`)."""

from __future__ import annotations

import ast
from pathlib import Path

import claimledger
from claimledger import _core


def stub_names() -> dict:
    """Each class of the stub with its public members (methods, properties, attributes),
    and each module-level function and attribute (with None)."""
    stub = Path(claimledger.__file__).with_name("_core.pyi")
    tree = ast.parse(stub.read_text(encoding="utf-8"))
    names = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            members = set()
            for item in node.body:
                if isinstance(item, ast.FunctionDef):
                    members.add(item.name)
                elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                    members.add(item.target.id)
            names[node.name] = {m for m in members if not m.startswith("_")}
        elif isinstance(node, ast.FunctionDef):
            names[node.name] = None
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names[node.target.id] = None  # a module attribute (the vocabularies)
    return names


def test_stubs_match_the_binding():
    stubs = stub_names()
    exported = {n for n in dir(_core) if not n.startswith("_")}
    assert set(stubs) == exported
    for name, members in stubs.items():
        if members is not None:
            real = {n for n in dir(getattr(_core, name)) if not n.startswith("_")}
            assert members == real, name


def test_the_package_is_typed():
    assert Path(claimledger.__file__).with_name("py.typed").exists()


def test_every_public_name_is_importable():
    missing = [name for name in claimledger.__all__ if not hasattr(claimledger, name)]
    assert missing == []
