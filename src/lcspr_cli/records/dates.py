"""Dates as the files write them: a day is YYYY-MM-DD, never a guess at any other form;
a target date may also be a month (2026-03) or a financial quarter (2026/27-Q4)."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:  # imported when a date is wrong: reading one (a cached fact) needs none
    from pydantic_core import PydanticCustomError

from ..wording import describe

_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_DAY_FIRST = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})")
_WITH_TIME = re.compile(r"(\d{4}-\d{2}-\d{2})[T ]\d")


def _date_error(message: str, hint: str) -> PydanticCustomError:
    from pydantic_core import PydanticCustomError

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
    return _or_bad_date(parse_iso_date, value)


def parse_target(value: str) -> Due:
    """`value` read as a target date in any of its three forms (for options), or BadDate."""
    return _or_bad_date(parse_due, value)


def _or_bad_date(parse: Callable[[str], _D], value: str) -> _D:
    from pydantic_core import PydanticCustomError

    try:
        return parse(value)
    except PydanticCustomError as error:
        hint = (error.context or {}).get("hint", "")
        raise BadDate(f"{error.message()}; {hint}" if hint else error.message()) from None


_D = TypeVar("_D", bound=date)


DUE_FORMS = "a day (2026-03-31), a month (2026-03) or a financial quarter (2026/27-Q4)"
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_QUARTER = re.compile(r"(\d{4})/(\d{2})-Q([1-4])")


class Due(date):
    """A target date: the last day of what the file names (a day, a month or a financial
    quarter), which the reports compute with, remembering how it was written, which they
    print: "March 2026", "2026/27 Q4" (empty for a day)."""

    written: str
    form: str
    """How a file writes it: 2026-03 or 2026/27-Q4 (empty for a day)."""

    def __new__(cls, year: int, month: int, day: int, written: str = "", form: str = "") -> Due:
        due = super().__new__(cls, year, month, day)
        due.written, due.form = written, form
        return due

    def __reduce__(self) -> tuple[type[Due], tuple[int, int, int, str, str]]:
        return (Due, (self.year, self.month, self.day, self.written, self.form))


def quarter_end(year: int, number: int) -> date:
    """The last day of quarter `number` of the financial year starting in April of `year`."""
    month = 3 * number + 3  # Q1 ends in June, Q4 in March of the next year
    year, month = (year + 1, month - 12) if month > 12 else (year, month)
    return date(year, month, calendar.monthrange(year, month)[1])


def parse_due(value: object) -> Due:
    """A target date in one of the three forms, as a `Due`; anything else is an error whose
    hint shows all three."""
    if isinstance(value, Due):
        return value
    if isinstance(value, str):
        text = value.strip()
        month = _MONTH.fullmatch(text)
        if month and 1 <= int(month.group(2)) <= 12:
            year, number = int(month.group(1)), int(month.group(2))
            last = calendar.monthrange(year, number)[1]
            return Due(year, number, last, f"{calendar.month_name[number]} {year}", text)
        quarter = _QUARTER.fullmatch(text)
        if quarter:
            year, short, number = (int(part) for part in quarter.groups())
            if short != (year + 1) % 100:
                right = f"{year}/{(year + 1) % 100:02d}"
                raise _date_error(
                    f"`{text}` names no financial year ({right} is the year from April {year})",
                    f"write {right}-Q{number}",
                )
            end = quarter_end(year, number)
            return Due(end.year, end.month, end.day, f"{year}/{short:02d} Q{number}", text)
        spoken = _SPOKEN_MONTH.fullmatch(text)
        if spoken and spoken.group(1).capitalize() in _MONTHS:
            written = f"{spoken.group(2)}-{_MONTHS[spoken.group(1).capitalize()]:02d}"
            raise _date_error(
                f"`{text}` is not in a form lcspr reads",
                f"write {written} for the month; a target date is {DUE_FORMS}",
            )
    from pydantic_core import PydanticCustomError

    try:
        day = parse_iso_date(value)
    except PydanticCustomError as error:
        hint = str((error.context or {}).get("hint", ""))
        specific = "" if hint.startswith("write the date like") else hint
        message = error.message().replace("a date in the form YYYY-MM-DD", "a target date")
        raise _date_error(
            message.replace("a date written YYYY-MM-DD", "a target date"),
            f"{specific}; a target date is {DUE_FORMS}" if specific else f"write {DUE_FORMS}",
        ) from None
    return Due(day.year, day.month, day.day)


_SPOKEN_MONTH = re.compile(r"([A-Za-z]+)\.?\s+(\d{4})")
_MONTHS = {
    **{name: number for number, name in enumerate(calendar.month_name) if name},
    **{name: number for number, name in enumerate(calendar.month_abbr) if name},
}
