from __future__ import annotations

from pathlib import Path

import pytest

from lcspr_cli.locate import DataFolderNotFound, locate_data


def make_data(parent: Path) -> Path:
    data = parent / "data"
    data.mkdir(parents=True)
    (data / "agencies.yaml").write_text("agencies: []\n")
    return data


def test_explicit_folder_wins_over_environment_and_search(tmp_path: Path) -> None:
    explicit = make_data(tmp_path / "a")
    other = make_data(tmp_path / "b")
    found = locate_data(explicit, {"LCSPR_DATA": str(other)}, other.parent)
    assert found == explicit


def test_environment_variable_is_used_next(tmp_path: Path) -> None:
    other = make_data(tmp_path / "b")
    assert locate_data(None, {"LCSPR_DATA": str(other)}, tmp_path) == other


def test_nearest_data_folder_above_the_current_folder(tmp_path: Path) -> None:
    outer = make_data(tmp_path)
    inner = make_data(tmp_path / "project")
    deep = tmp_path / "project" / "docs" / "notes"
    deep.mkdir(parents=True)
    assert locate_data(None, {}, deep) == inner
    assert locate_data(None, {}, tmp_path / "elsewhere") == outer


def test_not_found_says_where_it_looked(tmp_path: Path) -> None:
    with pytest.raises(DataFolderNotFound) as caught:
        locate_data(None, {}, tmp_path)
    message = str(caught.value)
    assert str(tmp_path) in message
    assert "--data" in message
    assert "LCSPR_DATA" in message
    assert "\n" not in message


def test_a_folder_without_agencies_is_not_a_data_folder(tmp_path: Path) -> None:
    with pytest.raises(DataFolderNotFound, match=r"has no agencies\.yaml"):
        locate_data(tmp_path, {}, tmp_path)
    with pytest.raises(DataFolderNotFound, match="not a folder"):
        locate_data(tmp_path / "missing", {}, tmp_path)
