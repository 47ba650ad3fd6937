"""A new data folder (`lcspr init`): empty registers that pass `lcspr check` at once, a
README for the officer who keeps the log, and what git and editors need.

The data folder is made in a temporary folder beside it and renamed into place, so it is
made whole or not at all. Beside it go what belongs there: the JSON Schema files that its
files' first lines name (`schemas/`, as `lcspr schema` writes them), and the line of
`.gitignore` that keeps lcspr's cache out of git, since the cache is kept beside the
data folder, not in it. In it goes a `.gitignore` for `.private-terms`.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from datetime import date
from pathlib import Path

from msgspec import Struct

from ..load.cache import CACHE_FOLDER
from ..locate import AGENCIES_FILE, PRIVATE_TERMS_FILE, RECOMMENDATIONS_FOLDER, REVIEWS_FILE
from ..pipeline import check_folder
from ..records.schema import json_schemas
from .document import EditError
from .write import WriteRefused, replace_file, write_if_changed

SCHEMAS_FOLDER = "schemas"
CACHE_IGNORE = f"/{CACHE_FOLDER}/"

_AGENCIES = f"""\
# yaml-language-server: $schema=../{SCHEMAS_FOLDER}/lcspr-agencies.schema.json
# The agencies that can own recommendations and actions. Add one with
#   lcspr new agency ID --name "Full name" [--kind "local authority"]
# and record one that ends (a reorganisation) with
#   lcspr end-agency ID --on YYYY-MM-DD --replaced-by NEW-ID ...
# An id is lower-case letters, digits and hyphens, and never changes once used.
agencies: []
"""

_REVIEWS = f"""\
# yaml-language-server: $schema=../{SCHEMAS_FOLDER}/lcspr-reviews.schema.json
# The reviews tracked in this log, with their learning themes. Add one with
#   lcspr new review ID --title "..." --partnership AGENCY [--theme ID="Theme title" ...]
# A review id is upper-case letters, digits and hyphens: it starts the id of every
# recommendation of the review (LEO-1, LEO-2a).
reviews: []
"""

_README = """\
# The action log

This folder is the partnership's action log for the recommendations of its Local Child
Safeguarding Practice Reviews, kept with lcspr. Every file is plain text that lcspr
checks; keep the folder in git, so that every change is dated and its author known.

- `agencies.yaml`: the agencies that can own recommendations and actions.
- `reviews.yaml`: the reviews, with their learning themes.
- `recommendations/`: one file per recommendation, holding its actions.
- `evidence/` (make it when you need it): documents kept with the log. Most evidence is
  kept by the agency that holds it, and the log says only where.

## Getting started

```
lcspr new agency example-scp --name "Example Safeguarding Children Partnership"
lcspr new agency example-council --name "Example Council" --kind "local authority"
lcspr new review EXAMPLE --title "Local Child Safeguarding Practice Review Example" \\
    --partnership example-scp --published 2025-06-30
lcspr new recommendation --review EXAMPLE --number 1 --title "A short title" \\
    --owner example-council --due 2026-03-31
lcspr new action EXAMPLE-1 --action "What will be done" --owner example-council \\
    --due 2026-01-31
lcspr check
```

`lcspr new recommendation` opens your editor for the recommendation's text, to be copied
as printed in the report (or give it with `--text`).

## Every day

```
lcspr status                                    # where every recommendation stands
lcspr overdue                                   # what is late
lcspr set-status EXAMPLE-1.1 complete --on 2026-01-15
lcspr add-update EXAMPLE-1.1 --note "Training delivered to the first cohort"
lcspr add-evidence EXAMPLE-1.1 --title "Training register" --held-by example-council
lcspr summary --output summary.md               # the quarterly summary for the board
```

Add `--dry-run` to any editing command to see the change before it is made. Every
command explains itself with `--help`.

## Never record personal data

These files may be published. Use the review's published pseudonym and role titles, never
names, dates of birth, NHS numbers, addresses or case numbers. lcspr refuses an edit that
looks as if it holds them. List names that must never appear (the family's, say) in a file
named `.private-terms` in this folder, one per line: lcspr looks for them too, and this
folder's `.gitignore` keeps that file out of git.
"""

_GITIGNORE = f"""\
# The names lcspr looks for and refuses: never commit them.
{PRIVATE_TERMS_FILE}
"""


class NewFolder(Struct, frozen=True):
    """What `lcspr init` writes: the data folder's files, the schema files beside it, and
    the line for the `.gitignore` beside it."""

    folder: Path
    files: dict[str, str]
    schemas: Path
    gitignore: Path

    @property
    def listing(self) -> list[Path]:
        """Every file it writes or changes, in the order it writes them."""
        return [
            *(self.folder / name for name in self.files),
            *(self.schemas / name for name in json_schemas()),
            self.gitignore,
        ]


def plan_new_folder(folder: Path) -> NewFolder:
    """What a new data folder at `folder` holds; refused when `folder` holds anything."""
    if folder.exists():
        if (folder / AGENCIES_FILE).exists():
            raise EditError(f"{folder} is a data folder already (it holds {AGENCIES_FILE})")
        if not folder.is_dir():
            raise EditError(f"{folder} is a file; give the name of a new folder")
        if any(folder.iterdir()):
            raise EditError(f"{folder} is not empty; give the name of a new folder")
    files = {
        AGENCIES_FILE: _AGENCIES,
        REVIEWS_FILE: _REVIEWS,
        "README.md": _README,
        ".gitignore": _GITIGNORE,
        f"{RECOMMENDATIONS_FOLDER}/.gitkeep": "",
    }
    beside = Path(os.path.relpath(Path(os.path.normpath(folder.absolute())).parent))
    return NewFolder(folder, files, beside / SCHEMAS_FOLDER, beside / ".gitignore")


def make_new_folder(new: NewFolder, today: date) -> list[str]:
    """Write the new data folder whole, then the files beside it; return a line for each
    file beside it that was written or changed."""
    parent = Path(os.path.normpath(new.folder.absolute())).parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        building = Path(tempfile.mkdtemp(dir=parent, prefix=f".{new.folder.name}."))
    except OSError as error:
        raise WriteRefused(f"cannot create {new.folder}: {error.strerror or error}") from None
    try:
        for name, text in new.files.items():
            (building / name).parent.mkdir(parents=True, exist_ok=True)
            (building / name).write_text(text, encoding="utf-8")
        problems = check_folder(building, today).problems
        if problems:  # never: the templates are tested; but never leave a faulty folder
            raise EditError(f"the new folder would not pass lcspr check: {problems[0].message}")
        if new.folder.is_dir():  # empty, as planned (the current folder, it may be)
            _move_into(building, new.folder)
        else:
            os.rename(building, new.folder)
    except OSError as error:
        raise WriteRefused(f"cannot create {new.folder}: {error.strerror or error}") from None
    finally:
        shutil.rmtree(building, ignore_errors=True)
    return [*_schemas(new.schemas), *_ignore_cache(new.gitignore)]


def _move_into(building: Path, folder: Path) -> None:
    """Move what `building` holds into the empty `folder`; on a failure, take it out again."""
    moved: list[Path] = []
    try:
        for entry in sorted(building.iterdir()):
            os.rename(entry, folder / entry.name)
            moved.append(folder / entry.name)
    except OSError:
        for path in moved:
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()
        raise


def _schemas(folder: Path) -> list[str]:
    try:
        folder.mkdir(exist_ok=True)
        written = [
            name
            for name, text in json_schemas().items()
            if write_if_changed(folder / name, text.encode("utf-8"))
        ]
    except (OSError, WriteRefused) as error:
        return [f"could not write the schema files ({error}); `lcspr schema` writes them"]
    return [f"wrote {folder.as_posix()}/ ({', '.join(written)})"] if written else []


def _ignore_cache(path: Path) -> list[str]:
    """Add the cache folder to the `.gitignore` beside the data folder, unless it has it."""
    try:
        before = path.read_bytes() if path.exists() else None
    except OSError as error:
        return [f"could not read {path} ({error.strerror or error}); add {CACHE_IGNORE} to it"]
    text = before or b""
    if any(line.strip().strip(b"/") == CACHE_FOLDER.encode() for line in text.splitlines()):
        return []
    newline = b"\r\n" if b"\r\n" in text else b"\n"
    separator = b"" if not text or text.endswith(b"\n") else newline
    lines = [b"# lcspr's cache of what it read: never commit it", CACHE_IGNORE.encode(), b""]
    try:
        replace_file(path, before, text + separator + newline.join(lines))
    except WriteRefused as error:
        return [f"{error}; add {CACHE_IGNORE} to it"]
    return [f"added {CACHE_IGNORE} to {path.as_posix()}, for lcspr's cache"]
