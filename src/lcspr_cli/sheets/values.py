"""A cell read as one of lcspr's values: a target date, a day, a status, a RAG colour, text.

A spreadsheet in England is day-first: `31/03/2025`, `31.03.25` and `31 Mar 2025` are the
31st of March, `March 2025` is the month and `2025/26 Q4` the financial quarter. Real
Excel dates are dates. "Ongoing", "TBC" and the like are no date at all, and lcspr says
so rather than guess one. What cannot be read raises `Unreadable`, saying what is wrong.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from ..records.dates import Due, parse_due
from .sheet import EXCEL_ERRORS, Value


class Unreadable(ValueError):
    """A cell that cannot be read as what its column holds: `code` is the problem code,
    the message says what is wrong (without repeating the cell), the hint how to fix it."""

    def __init__(self, code: str, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.hint = hint


TARGET_FORMS = "a day (31/03/2026), a month (March 2026) or a financial quarter (2026/27 Q4)"
NO_DATE_WORDS = frozenset(
    {
        "ongoing",
        "on going",
        "tbc",
        "tba",
        "tbd",
        "to be confirmed",
        "to be agreed",
        "na",
        "n/a",
        "none",
        "continuous",
        "rolling",
        "as required",
        "various",
        "-",
    }
)


def text(value: Value) -> str | None:
    """A cell as text: lines kept, spaces at their ends and blank lines around them gone."""
    if type(value) is str and value.isprintable() and "  " not in value:
        return value.strip() or None  # one line, as most cells are: nothing to tidy
    if value is None or isinstance(value, bool):
        return None if value is None else ("Yes" if value else "No")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date()
    raw = str(value).replace("\r\n", "\n").replace("\r", "\n")
    lines = [" ".join(line.split()) for line in raw.split("\n")]
    cleaned = "\n".join(lines).strip("\n")
    return _BLANK_LINES.sub("\n\n", cleaned) or None


_BLANK_LINES = re.compile(r"\n{3,}")


def error_shown(value: Value) -> str | None:
    """The error a cell shows, such as #REF!, or None."""
    return value if isinstance(value, str) and value.strip() in EXCEL_ERRORS else None


def no_date(value: Value) -> str | None:
    """The words of a cell that says there is no date (Ongoing, TBC, blank: "")."""
    shown = text(value)
    if shown is None:
        return ""
    return shown if shown.lower().rstrip(".") in NO_DATE_WORDS else None


def target(value: Value) -> Due:
    """A target date: a day, a month or a financial quarter. The caller checks `no_date`
    first: this never returns nothing."""
    if isinstance(value, (datetime, date)):
        day = value.date() if isinstance(value, datetime) else value
        return Due(day.year, day.month, day.day)
    return parse_due(_written(value))


def day(value: Value) -> date:
    """A day: a real date, or one written day-first or YYYY-MM-DD; a month is not a day."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    written = _written(value)
    if not _ISO.fullmatch(written):
        raise Unreadable(
            "invalid-date",
            "gives a month or a quarter, not the day",
            "write the day, like 31/03/2025",
        )
    return date.fromisoformat(written)


_MONTHS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}
_MONTHS["sept"] = 9
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_ISO_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_DAY_FIRST = re.compile(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4}|\d{2})")
_SPOKEN_DAY = re.compile(
    rf"(\d{{1,2}})(?:st|nd|rd|th)?[\s-]+({_MONTH_NAMES})\.?,?[\s-]+(\d{{4}}|\d{{2}})", re.I
)
_SPOKEN_MONTH = re.compile(
    rf"(?:end\s+(?:of\s+)?)?({_MONTH_NAMES})\.?,?[\s'-]+(\d{{4}}|\d{{2}})", re.I
)
_QUARTER = re.compile(r"(\d{4})\s*/\s*(\d{2})\s*[-\s]?\s*Q([1-4])", re.I)
_QUARTER_FIRST = re.compile(r"Q([1-4])\s*[-\s]?\s*(\d{4})\s*/\s*(\d{2})", re.I)


def _written(value: Value) -> str:
    """The cell's date as lcspr writes it: 2025-03-31, 2025-03 or 2025/26-Q4."""
    if isinstance(value, (bool, int, float)):
        raise Unreadable(
            "invalid-date",
            f"holds the number {text(value)}, not a date",
            "format the cell as a date in Excel, or write the date, like 31/03/2025",
        )
    if isinstance(value, (time, timedelta)):
        raise Unreadable("invalid-date", "holds a time, not a date", "write the date")
    shown = text(value) or ""
    for pattern, build in _FORMS:
        found = pattern.fullmatch(shown)
        if found:
            return build(found)
    raise Unreadable(
        "invalid-date",
        "is not a date lcspr reads",
        f"write {TARGET_FORMS}; a spreadsheet in England is read day-first",
    )


def _year(text: str) -> int:
    return int(text) + 2000 if len(text) == 2 else int(text)


def _real_day(year: int, month: int, number: int) -> str:
    if not 1 <= month <= 12:
        raise Unreadable(
            "invalid-date",
            f"is not a real date: there is no month {month}",
            "dates are read day-first, as in England: write 31/03/2025 for 31 March 2025",
        )
    last = calendar.monthrange(year, month)[1]
    if not 1 <= number <= last:
        raise Unreadable(
            "invalid-date",
            f"is not a real date: {calendar.month_name[month]} {year} has {last} days",
            "check the day and the month (dates are read day-first)",
        )
    return f"{year:04d}-{month:02d}-{number:02d}"


def _month(year: int, month: int) -> str:
    if not 1 <= month <= 12:
        raise Unreadable("invalid-date", f"is not a real month: there is no month {month}")
    return f"{year:04d}-{month:02d}"


def _quarter(year: int, short: int, number: int) -> str:
    if short != (year + 1) % 100:
        raise Unreadable(
            "invalid-date",
            f"names no financial year: {year}/{(year + 1) % 100:02d} is the year from April {year}",
            f"write {year}/{(year + 1) % 100:02d} Q{number}",
        )
    return f"{year}/{short:02d}-Q{number}"


_FORMS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (_ISO, lambda m: _real_day(int(m[1]), int(m[2]), int(m[3]))),
    (_DAY_FIRST, lambda m: _real_day(_year(m[3]), int(m[2]), int(m[1]))),
    (_SPOKEN_DAY, lambda m: _real_day(_year(m[3]), _MONTHS[m[2].lower()], int(m[1]))),
    (_ISO_MONTH, lambda m: _month(int(m[1]), int(m[2]))),
    (_SPOKEN_MONTH, lambda m: _month(_year(m[2]), _MONTHS[m[1].lower()])),
    (_QUARTER, lambda m: _quarter(int(m[1]), int(m[2]), int(m[3]))),
    (_QUARTER_FIRST, lambda m: _quarter(int(m[2]), int(m[3]), int(m[1]))),
)


def leading_day(note: str) -> tuple[date | None, str]:
    """A progress note's day, when the note starts with one (`12/01/2025: Audit started`),
    and the note without it; (None, note) otherwise."""
    found = _LEADING.match(note)
    if found is None:
        return None, note
    try:
        written = _written(found.group(1))
    except Unreadable:
        return None, note
    rest = note[found.end() :].strip()
    if not _ISO.fullmatch(written) or not rest:
        return None, note
    return date.fromisoformat(written), rest


_LEADING = re.compile(
    rf"\s*(\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}[/.-]\d{{1,2}}[/.-](?:\d{{4}}|\d{{2}})"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTH_NAMES})\.?\s+\d{{4}})\s*(?:[:\u2013\u2014-]\s*|\s+)",
    re.I,
)


# --- statuses and RAG ------------------------------------------------------------------


def _words(*pairs: tuple[str, str]) -> dict[str, str]:
    return {words: status for group, status in pairs for words in group.split("|")}


ACTION_WORDS = _words(
    (
        "complete|completed|done|closed|achieved|finished|met|fully met|implemented|delivered"
        "|embedded|complete and embedded",
        "complete",
    ),
    (
        "in progress|on track|ongoing|on going|started|underway|under way|progressing"
        "|partially complete|partially met|partially achieved|delayed|behind|at risk"
        "|off track|overdue|active",
        "in-progress",
    ),
    (
        "not started|not yet started|not due|not yet due|planned|to do|todo|pending|new|open",
        "not-started",
    ),
    ("dropped|withdrawn|cancelled|canceled|superseded|no longer required|not required", "dropped"),
)
RECOMMENDATION_WORDS = _words(
    ("open|not started|not yet started|planned|new|pending", "open"),
    (
        "in progress|on track|ongoing|on going|started|underway|under way|progressing"
        "|partially complete|partially met|partially achieved|delayed|behind|at risk"
        "|off track|overdue",
        "in-progress",
    ),
    ("complete|completed|done|achieved|delivered|implemented|met|actions complete", "complete"),
    ("assured|impact assured", "assured"),
    ("closed|signed off|closed and signed off", "closed"),
    ("not accepted|rejected|declined", "not-accepted"),
)


def _status_key(shown: str) -> str:
    return " ".join(re.sub(r"[^a-z/ ]", " ", shown.lower().replace("-", " ")).split())


def status(value: Value, words: dict[str, str]) -> str | None:
    """The lcspr status a cell's words mean; None for an empty cell; Unreadable for words
    that mean none, naming the words that do."""
    shown = text(value)
    if shown is None:
        return None
    found = words.get(_status_key(shown))
    if found is None:
        statuses = list(dict.fromkeys(words.values()))
        others = [
            w for w in ("on track", "done", "closed", "withdrawn", "signed off") if w in words
        ]
        raise Unreadable(
            "invalid-value",
            "is not a status lcspr knows",
            "use one of: "
            + ", ".join(s.replace("-", " ").capitalize() for s in statuses)
            + "; lcspr also reads words such as "
            + ", ".join(w.capitalize() for w in others),
        )
    return found


YES = frozenset({"yes", "y", "true", "achieved", "complete", "completed", "done", "✓", "✔", "x"})


def says_yes(value: Value) -> bool:
    """Whether a cell says yes (a `Completed` column ticked, say)."""
    shown = text(value)
    return shown is not None and shown.lower().rstrip(".") in YES


RAGS = ("red", "amber", "green", "blue", "grey")
_RAG_WORDS = {
    "r": "red",
    "red": "red",
    "a": "amber",
    "amber": "amber",
    "orange": "amber",
    "yellow": "amber",
    "g": "green",
    "green": "green",
    "b": "blue",
    "blue": "blue",
    "grey": "grey",
    "gray": "grey",
}


def rag_word(value: Value) -> str | None:
    """The colour a RAG cell names ("Green", "G", "Red - overdue"); None when it names
    none."""
    shown = text(value)
    if shown is None:
        return None
    first = _NOT_LETTERS.split(shown.lower().strip(), maxsplit=1)[0]
    return _RAG_WORDS.get(first)


_NOT_LETTERS = re.compile(r"[^a-z]+")


def rag_colour(rgb: str | None) -> str | None:
    """The RAG colour nearest a cell's fill (RRGGBB); None for white, black or none."""
    if rgb is None or not re.fullmatch(r"[0-9A-Fa-f]{6}", rgb):
        return None
    import colorsys

    red, green, blue = (int(rgb[i : i + 2], 16) / 255 for i in (0, 2, 4))
    hue, lightness, saturation = colorsys.rgb_to_hls(red, green, blue)
    degrees = hue * 360
    if saturation < 0.15 or lightness > 0.92 or lightness < 0.08:
        return "grey" if 0.3 < lightness < 0.9 and saturation < 0.15 else None
    if degrees < 20 or degrees >= 330:
        return "red"
    if degrees < 65:
        return "amber"
    if degrees < 170:
        return "green"
    if degrees < 265:
        return "blue"
    return None
