"""The privacy guard on a spreadsheet: every cell of every sheet read (headings and notes
above them too) is looked through for personal data, as `lcspr check` looks through the
files (`load.privacy`). A finding names the cell and the kind of data, never the data."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from pathlib import Path

from ..load.privacy import Finding, find_personal_data
from ..problems import Problem
from .columns import cell_name
from .sheet import Sheet

_DIGIT = re.compile(r"\d").search
_HINTS = {
    "privacy-nhs-number": "remove the NHS number from the cell",
    "privacy-postcode": "remove the postcode from the cell: an address can identify a family",
    "privacy-email": "use a role or team mailbox, or remove the address",
    "privacy-phone": "remove the phone number, or give the team's switchboard",
    "privacy-date-of-birth": "remove the date of birth from the cell",
    "privacy-private-term": "use the published pseudonym or a role title instead",
}


def personal_data(
    path: Path, sheet: Sheet, terms: Sequence[str]
) -> tuple[list[Problem], set[tuple[str, int, int]]]:
    """The personal data in the cells of `sheet` (of the spreadsheet at `path`), and the
    cells that hold it."""
    problems: list[Problem] = []
    flagged: set[tuple[str, int, int]] = set()
    seen: dict[str, list[Finding]] = {}  # a tracker repeats its texts down its rows
    for row_number, row in enumerate(sheet.rows, 1):
        for column, value in enumerate(row, 1):
            if value is None or isinstance(value, (bool, date, datetime, time, timedelta)):
                continue
            text = value if type(value) is str else str(value)
            if not terms and "@" not in text and _DIGIT(text) is None:
                continue  # the guard needs a digit, an @ or a listed term to find any
            found = seen.get(text)
            if found is None:
                found = seen[text] = find_personal_data(text, terms)
            if not found:
                continue
            flagged.add((sheet.name, row_number, column))
            kinds = list(dict.fromkeys(finding.code for finding in found))
            what = " and ".join(
                next(f.what for f in found if f.code == kind).split(" (")[0] for kind in kinds
            )
            problems.append(
                Problem.of(
                    kinds[0],
                    f"{cell_name(sheet.name, row_number, column)}: this looks like {what}: "
                    "personal data must not be in the files",
                    path,
                    row_number,
                    column,
                    hint=_HINTS[kinds[0]] + ", then import again",
                )
            )
    return problems, flagged
