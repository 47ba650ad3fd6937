"""The reports: status, overdue, unowned, missing-evidence, show, agencies, summary."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NamedTuple

import typer

from . import paper
from .app import (
    EXIT_OK,
    EXIT_PROBLEMS,
    AsOfOption,
    DataOption,
    DueSoonOption,
    FormatOption,
    NoCacheOption,
    OwnerOption,
    ReportFormat,
    ReviewOption,
    StaleOption,
    app,
    data_folder,
    emit,
    fail,
    parse_date,
    require,
    today,
    unknown,
)
from .paper import PaperFormatOption, PreparedByOption
from .recorded import AsCorrectedOption, AsRecordedOption, not_after_today, or_fail, summarise

if TYPE_CHECKING:
    from rich.console import RenderableType

    from ..pipeline import CheckResult
    from ..queries.report import Report


def _report(
    data: Path | None,
    as_of: date | None,
    reviews: list[str] | None,
    owner: str | None,
    due_soon: int,
    stale: int,
    no_cache: bool,
    *,
    as_recorded: bool = False,
) -> tuple[Report, bool]:
    """Build the filtered report (`as_recorded`: from the data folder as committed at the
    end of the as-of day); say on stderr which files have errors.

    Returns the report and whether every file was valid.
    """
    from ..pipeline import report_folder, report_folder_as_recorded
    from ..queries.views import Settings

    root = data_folder(data)
    day = today()
    settings = Settings(due_soon, stale)
    if as_recorded:
        not_after_today(as_of or day, day)
        result = or_fail(lambda: report_folder_as_recorded(root, as_of or day, day, settings))
    else:
        result = report_folder(root, as_of or day, day, settings, use_cache=not no_cache)
    dataset = result.check.dataset
    for review in reviews or ():
        require(review, [r.record.id for r in dataset.reviews], "review", "see reviews.yaml")
    if owner is not None:
        require(owner, [a.record.id for a in dataset.agencies], "agency", "see lcspr agencies")
    return result.report.filtered(reviews or (), owner), _say_invalid(result.check)


def _say_invalid(result: CheckResult) -> bool:
    """Name on stderr the files with errors, and those left out; True when there are none."""
    from ..render.problems import display_path

    def names(paths: tuple[Path, ...]) -> str:
        return ", ".join(display_path(path) for path in paths)

    if not result.invalid_files:
        return True
    message = f"lcspr: files with errors: {names(result.invalid_files)}. Run lcspr check."
    if result.unread_files:
        message += f" Left out of this report: {names(result.unread_files)}."
    from rich.console import Console

    Console(stderr=True, highlight=False, soft_wrap=True).print(message, markup=False)
    return False


class _Renderers(NamedTuple):
    """How a tabular report is drawn in each format."""

    json: Callable[[Report], str]
    markdown: Callable[[Report], str]
    table: Callable[[Report, int], RenderableType]


def _report_command(
    name: str, summary: str, renderers: Callable[[], _Renderers], *, windows: bool = False
) -> None:
    """Add a report command: the options every tabular report shares, then the report in
    the chosen format. `windows` adds --due-soon and --stale, for the reports that show
    RAG ratings."""

    def command(
        data: DataOption = None,
        as_of: AsOfOption = None,
        review: ReviewOption = None,
        owner: OwnerOption = None,
        output_format: FormatOption = ReportFormat.TABLE,
        due_soon: DueSoonOption = 30,
        stale: StaleOption = 90,
        as_recorded: AsRecordedOption = False,
        no_cache: NoCacheOption = False,
    ) -> None:
        from ..render.reports import with_recorded

        render = renderers()
        report, valid = _report(
            data, as_of, review, owner, due_soon, stale, no_cache, as_recorded=as_recorded
        )
        emit(
            output_format,
            valid,
            as_json=lambda: with_recorded(render.json(report), report),
            as_markdown=lambda: render.markdown(report),
            as_table=lambda width: render.table(report, width),
        )

    if not windows:  # Typer reads the signature: leave out the options this one lacks
        signature = inspect.signature(command, eval_str=True)
        kept = [p for p in signature.parameters.values() if p.name not in ("due_soon", "stale")]
        command.__signature__ = signature.replace(parameters=kept)  # type: ignore[attr-defined]
    command.__doc__ = summary
    app.command(name)(command)


def _status() -> _Renderers:
    from ..render import reports as render

    return _Renderers(render.status_json, render.status_markdown, render.status_table)


def _findings(kind_name: str) -> Callable[[], _Renderers]:
    def renderers() -> _Renderers:
        from ..queries.findings import Kind
        from ..render import reports as render

        kind = Kind(kind_name)
        return _Renderers(
            lambda report: render.findings_json(kind, report),
            lambda report: render.findings_markdown(kind, report),
            lambda report, width: render.findings_table(kind, report, width),
        )

    return renderers


def _themes() -> _Renderers:
    from ..render import themes as render

    return _Renderers(render.themes_json, render.themes_markdown, render.themes_table)


def _agencies() -> _Renderers:
    from ..render import reports as render

    return _Renderers(
        render.agencies_json,
        render.agencies_markdown,
        render.agencies_table,
    )


_report_command(
    "status",
    """One line per recommendation: owner, status, RAG, progress, next due date and flags.

    RAG is computed from dates, owners and evidence, never typed in. Exit code 0 whatever
    it finds; 1 when some files have errors (named on stderr).

    \b
    Examples:
      lcspr status
      lcspr status --review LEO --owner nenc-icb
      lcspr status --as-of 2026-03-31 --format markdown
    """,
    _status,
    windows=True,
)
_report_command(
    "overdue",
    """Actions and recommendations past their due date, most days overdue first.

    An action is overdue when it is not complete or dropped and its due date (its revised
    due date, when set) is before the as-of date; a recommendation, when it is not assured
    or closed and its due date has passed. Due today is not overdue.

    \b
    Examples:
      lcspr overdue
      lcspr overdue --owner cumberland-council --format json
    """,
    _findings("overdue"),
)
_report_command(
    "unowned",
    """Open work with no owner, an owner not in agencies.yaml, or an owner that has ended.

    For an agency that has ended, it names the agencies that took over its work,
    following chains of successors.

    \b
    Examples:
      lcspr unowned
      lcspr unowned --as-of 2025-04-01
    """,
    _findings("unowned"),
)
_report_command(
    "missing-evidence",
    """Complete actions without evidence, assured or closed recommendations without
    assurance evidence, and evidence files that are not in the data folder.

    \b
    Examples:
      lcspr missing-evidence
      lcspr missing-evidence --review LEO --format markdown
    """,
    _findings("missing-evidence"),
)


@app.command()
def show(
    ident: Annotated[str, typer.Argument(metavar="ID", help="A recommendation or action id.")],
    data: DataOption = None,
    as_of: AsOfOption = None,
    output_format: FormatOption = ReportFormat.TABLE,
    due_soon: DueSoonOption = 30,
    stale: StaleOption = 90,
    no_cache: NoCacheOption = False,
    as_recorded: AsRecordedOption = False,
) -> None:
    """One recommendation or action in full: text, owner, dates, status, RAG and why,
    actions, evidence, and updates (newest first).

    \b
    Examples:
      lcspr show LEO-3
      lcspr show leo-3.3 --as-of 2026-03-31
      lcspr show LEO-3 --as-of 2026-03-31 --as-recorded
    """
    from ..render import show as render

    report, valid = _report(
        data, as_of, None, None, due_soon, stale, no_cache, as_recorded=as_recorded
    )
    view = render.find(report, ident)
    if view is None:
        ids = [v.item.id for v in report.recommendations] + [
            a.item.id for v in report.recommendations for a in v.actions
        ]
        unknown(ident.upper(), ids, "recommendation or action", "see lcspr status")
    found = view
    emit(
        output_format,
        valid,
        as_json=lambda: render.show_json(found, report),
        as_markdown=lambda: render.show_markdown(found, report),
        as_table=lambda width: render.show_text(found, report, width),
    )


_report_command(
    "themes",
    """Learning across reviews: per theme, the reviews and recommendations that carry it,
    with their statuses and RAG. A theme id used by several reviews is one theme.

    \b
    Examples:
      lcspr themes
      lcspr themes --format markdown > themes.md
    """,
    _themes,
)
_report_command(
    "agencies",
    """Per agency: recommendations and actions it owns, how many are open, overdue or
    missing evidence, and whether it has ended (with its successors).

    \b
    Examples:
      lcspr agencies
      lcspr agencies --owner nenc-icb --format json
    """,
    _agencies,
)


@app.command()
def summary(
    data: DataOption = None,
    quarter: Annotated[
        str | None,
        typer.Option(
            "--quarter",
            metavar="YYYY/YY-QN",
            help="The financial-year quarter, e.g. 2025/26-Q2 (July to September 2025). "
            "Default: the latest quarter that ended on or before --as-of.",
            show_default=False,
        ),
    ] = None,
    as_of: Annotated[
        date | None,
        typer.Option(
            "--as-of",
            parser=parse_date,
            metavar="YYYY-MM-DD",
            help="The day the summary is as of. Default: the last day of the quarter, or "
            "today while the quarter has not ended.",
            show_default=False,
        ),
    ] = None,
    review: ReviewOption = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write the paper to this file (.docx, .html or .md) instead of the screen.",
            show_default=False,
        ),
    ] = None,
    output_format: PaperFormatOption = None,
    prepared_by: PreparedByOption = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace an --output file lcspr did not write.")
    ] = False,
    as_recorded: AsRecordedOption = False,
    as_corrected: AsCorrectedOption = False,
    no_cache: NoCacheOption = False,
) -> None:
    """The quarterly paper for the partnership board: Word, HTML or markdown.

    Quarters are UK financial-year quarters. A quarter that has ended is summarised from
    the data folder as it was committed to git at the end of its last day, when the
    folder's history reaches that day, so printing it again gives the same document;
    otherwise (or with --as-corrected) from today's files, rebuilt to that day. A quarter
    that has not ended is summarised as of today. Never changes the data; --output is
    written atomically.

    \b
    Examples:
      lcspr summary --quarter 2026/27-Q2 -o q2.docx --prepared-by "Business Manager"
      lcspr summary -o q2.html
      lcspr summary --quarter 2026/27-Q2 > q2.md
    """
    from ..queries.quarters import BadQuarter, Quarter

    chosen_as = paper.chosen_format(output, output_format)
    day = today()
    try:
        chosen = Quarter.parse(quarter) if quarter else Quarter.latest_ended(as_of or day)
    except BadQuarter as error:
        fail(str(error))
    if as_recorded and as_corrected:
        fail("--as-recorded and --as-corrected contradict each other: choose one")
    root = data_folder(data)
    on = as_of or min(chosen.end, day)
    mode = "recorded" if as_recorded else "corrected" if as_corrected else None
    result = summarise(root, chosen, on, day, review or (), mode, no_cache)
    known = [r.record.id for r in result.check.dataset.reviews]
    for name in review or ():
        require(name, known, "review", "see reviews.yaml")
    valid = _say_invalid(result.check)
    charts = chosen_as is not paper.PaperFormat.MARKDOWN
    made = paper.make_paper(result, prepared_by, charts)
    del result  # the records and reports, no longer needed: a large paper needs the room
    document = paper.render(made, chosen_as)
    if output is None:
        typer.echo(document.decode("utf-8"), nl=False)
    else:
        paper.write(output, document, chosen_as, force)
        typer.echo(f"Wrote the {chosen} paper to {output}.", err=True)
    raise typer.Exit(EXIT_OK if valid else EXIT_PROBLEMS)
