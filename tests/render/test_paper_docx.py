"""The Word paper, read back with python-docx: A4 landscape, Word's own heading styles in
the paper's order, a table for each of the paper's tables with fitted column widths, its
header row repeated and its RAG cells shaded, the charts as pictures with alt text, and
the warning in a shaded box before the first section."""

from __future__ import annotations

import io
import zipfile
from functools import cache

import pytest
from board_papers import HOSTILE, bundled_paper, charts, hostile_paper, tables
from docx import Document
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.table import Table as WordTable
from docx.table import _Cell

from lcspr_cli.queries.document import Cell, Paper, Section, Table
from lcspr_cli.queries.views import Rag
from lcspr_cli.render.paper_docx import MARKER, TEXT_WIDTH_MM, render_paper_docx, written_by_lcspr
from lcspr_cli.render.paper_layout import HEADER_FILL, RAG_COLOURS, WARNING_FILL


@cache
def _bytes(warned: bool = False) -> bytes:
    return render_paper_docx(bundled_paper(warned=warned))


def _open(data: bytes) -> WordDocument:
    return Document(io.BytesIO(data))


def _fill(cell: _Cell) -> str | None:
    properties = cell._tc.tcPr
    shading = None if properties is None else properties.find(qn("w:shd"))
    return None if shading is None else shading.get(qn("w:fill"))


def _paper_tables(document: WordDocument, paper: Paper) -> list[WordTable]:
    """The Word tables that are the paper's (after the warning box, if any)."""
    return document.tables[1:] if paper.warning else document.tables


def test_the_page_is_a4_landscape() -> None:
    section = _open(_bytes()).sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    width, height = section.page_width or 0, section.page_height or 0
    assert abs(width - Mm(297)) < Mm(0.1) and abs(height - Mm(210)) < Mm(0.1)  # in twips


def test_the_title_and_sections_are_in_words_title_and_heading_styles_in_order() -> None:
    paper = bundled_paper()
    document = _open(_bytes())
    headings = [
        (p.style.name, p.text)
        for p in document.paragraphs
        if p.style is not None and p.style.name.startswith(("Title", "Heading"))
    ]
    assert headings == [
        ("Title", paper.title),
        *((f"Heading {s.level}", s.title) for s in paper.sections),
    ]
    texts = [p.text for p in document.paragraphs]
    assert paper.partnership in texts and paper.period in texts
    assert "As of: 30 September 2026" in texts
    assert "Prepared by: Partnership Business Manager" in texts


def test_each_paper_table_is_a_word_table_with_the_same_text() -> None:
    paper = bundled_paper()
    word = _paper_tables(_open(_bytes()), paper)
    expected = list(tables(paper))
    assert len(word) == len(expected) > 5
    for table, grid in zip(expected, word, strict=True):
        assert [c.text for c in grid.rows[0].cells] == list(table.headers)
        assert [[c.text for c in row.cells] for row in grid.rows[1:]] == [
            [cell.text for cell in row] for row in table.rows
        ]


def test_columns_are_as_wide_as_their_contents_and_fit_the_page() -> None:
    paper = bundled_paper()
    for table, grid in zip(tables(paper), _paper_tables(_open(_bytes()), paper), strict=True):
        widths = [column.width for column in grid.columns]
        assert all(width is not None and width > 0 for width in widths)
        assert sum(w or 0 for w in widths) <= Mm(TEXT_WIDTH_MM) + Mm(0.5)
        assert len(set(widths)) > 1, table.headers
        for cell, width in zip(grid.rows[-1].cells, widths, strict=True):
            assert cell.width == width  # Word reads the cells' widths, LibreOffice the grid
        if table.text_columns:
            assert sum(w or 0 for w in widths) >= Mm(TEXT_WIDTH_MM) - Mm(0.5)
            widest = max(range(len(widths)), key=lambda c: widths[c] or 0)
            assert widest in table.text_columns, table.headers
            assert min(w or 0 for w in widths) < (widths[widest] or 0) / 2


def test_header_rows_repeat_on_every_page_and_rows_are_not_split() -> None:
    paper = bundled_paper()
    for grid in _paper_tables(_open(_bytes()), paper):
        header, *rows = grid.rows
        assert header._tr.trPr.find(qn("w:tblHeader")) is not None
        assert all(row._tr.trPr.find(qn("w:tblHeader")) is None for row in rows)
        assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in grid.rows)
        assert {_fill(cell) for cell in header.cells} == {HEADER_FILL}


def test_rag_cells_are_shaded_in_their_colour_with_the_word_in_them() -> None:
    paper = bundled_paper()
    seen = set()
    for table, grid in zip(tables(paper), _paper_tables(_open(_bytes()), paper), strict=True):
        for row, word_row in zip(table.rows, grid.rows[1:], strict=True):
            for cell, word_cell in zip(row, word_row.cells, strict=True):
                if cell.rag is None:
                    assert _fill(word_cell) is None
                    continue
                seen.add(cell.rag)
                assert _fill(word_cell) == RAG_COLOURS[cell.rag].fill
                assert word_cell.text.lower() == cell.rag.value
                run = word_cell.paragraphs[0].runs[0]
                assert run.bold
                assert str(run.font.color.rgb) == RAG_COLOURS[cell.rag].text
    assert {Rag.RED, Rag.AMBER, Rag.GREEN, Rag.BLUE} <= seen


def test_charts_are_pictures_described_by_their_alt_text_with_their_note_under() -> None:
    paper = bundled_paper()
    document = _open(_bytes())
    expected = list(charts(paper))
    shapes = list(document.inline_shapes)
    assert len(shapes) == len(expected) == 2
    for chart, shape in zip(expected, shapes, strict=True):
        properties = shape._inline.docPr
        assert properties.get("descr") == chart.alt
        assert properties.get("name") == chart.title
        assert shape.width is not None and shape.width <= Mm(TEXT_WIDTH_MM)
        image = document.part.related_parts[
            shape._inline.graphic.graphicData.pic.blipFill.blip.embed
        ]
        assert image.blob.startswith(b"\x89PNG")
    texts = [p.text for p in document.paragraphs]
    assert expected[1].note and expected[1].note in texts


def test_the_warning_is_a_shaded_box_before_the_first_section() -> None:
    paper = bundled_paper(warned=True)
    document = _open(_bytes(warned=True))
    assert len(document.tables) == len(list(tables(paper))) + 1
    box = document.tables[0]
    assert len(box.rows) == 1 and len(box.columns) == 1
    assert _fill(box.rows[0].cells[0]) == WARNING_FILL
    assert box.rows[0].cells[0].text.startswith("Warning: 2 files could not be read")
    body = list(document.element.body.iterchildren())
    first_heading = next(
        i for i, p in enumerate(body) if p.tag == qn("w:p") and p.style == "Heading1"
    )
    assert body.index(box._tbl) < first_heading


def test_lcspr_knows_its_own_word_papers() -> None:
    assert _open(_bytes()).core_properties.comments == MARKER
    assert written_by_lcspr(_bytes())
    other = io.BytesIO()
    Document().save(other)
    assert not written_by_lcspr(other.getvalue())
    assert not written_by_lcspr(b"not a word file")
    for core in (None, b"<not xml", b"<x/>"):  # no properties, damaged ones, others
        altered = io.BytesIO()
        with (
            zipfile.ZipFile(io.BytesIO(_bytes())) as source,
            zipfile.ZipFile(altered, "w") as target,
        ):
            for item in source.infolist():
                if item.filename != "docProps/core.xml":
                    target.writestr(item, source.read(item))
                elif core is not None:
                    target.writestr(item, core)
        assert not written_by_lcspr(altered.getvalue())


def test_text_xml_cannot_hold_or_a_terminal_would_obey_is_shown_as_escapes() -> None:
    document = _open(render_paper_docx(hostile_paper()))
    texts = "\n".join(p.text for p in document.paragraphs)
    assert '<script>alert("x")</script> &' in texts  # as text, not markup
    assert "\\x1b[31m" in texts and "\\u202e" in texts
    assert "\x1b" not in texts and "\u202e" not in texts
    wide = document.tables[1]
    assert wide.rows[0].cells[0].text.startswith("Column 0 <script>")


def test_cells_keep_spaces_line_breaks_and_tabs() -> None:
    odd = Table(("ID", "Text"), ((Cell(" LEO-1"), Cell("one\ntwo\tthree ")), (Cell(""), Cell(""))))
    paper = Paper("P", "T", "Q", (), (), (Section("S", (odd,)),))
    grid = _open(render_paper_docx(paper)).tables[0]
    assert [c.text for c in grid.rows[1].cells] == [" LEO-1", "one\ntwo\tthree "]
    assert [c.text for c in grid.rows[2].cells] == ["", ""]


@pytest.mark.parametrize("rows", [0, 1, 40])
def test_tables_of_any_length(rows: int) -> None:
    table = Table(
        ("ID", "RAG", "Note"),
        tuple((Cell(f"X-{n}"), Cell("Red", Rag.RED), Cell(HOSTILE)) for n in range(rows)),
        frozenset({2}),
    )
    paper = Paper("P", "T", "Q", (), (), (Section("S", (table,)),))
    grid = _open(render_paper_docx(paper)).tables[0]
    assert len(grid.rows) == rows + 1
    assert all(_fill(row.cells[1]) == RAG_COLOURS[Rag.RED].fill for row in grid.rows[1:])


def test_a_tables_rows_are_made_as_the_file_is_written_not_held_in_the_document(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A national paper's half a million cells would take over a gigabyte as a tree."""
    from lcspr_cli.render.docx_table import WordTables

    held: list[int] = []
    save = WordTables.save

    def counting_save(tables: WordTables) -> bytes:
        held.append(len(tables.document.element.xpath("//w:tbl/w:tr")))
        return save(tables)

    monkeypatch.setattr(WordTables, "save", counting_save)
    rows = tuple((Cell(f"X-{n}"), Cell("Red", Rag.RED)) for n in range(500))
    paper = Paper("P", "T", "Q", (), (), (Section("S", (Table(("ID", "RAG"), rows),)),))
    grid = _open(render_paper_docx(paper)).tables[0]
    assert held == [1]  # the header row only
    assert [row.cells[0].text for row in grid.rows] == ["ID", *(f"X-{n}" for n in range(500))]


def test_cells_holding_markup_or_lcsprs_own_markers_are_only_text() -> None:
    marker, slot = "<!--lcspr: the table's rows-->", "lcspr: a cell's text"
    odd = ("a & b <c> ]]> 'q' \"d\" &amp;", "é ü ß", " spaced ", "two\nlines")
    rows = tuple((Cell(text), Cell(marker), Cell(slot)) for text in odd)
    table = Table(("ID", "Text", "Note"), rows)
    paper = Paper("P", marker, "Q", (), (), (Section(marker, (marker, table, table)),))
    document = _open(render_paper_docx(paper))
    for grid in document.tables:
        assert [[c.text for c in row.cells] for row in grid.rows] == [
            ["ID", "Text", "Note"],
            *([text, marker, slot] for text in odd),
        ]


def test_tables_of_the_same_columns_each_have_their_own_widths_and_texts() -> None:
    def table(name: str) -> Table:
        rows = (
            (Cell(f"{name}-1"), Cell("Red", Rag.RED), Cell("3")),
            (Cell(name), Cell(""), Cell("")),
        )
        return Table(("ID", "RAG", "Days"), rows)

    short, long = table("X"), table("A-much-longer-identifier")
    paper = Paper("P", "T", "Q", (), (), (Section("S", (short, long, short)),))
    grids = _open(render_paper_docx(paper)).tables
    assert [[c.text for c in row.cells] for row in grids[1].rows] == [
        ["ID", "RAG", "Days"],
        ["A-much-longer-identifier-1", "Red", "3"],
        ["A-much-longer-identifier", "", ""],
    ]
    first, second, third = ([column.width for column in grid.columns] for grid in grids)
    assert first == third and (second[0] or 0) > (first[0] or 0)
    for grid, widths in zip(grids, (first, second, third), strict=True):
        assert _fill(grid.rows[0].cells[0]) == HEADER_FILL
        assert _fill(grid.rows[1].cells[1]) == RAG_COLOURS[Rag.RED].fill
        for row in grid.rows:
            assert [cell.width for cell in row.cells] == widths


def test_the_language_is_english_as_written_in_england() -> None:
    document = _open(_bytes())
    defaults = document.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:lang")
    assert [lang.get(qn("w:val")) for lang in defaults] == ["en-GB"]
    assert document.core_properties.language == "en-GB"
