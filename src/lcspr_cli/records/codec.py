"""A file's records as bytes, and back: how the cache keeps them and how the helper
processes that read a large folder hand them over.

msgpack, through msgspec, decoded straight into the record classes: several times faster
than unpickling, and with no pydantic. A target date keeps how the file wrote it.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any, TypeVar

import msgspec

from ..yamlfile.positions import DataPath, Packed
from .dates import Due
from .models import Record

R = TypeVar("R", bound=Record)
Stored = tuple[Packed, list[tuple[R, DataPath]]]
"""A file's value positions, packed (`SourceMap.pack`), and each record with its data path."""


def encode(positions: Packed, records: Sequence[tuple[Record, DataPath]]) -> bytes:
    return _encoder().encode((positions, records))


def decode(kind: type[R], blob: bytes | memoryview) -> Stored[R]:
    """What `encode` made of records of `kind` (msgspec's DecodeError if it is not that)."""
    stored: Stored[R] = _decoder(kind).decode(blob)
    return stored


def _as_plain(value: Any) -> Any:
    if isinstance(value, Due):
        return (value.year, value.month, value.day, value.written, value.form)
    raise NotImplementedError(type(value))


def _from_plain(kind: type, value: Any) -> Any:
    if kind is Due:
        return Due(*value)
    raise NotImplementedError(kind)


@cache
def _encoder() -> msgspec.msgpack.Encoder:
    return msgspec.msgpack.Encoder(enc_hook=_as_plain)


@cache
def _decoder(kind: type[Record]) -> msgspec.msgpack.Decoder[Any]:
    return msgspec.msgpack.Decoder(
        tuple[Packed, list[tuple[kind, DataPath]]],  # type: ignore[valid-type]
        dec_hook=_from_plain,
    )
