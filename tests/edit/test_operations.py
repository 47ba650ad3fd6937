"""Edits planned on a copy of the minimal sample: valid results, refusals, minimal diffs."""

from __future__ import annotations

import copy
import shutil
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SAMPLES
from edits import REC, TODAY, apply, data_of
from lcspr_cli.edit import operations as editing
from lcspr_cli.edit.document import EditError
from lcspr_cli.edit.new_recommendation import NewRecommendation, plan_new_recommendation
from lcspr_cli.edit.plan import Operation, UnknownName, plan
from lcspr_cli.edit.write import WriteRefused, replace_file
from lcspr_cli.pipeline import check_folder
from lcspr_cli.records.dates import parse_due


def test_complete_needs_a_day_and_records_it(data_folder: Path) -> None:
    with pytest.raises(EditError, match="needs the day"):
        plan(data_folder, TODAY, "TEST-1.2", editing.set_status("complete", None, None, None))
    change = apply(
        data_folder, "test-1.2", editing.set_status("complete", date(2025, 5, 1), None, None)
    )
    assert change.summary == "TEST-1.2: status complete, completed on 2025-05-01"
    action = data_of(data_folder / REC)["actions"][1]
    assert (action["status"], action["completed_on"]) == ("complete", "2025-05-01")


def test_going_back_from_complete_clears_the_date(data_folder: Path) -> None:
    apply(data_folder, "TEST-1.1", editing.set_status("in-progress", None, None, None))
    action = data_of(data_folder / REC)["actions"][0]
    assert action["status"] == "in-progress" and "completed_on" not in action


def test_dropped_needs_a_reason(data_folder: Path) -> None:
    with pytest.raises(EditError, match="needs the reason"):
        plan(data_folder, TODAY, "TEST-1.2", editing.set_status("dropped", None, None, None))
    apply(data_folder, "TEST-1.2", editing.set_status("dropped", None, "Overtaken", None))
    assert data_of(data_folder / REC)["actions"][1]["dropped_reason"] == "Overtaken"


def test_unknown_status_and_id_suggest_the_right_one(data_folder: Path) -> None:
    with pytest.raises(UnknownName, match="did you mean `complete`"):
        plan(data_folder, TODAY, "TEST-1.2", editing.set_status("complet", None, None, None))
    with pytest.raises(UnknownName, match=r"did you mean `TEST-1\.2`"):
        plan(data_folder, TODAY, "TEST-1.3", editing.set_status("complete", None, None, None))


def test_a_date_after_today_is_refused_by_the_rules(data_folder: Path) -> None:
    with pytest.raises(EditError, match="after the as-of date"):
        plan(
            data_folder,
            TODAY,
            "TEST-1.2",
            editing.set_status("complete", date(2025, 7, 1), None, None),
        )


def test_assured_creates_the_assurance_and_closed_needs_it(data_folder: Path) -> None:
    apply(data_folder, "TEST-1.2", editing.set_status("dropped", None, "Overtaken", None))
    with pytest.raises(EditError, match="no assurance yet"):
        plan(
            data_folder, TODAY, "TEST-1", editing.set_status("closed", date(2025, 5, 1), None, None)
        )
    audit = editing.EvidenceItem("Audit", date(2025, 5, 1), held_by="test-icb")
    change = apply(
        data_folder,
        "TEST-1",
        editing.set_status("assured", date(2025, 5, 1), None, "Subgroup", audit),
    )
    assert change.warnings == ()
    rec = data_of(data_folder / REC)
    assert rec["assurance"] == {
        "date": "2025-05-01",
        "by": "Subgroup",
        "evidence": [{"title": "Audit", "date": "2025-05-01", "held_by": "test-icb"}],
    }
    apply(data_folder, "TEST-1", editing.set_status("closed", date(2025, 5, 3), None, None))
    rec = data_of(data_folder / REC)
    assert rec["closed_on"] == "2025-05-03"
    assert rec["assurance"]["evidence"][0]["title"] == "Audit"


def test_evidence_needs_exactly_one_place(data_folder: Path) -> None:
    with pytest.raises(UnknownName, match="exactly one"):
        editing.add_evidence("x", TODAY, "a.md", "https://x", None)
    with pytest.raises(UnknownName, match="did you mean `test-icb`"):
        plan(
            data_folder, TODAY, "TEST-1.2", editing.add_evidence("x", TODAY, None, None, "test-ibc")
        )


def test_updates_and_revisions_go_on_actions_and_recommendations(data_folder: Path) -> None:
    apply(data_folder, "TEST-1", editing.add_update("Subgroup briefed", date(2025, 5, 2)))
    apply(data_folder, "TEST-1.2", editing.revise_due(date(2025, 12, 31), "Agreed", TODAY, None))
    apply(
        data_folder,
        "TEST-1",
        editing.revise_due(parse_due("2026/27-Q1"), "Survey late", TODAY, "Executive"),
    )
    rec = data_of(data_folder / REC)
    assert rec["updates"] == [{"date": "2025-05-02", "note": "Subgroup briefed"}]
    assert rec["revisions"] == [
        {"date": "2025-06-01", "due": "2026/27-Q1", "reason": "Survey late", "by": "Executive"}
    ]
    action = rec["actions"][1]
    assert (action["due"], action["revisions"]) == (
        "2025-09-30",
        [{"date": "2025-06-01", "due": "2025-12-31", "reason": "Agreed"}],
    )
    [located] = check_folder(data_folder, TODAY).dataset.recommendations
    assert located.record.effective_due == date(2026, 6, 30)
    assert located.record.actions[1].effective_due == date(2025, 12, 31)
    with pytest.raises(EditError, match="needs the reason"):
        plan(data_folder, TODAY, "TEST-1", editing.revise_due(TODAY, " ", TODAY, None))


def test_an_ended_owner_is_refused_with_its_successors(data_folder: Path) -> None:
    with pytest.raises(EditError, match="successors: north-council, south-council"):
        plan(data_folder, TODAY, "TEST-1.2", editing.set_owner("old-council"))
    change = apply(data_folder, "TEST-1.2", editing.set_owner("south-council"))
    assert change.summary == "TEST-1.2: owner south-council"


def test_replacing_an_ended_owner_names_its_successors(data_folder: Path) -> None:
    path = data_folder / REC
    path.write_text(path.read_text().replace("owner: test-icb", "owner: old-council"))
    change = plan(data_folder, TODAY, "TEST-1.2", editing.set_owner("test-icb"))
    assert change.summary == (
        "TEST-1.2: owner test-icb (was old-council, which ended on 2023-03-31; its "
        "successors are north-council, south-council)"
    )
    heir = plan(data_folder, TODAY, "TEST-1.2", editing.set_owner("north-council"))
    assert (
        heir.summary == "TEST-1.2: owner north-council (was old-council, which ended on 2023-03-31)"
    )


def test_new_action_takes_the_next_free_id(data_folder: Path) -> None:
    change = apply(
        data_folder,
        "TEST-1",
        editing.new_action("Train staff", "test-icb", date(2025, 12, 1), None),
    )
    assert change.summary == "TEST-1.3: new action added to TEST-1"
    assert data_of(data_folder / REC)["actions"][2] == {
        "id": "TEST-1.3",
        "action": "Train staff",
        "owner": "test-icb",
        "due": "2025-12-01",
        "status": "not-started",
    }
    with pytest.raises(EditError, match="not an action's"):
        plan(data_folder, TODAY, "TEST-1.1", editing.new_action("x", "test-icb", TODAY, None))


def test_new_recommendation_file_in_its_review_folder(data_folder: Path) -> None:
    text = "For the Partnership to seek assurance that every agency has read the review. " * 2
    new = NewRecommendation(
        "TEST", "2a", "Read the review", text.strip(), "test-scp", date(2026, 3, 31), ("fathers",)
    )
    change = plan_new_recommendation(data_folder, TODAY, new)
    assert change.file == data_folder / "recommendations/TEST/TEST-2a.yaml"
    replace_file(change.file, change.before, change.after)
    assert data_of(change.file)["text"] == text.strip()
    assert change.after.decode().splitlines()[4] == "text: >-"
    assert check_folder(data_folder, TODAY).problems == ()
    with pytest.raises(EditError, match="exists already"):
        plan_new_recommendation(data_folder, TODAY, new)
    with pytest.raises(UnknownName, match="did you mean `TEST`"):
        plan_new_recommendation(
            data_folder, TODAY, NewRecommendation("TESTS", "3", "t", "t", "test-scp", TODAY)
        )


def test_nothing_to_change(data_folder: Path) -> None:
    change = plan(
        data_folder, TODAY, "TEST-1.2", editing.set_status("in-progress", None, None, None)
    )
    assert not change.changed
    assert change.summary == "TEST-1.2: nothing to change"


def test_a_change_made_meanwhile_is_never_lost(data_folder: Path) -> None:
    change = plan(data_folder, TODAY, "TEST-1.2", editing.set_owner("south-council"))
    path = data_folder / REC
    path.write_text(path.read_text() + "# edited by someone else\n")
    with pytest.raises(WriteRefused, match="changed on disk"):
        replace_file(change.file, change.before, change.after)
    assert path.read_text().endswith("# edited by someone else\n")


def test_permissions_are_kept(data_folder: Path) -> None:
    path = data_folder / REC
    path.chmod(0o640)
    apply(data_folder, "TEST-1.2", editing.set_owner("south-council"))
    assert path.stat().st_mode & 0o777 == 0o640


# --- property: random sequences of edits --------------------------------------------

AGENCIES = ["north-council", "south-council", "test-icb", "test-scp"]
DAYS = st.dates(min_value=date(2025, 1, 1), max_value=TODAY)
TARGETS = st.dates(min_value=TODAY, max_value=date(2027, 3, 31))
TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=30
).filter(lambda t: t.strip() != "")

EDITS = st.one_of(
    st.tuples(
        st.just("status"),
        st.sampled_from(["not-started", "in-progress", "complete", "dropped"]),
        DAYS,
        TEXT,
    ),
    st.tuples(st.just("update"), DAYS, TEXT),
    st.tuples(st.just("evidence"), DAYS, TEXT, st.sampled_from(AGENCIES)),
    st.tuples(st.just("revise"), TARGETS, TEXT),
    st.tuples(st.just("owner"), st.sampled_from(AGENCIES)),
    st.tuples(st.just("action"), TEXT, st.sampled_from(AGENCIES), DAYS),
)


def operation_and_expectation(
    edit: tuple[Any, ...], data: dict[str, Any], index: int
) -> tuple[Operation, dict[str, Any]]:
    """The operation for `edit` on action `index`, and the data it should leave."""
    expected = copy.deepcopy(data)
    action = expected["actions"][index]
    kind = edit[0]
    if kind == "status":
        _, status, day, reason = edit
        action["status"] = status
        action.pop("completed_on", None)
        action.pop("dropped_reason", None)
        if status == "complete":
            action["completed_on"] = day.isoformat()
        if status == "dropped":
            action["dropped_reason"] = reason
        return editing.set_status(status, day, reason, None), expected
    if kind == "update":
        _, day, note = edit
        updates = action.setdefault("updates", [])  # oldest first: the file's order
        later = [i for i, u in enumerate(updates) if u["date"] > day.isoformat()]
        updates.insert(later[0] if later else len(updates), {"date": day.isoformat(), "note": note})
        return editing.add_update(note, day), expected
    if kind == "evidence":
        _, day, title, holder = edit
        item = {"title": title, "date": day.isoformat(), "held_by": holder}
        action.setdefault("evidence", []).append(item)
        return editing.add_evidence(title, day, None, None, holder), expected
    if kind == "revise":
        _, day, reason = edit
        revision = {"date": TODAY.isoformat(), "due": day.isoformat(), "reason": reason}
        action.setdefault("revisions", []).append(revision)
        return editing.revise_due(day, reason, TODAY, None), expected
    if kind == "owner":
        action["owner"] = edit[1]
        return editing.set_owner(edit[1]), expected
    _, text, owner, day = edit
    number = max(int(a["id"].rsplit(".", 1)[1]) for a in expected["actions"]) + 1
    expected["actions"].append(
        {
            "id": f"TEST-1.{number}",
            "action": text,
            "owner": owner,
            "due": day.isoformat(),
            "status": "not-started",
        }
    )
    return editing.new_action(text, owner, day, None), expected


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits=st.lists(st.tuples(EDITS, st.integers(0, 1)), min_size=1, max_size=5))
def test_random_edits_stay_valid_and_change_only_what_they_say(edits: list[Any]) -> None:
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / "data"
        shutil.copytree(SAMPLES / "minimal", folder)
        path = folder / REC
        comments = [line for line in path.read_text().splitlines() if line.startswith("#")]
        for edit, index in edits:
            before = data_of(path)
            operation, expected = operation_and_expectation(edit, before, index)
            ident = "TEST-1" if edit[0] == "action" else f"TEST-1.{index + 1}"
            try:
                change = plan(folder, TODAY, ident, operation)
            except EditError:
                continue  # refused: nothing may have been written
            finally:
                assert data_of(path) == before
            replace_file(change.file, change.before, change.after)
            assert data_of(path) == expected
            assert not [p for p in check_folder(folder, TODAY).problems if p.is_error]
            text = path.read_text()
            assert all(line in text.splitlines() for line in comments)
