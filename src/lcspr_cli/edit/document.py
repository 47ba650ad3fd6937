"""Change a YAML file by splicing its lines, so nothing outside the change moves.

Why not load and dump with ruamel.yaml's round-trip mode: it re-emits the whole file,
and can re-wrap long lines, re-indent lists or re-flow folded text. Here the file is
parsed only to find where each key and value is (`yamlsource`); the edit replaces or
inserts just the lines for the change, in the file's own indentation and line endings.
Every edit is checked by parsing the result again: the value read back must be the
value written.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from msgspec import Struct

from ..yamlfile.positions import DataPath, Key, ParsedFile, Position
from ..yamlfile.read import parse_yaml
from ..yamlfile.scalars import resolve_plain
from .blocks import block_scalar, needs_block


class EditError(Exception):
    """The edit cannot be made; the message says why in one line."""


class Document(Struct, frozen=True):
    """A YAML file's text, its line ending, and where its keys and values are."""

    path: Path
    text: str
    newline: str
    parsed: ParsedFile

    @classmethod
    def read(cls, raw: bytes, path: Path) -> Document:
        parsed = parse_yaml(raw, path)
        if parsed.data is None or parsed.problems:
            raise EditError(f"{path} has problems of its own; run lcspr check and fix them first")
        text = raw.decode("utf-8-sig")
        # CRLF only when every line ends so; otherwise a stray \r stays part of its line.
        newline = "\r\n" if text.count("\r\n") == text.count("\n") > 0 else "\n"
        bom = "\ufeff" if raw.startswith(b"\xef\xbb\xbf") else ""
        return cls(path, bom + text, newline, parsed)

    @property
    def data(self) -> dict[str, Any]:
        assert self.parsed.data is not None
        return self.parsed.data

    def encode(self) -> bytes:
        return self.text.encode("utf-8")

    def with_text(self, text: str) -> Document:
        """The document after an edit, parsed again."""
        try:
            return Document.read(text.encode("utf-8"), self.path)
        except EditError:
            raise EditError(f"the change would not leave valid YAML in {self.path}") from None

    # -- positions ---------------------------------------------------------------

    def _lines(self) -> list[str]:
        return self.text.split(self.newline)

    def _offset(self, position: Position) -> int:
        line, column = position
        lines = self._lines()
        offset = sum(len(text) + len(self.newline) for text in lines[: line - 1])
        bom = 1 if self.text.startswith("\ufeff") and line == 1 else 0
        return offset + column - 1 + bom

    def last_line(self, path: DataPath) -> int:
        """The last line (1-based) holding any part of the value at `path`."""
        ends = [end for p, end in self.parsed.source.ends.items() if p[: len(path)] == path]
        starts = [start for p, start in self.parsed.source.values.items() if p[: len(path)] == path]
        if not ends and not starts:
            raise EditError(f"nothing at {'.'.join(map(str, path))} in {self.path}")
        last = max([_content_line(end) for end in ends] + [start[0] for start in starts])
        lines = self._lines()
        while last > 1 and not lines[last - 1].strip():
            last -= 1
        return last

    def key_indent(self, mapping: DataPath) -> str:
        """The indentation of the keys of the mapping at `mapping`."""
        for (*parent, _), (_line, column) in self.parsed.source.keys.items():
            if tuple(parent) == mapping:
                return " " * (column - 1)
        start = self.parsed.source.values.get(mapping)
        if start is None:
            raise EditError(f"nothing at {'.'.join(map(str, mapping))} in {self.path}")
        return " " * (start[1] - 1)

    def value(self, path: DataPath) -> Any:
        """The value at `path`, or None when there is none."""
        return self._value(path)

    def exists(self, path: DataPath) -> bool:
        return path in self.parsed.source.values

    # -- edits ---------------------------------------------------------------------

    def set_value(self, path: DataPath, value: Any, after: Sequence[str] = ()) -> Document:
        """Set the scalar at `path` (a mapping key), adding the key if it is missing.

        A new key goes after the first of `after` that the mapping has, else last. Long
        text, or text of several lines, is written as a block under its key (`blocks`).
        """
        key = self.parsed.source.keys.get(path)
        indent = " " * (key[1] - 1) if key else self.key_indent(path[:-1])
        if self.exists(path):
            start = self._offset(self.parsed.source.values[path])
            end_position = self.parsed.source.ends.get(path)
            if end_position is None:
                raise EditError(f"{path[-1]} holds a list or a mapping, not a single value")
            end = self._offset(end_position)
            if self.text[start:end].endswith(self.newline):  # a block scalar ends a line on
                end -= len(self.newline)
            rest = self.text[end:].split(self.newline, 1)[0]  # a comment after it stays
            text = self.newline.join(_written(indent, path[-1], value, block=not rest.strip()))
            changed = self.with_text(self.text[:start] + text + self.text[end:])
        else:
            first, *under = _written(indent, path[-1], value)
            line = f"{indent}{path[-1]}: {first}"
            changed = self.with_text(self._insert_after(self._anchor(path, after), [line, *under]))
        changed.expect(path, value)
        return changed

    def add_mapping(
        self, path: DataPath, fields: Sequence[tuple[str, Any]], after: Sequence[str] = ()
    ) -> Document:
        """Add a missing key holding a mapping of `fields`, after the first of `after`."""
        if self.exists(path):
            raise EditError(f"`{path[-1]}` is already there")
        indent = self.key_indent(path[:-1])
        lines = [f"{indent}{path[-1]}:"]
        lines += [f"{indent}  {key}: {scalar(value)}" for key, value in fields]
        changed = self.with_text(self._insert_after(self._anchor(path, after), lines))
        changed.expect(path, {key: _plain(value) for key, value in fields})
        return changed

    def remove(self, path: DataPath) -> Document:
        """Remove a key and its value (never the first key of a list item)."""
        if not self.exists(path):
            return self
        line = self.parsed.source.keys[path][0]
        lines = self._lines()
        if lines[line - 1].lstrip().startswith("-"):
            raise EditError(f"cannot remove `{path[-1]}`: it starts a list item")
        last = self.last_line(path)
        return self.with_text(self.newline.join(lines[: line - 1] + lines[last:]))

    def append_item(
        self, path: DataPath, item: Sequence[tuple[str, Any]], after: Sequence[str] = ()
    ) -> Document:
        """Add a mapping of `item`'s fields to the end of the list at `path`.

        The list is created (after the first of `after` the mapping has) when missing, and
        an empty `[]` list becomes a block list. The new item copies the indentation of
        the list's items, and the blank line between them when they have one.
        """
        current = self._value(path)
        if current is not None and not isinstance(current, list):
            raise EditError(f"`{path[-1]}` is not a list")
        if current:
            if path in self.parsed.source.ends:
                raise EditError(f"`{path[-1]}` is written on one line; write it as a list first")
            first = self.parsed.source.values[(*path, 0)]
            dash = self._lines()[first[0] - 1][: first[1] - 1].rstrip()
            indent = " " * (len(dash) - 1)
            gap = self._blank_between_items(path, len(current))
            lines = ([""] if gap else []) + _item_lines(indent, item)
            changed = self.with_text(self._insert_after(self.last_line(path), lines))
        else:
            key_indent = self.key_indent(path[:-1])
            block = _item_lines(key_indent + "  ", item)
            if current is None:
                lines = [f"{key_indent}{path[-1]}:", *block]
                changed = self.with_text(self._insert_after(self._anchor(path, after), lines))
            else:  # `key: []`: the empty list gives way to the block
                key_line = self.parsed.source.keys[path][0]
                all_lines = self._lines()
                all_lines[key_line - 1] = f"{key_indent}{path[-1]}:"
                all_lines[key_line:key_line] = block
                changed = self.with_text(self.newline.join(all_lines))
        new_list = changed._value(path)
        if not isinstance(new_list, list) or new_list[-1] != _plain_item(item):
            raise EditError(f"adding to `{path[-1]}` did not read back as written")
        return changed

    def insert_item(
        self, path: DataPath, index: int, item: Sequence[tuple[str, Any]], after: Sequence[str] = ()
    ) -> Document:
        """Add a mapping of `item`'s fields at position `index` of the list at `path`.

        The new item goes above the item now at `index`, and above the comments directly
        over it, which belong to that item; at the end of the list it is `append_item`.
        """
        current = self._value(path)
        if not isinstance(current, list) or index >= len(current):
            return self.append_item(path, item, after=after)
        if path in self.parsed.source.ends:
            raise EditError(f"`{path[-1]}` is written on one line; write it as a list first")
        line, column = self.parsed.source.values[(*path, index)]
        lines = self._lines()
        dash = lines[line - 1][: column - 1].rstrip()
        if not dash.endswith("-"):
            raise EditError(f"the items of `{path[-1]}` are not written one per line")
        top = line
        while top > 1 and lines[top - 2].lstrip().startswith("#"):
            top -= 1
        new = _item_lines(" " * (len(dash) - 1), item)
        if self._blank_between_items(path, len(current)):
            new.append("")
        changed = self.with_text(self._insert_after(top - 1, new))
        new_list = changed._value(path)
        if not isinstance(new_list, list) or new_list[index] != _plain_item(item):
            raise EditError(f"adding to `{path[-1]}` did not read back as written")
        return changed

    def comment_lines(self) -> dict[int, tuple[int, str]]:
        """The comments of the file: by line, the column where each starts and its text."""
        inside = {  # the lines of text folded over several lines hold no comment
            number
            for path, (first, _) in self.parsed.source.values.items()
            if path in self.parsed.source.ends
            for number in range(first + 1, _content_line(self.parsed.source.ends[path]) + 1)
        }
        found: dict[int, tuple[int, str]] = {}
        for number, line in enumerate(self._lines(), 1):
            stripped = line.lstrip()
            if number in inside:
                continue
            if stripped.startswith("#"):
                found[number] = (len(line) - len(stripped) + 1, stripped)
                continue
            for trailing in _TRAILING_COMMENT.finditer(line):  # the first outside quotes
                if line.count('"', 0, trailing.start()) % 2 == 0:
                    found[number] = (trailing.start() + 2, line[trailing.start() + 1 :])
                    break
        return found

    def without_comment(self, line: int, comment: str) -> Document:
        """The document without `comment` (its `#` included) where it ends `line`; the same
        document when the line ends otherwise."""
        column, text = self.comment_lines().get(line, (0, ""))
        lines = self._lines()
        before = lines[line - 1][: column - 1] if column else ""
        if text != comment or not before.strip():  # not there, or a comment line of its own
            return self
        lines[line - 1] = before.rstrip()
        return self.with_text(self.newline.join(lines))

    def line_of(self, path: DataPath) -> int:
        """The line where the value at `path` starts."""
        return self.parsed.source.values[path][0]

    def expect(self, path: DataPath, value: Any) -> None:
        """Fail unless the value at `path` reads back as `value`."""
        if self._value(path) != _plain(value):
            raise EditError(f"`{path[-1]}` did not read back as written")

    # -- helpers -------------------------------------------------------------------

    def _value(self, path: DataPath) -> Any:
        current: Any = self.data
        for part in path:
            try:
                current = current[part]
            except (KeyError, IndexError, TypeError):
                return None
        return current

    def _anchor(self, path: DataPath, after: Sequence[str]) -> int:
        """The line after which a new key of the mapping holding `path` goes."""
        mapping = path[:-1]
        for sibling in after:
            if self.exists((*mapping, sibling)):
                return self.last_line((*mapping, sibling))
        return self.last_line(mapping)

    def _insert_after(self, line: int, new: list[str]) -> str:
        lines = self._lines()
        lines[line:line] = new
        return self.newline.join(lines)

    def _blank_between_items(self, path: DataPath, count: int) -> bool:
        if count < 2:
            return False
        above = self.parsed.source.values[(*path, 1)][0] - 1
        lines = self._lines()
        while above > 1 and lines[above - 1].lstrip().startswith("#"):  # its own comments
            above -= 1
        return not lines[above - 1].strip()


def _written(indent: str, key: Key, value: Any, block: bool = True) -> list[str]:
    """The value of `key` (at `indent`) as written after `key: `, and the lines under it."""
    long = isinstance(value, str) and needs_block(len(indent) + len(str(key)) + 1, value)
    written = block_scalar(value, indent + "  ") if block and long else None
    return [scalar(value)] if written is None else [written[0], *written[1]]


def _content_line(end: Position) -> int:
    """The last line holding content, for a value ending just before `end`."""
    line, column = end
    return line - 1 if column == 1 else line


def _item_lines(indent: str, item: Sequence[tuple[str, Any]]) -> list[str]:
    """A list item of `item`'s fields; a field holding a list of such items (a `list`, each
    a sequence of fields) becomes a block list under its key."""
    lines = []
    for index, (key, value) in enumerate(item):
        lead = f"{indent}- " if index == 0 else f"{indent}  "
        if isinstance(value, list) and value:
            lines.append(f"{lead}{key}:")
            for inner in value:
                lines.extend(_item_lines(f"{indent}    ", inner))
        else:
            lines.append(f"{lead}{key}: {scalar(value)}")
    return lines


def _plain(value: Any) -> Any:
    if isinstance(value, date):  # a target date given as a month or a quarter stays one
        return getattr(value, "form", "") or value.isoformat()
    if isinstance(value, tuple):
        return [_plain(inner) for inner in value]
    if isinstance(value, list):
        return [_plain_item(inner) for inner in value]
    return value


def _plain_item(item: Sequence[tuple[str, Any]]) -> dict[str, Any]:
    return {key: _plain(value) for key, value in item}


# YAML 1.1 readers (PyYAML, many editors) take these for booleans, nulls, numbers or
# dates; lcspr reads YAML 1.2, but a file must mean the same to every reader.
_YAML11_SPECIAL = re.compile(
    r"""(?x)
    y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF
    |~|null|Null|NULL
    |[-+]?(?:0b[01_]+|0o?[0-7_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*(?::[0-5]?[0-9])*)
    |[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+
    |[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)
    |[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt\s].*)?
    """
)
_TRAILING_COMMENT = re.compile(r"\s#")
_FLOW_ITEM = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]*")
_PLAIN_SAFE = re.compile(r"[A-Za-z0-9(][^\n\r\t#:]*(?::(?! )[^\n\r\t#:]*)*")
# Characters YAML does not allow as they are, or reads as line breaks: always escaped.
_UNPRINTABLE = re.compile(
    "[^\t\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


def scalar(value: Any) -> str:
    """A value written as a YAML scalar that every reader takes as intended."""
    if isinstance(value, date):
        return str(_plain(value))
    if isinstance(value, tuple):  # a list of ids, on one line: [a, b]
        items = [scalar(inner) for inner in value]
        if not all(_FLOW_ITEM.fullmatch(inner) for inner in items):
            raise EditError(f"cannot write {list(value)!r} as a list on one line")
        return f"[{', '.join(items)}]"
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise EditError(f"cannot write {value!r} as a single value")
    if isinstance(value, int):
        return str(value)
    if (
        _PLAIN_SAFE.fullmatch(value)
        and not _UNPRINTABLE.search(value)
        and not _YAML11_SPECIAL.fullmatch(value)
        and value == value.strip()
        and not value.endswith(":")
        and " #" not in value
        and resolve_plain(value) == value
    ):
        return value
    quoted = json.dumps(value, ensure_ascii=False)
    return _UNPRINTABLE.sub(lambda match: f"\\u{ord(match.group()):04x}", quoted)
