"""The file format, as pydantic models: what one record may hold and in what form.

These models check one record at a time. Rules that need more than one record (does
this agency exist? is this id used twice?) are in `rules`. Validation errors raised
here and in `fields` use the problem codes of `problems.py` as their error type, so
`validate.py` can turn them into problems without guessing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    field_serializer,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .fields import (
    ActionId,
    AgencyId,
    DueDate,
    EvidencePath,
    IsoDate,
    Owners,
    RecommendationId,
    RecommendationNumber,
    ReviewId,
    Text,
    ThemeId,
    Url,
    owners_as_written,
    unless_used,
)
from .statuses import ActionStatus, Decision, RecommendationStatus, Scope


class Record(BaseModel):
    """Base of every record: unknown fields are refused, values are read-only."""

    # defer_build: a model's validator is built when first needed, not on import, so a
    # command whose files all come from the cache never builds one.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
    label: ClassVar[str] = "record"


class Agency(Record):
    """An organisation that can own recommendations and actions."""

    label: ClassVar[str] = "an agency"
    id: AgencyId
    name: Text
    short_name: Text | None = unless_used(
        None, "The name people know it by, for tables: NENC ICB. Default: the id."
    )
    kind: Text | None = None
    from_: IsoDate | None = Field(default=None, alias="from")
    until: IsoDate | None = Field(default=None, description="The last day the agency existed.")
    replaced_by: tuple[AgencyId, ...] = ()


class Theme(Record):
    label: ClassVar[str] = "a learning theme"
    id: ThemeId
    title: Text


class Review(Record):
    """A review's metadata: what it is, who commissioned it, and its learning themes."""

    label: ClassVar[str] = "a review"
    id: ReviewId
    title: Text
    kind: Text
    published: IsoDate | None = None
    response_published: IsoDate | None = unless_used(
        None, "The day the partnership's response was published."
    )
    partnership: AgencyId
    themes: tuple[Theme, ...] = ()


class Evidence(Record):
    """Where a document is held that shows something was done; never the document."""

    label: ClassVar[str] = "an evidence item"
    title: Text
    date: IsoDate
    path: EvidencePath | None = None
    url: Url | None = None
    held_by: AgencyId | None = None

    @model_validator(mode="after")
    def _says_where(self) -> Evidence:
        if self.path is None and self.url is None and self.held_by is None:
            raise PydanticCustomError(
                "evidence-location",
                "this evidence item does not say where the document is",
                {
                    "hint": "add `path:` (a file under the data folder), `url:` or `held_by:` "
                    "(the agency that keeps it)"
                },
            )
        return self


class Update(Record):
    label: ClassVar[str] = "a progress update"
    date: IsoDate
    note: Text


class Revision(Record):
    """A change of target date, as agreed: when, the new target, why, and by whom."""

    label: ClassVar[str] = "a revision"
    date: IsoDate = Field(description="The day the new target date was agreed.")
    due: DueDate
    reason: Text
    by: Text | None = Field(default=None, description="The body that agreed it.")


@dataclass(frozen=True)
class TargetChange:
    """A revision, or the older `revised_due` and `revised_reason` pair (which has no date)."""

    agreed: date | None
    due: date
    reason: str | None
    by: str | None = None


class Measure(Record):
    """How the partnership will know practice changed."""

    label: ClassVar[str] = "a measure"
    measure: Text
    target: Text | None = None
    by: DueDate | None = None


def _target_changes(
    revised_due: date | None, revised_reason: str | None, revisions: tuple[Revision, ...]
) -> tuple[TargetChange, ...]:
    """Every change of target date, oldest first (the undated older form first)."""
    changes = [TargetChange(r.date, r.due, r.reason, r.by) for r in revisions]
    if revised_due is not None:
        changes.insert(0, TargetChange(None, revised_due, revised_reason))
    return tuple(changes)


class Action(Record):
    """One thing an agency will do towards a recommendation."""

    label: ClassVar[str] = "an action"
    id: ActionId
    action: Text
    owners: Owners = Field(default=(), alias="owner")
    lead_role: Text | None = None
    supporting: tuple[AgencyId, ...] = ()
    serves: tuple[RecommendationId, ...] = unless_used(
        (), "Other recommendations this action also answers."
    )
    due: DueDate
    revised_due: DueDate | None = None
    revised_reason: Text | None = None
    revisions: tuple[Revision, ...] = unless_used(())
    status: ActionStatus
    completed_on: IsoDate | None = None
    dropped_reason: Text | None = None
    evidence: tuple[Evidence, ...] = ()
    updates: tuple[Update, ...] = ()

    _owners = field_serializer("owners")(lambda self, owners: owners_as_written(owners))

    @property
    def target_changes(self) -> tuple[TargetChange, ...]:
        return _target_changes(self.revised_due, self.revised_reason, self.revisions)

    @property
    def effective_due(self) -> date:
        """The date the action is now due: the last revision's, else `due`."""
        changes = self.target_changes
        return changes[-1].due if changes else self.due


class Assurance(Record):
    """Evidence of impact, accepted by the partnership."""

    label: ClassVar[str] = "an assurance"
    date: IsoDate
    by: Text
    evidence: tuple[Evidence, ...] = ()


class Response(Record):
    """The partnership's (or government's) response to a recommendation."""

    label: ClassVar[str] = "a response"
    decision: Decision
    date: IsoDate | None = None
    note: Text | None = Field(default=None, description="Which part is accepted, or why it is not.")

    @model_validator(mode="after")
    def _says_why(self) -> Response:
        if self.decision in ("partially-accepted", "not-accepted") and self.note is None:
            raise PydanticCustomError(
                "missing-field",
                "a response that is {decision} needs a `note`",
                {
                    "decision": self.decision,
                    "hint": "add `note:` saying which part is accepted, or why it is not",
                },
            )
        return self


class Recommendation(Record):
    """One trackable recommendation (or part of one, such as 2a) and its actions."""

    label: ClassVar[str] = "a recommendation"
    id: RecommendationId
    review: ReviewId
    number: RecommendationNumber
    title: Text
    text: Text
    themes: tuple[ThemeId, ...] = ()
    scope: Scope = unless_used("local")
    response: Response | None = unless_used()
    owners: Owners = Field(default=(), alias="owner")
    lead_role: Text | None = unless_used()
    supporting: tuple[AgencyId, ...] = unless_used(())
    due: DueDate | None = None
    revised_due: DueDate | None = unless_used()
    revised_reason: Text | None = unless_used()
    revisions: tuple[Revision, ...] = unless_used(())
    status: RecommendationStatus | None = None
    completed_on: IsoDate | None = unless_used(
        None, "The day its actions were delivered and it was marked complete."
    )
    assurance: Assurance | None = None
    closed_on: IsoDate | None = None
    evidence: tuple[Evidence, ...] = unless_used(
        (), "What shows an external recommendation was done."
    )
    measures: tuple[Measure, ...] = unless_used(())
    updates: tuple[Update, ...] = unless_used(())
    actions: tuple[Action, ...] = ()

    _owners = field_serializer("owners")(lambda self, owners: owners_as_written(owners))

    @property
    def target_changes(self) -> tuple[TargetChange, ...]:
        return _target_changes(self.revised_due, self.revised_reason, self.revisions)

    @property
    def effective_due(self) -> date | None:
        """The date it is now due: the last revision's, else `due` (none for some)."""
        changes = self.target_changes
        return changes[-1].due if changes else self.due

    @property
    def decision(self) -> str:
        """The response's decision; no response means accepted."""
        return self.response.decision if self.response else "accepted"

    @property
    def not_accepted(self) -> bool:
        return self.decision == "not-accepted"

    @property
    def external(self) -> bool:
        """Addressed to a body outside the partnership, which monitors it."""
        return self.scope == "external"

    @model_validator(mode="after")
    def _required_unless_exempt(self) -> Recommendation:
        if self.not_accepted:
            return self
        if self.status is None:
            raise _missing("status", "a recommendation", "open")
        if self.due is None and not self.external:
            raise _missing("due", "a local recommendation", "2026-03-31")
        return self


def _missing(field: str, what: str, example: str) -> PydanticCustomError:
    return PydanticCustomError(
        "missing-field",
        "{what} needs `{field}`, which is missing",
        {
            "what": what,
            "field": field,
            "hint": f"add a line like `{field}: {example}` (only a not-accepted "
            "recommendation, or an external one for `due`, may leave it out)",
        },
    )


def field_names(model: type[BaseModel]) -> list[str]:
    """The names a file uses for a model's fields (aliases where they have one)."""
    return [info.alias or name for name, info in model.model_fields.items()]


def example_value(field: str) -> str:
    """A made-up example value for a field, for hints."""
    return _EXAMPLES.get(field, "...")


_EXAMPLES: dict[str, str] = {
    "id": "LEO-3",
    "name": "Cumberland Council",
    "title": "a short title",
    "kind": "LCSPR",
    "partnership": "cumberland-scp",
    "review": "LEO",
    "number": "3",
    "text": "the recommendation as printed in the report",
    "owner": "cumberland-council",
    "due": "2025-03-31",
    "status": "in-progress",
    "action": "what will be done",
    "date": "2025-03-31",
    "note": "what happened",
    "by": "Quality and Scrutiny Subgroup",
}


class AgenciesFile(Record):
    """agencies.yaml: the agencies that can own recommendations and actions."""

    agencies: tuple[Agency, ...]


class ReviewsFile(Record):
    """reviews.yaml: the reviews tracked, with their learning themes."""

    reviews: tuple[Review, ...]
