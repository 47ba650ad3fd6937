"""Text from the data files, made safe to print: no control characters or escape sequences
reach a terminal, and none can reorder the text around them."""

from __future__ import annotations

import re

# C0 and C1 controls (but tab and newline), DEL, and the bidirectional-text controls.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def clean(text: str) -> str:
    """`text` with every unsafe character shown as an escape, e.g. `\\x1b`."""
    if _UNSAFE.search(text) is None:  # nearly always: no new string
        return text
    return _UNSAFE.sub(
        lambda match: (
            f"\\x{ord(match.group()):02x}"
            if ord(match.group()) < 0x100
            else f"\\u{ord(match.group()):04x}"
        ),
        text,
    )
