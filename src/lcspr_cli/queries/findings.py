"""What needs attention: the findings (overdue, unowned, missing evidence), why each was
found, and the one table of words every output uses for those reasons."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any, NamedTuple

from msgspec import Struct

from ..problems import Problem
from ..records.ids import natural_key
from ..records.located import Located
from ..wording import human_date, plural
from ..yamlfile.positions import DataPath


class Kind(StrEnum):
    OVERDUE = "overdue"
    UNOWNED = "unowned"
    MISSING_EVIDENCE = "missing-evidence"


class Reason(StrEnum):
    """Why an item is unowned or missing evidence (an overdue item needs no reason)."""

    NO_OWNER = "no-owner"
    UNKNOWN_AGENCY = "unknown-agency"
    AGENCY_ENDED = "agency-ended"
    AGENCY_NOT_FORMED = "agency-not-formed"
    NO_EVIDENCE = "no-evidence"
    NO_ASSURANCE_EVIDENCE = "no-assurance-evidence"
    EVIDENCE_FILE_MISSING = "evidence-file-missing"


class Wording(NamedTuple):
    """A reason in the words of each output."""

    flag: str
    """In the Reason column of a findings table."""
    phrase: str
    """Among the reasons for a RAG rating."""
    board: str
    """In the board's quarterly summary."""
    sentence: str
    """After the item in a CI message; {owner} and {evidence} are filled in."""


WORDING: dict[Reason, Wording] = {
    Reason.NO_OWNER: Wording("no owner", "no owner", "no owner", "it has no owner"),
    Reason.UNKNOWN_AGENCY: Wording(
        "not in agencies.yaml",
        "owner not in agencies.yaml",
        "owner not in the agency list",
        "its owner is not in agencies.yaml",
    ),
    Reason.AGENCY_ENDED: Wording(
        "agency ended",
        "owner no longer exists",
        "owner no longer exists",
        "its owner {owner} no longer exists",
    ),
    Reason.AGENCY_NOT_FORMED: Wording(
        "agency not yet formed",
        "owner not yet formed",
        "owner not yet formed",
        "its owner {owner} did not exist yet",
    ),
    Reason.NO_EVIDENCE: Wording(
        "no evidence",
        "complete without evidence",
        "complete without evidence",
        "complete without evidence",
    ),
    Reason.NO_ASSURANCE_EVIDENCE: Wording(
        "no assurance evidence",
        "assured without assurance evidence",
        "assured without assurance evidence",
        "assured without assurance evidence",
    ),
    Reason.EVIDENCE_FILE_MISSING: Wording(
        "file missing",
        "evidence file missing",
        "evidence file missing",
        "the evidence file {evidence} is not in the data folder",
    ),
}

FINDING_CODES: dict[Kind, str] = {
    Kind.OVERDUE: "overdue",
    Kind.UNOWNED: "unowned",
    Kind.MISSING_EVIDENCE: "missing-evidence",
}
"""The problem code of each kind of finding, for `lcspr check --fail-on`."""


class Item(Struct, frozen=True):
    """A recommendation or an action, named as the reports name it."""

    kind: str  # "recommendation" or "action"
    id: str
    recommendation: str
    review: str
    title: str
    owners: tuple[str, ...]
    due: date | None
    file: Path
    lead_role: str | None = None
    """The lead officer's role: the action's, else its recommendation's."""
    where: Located[Any] | None = None
    at: DataPath = ()
    """Its record and its data path in it: where `line` is looked up, when it is asked for
    (most reports never ask, and a file's positions are unpacked on the first request)."""

    @property
    def line(self) -> int | None:
        return self.where.line(*self.at) if self.where is not None else None

    @property
    def owner(self) -> str | None:
        """Its owner, or joint owners joined by commas, as people read them; None if none."""
        return ", ".join(self.owners) or None


class Finding(Struct, frozen=True):
    """One thing that needs attention: an overdue, unowned or missing-evidence item."""

    kind: Kind
    item: Item
    next_step: str
    reason: Reason | None = None
    days_overdue: int | None = None
    successors: tuple[str, ...] = ()
    evidence: str | None = None

    @property
    def wording(self) -> Wording | None:
        return WORDING[self.reason] if self.reason else None


def describe(finding: Finding) -> str:
    """The finding as a reason for a RAG rating: `overdue by 3 days`, `no owner`."""
    if finding.kind is Kind.OVERDUE or finding.reason is None:
        return f"overdue by {plural(finding.days_overdue or 0, 'day')}"
    return WORDING[finding.reason].phrase


def finding_message(finding: Finding) -> str:
    """A finding as one sentence naming the item."""
    item = finding.item
    if finding.kind is Kind.OVERDUE:
        return (
            f"{item.kind} {item.id} is overdue by {plural(finding.days_overdue or 0, 'day')} "
            f"(due {human_date(item.due)})"
        )
    default = Reason.NO_OWNER if finding.kind is Kind.UNOWNED else Reason.NO_EVIDENCE
    why = WORDING[finding.reason or default].sentence.format(
        owner=item.owner, evidence=finding.evidence
    )
    if finding.kind is Kind.UNOWNED:
        return f"{item.kind} {item.id} is unowned: {why}"
    return f"{item.kind} {item.id}: {why}"


def findings_as_problems(findings: Iterable[Finding]) -> list[Problem]:
    """Findings as problems that fail a check (`lcspr check --fail-on`)."""
    return [
        Problem.of(
            FINDING_CODES[finding.kind],
            finding_message(finding),
            finding.item.file,
            finding.item.line,
            hint=finding.next_step,
        )
        for finding in findings
    ]


def worst_first(finding: Finding) -> tuple[int, date, tuple[tuple[int, str], ...]]:
    """Sort key: most days overdue first, then the earliest due, then by id."""
    due = finding.item.due or date.max
    return (-(finding.days_overdue or 0), due, natural_key(finding.item.id))
