from __future__ import annotations

from datetime import date, timedelta

import pytest

from lcspr_cli.queries.quarters import BadQuarter, Quarter


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2025/26-Q1", date(2025, 4, 1), date(2025, 6, 30)),
        ("2025/26-Q2", date(2025, 7, 1), date(2025, 9, 30)),
        ("2025/26-Q3", date(2025, 10, 1), date(2025, 12, 31)),
        ("2025/26-Q4", date(2026, 1, 1), date(2026, 3, 31)),
        ("2023/24-Q4", date(2024, 1, 1), date(2024, 3, 31)),
        ("1999/00-Q3", date(1999, 10, 1), date(1999, 12, 31)),
    ],
)
def test_quarter_dates(text: str, start: date, end: date) -> None:
    quarter = Quarter.parse(text)
    assert (quarter.start, quarter.end) == (start, end)
    assert quarter.key == text
    assert start in quarter and end in quarter
    assert start - timedelta(days=1) not in quarter
    assert end + timedelta(days=1) not in quarter


@pytest.mark.parametrize("text", ["2025-26-Q2", "2025/26 Q2", "2025/26-q2", " 2025/26Q2 "])
def test_accepted_spellings(text: str) -> None:
    assert Quarter.parse(text) == Quarter(2025, 2)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("2025/26-Q5", "is not a quarter"),
        ("2025/26-Q0", "is not a quarter"),
        ("Q2", "is not a quarter"),
        ("2025-Q2", "is not a quarter"),
        ("", "is not a quarter"),
        ("2025/25-Q1", "so it is written 2025/26"),
        ("2025/2026-Q1", "is not a quarter"),
        ("1999/01-Q1", "so it is written 1999/00"),
    ],
)
def test_bad_quarters_show_the_form(text: str, words: str) -> None:
    with pytest.raises(BadQuarter) as caught:
        Quarter.parse(text)
    assert words in str(caught.value)
    assert "2025/26-Q2" in str(caught.value)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2025, 3, 31), Quarter(2024, 4)),
        (date(2025, 4, 1), Quarter(2025, 1)),
        (date(2025, 6, 30), Quarter(2025, 1)),
        (date(2025, 7, 1), Quarter(2025, 2)),
        (date(2025, 9, 30), Quarter(2025, 2)),
        (date(2025, 10, 1), Quarter(2025, 3)),
        (date(2025, 12, 31), Quarter(2025, 3)),
        (date(2026, 1, 1), Quarter(2025, 4)),
        (date(2024, 2, 29), Quarter(2023, 4)),
    ],
)
def test_the_quarter_a_day_falls_in(day: date, expected: Quarter) -> None:
    assert Quarter.containing(day) == expected


def test_every_day_of_a_year_is_in_exactly_one_quarter() -> None:
    quarters = [Quarter(2023, n) for n in range(1, 5)]
    day = date(2023, 4, 1)
    while day <= date(2024, 3, 31):  # a leap year's February
        assert sum(day in q for q in quarters) == 1
        assert day in Quarter.containing(day)
        day += timedelta(days=1)


def test_latest_quarter_ended_on_or_before_a_day() -> None:
    assert Quarter.latest_ended(date(2025, 6, 30)) == Quarter(2025, 1)
    assert Quarter.latest_ended(date(2025, 7, 1)) == Quarter(2025, 1)
    assert Quarter.latest_ended(date(2025, 6, 29)) == Quarter(2024, 4)
    assert Quarter.latest_ended(date(2026, 1, 15)) == Quarter(2025, 3)
    assert Quarter.latest_ended(date(2025, 4, 1)) == Quarter(2024, 4)


def test_previous_and_next_cross_year_ends() -> None:
    assert Quarter(2025, 1).previous == Quarter(2024, 4)
    assert Quarter(2024, 4).next == Quarter(2025, 1)
    assert Quarter(2025, 3).next == Quarter(2025, 4)
    assert Quarter(2025, 1).previous.end == date(2025, 3, 31)


def test_written_as_in_reports() -> None:
    assert str(Quarter(2025, 3)) == "2025/26 Q3"
    assert str(Quarter(1999, 1)) == "1999/00 Q1"
