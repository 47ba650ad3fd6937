"""lcspr's JSON text is the standard library's, indented by two spaces, text unescaped."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from lcspr_cli.render import json_text

SCALARS = st.none() | st.booleans() | st.integers() | st.text()
"""What lcspr's JSON holds: no floats, which msgspec writes in a different form (6e-05 as
0.00006)."""
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300)
@given(VALUES)
def test_the_same_text_as_json_dumps(value: object) -> None:
    assert json_text.dumps(value) == json.dumps(value, indent=2, ensure_ascii=False)


def test_text_is_written_as_it_is() -> None:
    assert (
        json_text.dumps({"owner": "Île", "n": [1, 2]})
        == '{\n  "owner": "Île",\n  "n": [\n    1,\n    2\n  ]\n}'
    )
