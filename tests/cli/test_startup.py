"""What the everyday commands import: a clean check from the cache, and --version, load
neither pydantic's validation machinery, nor ruamel.yaml or PyYAML, nor rich's tables, and
nor does a report in JSON from the cache (issue: the clean path costs no more than it
must)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from conftest import REPOSITORY

HEAVY = ("pydantic", "pydantic_core", "ruamel", "yaml", "rich.table", "rich.console")
"""Packages (the first four) and modules (the last two) a clean check has no need of."""

PROBE = """
import json, sys
from lcspr_cli.cli import main
sys.argv = ["lcspr", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
print(json.dumps(sorted(m for m in sys.modules)), file=sys.stderr)
"""


def imported(*args: str, cwd: Path) -> set[str]:
    env = {**os.environ, "XDG_CACHE_HOME": str(cwd / "user-cache"), "LCSPR_TODAY": "2026-11-26"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, cwd=cwd, env=env
    )
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


def heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in HEAVY or m.startswith(HEAVY[-2:]))


def bundled_data(folder: Path) -> None:
    shutil.copytree(REPOSITORY / "data", folder / "data")  # the bundled data: it checks clean
    hour_ago = time.time() - 3600  # the cache keeps only files not changed just now
    for path in (folder / "data").rglob("*"):
        os.utime(path, (hour_ago, hour_ago))


def test_a_clean_check_from_the_cache_imports_nothing_heavy(tmp_path: Path) -> None:
    bundled_data(tmp_path)
    first = imported("check", "--data", "data", cwd=tmp_path)
    assert "yaml" in first or "ruamel" in first  # the first run reads the files
    found = heavy(imported("check", "--data", "data", cwd=tmp_path))
    assert found == [], found


def test_a_report_from_the_cache_imports_nothing_heavy(tmp_path: Path) -> None:
    """The records come back from the cache as they were kept, with no pydantic model;
    JSON is printed without rich."""
    bundled_data(tmp_path)
    report = ("status", "--data", "data", "--format", "json")
    assert "pydantic" in imported(*report, cwd=tmp_path)  # the first run validates the files
    found = heavy(imported(*report, cwd=tmp_path))
    assert found == [], found


def test_version_imports_nothing_heavy(tmp_path: Path) -> None:
    found = heavy(imported("--version", cwd=tmp_path))
    assert found == [], found
