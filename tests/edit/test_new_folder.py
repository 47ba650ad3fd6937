"""A new data folder (`lcspr init`): valid at once, made whole or not at all, never over
an existing folder; the schema files and the cache's .gitignore line beside it."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import AS_OF
from lcspr_cli.edit.document import EditError
from lcspr_cli.edit.new_folder import make_new_folder, plan_new_folder
from lcspr_cli.edit.write import WriteRefused
from lcspr_cli.pipeline import check_folder
from lcspr_cli.records.schema import json_schemas


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def test_a_new_folder_passes_check_and_has_what_the_officer_needs(tmp_path: Path) -> None:
    lines = make_new_folder(plan_new_folder(Path("data")), AS_OF)
    assert lines == [
        f"wrote schemas/ ({', '.join(json_schemas())})",
        "added /.lcspr-cache/ to .gitignore, for lcspr's cache",
    ]
    data = tmp_path / "data"
    result = check_folder(data, AS_OF)
    assert result.problems == ()
    assert sorted(p.relative_to(data).as_posix() for p in data.rglob("*")) == [
        ".gitignore",
        "README.md",
        "agencies.yaml",
        "recommendations",
        "recommendations/.gitkeep",
        "reviews.yaml",
    ]
    assert ".private-terms" in (data / ".gitignore").read_text().splitlines()
    assert (tmp_path / ".gitignore").read_text().splitlines()[-1] == "/.lcspr-cache/"
    for register in ("agencies", "reviews"):
        first = (data / f"{register}.yaml").read_text().splitlines()[0]
        schema = first.removeprefix("# yaml-language-server: $schema=")
        assert (data / schema).resolve() == tmp_path / f"schemas/lcspr-{register}.schema.json"
        assert (data / schema).is_file()
    readme = (data / "README.md").read_text()
    assert "lcspr new agency" in readme and "personal data" in readme


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_git_ignores_the_cache_beside_it_and_the_private_terms_in_it(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q"], check=True)
    make_new_folder(plan_new_folder(Path("data")), AS_OF)  # before any cache ignores itself
    (tmp_path / "data/.private-terms").write_text("Made-up name\n")
    ignored = ["data/.private-terms", ".lcspr-cache/any-file"]
    found = subprocess.run(
        ["git", "check-ignore", *ignored], capture_output=True, text=True, check=False
    )
    assert found.stdout.splitlines() == ignored


def test_an_existing_gitignore_gains_the_line_once(tmp_path: Path) -> None:
    (tmp_path / ".gitignore").write_bytes(b"build/\r\n*.log")
    make_new_folder(plan_new_folder(Path("data")), AS_OF)
    assert (tmp_path / ".gitignore").read_bytes() == (
        b"build/\r\n*.log\r\n# lcspr's cache of what it read: never commit it\r\n/.lcspr-cache/\r\n"
    )
    lines = make_new_folder(plan_new_folder(Path("second/data")), AS_OF)
    assert lines[-1] == "added /.lcspr-cache/ to second/.gitignore, for lcspr's cache"
    shutil.rmtree(tmp_path / "data")
    assert make_new_folder(plan_new_folder(Path("data")), AS_OF) == []  # nothing beside


def test_an_existing_or_full_folder_is_refused(tmp_path: Path) -> None:
    make_new_folder(plan_new_folder(Path("data")), AS_OF)
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    with pytest.raises(EditError, match="data is a data folder already"):
        plan_new_folder(Path("data"))
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes/todo.txt").write_text("x")
    with pytest.raises(EditError, match="notes is not empty"):
        plan_new_folder(Path("notes"))
    with pytest.raises(EditError, match="is a file"):
        plan_new_folder(Path("notes/todo.txt"))
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before | {
        tmp_path / "notes/todo.txt": b"x"
    }


def test_an_empty_folder_is_filled(tmp_path: Path) -> None:
    (tmp_path / "log").mkdir()
    os.chdir(tmp_path / "log")
    make_new_folder(plan_new_folder(Path(".")), AS_OF)
    assert check_folder(Path("."), AS_OF).problems == ()
    assert (tmp_path / "schemas").is_dir() and (tmp_path / ".gitignore").is_file()


def test_a_failure_leaves_nothing_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_rename(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "rename", no_rename)
    with pytest.raises(WriteRefused, match="No space left on device"):
        make_new_folder(plan_new_folder(Path("data")), AS_OF)
    assert list(tmp_path.iterdir()) == []
