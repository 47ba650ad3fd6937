"""The command line: parse options, call the library, render, choose the exit code.

This package is the only place that imports typer, and the only place that turns a
result into an exit code: 0 all well, 1 problems in the data, 2 the command could not
run. `app` holds what the commands share; each module beside it adds its commands, in
the order `lcspr --help` lists them: the everyday reports first.
"""

# ruff: noqa: I001, F401
from . import reports
from . import reminders
from . import check
from . import editing
from . import new
from . import history
from . import setup
from . import sheets
from .app import app, examples_last, main

examples_last(app)

__all__ = ["app", "main"]
