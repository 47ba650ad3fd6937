"""The register changes (a new agency, a new review, an agency that ends), planned on a
copy of the minimal sample: minimal diffs, comments kept, refusals."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from lcspr_cli.edit.document import EditError
from lcspr_cli.edit.plan import Change, EditRefused, UnknownName
from lcspr_cli.edit.registers import (
    NewAgency,
    NewReview,
    plan_end_agency,
    plan_new_agency,
    plan_new_review,
)
from lcspr_cli.edit.write import replace_file
from lcspr_cli.pipeline import check_folder
from lcspr_cli.yamlfile.read import parse_yaml

TODAY = date(2025, 6, 1)


def write(change: Change) -> None:
    replace_file(change.file, change.before, change.after)


def data_of(path: Path) -> Any:
    return parse_yaml(path.read_bytes(), path).data


def added_lines(change: Change) -> list[str]:
    """The lines of the change, when it only adds lines at the end."""
    assert change.before is not None
    before, after = change.before.decode(), change.after.decode()
    assert after.startswith(before)
    return after[len(before) :].splitlines()


def test_a_new_agency_goes_at_the_end_and_nothing_else_moves(data_folder: Path) -> None:
    change = plan_new_agency(
        data_folder, TODAY, NewAgency("east-council", "East Council", "local authority")
    )
    assert change.summary == "east-council: new agency added"
    assert added_lines(change) == [
        "  - id: east-council",
        "    name: East Council",
        "    kind: local authority",
    ]
    write(change)
    formed = NewAgency("west-police", "West Police", None, date(2025, 4, 1), "WP")
    assert added_lines(plan_new_agency(data_folder, TODAY, formed))[-2:] == [
        "    short_name: WP",
        "    from: 2025-04-01",
    ]
    assert check_folder(data_folder, TODAY).problems == ()
    with pytest.raises(EditError, match=r"`east-council` is in agencies\.yaml already"):
        plan_new_agency(data_folder, TODAY, NewAgency("east-council", "Another"))


def test_a_new_agency_is_checked_as_lcspr_check_would(data_folder: Path) -> None:
    with pytest.raises(EditRefused) as caught:
        plan_new_agency(data_folder, TODAY, NewAgency("East_Council", "East Council"))
    [problem] = caught.value.problems
    assert (problem.code, problem.file.name, problem.line) == ("invalid-id", "agencies.yaml", 17)


def test_a_new_review_with_its_themes(data_folder: Path) -> None:
    new = NewReview(
        "SAM",
        "Local Child Safeguarding Practice Review Sam",
        "LCSPR",
        "test-scp",
        date(2025, 3, 31),
        None,
        (("early-help", "Early help"), ("neglect", "Recognising neglect: a made-up theme")),
    )
    change = plan_new_review(data_folder, TODAY, new)
    assert change.summary == "SAM: new review added, with 2 themes"
    assert added_lines(change) == [
        "  - id: SAM",
        "    title: Local Child Safeguarding Practice Review Sam",
        "    kind: LCSPR",
        "    published: 2025-03-31",
        "    partnership: test-scp",
        "    themes:",
        "      - id: early-help",
        "        title: Early help",
        "      - id: neglect",
        '        title: "Recognising neglect: a made-up theme"',
    ]
    write(change)
    assert check_folder(data_folder, TODAY).problems == ()
    with pytest.raises(EditError, match=r"review `SAM` is in reviews\.yaml already"):
        plan_new_review(data_folder, TODAY, new)


def test_a_new_review_s_partnership_must_be_an_agency(data_folder: Path) -> None:
    with pytest.raises(UnknownName, match="did you mean `test-scp`"):
        plan_new_review(data_folder, TODAY, NewReview("SAM", "Sam", "LCSPR", "test-spc"))
    with pytest.raises(EditRefused) as caught:
        plan_new_review(data_folder, TODAY, NewReview("sam", "Sam", "LCSPR", "test-scp"))
    assert [p.code for p in caught.value.problems] == ["invalid-id"]


def test_an_agency_ends_with_its_successors(data_folder: Path) -> None:
    (data_folder / "agencies.yaml").write_text(
        (data_folder / "agencies.yaml").read_text() + "  # Formed in 2020.\n  - id: west-icb\n"
        "    name: West ICB\n    kind: integrated care board # the board\n"
    )
    change = plan_end_agency(
        data_folder, TODAY, "test-icb", date(2025, 3, 31), ["north-council", "west-icb"]
    )
    assert change.summary == "test-icb: ends on 2025-03-31, replaced by north-council, west-icb"
    assert change.before is not None
    before, after = change.before.decode(), change.after.decode()
    assert after == before.replace(
        "    name: Test Integrated Care Board\n",
        "    name: Test Integrated Care Board\n    until: 2025-03-31\n"
        "    replaced_by: [north-council, west-icb]\n",
    )
    [note] = change.notes
    assert note.line == 15
    assert note.message == (
        "`test-icb` owns 1 open item, unowned from 2025-04-01: TEST-1.2; give each a new "
        "owner with lcspr set-owner ID AGENCY"
    )
    write(change)
    assert data_of(data_folder / "agencies.yaml")["agencies"][3]["until"] == "2025-03-31"


def test_an_agency_that_ended_on_another_day_is_refused(data_folder: Path) -> None:
    with pytest.raises(EditError, match="`old-council` ended on 2023-03-31 already"):
        plan_end_agency(data_folder, TODAY, "old-council", date(2024, 3, 31), [])
    same = plan_end_agency(data_folder, TODAY, "old-council", date(2023, 3, 31), [])
    assert not same.changed and same.summary == "old-council: nothing to change"


def test_unknown_agencies_are_named_with_the_closest(data_folder: Path) -> None:
    with pytest.raises(UnknownName, match=r"no agency `test-ibc`.*did you mean `test-icb`"):
        plan_end_agency(data_folder, TODAY, "test-ibc", TODAY, [])
    with pytest.raises(UnknownName, match="did you mean `north-council`"):
        plan_end_agency(data_folder, TODAY, "test-icb", TODAY, ["north-counsil"])


def test_an_end_that_would_not_check_is_refused(data_folder: Path) -> None:
    with pytest.raises(EditRefused) as caught:
        plan_end_agency(data_folder, TODAY, "north-council", date(2023, 1, 1), [])
    assert [p.code for p in caught.value.problems] == ["agency-succession"]
    with pytest.raises(EditRefused) as caught:
        plan_end_agency(data_folder, TODAY, "test-icb", TODAY, ["test-icb"])
    assert "its own successor" in caught.value.problems[0].message
