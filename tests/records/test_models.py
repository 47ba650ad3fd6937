from __future__ import annotations

from datetime import date

import pytest
from pydantic_core import PydanticCustomError

from lcspr_cli.records.dates import parse_iso_date
from lcspr_cli.records.models import Action
from lcspr_cli.records.pydantic_models import validate


def date_error(value: object) -> tuple[str, str]:
    with pytest.raises(PydanticCustomError) as caught:
        parse_iso_date(value)
    assert caught.value.type == "invalid-date"
    return caught.value.message(), str((caught.value.context or {})["hint"])


def test_iso_dates_are_read() -> None:
    assert parse_iso_date("2025-03-31") == date(2025, 3, 31)
    assert parse_iso_date("2024-02-29") == date(2024, 2, 29)


def test_day_first_date_shows_the_iso_form_without_guessing() -> None:
    message, hint = date_error("31/03/2025")
    assert "not in the form YYYY-MM-DD" in message
    assert "2025-03-31" in hint


def test_ambiguous_date_names_both_readings() -> None:
    _, hint = date_error("03/04/2025")
    assert "2025-04-03 for 3 April 2025" in hint
    assert "2025-03-04 for 4 March 2025" in hint


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("2025-02-29", "February 2025 has 28 days"),
        ("2025-02-30", "February 2025 has 28 days"),
        ("2025-04-31", "April 2025 has 30 days"),
        ("2025-13-01", "no month 13"),
        ("2025-03-31T09:00", "holds a time"),
        ("next March", "not a date in the form YYYY-MM-DD"),
        (20250331, "not the number `20250331`"),
        (None, "not nothing"),
    ],
)
def test_impossible_or_malformed_dates_are_explained(value: object, words: str) -> None:
    message, _ = date_error(value)
    assert words in message


def test_effective_due_is_the_revised_date_when_set() -> None:
    base = {"id": "A-1.1", "action": "x", "due": "2025-01-31", "status": "in-progress"}
    assert validate(Action, base).effective_due == date(2025, 1, 31)
    revised = validate(Action, {**base, "revised_due": "2025-06-30"})
    assert revised.effective_due == date(2025, 6, 30)
