"""Dates as the files write them: YYYY-MM-DD, and never a guess at any other form."""

from __future__ import annotations

import calendar
import re
from datetime import date

from pydantic_core import PydanticCustomError

from ..wording import describe

_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_DAY_FIRST = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})")
_WITH_TIME = re.compile(r"(\d{4}-\d{2}-\d{2})[T ]\d")


def _date_error(message: str, hint: str) -> PydanticCustomError:
    return PydanticCustomError("invalid-date", message, {"hint": hint})


def parse_iso_date(value: object) -> date:
    """Parse a date written YYYY-MM-DD; anything else is an error that shows the ISO form.

    A date such as 31/03/2025 is never guessed at: the error names the ISO form, and for a
    date that reads two ways (03/04/2025) it names both.
    """
    if isinstance(value, date):
        return value
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:  # the common case, at C speed; anything odd gets the careful reading below
            return date.fromisoformat(value)
        except ValueError:
            pass
    if not isinstance(value, str):
        raise _date_error(
            f"should be a date written YYYY-MM-DD, not {describe(value)}",
            "write the date like 2025-03-31",
        )
    text = value.strip()
    iso = _ISO_DATE.fullmatch(text)
    if iso:
        year, month, day = (int(part) for part in iso.groups())
        if not 1 <= month <= 12:
            raise _date_error(
                f"`{text}` is not a real date: there is no month {month}",
                "dates are written year-month-day, like 2025-03-31",
            )
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            month_name = calendar.month_name[month]
            raise _date_error(
                f"`{text}` is not a real date: {month_name} {year} has {last} days",
                "check the day and the month",
            )
        return date(year, month, day)
    day_first = _DAY_FIRST.fullmatch(text)
    if day_first:
        raise _date_error(f"`{text}` is not in the form YYYY-MM-DD", _day_first_hint(day_first))
    with_time = _WITH_TIME.match(text)
    if with_time:
        raise _date_error(
            f"`{text}` holds a time; lcspr dates are days only",
            f"write {with_time.group(1)}",
        )
    raise _date_error(
        f"`{text}` is not a date in the form YYYY-MM-DD",
        "write the date like 2025-03-31 (year, month, day)",
    )


def _day_first_hint(match: re.Match[str]) -> str:
    first, second, year = (int(part) for part in match.groups())
    readings: list[date] = []
    for day, month in ((first, second), (second, first)):  # the UK reading first
        try:
            reading = date(year, month, day)
        except ValueError:
            continue
        if reading not in readings:
            readings.append(reading)
    if len(readings) == 1:
        return f"write {readings[0].isoformat()} (lcspr does not guess at other forms)"
    if not readings:
        return "write the date as YYYY-MM-DD, like 2025-03-31"
    return "lcspr will not guess which part is the day: " + ", or ".join(
        f"write {reading.isoformat()} for {_spoken(reading)}" for reading in readings
    )


def _spoken(day: date) -> str:
    return f"{day.day} {calendar.month_name[day.month]} {day.year}"


class BadDate(ValueError):
    """A date not written YYYY-MM-DD; the message says why and how to write it."""


def parse_day(value: str) -> date:
    """`value` read as a date written YYYY-MM-DD (for options and settings), or BadDate."""
    try:
        return parse_iso_date(value)
    except PydanticCustomError as error:
        hint = (error.context or {}).get("hint", "")
        raise BadDate(f"{error.message()}; {hint}" if hint else error.message()) from None
