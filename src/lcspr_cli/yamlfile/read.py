"""Read one YAML file into plain data plus the line and column of every key and value.

A file is read by libyaml (`fastyaml`) when a quick look finds nothing that lcspr would
report, and otherwise by the careful reader (`careful`), as a stream of parser events,
never constructed into objects: tags are refused rather than executed, aliases are refused
rather than expanded, and a duplicate key is reported at its own line. Scalars are
resolved with the YAML 1.2 core schema, so `no` and `on` stay text and dates stay text
for the models to parse.
"""

from __future__ import annotations

import marshal
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .problems import Problem

Key = str | int
DataPath = tuple[Key, ...]
Position = tuple[int, int]

MAX_FILE_BYTES = 5 * 1024 * 1024
"""Larger files are refused unread: the biggest real recommendation file is a few kB."""
MAX_DEPTH = 32
"""Deeper nesting is refused: the deepest lcspr record is five levels deep."""


@dataclass(frozen=True)
class SourceMap:
    """Where, in one file, each value and each mapping key starts (1-based line, column),
    and where each scalar and flow collection ends (the position just after it)."""

    file: Path
    values: Mapping[DataPath, Position] = field(default_factory=dict)
    keys: Mapping[DataPath, Position] = field(default_factory=dict)
    ends: Mapping[DataPath, Position] = field(default_factory=dict)

    def position(self, path: DataPath, *, key: bool = False) -> tuple[int | None, int | None]:
        """The position of `path`, or of its nearest ancestor the file has.

        With `key=True` the position of the key naming the value is preferred, which is
        where an editor should jump for an unknown or duplicated field.
        """
        if key and path in self.keys:
            return self.keys[path]
        for depth in range(len(path), -1, -1):
            found = self.values.get(path[:depth])
            if found is not None:
                return found
        return (None, None)

    def pack(self) -> bytes:
        """The value positions as one compact blob (for the cache, or from a helper
        process): all that a record's lines and problems need once its file has been read.
        Key and end positions, which only reading and editing a file use, are left out."""
        return marshal.dumps(dict(self.values))

    @classmethod
    def unpack(cls, file: Path, blob: bytes) -> SourceMap:
        """The source map of `pack`, unpacked only when a position is asked for, which, for
        most files, it never is."""
        return cls(file, _Later(lambda: marshal.loads(blob)))

    @classmethod
    def reread(cls, file: Path) -> SourceMap:
        """The value positions of `file`, found by reading it again if one is asked for (the
        facts of a file from the cache only need one when a check finds a problem)."""
        return cls(file, _Later(lambda: dict(read_yaml(file).source.values)))


class _Later(Mapping[DataPath, Position]):
    """Positions worked out when first asked for."""

    __slots__ = ("find", "found")

    def __init__(self, find: Callable[[], dict[DataPath, Position]]) -> None:
        self.find: Callable[[], dict[DataPath, Position]] | None = find
        self.found: dict[DataPath, Position] = {}

    def _positions(self) -> dict[DataPath, Position]:
        if self.find is not None:
            self.found, self.find = self.find(), None
        return self.found

    def __getitem__(self, path: DataPath) -> Position:
        return self._positions()[path]

    def get(self, path: DataPath, default: Any = None) -> Any:
        return self._positions().get(path, default)

    def __contains__(self, path: object) -> bool:
        return path in self._positions()

    def __iter__(self) -> Iterator[DataPath]:
        return iter(self._positions())

    def __len__(self) -> int:
        return len(self._positions())


@dataclass(frozen=True)
class ParsedFile:
    """A file's data (None when it could not be read as a mapping) and its problems."""

    data: dict[str, Any] | None
    source: SourceMap
    problems: tuple[Problem, ...]
    text: str = ""
    """The decoded text, when the file could be decoded."""


def read_yaml(path: Path) -> ParsedFile:
    """Read and parse the file at `path`; every failure becomes a problem."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return _failed(
                path,
                Problem.of(
                    "file-too-large",
                    f"the file is {size:,} bytes; lcspr reads files up to {MAX_FILE_BYTES:,}",
                    path,
                    hint="a recommendation file is normally a few kilobytes: check that this "
                    "is the right file",
                ),
            )
        raw = path.read_bytes()
    except OSError as error:
        reason = error.strerror or type(error).__name__
        return _failed(
            path,
            Problem.of(
                "unreadable-file",
                f"cannot read the file: {reason}",
                path,
                hint="check that it is a file and that you may read it",
            ),
        )
    from .fastyaml import fast_parse  # the C reader, when the file allows it

    return fast_parse(raw, path) or parse_yaml(raw, path)


def parse_yaml(raw: bytes, path: Path) -> ParsedFile:
    """Parse the bytes of a file named `path` (used only to label problems)."""
    text_or_problem = _decode(raw, path)
    if isinstance(text_or_problem, Problem):
        return _failed(path, text_or_problem)
    text = text_or_problem
    if not text.strip():
        return _failed(
            path,
            Problem.of(
                "empty-file",
                "the file is empty",
                path,
                1,
                1,
                hint="fill it in, or delete it if it is not needed",
            ),
        )
    early = _merge_conflicts(text, path) or _tabs(text, path)
    if early:
        return ParsedFile(None, SourceMap(path), tuple(early), text)
    from .careful import build  # ruamel.yaml is imported only when a file needs it

    parsed = build(path, text)
    return ParsedFile(parsed.data, parsed.source, parsed.problems, text)


def _failed(path: Path, problem: Problem) -> ParsedFile:
    return ParsedFile(None, SourceMap(path), (problem,))


def _decode(raw: bytes, path: Path) -> str | Problem:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return Problem.of(
            "not-utf8",
            "the file is saved as UTF-16; lcspr reads UTF-8 text",
            path,
            1,
            1,
            hint="save it again with the encoding set to UTF-8",
        )
    if b"\x00" in raw:
        return Problem.of(
            "not-utf8",
            "the file holds binary data, not text",
            path,
            raw[: raw.index(b"\x00")].count(b"\n") + 1,
            hint="a data file must be UTF-8 text; check that this is the right file",
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        bad = raw[error.start : error.start + 1].hex().upper()
        return Problem.of(
            "not-utf8",
            f"the file is not UTF-8 text (byte 0x{bad} on line {line})",
            path,
            line,
            hint="save it again with the encoding set to UTF-8; files from older Windows "
            "programs are often Latin-1 or Windows-1252",
        )


_CONFLICT_START = re.compile(r"^<{7}(?: |$)")
_CONFLICT_MARKER = re.compile(r"^(?:<{7}|>{7}|\|{7})(?: |$)|^={7}$")


def _merge_conflicts(text: str, path: Path) -> list[Problem]:
    lines = text.splitlines()
    if not any(_CONFLICT_MARKER.match(line) and line[0] in "<>" for line in lines):
        return []
    return [
        Problem.of(
            "merge-conflict",
            "unresolved merge conflict: the file still holds git's conflict markers",
            path,
            number,
            1,
            hint="keep the right version of the lines between <<<<<<< and >>>>>>>, then "
            "delete the marker lines (<<<<<<<, |||||||, =======, >>>>>>>)",
        )
        for number, line in enumerate(lines, start=1)
        if _CONFLICT_START.match(line)
    ] or [
        Problem.of(
            "merge-conflict",
            "unresolved merge conflict: the file still holds git's conflict markers",
            path,
            next(n for n, line in enumerate(lines, 1) if _CONFLICT_MARKER.match(line)),
            1,
            hint="resolve the conflict and delete the marker lines",
        )
    ]


def _tabs(text: str, path: Path) -> list[Problem]:
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent and line.strip():
            problems.append(
                Problem.of(
                    "yaml-tab",
                    "a tab is used to indent this line; YAML indents with spaces only",
                    path,
                    number,
                    indent.index("\t") + 1,
                    hint="replace the tab with spaces (two spaces per level)",
                )
            )
    return problems


_NULL = {"", "~", "null", "Null", "NULL"}
# Booleans in YAML 1.1 (and to PyYAML and many editors) but text in YAML 1.2.
_YAML11_BOOLEANS = frozenset(
    word
    for base in ("y", "yes", "n", "no", "on", "off")
    for word in (base, base.capitalize(), base.upper())
)
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]+$")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")


def resolve_plain(value: str) -> Any:
    """Resolve an unquoted scalar with the YAML 1.2 core schema (no dates, no yes/no)."""
    if value in _NULL:
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT.match(value):
        return int(value)
    if _FLOAT.match(value):
        return float(value)
    return value


def describe(value: Any) -> str:
    """Name the kind of a parsed value in plain words, for messages."""
    if value is None:
        return "nothing (the value is empty)"
    if isinstance(value, bool):
        return f"the yes/no value `{str(value).lower()}`"
    if isinstance(value, (int, float)):
        return f"the number `{value}`"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of fields"
    return "a value of another kind"
