"""Reading a folder gives the same records and problems whichever way the files are read:
by the careful reader or the fast one, in one process or several, afresh or from the cache.
"""

from __future__ import annotations

import importlib.util
import os
import pickle
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from conftest import REPOSITORY
from lcspr_cli import parallel
from lcspr_cli.load import file as loading
from lcspr_cli.load import files as reading
from lcspr_cli.load.cache import CACHE_FOLDER, Cache
from lcspr_cli.load.file import FileResult, Kind
from lcspr_cli.pipeline import CheckResult, check_folder
from lcspr_cli.problems import Problem
from lcspr_cli.records.located import Located
from lcspr_cli.yamlfile import fast as fastyaml

BUNDLED = REPOSITORY / "data"
AS_OF = date(2026, 11, 26)


def _generate(folder: Path, count: int) -> None:
    spec = importlib.util.spec_from_file_location(
        "generate", REPOSITORY / "benchmarks" / "generate.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.generate(folder, count)


def replace_first(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def _age(folder: Path) -> None:
    """Make every file an hour old, as files are when lcspr is run on them, so that the
    cache keeps them (it never keeps a file changed in the last two seconds)."""
    hour_ago = os.path.getmtime(folder / "agencies.yaml") - 3600
    for path in folder.rglob("*"):
        os.utime(path, (hour_ago, hour_ago))


@pytest.fixture
def bundled(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(BUNDLED, folder)
    _age(folder)
    return folder


@pytest.fixture
def generated(tmp_path: Path) -> Path:
    """A generated folder of 40 recommendations with problems of every kind planted."""
    folder = tmp_path / "generated"
    _generate(folder, 40)
    recommendations = folder / "recommendations"
    (recommendations / "R1" / "R1-2.yaml").write_text("id: [R1-2\n")  # broken YAML
    replace_first(recommendations / "R1" / "R1-3.yaml", "owner: ", "owner: no-such-agency\n#")
    replace_first(recommendations / "R1" / "R1-8.yaml", "status: ", "colour: red\nstatus: ")
    replace_first(recommendations / "R1" / "R1-4.yaml", "status: ", "review: R1\nstatus: ")
    replace_first(recommendations / "R1" / "R1-5.yaml", "title: ", "title: Call 07700 900123. ")
    replace_first(recommendations / "R1" / "R1-5.yaml", "due: 20", "due: 31/02/20")
    (recommendations / "R1" / "R1-6.yaml").write_text(
        (recommendations / "R1" / "R1-7.yaml").read_text()  # a duplicated id
    )
    _age(folder)
    return folder


@dataclass(frozen=True)
class Snapshot:
    problems: tuple[Problem, ...]
    records: list[Any]
    lines: list[tuple[Path, int | None, list[int | None]]]
    other: tuple[Any, ...]


def snapshot(result: CheckResult) -> Snapshot:
    data = result.dataset
    lines = [
        (r.file, r.line(), [r.line("actions", i) for i in range(len(r.record.actions))])
        for r in data.recommendations
    ]
    records: list[Any] = [r.record for r in data.agencies]
    records += [r.record for r in data.reviews] + [r.record for r in data.recommendations]
    other = (data.files, data.unvalidated_ids, data.unread, data.evidence_present)
    return Snapshot(result.problems, records, lines, other)


def careful_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fastyaml, "_Loader", None)


def no_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on, reading any file fails the test."""

    def refuse(path: Path, *_: object) -> None:
        raise AssertionError(f"{path.name} was read, not taken from the cache")

    monkeypatch.setattr(reading, "load_file", refuse)


@pytest.mark.parametrize("folder_name", ["bundled", "generated"])
def test_every_way_of_reading_gives_the_same_result(
    folder_name: str, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder: Path = request.getfixturevalue(folder_name)
    with monkeypatch.context() as patch:
        careful_only(patch)
        expected = snapshot(check_folder(folder, AS_OF))
    if folder_name == "generated":
        codes = {p.code for p in expected.problems}
        assert {"yaml-syntax", "unknown-field", "unknown-agency", "privacy-phone"} <= codes
        assert {"invalid-date", "duplicate-id", "yaml-duplicate-key"} <= codes
    assert snapshot(check_folder(folder, AS_OF)) == expected  # the fast reader
    with monkeypatch.context() as patch:
        patch.setattr(reading, "PARALLEL_FROM", 1)  # helper processes, when there are cores
        assert snapshot(check_folder(folder, AS_OF)) == expected
    assert snapshot(check_folder(folder, AS_OF, use_cache=True)) == expected  # filling the cache
    with monkeypatch.context() as patch:
        no_reading(patch)
        assert snapshot(check_folder(folder, AS_OF, use_cache=True)) == expected  # from the cache


@pytest.mark.parametrize("use_cache", [False, True])
def test_a_check_keeps_no_records_nor_the_positions_it_parsed(
    generated: Path, use_cache: bool
) -> None:
    """Wherever a file was read, a check keeps what a helper process would send back: not
    its records, nor the positions it was parsed with (a large folder's would not fit in
    memory). Asked for after all, they are read again, the same."""
    checked = check_folder(generated, AS_OF, use_cache=use_cache, records=False)
    facts: list[Located[Any]] = [*checked.dataset.facts.agencies]
    facts += checked.dataset.facts.recommendations
    assert facts and all(type(f.source.values).__name__ == "_Later" for f in facts)
    assert snapshot(checked) == snapshot(check_folder(generated, AS_OF))


def test_helper_processes_share_the_files_out(
    generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if parallel.cores() < 2:
        pytest.skip("one core: the files are read in one process")
    log = tmp_path / "readers"
    real = loading.load_file

    def logging(path: Path, kind: Kind, terms: Any) -> FileResult:
        with log.open("a") as stream:
            stream.write(f"{os.getpid()}\n")
        return real(path, kind, terms)

    monkeypatch.setattr(reading, "load_file", logging)
    monkeypatch.setattr(reading, "PARALLEL_FROM", 1)
    paths = sorted((generated / "recommendations").rglob("*.yaml"))
    files: list[tuple[Path, Kind]] = [(path, "recommendation") for path in paths]
    shared = reading.load_files(generated, files, [], use_cache=False)
    readers = log.read_text().split()
    assert len(readers) == len(paths) and len(set(readers)) >= 2
    assert str(os.getpid()) in readers
    monkeypatch.setattr(reading, "PARALLEL_FROM", 10**9)
    alone = reading.load_files(generated, files, [], use_cache=False)
    assert [_plain(result) for result in shared] == [_plain(result) for result in alone]


def test_a_check_has_the_helpers_keep_the_records_they_read(
    generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Records a check will not read are not sent back: asked for after all, they are read
    again, the same."""
    if parallel.cores() < 2:
        pytest.skip("one core: the files are read in one process")
    log = tmp_path / "sent"
    real = reading._pack

    def logging(result: FileResult, records: bool = True) -> reading.Packed:
        with log.open("a") as stream:
            stream.write(f"{records}\n")
        return real(result, records)

    monkeypatch.setattr(reading, "_pack", logging)
    monkeypatch.setattr(reading, "PARALLEL_FROM", 1)
    paths = sorted((generated / "recommendations").rglob("*.yaml"))
    files: list[tuple[Path, Kind]] = [(path, "recommendation") for path in paths]
    checked = reading.load_files(generated, files, [], use_cache=False, records=False)
    assert set(log.read_text().split()) == {"False"}
    log.unlink()
    reported = reading.load_files(generated, files, [], use_cache=False)
    assert set(log.read_text().split()) == {"True"}
    assert [_plain(result) for result in checked] == [_plain(result) for result in reported]
    with monkeypatch.context() as patch:
        patch.setattr(reading, "PARALLEL_FROM", 1)
        assert snapshot(check_folder(generated, AS_OF, records=False)) == snapshot(
            check_folder(generated, AS_OF)
        )


def _plain(result: FileResult) -> tuple[Any, ...]:
    """A file's result with the lines of its facts and records, but not their source maps,
    which may be packed or not yet worked out."""

    def located(items: tuple[Located[Any], ...]) -> list[tuple[Any, ...]]:
        return [(item.record, item.file, item.path, item.line()) for item in items]

    return (
        result.problems,
        located(result.facts),
        result.unvalidated,
        result.readable,
        located(result.records()),
    )


def cache_file(folder: Path) -> Path:
    [file] = (folder.parent / CACHE_FOLDER).glob("*.pickle")
    return file


def test_the_cache_lives_beside_the_data_folder_and_ignores_itself(bundled: Path) -> None:
    before = sorted(p.relative_to(bundled) for p in bundled.rglob("*"))
    check_folder(bundled, AS_OF, use_cache=True)
    assert sorted(p.relative_to(bundled) for p in bundled.rglob("*")) == before
    assert cache_file(bundled).name.startswith("data-")
    assert (bundled.parent / CACHE_FOLDER / ".gitignore").read_text().splitlines()[-1] == "*"


def test_a_cached_file_keeps_its_problems(generated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = check_folder(generated, AS_OF, use_cache=True).problems
    no_reading(monkeypatch)
    assert check_folder(generated, AS_OF, use_cache=True).problems == first
    assert any(p.code == "yaml-syntax" for p in first)


def test_cross_record_checks_run_on_cached_files(
    bundled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert check_folder(bundled, AS_OF, use_cache=True).errors == ()
    text = (bundled / "agencies.yaml").read_text()
    start = text.index("  - id: nenc-icb")
    end = text.index("  - id:", start + 1)
    (bundled / "agencies.yaml").write_text(text[:start] + text[end:])
    result = check_folder(bundled, AS_OF, use_cache=True)
    unknown = [p for p in result.errors if p.code == "unknown-agency"]
    assert any(p.file.parent.parent.name == "recommendations" for p in unknown)


def test_a_changed_file_is_read_again(bundled: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    check_folder(bundled, AS_OF, use_cache=True)
    path = next((bundled / "recommendations").rglob("*.yaml"))
    old = path.stat()
    text = path.read_text()
    same_size = text.replace("status: in-progress", "status: not-started", 1)
    assert same_size != text and len(same_size) == len(text)
    path.write_text(same_size)
    os.utime(path, ns=(old.st_atime_ns, old.st_mtime_ns))  # even with its old time
    with_cache = check_folder(bundled, AS_OF, use_cache=True)
    assert snapshot(with_cache) == snapshot(check_folder(bundled, AS_OF))
    # the cache written again, with the other files' records as they were kept
    assert snapshot(check_folder(bundled, AS_OF, use_cache=True)) == snapshot(with_cache)


def test_a_file_changed_in_the_last_seconds_is_not_kept(bundled: Path) -> None:
    path = next((bundled / "recommendations").rglob("*.yaml"))
    path.write_text(path.read_text())
    check_folder(bundled, AS_OF, use_cache=True)
    kept = {relative for relative, _ in _entries(bundled)}
    assert path.relative_to(bundled).as_posix() not in kept
    assert "agencies.yaml" in kept


def _entries(folder: Path) -> list[tuple[str, Any]]:
    cache = Cache.open(folder, reading._context([]))
    assert cache is not None
    return list(cache.entries.items())


def test_files_that_are_gone_leave_the_cache(bundled: Path) -> None:
    check_folder(bundled, AS_OF, use_cache=True)
    path = next((bundled / "recommendations").rglob("*.yaml"))
    path.unlink()
    check_folder(bundled, AS_OF, use_cache=True)
    assert path.relative_to(bundled).as_posix() not in dict(_entries(bundled))


def test_new_private_terms_are_looked_for_in_cached_files(bundled: Path) -> None:
    assert check_folder(bundled, AS_OF, use_cache=True).errors == ()
    (bundled / ".private-terms").write_text("Quality\n")
    codes = {p.code for p in check_folder(bundled, AS_OF, use_cache=True).errors}
    assert codes == {"privacy-private-term"}


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[: len(raw) // 2],  # cut short
        lambda raw: b"\0" * len(raw),
        lambda raw: raw[:40] + bytes([raw[40] ^ 1]) + raw[41:],  # one bit flipped
        lambda raw: b"",
    ],
)
def test_a_damaged_cache_is_ignored_and_rebuilt(
    damage: Any, bundled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = snapshot(check_folder(bundled, AS_OF, use_cache=True))
    file = cache_file(bundled)
    file.write_bytes(damage(file.read_bytes()))
    assert snapshot(check_folder(bundled, AS_OF, use_cache=True)) == expected
    no_reading(monkeypatch)
    assert snapshot(check_folder(bundled, AS_OF, use_cache=True)) == expected


def test_damaged_records_are_read_again_and_the_cache_rebuilt(
    bundled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = snapshot(check_folder(bundled, AS_OF, use_cache=True))
    file = cache_file(bundled)
    raw = file.read_bytes()
    file.write_bytes(raw[:-10] + bytes([raw[-10] ^ 1]) + raw[-9:])  # in the records
    assert snapshot(check_folder(bundled, AS_OF, use_cache=True)) == expected
    assert not file.exists()
    check_folder(bundled, AS_OF, use_cache=True)
    no_reading(monkeypatch)
    assert snapshot(check_folder(bundled, AS_OF, use_cache=True)) == expected


def test_check_never_reads_the_cached_records(
    generated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Checking needs only the facts: the records are read only for a report."""
    expected = snapshot(check_folder(generated, AS_OF, use_cache=True))
    asked: list[str] = []
    real = Cache.records

    def records(cache: Cache, relative: str) -> bytes | memoryview | None:
        asked.append(relative)
        return real(cache, relative)

    monkeypatch.setattr(Cache, "records", records)
    result = check_folder(generated, AS_OF, use_cache=True)
    assert result.problems == expected.problems and not asked
    assert snapshot(result) == expected
    assert {"agencies.yaml", "reviews.yaml", "recommendations/R1/R1-1.yaml"} <= set(asked)


def test_an_unusable_entry_is_read_again(bundled: Path) -> None:
    expected = snapshot(check_folder(bundled, AS_OF, use_cache=True))
    cache = Cache.open(bundled, reading._context([]))
    assert cache is not None and cache.entries
    for relative, (stamp, _) in list(cache.entries.items()):
        cache.entries[relative] = (stamp, b"not a pickle")
    cache.changed = True
    cache.save()
    assert snapshot(check_folder(bundled, AS_OF, use_cache=True)) == expected


def test_a_cache_signed_by_another_key_is_never_unpickled(
    bundled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    check_folder(bundled, AS_OF, use_cache=True)
    marker = tmp_path / "unpickled"

    class Planted:
        def __reduce__(self) -> tuple[Any, ...]:
            return (os.mkdir, (str(marker),))

    payload = pickle.dumps(Planted())
    cache_file(bundled).write_bytes(b"\1" * 32 + payload)
    expected = snapshot(check_folder(bundled, AS_OF))
    assert snapshot(check_folder(bundled, AS_OF, use_cache=True)) == expected
    assert not marker.exists()
    # a cache made with another user's key is not used either
    check_folder(bundled, AS_OF, use_cache=True)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "another-user"))
    read: list[Path] = []
    real = loading.load_file

    def counting(path: Path, kind: Kind, terms: Any) -> FileResult:
        read.append(path)
        return real(path, kind, terms)

    monkeypatch.setattr(reading, "load_file", counting)
    assert snapshot(check_folder(bundled, AS_OF, use_cache=True)) == expected
    assert len(read) == len(expected.other[0])


def test_a_cache_that_cannot_be_written_is_not_an_error(bundled: Path) -> None:
    (bundled.parent / CACHE_FOLDER).write_text("a file where the cache folder would be")
    assert snapshot(check_folder(bundled, AS_OF, use_cache=True)) == snapshot(
        check_folder(bundled, AS_OF)
    )


def test_no_cache_key_means_no_cache(bundled: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(bundled / "agencies.yaml"))  # not a folder
    assert snapshot(check_folder(bundled, AS_OF, use_cache=True)) == snapshot(
        check_folder(bundled, AS_OF)
    )
    assert not (bundled.parent / CACHE_FOLDER).exists()


def test_a_data_folder_given_relative_is_cached_alike(
    bundled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(bundled)
    expected = snapshot(check_folder(Path("."), AS_OF))
    check_folder(Path("."), AS_OF, use_cache=True)
    assert "agencies.yaml" in dict(_entries(bundled))
    no_reading(monkeypatch)
    assert snapshot(check_folder(Path("."), AS_OF, use_cache=True)) == expected


def test_cached_problems_name_the_folder_as_it_is_given(
    generated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = check_folder(generated, AS_OF).problems
    monkeypatch.chdir(generated.parent)
    relative = check_folder(Path(generated.name), AS_OF, use_cache=True).problems
    assert relative and not any(p.file.is_absolute() for p in relative)
    no_reading(monkeypatch)
    assert check_folder(generated, AS_OF, use_cache=True).problems == expected
