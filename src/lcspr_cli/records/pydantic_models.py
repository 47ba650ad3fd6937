"""The pydantic models that check a file's records, derived from the records in `models`.

Each record class becomes a pydantic model of the same name, with the same fields in the
same order, the same defaults and the same names in the file (`owner`, `from`). Each
field's annotation is read again here, where its type names (`AgencyId`, `DueDate`) are
the pydantic types of `fields` that check a value and say in plain words what is wrong;
`Meta(description=...)` becomes the field's description in the JSON Schema, and a field
marked `UNLESS_USED` is left out of lcspr's JSON while it holds its default. The checks
that need two fields of one record are the models' validators, below. Validation errors
use the problem codes of `problems.py` as their type, so `validate` turns them into
problems without guessing.

The models are built when first needed: a command whose records all come from the cache
never imports pydantic.
"""

from __future__ import annotations

import typing
from datetime import date
from functools import cache
from typing import Any, ClassVar, TypeVar

import msgspec
from pydantic import BaseModel, ConfigDict, Field, create_model, field_serializer, model_validator
from pydantic.fields import FieldInfo
from pydantic_core import PydanticCustomError

from . import fields, statuses
from .dates import Due
from .models import RECORDS, Record

R = TypeVar("R", bound=Record)


class Model(BaseModel):
    """Base of every derived model: unknown fields are refused, values are read-only."""

    # defer_build: a model's validator is built when first needed, not when it is made.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
    label: ClassVar[str] = "record"


def model_of(record: type[Record]) -> type[Model]:
    """The pydantic model that checks `record`."""
    return _models()[record]


def validate(record: type[R], data: Any) -> R:
    """`data`, as read from a file, checked and made a `record` (pydantic's
    ValidationError when it is not one)."""
    checked = model_of(record).model_validate(data)
    return msgspec.convert(checked, record, from_attributes=True, dec_hook=_as_it_is)


def as_json(record: Record, exclude: set[str] | None = None) -> dict[str, Any]:
    """A record as lcspr's JSON gives it, with the file's field names."""
    checked = model_of(type(record)).model_validate(record, from_attributes=True, by_name=True)
    return checked.model_dump(mode="json", by_alias=True, exclude=exclude)


def field_names(model: type[Model]) -> list[str]:
    """The names a file uses for a model's fields."""
    return [info.alias or name for name, info in model.model_fields.items()]


def _as_it_is(kind: type, value: Any) -> Any:
    """A target date, which pydantic has made already."""
    if kind is Due and isinstance(value, Due):
        return value
    raise NotImplementedError(kind)


_UNLESS_USED = object()
"""`UNLESS_USED`, read here."""


def _described(description: str | None = None, **_: Any) -> FieldInfo:
    """`Meta(description=...)`, read here."""
    described: FieldInfo = Field(description=description)
    return described


@cache
def _models() -> dict[type[Record], type[Model]]:
    namespace: dict[str, Any] = {
        **vars(statuses),
        **vars(fields),
        "Annotated": typing.Annotated,
        "Meta": _described,
        "UNLESS_USED": _UNLESS_USED,
        "date": date,
    }
    derived: dict[type[Record], type[Model]] = {}
    for record in RECORDS:  # each after the records it holds, which it names
        derived[record] = namespace[record.__name__] = _derive(record, namespace)
    return derived


def _derive(record: type[Record], namespace: dict[str, Any]) -> type[Model]:
    annotations: dict[str, str] = {}
    for base in reversed(record.__mro__):
        annotations.update(getattr(base, "__annotations__", {}))
    definitions: dict[str, Any] = {}
    for info in msgspec.structs.fields(record):
        annotation = eval(annotations[info.name], namespace)
        unless_used = False
        if typing.get_origin(annotation) is typing.Annotated:
            inner, *extras = typing.get_args(annotation)
            unless_used = _UNLESS_USED in extras
            extras = [extra for extra in extras if extra is not _UNLESS_USED]
            annotation = typing.Annotated[(inner, *extras)] if extras else inner
        default: Any = ... if info.required else info.default
        alias = info.encode_name if info.encode_name != info.name else None
        exclude_if = (lambda value, d=default: bool(value == d)) if unless_used else None
        definitions[info.name] = (
            annotation,
            Field(default=default, alias=alias, exclude_if=exclude_if),
        )
    validators = dict(_VALIDATORS.get(record.__name__, {}))
    if "owners" in definitions:
        validators["owners_as_written"] = field_serializer("owners")(
            lambda self, owners: fields.owners_as_written(owners)
        )
    model = create_model(
        record.__name__,
        __base__=Model,
        __doc__=record.__doc__,
        __module__=__name__,
        __validators__=validators,
        **definitions,
    )
    model.label = record.label
    return model


def _evidence_says_where(evidence: Any) -> Any:
    if evidence.path is None and evidence.url is None and evidence.held_by is None:
        raise PydanticCustomError(
            "evidence-location",
            "this evidence item does not say where the document is",
            {
                "hint": "add `path:` (a file under the data folder), `url:` or `held_by:` "
                "(the agency that keeps it)"
            },
        )
    return evidence


def _response_says_why(response: Any) -> Any:
    if response.decision in ("partially-accepted", "not-accepted") and response.note is None:
        raise PydanticCustomError(
            "missing-field",
            "a response that is {decision} needs a `note`",
            {
                "decision": response.decision,
                "hint": "add `note:` saying which part is accepted, or why it is not",
            },
        )
    return response


def _recommendation_has_what_it_needs(rec: Any) -> Any:
    """`status` and (when local) `due` are required unless it was not accepted."""
    if rec.response is not None and rec.response.decision == "not-accepted":
        return rec
    if rec.status is None:
        raise _missing("status", "a recommendation", "open")
    if rec.due is None and rec.scope != "external":
        raise _missing("due", "a local recommendation", "2026-03-31")
    return rec


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


_VALIDATORS: dict[str, dict[str, Any]] = {
    "Evidence": {"says_where": model_validator(mode="after")(_evidence_says_where)},
    "Response": {"says_why": model_validator(mode="after")(_response_says_why)},
    "Recommendation": {
        "has_what_it_needs": model_validator(mode="after")(_recommendation_has_what_it_needs)
    },
}
"""The checks of two fields of one record, by record class."""
