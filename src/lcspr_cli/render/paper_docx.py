"""The board paper as a Word document, for a board pack: A4 landscape, in Arial; the
paper's title in Word's Title style and its sections in Heading 1 and 2, so the
navigation pane lists them; the warning, when files were left out, in a shaded box under
the title block, before the first section; tables whose columns fit their contents (ids
narrow, free text wide), whose header row repeats on every page, and whose RAG cells are
shaded in the RAG colour with the word written in them (`docx_table`); charts as pictures
with the chart in words as their alt text, and the chart's note under each.

Built with python-docx (imported only when a paper is made). The few properties it has no
API for are set as its documentation shows, with `OxmlElement`: cell shading, the
repeated header row, a row kept on one page, a picture's description, and the language
(English as written in England).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING, cast

from ..queries.document import Block, Chart, Paper, Section, Table
from .charts import chart_png
from .docx_table import TABLE_HEADING, TABLE_TEXT, WordTables, shade
from .paper_layout import WARNING_FILL, printable

if TYPE_CHECKING:
    from docx.document import Document
    from docx.oxml.coreprops import CT_CoreProperties

MARKER = "Written by lcspr summary. lcspr summary --output may overwrite this file."
CORE_PROPERTIES = "docProps/core.xml"
"""The comments of every Word paper's properties: lcspr overwrites only files that have it."""

PAGE_MM = (297.0, 210.0)
MARGIN_MM = 15.0
TEXT_WIDTH_MM = PAGE_MM[0] - 2 * MARGIN_MM
FONT = "Arial"
"""Everywhere (Liberation Sans, of the same widths, stands in for it where it is missing):
the column widths are reckoned in its widths."""
LANGUAGE = "en-GB"
FONT_STYLES = ("Normal", "Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "Caption")


def render_paper_docx(paper: Paper) -> bytes:
    """The paper as the bytes of a .docx file."""
    from docx import Document

    document = Document()
    _page(document, paper)
    _styles(document)
    _title_block(document, paper)
    if paper.warning:
        _warning(document, paper.warning)
    tables = WordTables(document, TEXT_WIDTH_MM)
    for section in paper.sections:
        _section(document, tables, section)
    return tables.save()


def written_by_lcspr(data: bytes) -> bool:
    """Whether `data` is a Word paper lcspr wrote (its properties carry `MARKER`). Only
    the properties are read (`docProps/core.xml`, where Word and python-docx keep them),
    not a large paper's whole text."""
    from zipfile import BadZipFile, ZipFile

    from docx.opc.coreprops import CoreProperties
    from docx.oxml.parser import parse_xml

    try:
        with ZipFile(io.BytesIO(data)) as archive:
            element = parse_xml(archive.read(CORE_PROPERTIES))
        comments: str = CoreProperties(cast("CT_CoreProperties", element)).comments
    except (BadZipFile, KeyError, ValueError, SyntaxError, AttributeError):
        return False
    return comments == MARKER


def _page(document: Document, paper: Paper) -> None:
    """A4 landscape; the footer's line (no page numbers: a board pack numbers its pages);
    the language."""
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn
    from docx.shared import Mm

    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    section.left_margin = section.right_margin = Mm(MARGIN_MM)
    section.top_margin = section.bottom_margin = Mm(MARGIN_MM)
    section.footer.paragraphs[0].text = printable(
        f"{paper.partnership}: {paper.title}, {paper.period}"
    )
    # English as written in England, for Word's spelling and grammar checks
    for language in document.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:lang"):
        language.set(qn("w:val"), LANGUAGE)
    properties = document.core_properties
    properties.language = LANGUAGE
    properties.title = printable(paper.title)
    properties.subject = printable(f"{paper.partnership}: {paper.period}")
    properties.author = printable(paper.partnership)
    properties.last_modified_by = "lcspr"
    properties.comments = MARKER


def _styles(document: Document) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt

    styles = document.styles
    for name in FONT_STYLES:  # in place of the template's theme fonts
        font = styles[name].font
        font.name = None  # drops the theme's fonts, which Word would use before any name
        font.name = FONT
    styles["Normal"].paragraph_format.space_after = Pt(6)
    styles["Footer"].font.size = Pt(8)
    text = styles.add_style(TABLE_TEXT, WD_STYLE_TYPE.PARAGRAPH)
    text.base_style = styles["Normal"]
    text.font.size = Pt(9)
    text.paragraph_format.space_before = text.paragraph_format.space_after = Pt(1)
    text.paragraph_format.line_spacing = 1.0
    heading = styles.add_style(TABLE_HEADING, WD_STYLE_TYPE.PARAGRAPH)
    heading.base_style = text
    heading.font.bold = True
    heading.paragraph_format.keep_with_next = True


def _title_block(document: Document, paper: Paper) -> None:
    from docx.shared import Pt

    partnership = document.add_paragraph().add_run(printable(paper.partnership))
    partnership.bold = True
    partnership.font.size = Pt(14)
    document.add_heading(printable(paper.title), level=0)
    document.add_paragraph(printable(paper.period), style="Subtitle")
    for label, value in paper.facts:
        fact = document.add_paragraph()
        fact.paragraph_format.space_after = Pt(0)
        fact.add_run(f"{printable(label)}: ").bold = True
        fact.add_run(printable(value))
    document.add_paragraph()


def _warning(document: Document, warning: Sequence[str]) -> None:
    """The warning in a box: a table of one cell, bordered and shaded."""
    from docx.shared import Mm

    box = document.add_table(rows=1, cols=1, style="Table Grid")
    cell = box.rows[0].cells[0]
    cell.width = Mm(TEXT_WIDTH_MM)
    shade(cell, WARNING_FILL)
    for number, text in enumerate(warning):
        paragraph = cell.paragraphs[0] if number == 0 else cell.add_paragraph()
        if number == 0:
            paragraph.add_run("Warning: ").bold = True
        paragraph.add_run(printable(text))
    document.add_paragraph()


def _section(document: Document, tables: WordTables, section: Section) -> None:
    document.add_heading(printable(section.title), level=max(1, min(section.level, 9)))
    blocks = section.blocks
    for block, following in zip(blocks, (*blocks[1:], None), strict=True):
        if isinstance(block, Table):
            tables.add(block)
        elif isinstance(block, Chart):
            _chart(document, block)
        else:
            _paragraph(document, block, following)


def _paragraph(document: Document, text: str, following: Block | None) -> None:
    """A paragraph; one that introduces a table or chart is bold and kept with it."""
    paragraph = document.add_paragraph()
    run = paragraph.add_run(printable(text))
    if isinstance(following, Table | Chart):
        run.bold = True
        paragraph.paragraph_format.keep_with_next = True


def _chart(document: Document, chart: Chart) -> None:
    from docx.shared import Emu, Mm

    caption = document.add_paragraph(printable(chart.title), style="Caption")
    caption.paragraph_format.keep_with_next = True
    holder = document.add_paragraph()
    holder.paragraph_format.keep_with_next = bool(chart.note)
    picture = holder.add_run().add_picture(io.BytesIO(chart_png(chart)))
    if picture.width > Mm(TEXT_WIDTH_MM):  # at its own size (charts.WIDEST) it fits
        ratio = Mm(TEXT_WIDTH_MM) / picture.width
        picture.width, picture.height = Mm(TEXT_WIDTH_MM), Emu(int(picture.height * ratio))
    properties = picture._inline.docPr  # the picture's alt text: no python-docx API
    properties.set("name", printable(chart.title))
    properties.set("descr", printable(chart.alt))
    if chart.note:
        note = document.add_paragraph()
        note.add_run(printable(chart.note)).italic = True
