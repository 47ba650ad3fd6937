from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from lcspr_cli.edit.write import WriteRefused, write_generated

MARK = "<!-- generated -->"


def test_writes_a_new_file_with_ordinary_permissions(tmp_path: Path) -> None:
    path = tmp_path / "summary.md"
    write_generated(path, f"{MARK}\nbody\n", MARK)
    assert path.read_text() == f"{MARK}\nbody\n"
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask
    assert [p.name for p in tmp_path.iterdir()] == ["summary.md"]


def test_replaces_its_own_file_keeping_permissions(tmp_path: Path) -> None:
    path = tmp_path / "summary.md"
    path.write_text(f"{MARK}\nold\n")
    path.chmod(0o640)
    write_generated(path, f"{MARK}\nnew\n", MARK)
    assert path.read_text() == f"{MARK}\nnew\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_refuses_a_file_it_did_not_write_unless_forced(tmp_path: Path) -> None:
    path = tmp_path / "minutes.md"
    path.write_text("Board minutes\n")
    with pytest.raises(WriteRefused, match="was not written by lcspr"):
        write_generated(path, f"{MARK}\nnew\n", MARK)
    assert path.read_text() == "Board minutes\n"
    write_generated(path, f"{MARK}\nnew\n", MARK, force=True)
    assert path.read_text() == f"{MARK}\nnew\n"


def test_a_failed_write_leaves_the_original_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "summary.md"
    path.write_text(f"{MARK}\nold\n")

    def full_disk(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(WriteRefused, match="No space left on device; nothing was changed"):
        write_generated(path, f"{MARK}\nnew\n", MARK)
    assert path.read_text() == f"{MARK}\nold\n"
    assert [p.name for p in tmp_path.iterdir()] == ["summary.md"]


def test_a_missing_folder_or_a_folder_name_is_refused_in_one_line(tmp_path: Path) -> None:
    with pytest.raises(WriteRefused, match="cannot write"):
        write_generated(tmp_path / "no" / "such.md", "x", MARK)
    with pytest.raises(WriteRefused, match="is a folder"):
        write_generated(tmp_path, "x", MARK)
