"""What the Word and HTML papers share: the RAG colours of a printed page, and how wide each
column of a table is.

The colours are the terminal's (`tables.RAG_STYLES`: red, dark orange, green, blue, light
grey), deepened where white text on them needs it, so that every RAG cell passes WCAG AA
contrast; each also has a hatching for charts printed in black and white. The word is
always written too.

Column widths are counted in characters of table text. Ids, RAG, dates and counts are
never split: their column is as wide as their longest word. Other columns without free
text (owners, lead roles) wrap at spaces from a few words wide. The free-text columns
(`Table.text_columns`) share the width the others leave, in proportion to how much text
they hold, so a long recommendation gets more room than a short reason.
"""

from __future__ import annotations

import re
from functools import cache
from itertools import repeat

from msgspec import Struct

from ..queries.document import Table
from ..queries.views import Rag
from .safe import clean


class RagColour(Struct, frozen=True):
    fill: str
    """The background, as six hex digits."""
    text: str
    """The text on it, as six hex digits."""
    hatch: str
    """The matplotlib hatching of its bars, for a chart printed without colour."""


RAG_ORDER = (Rag.RED, Rag.AMBER, Rag.GREEN, Rag.BLUE, Rag.GREY)
"""The order of the stacked bars and of the legend: the worst first."""

RAG_COLOURS = {
    Rag.RED: RagColour("C00000", "FFFFFF", "xx"),  # 6.5:1 with white
    Rag.AMBER: RagColour("FF8700", "000000", "//"),  # the terminal's dark orange; 8.7:1
    Rag.GREEN: RagColour("007A00", "FFFFFF", "\\\\"),  # 5.3:1 with white
    Rag.BLUE: RagColour("0050B3", "FFFFFF", "--"),  # 7.5:1 with white
    Rag.GREY: RagColour("B2B2B2", "000000", ""),  # the terminal's grey70; 9.9:1
}

HEADER_FILL = "D9D9D9"
"""The background of a table's header row."""
WARNING_FILL = "FFF2CC"
"""The background of the warning box."""

SHORT_TABLE = 12
"""A table of this many rows or fewer is kept on one page when it can be."""
WRAPPING = 22
"""How many characters wide a column of short text (an owner, a lead role) is at most:
it wraps at spaces beyond that."""
FREE_TEXT_FLOOR = 16
"""The narrowest a free-text column becomes."""
LONGEST_WORD = 24
"""A word longer than this (a path, a link) may be broken rather than widen its column."""

_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")


def printable(text: str) -> str:
    """Text from the data, safe in a document: control characters and bidirectional
    overrides shown as escapes (`safe.clean`), and what XML cannot hold (a lone surrogate)
    as U+FFFD."""
    text = clean(text)
    return _NOT_XML.sub("\ufffd", text) if _NOT_XML.search(text) else text


# The widths of the printable ASCII characters in Helvetica (and Arial), from space to
# tilde, in thousandths of an em; a character lcspr does not know counts as an "m".
_ADVANCE = (
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
)  # fmt: skip
CHARACTER = 500
"""The unit of the widths: an average character, half an em."""
BOLD = 1.1
"""How much wider bold text is."""


_ADVANCES = {chr(32 + n): advance for n, advance in enumerate(_ADVANCE)}
_UNKNOWN = 833


def text_width(text: str, *, bold: bool = False) -> float:
    """About how wide `text` prints, in average characters (half an em) of a sans-serif
    font such as Arial or Calibri (which is narrower: the widths are generous for it)."""
    total = sum(map(_ADVANCES.get, text, repeat(_UNKNOWN)))
    return total / CHARACTER * (BOLD if bold else 1.0)


_NUMBER = re.compile(r"[+-]?\d[\d,]*(?:\.\d+)?(?:/\d+)?")


class Widths(Struct, frozen=True):
    characters: tuple[float, ...]
    """Each column's width in characters of table text, padding not included."""
    fills: bool
    """True when the table takes the whole width (it has free text, or is wider than the
    page); otherwise its columns are as wide as their contents."""

    def shares(self, padding: float = 0.0) -> tuple[float, ...]:
        """Each column's part of the table's width, adding up to 1, when each cell also
        has `padding` characters of padding."""
        padded = [width + padding for width in self.characters]
        total = sum(padded) or 1.0
        return tuple(width / total for width in padded)


def numeric_columns(table: Table) -> frozenset[int]:
    """The columns whose every non-empty cell is a number or a count such as 2/3: set
    right-aligned."""
    found = set()
    for column in range(len(table.headers)):
        texts = [row[column].text for row in table.rows if row[column].text]
        if texts and all(_NUMBER.fullmatch(text) for text in texts):
            found.add(column)
    return frozenset(found)


def whole_columns(table: Table) -> frozenset[int]:
    """The columns of single words (ids, RAG, counts), outside the free text: kept whole
    on screen rather than wrapped at a hyphen."""
    return frozenset(
        column
        for column in range(len(table.headers))
        if column not in table.text_columns
        and not any(len(row[column].text.split()) > 1 for row in table.rows)
    )


def column_widths(table: Table, budget: float) -> Widths:
    """The width of each column of `table` when the page holds `budget` characters of
    table text in a line (padding between columns left out)."""
    count = len(table.headers)
    floors: list[float] = [1.0] * count
    natural: list[float] = [1.0] * count
    volume: list[float] = [1.0] * count  # how much free text: the mean cell width
    for column, header in enumerate(table.headers):
        measured: dict[tuple[str, bool], tuple[float, float]] = {}  # texts repeat
        sizes = []
        for row in table.rows:
            key = (row[column].text, row[column].rag is not None)  # a RAG cell is bold
            if key not in measured:
                measured[key] = _measure(*key)
            sizes.append(measured[key][0])
        words = [word for _, word in measured.values()]
        floors[column] = min(max([_measure(header, True)[1], *words]), LONGEST_WORD)
        natural[column] = max([text_width(header, bold=True), *sizes])
        volume[column] = max(1.0, sum(sizes) / max(1, len(sizes)))
    widths = [min(max(natural[c], floors[c]), max(floors[c], WRAPPING)) for c in range(count)]
    free = sorted(c for c in table.text_columns if 0 <= c < count)
    if not free:
        return _fit(widths, floors, budget, fills=False)
    for c in free:
        widths[c] = max(FREE_TEXT_FLOOR, floors[c])
    spare = budget - sum(widths)
    wanted = [max(0.0, natural[c] - widths[c]) for c in free]
    if spare > sum(wanted):  # room to spare: owners and the like wrap less too
        for c, more in zip(free, wanted, strict=True):
            widths[c] += more
        spare -= sum(wanted)
        short = [c for c in range(count) if c not in free and natural[c] > widths[c]]
        more_short = sum(natural[c] - widths[c] for c in short)
        for c in short:
            widths[c] += (natural[c] - widths[c]) * min(1.0, spare / more_short)
        spare = budget - sum(widths)
    volumes = sum(volume[c] for c in free)
    for c in free:  # the rest to the free text, in proportion to how much it holds
        widths[c] += max(0.0, spare) * volume[c] / volumes
    return _fit(widths, floors, budget, fills=True)


@cache  # the same texts (owners, dates, RAG words) fill the columns of many tables
def _measure(text: str, bold: bool) -> tuple[float, float]:
    """The width of `text`, and of its longest word (by its count of characters)."""
    longest = max(text.split(), key=len, default="")
    return text_width(text, bold=bold), text_width(longest, bold=bold)


def _fit(widths: list[float], floors: list[float], budget: float, *, fills: bool) -> Widths:
    """`widths`, narrowed to the budget if they exceed it: each column gives up width in
    proportion to what it has above its floor; below the floors, all shrink alike (their
    long words then break)."""
    total = sum(widths)
    if total <= budget:
        return Widths(tuple(widths), fills=fills)
    give = [max(0.0, w - f) for w, f in zip(widths, floors, strict=True)]
    excess = total - budget
    if sum(give) >= excess:
        ratio = excess / sum(give)
        return Widths(tuple(w - g * ratio for w, g in zip(widths, give, strict=True)), True)
    return Widths(tuple(f * budget / sum(floors) for f in floors), True)
