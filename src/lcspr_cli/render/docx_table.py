"""The tables of the Word paper: columns as wide as their contents need (the free text
taking what the others leave), a header row shaded and repeated at the top of each page,
rows kept whole on one page, numbers right-aligned, RAG cells shaded in their colour with
the word in bold.

A large paper has hundreds of tables and tens of thousands of cells, and python-docx
builds each one slowly (it finds each new element's place among its siblings anew). So
the first table of a set of columns is built with python-docx, its header row and a row of
cells to copy; a later table of the same columns starts as a copy of those two rows, with
its own widths set. Each column's cell is made once in each form the table needs (plain,
or shaded for a RAG value), and a row of those cells is put together once for each
pattern of shaded cells (copying an lxml element copies it whole, children and all).

A national paper's tables hold half a million cells, and as an XML tree in memory they
would take over a gigabyte (some 2 KB a cell). So the document is built and saved with an
empty marker where each table's rows go, and its text is then written out with each
marker replaced by its table's rows (`WordTables.save`). Each pattern's row is written
out once, as text with a slot for each cell's text; a row is that text with its cells'
texts filled in, escaped as lxml escapes them. A row with a text python-docx writes as
more than a text element (spaces kept at its ends, a line break, a tab) is made as an
element and written out on its own.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from copy import copy
from itertools import chain
from typing import IO, TYPE_CHECKING, cast
from zipfile import ZIP_DEFLATED, ZipFile

from ..queries.document import Cell, Table
from ..queries.views import Rag
from .paper_layout import (
    HEADER_FILL,
    RAG_COLOURS,
    SHORT_TABLE,
    column_widths,
    numeric_columns,
    printable,
)

if TYPE_CHECKING:
    from docx.document import Document
    from docx.oxml.table import CT_Row, CT_Tbl, CT_Tc
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.table import Table as WordTable
    from docx.table import _Cell, _Row
    from docx.text.paragraph import Paragraph

CHARACTER_MM = 1.6
"""About how wide a character of 9 point table text is, on average."""
PADDING_MM = 3.8
"""Word's default cell margins, left and right together."""
TABLE_TEXT = "Table Text"
TABLE_HEADING = "Table Heading"
"""The paragraph styles of table cells (`paper_docx` adds them to the document)."""


def table_widths_mm(table: Table, text_width_mm: float) -> tuple[float, ...]:
    """Each column's width in millimetres, padding included: the whole text width for a
    table with free text, otherwise as wide as the contents."""
    count = len(table.headers)
    budget = (text_width_mm - PADDING_MM * count) / CHARACTER_MM
    widths = column_widths(table, budget)
    return tuple(width * CHARACTER_MM + PADDING_MM for width in widths.characters)


class WordTables:
    """Adds the paper's tables to one document. The first table of each set of columns is
    built with python-docx; later ones of the same columns start as copies of its header
    row and its row of cell forms, with their own widths set."""

    def __init__(self, document: Document, text_width_mm: float) -> None:
        styles = document.styles
        self.document = document
        self.text_width_mm = text_width_mm
        self.grid_style = styles["Table Grid"]
        self.heading = styles[TABLE_HEADING].style_id
        self.text = styles[TABLE_TEXT].style_id
        self.firsts: dict[tuple[tuple[str, ...], frozenset[int], bool], CT_Tbl] = {}
        self.texts: dict[str, tuple[str, bytes | None]] = {}
        self.pending: list[tuple[_Cells, Sequence[tuple[Cell, ...]]]] = []
        """Each table's cells to copy and its rows, in the order of their markers."""

    def add(self, table: Table) -> None:
        """Add `table` to the end of the document, then an empty paragraph (two tables in a
        row would otherwise merge into one)."""
        from docx.shared import Mm
        from lxml import etree

        widths = [Mm(width) for width in table_widths_mm(table, self.text_width_mm)]
        grid = self._grid(table)
        for column, width in zip(grid.columns, widths, strict=True):
            column.width = width
        header, model = grid.rows
        for row in (header, model):
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = width
        model._tr.addprevious(etree.Comment(_ROWS))
        self.pending.append((_Cells(grid, model, self.texts), table.rows))
        grid._tbl.remove(model._tr)
        self.document.add_paragraph().paragraph_format.space_after = 0

    def save(self) -> bytes:
        """The document as the bytes of a .docx file, each table with its rows."""
        saved = io.BytesIO()
        self.document.save(saved)
        written = io.BytesIO()
        with ZipFile(saved) as source, ZipFile(written, "w", ZIP_DEFLATED) as target:
            for member in source.infolist():
                data = source.read(member)  # before writing: that resets the member's sizes
                if member.filename == _DOCUMENT_XML:
                    with target.open(member, "w") as stream:
                        self._write(data, stream)
                else:
                    target.writestr(member, data)
        return written.getvalue()

    def _write(self, xml: bytes, stream: IO[bytes]) -> None:
        """Write the document's text, each table's marker replaced by its rows."""
        first, *rest = xml.split(_ROWS_XML)
        if len(rest) != len(self.pending):
            raise AssertionError(f"{len(rest)} table markers for {len(self.pending)} tables")
        stream.write(first)
        for (cells, rows), after in zip(self.pending, rest, strict=True):
            for start in range(0, len(rows), _BATCH):
                stream.write(b"".join(map(cells.xml, rows[start : start + _BATCH])))
            stream.write(after)

    def _grid(self, table: Table) -> WordTable:
        """A new table of a header row and a row of cells to copy, at the document's end."""
        from docx.table import Table as WordTable

        right = numeric_columns(table)
        short = len(table.rows) <= SHORT_TABLE
        key = (table.headers, right, short)
        if key in self.firsts:
            empty = self.document.add_table(rows=0, cols=len(table.headers))
            tbl = copy(self.firsts[key])
            empty._tbl.getparent().replace(empty._tbl, tbl)
            return WordTable(tbl, empty._parent)
        grid: WordTable = self.document.add_table(rows=2, cols=len(table.headers))
        grid.style = self.grid_style
        grid.autofit = False
        header, model = grid.rows
        _repeat_on_every_page(header)
        _keep_on_one_page(header)
        _keep_on_one_page(model)
        for number, (cell, text) in enumerate(zip(header.cells, table.headers, strict=True)):
            _fill(cell, printable(text), self.heading, number in right)
            shade(cell, HEADER_FILL)
        for number, cell in enumerate(model.cells):
            _fill(cell, "x", self.text, number in right)  # a text to set
        if short:  # each row kept with the next: all on one page
            for row in (header, model):
                for cell in row.cells:
                    _paragraph(cell).paragraph_format.keep_with_next = True
        self.firsts[key] = copy(grid._tbl)
        return grid


class _Cells:
    """Each column's cell, in each form the table needs, copied for every row."""

    def __init__(
        self, grid: WordTable, model: _Row, texts: dict[str, tuple[str, bytes | None]]
    ) -> None:
        self.grid = grid
        self.texts = texts
        """Each text as printed, and as the document's text when it is plain: shared by
        the document's tables."""
        self.plain: list[CT_Tc] = [cell._tc for cell in model.cells]
        self.shaded: dict[tuple[int, Rag], CT_Tc] = {}
        self.rows: dict[tuple[Rag | None, ...], CT_Row] = {}
        self.slotted: dict[tuple[Rag | None, ...], list[bytes]] = {}
        self.empty_row: CT_Row = copy(model._tr)
        for tc in self.empty_row.tc_lst:
            self.empty_row.remove(tc)

    def xml(self, values: tuple[Cell, ...]) -> bytes:
        """The row of `values` as the document's text."""
        texts: list[bytes] = []
        for value in values:
            escaped = self._text(value.text)[1]
            if escaped is None:
                return _as_text(self.row(values))
            texts.append(escaped)
        pattern = tuple(value.rag for value in values)
        parts = self.slotted.get(pattern) or self._slotted(pattern)
        return parts[0] + b"".join(chain.from_iterable(zip(texts, parts[1:], strict=True)))

    def row(self, values: tuple[Cell, ...]) -> CT_Row:
        """The row of `values` as an element."""
        row = copy(self._model(tuple(value.rag for value in values)))
        for tc, value in zip(row.iterchildren(_CELL), values, strict=True):
            text, plain = self._text(value.text)
            if plain is not None:  # the copied run's one text element: the last of its run
                tc[-1][-1][-1].text = text
            else:  # python-docx keeps spaces at the ends, and writes breaks and tabs
                _paragraph(self._wrap(cast("CT_Tc", tc))).runs[0].text = text
        return row

    def _model(self, pattern: tuple[Rag | None, ...]) -> CT_Row:
        """The row of cells in the forms of `pattern` (a RAG cell shaded), made once."""
        model = self.rows.get(pattern)
        if model is None:
            model = self.rows[pattern] = copy(self.empty_row)
            for number, rag in enumerate(pattern):
                model.append(copy(self._form(number, rag)))
        return model

    def _slotted(self, pattern: tuple[Rag | None, ...]) -> list[bytes]:
        """The row of `pattern` as the document's text, split where each cell's text goes."""
        row = copy(self._model(pattern))
        for tc in row.iterchildren(_CELL):
            tc[-1][-1][-1].text = _SLOT
        parts = _as_text(row).split(_SLOT.encode())
        if len(parts) != len(pattern) + 1:
            raise AssertionError(f"a row of {len(pattern)} cells has {len(parts) - 1} slots")
        self.slotted[pattern] = parts
        return parts

    def _text(self, text: str) -> tuple[str, bytes | None]:
        """`text` as printed, and as the document's text when it is plain (no spaces at its
        ends, no line breaks or tabs); worked out once a text (owners, dates and the like
        repeat)."""
        found = self.texts.get(text)
        if found is None:
            shown = printable(text)
            plain = shown.strip() == shown and "\n" not in shown and "\t" not in shown
            found = self.texts[text] = (shown, _escaped(shown) if plain else None)
        return found

    def _form(self, number: int, rag: Rag | None) -> CT_Tc:
        if rag is None:
            return self.plain[number]
        if (number, rag) not in self.shaded:
            tc = copy(self.plain[number])
            cell = self._wrap(tc)
            colour_rag(cell, _paragraph(cell), rag)
            self.shaded[number, rag] = tc
        return self.shaded[number, rag]

    def _wrap(self, tc: CT_Tc) -> _Cell:
        from docx.table import _Cell

        return _Cell(tc, self.grid)


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CELL = f"{{{_W}}}tc"
_DOCUMENT_XML = "word/document.xml"
_ROWS = "lcspr: the table's rows"
_ROWS_XML = f"<!--{_ROWS}-->".encode()
"""The marker where a table's rows go (no text can make it: a cell's `<` is `&lt;`)."""
_ROW_ALONE = f'<w:tr xmlns:w="{_W}"'.encode()
_ROW_IN_DOCUMENT = b"<w:tr"
"""A row on its own declares its namespace; in the document, the root declares it."""
_SLOT = "lcspr: a cell's text"
_BATCH = 500
"""Rows written to the file at a time."""


def _as_text(row: CT_Row) -> bytes:
    """A row on its own as the document's text."""
    from lxml import etree

    text = etree.tostring(row, encoding="UTF-8", xml_declaration=False)
    if not text.startswith(_ROW_ALONE):
        raise AssertionError(f"a table row begins {text[:80]!r}")
    return _ROW_IN_DOCUMENT + text[len(_ROW_ALONE) :]


def _escaped(text: str) -> bytes:
    """Printable text as lxml writes it in an element: `&`, `<` and `>` escaped (a
    carriage return, which lxml writes as a reference, is never printable text)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").encode()


def _paragraph(cell: _Cell) -> Paragraph:
    paragraphs: list[Paragraph] = cell.paragraphs
    return paragraphs[0]


def _fill(cell: _Cell, text: str, style: str, right: bool) -> None:
    """Write `text` into a new cell's paragraph, in the paragraph style of id `style`,
    aligned `right` or left."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraph = _paragraph(cell)
    # `paragraph.style = name` looks the name up among all the styles, and this is a
    # style of the document's own: its id is set as is.
    paragraph._p.style = style
    paragraph.add_run(text)
    if right:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def colour_rag(cell: _Cell, paragraph: Paragraph, rag: Rag) -> None:
    """Shade a RAG cell in its colour, its word in bold in the colour that reads on it."""
    from docx.shared import RGBColor

    colour = RAG_COLOURS[rag]
    shade(cell, colour.fill)
    for run in paragraph.runs:
        run.bold = True
        run.font.color.rgb = RGBColor.from_string(colour.text)


def shade(cell: _Cell, fill: str) -> None:
    """Shade a cell (`w:shd`: python-docx has no API for it)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = cast("BaseOxmlElement", OxmlElement("w:shd"))
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().insert_element_before(shading, *_AFTER_SHADING)


def _repeat_on_every_page(row: _Row) -> None:
    """Mark a table's header row to repeat at the top of each page (`w:tblHeader`)."""
    _row_property(row, "w:tblHeader", _AFTER_TABLE_HEADER)


def _keep_on_one_page(row: _Row) -> None:
    """Keep a row whole, on one page (`w:cantSplit`): the next page gets all of it."""
    _row_property(row, "w:cantSplit", ("w:trHeight", "w:tblHeader", *_AFTER_TABLE_HEADER))


def _row_property(row: _Row, name: str, after: tuple[str, ...]) -> None:
    """Set a row's property that python-docx has no API for, as its documentation shows."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = cast("BaseOxmlElement", OxmlElement(name))
    element.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().insert_element_before(element, *after)


_AFTER_SHADING = (
    "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark",
    "w:headers", "w:cellIns", "w:cellDel", "w:cellMerge", "w:tcPrChange",
)  # fmt: skip
_AFTER_TABLE_HEADER = (
    "w:tblCellSpacing", "w:jc", "w:hidden", "w:ins", "w:del", "w:trPrChange",
)  # fmt: skip
