from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from conftest import REPOSITORY
from lcspr_cli.cli import app
from lcspr_cli.records.schema import json_schemas


def test_the_committed_schema_files_are_up_to_date() -> None:
    for name, text in json_schemas().items():
        committed = REPOSITORY / "schemas" / name
        assert committed.is_file(), f"run `lcspr schema` to write schemas/{name}"
        assert committed.read_text() == text, f"schemas/{name} is out of date: run `lcspr schema`"


def test_every_bundled_data_file_names_an_existing_schema() -> None:
    files = [
        *(REPOSITORY / "data").glob("*.yaml"),
        *(REPOSITORY / "data").rglob("recommendations/**/*.yaml"),
    ]
    for path in files:
        first = path.read_text().splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("$schema=", 1)[1]).resolve()
        assert target.is_file(), path
        expected = "recommendation" if "recommendations" in path.parts else path.stem
        assert target.name == f"lcspr-{expected}.schema.json", path


def test_the_schema_knows_the_fields_and_their_allowed_values() -> None:
    schema = json.loads(json_schemas()["lcspr-recommendation.schema.json"])
    action = schema["$defs"]["Action"]
    assert action["additionalProperties"] is False
    assert action["properties"]["status"]["enum"] == [
        "not-started",
        "in-progress",
        "complete",
        "dropped",
    ]
    due = re.compile(action["properties"]["due"]["pattern"])
    assert [bool(due.search(v)) for v in ("2026-03-31", "2026-03", "2026/27-Q4")] == [True] * 3
    assert not due.search("31/03/2026") and not due.search("March 2026")
    assert "due" in action["required"]
    owner = schema["properties"]["owner"]["anyOf"]
    assert [kind["type"] for kind in owner] == ["string", "array"]
    for field in ("scope", "response", "measures", "revisions", "updates", "evidence"):
        assert field in schema["properties"], field
    agencies = json.loads(json_schemas()["lcspr-agencies.schema.json"])
    assert "from" in agencies["$defs"]["Agency"]["properties"]


def test_schema_command_writes_only_what_changed(tmp_path: Path) -> None:
    runner = CliRunner()
    first = runner.invoke(app, ["schema", "--output", str(tmp_path)])
    assert first.exit_code == 0
    assert first.stdout.count("wrote ") == 3
    again = runner.invoke(app, ["schema", "--output", str(tmp_path)])
    assert again.stdout.count("up to date: ") == 3
