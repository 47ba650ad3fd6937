"""`lcspr new recommendation` and `lcspr new action`: records added to the log, as the
other edits change it (`editing`); `setup` adds `new review` and `new agency`."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from .app import DataOption, app, fail
from .editing import DryRunOption, date_option, on_target, run_edit

new_app = typer.Typer(
    help="Add a new recommendation, action, review or agency.",
    no_args_is_help=True,
)
app.add_typer(new_app, name="new")


@new_app.command("recommendation")
def new_recommendation(
    review: Annotated[str, typer.Option("--review", metavar="ID", help="The review, e.g. LEO.")],
    number: Annotated[
        str, typer.Option("--number", help="Its number as printed in the report: 10 or 2a.")
    ],
    title: Annotated[str, typer.Option("--title", help="A short title for tables.")],
    owner: Annotated[
        str, typer.Option("--owner", metavar="AGENCY", help="The agency accountable.")
    ],
    due: Annotated[date, date_option("--due", "When assurance is expected.")],
    text: Annotated[
        str | None,
        typer.Option(
            "--text",
            help="The recommendation, verbatim from the report. Default: read from standard "
            "input, or from your editor in a terminal.",
            show_default=False,
        ),
    ] = None,
    themes: Annotated[
        list[str] | None,
        typer.Option("--theme", metavar="ID", help="A theme of the review; repeat for more."),
    ] = None,
    data: DataOption = None,
    dry_run: DryRunOption = False,
) -> None:
    """Create the file of a new recommendation in its review's folder, status open.

    \b
    Examples:
      lcspr new recommendation --review LEO --number 10 --title "Title" --owner nwas --due 2027-03
    """
    from ..edit.new_recommendation import NewRecommendation, plan_new_recommendation

    wording = text if text is not None else _read_text()
    new = NewRecommendation(review, number, title, wording, owner, due, tuple(themes or ()))
    run_edit(data, dry_run, lambda root, today: plan_new_recommendation(root, today, new))


def _read_text() -> str:
    """The recommendation's text from standard input, or from $VISUAL / $EDITOR."""
    read = sys.stdin.read() if not sys.stdin.isatty() else _from_editor()
    if not read.strip():
        fail("no recommendation text: give --text, or pipe the text in")
    return " ".join(read.split())


def _from_editor() -> str:
    import shlex
    import subprocess
    import tempfile

    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        fail("no recommendation text: give --text, pipe the text in, or set EDITOR")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "recommendation.txt"
        path.write_text("")
        if subprocess.run([*shlex.split(editor), str(path)], check=False).returncode != 0:
            fail(f"the editor ({editor}) did not finish normally; nothing was written")
        return path.read_text(encoding="utf-8")


@new_app.command("action")
def new_action(
    recommendation: Annotated[
        str, typer.Argument(metavar="RECOMMENDATION", help="The recommendation id, e.g. LEO-3.")
    ],
    action: Annotated[str, typer.Option("--action", help="What will be done.")],
    owner: Annotated[
        str, typer.Option("--owner", metavar="AGENCY", help="The agency responsible.")
    ],
    due: Annotated[date, date_option("--due", "The target date.")],
    lead_role: Annotated[
        str | None,
        typer.Option("--lead-role", help="The lead officer's role title (never a name)."),
    ] = None,
    data: DataOption = None,
    dry_run: DryRunOption = False,
) -> None:
    """Add an action to a recommendation, with the next free id (LEO-3.4), not started.

    \b
    Examples:
      lcspr new action LEO-3 --action "Re-audit" --owner cumberland-council --due 2027-03-31
    """
    from ..edit.operations import new_action as operation

    run_edit(
        data, dry_run, on_target(recommendation, lambda: operation(action, owner, due, lead_role))
    )
