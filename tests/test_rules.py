"""Every problem code, produced by a small change to a valid data folder, at its line.

Each case edits tests/samples/minimal and expects the code at a file and line. A test at
the end fails when a code in the registry has no case here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import AS_OF, edit
from lcspr_cli.pipeline import check_folder
from lcspr_cli.problems import CODES
from lcspr_cli.yamlfile import read as yamlread

REC = "recommendations/TEST/TEST-1.yaml"


@dataclass(frozen=True)
class Case:
    code: str
    file: str
    line: int | None
    change: Callable[[Path], None]


def replace(old: str, new: str, file: str = REC) -> Callable[[Path], None]:
    return lambda folder: edit(folder, file, old, new)


def write(file: str, content: bytes | str) -> Callable[[Path], None]:
    def change(folder: Path) -> None:
        path = folder / file
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode() if isinstance(content, str) else content)

    return change


def make_folder(file: str) -> Callable[[Path], None]:
    return lambda folder: (folder / file).mkdir(parents=True)


def rename(file: str, to: str) -> Callable[[Path], None]:
    def change(folder: Path) -> None:
        (folder / file).rename(folder / to)

    return change


def delete(file: str) -> Callable[[Path], None]:
    return lambda folder: (folder / file).unlink()


def latin_1(folder: Path) -> None:
    path = folder / REC
    text = path.read_text().replace("Early help roles\n", "Early help rôles\n", 1)
    path.write_bytes(text.encode("latin-1"))


def multiple_documents(folder: Path) -> None:
    path = folder / REC
    path.write_text(path.read_text() + "---\nid: TEST-9\n")


def link_outside(folder: Path) -> None:
    outside = folder.parent / "elsewhere.yaml"
    outside.write_text((folder / REC).read_text())
    (folder / "recommendations/TEST/TEST-2.yaml").symlink_to(outside)


def too_large(folder: Path) -> None:
    (folder / REC).write_text("title: " + "x" * 6_000_000)


CASES = [
    Case(
        "unreadable-file",
        "recommendations/TEST/TEST-2.yaml",
        None,
        make_folder("recommendations/TEST/TEST-2.yaml"),
    ),
    Case("file-too-large", REC, None, too_large),
    Case("not-utf8", REC, 5, latin_1),
    Case(
        "empty-file",
        "recommendations/TEST/TEST-2.yaml",
        1,
        write("recommendations/TEST/TEST-2.yaml", ""),
    ),
    Case(
        "merge-conflict",
        REC,
        11,
        replace(
            "status: in-progress\n\nactions:",
            "<<<<<<< HEAD\nstatus: in-progress\n=======\nstatus: open\n>>>>>>> b\nactions:",
        ),
    ),
    Case("yaml-tab", REC, 33, replace("    status: in-progress\n", "\tstatus: in-progress\n")),
    Case("yaml-syntax", REC, 5, replace("title: Early help roles\n", "title: Early help: roles")),
    Case(
        "yaml-duplicate-key",
        REC,
        12,
        replace("status: in-progress\n\n", "status: in-progress\nstatus: open\n"),
    ),
    Case(
        "yaml-anchor", REC, 9, replace("owner: north-council\ndue", "owner: &o north-council\ndue")
    ),
    Case("yaml-tag", REC, 5, replace("title: Early help roles\n", "title: !!python/str roles")),
    Case("yaml-multiple-documents", REC, 34, multiple_documents),
    Case("too-deep", REC, 5, replace("title: Early help roles\n", "title: " + "[" * 40 + "]" * 40)),
    Case(
        "not-a-mapping",
        "recommendations/TEST/TEST-2.yaml",
        1,
        write("recommendations/TEST/TEST-2.yaml", "- id: TEST-2\n"),
    ),
    Case(
        "ignored-file",
        "recommendations/TEST/TEST-2.yml",
        None,
        write("recommendations/TEST/TEST-2.yml", "id: TEST-2\n"),
    ),
    Case("missing-file", "reviews.yaml", None, delete("reviews.yaml")),
    Case("unknown-field", REC, 18, replace("    due: 2025-03-31", "    dew: 2025-03-31")),
    Case("missing-field", REC, 29, replace("    due: 2025-09-30\n", "")),
    Case(
        "wrong-type",
        REC,
        15,
        replace("action: Publish a statement of early help roles.", "action: 42"),
    ),
    Case("empty-value", REC, 17, replace("lead_role: Head of Early Help", "lead_role: ' '")),
    Case("invalid-value", REC, 11, replace("status: in-progress\n\n", "status: started\n\n")),
    Case(
        "invalid-id",
        REC,
        16,
        replace("    owner: north-council\n    lead", "    owner: North Council\n    lead"),
    ),
    Case("invalid-date", REC, 10, replace("due: 2025-12-31", "due: 31/12/2025")),
    Case("invalid-url", REC, 24, replace("held_by: north-council", "url: intranet/roles")),
    Case("evidence-location", REC, 22, replace("        held_by: north-council\n", "")),
    Case("duplicate-id", REC, 29, replace("id: TEST-1.2", "id: TEST-1.1")),
    Case(
        "file-name-mismatch",
        "recommendations/TEST/TEST-2.yaml",
        2,
        rename(REC, "recommendations/TEST/TEST-2.yaml"),
    ),
    Case("id-mismatch", REC, 29, replace("id: TEST-1.2", "id: TEST-2.2")),
    Case(
        "unknown-review",
        "recommendations/OTHER/OTHER-1.yaml",
        2,
        write(
            "recommendations/OTHER/OTHER-1.yaml",
            "id: OTHER-1\nreview: OTHER\nnumber: 1\ntitle: t\ntext: t\n"
            "due: 2025-01-01\nstatus: open\n",
        ),
    ),
    Case("unknown-theme", REC, 8, replace("themes: [early-help]", "themes: [early-halp]")),
    Case("unknown-agency", REC, 31, replace("owner: test-icb", "owner: test-ibc")),
    Case(
        "unknown-recommendation",
        REC,
        32,
        replace("    owner: test-icb\n", "    owner: test-icb\n    serves: [TEST-2]\n"),
    ),
    Case(
        "agency-not-yet-formed",
        REC,
        24,
        replace(
            "        date: 2025-03-20\n        held_by", "        date: 2023-03-20\n        held_by"
        ),
    ),
    Case(
        "agency-succession",
        "agencies.yaml",
        5,
        replace("until: 2023-03-31", "until: 2023-03-31\n    from: 2024-01-01", "agencies.yaml"),
    ),
    Case("missing-completed-on", REC, 19, replace("    completed_on: 2025-03-20\n", "")),
    Case(
        "missing-dropped-reason",
        REC,
        33,
        replace("    status: in-progress\n", "    status: dropped\n"),
    ),
    Case(
        "missing-revised-reason",
        REC,
        33,
        replace(
            "    status: in-progress\n", "    revised_due: 2025-12-31\n    status: in-progress\n"
        ),
    ),
    Case(
        "missing-assurance",
        REC,
        11,
        replace("status: in-progress\n\n", "status: assured\nclosed_on: 2025-05-01\n"),
    ),
    Case(
        "missing-closed-on",
        REC,
        11,
        replace(
            "status: in-progress\n\n",
            "status: closed\nassurance: {date: 2025-05-01, by: Subgroup}\n",
        ),
    ),
    Case(
        "date-in-future",
        REC,
        26,
        replace("      - date: 2025-03-20\n        note", "      - date: 2025-06-02\n        note"),
    ),
    Case("yaml-ambiguous", REC, 17, replace("lead_role: Head of Early Help", "lead_role: no")),
    Case("link-outside", "recommendations/TEST/TEST-2.yaml", None, link_outside),
    Case(
        "privacy-nhs-number",
        REC,
        5,
        replace("title: Early help roles\n", "title: Early help roles 943 476 5919\n"),
    ),
    Case(
        "privacy-postcode",
        REC,
        17,
        replace("lead_role: Head of Early Help", "lead_role: Head of Early Help, CA1 1AA"),
    ),
    Case(
        "privacy-date-of-birth",
        REC,
        27,
        replace("note: Statement published.", "note: Child born 03/04/2019."),
    ),
    Case(
        "privacy-email",
        REC,
        22,
        replace("title: Early help roles statement", "title: Email from jane.doe@example.org"),
    ),
    Case(
        "privacy-phone",
        REC,
        30,
        replace("Survey practitioners on early help roles.", "Ring the mother on 07700 900123."),
    ),
    Case("privacy-private-term", REC, 30, write(".private-terms", "# names\npractitioners\n")),
    Case(
        "status-ahead-of-actions",
        REC,
        11,
        replace("status: in-progress\n\n", "status: complete\n\n"),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case.code for case in CASES])
def test_each_code_is_reported_at_its_line(
    case: Case, data_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case.change(data_folder)
    result = check_folder(data_folder, AS_OF)
    found = [(p.code, p.file.relative_to(data_folder).as_posix(), p.line) for p in result.problems]
    assert (case.code, case.file, case.line) in found, found
    for problem in result.problems:
        assert problem.message and problem.code in {c.name for c in CODES}


# Codes that only `lcspr check --fail-on` and `--since` give: tested in test_ci.py.
CI_ONLY = {"overdue", "unowned", "missing-evidence", "id-taken"}


def test_every_code_has_a_case() -> None:
    assert {case.code for case in CASES} | CI_ONLY == {code.name for code in CODES}


def test_the_minimal_sample_is_clean(data_folder: Path) -> None:
    result = check_folder(data_folder, AS_OF)
    assert result.problems == ()
    assert len(result.dataset.recommendations) == 1


def test_a_broken_file_does_not_stop_the_others_being_checked(data_folder: Path) -> None:
    write("recommendations/TEST/TEST-2.yaml", "id: [\n")(data_folder)
    edit(data_folder, REC, "owner: test-icb", "owner: test-ibc")
    result = check_folder(data_folder, AS_OF)
    assert {p.code for p in result.problems} == {"yaml-syntax", "unknown-agency"}
    assert [p.file.name for p in result.errors] == ["TEST-1.yaml", "TEST-2.yaml"]


@pytest.mark.parametrize(
    ("old", "new", "line"),
    [
        ("owner: north-council\ndue", "owner: nowhere\ndue", 9),  # the recommendation's
        ("owner: test-icb", "owner: nowhere", 31),  # an action's
        ("status: complete\n", "status: complete\n    supporting: [nowhere]\n", 20),
        ("        held_by: north-council", "        held_by: nowhere", 24),  # evidence's
        (
            "status: in-progress\n\nactions",
            "status: in-progress\nassurance: {date: 2025-05-01, by: Subgroup, evidence: "
            "[{title: Audit, date: 2025-05-01, held_by: nowhere}]}\n\nactions",
            12,
        ),
    ],
)
def test_an_unknown_agency_is_found_wherever_it_is_named(
    old: str, new: str, line: int, data_folder: Path
) -> None:
    edit(data_folder, REC, old, new)
    found = [(p.code, p.line) for p in check_folder(data_folder, AS_OF).problems]
    assert ("unknown-agency", line) in found, found


def test_unknown_agency_suggests_the_close_id(data_folder: Path) -> None:
    edit(data_folder, REC, "owner: test-icb", "owner: test-ibc")
    [problem] = check_folder(data_folder, AS_OF).problems
    assert problem.hint == "did you mean `test-icb`?"


def test_an_invalid_agency_record_does_not_make_its_users_unknown(data_folder: Path) -> None:
    edit(data_folder, "agencies.yaml", "name: Test Integrated Care Board", "name: [oops]")
    result = check_folder(data_folder, AS_OF)
    assert [p.code for p in result.problems] == ["wrong-type"]


def test_an_unreadable_register_does_not_flood_with_unknown_references(data_folder: Path) -> None:
    write("agencies.yaml", "agencies: [\n")(data_folder)
    assert [p.code for p in check_folder(data_folder, AS_OF).problems] == ["yaml-syntax"]


def test_a_cycle_of_successors_is_reported(data_folder: Path) -> None:
    edit(
        data_folder,
        "agencies.yaml",
        "    from: 2023-04-01\n  - id: south",
        "    from: 2023-04-01\n    replaced_by: [old-council]\n  - id: south",
    )
    codes = [p.code for p in check_folder(data_folder, AS_OF).problems]
    assert codes.count("agency-succession") == 2


def test_future_dates_depend_on_the_as_of_date(data_folder: Path) -> None:
    from datetime import date

    assert check_folder(data_folder, date(2025, 3, 20)).problems == ()
    found = [(p.code, p.line) for p in check_folder(data_folder, date(2025, 3, 19)).problems]
    # completed_on, the evidence date and the update date
    assert found == [("date-in-future", 20), ("date-in-future", 23), ("date-in-future", 26)]


def test_check_never_changes_a_file(data_folder: Path) -> None:
    edit(data_folder, REC, "status: in-progress\n\n", "status: closed\n\n")
    before = {p: p.read_bytes() for p in data_folder.rglob("*") if p.is_file()}
    check_folder(data_folder, AS_OF)
    assert {p: p.read_bytes() for p in data_folder.rglob("*") if p.is_file()} == before


@pytest.mark.parametrize("size", [4_095, 4_096, 4_097])
def test_a_file_over_the_size_limit_is_refused_and_one_within_it_read(
    size: int, data_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    limit = 4_096
    monkeypatch.setattr(yamlread, "MAX_FILE_BYTES", limit)
    path = data_folder / REC
    text = path.read_text(encoding="utf-8") + "# padding\n"
    text += "#" * (size - len(text.encode()) - 1) + "\n"
    path.write_text(text, encoding="utf-8")
    assert path.stat().st_size == size
    result = check_folder(data_folder, AS_OF)
    if size <= limit:
        assert result.problems == ()
        assert [r.record.id for r in result.dataset.recommendations] == ["TEST-1"]
        return
    assert [(p.code, p.file, p.line) for p in result.problems] == [("file-too-large", path, None)]
    assert "4,097 bytes" in result.problems[0].message
    assert result.unread_files == (path,)
