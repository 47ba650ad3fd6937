"""The HTML paper: one self-contained file, every text escaped, the paper's headings and
tables, RAG cells with their word, charts as inline SVG named by their words; and, printed
by headless Chromium to PDF, A4 landscape pages on which no table runs off the page and
header rows repeat."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from board_papers import HOSTILE, LONG_WORD, bundled_paper, charts, hostile_paper, tables

from lcspr_cli.queries.document import Cell, Paper, Section, Table
from lcspr_cli.render.paper_html import MARKER, render_paper_html
from lcspr_cli.render.paper_layout import RAG_COLOURS

CHROMIUM = shutil.which("chromium")
PDFTOTEXT = shutil.which("pdftotext")
A4_LANDSCAPE = (841.9, 595.3)
MARGIN = 12 / 25.4 * 72
"""The page margin of the print stylesheet, in points."""
NEEDS_A_BROWSER = pytest.mark.skipif(
    CHROMIUM is None or PDFTOTEXT is None,
    reason="Debian's chromium or poppler-utils (pdftotext) is not installed; .ci/run installs both",
)


class _Page(HTMLParser):
    """What the tests look for in a page: headings, tables, ids, outside references."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.headings: list[tuple[str, str]] = []
        self.ids: list[str] = []
        self.outside: list[str] = []
        self.rag_cells: list[tuple[str, str]] = []
        self._heading: str | None = None
        self._rag: str | None = None
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        values = dict(attrs)
        if values.get("id"):
            self.ids.append(values["id"] or "")
        for name in ("src", "href", "xlink:href", "action", "srcset"):
            value = values.get(name)
            if value is not None and not value.startswith("#"):
                self.outside.append(f"{tag} {name}={value}")
        if tag in {"script", "link", "iframe", "img", "object", "embed", "base"}:
            self.outside.append(tag)
        if re.fullmatch(r"h[1-6]", tag):
            self._heading, self._text = tag, ""
        classes = (values.get("class") or "").split()
        rag = next((c[4:] for c in classes if c.startswith("rag-")), None)
        if rag:
            self._rag, self._text = rag, ""

    def handle_endtag(self, tag: str) -> None:
        if tag == self._heading:
            self.headings.append((tag, self._text))
            self._heading = None
        elif tag in {"td", "th"} and self._rag:
            self.rag_cells.append((self._rag, self._text))
            self._rag = None

    def handle_data(self, data: str) -> None:
        self._text += data


def _read(paper: Paper) -> tuple[str, _Page]:
    html = render_paper_html(paper)
    page = _Page()
    page.feed(html)
    return html, page


def test_a_self_contained_page_for_phones_and_print() -> None:
    html, page = _read(bundled_paper())
    assert html.startswith(MARKER + "\n")
    assert '<html lang="en-GB">' in html and '<meta charset="utf-8">' in html
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert page.outside == []
    assert "@import" not in html and "url(" not in html.replace("url(#", "")
    for rule in (
        "@page{size:A4 landscape;margin:12mm}",
        "thead{display:table-header-group}",
        "table-layout:fixed",
        "overflow-wrap:anywhere",
        ".table-box{overflow-x:auto",
        ".table-box{overflow:visible}",
        "max-width:75rem",
    ):
        assert rule in html, rule
    assert html == render_paper_html(bundled_paper())  # the same paper, the same file


def test_the_papers_headings_tables_and_rag_cells() -> None:
    paper = bundled_paper()
    html, page = _read(paper)
    assert page.headings == [
        ("h1", paper.title),
        *((f"h{s.level + 1}", s.title) for s in paper.sections),
    ]
    expected = list(tables(paper))
    assert page.tags.count("table") == page.tags.count("thead") == len(expected)
    rag = [(c.rag.value, c.text) for t in expected for row in t.rows for c in row if c.rag]
    assert page.rag_cells == rag and len(rag) > 10
    for colour in RAG_COLOURS.values():
        assert f"background:#{colour.fill};color:#{colour.text}" in html
    assert len(page.ids) == len(set(page.ids))  # charts' ids too: each is unique
    assert 'class="number whole"' in html  # counts right-aligned, and not wrapped on screen


def test_charts_are_inline_svg_named_by_their_words() -> None:
    paper = bundled_paper()
    html, page = _read(paper)
    drawn = list(charts(paper))
    assert page.tags.count("svg") == len(drawn) == 2
    for number, chart in enumerate(drawn, start=1):
        ident = f"chart-{number}"
        assert f'aria-labelledby="{ident}-title"' in html
        assert chart.alt.replace("'", "&#x27;") in html
    assert drawn[1].note in html
    assert html.count('<div class="charts">') == 1  # the two side by side, when there is room


def test_the_warning_comes_before_the_first_section() -> None:
    html, _ = _read(bundled_paper(warned=True))
    warning = html.index('<div class="warning" role="note"')
    assert warning < html.index("<h2")
    assert "2 files could not be read" in html[warning : html.index("</div>", warning)]
    assert 'class="warning"' not in render_paper_html(bundled_paper())


def test_every_text_is_escaped() -> None:
    html, page = _read(hostile_paper())
    assert "<script" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;quotes&#x27;" in html
    assert "\x1b" not in html and "\u202e" not in html
    assert "\\x1b[31m" in html and "\\u202e" in html
    assert page.outside == []
    shown = HOSTILE.replace("\x1b", "\\x1b").replace("\u202e", "\\u202e")
    assert page.headings[0] == ("h1", f"Title {shown}")


def _print(html: str, folder: Path) -> Path:
    """The page printed to PDF by headless Chromium, as a person would print it."""
    assert CHROMIUM is not None
    source, pdf = folder / "paper.html", folder / "p.pdf"
    source.write_text(html, encoding="utf-8")
    done = subprocess.run(
        [
            CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", f"--user-data-dir={folder / 'profile'}", f"--print-to-pdf={pdf}",
            "--no-pdf-header-footer", source.as_uri(),
        ],
        capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    assert pdf.is_file() and pdf.stat().st_size > 0, done.stderr[-2000:]
    return pdf


def _words(pdf: Path) -> list[tuple[float, float, list[tuple[float, float, str]]]]:
    """Each page's width, height and words (their left and right edges, their text)."""
    assert PDFTOTEXT is not None
    boxes = subprocess.run(
        [PDFTOTEXT, "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = []
    for match in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', boxes, re.S):
        words = [
            (float(left), float(right), text)
            for left, right, text in re.findall(
                r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>',
                match.group(3),
            )
        ]
        pages.append((float(match.group(1)), float(match.group(2)), words))
    return pages


def _layout(pdf: Path) -> list[str]:
    assert PDFTOTEXT is not None
    text = subprocess.run(
        [PDFTOTEXT, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [" ".join(page.split()) for page in text.split("\f") if page.strip()]


@NEEDS_A_BROWSER
@pytest.mark.parametrize("which", ["bundled", "hostile"])
def test_printed_to_pdf_no_table_runs_off_the_page(which: str, tmp_path: Path) -> None:
    paper = bundled_paper() if which == "bundled" else hostile_paper()
    pdf = _print(render_paper_html(paper), tmp_path)
    pages = _words(pdf)
    assert len(pages) >= 2
    for width, height, words in pages:
        assert abs(width - A4_LANDSCAPE[0]) < 1.5 and abs(height - A4_LANDSCAPE[1]) < 1.5
        low, high = MARGIN - 1, width - MARGIN + 1
        outside = [text for left, right, text in words if left < low or right > high]
        assert outside == [], f"words off the printable width: {outside[:10]}"
    text = " ".join(_layout(pdf))
    assert paper.title.split()[0] in text
    for section in paper.sections:
        assert section.title.split()[0] in text
    for table in tables(paper):
        assert table.rows[0][0].text.split()[0][:12] in text  # an id from each table
        assert table.headers[-1].split()[0] in text  # and its last column


@NEEDS_A_BROWSER
def test_printed_header_rows_repeat_on_every_page_a_table_reaches(tmp_path: Path) -> None:
    pages = _layout(_print(render_paper_html(hostile_paper()), tmp_path))
    reached = [page for page in pages if re.search(r"\bX-\d+\b", page)]
    assert len(reached) >= 2, "the long table should run over more than one page"
    assert all("Column 0" in page for page in reached)
    assert LONG_WORD[:20] in "".join(pages).replace(" ", "")


def test_line_breaks_in_the_data_are_kept() -> None:
    table = Table(("ID", "Note"), ((Cell("A-1"), Cell("one\ntwo <b>")),), frozenset({1}))
    paper = Paper("P", "T", "Q", (), (), (Section("S", ("first\nsecond", table)),))
    html = render_paper_html(paper)
    assert "<td>one<br>two &lt;b&gt;</td>" in html
    assert "first<br>second" in html
