"""Tables for the terminal and for documents, drawn from one list of columns so the two
always agree.

A terminal table fits its width without cutting what people look things up by: ids, RAG,
dates, counts and flags are never cut or split. When the table is too wide, the columns
that may give way (the title first, then the owner, then other text) wrap at spaces, in
that order, down to the narrowest they can be; headers wrap between their words. Output
that goes to a pipe or a file is drawn at its natural width: nothing is cut or wrapped.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Generic, TypeVar

from msgspec import Struct

from ..queries.views import Rag
from . import markdown
from .safe import clean

if TYPE_CHECKING:  # rich is imported when a table is drawn: JSON and markdown need none
    from rich.table import Table
    from rich.text import Text

T = TypeVar("T")

RAG_STYLES = {
    Rag.RED: "bold white on red",
    Rag.AMBER: "bold black on dark_orange",
    Rag.GREEN: "bold white on green4",
    Rag.BLUE: "bold white on blue",
    Rag.GREY: "bold black on grey70",
}
GAP = 2
"""Spaces between two columns (their padding, collapsed), none at the edges."""
LAST_RESORT = 6
"""The narrowest a column that gives way becomes when the others leave it no more."""


def rag_text(rag: Rag) -> Text:
    """The RAG rating, coloured and spelled out so it reads without colour."""
    from rich.text import Text

    return Text(rag.value.capitalize(), style=RAG_STYLES[rag])


class Column(Struct, Generic[T], frozen=True):
    header: str
    value: Callable[[T], str]
    right: bool = False
    styled: Callable[[T], Text] | None = None
    give: int = 0
    """0: never cut or split (ids, RAG, dates, counts). Otherwise the order in which the
    column gives up width when the table is too wide, 1 first (items such as flags, which
    stack without loss, then the title, then the owner); it then wraps at spaces."""
    floor: int = 8
    """The narrowest a column that gives way becomes (never narrower than its longest
    word, so no word is split)."""
    parts: Callable[[T], list[str]] | None = None
    """For a cell of several items (flags): each item stays whole, one per line when the
    column is narrower than the items side by side."""


def draw_table(columns: Sequence[Column[T]], rows: Sequence[T], title: str, width: int) -> Table:
    """A table at most `width` characters wide, when it can be without cutting a column
    that must stay whole; at its natural width when that fits."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    widths = column_widths(columns, rows, width)
    table = Table(
        title=title,
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        show_edge=False,
        collapse_padding=True,
    )
    for column, size in zip(columns, widths, strict=True):
        table.add_column(
            column.header,
            justify="right" if column.right else "left",
            width=size,  # never less than a cell that must stay whole: only headers wrap
            overflow="fold",
        )
    for row in rows:
        table.add_row(
            *(
                column.styled(row) if column.styled else Text(_cell(column, row, size))
                for column, size in zip(columns, widths, strict=True)
            )
        )
    return table


def _cell(column: Column[T], row: T, size: int) -> str:
    """A cell's text; items (flags) one per line when they do not fit side by side."""
    if column.parts:
        items = column.parts(row)
        joined = " ".join(items)
        return clean(joined if len(joined) <= size else "\n".join(items))
    return clean(column.value(row))


def column_widths(columns: Sequence[Column[T]], rows: Sequence[T], width: int) -> list[int]:
    """Each column's width: natural, then narrowed where the table is too wide, first the
    columns that give way (in their order), then long headers (wrapped between words)."""
    contents = [max((len(c.value(row)) for row in rows), default=0) for c in columns]
    words = [_longest_word(c.header) for c in columns]
    widths = [max(len(c.header), content) for c, content in zip(columns, contents, strict=True)]
    over = sum(widths) + GAP * (len(columns) - 1) - width
    floors = [
        max(c.floor, words[i], *_part_lengths(c, rows)) if c.give else max(contents[i], words[i])
        for i, c in enumerate(columns)
    ]
    # The columns that give way, in their order; then the headers of the others, the one
    # with the most to spare first.
    order = sorted(
        range(len(columns)),
        key=lambda i: (columns[i].give == 0, columns[i].give, floors[i] - widths[i]),
    )
    # Last, if it must, a column that gives way splits its words too (never to less than
    # LAST_RESORT; the first to give way, the title, last of all), rather than the
    # terminal cutting the columns that must stay whole. Items (flags) stay whole.
    last = [
        min(floors[i], LAST_RESORT) if c.give and not c.parts else floors[i]
        for i, c in enumerate(columns)
    ]
    giving = [i for i in order if columns[i].give]
    for limits, indexes in ((floors, order), (last, giving[::-1])):
        for index in indexes:
            if over <= 0:
                break
            given = min(over, max(0, widths[index] - limits[index]))
            widths[index] -= given
            over -= given
    return widths


def _longest_word(text: str) -> int:
    return max((len(word) for word in text.split()), default=0)


def _part_lengths(column: Column[T], rows: Sequence[T]) -> list[int]:
    if column.parts is None:
        return [max((_longest_word(column.value(row)) for row in rows), default=0)]
    return [len(part) for row in rows for part in column.parts(row)]


def draw_markdown(columns: Sequence[Column[T]], rows: Sequence[T], title: str) -> str:
    right = [i for i, c in enumerate(columns) if c.right]
    body = markdown.table(
        [c.header for c in columns],
        ([markdown.escape(c.value(row)) for c in columns] for row in rows),
        right=right,
    )
    return f"## {markdown.escape(title)}\n\n{body}\n" if rows else f"## {title}\n\nNone.\n"
