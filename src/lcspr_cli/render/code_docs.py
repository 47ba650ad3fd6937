"""What docs/problems.md says of each problem code: what it means and how to fix it.

The SARIF log gives each rule this text as its description and help, so code scanning
explains a problem in the words of the page. The page's tables and this module are kept
in step by tests/test_problems.py, row for row and cell for cell: change one, and the test
prints the other's line as it should read.
"""

from __future__ import annotations

import re

from msgspec import Struct

HOME_PAGE = "https://github.com/YOUR-ORG/lcspr"
"""Where lcspr is published (as in docs/ci.md): the SARIF log's `informationUri`, and the
start of every link to the documentation in it."""
DOCS = f"{HOME_PAGE}/blob/main/docs/"


class CodeDoc(Struct, frozen=True):
    """One row of docs/problems.md: a code, the heading it is under, and two cells of
    markdown."""

    name: str
    section: str
    meaning: str
    """What it means."""
    fix: str
    """How to fix it."""

    @property
    def url(self) -> str:
        """The page, at the heading of this code's table."""
        return f"{DOCS}problems.md#{anchor(self.section)}"


def anchor(heading: str) -> str:
    """The id GitHub gives a heading: lower case, punctuation but hyphens dropped, spaces
    made hyphens (`Only with --fail-on` -> `only-with---fail-on`)."""
    return re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")


_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")


def plain(markdown: str) -> str:
    """The page's markdown as plain text: no backticks, links as their words."""
    return _LINK.sub(r"\1", markdown).replace("`", "")


def absolute(markdown: str) -> str:
    """The page's markdown with its links to the other pages made absolute, for readers
    (such as GitHub's code scanning) that show it away from the page."""
    return _LINK.sub(
        lambda link: f"[{link[1]}]({link[2] if '://' in link[2] else DOCS + link[2]})",
        markdown,
    )


def _section(heading: str, *rows: tuple[str, str, str]) -> tuple[CodeDoc, ...]:
    return tuple(CodeDoc(name, heading, meaning, fix) for name, meaning, fix in rows)


# The page's tables, in its order (which is also the order of problems.CODES).
CODE_DOCS: tuple[CodeDoc, ...] = (
    *_section(
        "Reading files",
        (
            "unreadable-file",
            "The file could not be opened: you may not have permission to read it, or it is a "
            "folder whose name ends in `.yaml`.",
            "Check the file's permissions, or rename the folder.",
        ),
        (
            "link-outside",
            "The file is a symbolic link to a file outside the data folder. lcspr reads only what "
            "is inside it.",
            "Copy the file into the data folder, or remove the link.",
        ),
        (
            "file-too-large",
            "The file is over 5 MB. A recommendation file is a few kilobytes, so this is almost "
            "certainly the wrong file.",
            "Move the file out of the data folder.",
        ),
        (
            "not-utf8",
            "The file is not UTF-8 text: it was saved as Latin-1, Windows-1252 or UTF-16, or "
            "holds binary data or control characters.",
            "Open it in your editor and save it again with the encoding set to UTF-8.",
        ),
        ("empty-file", "The file holds nothing, or only comments.", "Fill it in, or delete it."),
        (
            "merge-conflict",
            "The file still holds git's conflict markers (`<<<<<<<`, `=======`, `>>>>>>>`).",
            "Keep the right lines between the markers, then delete the marker lines.",
        ),
        (
            "yaml-tab",
            "A line is indented with a tab. YAML allows only spaces.",
            "Replace the tab with spaces (two per level).",
        ),
        (
            "yaml-syntax",
            "The file is not valid YAML: usually a wrong indent, or text holding `: ` that is not "
            "in quotes.",
            "Look at the line shown and the one before it; put such text in quotes.",
        ),
        (
            "yaml-duplicate-key",
            "The same field is written twice in one record; YAML would silently keep only one.",
            "Keep one of the two lines.",
        ),
        (
            "yaml-anchor",
            "An anchor or alias (`&name`, `*name`) is used. They hide where a value comes from.",
            "Write the value out in full.",
        ),
        (
            "yaml-tag",
            "A YAML tag such as `!!python/object` or `!custom` is used. lcspr never runs or "
            "builds what a file asks for.",
            "Delete the tag.",
        ),
        (
            "yaml-ambiguous",
            "An unquoted `yes`, `no`, `on`, `off`, `y` or `n`. lcspr reads it as text (YAML 1.2), "
            "but PyYAML, many editors and spreadsheet tools read it as true or false (YAML 1.1), "
            "so the file would mean different things to different tools.",
            'Put it in quotes: `"no"`. The editing commands do this for you.',
        ),
        (
            "yaml-multiple-documents",
            "A second YAML document starts in the file (after a `---` line).",
            "One record per file: move the second one into a file of its own.",
        ),
        (
            "too-deep",
            "The data is nested more than 32 levels deep, far deeper than any lcspr record.",
            "Check the indentation.",
        ),
        (
            "not-a-mapping",
            "The file, or a record in a list, is not a set of `field: value` lines (for example "
            "it starts with `- `).",
            "Start the file with `id: ...`, with no dash in front.",
        ),
        (
            "ignored-file",
            "A file in `recommendations/` ends in `.yml`, so it is not read.",
            "Rename it to end in `.yaml`.",
        ),
        (
            "missing-file",
            "The data folder has no `reviews.yaml`.",
            "Create it: see [the file format](file-format.md).",
        ),
    ),
    *_section(
        "Fields of one record",
        (
            "unknown-field",
            "The record has a field the file format does not have, often a typo (`dew` for "
            "`due`). The hint suggests the closest field and lists them all.",
            "Correct the field name, or remove the line.",
        ),
        (
            "missing-field",
            "A required field is missing.",
            "Add it; the hint shows an example line.",
        ),
        (
            "wrong-type",
            "A value is of the wrong kind: a number or `true` where text is expected, text where "
            "a list is expected, or an empty value.",
            "Put text in quotes, write lists as `[a, b]` or one `- item` per line.",
        ),
        ("empty-value", "A text value is only spaces.", "Fill it in, or remove the line."),
        (
            "invalid-value",
            "A value is not one of those allowed (a `status`), or an evidence `path` points "
            "outside the data folder.",
            "Use one of the values listed in the message.",
        ),
        (
            "invalid-id",
            "An id is not written in its form: agency and theme ids are lower-case letters, "
            "digits and hyphens (`cumberland-council`); review ids are upper-case (`LEO`); "
            "recommendation ids are `LEO-2a`, action ids `LEO-2a.1`.",
            "Rewrite the id in the form shown.",
        ),
        (
            "invalid-date",
            "A date is not a real date written `YYYY-MM-DD`. lcspr never guesses: `03/04/2025` "
            "could be 3 April or 4 March.",
            "Write the date as `2025-04-03`.",
        ),
        (
            "invalid-url",
            "A `url` does not start with `http://` or `https://`.",
            "Give the full web address, or use `path` for a file in the data folder.",
        ),
        (
            "evidence-location",
            "An evidence item does not say where the document is.",
            "Add `path`, `url` or `held_by`.",
        ),
    ),
    *_section(
        "Across records",
        (
            "duplicate-id",
            "Two recommendations, actions, agencies, reviews or themes have the same id. The "
            "message names the other one.",
            "Give one of them the next free id.",
        ),
        (
            "file-name-mismatch",
            "A recommendation file is not named after the id it holds (`LEO-3.yaml` must hold "
            "`LEO-3`).",
            "Rename the file or correct the id.",
        ),
        (
            "id-mismatch",
            "A recommendation id is not its review and number (`LEO` and `2a` make `LEO-2a`), or "
            "an action id does not start with its recommendation's id.",
            "Correct the id, the review or the number.",
        ),
        (
            "unknown-review",
            "A recommendation names a review that `reviews.yaml` does not have.",
            "Add the review, or correct the id.",
        ),
        (
            "unknown-theme",
            "A recommendation names a theme its review does not list.",
            "Use one of the review's theme ids.",
        ),
        (
            "unknown-agency",
            "An owner, supporting agency, evidence holder, successor or partnership is not in "
            "`agencies.yaml`.",
            "Correct the id (the hint suggests the closest), or add the agency.",
        ),
        (
            "unknown-recommendation",
            "An action `serves` a recommendation that no file holds, or its own.",
            "Correct the id (the hint suggests the closest), or remove it.",
        ),
        (
            "agency-not-yet-formed",
            "An owner or supporting agency is named on a day before its `from` date, or holds "
            "evidence dated before it.",
            "Name the agency that existed then (its predecessor), or correct the date.",
        ),
        (
            "agency-succession",
            "An agency ends before it starts, names itself as its successor, or its successors "
            "lead back to it.",
            "Check `from`, `until` and `replaced_by`.",
        ),
        (
            "missing-completed-on",
            "An action is `complete` without a `completed_on` date.",
            "Add the day it was done.",
        ),
        (
            "missing-dropped-reason",
            "An action is `dropped` without a `dropped_reason`.",
            "Say why, and who agreed.",
        ),
        (
            "missing-revised-reason",
            "An action has a `revised_due` date without a `revised_reason`.",
            "Say why the date moved, and who agreed.",
        ),
        (
            "missing-assurance",
            "A recommendation is `assured` or `closed` without an `assurance` record.",
            "Add `assurance:` with `date`, `by` and `evidence`.",
        ),
        (
            "missing-closed-on",
            "A recommendation is `closed` without a `closed_on` date.",
            "Add the day the executive signed it off.",
        ),
        (
            "date-in-future",
            "A date that records something done (completed, assured, closed, evidence received, "
            "an update) is after the as-of date.",
            "Correct the date; a planned date belongs in `due`.",
        ),
        (
            "status-ahead-of-actions",
            "A recommendation is `complete`, `assured` or `closed` while some of its actions are "
            "neither complete nor dropped.",
            "Complete or drop those actions, or set the recommendation's status back.",
        ),
    ),
    *_section(
        "Only with `--fail-on` and `--since`",
        (
            "overdue",
            "An action or recommendation is overdue (see [reports.md](reports.md)).",
            "Record progress, complete it, or agree a revised date.",
        ),
        (
            "unowned",
            "Open work has no owner, an unknown owner, or an owner that has ended.",
            "Agree an owner (`lcspr set-owner`).",
        ),
        (
            "missing-evidence",
            "A complete action without evidence, an assurance without evidence, or a missing "
            "evidence file.",
            "Add the evidence (`lcspr add-evidence`).",
        ),
        (
            "id-taken",
            "This change adds an id that the `--since` revision already has in another file: two "
            "branches added the same id.",
            "Give the new record the next free id.",
        ),
    ),
    *_section(
        "Personal data",
        (
            "privacy-nhs-number",
            "Ten digits, with or without spaces, that pass the NHS number's modulus 11 check.",
            "Remove the number.",
        ),
        (
            "privacy-postcode",
            "A UK postcode (such as `CA1 1AA`).",
            "Remove it: an address can identify a family.",
        ),
        (
            "privacy-date-of-birth",
            'A date next to words such as "born", "DOB" or "date of birth".',
            "Remove the date of birth.",
        ),
        (
            "privacy-email",
            "An email address, unless it is a role or team mailbox such as `safeguarding@` or "
            "`info@`.",
            "Use a team mailbox, or remove it.",
        ),
        (
            "privacy-phone",
            "A UK phone number: a mobile or a geographic number. Freephone and non-geographic "
            "service numbers (0800, 0808, 03...) are not flagged.",
            "Remove it, or give the team's switchboard.",
        ),
        (
            "privacy-private-term",
            "A name or term listed in the data folder's `.private-terms` file: one per line, "
            "matched as whole words in any case. Keep that file out of git (it is in "
            "`.gitignore`), so the list itself is never published.",
            "Use the published pseudonym or a role title.",
        ),
    ),
)

CODE_DOCS_BY_NAME: dict[str, CodeDoc] = {doc.name: doc for doc in CODE_DOCS}
