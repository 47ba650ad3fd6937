from __future__ import annotations

from pathlib import Path

from lcspr_cli.yamlfile.positions import OUTLINE_DEPTH, SourceMap
from lcspr_cli.yamlfile.read import parse_yaml

FILE = Path("x.yaml")
TEXT = b"""id: A-1
actions:
  - id: A-1.1
    evidence:
      - title: Audit
        held_by: council
  - id: A-1.2
"""


def test_packed_positions_are_the_same_at_every_depth() -> None:
    source = parse_yaml(TEXT, FILE).source
    paths = [*source.values, ("actions", 1, "evidence", 3), ("missing",)]
    assert max(len(path) for path in paths) > OUTLINE_DEPTH
    unpacked = SourceMap.unpack(FILE, source.pack())
    assert [unpacked.position(p) for p in paths] == [source.position(p) for p in paths]


def test_a_line_in_the_outline_unpacks_only_the_outline() -> None:
    unpacked = SourceMap.unpack(FILE, parse_yaml(TEXT, FILE).source.pack())
    assert unpacked.position(("actions", 1)) == (7, 5)
    assert unpacked.position(()) == (1, 1)
    assert unpacked.values.find is not None  # type: ignore[attr-defined]
    assert unpacked.position(("actions", 0, "evidence", 0, "held_by")) == (6, 18)
    assert unpacked.values.find is None  # type: ignore[attr-defined]
