"""Plain scalars as lcspr reads them: the YAML 1.2 core schema, so `no` and `on` stay text
and dates stay text for the models to parse; and the limits both readers enforce."""

from __future__ import annotations

import re
from typing import Any

MAX_DEPTH = 32
"""Deeper nesting is refused: the deepest lcspr record is five levels deep."""

_NULL = {"", "~", "null", "Null", "NULL"}
# Booleans in YAML 1.1 (and to PyYAML and many editors) but text in YAML 1.2.
YAML11_BOOLEANS = frozenset(
    word
    for base in ("y", "yes", "n", "no", "on", "off")
    for word in (base, base.capitalize(), base.upper())
)
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]+$")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")


class WrittenInt(int):
    """A whole number that remembers how it was written: `01` stays `01` where the format
    wants text (a recommendation's number), and prints as written."""

    written: str

    def __new__(cls, text: str) -> WrittenInt:
        number = super().__new__(cls, text)
        number.written = text
        return number

    def __str__(self) -> str:
        return self.written

    __repr__ = __str__


class WrittenFloat(float):
    """A decimal number that remembers how it was written: `1.10` stays `1.10`, never the
    number 1.1, where the format wants text."""

    written: str

    def __new__(cls, text: str) -> WrittenFloat:
        number = super().__new__(cls, text)
        number.written = text
        return number

    def __str__(self) -> str:
        return self.written

    __repr__ = __str__


def resolve_plain(value: str) -> Any:
    """Resolve an unquoted scalar with the YAML 1.2 core schema (no dates, no yes/no).
    Numbers remember how they were written (`WrittenInt`, `WrittenFloat`)."""
    if value in _NULL:
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT.match(value):
        return WrittenInt(value)
    if _FLOAT.match(value):
        return WrittenFloat(value)
    return value
