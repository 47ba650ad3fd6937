"""The file of an imported recommendation, written as a person would write it: the schema
line editors read, a comment saying which sheet and rows it came from, long text folded,
a blank line between actions, and a comment beside every stand-in value.

Scalars are written by `document.scalar`, so that every YAML reader takes them as meant;
the file is read back before it is used, and must hold exactly what was written.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from ..sheets.model import Imported
from ..yamlfile.positions import DataPath, Position
from .blocks import block_scalar, needs_block
from .document import EditError, scalar

SCHEMA = "lcspr-recommendation.schema.json"


def schema_line(root: Path, folder: Path, siblings: Sequence[Path]) -> str:
    """The schema line of the review's other files, else one naming the schemas that
    `lcspr schema` writes beside the data folder."""
    for sibling in siblings:
        try:
            with sibling.open(encoding="utf-8-sig") as stream:
                first = stream.readline().strip()
        except (OSError, UnicodeDecodeError):
            continue
        if first.startswith("# yaml-language-server:"):
            return first
    relative = Path(os.path.relpath(root.parent / "schemas" / SCHEMA, folder)).as_posix()
    return f"# yaml-language-server: $schema={relative}"


class _Writer:
    def __init__(self, found: Imported) -> None:
        self.found = found
        self.lines: list[str] = []
        self.paths: dict[int, DataPath] = {}
        self.values: dict[DataPath, Position] = {}
        """Where each value starts, as lcspr's reader would say (a test holds them equal)."""

    def add(self, line: str, path: DataPath | None = None, column: int = 0) -> None:
        lines = self.lines
        lines.append(line)
        if path is not None:
            number = len(lines)
            self.paths[number] = path
            if column:
                self.values[path] = (number, column)

    def field(self, indent: str, lead: str, key: str, value: Any, path: DataPath) -> None:
        """`key: value` at `indent` (`lead` is `- ` for the first key of a list item)."""
        head = f"{indent}{lead}{key}:"
        inner = indent + " " * len(lead) + "  "  # where what the key holds is written
        after = len(head) + 2  # the column of a value on the key's line
        block = isinstance(value, str) and needs_block(len(head), value)
        if type(value) is str and not block:
            self.line(head, _scalar(value), path)  # most values: short text
        elif isinstance(value, dict):
            self.add(head, path)
            self.values[path] = (len(self.lines) + 1, len(inner) + 1)
            for k, v in value.items():
                self.field(inner, "", k, v, (*path, k))
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            self.add(head, path)
            for index, item in enumerate(value):
                self.item(inner, item, (*path, index))
        elif isinstance(value, list):
            items = [scalar(v) for v in value]
            self.add(f"{head} [{', '.join(items)}]", path, after)
            column = after + 1
            for index, written in enumerate(items):
                self.values[(*path, index)] = (len(self.lines), column)
                column += len(written) + 2
        elif block:
            self.text(head, inner, value, path)
        else:
            self.line(head, scalar(value), path)

    def line(self, head: str, written: str, path: DataPath) -> None:
        """A value on its key's line, with the comment a stand-in has beside it."""
        said = self.found.stand_ins.get(path)
        comment = f"  # {said}" if said else ""
        self.add(f"{head} {written}{comment}", path, len(head) + 2)

    def item(self, indent: str, item: dict[str, Any], path: DataPath) -> None:
        line = len(self.lines) + 1
        self.values.setdefault(path[:-1], (line, len(indent) + 1))  # the list: its first dash
        self.values[path] = (line, len(indent) + 3)
        for index, (key, value) in enumerate(item.items()):
            if index == 0:
                self.field(indent, "- ", key, value, (*path, key))
            else:
                self.field(indent + "  ", "", key, value, (*path, key))

    def text(self, head: str, indent: str, value: str, path: DataPath) -> None:
        """Long text folded over lines, text of several lines kept as it is, or, when
        neither reads back exactly, written on one line (`blocks.block_scalar`)."""
        after = len(head) + 2
        block = block_scalar(value, indent)
        if block is None:
            self.add(f"{head} {scalar(value)}", path, after)
            return
        indicator, lines = block
        self.add(f"{head} {indicator}", path, after)
        self.lines.extend(lines)


@functools.lru_cache(maxsize=4096)
def _scalar(value: str) -> str:
    """`scalar` of a short text: the same few (ids, agencies, statuses) come again and
    again in an import."""
    return scalar(value)


Written = tuple[str, dict[int, DataPath], dict[DataPath, Position]]
"""A file's text, the data path of the value that starts each line, and where each value
starts."""


def recommendation_text(found: Imported, source: str, today: date, schema: str) -> Written:
    """The file's text, the data path of the value that starts each line, and where each
    value starts (line and column)."""
    writer = _Writer(found)
    rows = found.rows
    shown = f"row {rows[0]}" if len(rows) == 1 else f"rows {min(rows)} to {max(rows)}"
    writer.add(schema)
    writer.add(
        f"# Imported by lcspr from {source}, sheet {found.sheet}, {shown}, on {today.isoformat()}."
    )
    writer.values[()] = (len(writer.lines) + 1, 1)
    for key, value in found.data.items():
        if key == "actions":
            writer.add("")
            writer.add("actions:", ("actions",))
            for index, action in enumerate(value):
                if index:
                    writer.add("")
                row = found.row_of.get(("actions", index))
                if row is not None:
                    writer.add(f"  # From sheet {found.sheet}, row {row}.")
                writer.item("  ", action, ("actions", index))
            continue
        writer.field("", "", key, value, (key,))
    return "\n".join(writer.lines) + "\n", writer.paths, writer.values


def plain(value: Any) -> Any:
    """A value as a file reads back: dates as written, lists and mappings of the same."""
    if isinstance(value, date):
        return getattr(value, "form", "") or value.isoformat()
    if isinstance(value, dict):
        return {key: plain(inner) for key, inner in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(inner) for inner in value]
    return value


def read_back(found: Imported, data: Any) -> None:
    """Fail unless the file holds the recommendation's data exactly."""
    if data != plain(found.data):
        raise EditError(f"the file of {found.id} did not read back as written")
