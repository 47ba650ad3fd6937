"""Read one YAML file into plain data plus the line and column of every key and value.

This is the one entry to reading a file. A file is read by libyaml (`fast`) when a quick
look finds nothing that lcspr would report, and otherwise by the careful reader
(`careful`), as a stream of parser events, never constructed into objects: tags are
refused rather than executed, aliases are refused rather than expanded, and a duplicate
key is reported at its own line. Scalars are resolved as `scalars` says.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..problems import Problem
from .positions import DataPath, ParsedFile, Position, SourceMap

MAX_FILE_BYTES = 5 * 1024 * 1024
"""Larger files are refused unread: the biggest real recommendation file is a few kB."""


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
    from .fast import fast_parse  # the C reader, when the file allows it

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


def reread_positions(file: Path) -> SourceMap:
    """The value positions of `file`, found by reading it again if one is asked for (the
    facts of a file from the cache only need one when a check finds a problem)."""

    def find() -> dict[DataPath, Position]:
        return dict(read_yaml(file).source.values)

    return SourceMap.later(file, find)
