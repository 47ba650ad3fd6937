"""Where things are in a file: the line and column of every key and value, and a parsed
file's data with its problems. A leaf: it imports nothing of lcspr's but `problems`.
"""

from __future__ import annotations

import marshal
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, Protocol

from msgspec import Struct, field

from ..problems import Problem

Key = str | int
DataPath = tuple[Key, ...]
Position = tuple[int, int]


class SourceMap(Struct, frozen=True):
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

    def pack(self) -> Packed:
        """The value positions as compact blobs (for the cache, or from a helper process):
        all that a record's lines and problems need once its file has been read. Key and
        end positions, which only reading and editing a file use, are left out. The
        outline (see `OUTLINE_DEPTH`) is packed apart too, since it is what the reports
        ask for."""
        values = dict(self.values)
        outline = {path: at for path, at in values.items() if len(path) <= OUTLINE_DEPTH}
        return marshal.dumps(outline), marshal.dumps(values)

    @classmethod
    def unpack(cls, file: Path, packed: Packed) -> SourceMap:
        """The source map of `pack`, unpacked only when a position is asked for (which,
        for most files, it never is), and then only its outline if that has it."""
        outline, values = packed
        return cls(file, _Later(lambda: marshal.loads(values), lambda: marshal.loads(outline)))

    @classmethod
    def later(cls, file: Path, find: Callable[[], dict[DataPath, Position]]) -> SourceMap:
        """The source map of `file` whose value positions `find` works out when one is
        first asked for (a file's facts from the cache only need one when a check finds a
        problem)."""
        return cls(file, _Later(find))


OUTLINE_DEPTH = 2
"""How deep the outline of a file's positions goes: a record, its fields, and the items of
its lists (an action of a recommendation, an agency of agencies.yaml), which is where
every line a report prints points."""
Packed = tuple[bytes, bytes]
"""A file's value positions, packed: its outline's, and all of them."""


class _Later(Mapping[DataPath, Position]):
    """Positions worked out when first asked for: the outline's alone (when there is an
    outline) while only paths within it are asked for."""

    __slots__ = ("find", "found", "outline")

    def __init__(
        self,
        find: Callable[[], dict[DataPath, Position]],
        outline: Callable[[], dict[DataPath, Position]] | None = None,
    ) -> None:
        self.find: Callable[[], dict[DataPath, Position]] | None = find
        self.found: dict[DataPath, Position] = {}
        self.outline: Callable[[], dict[DataPath, Position]] | dict[DataPath, Position] | None
        self.outline = outline

    def _positions(self) -> dict[DataPath, Position]:
        if self.find is not None:
            self.found, self.find, self.outline = self.find(), None, None
        return self.found

    def __getitem__(self, path: DataPath) -> Position:
        return self._positions()[path]

    def get(self, path: DataPath, default: Any = None) -> Any:
        if self.outline is not None and len(path) <= OUTLINE_DEPTH:
            if callable(self.outline):
                self.outline = self.outline()
            return self.outline.get(path, default)
        return self._positions().get(path, default)

    def __contains__(self, path: object) -> bool:
        return path in self._positions()

    def __iter__(self) -> Iterator[DataPath]:
        return iter(self._positions())

    def __len__(self) -> int:
        return len(self._positions())


class ParsedFile(Struct, frozen=True):
    """A file's data (None when it could not be read as a mapping) and its problems."""

    data: dict[str, Any] | None
    source: SourceMap
    problems: tuple[Problem, ...]
    text: str = ""
    """The decoded text, when the file could be decoded."""


class Mark(Protocol):
    """A parser's position: 0-based line and column (PyYAML's and ruamel.yaml's marks)."""

    line: int
    column: int


def position_of(mark: Mark) -> Position:
    """A parser mark as the 1-based line and column lcspr reports."""
    return (mark.line + 1, mark.column + 1)
