"""The layer rules of docs/architecture.md: the import contracts in pyproject.toml, a pure
core that reads no file and no clock, and modules and functions short enough to read."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPOSITORY

PACKAGE = REPOSITORY / "src" / "lcspr_cli"
PURE = [PACKAGE / "records", PACKAGE / "queries", PACKAGE / "rules"]
# Calls that read or write a file, or read the clock or the current folder.
IMPURE_CALLS = frozenset(
    {
        "open", "read_text", "read_bytes", "write_text", "write_bytes", "stat", "lstat",
        "exists", "is_file", "is_dir", "iterdir", "glob", "rglob", "resolve", "mkdir",
        "unlink", "walk", "today", "now", "utcnow", "time", "perf_counter", "monotonic",
        "getcwd", "cwd", "home", "getenv",
    }
)  # fmt: skip
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
LONG_ON_PURPOSE = "# long:"
"""A comment starting so, on the line above a function, says why it may be longer."""


def _modules(*roots: Path) -> list[Path]:
    return sorted(p for root in roots for p in ([root] if root.is_file() else root.rglob("*.py")))


def test_the_import_contracts_hold() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "from importlinter.cli import lint_imports_command as c; c()",
            "--no-cache",
        ],
        cwd=REPOSITORY,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


@pytest.mark.parametrize("module", _modules(*PURE), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_the_core_reads_no_file_and_no_clock(module: Path) -> None:
    calls = []
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
            if name in IMPURE_CALLS:
                calls.append(f"line {node.lineno}: {name}()")
    assert not calls, f"{module.name} must stay pure (take a value, not a file): {calls}"


def test_the_impure_calls_are_found() -> None:
    """The rule above can fail: it finds a clock and a file read."""
    tree = ast.parse("from datetime import date\nx = date.today()\ny = open('f')\n")
    found = {
        getattr(n.func, "attr", None) or getattr(n.func, "id", None)
        for n in ast.walk(tree)
        if isinstance(n, ast.Call)
    }
    assert {"today", "open"} <= found & IMPURE_CALLS


@pytest.mark.parametrize(
    "module", _modules(PACKAGE), ids=lambda p: p.relative_to(PACKAGE).as_posix()
)
def test_modules_and_functions_are_short_enough_to_read(module: Path) -> None:
    text = module.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert len(lines) <= MAX_MODULE_LINES, f"{module.name} has {len(lines)} lines: split it"
    for node in ast.walk(ast.parse(text)):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        body = node.body
        if isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            body = body[1:]  # the docstring
        if not body or node.end_lineno is None:
            continue
        length = node.end_lineno - body[0].lineno + 1
        above = lines[node.lineno - 2].strip() if node.lineno > 1 else ""
        if length > MAX_FUNCTION_LINES and not above.startswith(LONG_ON_PURPOSE):
            pytest.fail(
                f"{module.name}: {node.name}() has {length} lines: split it, or say why "
                f"in a `{LONG_ON_PURPOSE}` comment above it"
            )
