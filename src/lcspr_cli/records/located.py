"""A record, or its facts, with the file and data path it came from."""

from __future__ import annotations

from pathlib import Path
from typing import Generic, TypeVar

from msgspec import Struct

from ..problems import Problem
from ..yamlfile.positions import DataPath, Key, SourceMap

T = TypeVar("T")


class Located(Struct, Generic[T], frozen=True):
    """A validated record (or its facts) and where it stands: its file's source map and
    its data path."""

    record: T
    source: SourceMap
    path: DataPath = ()

    @property
    def file(self) -> Path:
        return self.source.file

    def line(self, *sub: Key) -> int | None:
        """The line of this record, or of a value or item inside it."""
        return self.source.position((*self.path, *sub))[0]

    def problem(self, code: str, message: str, *sub: Key, hint: str = "") -> Problem:
        """A problem pointing at this record, or at a value or item inside it."""
        line, column = self.source.position((*self.path, *sub))
        return Problem.of(code, message, self.file, line, column, hint)
