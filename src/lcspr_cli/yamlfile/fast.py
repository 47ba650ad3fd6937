"""The fast path for reading a data file: libyaml's C parser, for files that use nothing
the careful reader (`careful`) would have to report.

A file goes the fast way only when a quick look finds none of what lcspr refuses or
reports at the YAML level (tabs, anchors, aliases, tags, directives, several documents,
conflict markers, unquoted yes/no, duplicate keys, deep nesting). Anything else, or any
doubt, returns None and the careful reader reads the file: the two readers give the same
data and the same positions, which a test checks on every sample file.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .positions import DataPath, ParsedFile, Position, SourceMap, position_of
from .scalars import MAX_DEPTH, YAML11_BOOLEANS, resolve_plain

# libyaml comes with PyYAML's wheels; without it, every file takes the careful way.
_CLoader: Any = getattr(yaml, "CSafeLoader", None)

# Anything that may be an anchor, alias or tag (& * ! right after a space or an opening
# bracket, followed by a non-space), a directive or document marker at a line's start,
# a conflict marker, a tab, and the line breaks the two readers count differently (NEL,
# the Unicode line and paragraph separators, a lone CR). False alarms only cost speed;
# plain substring tests go first, as most files have none of these characters.
_NEVER = ("\t", "\x00", "\x85", "\u2028", "\u2029", "<<<<<<<", ">>>>>>>", "|||||||", "\n%")
_DOUBT = re.compile(
    r"(?:^|[\s\[{,:])[&*!]\S|^(?:---|\.\.\.|=======)(?:\s|$)|\r(?!\n)", re.MULTILINE
)


def _doubtful(text: str) -> bool:
    if any(marker in text for marker in _NEVER) or text.startswith("%"):
        return True
    suspect = "&" in text or "*" in text or "!" in text or "\r" in text
    lines = "\n---" in text or "\n..." in text or "\n=======" in text or text.startswith("---")
    return (suspect or lines) and _DOUBT.search(text) is not None


def _no_resolution(self: Any, *_: Any) -> str:
    return ""


def _nothing(self: Any, *_: Any) -> None:
    return None


# libyaml without PyYAML's YAML 1.1 tag resolution: lcspr resolves scalars itself.
_Loader: Any = _CLoader and type(
    "_Loader",
    (_CLoader,),
    {"resolve": _no_resolution, "descend_resolver": _nothing, "ascend_resolver": _nothing},
)


class _Declined(Exception):
    """The fast path will not read this file."""


def fast_parse(raw: bytes, path: Path) -> ParsedFile | None:
    """The file read by libyaml, or None when the careful reader must read it."""
    if _Loader is None:
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    if not text.strip() or _doubtful(text):
        return None
    try:
        root = yaml.compose(text, Loader=_Loader)
        if not isinstance(root, MappingNode):
            return None
        walker = _Walker()
        data = walker.value(root, (), 0)
    except (yaml.YAMLError, _Declined, RecursionError):
        return None
    return ParsedFile(data, SourceMap(path, walker.values, walker.keys, walker.ends), (), text)


class _Walker:
    def __init__(self) -> None:
        self.values: dict[DataPath, Position] = {}
        self.keys: dict[DataPath, Position] = {}
        self.ends: dict[DataPath, Position] = {}
        self.seen: set[int] = set()

    def value(self, node: Node, path: DataPath, depth: int) -> Any:
        if id(node) in self.seen:  # an alias: the careful reader reports it
            raise _Declined
        self.seen.add(id(node))
        self.values[path] = position_of(node.start_mark)
        if isinstance(node, ScalarNode):
            self.ends[path] = position_of(node.end_mark)
            if node.style is None or node.style == "":
                # An empty value's position differs between the readers: the careful
                # reader places it, so both give the same line.
                if node.value in YAML11_BOOLEANS or not node.value:
                    raise _Declined
                return resolve_plain(node.value)
            return node.value
        if depth >= MAX_DEPTH:
            raise _Declined
        assert isinstance(node, (SequenceNode, MappingNode))
        if node.flow_style:
            self.ends[path] = position_of(node.end_mark)
        if isinstance(node, SequenceNode):
            return [self.value(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.value in mapping:
                raise _Declined
            key = key_node.value
            self.keys[(*path, key)] = position_of(key_node.start_mark)
            mapping[key] = self.value(value_node, (*path, key), depth + 1)
        return mapping
