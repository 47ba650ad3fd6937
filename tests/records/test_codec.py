"""Records as bytes and back: the same records, target dates as the file wrote them."""

from __future__ import annotations

import msgspec
import pytest

from conftest import REPOSITORY
from lcspr_cli.records import codec
from lcspr_cli.records.dates import Due
from lcspr_cli.records.models import Agency, Recommendation
from lcspr_cli.records.pydantic_models import validate
from lcspr_cli.yamlfile.read import read_yaml


def test_the_bundled_records_come_back_the_same() -> None:
    files = sorted((REPOSITORY / "data" / "recommendations").rglob("*.yaml"))
    for path in files:
        parsed = read_yaml(path)
        record = validate(Recommendation, parsed.data)
        positions = parsed.source.pack()
        blob = codec.encode(positions, [(record, ())])
        assert codec.decode(Recommendation, blob) == (positions, [(record, ())])
        dues = [a.due for a in record.actions]
        back = [a.due for a in codec.decode(Recommendation, blob)[1][0][0].actions]
        assert [(type(d), d.written, d.form) for d in back] == [
            (type(d), d.written, d.form) for d in dues if isinstance(d, Due)
        ]


def test_records_of_another_kind_are_refused() -> None:
    agency = Agency(id="council", name="Council")
    blob = codec.encode((b"", b""), [(agency, ("agencies", 0))])
    assert codec.decode(Agency, blob)[1] == [(agency, ("agencies", 0))]
    with pytest.raises(msgspec.ValidationError):
        codec.decode(Recommendation, blob)


def test_a_quarter_target_keeps_its_form() -> None:
    rec = {
        "id": "A-1", "review": "A", "number": "1", "title": "t", "text": "x",
        "due": "2026/27-Q4", "status": "open",
    }  # fmt: skip
    record = validate(Recommendation, rec)
    [(back, _)] = codec.decode(Recommendation, codec.encode((b"", b""), [(record, ())]))[1]
    assert isinstance(back.due, Due) and back.due.form == "2026/27-Q4"
    assert back.due.written == record.due.written  # type: ignore[union-attr]
