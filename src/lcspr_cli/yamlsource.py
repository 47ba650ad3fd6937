"""Read one YAML file into plain data plus the line and column of every key and value.

The file is read as a stream of parser events (ruamel.yaml), never constructed into
objects: tags are refused rather than executed, aliases are refused rather than expanded,
and a duplicate key is reported at its own line. Scalars are resolved with the YAML 1.2
core schema, so `no` and `on` stay text and dates stay text for the models to parse.
"""

from __future__ import annotations

import marshal
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    CollectionStartEvent,
    DocumentStartEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    NodeEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from ruamel.yaml.reader import ReaderError

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
        """The positions as one compact blob (for the cache, or from a helper process)."""
        return marshal.dumps((dict(self.values), dict(self.keys), dict(self.ends)))

    @classmethod
    def unpack(cls, file: Path, blob: bytes) -> SourceMap:
        """The source map of `pack`; the blob is unpacked only when a position is asked
        for, which, for most files, it never is."""
        packed = _Packed(blob)
        return cls(file, _Unpacked(packed, 0), _Unpacked(packed, 1), _Unpacked(packed, 2))


class _Packed:
    __slots__ = ("blob", "maps")

    def __init__(self, blob: bytes) -> None:
        self.blob = blob
        self.maps: tuple[dict[DataPath, Position], ...] | None = None

    def get(self, index: int) -> dict[DataPath, Position]:
        if self.maps is None:
            self.maps = marshal.loads(self.blob)
            self.blob = b""
        return self.maps[index]


class _Unpacked(Mapping[DataPath, Position]):
    __slots__ = ("index", "packed")

    def __init__(self, packed: _Packed, index: int) -> None:
        self.packed = packed
        self.index = index

    def __getitem__(self, path: DataPath) -> Position:
        return self.packed.get(self.index)[path]

    def __iter__(self) -> Iterator[DataPath]:
        return iter(self.packed.get(self.index))

    def __len__(self) -> int:
        return len(self.packed.get(self.index))


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
    parsed = _Builder(path).build(text)
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


class _Frame:
    """A mapping or sequence being filled, with the path of the value it will become."""

    def __init__(
        self, container: dict[str, Any] | list[Any], path: DataPath, flow: bool = False
    ) -> None:
        self.container = container
        self.path = path
        self.flow = flow
        self.key: str | None = None


class _Builder:
    """Turns one file's parser events into data and a source map."""

    def __init__(self, file: Path) -> None:
        self.file = file
        self.values: dict[DataPath, Position] = {}
        self.keys: dict[DataPath, Position] = {}
        self.ends: dict[DataPath, Position] = {}
        self.problems: list[Problem] = []
        self.stack: list[_Frame] = []
        self.root: Any = None
        self.documents = 0

    def build(self, text: str) -> ParsedFile:
        try:
            for event in YAML(typ="safe", pure=True).parse(text):
                self._handle(event)
        except MarkedYAMLError as error:
            return self._failed(self._syntax_problem(error))
        except ReaderError as error:
            line = text[: error.position].count("\n") + 1
            return self._failed(
                Problem.of(
                    "not-utf8",
                    f"the file holds a control character ({error.character!r}) that is not "
                    "allowed in text",
                    self.file,
                    line,
                    hint="delete the character; it is often pasted in from another program",
                )
            )
        except YAMLError as error:  # any other parser failure is still bad input
            return self._failed(Problem.of("yaml-syntax", str(error), self.file))
        except _Stop as error:
            return self._failed(error.problem)
        source = SourceMap(self.file, self.values, self.keys, self.ends)
        if self.root is None:
            self.problems.append(
                Problem.of(
                    "empty-file",
                    "the file holds only comments, no data",
                    self.file,
                    1,
                    1,
                    hint="fill it in, or delete it if it is not needed",
                )
            )
            return ParsedFile(None, source, tuple(self.problems))
        if not isinstance(self.root, dict):
            self.problems.append(
                Problem.of(
                    "not-a-mapping",
                    f"the file holds {describe(self.root)}, but lcspr expects `field: value` "
                    "lines at the top level",
                    self.file,
                    *self.values.get((), (1, 1)),
                    hint="start the file with a line such as `id: LEO-1` (no dash in front)",
                )
            )
            return ParsedFile(None, source, tuple(self.problems))
        return ParsedFile(self.root, source, tuple(self.problems))

    def _failed(self, problem: Problem) -> ParsedFile:
        return ParsedFile(None, SourceMap(self.file), (*self.problems, problem))

    def _syntax_problem(self, error: MarkedYAMLError) -> Problem:
        """A syntax error at the line a person should look at.

        For something left open (a quote, a [list] or {mapping}) that is where it
        starts, not where the parser gave up, which may be the end of the file.
        """
        what = error.problem or error.context or "the file is not valid YAML"
        mark = error.problem_mark or error.context_mark
        context = error.context or ""
        if error.context_mark is not None and ("quoted" in context or "flow" in context):
            mark = error.context_mark
            what = f"{what}; the {_opened(context)} that starts here is not closed"
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
        return Problem.of(
            "yaml-syntax",
            f"this is not valid YAML: {what}",
            self.file,
            line,
            column,
            hint="check the indentation of this line and the one before it, and put text "
            "that contains `: ` or starts with a special character (' \" [ { & * ! | > % @) "
            "in quotes",
        )

    def _handle(self, event: Event) -> None:
        if isinstance(event, DocumentStartEvent):
            self.documents += 1
            if self.documents == 2:
                self._problem(
                    event,
                    "yaml-multiple-documents",
                    "a second YAML document starts here (after `---`); lcspr reads one "
                    "record per file",
                    "remove the `---` line, or move the second record into a file of its own",
                )
            return
        if isinstance(event, (MappingEndEvent, SequenceEndEvent)):
            frame = self.stack.pop()
            if frame.flow:
                self.ends.setdefault(frame.path, _end(event))
            if not self.stack and self.documents == 1:
                self.root = frame.container
            return
        if not isinstance(event, NodeEvent):
            return
        self._check_anchor_and_tag(event)
        if self.stack and isinstance(self.stack[-1].container, dict) and self.stack[-1].key is None:
            self._take_key(event)
            return
        path = self._next_path()
        self.values.setdefault(path, _position(event))
        value: Any
        if isinstance(event, MappingStartEvent):
            value = {}
        elif isinstance(event, SequenceStartEvent):
            value = []
        elif isinstance(event, ScalarEvent):
            value = resolve_plain(event.value) if _is_plain(event) else event.value
            self.ends.setdefault(path, _end(event))
            if _is_plain(event) and event.value in _YAML11_BOOLEANS:
                self._problem(
                    event,
                    "yaml-ambiguous",
                    f"`{event.value}` is text to lcspr, but other YAML tools read it as "
                    f"{'true' if event.value.lower() in ('y', 'yes', 'on') else 'false'}",
                    f'put it in quotes: "{event.value}"',
                )
        else:  # an alias, already reported: stands for nothing
            value = None
        self._store(value)
        if isinstance(event, CollectionStartEvent):
            if len(self.stack) >= MAX_DEPTH:
                raise _Stop(
                    Problem.of(
                        "too-deep",
                        f"the data is nested more than {MAX_DEPTH} levels deep",
                        self.file,
                        *_position(event),
                        hint="no lcspr record is nested this deep: check the indentation",
                    )
                )
            self.stack.append(_Frame(value, path, bool(event.flow_style)))

    def _take_key(self, event: NodeEvent) -> None:
        frame = self.stack[-1]
        if not isinstance(event, ScalarEvent):
            raise _Stop(
                Problem.of(
                    "yaml-syntax",
                    "a field name must be plain text, not a list or a mapping",
                    self.file,
                    *_position(event),
                    hint="write the field name followed by a colon, like `owner: nwas`",
                )
            )
        key = event.value
        assert isinstance(frame.container, dict)
        if key in frame.container:
            first_line = self.keys[(*frame.path, key)][0]
            self._problem(
                event,
                "yaml-duplicate-key",
                f"`{key}` appears twice in this record (first on line {first_line})",
                "keep one of the two lines and delete the other",
            )
            key = _DUPLICATE_PREFIX + f"{key}@{event.start_mark.line}"
        else:
            self.keys[(*frame.path, key)] = _position(event)
        frame.key = key

    def _next_path(self) -> DataPath:
        if not self.stack:
            return ()
        frame = self.stack[-1]
        if isinstance(frame.container, dict):
            assert frame.key is not None
            return (*frame.path, frame.key)
        return (*frame.path, len(frame.container))

    def _store(self, value: Any) -> None:
        if not self.stack:
            if self.documents == 1:
                self.root = value
            return
        frame = self.stack[-1]
        if isinstance(frame.container, dict):
            assert frame.key is not None
            if not frame.key.startswith(_DUPLICATE_PREFIX):
                frame.container[frame.key] = value
            frame.key = None
        else:
            frame.container.append(value)

    def _check_anchor_and_tag(self, event: NodeEvent) -> None:
        if isinstance(event, AliasEvent) or event.anchor is not None:
            self._problem(
                event,
                "yaml-anchor",
                "YAML anchors and aliases (`&name`, `*name`) are not allowed in lcspr files",
                "write the value out in full where it is needed",
            )
        tag = getattr(event, "tag", None)
        if tag is not None and not isinstance(event, AliasEvent):
            shown = str(tag).replace("tag:yaml.org,2002:", "!!")
            self._problem(
                event,
                "yaml-tag",
                f"the YAML tag `{shown}` is not allowed in lcspr files",
                "delete the tag (the part starting with `!`); lcspr files hold plain text, "
                "numbers, dates, lists and mappings only",
            )

    def _problem(self, event: Event, code: str, message: str, hint: str) -> None:
        self.problems.append(Problem.of(code, message, self.file, *_position(event), hint=hint))


# A duplicated key is stored under a name no real field can have, so the second value is
# parsed (and its own problems found) but never used.
_DUPLICATE_PREFIX = "\x00duplicate:"


class _Stop(Exception):
    """Raised inside the builder when the rest of the file cannot be read sensibly."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def _position(event: Event) -> Position:
    return (event.start_mark.line + 1, event.start_mark.column + 1)


def _opened(context: str) -> str:
    if "quoted" in context:
        return "quoted text"
    return "[list]" if "sequence" in context else "{mapping}"


def _end(event: Event) -> Position:
    return (event.end_mark.line + 1, event.end_mark.column + 1)


def _is_plain(event: ScalarEvent) -> bool:
    return event.style is None or event.style == ""


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
