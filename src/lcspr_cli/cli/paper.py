"""The board paper's formats for `lcspr summary`: chosen from the output file's extension
(or --format) before any work, made from the summary, and written atomically."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .app import fail, format_parser

if TYPE_CHECKING:
    from collections.abc import Callable

    from ..pipeline import SummaryResult
    from ..queries.document import Paper
    from ..queries.paper import TrendPoint
    from ..queries.summary import Summary


class PaperFormat(StrEnum):
    MARKDOWN = "markdown"
    DOCX = "docx"
    HTML = "html"


EXTENSIONS = {".md": PaperFormat.MARKDOWN, ".docx": PaperFormat.DOCX, ".html": PaperFormat.HTML}

PaperFormatOption = Annotated[
    PaperFormat | None,
    typer.Option(
        "--format",
        parser=format_parser(PaperFormat),
        metavar="<markdown|docx|html>",
        help="markdown, docx (Word) or html. Default: from --output's extension (.md, "
        ".docx, .html), else markdown.",
        show_default=False,
    ),
]
PreparedByOption = Annotated[
    str | None,
    typer.Option(
        "--prepared-by",
        metavar="ROLE",
        help="Who prepared the paper, for its title block: a role, never a name.",
        show_default=False,
    ),
]


def chosen_format(output: Path | None, asked: PaperFormat | None) -> PaperFormat:
    """The paper's format; a usage error (exit 2) before any work when it cannot be one."""
    if asked is None and output is not None:
        asked = EXTENSIONS.get(output.suffix.lower())
        if asked is None:
            fail(
                f"`{output.name}`: lcspr writes a paper as .docx (Word), .html or .md; for a "
                "PDF, print the HTML paper (see docs/board-paper.md), or give --format"
            )
    chosen = asked or PaperFormat.MARKDOWN
    if chosen is PaperFormat.DOCX and output is None:
        fail("a Word paper is a file: give -o FILE.docx")
    return chosen


def make_paper(result: SummaryResult, prepared_by: str | None, with_trend: bool) -> Paper:
    """The paper of a summary: the partnership that now owns its reviews, the files left
    out, and (for the formats that draw charts) the trend of the last quarter ends."""
    from ..queries.paper import PaperInputs, build_paper

    summary = result.summary
    basis = _basis(result)
    inputs = PaperInputs(
        partnership=_partnership(summary),
        left_out=tuple(result.check.unread_files),
        prepared_by=prepared_by,
        basis=basis,
        trend=_trend(result) if with_trend else (),
    )
    return build_paper(summary, inputs)


def render(paper: Paper, chosen: PaperFormat) -> bytes:
    if chosen is PaperFormat.DOCX:
        from ..render.paper_docx import render_paper_docx

        return render_paper_docx(paper)
    if chosen is PaperFormat.HTML:
        from ..render.paper_html import render_paper_html

        return render_paper_html(paper).encode("utf-8")
    from ..render.paper_markdown import render_paper_markdown

    return render_paper_markdown(paper).encode("utf-8")


def write(path: Path, data: bytes, chosen: PaperFormat, force: bool) -> None:
    """Write the paper; a file lcspr did not write is replaced only with --force."""
    from ..edit.write import WriteRefused, write_owned

    try:
        ours = _ours(chosen)
        write_owned(path, data, ours, force=force)
    except WriteRefused as error:
        fail(str(error))


def _ours(chosen: PaperFormat) -> Callable[[bytes], bool]:
    """How to tell that an existing file is a paper lcspr wrote."""
    if chosen is PaperFormat.DOCX:
        from ..render.paper_docx import written_by_lcspr

        return written_by_lcspr
    from ..render.paper_html import MARKER as HTML
    from ..render.paper_markdown import MARKER as MARKDOWN

    return lambda existing: existing.startswith((HTML.encode(), MARKDOWN.encode()))


def _basis(result: SummaryResult) -> str:
    """What the paper is made from: the log as committed at the end of the day, or today's
    files rebuilt to it; and, for a quarter not yet ended, that it is progress so far."""
    from ..wording import human_date

    summary = result.summary
    if result.recorded is not None:
        return f"{result.recorded.words}: the log as committed to git at the end of that day"
    if summary.quarter.start <= summary.as_of < summary.quarter.end:
        end = human_date(summary.quarter.end, short=False)
        return f"the quarter ends on {end}, so this is progress so far"
    return "as corrected: today's files, rebuilt to that day"


def _partnership(summary: Summary) -> str:
    """The partnership that now answers for the reviews: each review's commissioning
    partnership, or, when it has ended, the partnerships that took over its work."""
    from ..queries.succession import Standing, standing, successors

    agencies, as_of = summary.report.agencies, summary.as_of
    found: list[str] = []
    for review in summary.reviews:
        ident = review.partnership
        current = (
            successors(ident, agencies, as_of)
            if standing(ident, agencies, as_of) is Standing.ENDED
            else (ident,)
        )
        found.extend(agencies[i].name if i in agencies else i for i in current)
    return " and ".join(dict.fromkeys(found)) or "Safeguarding children partnership"


def _trend(result: SummaryResult) -> tuple[TrendPoint, ...]:
    """The RAG counts at the last four quarter ends up to the summary's day: this quarter's
    and the last one's from the summary itself, the two before as recorded where the data
    folder's history reaches them (else rebuilt from today's files)."""
    from ..pipeline import trend_of_folder

    summary = result.summary
    root = result.check.dataset.root
    reviews = [review.id for review in summary.reviews]
    before = summary.quarter.previous.previous.end
    corrected = result.recorded is None
    # made from today's files, the summary has read them already: the trend reuses them
    live = result.check if corrected else None
    earlier = trend_of_folder(root, before, 2, reviews, corrected=corrected, live=live).points
    return (*earlier, summary.previous, summary.counts)
