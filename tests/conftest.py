"""Shared fixtures: a fresh copy of a small sample data folder for each test, and a check
that the tests leave nothing behind in the repository."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
REPOSITORY = TESTS.parent
SAMPLES = TESTS / "samples"
AS_OF = date(2025, 6, 1)
"""The fixed as-of date of the tests that use the minimal sample."""


@pytest.fixture(autouse=True, scope="session")
def _own_cache_key(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """lcspr keeps the key that signs its caches in the user's cache folder: the tests
    use a folder of their own."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("user-cache")))
        yield


# Left in the repository by the tools themselves, not by lcspr.
TOOL_LEFTOVERS = frozenset(
    {
        ".pytest_cache",
        ".hypothesis",
        "__pycache__",
        ".venv",
        ".mypy_cache",
        ".ruff_cache",
        ".import_linter_cache",
    }
)


def _untracked_and_ignored() -> set[str] | None:
    """What git lists as untracked or ignored in the repository's top folder, tests/ and
    data/ (a folder it does not track is one entry); None outside a git work tree."""
    try:
        listed = subprocess.run(
            ["git", "status", "--porcelain", "--ignored", "-z"],
            cwd=REPOSITORY,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    paths = {entry[3:] for entry in listed.split("\0") if entry[:3] in ("?? ", "!! ")}
    return {
        path
        for path in paths
        if ("/" not in path.rstrip("/") or path.startswith(("tests/", "data/")))
        and not any(
            part in TOOL_LEFTOVERS or part.endswith(".egg-info") for part in path.split("/")
        )
    }


@pytest.fixture(autouse=True, scope="session")
def _nothing_left_in_the_repository() -> Iterator[None]:
    """Fail the run if it created a file or folder in the repository: a test that runs
    lcspr on tests/samples/... or data/ itself leaves the cache (.lcspr-cache/) beside it,
    so tests run on copies (`data_folder`, `samples_copy`, `bundled_data`)."""
    before = _untracked_and_ignored()
    yield
    after = _untracked_and_ignored()
    if before is not None and after is not None and after - before:
        pytest.fail(
            "the tests left these in the repository (run lcspr on a copy in tmp_path): "
            + ", ".join(sorted(after - before)),
            pytrace=False,
        )


@pytest.fixture
def data_folder(tmp_path: Path) -> Path:
    """A writable copy of tests/samples/minimal: one review, one recommendation, valid."""
    folder = tmp_path / "data"
    shutil.copytree(SAMPLES / "minimal", folder)
    return folder


@pytest.fixture
def samples_copy(tmp_path: Path) -> Path:
    """A writable copy of tests/samples (minimal/ and reports/), to run lcspr in."""
    folder = tmp_path / "samples"
    shutil.copytree(SAMPLES, folder, ignore=shutil.ignore_patterns(".lcspr-cache"))
    return folder


@pytest.fixture
def bundled_data(tmp_path: Path) -> Path:
    """A writable copy of the bundled data folder, data/."""
    folder = tmp_path / "bundled" / "data"
    shutil.copytree(REPOSITORY / "data", folder)
    return folder


def edit(folder: Path, relative: str, old: str, new: str) -> None:
    """Replace the one occurrence of `old` with `new` in a file of the data folder."""
    path = folder / relative
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} should occur once in {relative}"
    path.write_text(text.replace(old, new), encoding="utf-8")


GOLDEN = TESTS / "golden"


def assert_golden(name: str, actual: str) -> None:
    """Compare with tests/golden/NAME; LCSPR_UPDATE_GOLDEN=1 rewrites the file instead."""
    import os

    path = GOLDEN / name
    if os.environ.get("LCSPR_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.is_file(), f"no golden file {name}: run with LCSPR_UPDATE_GOLDEN=1"
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"
