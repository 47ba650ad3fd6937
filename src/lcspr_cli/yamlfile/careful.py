"""The careful reader: one file's YAML parser events (ruamel.yaml) turned into data and a
source map, every position known, and everything lcspr refuses reported at its line.

It is used for the files the fast reader (`fast`) declines, and for editing.
"""

from __future__ import annotations

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

from ..problems import Problem
from ..wording import describe
from .positions import DataPath, ParsedFile, Position, SourceMap, position_of
from .scalars import MAX_DEPTH, YAML11_BOOLEANS, resolve_plain


def build(path: Path, text: str) -> ParsedFile:
    """Parse `text`, the decoded content of the file at `path`."""
    return _Builder(path).build(text)


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
            if _is_plain(event) and event.value in YAML11_BOOLEANS:
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
    return position_of(event.start_mark)


def _opened(context: str) -> str:
    if "quoted" in context:
        return "quoted text"
    return "[list]" if "sequence" in context else "{mapping}"


def _end(event: Event) -> Position:
    return position_of(event.end_mark)


def _is_plain(event: ScalarEvent) -> bool:
    return event.style is None or event.style == ""
