"""The hostile corpus: broken and malicious files, each giving its clear problem at its
line and exit code 1, never a traceback. tests/corpus/expected.tsv lists them; the cases
that cannot be files in git (a 20 MB file, links, a folder, an unreadable file) are made
here."""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import REPOSITORY, TESTS
from lcspr_cli.cli import app
from lcspr_cli.pipeline import check_folder
from lcspr_cli.problems import CODES_BY_NAME
from lcspr_cli.records.models import Recommendation
from lcspr_cli.records.validate import validate_record
from lcspr_cli.yamlfile.read import parse_yaml

CORPUS = TESTS / "corpus"
AS_OF = date(2025, 6, 1)
REC = "recommendations/TEST/TEST-1.yaml"


def expected() -> list[tuple[str, str, int]]:
    rows = []
    for line in (CORPUS / "expected.tsv").read_text().splitlines():
        if line and not line.startswith("#"):
            name, code, number = line.split("\t")
            rows.append((name, code, int(number)))
    return rows


def test_the_corpus_is_complete() -> None:
    listed = {name for name, _, _ in expected()}
    assert listed == {path.name for path in CORPUS.glob("*.yaml")}
    assert len(listed) >= 40


@pytest.mark.parametrize(("name", "code", "line"), expected(), ids=[row[0] for row in expected()])
def test_each_broken_file_gives_its_problem_at_its_line(
    name: str, code: str, line: int, data_folder: Path
) -> None:
    target = data_folder / REC
    target.write_bytes((CORPUS / name).read_bytes())
    result = check_folder(data_folder, AS_OF)
    mine = [(p.code, p.line) for p in result.problems if p.file == target]
    assert (code, line) in mine
    assert result.errors


@pytest.mark.parametrize(
    "name", ["alias-bomb.yaml", "python-tag.yaml", "binary.yaml", "utf16.yaml"]
)
def test_the_command_line_exits_1_without_a_traceback(
    name: str, data_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (data_folder / REC).write_bytes((CORPUS / name).read_bytes())
    monkeypatch.chdir(data_folder.parent)
    result = CliRunner().invoke(app, ["check", "--as-of", "2025-06-01"], env={"NO_COLOR": "1"})
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output


def problems_in(folder: Path, relative: str) -> list[str]:
    return [p.code for p in check_folder(folder, AS_OF).problems if p.file == folder / relative]


def test_a_20_megabyte_file_is_refused_unread(data_folder: Path) -> None:
    with (data_folder / REC).open("w") as stream:
        stream.write("title: " + "x" * (20 * 1024 * 1024) + "\n")
    assert problems_in(data_folder, REC) == ["file-too-large"]


def test_a_folder_named_like_a_file(data_folder: Path) -> None:
    (data_folder / "recommendations/TEST/TEST-2.yaml").mkdir()
    assert problems_in(data_folder, "recommendations/TEST/TEST-2.yaml") == ["unreadable-file"]


def test_a_loop_of_links(data_folder: Path) -> None:
    loop = data_folder / "recommendations/TEST/TEST-2.yaml"
    os.symlink(loop, loop)
    assert problems_in(data_folder, "recommendations/TEST/TEST-2.yaml") == ["unreadable-file"]
    folder_loop = data_folder / "recommendations/TEST/again"
    os.symlink(data_folder / "recommendations", folder_loop)  # never followed
    assert len(check_folder(data_folder, AS_OF).dataset.recommendations) == 1


def test_a_link_out_of_the_data_folder(data_folder: Path, tmp_path: Path) -> None:
    secret = tmp_path / "outside.yaml"
    shutil.copy(data_folder / REC, secret)
    (data_folder / "recommendations/TEST/TEST-2.yaml").symlink_to(secret)
    assert problems_in(data_folder, "recommendations/TEST/TEST-2.yaml") == ["link-outside"]


def test_an_unreadable_file(data_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = data_folder / REC
    real = Path.read_bytes

    def refuse(self: Path) -> bytes:
        if self == target:
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert problems_in(data_folder, REC) == ["unreadable-file"]
    [problem] = [p for p in check_folder(data_folder, AS_OF).problems if p.file == target]
    assert problem.message == "cannot read the file: Permission denied"


def test_evidence_paths_stay_inside_the_data_folder(data_folder: Path, tmp_path: Path) -> None:
    target = data_folder / REC
    outside = tmp_path / "outside.md"
    outside.write_text("not in the repository")
    (data_folder / "evidence").mkdir()
    (data_folder / "evidence/link.md").symlink_to(outside)
    text = target.read_text().replace("held_by: north-council", "path: evidence/link.md")
    target.write_text(text)
    result = check_folder(data_folder, AS_OF)
    assert "evidence/link.md" not in result.dataset.evidence_present
    for escape in ("../outside.md", "/etc/passwd", "C:\\\\Windows\\\\file.txt"):
        target.write_text(text.replace("evidence/link.md", escape))
        assert "invalid-value" in problems_in(data_folder, REC), escape


# --- fuzzing: mutated copies of the bundled files -------------------------------------

BUNDLED = sorted((REPOSITORY / "data" / "recommendations").rglob("*.yaml"))
FUZZ_EXAMPLES = int(os.environ.get("LCSPR_FUZZ_EXAMPLES", "200"))


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    raw = bytearray(draw(st.sampled_from(BUNDLED)).read_bytes())
    for _ in range(draw(st.integers(1, 6))):
        where = draw(st.integers(0, len(raw)))
        kind = draw(st.sampled_from(["insert", "delete", "replace", "duplicate"]))
        chunk = draw(
            st.sampled_from(
                [
                    b"\t",
                    b": ",
                    b"- ",
                    b"\n",
                    b"'",
                    b'"',
                    b"[",
                    b"{",
                    b"&a ",
                    b"*a",
                    b"!!python/name:os.system ",
                    b"#",
                    b"\xff",
                    b"\x00",
                    b"  ",
                    b"|",
                    b">",
                    b"<<<<<<< HEAD\n",
                    b"yes",
                    b"2025-02-30",
                ]
            )
        )
        if kind == "insert":
            raw[where:where] = chunk
        elif kind == "delete":
            del raw[where : where + draw(st.integers(1, 40))]
        elif kind == "replace":
            raw[where : where + len(chunk)] = chunk
        else:
            start = raw.rfind(b"\n", 0, where) + 1
            end = raw.find(b"\n", where)
            line = raw[start : end + 1 if end >= 0 else len(raw)]
            raw[start:start] = line
    return bytes(raw)


@settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=mutated())
def test_mutated_bundled_files_give_problems_with_codes_and_places(raw: bytes) -> None:
    path = Path("LEO-1.yaml")
    parsed = parse_yaml(raw, path)
    problems = list(parsed.problems)
    if parsed.data is not None:
        problems += validate_record(Recommendation, parsed.data, parsed.source)[1]
    for problem in problems:
        assert problem.code in CODES_BY_NAME
        assert problem.message
        assert problem.line is None or 1 <= problem.line <= raw.count(b"\n") + 2


def test_a_linked_recommendations_folder_outside_is_not_followed(
    data_folder: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    (data_folder / "recommendations").rename(elsewhere)
    (data_folder / "recommendations").symlink_to(elsewhere)
    assert problems_in(data_folder, REC) == ["link-outside"]
