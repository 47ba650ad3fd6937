from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from conftest import SAMPLES
from lcspr_cli.pipeline import check_folder, trend_of_folder


def test_a_trend_from_files_already_checked_is_the_trend_from_reading_them(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "data"  # outside any git repository: every point from the files
    shutil.copytree(SAMPLES / "reports", folder)
    day = date(2026, 3, 31)
    read = trend_of_folder(folder, day, 3, corrected=True)
    live = check_folder(folder, date(2026, 9, 30))
    given = trend_of_folder(folder, day, 3, corrected=True, live=live)
    assert given.points == read.points and len(read.points) == 3
    assert given.check is live
