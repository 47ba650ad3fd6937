"""The pydantic models are derived from the records: the same fields, names in the file,
defaults and order, and validation gives the records themselves."""

from __future__ import annotations

from datetime import date

import msgspec
import pytest
from pydantic import ValidationError

from lcspr_cli.records.dates import Due
from lcspr_cli.records.models import RECORDS, Action, Recommendation, Record
from lcspr_cli.records.pydantic_models import as_json, field_names, model_of, validate

ACTION = {"id": "A-1.1", "action": "x", "owner": ["a", "b"], "due": "2026-03", "status": "open"}


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: r.__name__)
def test_each_model_has_its_record_s_fields(record: type[Record]) -> None:
    model = model_of(record)
    fields = msgspec.structs.fields(record)
    assert model.__name__ == record.__name__ and model.label == record.label
    assert list(model.model_fields) == [f.name for f in fields]
    assert field_names(model) == [f.encode_name for f in fields]
    for info in fields:
        derived = model.model_fields[info.name]
        assert derived.is_required() == info.required
        if not info.required:
            assert derived.default == info.default


def test_validation_gives_the_record_with_its_target_date_as_written() -> None:
    action = validate(Action, {**ACTION, "status": "in-progress"})
    assert type(action) is Action
    assert action.owners == ("a", "b")
    assert isinstance(action.due, Due) and action.due == date(2026, 3, 31)
    assert action.due.form == "2026-03"


def test_a_record_s_own_checks_run() -> None:
    with pytest.raises(ValidationError) as caught:
        validate(Action, ACTION)  # "open" is not an action's status
    assert caught.value.errors()[0]["type"] == "literal_error"
    rec = {"id": "A-1", "review": "A", "number": "1", "title": "t", "text": "x", "due": "2026-03"}
    with pytest.raises(ValidationError) as caught:
        validate(Recommendation, rec)
    assert caught.value.errors()[0]["type"] == "missing-field"  # status
    assert validate(Recommendation, {**rec, "response": {"decision": "not-accepted", "note": "n"}})


def test_json_leaves_out_a_later_field_while_unused() -> None:
    action = validate(Action, {**ACTION, "status": "in-progress"})
    written = as_json(action)
    assert written["owner"] == ["a", "b"] and written["due"] == "2026-03-31"
    assert "serves" not in written and "revisions" not in written
    assert as_json(msgspec.structs.replace(action, serves=("A-2",)))["serves"] == ["A-2"]
