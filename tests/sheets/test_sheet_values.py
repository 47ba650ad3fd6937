"""Cells read as lcspr's values: UK dates (day-first), months and quarters, no date at all,
statuses, RAG words and fill colours, headings, and agency names."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lcspr_cli.sheets import values
from lcspr_cli.sheets.agencies import Agencies, Known, new_id
from lcspr_cli.sheets.columns import FIELDS, cell_name, field_of, heading_key


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("31/03/2025", "2025-03-31"),
        ("31.03.25", "2025-03-31"),
        ("1/4/2025", "2025-04-01"),
        ("31 Mar 2025", "2025-03-31"),
        ("31st March 2025", "2025-03-31"),
        ("2025-03-31", "2025-03-31"),
        ("March 2025", "2025-03"),
        ("Mar-25", "2025-03"),
        ("end of March 2026", "2026-03"),
        ("2025/26 Q4", "2025/26-Q4"),
        ("Q2 2026/27", "2026/27-Q2"),
        (datetime(2025, 3, 31), "2025-03-31"),
    ],
)
def test_target_dates_are_read_day_first(cell: object, written: str) -> None:
    due = values.target(cell)  # type: ignore[arg-type]
    assert (getattr(due, "form", "") or due.isoformat()) == written


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
def test_every_day_written_day_first_reads_back(day: date) -> None:
    assert values.target(day.strftime("%d/%m/%Y")) == day
    assert values.day(day.strftime("%d.%m.%y")) == day


@pytest.mark.parametrize(
    ("cell", "said"),
    [
        ("31/02/2025", "is not a real date: February 2025 has 28 days"),
        ("03/31/2025", "is not a real date: there is no month 31"),
        ("2025/27 Q1", "names no financial year"),
        ("next spring", "is not a date lcspr reads"),
        (45747, "holds the number 45747, not a date"),
    ],
)
def test_what_is_not_a_date_says_why(cell: object, said: str) -> None:
    with pytest.raises(values.Unreadable, match=said):
        values.target(cell)  # type: ignore[arg-type]


def test_a_day_must_be_a_day() -> None:
    with pytest.raises(values.Unreadable, match="gives a month or a quarter, not the day"):
        values.day("March 2025")


@pytest.mark.parametrize("cell", ["Ongoing", "TBC", "tbc.", "N/A", None, "  "])
def test_ongoing_tbc_and_blanks_are_no_date(cell: object) -> None:
    assert values.no_date(cell) is not None  # type: ignore[arg-type]
    assert values.no_date("31/03/2025") is None


@pytest.mark.parametrize(
    ("words", "status"),
    [
        ("Complete", "complete"),
        ("COMPLETED", "complete"),
        ("Done", "complete"),
        ("Closed", "complete"),
        ("In progress", "in-progress"),
        ("in-progress", "in-progress"),
        ("On track", "in-progress"),
        ("Not started", "not-started"),
        ("Withdrawn", "dropped"),
    ],
)
def test_tracker_words_are_lcspr_statuses(words: str, status: str) -> None:
    assert values.status(words, values.ACTION_WORDS) == status


def test_a_closed_recommendation_is_closed_and_an_unknown_word_is_refused() -> None:
    assert values.status("Signed off", values.RECOMMENDATION_WORDS) == "closed"
    with pytest.raises(values.Unreadable, match="is not a status lcspr knows"):
        values.status("Amber", values.ACTION_WORDS)


@pytest.mark.parametrize(
    ("rgb", "rag"),
    [
        ("FF0000", "red"),
        ("C00000", "red"),
        ("FFC000", "amber"),
        ("FFFF00", "amber"),
        ("00B050", "green"),
        ("92D050", "green"),
        ("0070C0", "blue"),
        ("FFFFFF", None),
        (None, None),
    ],
)
def test_fill_colours_are_rag_colours(rgb: str | None, rag: str | None) -> None:
    assert values.rag_colour(rgb) == rag


def test_rag_words() -> None:
    assert [values.rag_word(w) for w in ("G", "Red - overdue", "amber", "Good", None)] == [
        "green",
        "red",
        "amber",
        None,
        None,
    ]


def test_a_progress_note_keeps_its_day() -> None:
    assert values.leading_day("12/01/2025: Audit started") == (date(2025, 1, 12), "Audit started")
    assert values.leading_day("Audit started") == (None, "Audit started")


ISSUE_HEADINGS = {
    "number": ["No.", "Ref", "Rec no.", "Recommendation number"],
    "recommendation": ["Recommendation", "Recommendation (with report reference)"],
    "action": ["Action", "Specific actions", "How", "What"],
    "owner": ["Lead agency", "Responsibility", "Responsible lead/group", "Lead"],
    "lead_role": ["Lead officer", "Responsible officer"],
    "due": ["Target date", "Timescale", "Timescale/Target", "By when", "Date"],
    "revised_due": ["Revised target date", "Expected new achievement date"],
    "update": ["Progress update", "Update", "Progress"],
    "rag": ["RAG", "RAG status", "Progress indicator", "Progress indicator (R/A/G)"],
    "evidence": ["Evidence of completion", "Output"],
    "impact": [
        "Evidence of impact",
        "Outcome measurement",
        "Desired outcome",
        "What will the impact be and how is it measured",
    ],
    "completed_on": ["Date of completion", "Date completed", "Achieved"],
    "signed_off_by": ["Signed off by"],
    "closed_on": ["Date closed"],
}


@pytest.mark.parametrize(
    ("field", "heading"), [(f, h) for f, hs in ISSUE_HEADINGS.items() for h in hs]
)
def test_the_headings_of_published_trackers_are_known(field: str, heading: str) -> None:
    assert field_of(heading, {}) == field
    assert field_of(f"  {heading.upper()}  ", {}) == field
    assert field_of(heading.replace(" ", ""), {}) == field


def test_no_heading_names_two_fields() -> None:
    seen: dict[str, str] = {}
    for each in FIELDS:
        for heading in each.headings:
            assert seen.setdefault(heading_key(heading), each.name) == each.name, heading


def test_a_mapping_comes_before_the_known_headings() -> None:
    assert field_of("Lead", {heading_key("Lead"): "lead_role"}) == "lead_role"


def test_cells_are_named_as_excel_names_them() -> None:
    assert cell_name("Actions", 7, 5) == "Actions!E7"
    assert cell_name("Action plan", 12, 28) == "'Action plan'!AB12"


AGENCIES = Agencies(
    [
        Known("north-council", "North Council"),
        Known("nenc-icb", "NHS North East and North Cumbria Integrated Care Board", "NENC ICB"),
        Known("nwas", "North West Ambulance Service NHS Trust"),
        Known("westmorland-furness-council", "Westmorland and Furness Council", "W&F Council"),
    ]
)


@pytest.mark.parametrize(
    ("cell", "ids"),
    [
        ("north council", ("north-council",)),
        ("North-Council", ("north-council",)),
        ("NENC ICB", ("nenc-icb",)),
        ("W & F Council", ("westmorland-furness-council",)),
        ("Westmorland and Furness Council", ("westmorland-furness-council",)),
        ("NWASNT", ("nwas",)),
        ("North Council; NENC ICB", ("north-council", "nenc-icb")),
        ("North Council and nwas", ("north-council", "nwas")),
    ],
)
def test_agencies_are_matched_by_id_name_short_name_or_initials(
    cell: str, ids: tuple[str, ...]
) -> None:
    assert AGENCIES.match(cell) == (ids, ())


def test_an_unknown_agency_is_said_with_the_nearest() -> None:
    assert AGENCIES.match("North Councl") == ((), ("North Councl",))
    assert AGENCIES.hint("North Councl") == "did you mean North Council (north-council)?"
    assert new_id("Made-up Trust & Co", ["made-up-trust-and-co"]) == "made-up-trust-and-co-2"
