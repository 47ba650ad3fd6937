"""Build records from parsed data, turning each validation error into a problem.

Every pydantic error is explained in plain words and placed at the line of the key or
value it is about, using the file's source map.
"""

from __future__ import annotations

import types
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from ..problems import CODES_BY_NAME, Problem
from ..wording import describe, did_you_mean
from ..yamlfile.positions import DataPath, ParsedFile, SourceMap
from .located import Located
from .models import Record, example_value
from .pydantic_models import Model, field_names, model_of, validate

R = TypeVar("R", bound=Record)


def validate_record(
    model: type[R], data: Any, source: SourceMap, path: DataPath = ()
) -> tuple[Located[R] | None, list[Problem]]:
    """Validate `data` (found at `path` in the file) as a `model`."""
    try:
        return Located(validate(model, data), source, path), []
    except ValidationError as error:
        details = _one_error_per_number(error.errors())
        problems = [_explain(model_of(model), detail, source, path) for detail in details]
        return None, problems


def _one_error_per_number(details: list[ErrorDetails]) -> list[ErrorDetails]:
    """An invalid recommendation number makes the ids built from it invalid too: say what
    is wrong once, at the number, not once more per id."""
    if not any(d["loc"] == ("number",) and d["type"] == "invalid-id" for d in details):
        return details
    return [d for d in details if not (d["type"] == "invalid-id" and d["loc"][-1] == "id")]


def _explain(
    model: type[BaseModel], error: ErrorDetails, source: SourceMap, base: DataPath
) -> Problem:
    loc: DataPath = tuple(error["loc"])
    where = (*base, *loc)
    kind = error["type"]
    value = error.get("input")
    name = _field_label(loc)
    ctx = error.get("ctx") or {}
    hint = str(ctx.get("hint", ""))
    if kind == "missing":
        parent = _model_at(model, loc[:-1])
        owner = parent.label if parent else "this record"
        field = str(loc[-1])
        line, column = source.position(where[:-1])
        return Problem.of(
            "missing-field",
            f"{owner} needs `{field}`, which is missing",
            source.file,
            line,
            column,
            hint=f"add a line like `{field}: {example_value(field)}`",
        )
    if kind == "extra_forbidden":
        parent = _model_at(model, loc[:-1])
        allowed = field_names(parent) if parent else []
        owner = parent.label if parent else "this record"
        line, column = source.position(where, key=True)
        close = did_you_mean(str(loc[-1]), allowed)
        listing = f"the fields of {owner} are: {', '.join(allowed)}"
        return Problem.of(
            "unknown-field",
            f"`{loc[-1]}` is not a field of {owner}",
            source.file,
            line,
            column,
            hint=f"{close} {listing}" if close else listing,
        )
    # An empty value has no text of its own: point at its key.
    line, column = source.position(where, key=value is None)
    if kind == "literal_error":
        allowed = _literal_options(model, loc)
        close = did_you_mean(str(value), allowed)
        return Problem.of(
            "invalid-value",
            f"{name} is `{value}`, which is not allowed; use one of: {', '.join(allowed)}",
            source.file,
            line,
            column,
            hint=close,
        )
    if kind in CODES_BY_NAME:  # raised by our own validators, already in plain words
        message = error["msg"]
        if kind in ("invalid-date", "empty-value"):
            message = f"{name}: {message}"
        return Problem.of(kind, message, source.file, line, column, hint=hint)
    wrong = _wrong_type(kind, name, value)
    if wrong is not None:
        message, hint = wrong
        return Problem.of("wrong-type", message, source.file, line, column, hint=hint)
    return Problem.of(
        "invalid-value", f"{name}: {error['msg']}", source.file, line, column, hint=hint
    )


_EXPECTED = {
    "string_type": ("text", "put the text in quotes if it looks like a number or true/false"),
    "tuple_type": ("a list", "write one `- item` per line under it, or [a, b] on one line"),
    "list_type": ("a list", "write one `- item` per line under it, or [a, b] on one line"),
    "model_type": ("a set of `field: value` lines", "indent its fields under it"),
    "model_attributes_type": ("a set of `field: value` lines", "indent its fields under it"),
    "dict_type": ("a set of `field: value` lines", "indent its fields under it"),
}


def _wrong_type(kind: str, name: str, value: Any) -> tuple[str, str] | None:
    expected = _EXPECTED.get(kind)
    if expected is None:
        return None
    what, hint = expected
    if value is None:
        return f"{name} is empty, but should be {what}", f"fill it in, or remove the line; {hint}"
    if kind == "string_type" and isinstance(value, (list, dict)):
        hint = "this field holds one value: write it on the same line, after the colon"
    return f"{name} should be {what}, but it is {describe(value)}", hint


def _field_label(loc: DataPath) -> str:
    """Name the value an error is about: `due`, or `an item of evidence`."""
    fields = [part for part in loc if isinstance(part, str)]
    if not fields:
        return "the record"
    if isinstance(loc[-1], int):
        return f"an item of `{fields[-1]}`"
    return f"`{fields[-1]}`"


def _unwrap(annotation: Any) -> list[Any]:
    """The types an annotation may hold, looking through Optional, tuples and Annotated."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType, tuple, list):
        return [inner for arg in typing.get_args(annotation) for inner in _unwrap(arg)]
    return [annotation]


def _annotation_at(model: type[BaseModel], loc: DataPath) -> Any:
    """The annotation of the field at `loc` (None when the path leaves the models)."""
    current: Any = model
    annotation: Any = None
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        info = next((f for n, f in current.model_fields.items() if (f.alias or n) == part), None)
        if info is None:
            return None
        annotation = info.annotation
        current = next(
            (t for t in _unwrap(annotation) if isinstance(t, type) and issubclass(t, BaseModel)),
            None,
        )
    return annotation if loc else model


def _model_at(model: type[BaseModel], loc: DataPath) -> type[Model] | None:
    found = _annotation_at(model, loc)
    for candidate in _unwrap(found) if found is not None else []:
        if isinstance(candidate, type) and issubclass(candidate, Model):
            return candidate
    return None


def _literal_options(model: type[BaseModel], loc: DataPath) -> list[str]:
    options: list[str] = []
    for candidate in _unwrap(_annotation_at(model, loc)):
        if typing.get_origin(candidate) is typing.Literal:
            options.extend(str(arg) for arg in typing.get_args(candidate))
    return options


def validate_list(
    parsed: ParsedFile, key: str, model: type[R]
) -> tuple[tuple[Located[R], ...], list[Problem], set[str]]:
    """Validate a register file (`key:` then a list of records), one record at a time."""
    assert parsed.data is not None
    source = parsed.source
    problems: list[Problem] = []
    for extra in parsed.data.keys() - {key}:
        line, column = source.position((extra,), key=True)
        problems.append(
            Problem.of(
                "unknown-field",
                f"`{extra}` is not a field of {source.file.name}",
                source.file,
                line,
                column,
                hint=did_you_mean(extra, [key]) or f"the file holds one list, `{key}:`",
            )
        )
    items = parsed.data.get(key)
    if not isinstance(items, list):
        line, column = source.position((key,) if key in parsed.data else ())
        code, message = (
            ("missing-field", f"{source.file.name} needs a `{key}:` list")
            if items is None
            else ("wrong-type", f"`{key}` should be a list, but it is {describe(items)}")
        )
        problems.append(
            Problem.of(
                code,
                message,
                source.file,
                line,
                column,
                hint=f"start the file with `{key}:` and put one `- id: ...` record per item "
                "under it",
            )
        )
        return (), problems, set()
    records: list[Located[R]] = []
    unvalidated: set[str] = set()
    for index, item in enumerate(items):
        located, found = validate_record(model, item, source, (key, index))
        problems.extend(found)
        if located is not None and not parsed.problems:
            records.append(located)
        elif isinstance(item, dict) and isinstance(item.get("id"), str):
            unvalidated.add(item["id"])
    return tuple(records), problems, unvalidated
