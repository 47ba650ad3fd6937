"""The values of the file format: ids, numbers, text, dates, owners, as pydantic types
that check a value and say in plain words what is wrong with it. The records of `models`
name them in their annotations; `pydantic_models` reads those names here."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated

from pydantic import (
    AfterValidator,
    BeforeValidator,
    PlainSerializer,
    PlainValidator,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from ..wording import describe
from .dates import parse_due, parse_iso_date


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
    """A number written plainly is read as it was written: `1.10` stays `1.10`."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)  # the yamlfile readers' numbers print as written
    return value


def _number_checker(value: str) -> str:
    if not re.fullmatch(_NUMBER, value):
        raise PydanticCustomError(
            "invalid-id",
            "`{value}` is not a valid recommendation number: a number is letters and digits, "
            "with parts joined by `.` or `-`",
            {"value": value, "hint": "write it as printed in the report, like 3, 2a, 1.1 or B1"},
        )
    return value


def _one_or_more(value: object) -> object:
    """An owner written as one agency id, or a list of them (joint owners)."""
    if isinstance(value, str):
        return (value,)
    if isinstance(value, (list, tuple)) or value is None:
        return value
    raise PydanticCustomError(
        "wrong-type",
        "`owner` should be an agency id, or a list of them for joint owners, not {what}",
        {
            "what": describe(value),
            "hint": "write `owner: cumberland-council`, or `owner: [ofsted, cqc]` for joint owners",
        },
    )


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
_NUMBER = r"[A-Za-z0-9]+(?:[.-][A-Za-z0-9]+)*"
_RECOMMENDATION_ID = rf"{_REVIEW_ID}-{_NUMBER}"
_ACTION_ID = rf"{_RECOMMENDATION_ID}\.[0-9]+"

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
    AfterValidator(_number_checker),
    _id_schema(_NUMBER, "The number as printed in the report: 3, 2a, 1.1, B1", number=True),
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
Owners = Annotated[
    tuple[AgencyId, ...],
    BeforeValidator(_one_or_more),
    WithJsonSchema(
        {
            "description": "The agency accountable (an id from agencies.yaml), or a list of "
            "them for joint owners",
            "anyOf": [
                {"type": "string", "pattern": f"^{_AGENCY_ID}$"},
                {"type": "array", "items": {"type": "string", "pattern": f"^{_AGENCY_ID}$"}},
            ],
        }
    ),
]
DueDate = Annotated[
    date,
    PlainValidator(parse_due),
    PlainSerializer(date.isoformat, return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^\d{4}-\d{2}(-\d{2})?$|^\d{4}/\d{2}-Q[1-4]$",
            "description": "A day (2026-03-31), a month (2026-03) or a financial quarter "
            "(2026/27-Q4), due at its end",
        }
    ),
]
EvidencePath = Annotated[Text, AfterValidator(_inside_data_folder)]


def owners_as_written(owners: tuple[str, ...]) -> str | list[str] | None:
    """Owners in JSON as in the file: one id, a list of joint owners, or null."""
    if not owners:
        return None
    return owners[0] if len(owners) == 1 else list(owners)
