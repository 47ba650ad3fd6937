"""A document for people, whatever it is printed as: sections of paragraphs, tables and
charts. The board paper (`paper`) is one; the renderers in `render` print it as Word,
HTML or markdown."""

from __future__ import annotations

from collections.abc import Mapping

from msgspec import Struct

from .views import Rag


class Cell(Struct, frozen=True):
    text: str
    rag: Rag | None = None
    """Set on a RAG cell: printed in its colour, with the word."""


class Table(Struct, frozen=True):
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    text_columns: frozenset[int] = frozenset()
    """The columns of free text, which take the width the others leave."""


class Chart(Struct, frozen=True):
    """A chart of RAG counts: one bar per label, stacked by RAG."""

    title: str
    labels: tuple[str, ...]
    counts: tuple[Mapping[str, int], ...]
    """For each label, the count of each RAG value."""
    alt: str
    """The chart in words, for a reader who cannot see it."""
    note: str = ""


Block = str | Table | Chart
"""A paragraph, a table or a chart."""


class Section(Struct, frozen=True):
    title: str
    blocks: tuple[Block, ...]
    level: int = 1


class Paper(Struct, frozen=True):
    partnership: str
    title: str
    period: str
    facts: tuple[tuple[str, str], ...]
    """As of, basis, prepared by: label and value."""
    warning: tuple[str, ...]
    sections: tuple[Section, ...]
