"""Writing files: always atomically, never over a change made meanwhile, and never over a
document lcspr did not write."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path


class WriteRefused(Exception):
    """The file was not written; the message says why in one line."""


def write_generated(path: Path, text: str, marker: str, *, force: bool = False) -> None:
    """Write `text` to `path` through a temporary file renamed over it.

    An existing file is replaced only if its first line is `marker` (lcspr wrote it), or
    with `force`. On any failure the original file is left as it was.
    """
    if path.is_dir():
        raise WriteRefused(f"{path} is a folder; give a file name")
    if path.exists() and not force and _first_line(path) != marker:
        raise WriteRefused(
            f"{path} exists and was not written by lcspr; choose another file, or add "
            "--force to replace it"
        )
    _atomic_write(path, text.encode("utf-8"))


def write_owned(
    path: Path, data: bytes, ours: Callable[[bytes], bool], *, force: bool = False
) -> None:
    """Write `data` to `path` atomically, replacing an existing file only if `ours` says
    lcspr wrote it (a Word file carries a mark in its properties), or with `force`."""
    if path.is_dir():
        raise WriteRefused(f"{path} is a folder; give a file name")
    if path.exists() and not force and not ours(_read(path)):
        raise WriteRefused(
            f"{path} exists and was not written by lcspr; choose another file, or add "
            "--force to replace it"
        )
    _atomic_write(path, data)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""


def _first_line(path: Path) -> str:
    try:
        with path.open(encoding="utf-8", errors="replace") as stream:
            return stream.readline().rstrip("\r\n")
    except OSError:
        return ""


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def replace_file(path: Path, before: bytes | None, after: bytes) -> None:
    """Write `after` to `path` atomically, only if the file still holds `before`.

    `before` is None for a new file, which must still not exist. Refusing when the file
    changed since it was read means a change made meanwhile (by an editor, a merge) is
    never lost. The file keeps its permissions.
    """
    _unchanged(path, before)
    _atomic_write(path, after)


def replace_files(files: Sequence[tuple[Path, bytes | None, bytes]]) -> None:
    """Write many files as `replace_file` writes one (`files` holds each one's path,
    `before` and `after`), all or none as far as a file system allows.

    Every file is checked, and its new text written to a temporary file beside it, before
    any is replaced: a file changed meanwhile, or a temporary file that cannot be written,
    leaves every file as it was. The temporary files are then made durable together (one
    sync, not one for each file, which is most of the time of writing thousands) and
    renamed over their files in the order given. A rename that fails (the folder made
    read-only meanwhile) stops there, saying how many files were written.
    """
    made: list[Path] = []
    temporaries: list[tuple[Path, str]] = []
    try:
        for path, before, after in files:
            made.extend(_unchanged(path, before))
            temporaries.append((path, _temporary(path, after, durable=not _SYNC)))
    except WriteRefused:
        _discard([temporary for _, temporary in temporaries], made)
        raise
    if _SYNC:
        os.sync()
    for index, (path, temporary) in enumerate(temporaries):
        try:
            os.replace(temporary, path)
        except OSError as error:
            _discard([t for _, t in temporaries[index:]], [])
            raise WriteRefused(
                f"cannot write {path}: {error.strerror or error}; "
                f"{index} of {len(temporaries)} files were written"
            ) from None


_SYNC = hasattr(os, "sync")
"""Whether all the file system's writes can be made durable at once (not on Windows)."""


def _unchanged(path: Path, before: bytes | None) -> list[Path]:
    """Refuse unless `path` holds `before` (None: does not exist); for a new file, make
    its folder (a new recommendation may open its review's), returning the folders made."""
    try:
        current = path.read_bytes() if path.exists() else None
    except OSError as error:
        raise WriteRefused(f"cannot read {path}: {error.strerror or error}") from None
    if current != before:
        raise WriteRefused(
            f"{path} changed on disk since lcspr read it; nothing was written: run the "
            "command again"
        )
    if before is not None:
        return []
    missing = [folder for folder in (path.parent, *path.parent.parents) if not folder.exists()]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise WriteRefused(f"cannot create {path.parent}: {error.strerror or error}") from None
    return missing


def _discard(temporaries: list[str], folders: list[Path]) -> None:
    """Remove temporary files, then the folders made for them (the deepest first)."""
    for temporary in temporaries:
        Path(temporary).unlink(missing_ok=True)
    for folder in folders:
        with contextlib.suppress(OSError):
            folder.rmdir()


def _atomic_write(path: Path, data: bytes) -> None:
    temporary = _temporary(path, data)
    try:
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise WriteRefused(
            f"cannot write {path}: {error.strerror or error}; nothing was changed"
        ) from None


def _temporary(path: Path, data: bytes, *, durable: bool = True) -> str:
    """A temporary file beside `path` holding `data`, with the permissions of `path` (or
    a new file's); on disk once it returns, if `durable`."""
    try:
        mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else _default_mode()
        handle, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
        )
    except OSError as error:
        raise WriteRefused(f"cannot write {path}: {error.strerror or error}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
        os.chmod(temporary, mode)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise WriteRefused(
            f"cannot write {path}: {error.strerror or error}; nothing was changed"
        ) from None
    return temporary


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write `data` atomically unless the file holds it already; True when written."""
    if path.is_file() and path.read_bytes() == data:
        return False
    _atomic_write(path, data)
    return True
