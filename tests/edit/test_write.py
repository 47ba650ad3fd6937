from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from lcspr_cli.edit.write import Staging, WriteRefused, write_generated

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


def test_many_files_are_written_together_in_new_folders(tmp_path: Path) -> None:
    kept = tmp_path / "agencies.yaml"
    kept.write_bytes(b"agencies: []\n")
    new = tmp_path / "recommendations" / "R1" / "R1-1.yaml"
    Staging().commit([(kept, b"agencies: []\n", b"agencies: [a]\n"), (new, None, b"id: R1-1\n")])
    assert kept.read_bytes() == b"agencies: [a]\n"
    assert new.read_bytes() == b"id: R1-1\n"
    assert sorted(p.name for p in new.parent.iterdir()) == ["R1-1.yaml"]


@pytest.fixture(params=[1, 2], ids=["here", "in-a-helper"])
def cores(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> int:
    """Staged files written in this process (one core), or in a helper process."""
    from lcspr_cli import parallel

    monkeypatch.setattr(parallel, "cores", lambda: request.param)
    return int(request.param)


def test_one_file_changed_meanwhile_writes_none_and_leaves_no_folder(
    tmp_path: Path, cores: int
) -> None:
    kept = tmp_path / "agencies.yaml"
    kept.write_bytes(b"changed by hand\n")
    new = tmp_path / "recommendations" / "R1" / "R1-1.yaml"
    with pytest.raises(WriteRefused, match="changed on disk since lcspr read it"):
        Staging().commit([(new, None, b"id: R1-1\n"), (kept, b"agencies: []\n", b"x\n")])
    assert kept.read_bytes() == b"changed by hand\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["agencies.yaml"]


def test_a_failed_rename_says_how_many_were_written_and_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = [tmp_path / f"R1-{n}.yaml" for n in (1, 2, 3)]
    real = os.replace
    renamed: list[str] = []

    def second_fails(source: str, target: Path) -> None:
        if renamed:
            raise OSError(30, "Read-only file system")
        renamed.append(source)
        real(source, target)

    monkeypatch.setattr(os, "replace", second_fails)
    with pytest.raises(WriteRefused, match="Read-only file system; 1 of 3 files were written"):
        Staging().commit([(path, None, b"x\n") for path in paths])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["R1-1.yaml"]


def test_a_file_that_appears_after_it_was_staged_is_never_overwritten(
    tmp_path: Path, cores: int
) -> None:
    path = tmp_path / "R1-1.yaml"
    staging = Staging()
    staging.add(path, None, b"id: R1-1\n")
    staging.add(tmp_path / "R1-2.yaml", None, b"id: R1-2\n")
    path.write_bytes(b"written by hand\n")
    with pytest.raises(WriteRefused, match="changed on disk since lcspr read it"):
        staging.commit([(path, None, b"id: R1-1\n"), (tmp_path / "R1-2.yaml", None, b"x\n")])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["R1-1.yaml"]
    assert path.read_bytes() == b"written by hand\n"


def test_a_file_staged_but_not_committed_is_not_written(tmp_path: Path, cores: int) -> None:
    staging = Staging()
    for number in (1, 2):
        staging.add(tmp_path / "R1" / f"R1-{number}.yaml", None, b"id: x\n")
    staging.commit([(tmp_path / "R1" / "R1-1.yaml", None, b"id: x\n")])
    assert [p.name for p in (tmp_path / "R1").iterdir()] == ["R1-1.yaml"]


def test_a_file_that_cannot_be_staged_writes_none(tmp_path: Path, cores: int) -> None:
    (tmp_path / "R2").write_text("a file where a folder should be\n")
    paths = [tmp_path / "R1" / "R1-1.yaml", tmp_path / "R2" / "R2-1.yaml"]
    with pytest.raises(WriteRefused, match=f"cannot create {tmp_path / 'R2'}"):
        Staging().commit([(path, None, b"id: x\n") for path in paths])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["R2"]


def test_staged_files_discarded_leave_no_trace(tmp_path: Path, cores: int) -> None:
    staging = Staging()
    for number in range(300):  # some written ahead, some not yet, when it is discarded
        staging.add(tmp_path / "R1" / f"R1-{number}.yaml", None, b"id: x\n" * 100)
    staging.discard()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("cores", [2], indirect=True)
def test_a_writer_that_dies_writes_nothing_and_leaves_no_trace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cores: int
) -> None:
    from lcspr_cli.edit import write

    real = write._stage

    def dies_at_the_third(item: tuple[Path, str, bytes | None, bytes]) -> str | None:
        if item[0].name == "R1-3.yaml":
            os._exit(9)
        return real(item)

    monkeypatch.setattr(write, "_stage", dies_at_the_third)
    paths = [tmp_path / "R1" / f"R1-{n}.yaml" for n in range(1, 6)]
    with pytest.raises(WriteRefused, match="stopped; nothing was written"):
        Staging().commit([(path, None, b"x\n") for path in paths])
    assert list(tmp_path.iterdir()) == []
