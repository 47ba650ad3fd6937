"""Small helpers for words people read: dates as written in UK reports, plurals."""

from __future__ import annotations

from datetime import date


def human_date(day: date | None, *, short: bool = True) -> str:
    """A date as people write it in reports: 31 Mar 2025 (or 31 March 2025)."""
    if day is None:
        return ""
    return f"{day.day} {day.strftime('%b' if short else '%B')} {day.year}"


def plural(count: int, noun: str) -> str:
    """`1 day`, `2 days`."""
    return f"{count} {noun}{'' if count == 1 else 's'}"
