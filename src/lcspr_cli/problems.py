"""Problems found in the data: one value type shared by every stage and every output.

Bad user data is never an exception. Each stage returns the problems it found as
`Problem` values, carrying the file, line and column they point at, and the stages'
lists are simply joined. Codes are stable: they are documented in docs/problems.md and
a test keeps that page and `CODES` in step.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import Counter
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path

from msgspec import Struct


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class Code(Struct, frozen=True):
    """A problem code: its stable name, default severity and a one-line summary."""

    name: str
    severity: Severity
    summary: str


_E = Severity.ERROR
_W = Severity.WARNING

# Immutable on purpose: a registry that callers could extend in place would pile up
# entries across calls.
CODES: tuple[Code, ...] = (
    # Reading files
    Code("unreadable-file", _E, "The file could not be read (permissions, or not a file)."),
    Code("link-outside", _E, "A file is a link to somewhere outside the data folder."),
    Code("file-too-large", _E, "The file is larger than lcspr reads."),
    Code("not-utf8", _E, "The file is not UTF-8 text."),
    Code("empty-file", _E, "The file holds no data."),
    Code("merge-conflict", _E, "The file holds unresolved git merge-conflict markers."),
    Code("yaml-tab", _E, "A tab is used for indentation; YAML needs spaces."),
    Code("yaml-syntax", _E, "The file is not valid YAML."),
    Code("yaml-duplicate-key", _E, "The same field appears twice in one record."),
    Code("yaml-anchor", _E, "YAML anchors and aliases (&name, *name) are not allowed."),
    Code("yaml-tag", _E, "YAML tags (!!python/..., !custom) are not allowed."),
    Code("yaml-ambiguous", _E, "An unquoted yes/no/on/off, which YAML tools read differently."),
    Code("yaml-multiple-documents", _E, "The file holds more than one YAML document."),
    Code("too-deep", _E, "The data is nested deeper than any lcspr record needs."),
    Code("not-a-mapping", _E, "The file, or a record in it, is not a set of `field: value` lines."),
    Code("ignored-file", _W, "A file in the recommendations folder is not read."),
    Code("missing-file", _E, "A file every data folder needs is missing."),
    # Fields of one record
    Code("unknown-field", _E, "A field the file format does not have (often a typo)."),
    Code("missing-field", _E, "A required field is missing."),
    Code("wrong-type", _E, "A value is of the wrong kind (text, number, list, date ...)."),
    Code("empty-value", _E, "A value that must have content is empty."),
    Code("invalid-value", _E, "A value is not one of the allowed values."),
    Code("invalid-id", _E, "An id or reference is not written in the required form."),
    Code("invalid-date", _E, "A date is not a real date in the form YYYY-MM-DD."),
    Code("invalid-url", _E, "A URL does not start with http:// or https://."),
    Code("evidence-location", _E, "An evidence item does not say where the document is."),
    # Across records
    Code("duplicate-id", _E, "Two records have the same id."),
    Code("file-name-mismatch", _E, "A recommendation file is not named after its id."),
    Code("id-mismatch", _E, "An id does not start with the id of its review or recommendation."),
    Code("unknown-review", _E, "A recommendation names a review that reviews.yaml lacks."),
    Code("unknown-theme", _E, "A theme id that the review does not list."),
    Code("unknown-agency", _E, "An agency id that agencies.yaml does not list."),
    Code("unknown-recommendation", _E, "An action serves a recommendation no file holds."),
    Code("agency-not-yet-formed", _W, "An agency is named for a day before its `from` date."),
    Code("agency-succession", _E, "An agency's dates or successors do not add up."),
    Code("missing-completed-on", _E, "A complete action has no `completed_on` date."),
    Code("missing-dropped-reason", _E, "A dropped action has no `dropped_reason`."),
    Code("missing-revised-reason", _E, "A revised target date has no `revised_reason`."),
    Code("missing-assurance", _E, "An assured or closed recommendation has no `assurance`."),
    Code("missing-closed-on", _E, "A closed recommendation has no `closed_on` date."),
    Code("date-in-future", _E, "A date that records something done is after the as-of date."),
    Code("status-ahead-of-actions", _W, "A recommendation is marked done while actions are open."),
    # Only with lcspr check --fail-on, and --since
    Code("overdue", _E, "An action or recommendation is overdue (with --fail-on overdue)."),
    Code("unowned", _E, "Open work has no current owner (with --fail-on unowned)."),
    Code("missing-evidence", _E, "Evidence is missing (with --fail-on missing-evidence)."),
    Code("id-taken", _E, "An id added by a change already exists at the --since revision."),
    # Personal data, which must never be in files that may be published
    Code("privacy-nhs-number", _E, "A number that passes the NHS number check."),
    Code("privacy-postcode", _E, "A UK postcode."),
    Code("privacy-date-of-birth", _E, "A date next to words such as 'born' or 'DOB'."),
    Code("privacy-email", _E, "The email address of an individual."),
    Code("privacy-phone", _E, "A phone number."),
    Code("privacy-private-term", _E, "A name or term listed in the data folder's .private-terms."),
)

CODES_BY_NAME: dict[str, Code] = {code.name: code for code in CODES}


class Problem(Struct, frozen=True):
    """One thing wrong with the data, pointing at where it is (line and column 1-based)."""

    file: Path
    line: int | None
    column: int | None
    code: str
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR

    @classmethod
    def of(
        cls,
        code: str,
        message: str,
        file: Path,
        line: int | None = None,
        column: int | None = None,
        hint: str = "",
    ) -> Problem:
        """Build a problem whose severity is the code's default."""
        return cls(file, line, column, code, message, hint, CODES_BY_NAME[code].severity)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def sort_key(problem: Problem) -> tuple[str, int, int, str]:
    """Order problems as an editor lists them: by file, line, column."""
    return (str(problem.file), problem.line or 0, problem.column or 0, problem.code)


def relative_name(path: Path, root: Path) -> str:
    """`path` relative to the data folder `root`, with forward slashes (as given when it is
    not under `root`). Pure: it compares the names, never the disk."""
    name, start = str(path), str(root) + os.sep
    if name.startswith(start):  # the common case, faster than Path.relative_to
        return name[len(start) :].replace(os.sep, "/")
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


# Parts of a message that change without the problem changing: where it is, and how long
# it has been overdue.
_MOVING_PARTS = re.compile(r"\bline \d+|\b\d+ days?\b")


def fingerprints(problems: Sequence[Problem], root: Path) -> list[str]:
    """An identity for each of `problems` that survives lines moving and days passing, and
    that no two of them share: its file (relative to the data folder `root`), its code,
    its message without line numbers or day counts, and, when earlier problems share all
    three, how many did (in the order given, which is file and line order). A problem
    alone of its kind keeps the identity it had before lcspr counted them."""
    seen: Counter[str] = Counter()
    prints = []
    for problem in problems:
        where = relative_name(problem.file, root)
        message = _MOVING_PARTS.sub("#", problem.message)
        key = f"{where}\0{problem.code}\0{message}"
        earlier = seen[key]
        seen[key] += 1
        unique = f"{key}\0{earlier}" if earlier else key
        prints.append(hashlib.sha256(unique.encode()).hexdigest()[:32])
    return prints


def new_problems(
    current: Sequence[Problem], root: Path, base: Sequence[Problem], base_root: Path
) -> list[Problem]:
    """The problems of `current` (in the folder `root`) that `base` (in `base_root`) did not
    have, as many times over: of three alike where `base` had two, the third."""
    old = set(fingerprints(base, base_root))
    now = fingerprints(current, root)
    return [problem for problem, key in zip(current, now, strict=True) if key not in old]
