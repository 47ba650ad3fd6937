"""The records of the file format: what one record may hold and in what form.

This is the format's one definition. Each record is a msgspec Struct: read-only, cheap to
build and to keep, and quick to read back from the cache (as msgpack, `codec`); importing
this module needs no pydantic, so a report whose files all come from the cache never
imports it. `pydantic_models` derives from these classes the pydantic models that check a
file's records, field for field, so the two cannot drift: each annotation names the type
that checks its value (`AgencyId`, `DueDate`: pydantic types in `fields`, the plain types
below here), and `Meta(description=...)` describes a field for the JSON Schema.

Those models check one record at a time. Rules that need more than one record (does this
agency exist? is this id used twice?) are in `rules`.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, ClassVar

from msgspec import Meta, Struct, field

from .dates import Due
from .statuses import ActionStatus, Decision, RecommendationStatus, Scope

# The types of the values, as the records hold them. `fields` gives the same names to the
# pydantic types that check a value read from a file.
Text = str
AgencyId = str
ThemeId = str
ReviewId = str
RecommendationId = str
ActionId = str
RecommendationNumber = str
Url = str
EvidencePath = str
IsoDate = date
DueDate = Due
Owners = tuple[str, ...]
"""An owner, or joint owners: a file writes one id, or a list of them."""
UNLESS_USED = Meta(extra={"unless-used": True})
"""A field added after the first version of the format: left out of lcspr's JSON while it
holds its default, so the JSON of records that do not use it stays as it was."""


class Record(Struct, frozen=True):
    """Base of every record: values are read-only. (Each record names its fields in any
    order, with or without defaults: `kw_only`.)"""

    label: ClassVar[str] = "record"


class Agency(Record, frozen=True, kw_only=True):
    """An organisation that can own recommendations and actions."""

    label: ClassVar[str] = "an agency"
    id: AgencyId
    name: Text
    short_name: Annotated[
        Text | None,
        UNLESS_USED,
        Meta(description="The name people know it by, for tables: NENC ICB. Default: the id."),
    ] = None
    kind: Text | None = None
    from_: IsoDate | None = field(default=None, name="from")
    until: Annotated[IsoDate | None, Meta(description="The last day the agency existed.")] = None
    replaced_by: tuple[AgencyId, ...] = ()


class Theme(Record, frozen=True, kw_only=True):
    label: ClassVar[str] = "a learning theme"
    id: ThemeId
    title: Text


class Review(Record, frozen=True, kw_only=True):
    """A review's metadata: what it is, who commissioned it, and its learning themes."""

    label: ClassVar[str] = "a review"
    id: ReviewId
    title: Text
    kind: Text
    published: IsoDate | None = None
    response_published: Annotated[
        IsoDate | None,
        UNLESS_USED,
        Meta(description="The day the partnership's response was published."),
    ] = None
    partnership: AgencyId
    themes: tuple[Theme, ...] = ()


class Evidence(Record, frozen=True, kw_only=True):
    """Where a document is held that shows something was done; never the document."""

    label: ClassVar[str] = "an evidence item"
    title: Text
    date: IsoDate
    path: EvidencePath | None = None
    url: Url | None = None
    held_by: AgencyId | None = None


class Update(Record, frozen=True, kw_only=True):
    label: ClassVar[str] = "a progress update"
    date: IsoDate
    note: Text


class Revision(Record, frozen=True, kw_only=True):
    """A change of target date, as agreed: when, the new target, why, and by whom."""

    label: ClassVar[str] = "a revision"
    date: Annotated[IsoDate, Meta(description="The day the new target date was agreed.")]
    due: DueDate
    reason: Text
    by: Annotated[Text | None, Meta(description="The body that agreed it.")] = None


class TargetChange(Struct, frozen=True):
    """A revision, or the older `revised_due` and `revised_reason` pair (which has no date)."""

    agreed: date | None
    due: date
    reason: str | None
    by: str | None = None


class Measure(Record, frozen=True, kw_only=True):
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


def _last_target(revised_due: date | None, revisions: tuple[Revision, ...]) -> date | None:
    """The due date of the last of `_target_changes`, without making them (the reports ask
    for it of every record)."""
    return revisions[-1].due if revisions else revised_due


class Action(Record, frozen=True, kw_only=True):
    """One thing an agency will do towards a recommendation."""

    label: ClassVar[str] = "an action"
    id: ActionId
    action: Text
    owners: Owners = field(default=(), name="owner")
    lead_role: Text | None = None
    supporting: tuple[AgencyId, ...] = ()
    serves: Annotated[
        tuple[RecommendationId, ...],
        UNLESS_USED,
        Meta(description="Other recommendations this action also answers."),
    ] = ()
    due: DueDate
    revised_due: DueDate | None = None
    revised_reason: Text | None = None
    revisions: Annotated[tuple[Revision, ...], UNLESS_USED] = ()
    status: ActionStatus
    completed_on: IsoDate | None = None
    dropped_reason: Text | None = None
    evidence: tuple[Evidence, ...] = ()
    updates: tuple[Update, ...] = ()

    @property
    def target_changes(self) -> tuple[TargetChange, ...]:
        return _target_changes(self.revised_due, self.revised_reason, self.revisions)

    @property
    def effective_due(self) -> date:
        """The date the action is now due: the last revision's, else `due`."""
        return _last_target(self.revised_due, self.revisions) or self.due


class Assurance(Record, frozen=True, kw_only=True):
    """Evidence of impact, accepted by the partnership."""

    label: ClassVar[str] = "an assurance"
    date: IsoDate
    by: Text
    evidence: tuple[Evidence, ...] = ()


class Response(Record, frozen=True, kw_only=True):
    """The partnership's (or government's) response to a recommendation."""

    label: ClassVar[str] = "a response"
    decision: Decision
    date: IsoDate | None = None
    note: Annotated[Text | None, Meta(description="Which part is accepted, or why it is not.")] = (
        None
    )


class Recommendation(Record, frozen=True, kw_only=True):
    """One trackable recommendation (or part of one, such as 2a) and its actions."""

    label: ClassVar[str] = "a recommendation"
    id: RecommendationId
    review: ReviewId
    number: RecommendationNumber
    title: Text
    text: Text
    themes: tuple[ThemeId, ...] = ()
    scope: Annotated[Scope, UNLESS_USED] = "local"
    response: Annotated[Response | None, UNLESS_USED] = None
    owners: Owners = field(default=(), name="owner")
    lead_role: Annotated[Text | None, UNLESS_USED] = None
    supporting: Annotated[tuple[AgencyId, ...], UNLESS_USED] = ()
    due: DueDate | None = None
    revised_due: Annotated[DueDate | None, UNLESS_USED] = None
    revised_reason: Annotated[Text | None, UNLESS_USED] = None
    revisions: Annotated[tuple[Revision, ...], UNLESS_USED] = ()
    status: RecommendationStatus | None = None
    completed_on: Annotated[
        IsoDate | None,
        UNLESS_USED,
        Meta(description="The day its actions were delivered and it was marked complete."),
    ] = None
    assurance: Assurance | None = None
    closed_on: IsoDate | None = None
    evidence: Annotated[
        tuple[Evidence, ...],
        UNLESS_USED,
        Meta(description="What shows an external recommendation was done."),
    ] = ()
    measures: Annotated[tuple[Measure, ...], UNLESS_USED] = ()
    updates: Annotated[tuple[Update, ...], UNLESS_USED] = ()
    actions: tuple[Action, ...] = ()

    @property
    def target_changes(self) -> tuple[TargetChange, ...]:
        return _target_changes(self.revised_due, self.revised_reason, self.revisions)

    @property
    def effective_due(self) -> date | None:
        """The date it is now due: the last revision's, else `due` (none for some)."""
        return _last_target(self.revised_due, self.revisions) or self.due

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


class AgenciesFile(Record, frozen=True, kw_only=True):
    """agencies.yaml: the agencies that can own recommendations and actions."""

    agencies: tuple[Agency, ...]


class ReviewsFile(Record, frozen=True, kw_only=True):
    """reviews.yaml: the reviews tracked, with their learning themes."""

    reviews: tuple[Review, ...]


RECORDS: tuple[type[Record], ...] = (
    Agency,
    Theme,
    Review,
    Evidence,
    Update,
    Revision,
    Measure,
    Action,
    Assurance,
    Response,
    Recommendation,
    AgenciesFile,
    ReviewsFile,
)
"""Every record class, each after the records it holds."""
