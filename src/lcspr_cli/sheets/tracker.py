"""A tracker's rows as recommendations: which sheets to read, which rows belong to which
recommendation, and each recommendation's review, number and id.

A recommendation's cells are often merged down over the rows of its actions, or left
blank on the rows after the first: both read as the same recommendation. Rows are
grouped by the recommendation's id (an ID column, as lcspr's export gives), else its
number, else its text; without a number column, the number is read from the start of
the text ("1.", "2a)"), else given in the order of the sheet.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from msgspec import Struct, field
from msgspec.structs import replace

from ..problems import Problem
from ..wording import did_you_mean
from .build import Group, recommendation
from .cells import Context, Row
from .columns import FIELDS_BY_NAME, Columns, cell_name, column_letter, find_columns
from .model import Column, Reading, SheetRead
from .privacy import personal_data
from .read import read_each
from .sheet import Sheet

_NUMBER = re.compile(r"[A-Za-z0-9]+(?:[.-][A-Za-z0-9]+)*")
_LEADING_NUMBER = re.compile(
    r"\s*(?:(?:recommendation|rec)\.?\s*)?(\d{1,3}(?:\.\d{1,3})*[a-z]?|[a-z]\d{1,3})"
    r"\s*(?:[.):]|\s-)\s+(?=\S)",
    re.IGNORECASE,
)


def read_tracker(
    path: Path,
    context: Context,
    sheet_name: str | None,
    mapping: Mapping[str, str],
    terms: Sequence[str],
) -> Problem | None:
    """Every recommendation the tracker at `path` gives, into `context.reading`, with its
    problems in `context`; or the problem that stops the file being read.

    Each sheet is read into recommendations where its cells are read (on every core, for
    a large workbook), apart from the others, and what each gives is put together here in
    the order of the sheets. Not with --add-agencies: an agency one sheet adds is known to
    the next, so the sheets are read in order, in this process."""
    work = functools.partial(_read_sheet, context, sheet_name, mapping, terms)
    read = read_each(path, work, shared=not context.add_agencies)
    if isinstance(read, Problem):
        return read
    outcomes, notes = read
    reading = context.reading
    reading.notes.extend(notes)
    asked = [outcome for outcome in outcomes if outcome.asked]
    if sheet_name is not None and not asked:
        raise UnknownSheet(sheet_name, [outcome.name for outcome in outcomes])
    if not any(outcome.chosen for outcome in asked):
        _nothing_to_read(path, context, sheet_name, all(o.empty for o in outcomes))
    for outcome in asked:  # as one reading of every sheet would list them
        context.problems.extend(outcome.privacy)
    for outcome in asked:
        context.problems.extend(outcome.problems)
        reading.extend(outcome.reading)
    _unique_ids(context)
    return None


class _Outcome(Struct, frozen=True):
    """What reading one sheet gave."""

    name: str
    empty: bool
    asked: bool = False
    """Whether the sheet was to be read (all are, unless one is named)."""
    chosen: bool = False
    """Whether it has the columns of a tracker and was read."""
    reading: Reading = field(default_factory=Reading)
    privacy: list[Problem] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _read_sheet(
    context: Context,
    wanted: str | None,
    mapping: Mapping[str, str],
    terms: Sequence[str],
    sheet: Sheet,
) -> _Outcome:
    """One sheet read into recommendations, apart from the others: into a context of its
    own (sharing the agencies, which --add-agencies adds to)."""
    if wanted is not None and sheet.name.lower() != wanted.lower():
        return _Outcome(sheet.name, not sheet.rows)
    own = replace(context, flagged=set(), problems=[], reading=Reading(today=context.today))
    columns = find_columns(sheet, mapping)
    reason = ""
    if not sheet.rows:
        reason = "it is empty"
    elif columns is None:
        reason = "no heading row names a recommendation or an action"
    elif sheet.hidden and wanted is None:
        reason = "it is hidden (name it with --sheet to read it)"
    if columns is None or reason:
        own.reading.skipped.append((sheet.name, reason))
        return _Outcome(sheet.name, not sheet.rows, True, reading=own.reading)
    privacy, own.flagged = personal_data(context.path, sheet, terms)
    _SheetReader(own, sheet, columns).read()
    return _Outcome(sheet.name, False, True, True, own.reading, privacy, own.problems)


class UnknownSheet(Exception):
    def __init__(self, wanted: str, names: list[str]) -> None:
        hint = did_you_mean(wanted, names) or f"its sheets are: {', '.join(names)}"
        super().__init__(f"the workbook has no sheet `{wanted}`; {hint}")


def _nothing_to_read(path: Path, context: Context, wanted: str | None, empty: bool) -> None:
    where = f"sheet {wanted}" if wanted else "the file"
    context.problems.append(
        Problem.of(
            "empty-file" if empty else "missing-field",
            f"{where} is empty"
            if empty
            else f"{where} has no heading row that lcspr recognises: it looks in the first 30 "
            "rows for headings such as Recommendation, Action, Lead agency, Target date",
            path,
            hint="export the tracker again with its rows"
            if empty
            else "map your headings to lcspr's fields with --map MAPPING.yaml (see "
            "docs/spreadsheets.md)",
        )
    )


class _SheetReader(Struct):
    context: Context
    sheet: Sheet
    columns: Columns
    groups: dict[str, Group] = field(default_factory=dict)

    def read(self) -> None:
        rows = self._rows()
        if not rows:
            return
        key_field = next(
            (f for f in ("rec_id", "id", "number", "recommendation") if f in self.columns.fields),
            None,
        )
        if key_field is None or "recommendation" not in self.columns.fields:
            self._sheet_problem("recommendation", "Recommendation")
            return
        if "due" not in self.columns.fields:
            self._sheet_problem("due", "Target date")
        keyed = self._keyed(rows, key_field)
        numbering, from_text = self._numbering(keyed, key_field)
        review = self.context.review
        if review is None and key_field not in ("rec_id", "id"):
            review = self._sheet_review(rows[0])
            if review is None:
                return
        reviews: list[str] = []
        for key, group_rows in keyed.items():
            group = self._group(key, group_rows, key_field, numbering.get(key), review)
            if group is None:
                continue
            reviews.append(group.review)
            partnership = self.context.partnerships.get(group.review)
            self.context.reading.recommendations.append(recommendation(group, partnership))
        numbered = ""
        if numbering:
            numbered = (
                "no number column: read from the start of each recommendation's text"
                if from_text
                else f"no number column: numbered 1 to {len(numbering)} in the order of the sheet"
            )
        self._report(rows, numbered, reviews)

    def _rows(self) -> list[Row]:
        fields = self.columns.fields.values()
        found = []
        for number in range(self.columns.heading_row + 1, len(self.sheet.rows) + 1):
            cells = self.sheet.rows[number - 1]
            if any(c <= len(cells) and cells[c - 1] not in (None, "") for c in fields):
                found.append(Row(self.context, self.sheet, self.columns, number))
        return found

    def _sheet_problem(self, name: str, example: str) -> None:
        label = FIELDS_BY_NAME[name].label
        self.context.problems.append(
            Problem.of(
                "missing-field",
                f"{cell_name(self.sheet.name, self.columns.heading_row, 1)}: the sheet has no "
                f"{label} column; lcspr needs one",
                self.context.path,
                self.columns.heading_row,
                1,
                hint=f"add a column headed {example}, or map yours with --map",
            )
        )

    def _keyed(self, rows: list[Row], key_field: str) -> dict[str, list[Row]]:
        """The rows of each recommendation, by its key; a blank key is the row above's."""
        keyed: dict[str, list[Row]] = {}
        previous: str | None = None
        for row in rows:
            key = _key(row, key_field)
            if key is None:
                key = previous
            if key is None:
                row.problem(
                    key_field,
                    "missing-field",
                    "the first row gives no recommendation",
                    "fill in the recommendation (and its number) on the first row",
                )
                continue
            keyed.setdefault(key, []).append(row)
            previous = key
        return keyed

    def _numbering(
        self, keyed: dict[str, list[Row]], key_field: str
    ) -> tuple[dict[str, str], bool]:
        """The number of each recommendation keyed by its text (no number column), and
        whether every text started with its number."""
        if key_field != "recommendation":
            return {}, False
        leading = {key: _LEADING_NUMBER.match(key) for key in keyed}
        if all(leading.values()):
            return {key: found.group(1) for key, found in leading.items() if found}, True
        return {key: str(index) for index, key in enumerate(keyed, 1)}, False

    # long: one recommendation's review, number, id and text, each with its own problem
    def _group(
        self, key: str, rows: list[Row], key_field: str, numbered: str | None, review: str | None
    ) -> Group | None:
        first = rows[0]
        texts = [(r, t) for r in rows if (t := r.text("recommendation"))]
        if not texts:
            first.problem(
                "recommendation",
                "missing-field",
                "gives no recommendation text",
                "fill in the recommendation's text",
            )
            return None
        text = texts[0][1]
        for row, other in texts[1:]:
            if " ".join(other.split()) != " ".join(text.split()):
                row.problem(
                    "recommendation",
                    "duplicate-id",
                    f"reads as the same recommendation as row {first.number}, whose text differs",
                    "give each recommendation its own number (a blank number is the number "
                    "of the row above)",
                )
                return None
        number = numbered or key
        found = _LEADING_NUMBER.match(text)  # "1. Partners to ...": the number is not text
        if found and found.group(1).lower() == _plain_number(number, "").lower():
            text = text[found.end() :]
        if review is None:
            review = self._review_of_id(first, key_field, key)
            if review is None:
                return None
        if key_field in ("rec_id", "id"):
            if not key.upper().startswith(f"{review}-"):
                first.problem(
                    key_field,
                    "id-mismatch",
                    f"is not an id of review {review}",
                    f"ids of review {review} start {review}-",
                )
                return None
            number = key[len(review) + 1 :]
        number = _plain_number(number, review)
        if not _NUMBER.fullmatch(number):
            first.problem(
                key_field,
                "invalid-id",
                "is not a recommendation number lcspr can use: letters and digits, with "
                "parts joined by . or -",
                "write it as printed in the report, like 3, 2a or 1.1",
            )
            return None
        return Group(rows, f"{review}-{number}", review, number, text)

    def _review_of_id(self, row: Row, key_field: str, key: str) -> str | None:
        """The review whose id starts the recommendation's id."""
        known = sorted(self.context.partnerships, key=len, reverse=True)
        found = next((r for r in known if key.upper().startswith(f"{r}-")), None)
        if found is None:
            row.problem(
                key_field,
                "unknown-review",
                "names no review in reviews.yaml",
                "add the review to reviews.yaml first, or give --review",
            )
        return found

    def _sheet_review(self, row: Row) -> str | None:
        """The review of a sheet whose rows do not say: the one named like the sheet, else
        the only one there is."""
        known = sorted(self.context.partnerships)
        by_name = [r for r in known if r.lower() == self.sheet.name.lower()]
        if by_name:
            return by_name[0]
        if len(known) == 1:
            return known[0]
        row.problem(
            "recommendation",
            "unknown-review",
            "which review is this sheet about? reviews.yaml has "
            + (f"{len(known)} reviews" if known else "none"),
            f"give --review (one of: {', '.join(known)})"
            if known
            else "add the review to reviews.yaml first",
        )
        return None

    def _report(self, rows: list[Row], numbered: str, reviews: list[str]) -> None:
        columns = self.columns

        def column(number: int, name: str = "") -> Column:
            label = FIELDS_BY_NAME[name].label if name in FIELDS_BY_NAME else ""
            return Column(column_letter(number), columns.headings.get(number, ""), label)

        self.context.reading.sheets.append(
            SheetRead(
                self.sheet.name,
                columns.heading_row,
                rows[0].number,
                rows[-1].number,
                tuple(column(c, n) for n, c in sorted(columns.fields.items(), key=lambda i: i[1])),
                tuple(column(c) for c in columns.unrecognised),
                tuple(column(c, n) for c, n in columns.unused),
                tuple(column(c) for c in columns.ignored),
                numbered,
                tuple(dict.fromkeys(reviews)),
            )
        )


def _key(row: Row, key_field: str) -> str | None:
    written = row.text(key_field)
    if written is None:
        return None
    if key_field == "id" and row.text("action"):
        rec_id, _, number = written.rpartition(".")
        return rec_id if rec_id and number.isdigit() else written
    if key_field == "recommendation":
        return " ".join(written.split())
    return written


def _plain_number(written: str, review: str) -> str:
    """A number as a tracker writes it, without `Rec` or the review's id before it."""
    number = written.strip()
    number = re.sub(r"^(?:recommendation|rec)\.?\s*(?:no\.?\s*)?", "", number, flags=re.I)
    if number.upper().startswith(f"{review}-"):
        number = number[len(review) + 1 :]
    return number.rstrip(".)")


def _unique_ids(context: Context) -> None:
    seen: dict[str, str] = {}
    kept = []
    for found in context.reading.recommendations:
        where = cell_name(found.sheet, found.rows[0], 1)
        if found.id in seen:
            context.problems.append(
                Problem.of(
                    "duplicate-id",
                    f"{where}: recommendation {found.id} is given again (first at "
                    f"{seen[found.id]})",
                    context.path,
                    found.rows[0],
                    1,
                    hint="give each recommendation its own number",
                )
            )
            continue
        seen[found.id] = where
        kept.append(found)
    context.reading.recommendations[:] = kept
