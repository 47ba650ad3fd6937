"""Which column holds what: the fields an import reads, the headings published trackers give
them, the heading row of a sheet, and a mapping file (`--map`) for any other heading.

Headings are compared without case, spaces or punctuation, and with or without what is in
brackets: "Rec no.", "REC NO" and "Rec. No" are one heading, as are "Progress indicator
(R/A/G)" and "Progress indicator".
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from msgspec import Struct

from ..problems import Problem
from ..wording import did_you_mean
from .sheet import Sheet, Value


class Field(Struct, frozen=True):
    name: str
    """As a mapping file names it."""
    label: str
    """As the import report names it."""
    headings: tuple[str, ...]
    per_recommendation: bool = False
    """Read once for the recommendation (from any of its rows), not for each action."""


def _f(name: str, label: str, *headings: str, rec: bool = False) -> Field:
    return Field(name, label, headings, rec)


FIELDS: tuple[Field, ...] = (
    _f("id", "lcspr id", "ID", "Action ID", "lcspr ID"),
    _f("rec_id", "recommendation id", "Rec ID", "Recommendation ID", rec=True),
    _f(
        "number",
        "recommendation number",
        "No.",
        "Number",
        "Ref",
        "Reference",
        "Rec no.",
        "Rec number",
        "Rec ref",
        "Recommendation number",
        "Recommendation no.",
        "Recommendation ref",
        rec=True,
    ),
    _f(
        "recommendation",
        "recommendation text",
        "Recommendation",
        "Recommendation (with report reference)",
        "Recommendation text",
        "Review recommendation",
        rec=True,
    ),
    _f("title", "title", "Title", "Short title", "Recommendation title", rec=True),
    _f(
        "action",
        "action",
        "Action",
        "Actions",
        "Specific actions",
        "How",
        "What",
        "Action required",
        "Actions to be taken",
        "Agreed action",
        "SMART action",
    ),
    _f(
        "owner",
        "lead agency",
        "Lead agency",
        "Responsibility",
        "Responsible lead/group",
        "Lead",
        "Lead organisation",
        "Responsible agency",
        "Agency",
        "Owner",
    ),
    _f("lead_role", "lead officer (a role)", "Lead officer", "Responsible officer", "Lead role"),
    _f("supporting", "supporting agencies", "Supporting agencies", "Supporting", "Partners"),
    _f(
        "due",
        "target date",
        "Target date",
        "Timescale",
        "Timescales",
        "Timescale/Target",
        "By when",
        "Date",
        "Due",
        "Due date",
        "Deadline",
        "Target",
    ),
    _f(
        "revised_due",
        "revised target date",
        "Revised target date",
        "Expected new achievement date",
        "Revised date",
        "Revised timescale",
        "New target date",
    ),
    _f(
        "revised_reason",
        "reason for the revised date",
        "Reason for revision",
        "Reason for revised date",
        "Revision reason",
        "Reason for delay",
    ),
    _f(
        "update",
        "progress update",
        "Progress update",
        "Update",
        "Progress",
        "Updates",
        "Progress to date",
        "Latest update",
    ),
    _f("rag", "RAG", "RAG", "RAG status", "RAG rating", "Progress indicator"),
    _f("status", "status", "Status", "Current status", "Action status"),
    _f("evidence", "evidence of completion", "Evidence of completion", "Output", "Evidence"),
    _f(
        "impact",
        "measure of impact",
        "Evidence of impact",
        "Outcome measurement",
        "Output/Outcome measurement",
        "Desired outcome",
        "What will the impact be and how is it measured",
        "Measure of success",
        "Measures of success",
        "Impact",
        "Outcome",
        rec=True,
    ),
    _f(
        "completed_on",
        "date completed",
        "Date of completion",
        "Date completed",
        "Achieved",
        "Completed",
        "Completion date",
        "Date achieved",
    ),
    _f("signed_off_by", "signed off by", "Signed off by", "Sign off", "Signed off", rec=True),
    _f("closed_on", "date closed", "Date closed", "Closed on", "Date signed off", rec=True),
    _f("rec_owner", "recommendation's lead agency", "Rec lead agency", rec=True),
    _f("rec_due", "recommendation's target date", "Rec target date", rec=True),
    _f("rec_status", "recommendation's status", "Rec status", "Recommendation status", rec=True),
    _f("rec_rag", "recommendation's RAG", "Rec RAG", "Recommendation RAG", rec=True),
    _f("assured_on", "date assured", "Assured on", "Date assured", rec=True),
    _f("assured_by", "assured by", "Assured by", rec=True),
    _f("assurance_evidence", "assurance evidence", "Assurance evidence", rec=True),
    _f("rag_reason", "RAG reason (lcspr works it out: not imported)", "RAG reason"),
)
FIELDS_BY_NAME: dict[str, Field] = {f.name: f for f in FIELDS}
IGNORE = "ignore"
"""What a mapping file maps a heading to, to say it is known and not to be imported."""


def heading_key(text: str) -> str:
    """A heading without case, spaces or punctuation: `Rec no.` is `recno`."""
    return re.sub(r"[^a-z0-9/]", "", text.lower().replace("&", "and"))


def _keys(text: str) -> tuple[str, ...]:
    """The keys a heading is known by: as written, and without what is in brackets."""
    whole = heading_key(text)
    bare = heading_key(re.sub(r"\([^)]*\)", " ", text))
    return (whole, bare) if bare and bare != whole else (whole,)


_SYNONYMS: dict[str, str] = {heading_key(h): f.name for f in FIELDS for h in f.headings}


class Columns(Struct, frozen=True):
    """A sheet's heading row, and what each of its columns holds."""

    heading_row: int
    fields: Mapping[str, int]
    """The column (1-based) of each field found."""
    headings: Mapping[int, str]
    """Every heading, by column."""
    unrecognised: tuple[int, ...] = ()
    unused: tuple[tuple[int, str], ...] = ()
    """Columns whose heading names a field another column already holds, with the field."""
    ignored: tuple[int, ...] = ()
    """Columns the mapping file says to ignore."""


def field_of(heading: str, mapping: Mapping[str, str]) -> str | None:
    """The field a heading names: from the mapping file first, else a known heading."""
    for key in _keys(heading):
        if key in mapping:
            return mapping[key]
    for key in _keys(heading):
        if key in _SYNONYMS:
            return _SYNONYMS[key]
    return None


HEADING_ROWS = 30
"""How far down a sheet its heading row is looked for (titles often sit above it)."""


def find_columns(sheet: Sheet, mapping: Mapping[str, str]) -> Columns | None:
    """The first row of the sheet whose headings name at least two fields, one of them the
    recommendation or the action; None when no row does."""
    for number, row in enumerate(sheet.rows[:HEADING_ROWS], 1):
        headings = {c: _text(v) for c, v in enumerate(row, 1) if _text(v)}
        named = {c: field_of(h, mapping) for c, h in headings.items()}
        found = set(named.values())
        if len(found - {None, IGNORE}) >= 2 and found & {"recommendation", "action", "rec_id"}:
            return _columns(number, headings, named)
    return None


def _columns(number: int, headings: dict[int, str], named: dict[int, str | None]) -> Columns:
    fields: dict[str, int] = {}
    unrecognised, unused, ignored = [], [], []
    for column, name in named.items():
        if name is None:
            unrecognised.append(column)
        elif name == IGNORE:
            ignored.append(column)
        elif name in fields:
            unused.append((column, name))
        else:
            fields[name] = column
    return Columns(number, fields, headings, tuple(unrecognised), tuple(unused), tuple(ignored))


def _text(value: Value) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def column_letter(column: int) -> str:
    """Excel's name of a column: 1 is A, 27 is AA."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_name(sheet: str, row: int, column: int) -> str:
    """A cell as Excel names it: `Actions!E7`, `'Action plan'!E7`."""
    quoted = sheet if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]*", sheet) else _quoted(sheet)
    return f"{quoted}!{column_letter(column)}{row}"


def _quoted(sheet: str) -> str:
    return "'" + sheet.replace("'", "''") + "'"


# --- the mapping file ------------------------------------------------------------------


def read_mapping(path: Path) -> tuple[dict[str, str], list[Problem]]:
    """A mapping file's headings (as keys) and the field each names, with its problems.

    The file is YAML, one `heading: field` line each: `Lead Agency (and partners): owner`,
    or `Comments: ignore` to say a column is known and not imported.
    """
    from ..yamlfile.read import read_yaml

    parsed = read_yaml(path)
    problems = list(parsed.problems)
    mapping: dict[str, str] = {}
    if parsed.data is None:
        return mapping, problems
    names = [f.name for f in FIELDS if f.name != "rag_reason"] + [IGNORE]
    for heading, name in parsed.data.items():
        line, column = parsed.source.position((heading,))
        if not isinstance(name, str) or name not in names:
            hint = did_you_mean(str(name), names) or f"the fields are: {', '.join(names)}"
            problems.append(
                Problem.of(
                    "invalid-value",
                    f"`{heading}` is mapped to `{name}`, which is not a field lcspr imports",
                    path,
                    line,
                    column,
                    hint=hint,
                )
            )
            continue
        for key in _keys(str(heading)):
            mapping[key] = name
    return mapping, problems


def field_names() -> Sequence[str]:
    """The fields a mapping file may name, for help and documentation."""
    return [f.name for f in FIELDS if f.name != "rag_reason"]
