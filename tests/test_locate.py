from __future__ import annotations

from pathlib import Path

import pytest

from lcspr_cli.locate import DataFolderNotFound, locate_data, repository_top


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
    # Named from the current folder, as a person would type it.
    assert locate_data(None, {}, deep) == Path("../../data")
    assert (deep / locate_data(None, {}, deep)).resolve() == inner.resolve()
    elsewhere = tmp_path / "elsewhere"
    assert (elsewhere / locate_data(None, {}, elsewhere)).resolve() == outer.resolve()


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


def test_the_top_of_a_worktree_or_submodule_is_where_its_git_file_is(tmp_path: Path) -> None:
    (tmp_path / "outer/.git").mkdir(parents=True)
    (tmp_path / "outer/module/data").mkdir(parents=True)
    (tmp_path / "outer/module/.git").write_text("gitdir: ../.git/modules/module\n")
    assert repository_top(tmp_path / "outer/module/data") == tmp_path / "outer/module"
    assert repository_top(tmp_path / "outer/other") == tmp_path / "outer"
