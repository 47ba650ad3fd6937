"""Shared fixtures: a fresh copy of a small sample data folder for each test."""

from __future__ import annotations

import shutil
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


@pytest.fixture
def data_folder(tmp_path: Path) -> Path:
    """A writable copy of tests/samples/minimal: one review, one recommendation, valid."""
    folder = tmp_path / "data"
    shutil.copytree(SAMPLES / "minimal", folder)
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
