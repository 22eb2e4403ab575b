"""The Python blocks of README.md, which tests/python/test_readme.py runs in the test's
interpreter and tests/wheel/test_wheel.py in a fresh virtual environment holding only the
wheel: the blocks, which of them are expressions, and what their print() calls promise."""

from __future__ import annotations

import ast
import re

__all__ = ["FENCE", "is_expression", "promised_output", "python_blocks"]

FENCE = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)


def python_blocks(readme: str) -> list:
    return FENCE.findall(readme)


def is_expression(code: str) -> bool:
    try:
        ast.parse(code, mode="eval")
    except SyntaxError:
        return False
    return True


def promised_output(code: str) -> list:
    """The `# ...` comments after print(...) calls: what the README says they print."""
    return [
        line.split("#", 1)[1].strip()
        for line in code.splitlines()
        if line.strip().startswith("print(") and "#" in line
    ]
