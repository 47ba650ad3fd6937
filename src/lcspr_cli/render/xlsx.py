"""Write an Excel workbook (.xlsx): sheets of rows, a frozen and filtered heading row,
fitted column widths, dates shown day-first, and RAG cells filled in their colour.

Why not openpyxl's writer: it spends some 10 microseconds on each cell, so the export of
10,000 recommendations (50,000 rows) took 14 s, most of the export's budget of three
times `lcspr check`. This writes the same parts Excel and openpyxl write (the package's
content types and relationships, the workbook, its styles, shared strings and sheets, and
the document's properties) as text, and only what the export needs; the tests read every
workbook it writes back with openpyxl.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from io import BytesIO
from typing import Any

CREATOR = "lcspr"
"""The workbook's author, which tells an export lcspr may replace (`written_by_lcspr`)."""
MAX_TEXT = 32767
"""The most characters a cell holds in Excel."""

HEADER, DATE, WRAP, TOP, TITLE = 1, 2, 3, 4, 10
RAG_STYLES = {"red": 5, "amber": 6, "green": 7, "blue": 8, "grey": 9}


@dataclass
class SheetData:
    name: str
    rows: Sequence[Sequence[Any]]
    """Text, numbers, dates or None; the first row is the heading row when `table`."""
    widths: Sequence[float] = ()
    wrap: frozenset[int] = frozenset()
    """Columns (0-based) whose text wraps."""
    rag: frozenset[int] = frozenset()
    """Columns (0-based) of RAG words, filled in their colour."""
    table: bool = True
    """A heading row, frozen and filtered."""
    styles: Mapping[tuple[int, int], int] = field(default_factory=dict)
    """A style for single cells (row, column, both 0-based), such as a title."""


def column_name(index: int) -> str:
    """A 0-based column's letters: 0 is A, 26 is AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


_EPOCH = date(1899, 12, 30).toordinal()
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|_x[0-9A-Fa-f]{4}_")


def _escape(text: str) -> str:
    if len(text) > MAX_TEXT:
        text = text[: MAX_TEXT - 40] + " [cut: longer than a cell holds in Excel]"
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if _UNSAFE.search(text):
        # A control character, which XML cannot hold, becomes a space; text that reads as
        # Excel's own escape (_x0041_) is escaped, so Excel shows it as written.
        text = _UNSAFE.sub(lambda m: "_x005F" + m.group() if len(m.group()) > 1 else " ", text)
    return text


class _Strings:
    """The shared strings: each text once, by its index."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.count = 0

    def __call__(self, text: str) -> int:
        self.count += 1
        found = self.index.get(text)
        if found is None:
            found = self.index[text] = len(self.index)
        return found

    def xml(self) -> str:
        items = "".join(
            f'<si><t xml:space="preserve">{_escape(t)}</t></si>'
            if t != t.strip()
            else f"<si><t>{_escape(t)}</t></si>"
            for t in self.index
        )
        return (
            f'{_XML}<sst xmlns="{_MAIN}" count="{self.count}" '
            f'uniqueCount="{len(self.index)}">{items}</sst>'
        )


# long: one loop over every cell, kept flat because it runs 50,000 rows by 24 columns
def _sheet_xml(sheet: SheetData, strings: _Strings, selected: bool) -> str:
    letters = [column_name(i) for i in range(max((len(r) for r in sheet.rows), default=1))]
    styles = sheet.styles
    parts: list[str] = []
    append = parts.append
    for r, row in enumerate(sheet.rows):
        number = r + 1
        cells = []
        for c, value in enumerate(row):
            if value is None or value == "":
                continue
            ref = f"{letters[c]}{number}"
            style = styles.get((r, c), HEADER if sheet.table and r == 0 else 0)
            if isinstance(value, str):
                if style == 0:
                    if c in sheet.rag:
                        style = RAG_STYLES.get(value.lower(), TOP)
                    else:
                        style = WRAP if c in sheet.wrap else TOP
                cells.append(f'<c r="{ref}" s="{style}" t="s"><v>{strings(value)}</v></c>')
            elif isinstance(value, date):
                serial = value.toordinal() - _EPOCH
                cells.append(f'<c r="{ref}" s="{style or DATE}"><v>{serial}</v></c>')
            else:
                cells.append(f'<c r="{ref}" s="{style or TOP}"><v>{value}</v></c>')
        append(f'<row r="{number}">{"".join(cells)}</row>')
    last = f"{letters[-1]}{max(len(sheet.rows), 1)}"
    frozen = (
        '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
        '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
        if sheet.table
        else ""
    )
    tab = ' tabSelected="1"' if selected else ""
    cols = "".join(
        f'<col min="{i + 1}" max="{i + 1}" width="{w:.2f}" customWidth="1"/>'
        for i, w in enumerate(sheet.widths)
    )
    return (
        f'{_XML}<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}"><dimension ref="A1:{last}"/>'
        f'<sheetViews><sheetView workbookViewId="0"{tab}>{frozen}</sheetView></sheetViews>'
        f'<sheetFormatPr defaultRowHeight="15"/>{f"<cols>{cols}</cols>" if cols else ""}'
        f"<sheetData>{''.join(parts)}</sheetData>"
        + (f'<autoFilter ref="A1:{last}"/>' if sheet.table and sheet.rows else "")
        + '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" '
        'footer="0.3"/></worksheet>'
    )


def workbook(sheets: Sequence[SheetData], created: date) -> bytes:
    """The .xlsx file of `sheets`, dated `created` (so that the same data gives the same
    bytes)."""
    strings = _Strings()
    parts = {
        f"xl/worksheets/sheet{i}.xml": _sheet_xml(sheet, strings, i == 1)
        for i, sheet in enumerate(sheets, 1)
    }
    parts |= {
        "[Content_Types].xml": _content_types(len(sheets)),
        "_rels/.rels": _ROOT_RELS,
        "docProps/app.xml": _app(sheets),
        "docProps/core.xml": _core(created),
        "xl/workbook.xml": _workbook(sheets),
        "xl/_rels/workbook.xml.rels": _workbook_rels(len(sheets)),
        "xl/styles.xml": _STYLES,
        "xl/sharedStrings.xml": strings.xml(),
    }
    order = ["[Content_Types].xml", "_rels/.rels", "docProps/app.xml", "docProps/core.xml"]
    order += [name for name in parts if name not in order]
    stream = BytesIO()
    stamp = (created.year, created.month, created.day, 0, 0, 0)
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for name in order:
            info = zipfile.ZipInfo(name, stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, parts[name].encode("utf-8"))
    return stream.getvalue()


def written_by_lcspr(data: bytes) -> bool:
    """Whether a workbook was written by lcspr and not saved since by anyone else (Excel
    records who saved it last)."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            core = archive.read("docProps/core.xml").decode("utf-8", "replace")
    except (zipfile.BadZipFile, KeyError, OSError):
        return False
    mark = f">{CREATOR}</"
    return f"<dc:creator{mark}" in core and (
        "lastModifiedBy" not in core or f"<cp:lastModifiedBy{mark}" in core
    )


_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPES = "application/vnd.openxmlformats-officedocument"
_ROOT_RELS = (
    f'{_XML}<Relationships xmlns="{_PACKAGE_REL}">'
    f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/'
    'relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    f'<Relationship Id="rId3" Type="{_REL}/extended-properties" Target="docProps/app.xml"/>'
    "</Relationships>"
)


def _content_types(count: int) -> str:
    sheets = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
        f'ContentType="{_TYPES}.spreadsheetml.worksheet+xml"/>'
        for i in range(1, count + 1)
    )
    return (
        f'{_XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/docProps/app.xml" ContentType="{_TYPES}.extended-properties+xml"/>'
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-'
        'package.core-properties+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{_TYPES}.spreadsheetml.styles+xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{_TYPES}.spreadsheetml.sheet.'
        f'main+xml"/>{sheets}<Override PartName="/xl/sharedStrings.xml" '
        f'ContentType="{_TYPES}.spreadsheetml.sharedStrings+xml"/></Types>'
    )


def _quoted_name(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


def _workbook(sheets: Sequence[SheetData]) -> str:
    listed = "".join(
        f'<sheet name="{_escape(s.name)}" sheetId="{i}" r:id="rId{i}"/>'
        for i, s in enumerate(sheets, 1)
    )
    filters = "".join(
        f'<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">'
        f"{_escape(_quoted_name(s.name))}!$A$1:${column_name(len(s.rows[0]) - 1)}"
        f"${len(s.rows)}</definedName>"
        for i, s in enumerate(sheets)
        if s.table and s.rows
    )
    return (
        f'{_XML}<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><bookViews><workbookView '
        'xWindow="240" yWindow="15" windowWidth="16095" windowHeight="9660"/></bookViews>'
        f"<sheets>{listed}</sheets>"
        + (f"<definedNames>{filters}</definedNames>" if filters else "")
        + "</workbook>"
    )


def _workbook_rels(count: int) -> str:
    sheets = "".join(
        f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, count + 1)
    )
    return (
        f'{_XML}<Relationships xmlns="{_PACKAGE_REL}">{sheets}'
        f'<Relationship Id="rId{count + 1}" Type="{_REL}/styles" Target="styles.xml"/>'
        f'<Relationship Id="rId{count + 2}" Type="{_REL}/sharedStrings" '
        'Target="sharedStrings.xml"/></Relationships>'
    )


def _app(sheets: Sequence[SheetData]) -> str:
    names = "".join(f"<vt:lpstr>{_escape(s.name)}</vt:lpstr>" for s in sheets)
    return (
        f'{_XML}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
        '2006/docPropsVTypes"><Application>lcspr</Application><HeadingPairs>'
        '<vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr>'
        f"</vt:variant><vt:variant><vt:i4>{len(sheets)}</vt:i4></vt:variant></vt:vector>"
        f'</HeadingPairs><TitlesOfParts><vt:vector size="{len(sheets)}" baseType="lpstr">'
        f"{names}</vt:vector></TitlesOfParts></Properties>"
    )


def _core(created: date) -> str:
    stamp = f"{created.isoformat()}T00:00:00Z"
    return (
        f'{_XML}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
        'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/'
        f'XMLSchema-instance"><dc:creator>{CREATOR}</dc:creator><cp:lastModifiedBy>{CREATOR}'
        f'</cp:lastModifiedBy><dcterms:created xsi:type="dcterms:W3CDTF">{stamp}'
        f'</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}'
        "</dcterms:modified></cp:coreProperties>"
    )


def _fill(rgb: str) -> str:
    return (
        f'<fill><patternFill patternType="solid"><fgColor rgb="FF{rgb}"/>'
        '<bgColor indexed="64"/></patternFill></fill>'
    )


def _font(*, bold: bool = False, white: bool = False, size: int = 11) -> str:
    colour = '<color rgb="FFFFFFFF"/>' if white else ""
    return f'<font>{"<b/>" if bold else ""}<sz val="{size}"/>{colour}<name val="Calibri"/>' + (
        '<family val="2"/></font>'
    )


def _xf(number: int = 0, font: int = 0, fill: int = 0, wrap: bool = False) -> str:
    applied = (' applyNumberFormat="1"' if number else "") + (' applyFont="1"' if font else "")
    applied += ' applyFill="1"' if fill else ""
    wrapped = ' wrapText="1"' if wrap else ""
    alignment = f'<alignment vertical="top"{wrapped}/>'
    return (
        f'<xf numFmtId="{number}" fontId="{font}" fillId="{fill}" borderId="0" xfId="0"'
        f'{applied} applyAlignment="1">{alignment}</xf>'
    )


# Style indexes: 0 plain, 1 heading, 2 date, 3 wrapped text, 4 text at the top, 5-9 the
# RAG colours (red, amber, green, blue, grey), 10 a title.
_STYLES = (
    f'{_XML}<styleSheet xmlns="{_MAIN}"><numFmts count="1"><numFmt numFmtId="164" '
    'formatCode="dd/mm/yyyy"/></numFmts>'
    f'<fonts count="4">{_font()}{_font(bold=True)}{_font(bold=True, white=True)}'
    f"{_font(bold=True, size=14)}</fonts>"
    '<fills count="8"><fill><patternFill patternType="none"/></fill><fill><patternFill '
    f'patternType="gray125"/></fill>{_fill("D9D9D9")}{_fill("C00000")}{_fill("FFC000")}'
    f"{_fill('00B050')}{_fill('0070C0')}{_fill('BFBFBF')}</fills>"
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
    '</cellStyleXfs><cellXfs count="11">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    f"{_xf(font=1, fill=2, wrap=True)}{_xf(number=164)}{_xf(wrap=True)}{_xf()}"
    f"{_xf(font=2, fill=3)}{_xf(font=1, fill=4)}{_xf(font=2, fill=5)}{_xf(font=2, fill=6)}"
    f"{_xf(font=1, fill=7)}{_xf(font=3)}</cellXfs>"
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    '<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium9" '
    'defaultPivotStyle="PivotStyleLight16"/></styleSheet>'
)
