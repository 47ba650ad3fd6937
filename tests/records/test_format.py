"""The file format's forms at their edges: numbers, target dates, owners, scope,
responses, revisions and `serves`, each read and reported as the format says."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from conftest import SAMPLES, edit
from lcspr_cli.pipeline import check_folder, report_folder
from lcspr_cli.queries.findings import Kind, Reason
from lcspr_cli.queries.report import Report
from lcspr_cli.queries.views import Rag
from lcspr_cli.records.dates import Due, parse_due
from lcspr_cli.records.models import Recommendation
from lcspr_cli.records.validate import validate_record
from lcspr_cli.yamlfile.positions import SourceMap
from lcspr_cli.yamlfile.read import parse_yaml

FILE = Path("T-1.yaml")
AS_OF = date(2025, 9, 30)


def validate(text: str) -> tuple[Recommendation | None, list[tuple[str, str]]]:
    parsed = parse_yaml(text.encode(), FILE)
    assert parsed.data is not None, parsed.problems
    located, problems = validate_record(Recommendation, parsed.data, SourceMap(FILE))
    return (located.record if located else None), [(p.code, p.message) for p in problems]


def rec(number: str, extra: str = "", review: str = "T") -> str:
    return (
        f"id: {review}-{number}\nreview: {review}\nnumber: {number}\ntitle: t\ntext: x\n"
        f"due: 2026-03-31\nstatus: open\n{extra}"
    )


@pytest.mark.parametrize(
    "number", ["3", "2a", "1.1", "1.10", "B1", "iv", "A", "2A", "R3", "01", "1-2", "1.2.3"]
)
def test_every_number_form_is_read_as_written(number: str) -> None:
    record, problems = validate(rec(number))
    assert problems == [] and record is not None
    assert (record.number, record.id) == (number, f"T-{number}")


def test_an_invalid_number_gets_one_error_that_states_the_rule() -> None:
    text = rec("1 1", "actions:\n  - {id: T-1 1.1, action: a, due: 2025-01-01, status: open}\n")
    _, problems = validate(text.replace("status: open}", "status: not-started}"))
    assert problems == [
        (
            "invalid-id",
            "`1 1` is not a valid recommendation number: a number is letters and digits, "
            "with parts joined by `.` or `-`",
        )
    ]


@pytest.mark.parametrize(
    ("written", "last_day", "printed"),
    [
        ("2026-03-31", date(2026, 3, 31), ""),
        ("2026-03", date(2026, 3, 31), "March 2026"),
        ("2028-02", date(2028, 2, 29), "February 2028"),
        ("2027-02", date(2027, 2, 28), "February 2027"),
        ("2026/27-Q1", date(2026, 6, 30), "2026/27 Q1"),
        ("2026/27-Q3", date(2026, 12, 31), "2026/27 Q3"),
        ("2026/27-Q4", date(2027, 3, 31), "2026/27 Q4"),
        ("2099/00-Q4", date(2100, 3, 31), "2099/00 Q4"),
    ],
)
def test_each_due_form_counts_from_its_last_day(written: str, last_day: date, printed: str) -> None:
    record, problems = validate(rec("1").replace("due: 2026-03-31", f"due: {written}"))
    assert problems == [] and record is not None and isinstance(record.due, Due)
    assert (record.due, record.due.written) == (last_day, printed)


@pytest.mark.parametrize("written", ["31/03/2026", "March 2026", "2026/28-Q4", "2026-13"])
def test_a_due_date_in_another_form_shows_the_three_that_are_read(written: str) -> None:
    with pytest.raises(Exception) as raised:
        parse_due(written)
    hint = str(getattr(raised.value, "context", {}).get("hint", ""))
    assert "2026/27-Q4" in hint and ("2026-03" in hint or written == "2026/28-Q4")


def test_a_response_needs_a_note_when_not_simply_accepted() -> None:
    for decision in ("accepted", "accepted-in-principle"):
        record, problems = validate(rec("1", f"response: {{decision: {decision}}}\n"))
        assert problems == [] and record is not None and record.decision == decision
    for decision in ("partially-accepted", "not-accepted"):
        _, problems = validate(rec("1", f"response: {{decision: {decision}}}\n"))
        assert [code for code, _ in problems] == ["missing-field"]
        record, problems = validate(rec("1", f"response: {{decision: {decision}, note: n}}\n"))
        assert problems == [] and record is not None
    record, _ = validate(rec("1"))
    assert record is not None and record.decision == "accepted"


def test_only_not_accepted_or_external_recommendations_may_leave_out_due_and_status() -> None:
    bare = "id: T-1\nreview: T\nnumber: 1\ntitle: t\ntext: x\n"
    _, problems = validate(bare)
    assert [code for code, _ in problems] == ["missing-field"]
    record, problems = validate(bare + "response: {decision: not-accepted, note: why}\n")
    assert problems == [] and record is not None and record.status is None
    record, problems = validate(bare + "scope: external\nstatus: open\n")
    assert problems == [] and record is not None and record.due is None


def test_revisions_old_and_new_forms_give_the_date_now_due() -> None:
    old = rec("1", "revised_due: 2026-06\nrevised_reason: agreed\n")
    record, _ = validate(old)
    assert record is not None and record.effective_due == date(2026, 6, 30)
    assert [(c.agreed, c.due) for c in record.target_changes] == [(None, date(2026, 6, 30))]
    both = old + (
        "revisions:\n  - {date: 2025-07-01, due: 2026/27-Q2, reason: later}\n"
        "  - {date: 2025-08-01, due: 2026-12-31, reason: later still, by: executive}\n"
    )
    record, problems = validate(both)
    assert problems == [] and record is not None
    assert record.effective_due == date(2026, 12, 31)
    assert [c.agreed for c in record.target_changes] == [
        None,
        date(2025, 7, 1),
        date(2025, 8, 1),
    ]


# --- in a data folder: owners, external recommendations, serves -------------------------

REC = "recommendations/TEST/TEST-1.yaml"


def reported(folder: Path, as_of: date = AS_OF) -> Report:
    return report_folder(folder, as_of, as_of).report


def views(report: Report) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for view in report.recommendations:
        found[view.item.id] = view
        found.update((a.item.id, a) for a in view.actions)
    return found


def test_joint_owners_are_unowned_only_when_none_remains(data_folder: Path) -> None:
    edit(data_folder, REC, "    owner: test-icb\n", "    owner: [old-council, test-icb]\n")
    action = views(reported(data_folder))["TEST-1.2"]
    assert not [f for f in action.findings if f.kind is Kind.UNOWNED]
    edit(data_folder, REC, "[old-council, test-icb]", "[old-council, gone-council]")
    [finding] = [
        f for f in views(reported(data_folder))["TEST-1.2"].findings if f.kind is Kind.UNOWNED
    ]
    assert (finding.reason, finding.successors) == (
        Reason.AGENCY_ENDED,
        ("north-council", "south-council"),
    )


def test_an_owner_not_yet_formed_is_unowned_on_days_before(data_folder: Path) -> None:
    edit(data_folder, "reviews.yaml", "published: ", "# published: ")  # in the report then
    before = views(reported(data_folder, date(2023, 3, 1)))["TEST-1"]
    [finding] = [f for f in before.findings if f.kind is Kind.UNOWNED]
    assert finding.reason is Reason.AGENCY_NOT_FORMED
    after = views(reported(data_folder, date(2023, 4, 1)))["TEST-1"]
    assert not [f for f in after.findings if f.kind is Kind.UNOWNED]


@pytest.mark.parametrize(
    ("status", "evidence", "rag"),
    [
        ("in-progress", False, Rag.GREY),
        ("complete", False, Rag.GREY),
        ("complete", True, Rag.BLUE),
        ("closed", True, Rag.BLUE),
    ],
)
def test_an_external_recommendation_is_monitored(
    tmp_path: Path, status: str, evidence: bool, rag: Rag
) -> None:
    folder = tmp_path / "data"
    shutil.copytree(SAMPLES / "minimal", folder)
    text = (folder / REC).read_text()
    head, _, _ = text.partition("\nactions:")
    closed = "\nclosed_on: 2025-06-01" if status == "closed" else ""
    head = head.replace("status: in-progress", f"status: {status}{closed}")
    head = head.replace("due: 2025-12-31\n", "scope: external\n")  # and long overdue
    if evidence:
        head += "\nevidence:\n  - {title: Guidance, date: 2025-05-01, url: https://example.org}"
    (folder / REC).write_text(head + "\n")
    view = views(reported(folder, date(2030, 1, 1)))["TEST-1"]
    assert (view.rag, view.findings) == (rag, ())
    assert not [p for p in check_folder(folder, AS_OF).problems if p.is_error]


def test_a_red_local_action_makes_an_external_recommendation_red(data_folder: Path) -> None:
    edit(data_folder, REC, "due: 2025-12-31\n", "scope: external\n")
    view = views(reported(data_folder, date(2025, 10, 15)))["TEST-1"]
    assert (view.rag, view.why) == (Rag.RED, ("action TEST-1.2 is red",))


def test_an_action_that_serves_another_recommendation_is_counted_once(
    data_folder: Path,
) -> None:
    second = (data_folder / REC).read_text().split("\nactions:")[0]
    second = second.replace("TEST-1", "TEST-2").replace("number: 1", "number: 2")
    (data_folder / "recommendations/TEST/TEST-2.yaml").write_text(second + "\n")
    edit(data_folder, REC, "    owner: test-icb\n", "    owner: test-icb\n    serves: [TEST-2]\n")
    assert not check_folder(data_folder, AS_OF).problems
    found = views(reported(data_folder))
    assert [a.item.id for a in found["TEST-2"].served_by] == ["TEST-1.2"]
    assert (len(found["TEST-1"].actions), len(found["TEST-2"].actions)) == (2, 0)
