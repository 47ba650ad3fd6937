"""What the edit tests share: the day they edit on, the minimal sample's file they edit,
and an edit planned and written as the commands write it."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from lcspr_cli.edit.plan import Change, Operation, plan
from lcspr_cli.edit.write import replace_file
from lcspr_cli.yamlfile.read import parse_yaml

TODAY = date(2025, 6, 1)
REC = "recommendations/TEST/TEST-1.yaml"


def apply(folder: Path, ident: str, operation: Operation) -> Change:
    change = plan(folder, TODAY, ident, operation)
    replace_file(change.file, change.before, change.after)
    return change


def data_of(path: Path) -> Any:
    return parse_yaml(path.read_bytes(), path).data
