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


def resolve_plain(value: str) -> Any:
    """Resolve an unquoted scalar with the YAML 1.2 core schema (no dates, no yes/no)."""
    if value in _NULL:
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT.match(value):
        return int(value)
    if _FLOAT.match(value):
        return float(value)
    return value
