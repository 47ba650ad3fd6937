"""UK financial-year quarters: 2025/26 Q1 is April to June 2025, Q4 is January to March 2026."""

from __future__ import annotations

import re
from datetime import date, timedelta

from msgspec import Struct

_FORM = re.compile(r"(\d{4})[/-](\d{2})-?\s*Q([1-4])", re.IGNORECASE)
FORM_HINT = "write the quarter like 2025/26-Q2 (July to September 2025) or 2025-26-Q2"


class BadQuarter(ValueError):
    """A quarter not written in a form lcspr reads; the message shows the form."""


class Quarter(Struct, frozen=True, order=True):
    """A quarter of the financial year that starts on 1 April of `year`."""

    year: int
    number: int

    @classmethod
    def parse(cls, text: str) -> Quarter:
        match = _FORM.fullmatch(text.strip())
        if not match:
            raise BadQuarter(f"`{text}` is not a quarter; {FORM_HINT}")
        year, short_next, number = int(match[1]), int(match[2]), int(match[3])
        if short_next != (year + 1) % 100:
            raise BadQuarter(
                f"`{text}`: a financial year runs from {year} to {year + 1}, so it is written "
                f"{year}/{(year + 1) % 100:02d}; {FORM_HINT}"
            )
        return cls(year, number).checked()

    @classmethod
    def containing(cls, day: date) -> Quarter:
        """The quarter `day` falls in."""
        if day.month >= 4:
            return cls(day.year, (day.month - 4) // 3 + 1)
        return cls(day.year - 1, 4)

    @classmethod
    def latest_ended(cls, day: date) -> Quarter:
        """The latest quarter that ended on or before `day`."""
        current = cls.containing(day)
        return (current if current.end == day else current.previous).checked()

    def checked(self) -> Quarter:
        """This quarter, if lcspr can summarise it: the quarters before and after it must
        fall within the calendar (1 January 1 to 31 December 9999), since a summary
        compares with the one and looks ahead to the other. Else `BadQuarter`."""
        if self < FIRST:
            raise BadQuarter(
                f"{self.key} is too early for a summary: it compares with the quarter before, "
                f"and dates start on 1 January 1. The first quarter lcspr can summarise is "
                f"{FIRST.key}."
            )
        if self > LAST:
            raise BadQuarter(
                f"{self.key} is too late for a summary: it looks ahead to the quarter after, "
                f"and dates end on 31 December 9999. The last quarter lcspr can summarise is "
                f"{LAST.key}."
            )
        return self

    @property
    def start(self) -> date:
        month = 4 + 3 * (self.number - 1)
        return date(self.year + 1, month - 12, 1) if month > 12 else date(self.year, month, 1)

    @property
    def end(self) -> date:
        last_month = self.start.month + 2  # worked out in the quarter: 9999/00 Q3 has no next
        if last_month == 12:
            return date(self.start.year, 12, 31)
        return date(self.start.year, last_month + 1, 1) - timedelta(days=1)

    @property
    def previous(self) -> Quarter:
        return Quarter(self.year, self.number - 1) if self.number > 1 else Quarter(self.year - 1, 4)

    @property
    def next(self) -> Quarter:
        return Quarter(self.year, self.number + 1) if self.number < 4 else Quarter(self.year + 1, 1)

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    def __str__(self) -> str:
        """As written in reports: 2025/26 Q2."""
        return f"{self.year:04d}/{(self.year + 1) % 100:02d} Q{self.number}"

    @property
    def key(self) -> str:
        """As written on the command line: 2025/26-Q2."""
        return f"{self.year:04d}/{(self.year + 1) % 100:02d}-Q{self.number}"


FIRST = Quarter(1, 1)
"""The first quarter lcspr summarises (April to June of year 1): the one before it starts on
1 January 1, the first day a date can be."""
LAST = Quarter(9999, 2)
"""The last quarter lcspr summarises (July to September 9999): the one after it ends on
31 December 9999, the last day a date can be."""
