"""The fast reader (libyaml) must give exactly what the careful reader gives, or decline."""

from __future__ import annotations

import io
import os
from collections import Counter
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from conftest import REPOSITORY
from lcspr_cli.yamlfile.fast import fast_parse
from lcspr_cli.yamlfile.positions import ParsedFile
from lcspr_cli.yamlfile.read import parse_yaml

FILE = Path("x.yaml")


def assert_same(fast: ParsedFile, careful: ParsedFile) -> None:
    assert careful.problems == ()
    assert fast.data == careful.data
    assert dict(fast.source.values) == dict(careful.source.values)
    assert dict(fast.source.keys) == dict(careful.source.keys)
    assert dict(fast.source.ends) == dict(careful.source.ends)


BUNDLED = sorted(
    [*(REPOSITORY / "data").rglob("*.yaml"), *(REPOSITORY / "tests/samples").rglob("*.yaml")]
)
# The quick look takes Markdown emphasis (`*new*`) for an alias and sends these two to the
# careful reader: a false alarm, which only costs speed.
DECLINED_BUNDLED = {
    "tests/samples/reports/recommendations/R/R-1.yaml",
    "tests/samples/reports/recommendations/R/R-5.yaml",
}


def test_every_sample_file_reads_the_same_both_ways() -> None:
    for path in [*BUNDLED, *(REPOSITORY / "tests/corpus").glob("*.yaml")]:
        raw = path.read_bytes()
        fast = fast_parse(raw, path)
        if fast is not None:
            assert_same(fast, parse_yaml(raw, path))


def test_the_fast_reader_reads_every_plain_bundled_file() -> None:
    assert len(BUNDLED) >= 20
    declined = {
        path.relative_to(REPOSITORY).as_posix()
        for path in BUNDLED
        if fast_parse(path.read_bytes(), path) is None
    }
    assert declined <= DECLINED_BUNDLED


def test_the_fast_reader_declines_what_the_careful_one_reports() -> None:
    for text in [
        "a: 1\na: 2\n",
        "a: &x 1\nb: *x\n",
        "a: !!python/name:os.system x\n",
        "a: yes\n",
        "a:\n",
        "- 1\n",
        "a: 1\n---\nb: 2\n",
        "a:\n\t- b\n",
        "<<<<<<< HEAD\na: 1\n=======\na: 2\n>>>>>>> x\n",
        "a: " + "[" * 40 + "]" * 40 + "\n",
        "a: [1\n",
        "",
    ]:
        assert fast_parse(text.encode(), FILE) is None, text


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.text(max_size=20),
    st.sampled_from(["2025-03-31", "no", "LEO-3.1", "a: b", "x # y", "- z", "'q'", "multi\nline"]),
)
TREES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(min_size=1, max_size=8), inner, max_size=4)
    ),
    max_leaves=15,
)


def test_generated_files_read_the_same_whenever_the_fast_reader_accepts() -> None:
    taken = Counter[bool]()

    @settings(max_examples=int(os.environ.get("LCSPR_FUZZ_EXAMPLES", "300")), deadline=None)
    @given(
        tree=st.dictionaries(st.text(min_size=1, max_size=8), TREES, min_size=1, max_size=5),
        flow=st.booleans(),
    )
    def read_both_ways(tree: dict[str, object], flow: bool) -> None:
        yaml = YAML(typ="safe", pure=True)
        yaml.default_flow_style = flow
        stream = io.StringIO()
        yaml.dump(tree, stream)
        raw = stream.getvalue().encode()
        fast = fast_parse(raw, FILE)
        taken[fast is not None] += 1
        if fast is not None:
            assert_same(fast, parse_yaml(raw, FILE))

    read_both_ways()
    # The comparison means nothing if the fast reader declines everything: it reads some
    # three files in four of these (those without tabs, `*`, `&`, `!`, yes/no, ...).
    assert taken[True] >= max(1, taken.total() // 4), taken
