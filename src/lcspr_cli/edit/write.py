"""Writing files: always atomically, never over a change made meanwhile, and never over a
document lcspr did not write."""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
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


class Staging:
    """Files to write together, each as `replace_file` writes one, and all or none as far
    as a file system allows.

    Each file given to `add` is checked (it must still hold what it held when read) and
    its new text written to a temporary file beside it, by a helper process
    (`parallel.Helper`), while the caller works out the next file. `commit` checks every
    file again, makes the temporary files durable together (one sync, not one for each
    file, which is most of the time of writing thousands) and renames them over their
    files in the order given; until then no file has changed. A file changed meanwhile,
    or a temporary file that cannot be written, leaves every file as it was; a rename that
    fails (the folder made read-only meanwhile) stops there, saying how many files were
    written. `discard` removes every temporary file and every folder made for one.
    """

    def __init__(self) -> None:
        from ..parallel import Helper

        self._writer = Helper(_stage, lost=_LOST)
        self._staged: dict[Path, str] = {}
        """Each file given, and the temporary file its text goes to."""
        self._made: set[Path] = set()
        """The folders the new files need that did not exist when they were given."""
        self._folders: set[Path] = set()

    def add(self, path: Path, before: bytes | None, after: bytes) -> None:
        if path.parent not in self._folders:  # the folders the writer may make
            self._folders.add(path.parent)
            for folder in (path.parent, *path.parent.parents):
                if folder.exists():  # and so does every folder above it
                    break
                self._made.add(folder)
        self._staged[path] = temporary = _temporary_name(path)
        self._writer.give((path, temporary, before, after))

    def commit(self, files: Sequence[tuple[Path, bytes | None, bytes]]) -> None:
        """Write `files` (staging those not added yet) in their order; a file staged but
        not among them is not written."""
        for path, before, after in files:
            if path not in self._staged:
                self.add(path, before, after)
        failed = self._writer.finish()
        try:
            if failed is not None:
                raise WriteRefused(failed)
            for path, before, _ in files:  # nothing changed since the file was staged
                _unchanged(path, before)
        except WriteRefused:
            self.discard()
            raise
        order = [(path, self._staged.pop(path)) for path, _, _ in files]
        _discard(list(self._staged.values()), set())  # staged, and not to be written
        self._staged.clear()
        self._made.clear()
        if _SYNC:
            os.sync()
        for index, (path, temporary) in enumerate(order):
            try:
                os.replace(temporary, path)
            except OSError as error:
                _discard([t for _, t in order[index:]], set())
                raise WriteRefused(
                    f"cannot write {path}: {error.strerror or error}; "
                    f"{index} of {len(order)} files were written"
                ) from None

    def discard(self) -> None:
        """Remove what was staged and not written (nothing, after `commit`), once the
        writer is done with what it was given."""
        self._writer.stop()
        _discard(list(self._staged.values()), self._made)
        self._staged.clear()
        self._made.clear()


_LOST = "the process writing the files ahead stopped; nothing was written: run the command again"


def _stage(item: tuple[Path, str, bytes | None, bytes]) -> str | None:
    """Write one staged file's temporary file; None when done, else what stopped it."""
    path, temporary, before, after = item
    try:
        _unchanged(path, before)
        _temporary(path, after, durable=not _SYNC, name=temporary)
    except WriteRefused as refused:
        return str(refused)
    return None


_SYNC = hasattr(os, "sync")
"""Whether all the file system's writes can be made durable at once (not on Windows)."""


def _unchanged(path: Path, before: bytes | None) -> None:
    """Refuse unless `path` holds `before` (None: does not exist); for a new file, make
    its folder (a new recommendation may open its review's)."""
    try:
        current = path.read_bytes() if path.exists() else None
    except OSError as error:
        raise WriteRefused(f"cannot read {path}: {error.strerror or error}") from None
    if current != before:
        raise WriteRefused(
            f"{path} changed on disk since lcspr read it; nothing was written: run the "
            "command again"
        )
    if before is not None or path.parent.is_dir():
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise WriteRefused(f"cannot create {path.parent}: {error.strerror or error}") from None


def _discard(temporaries: list[str], folders: set[Path]) -> None:
    """Remove temporary files, then the folders made for them (the deepest first)."""
    for temporary in temporaries:  # some never made: a file was where its folder goes
        with contextlib.suppress(FileNotFoundError, NotADirectoryError):
            Path(temporary).unlink()
    for folder in sorted(folders, key=lambda f: len(f.parts), reverse=True):
        with contextlib.suppress(OSError):
            folder.rmdir()


def _atomic_write(path: Path, data: bytes) -> None:
    temporary = _temporary(path, data)
    try:
        os.replace(temporary, path)
    except OSError as error:
        raise _undone(path, temporary, error) from None


def _temporary_name(path: Path) -> str:
    return str(path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp"))


_NEW = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


def _temporary(path: Path, data: bytes, *, durable: bool = True, name: str = "") -> str:
    """A temporary file beside `path` (named `name`, or a new name) holding `data`, with
    the permissions of `path` (or a new file's); on disk once it returns, if `durable`."""
    temporary = name or _temporary_name(path)
    try:
        mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else _default_mode()
        handle = os.open(temporary, _NEW, 0o600)
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
        raise _undone(path, temporary, error) from None
    return temporary


def _undone(path: Path, temporary: str, error: OSError) -> WriteRefused:
    """The refusal of a write that failed, once its temporary file is removed."""
    Path(temporary).unlink(missing_ok=True)
    return WriteRefused(f"cannot write {path}: {error.strerror or error}; nothing was changed")


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write `data` atomically unless the file holds it already; True when written."""
    if path.is_file() and path.read_bytes() == data:
        return False
    _atomic_write(path, data)
    return True
