"""Setting up the log: `lcspr init` (a new data folder), and the register commands (`lcspr
new review`, `lcspr new agency`, `lcspr end-agency`), edits as the others are."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from .app import EXIT_OK, EXIT_PROBLEMS, DataOption, app, fail, parse_date, today
from .editing import DryRunOption, run_edit
from .new import new_app


def _date(name: str, help_text: str) -> object:
    return typer.Option(name, parser=parse_date, metavar="YYYY-MM-DD", help=help_text)


@app.command("init")
def init(
    folder: Annotated[
        Path,
        typer.Argument(
            metavar="PATH",
            help="The new data folder (default: data, which lcspr finds by itself).",
            show_default=False,
        ),
    ] = Path("data"),
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="List the files it would write, and write nothing.")
    ] = False,
) -> None:
    """Start a new action log: a data folder that passes lcspr check at once.

    Writes agencies.yaml and reviews.yaml (empty, with comments on what goes in them),
    recommendations/, a README for whoever keeps the log, and a .gitignore that keeps
    .private-terms out of git. Beside the folder: schemas/ (for editors, which the files'
    first lines name) and the .gitignore line for lcspr's cache, which is kept beside the
    data folder. An existing data folder, or any folder that is not empty, is refused.

    \b
    Examples:
      lcspr init
      lcspr init tracker/data
    """
    from ..edit.document import EditError
    from ..edit.new_folder import make_new_folder, plan_new_folder
    from ..edit.write import WriteRefused
    from ..render.problems import display_path

    try:
        new = plan_new_folder(folder)
        if dry_run:
            for path in new.listing:
                typer.echo(display_path(path))
            typer.echo("Dry run: nothing was written.", err=True)
            raise typer.Exit(EXIT_OK)
        beside = make_new_folder(new, today())
    except (EditError, WriteRefused) as error:
        fail(f"{error}; nothing was written", EXIT_PROBLEMS)
    where = display_path(folder)
    typer.echo(f"wrote {where}/ ({', '.join(name for name in new.files if '/' not in name)})")
    for line in beside:
        typer.echo(line)
    found = "" if folder.name == "data" else f" --data {where}"
    typer.echo(
        f"Next: add the agencies and the review (lcspr new agency{found} ..., lcspr new "
        f"review{found} ...); {where}/README.md shows how."
    )
    raise typer.Exit(EXIT_OK)


@new_app.command("agency")
def new_agency(
    agency: Annotated[
        str, typer.Argument(metavar="ID", help="Its id: lower-case letters, digits, hyphens.")
    ],
    name: Annotated[str, typer.Option("--name", help="Its full name.")],
    short_name: Annotated[
        str | None,
        typer.Option("--short-name", help="The name people know it by, for tables: NENC ICB."),
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option("--kind", help="Local authority, integrated care board, NHS trust, ..."),
    ] = None,
    formed: Annotated[
        date | None, _date("--from", "The first day it existed, if it was formed lately.")
    ] = None,
    data: DataOption = None,
    dry_run: DryRunOption = False,
) -> None:
    """Add an agency to agencies.yaml, so that it can own recommendations and actions.

    \b
    Examples:
      lcspr new agency cumberland-council --name "Cumberland Council" --kind "local authority"
      lcspr new agency nenc-icb --name "NHS North East and North Cumbria Integrated Care Board" \\
          --short-name "NENC ICB" --kind "integrated care board" --from 2022-07-01
    """
    from ..edit.registers import NewAgency, plan_new_agency

    new = NewAgency(agency, name, kind, formed, short_name)
    run_edit(data, dry_run, lambda root, day: plan_new_agency(root, day, new))


@new_app.command("review")
def new_review(
    review: Annotated[
        str, typer.Argument(metavar="ID", help="Its id: upper-case letters and digits, e.g. LEO.")
    ],
    title: Annotated[str, typer.Option("--title", help="The review's title.")],
    partnership: Annotated[
        str,
        typer.Option(
            "--partnership", metavar="AGENCY", help="The partnership that commissioned it."
        ),
    ],
    kind: Annotated[str, typer.Option("--kind", help="LCSPR, rapid review, ...")] = "LCSPR",
    published: Annotated[date | None, _date("--published", "The day it was published.")] = None,
    response: Annotated[
        date | None,
        _date("--response-published", "The day the partnership's response was published."),
    ] = None,
    themes: Annotated[
        list[str] | None,
        typer.Option(
            "--theme",
            metavar="ID=TITLE",
            help="A learning theme: its id, = and its title. Repeat for more.",
        ),
    ] = None,
    data: DataOption = None,
    dry_run: DryRunOption = False,
) -> None:
    """Add a review to reviews.yaml, with its learning themes; then add its
    recommendations with lcspr new recommendation --review ID.

    \b
    Examples:
      lcspr new review LEO --title "Local Child Safeguarding Practice Review Leo" \\
          --partnership cumbria-scp --published 2024-06-30 \\
          --theme early-help="The importance of the effective provision of early help services"
    """
    from ..edit.registers import NewReview, plan_new_review

    pairs = []
    for theme in themes or []:
        ident, equals, theme_title = theme.partition("=")
        if not equals or not ident.strip() or not theme_title.strip():
            fail(f'--theme `{theme}` needs an id and a title: --theme early-help="Early help"')
        pairs.append((ident.strip(), theme_title.strip()))
    new = NewReview(review, title, kind, partnership, published, response, tuple(pairs))
    if len({ident for ident, _ in pairs}) != len(pairs):
        fail("each --theme needs an id of its own")
    run_edit(data, dry_run, lambda root, day: plan_new_review(root, day, new))


@app.command("end-agency", context_settings={"allow_extra_args": True})
def end_agency(
    context: typer.Context,
    agency: Annotated[str, typer.Argument(metavar="ID", help="The agency that ends.")],
    on: Annotated[date, _date("--on", "Its last day.")],
    replaced_by: Annotated[
        list[str] | None,
        typer.Option(
            "--replaced-by",
            metavar="AGENCY ...",
            help="The agencies that take over its work (each in agencies.yaml already).",
        ),
    ] = None,
    data: DataOption = None,
    dry_run: DryRunOption = False,
) -> None:
    """Record that an agency ends (a reorganisation): its last day, and the agencies that
    take over its work. What it still owns is listed: after that day it is unowned until
    given a new owner (lcspr set-owner).

    \b
    Examples:
      lcspr end-agency cumbria-county-council --on 2023-03-31 \\
          --replaced-by cumberland-council westmorland-furness-council
      lcspr end-agency cumbria-scp --on 2025-03-31 --replaced-by cumberland-scp
    """
    from ..edit.registers import plan_end_agency

    more = list(context.args)  # --replaced-by A B: B is left over, as click reads it
    if more and not replaced_by:
        fail(f"`{more[0]}`: name the agencies that take over with --replaced-by AGENCY ...")
    successors = [*(replaced_by or []), *more]
    run_edit(data, dry_run, lambda root, day: plan_end_agency(root, day, agency, on, successors))
