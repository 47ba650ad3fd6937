"""An edit never writes what `lcspr check` or the reports would then flag as a mistake the
edit itself made: personal data, assurance without evidence, closing with open actions, a
revised date already past, a list out of its order, evidence that is not there."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from conftest import edit
from edits import REC, TODAY, apply, data_of
from lcspr_cli.edit import operations as editing
from lcspr_cli.edit.document import EditError
from lcspr_cli.edit.new_recommendation import NewRecommendation, plan_new_recommendation
from lcspr_cli.edit.plan import EditRefused, Operation, UnknownName, plan
from lcspr_cli.edit.registers import NewAgency, NewReview, plan_new_agency, plan_new_review
from lcspr_cli.pipeline import check_folder
from lcspr_cli.records.dates import parse_due

# Made-up values that pass the guard's checks (see tests/load/test_privacy.py).
NHS = "943 476 5919"
NOTE = f"Spoke to mother, DOB 12/03/1995, NHS {NHS}"


def refused(folder: Path, ident: str, operation: Operation) -> EditRefused:
    before = (folder / REC).read_bytes()
    with pytest.raises(EditRefused) as caught:
        plan(folder, TODAY, ident, operation)
    assert (folder / REC).read_bytes() == before
    return caught.value


# --- personal data --------------------------------------------------------------------


def test_an_update_with_personal_data_is_refused_naming_the_kind_and_where(
    data_folder: Path,
) -> None:
    error = refused(data_folder, "TEST-1.2", editing.add_update(NOTE, TODAY))
    assert [p.code for p in error.problems] == ["privacy-date-of-birth", "privacy-nhs-number"]
    birth, nhs = (p.message for p in error.problems)
    assert birth.startswith("the note you gave holds what looks like a date of birth, at ")
    assert "at character 18:" in birth  # "DOB 12/03/1995" starts at the 18th character
    assert "an NHS number, at character 38:" in nhs
    shown = " ".join(f"{p.message} {p.hint}" for p in error.problems)
    for part in ("943", "476", "5919", "12/03", "1995"):
        assert part not in shown
    assert [(p.file, p.line) for p in error.problems] == [(data_folder / REC, 36)] * 2


@pytest.mark.parametrize(
    ("ident", "operation", "code"),
    [
        ("TEST-1.2", editing.set_status("dropped", None, "Ring 07700 900123 first", None), "phone"),
        ("TEST-1", editing.new_action("Visit CA1 1AA", "test-icb", TODAY, None), "postcode"),
        ("TEST-1.2", editing.revise_due(date(2025, 12, 1), f"NHS {NHS}", TODAY, None), "nhs"),
        (
            "TEST-1.2",
            editing.add_evidence("Letter to jo.bloggs@example.org", TODAY, None, None, "test-icb"),
            "email",
        ),
    ],
)
def test_every_edit_looks_through_the_text_it_adds(
    data_folder: Path, ident: str, operation: Operation, code: str
) -> None:
    error = refused(data_folder, ident, operation)
    assert [p.code.split("-")[1] for p in error.problems] == [code]


def test_personal_data_in_a_new_recommendation_or_register_is_refused(data_folder: Path) -> None:
    (data_folder / ".private-terms").write_text("Bloggs\n", encoding="utf-8")
    new = NewRecommendation("TEST", "2", "Visits", "Visit the Bloggs family", "test-scp", TODAY)
    with pytest.raises(EditRefused, match="would have an error") as caught:
        plan_new_recommendation(data_folder, TODAY, new)
    assert caught.value.problems[0].message.startswith(
        "the recommendation text you gave holds what looks like a term listed in "
        ".private-terms, at character 11:"
    )
    with pytest.raises(EditRefused):
        plan_new_agency(data_folder, TODAY, NewAgency("bloggs", "Bloggs and Co"))
    review = NewReview("NEW", "The Bloggs review", "LCSPR", "test-scp")
    with pytest.raises(EditRefused):
        plan_new_review(data_folder, TODAY, review)
    assert not (data_folder / "recommendations/TEST/TEST-2.yaml").exists()


def test_personal_data_already_in_the_file_is_check_s_to_report(data_folder: Path) -> None:
    edit(data_folder, REC, "note: Statement published.", f"note: NHS {NHS}")
    apply(data_folder, "TEST-1.2", editing.add_update("Survey sent", TODAY))
    assert data_of(data_folder / REC)["actions"][1]["updates"][0]["note"] == "Survey sent"


# --- assurance and closing ------------------------------------------------------------


def test_assured_needs_assurance_evidence_recorded_or_given(data_folder: Path) -> None:
    with pytest.raises(EditError, match=r"without assurance evidence.*--evidence TITLE"):
        plan(data_folder, TODAY, "TEST-1", editing.set_status("assured", TODAY, None, "Subgroup"))
    with pytest.raises(EditError, match="set-status ID assured"):
        plan(data_folder, TODAY, "TEST-1", editing.add_evidence("x", TODAY, None, None, "test-icb"))


def test_closed_needs_evidence_even_with_an_empty_assurance(data_folder: Path) -> None:
    edit(
        data_folder,
        REC,
        "status: in-progress\n\n",
        "status: assured\nassurance:\n  date: 2025-05-01\n  by: Subgroup\n  evidence: []\n\n",
    )
    edit(
        data_folder,
        REC,
        "    status: in-progress\n",
        "    status: dropped\n    dropped_reason: x\n",
    )
    with pytest.raises(EditError, match="cannot be closed without assurance evidence"):
        plan(data_folder, TODAY, "TEST-1", editing.set_status("closed", TODAY, None, None))
    audit = editing.EvidenceItem("Audit", TODAY, held_by="test-icb")
    change = apply(data_folder, "TEST-1", editing.set_status("closed", TODAY, None, None, audit))
    assert change.summary == "TEST-1: status closed, evidence added (Audit), closed on 2025-06-01"
    assert data_of(data_folder / REC)["assurance"]["evidence"][0]["title"] == "Audit"


def test_closing_with_open_actions_is_refused_naming_them(data_folder: Path) -> None:
    edit(
        data_folder,
        REC,
        "status: in-progress\n\n",
        "status: assured\nassurance:\n  date: 2025-05-01\n  by: Subgroup\n  evidence:\n"
        "    - title: Audit\n      date: 2025-05-01\n      held_by: test-icb\n\n",
    )
    with pytest.raises(EditError, match=r"cannot be closed while its actions TEST-1\.2 are"):
        plan(data_folder, TODAY, "TEST-1", editing.set_status("closed", TODAY, None, None))


def test_evidence_given_with_an_action_s_status(data_folder: Path) -> None:
    survey = editing.EvidenceItem("Survey results", date(2025, 5, 1), url="https://example.org/s")
    apply(
        data_folder,
        "TEST-1.2",
        editing.set_status("complete", date(2025, 5, 1), None, None, survey),
    )
    action = data_of(data_folder / REC)["actions"][1]
    assert action["evidence"] == [
        {"title": "Survey results", "date": "2025-05-01", "url": "https://example.org/s"}
    ]
    with pytest.raises(EditError, match="assurance evidence, for assured or closed"):
        plan(data_folder, TODAY, "TEST-1", editing.set_status("open", None, None, None, survey))


# --- a recommendation's completion ------------------------------------------------------


def test_complete_records_the_day_and_warns_of_open_actions(data_folder: Path) -> None:
    change = apply(
        data_folder, "TEST-1", editing.set_status("complete", date(2025, 5, 20), None, None)
    )
    assert change.summary == "TEST-1: status complete, completed on 2025-05-20"
    [warning] = change.warnings
    assert warning.code == "status-ahead-of-actions" and "TEST-1.2" in warning.message
    assert data_of(data_folder / REC)["completed_on"] == "2025-05-20"
    [located] = check_folder(data_folder, TODAY).dataset.recommendations
    assert located.record.completed_on == date(2025, 5, 20)
    apply(data_folder, "TEST-1", editing.set_status("in-progress", None, None, None))
    assert "completed_on" not in data_of(data_folder / REC)


def test_a_completion_after_today_is_refused_and_flagged_by_check(data_folder: Path) -> None:
    with pytest.raises(EditRefused) as caught:
        plan(
            data_folder,
            TODAY,
            "TEST-1",
            editing.set_status("complete", date(2025, 7, 1), None, None),
        )
    assert [p.code for p in caught.value.problems] == ["date-in-future"]
    edit(
        data_folder,
        REC,
        "status: in-progress\n\n",
        "status: complete\ncompleted_on: 2025-07-01\n\n",
    )
    found = [(p.code, p.line) for p in check_folder(data_folder, TODAY).problems if p.is_error]
    assert found == [("date-in-future", 12)]


# --- target dates ------------------------------------------------------------------------


@pytest.mark.parametrize("ident", ["TEST-1", "TEST-1.2"])
def test_a_revised_date_in_the_past_is_refused(data_folder: Path, ident: str) -> None:
    with pytest.raises(EditError, match=r"2025-05-31 is already past \(today is 2025-06-01\)"):
        plan(data_folder, TODAY, ident, editing.revise_due(date(2025, 5, 31), "Late", TODAY, None))
    with pytest.raises(EditError, match="2025-05 is already past"):
        plan(data_folder, TODAY, ident, editing.revise_due(parse_due("2025-05"), "x", TODAY, None))
    apply(data_folder, ident, editing.revise_due(parse_due("2025-06"), "This month", TODAY, None))


def test_a_new_action_already_past_its_due_date_is_written_with_a_warning(
    data_folder: Path,
) -> None:
    change = apply(
        data_folder, "TEST-1", editing.new_action("Audit", "test-icb", date(2025, 5, 31), None)
    )
    [warning] = change.warnings
    assert (warning.code, warning.is_error, warning.line) == ("overdue", False, 38)
    assert "`TEST-1.3` is due 2025-05-31, which has passed" in warning.message
    on_time = plan(data_folder, TODAY, "TEST-1", editing.new_action("x", "test-icb", TODAY, None))
    assert on_time.warnings == ()


# --- updates in their order ----------------------------------------------------------------

NEWEST_FIRST = """\
    updates:
      # The latest first.
      - date: 2025-05-01
        note: Second meeting.

      - date: 2025-03-01
        note: First meeting.
"""


def test_an_update_keeps_a_list_newest_first(data_folder: Path) -> None:
    path = data_folder / REC
    path.write_text(path.read_text() + NEWEST_FIRST)
    apply(data_folder, "TEST-1.2", editing.add_update("Third meeting.", date(2025, 5, 20)))
    apply(data_folder, "TEST-1.2", editing.add_update("Between.", date(2025, 4, 1)))
    notes = [u["note"] for u in data_of(path)["actions"][1]["updates"]]
    assert notes == ["Third meeting.", "Second meeting.", "Between.", "First meeting."]
    text = path.read_text()
    assert text.endswith(
        "    updates:\n      - date: 2025-05-20\n        note: Third meeting.\n\n"
        "      # The latest first.\n      - date: 2025-05-01\n        note: Second meeting.\n\n"
        "      - date: 2025-04-01\n        note: Between.\n\n"
        "      - date: 2025-03-01\n        note: First meeting.\n"
    )


def test_an_update_goes_in_date_order_in_a_list_kept_oldest_first(data_folder: Path) -> None:
    apply(data_folder, "TEST-1.1", editing.add_update("Later.", date(2025, 4, 1)))
    apply(data_folder, "TEST-1.1", editing.add_update("Earlier.", date(2025, 3, 1)))
    notes = [u["note"] for u in data_of(data_folder / REC)["actions"][0]["updates"]]
    assert notes == ["Earlier.", "Statement published.", "Later."]


def test_a_list_of_one_takes_the_order_of_the_file(data_folder: Path) -> None:
    path = data_folder / REC
    path.write_text(path.read_text() + NEWEST_FIRST)
    apply(data_folder, "TEST-1.1", editing.add_update("Later.", date(2025, 4, 1)))
    notes = [u["note"] for u in data_of(path)["actions"][0]["updates"]]
    assert notes == ["Later.", "Statement published."]


# --- evidence files --------------------------------------------------------------------------


def test_evidence_whose_file_is_missing_is_refused_with_the_path_looked_for(
    data_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = editing.add_evidence("Report", TODAY, "evidence/report.md", None, None)
    with pytest.raises(EditError, match=f"no evidence file {data_folder}/evidence/report.md: "):
        plan(data_folder, TODAY, "TEST-1.2", missing)
    (data_folder / "evidence").mkdir()
    (data_folder / "evidence/report.md").write_text("A made-up summary.\n")
    monkeypatch.chdir(data_folder.parent)
    from_here = editing.add_evidence("Report", TODAY, "data/evidence/report.md", None, None)
    with pytest.raises(EditError, match=r"did you mean --path evidence/report\.md"):
        plan(data_folder, TODAY, "TEST-1.2", from_here)
    apply(data_folder, "TEST-1.2", missing)
    assert data_of(data_folder / REC)["actions"][1]["evidence"][0]["path"] == "evidence/report.md"


def test_an_evidence_item_says_where_it_is_once() -> None:
    with pytest.raises(UnknownName, match="exactly one"):
        editing.EvidenceItem("x", TODAY)


# --- comments that may no longer hold ----------------------------------------------------------


def test_set_owner_names_the_comments_near_it_that_speak_of_the_old_owner(
    data_folder: Path,
) -> None:
    edit(
        data_folder,
        REC,
        "    owner: test-icb\n",
        "    # Still with test-icb until the new board is formed.\n"
        "    owner: test-icb  # the ICB\n",
    )
    before = (data_folder / REC).read_text()
    change = apply(data_folder, "TEST-1.2", editing.set_owner("south-council"))
    assert [(n.line, n.column) for n in change.notes] == [(31, 5)]
    assert change.notes[0].message.startswith("this comment mentions `test-icb` (the old owner)")
    text = (data_folder / REC).read_text()
    assert text == before.replace("owner: test-icb  #", "owner: south-council  #")


def test_set_owner_names_a_comment_saying_the_item_is_unowned(data_folder: Path) -> None:
    edit(
        data_folder,
        REC,
        "    owner: test-icb\n",
        "    # Old Council was abolished, so lcspr reports this as unowned.\n"
        "    owner: old-council\n",
    )
    change = plan(data_folder, TODAY, "TEST-1.2", editing.set_owner("north-council"))
    assert [n.message.split(";")[0] for n in change.notes] == [
        "this comment mentions `Old Council` (the name of the old owner, old-council)"
    ]
    edit(data_folder, REC, "# Old Council was abolished", "# The council was abolished")
    change = plan(data_folder, TODAY, "TEST-1.2", editing.set_owner("north-council"))
    assert [n.message.split(";")[0] for n in change.notes] == [
        "this comment mentions `unowned` (as TEST-1.2 was until now)"
    ]
    far = plan(data_folder, TODAY, "TEST-1.1", editing.set_owner("south-council"))
    assert far.notes == ()
