"""The file format, as pydantic models: what one record may hold and in what form.

These models check one record at a time. Rules that need more than one record (does
this agency exist? is this id used twice?) are in `rules.py`. Validation errors raised
here use the problem codes of `problems.py` as their error type, so `validate.py` can
turn them into problems without guessing.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, ClassVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .dates import parse_iso_date
from .statuses import ActionStatus, RecommendationStatus


def _id_checker(pattern: str, what: str, example: str) -> AfterValidator:
    compiled = re.compile(pattern)

    def check(value: str) -> str:
        if not compiled.fullmatch(value):
            raise PydanticCustomError(
                "invalid-id",
                "`{value}` is not a valid {what}",
                {"value": value, "what": what, "hint": f"write it like `{example}`"},
            )
        return value

    return AfterValidator(check)


def _not_blank(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("empty-value", "is empty", {"hint": "fill it in, or remove it"})
    return value


def _number_as_text(value: object) -> object:
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _web_address(value: str) -> str:
    if not value.startswith(("http://", "https://")):
        raise PydanticCustomError(
            "invalid-url",
            "`{value}` is not a web address",
            {"value": value, "hint": "a url starts with https:// (use `path` for a file)"},
        )
    return value


def _inside_data_folder(value: str) -> str:
    parts = value.replace("\\", "/").split("/")
    if value.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", value) or ".." in parts:
        raise PydanticCustomError(
            "invalid-value",
            "the evidence path `{value}` points outside the data folder",
            {
                "value": value,
                "hint": "give the path relative to the data folder, like "
                "`evidence/LEO-9/training-summary.md`",
            },
        )
    return value


def _id_schema(pattern: str, what: str, *, number: bool = False) -> WithJsonSchema:
    """The JSON Schema of an id, for editors: the same pattern the validator checks."""
    kind: str | list[str] = ["integer", "string"] if number else "string"
    return WithJsonSchema({"type": kind, "pattern": f"^{pattern}$", "description": what})


_AGENCY_ID = r"[a-z0-9]+(?:-[a-z0-9]+)*"
_REVIEW_ID = r"[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*"
_NUMBER = r"[0-9]+[a-z]?"
_RECOMMENDATION_ID = r"[A-Z][A-Z0-9-]*-[0-9]+[a-z]?"
_ACTION_ID = r"[A-Z][A-Z0-9-]*-[0-9]+[a-z]?\.[0-9]+"

IsoDate = Annotated[date, BeforeValidator(parse_iso_date)]
Text = Annotated[str, AfterValidator(_not_blank)]
AgencyId = Annotated[
    str,
    _id_checker(_AGENCY_ID, "agency id", "cumberland-council"),
    _id_schema(_AGENCY_ID, "An agency id from agencies.yaml"),
]
ThemeId = Annotated[
    str,
    _id_checker(_AGENCY_ID, "theme id", "early-help"),
    _id_schema(_AGENCY_ID, "A theme id of the review"),
]
ReviewId = Annotated[
    str,
    _id_checker(_REVIEW_ID, "review id", "LEO"),
    _id_schema(_REVIEW_ID, "A review id, upper-case"),
]
RecommendationNumber = Annotated[
    str,
    BeforeValidator(_number_as_text),
    _id_checker(_NUMBER, "recommendation number", "2a"),
    _id_schema(_NUMBER, "The number as printed in the report: 3 or 2a", number=True),
]
RecommendationId = Annotated[
    str,
    _id_checker(_RECOMMENDATION_ID, "recommendation id", "LEO-2a"),
    _id_schema(_RECOMMENDATION_ID, "The review id, a hyphen and the number"),
]
ActionId = Annotated[
    str,
    _id_checker(_ACTION_ID, "action id", "LEO-2a.1"),
    _id_schema(_ACTION_ID, "The recommendation id, a dot and a number"),
]
Url = Annotated[str, AfterValidator(_web_address)]
EvidencePath = Annotated[Text, AfterValidator(_inside_data_folder)]


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


class Action(Record):
    """One thing an agency will do towards a recommendation."""

    label: ClassVar[str] = "an action"
    id: ActionId
    action: Text
    owner: AgencyId | None = None
    lead_role: Text | None = None
    supporting: tuple[AgencyId, ...] = ()
    due: IsoDate
    revised_due: IsoDate | None = None
    revised_reason: Text | None = None
    status: ActionStatus
    completed_on: IsoDate | None = None
    dropped_reason: Text | None = None
    evidence: tuple[Evidence, ...] = ()
    updates: tuple[Update, ...] = ()

    @property
    def effective_due(self) -> date:
        """The date the action is now due: the revised date when there is one."""
        return self.revised_due or self.due


class Assurance(Record):
    """Evidence of impact, accepted by the partnership."""

    label: ClassVar[str] = "an assurance"
    date: IsoDate
    by: Text
    evidence: tuple[Evidence, ...] = ()


class Recommendation(Record):
    """One trackable recommendation (or part of one, such as 2a) and its actions."""

    label: ClassVar[str] = "a recommendation"
    id: RecommendationId
    review: ReviewId
    number: RecommendationNumber
    title: Text
    text: Text
    themes: tuple[ThemeId, ...] = ()
    owner: AgencyId | None = None
    due: IsoDate
    status: RecommendationStatus
    assurance: Assurance | None = None
    closed_on: IsoDate | None = None
    actions: tuple[Action, ...] = ()


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
