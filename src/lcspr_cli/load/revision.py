"""The data folder as it was at a git revision, for `lcspr check --since`."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class GitFailed(Exception):
    """git could not give the data at a revision; the message says why."""


@contextmanager
def data_at_revision(root: Path, revision: str) -> Iterator[Path]:
    """The data folder as it was at git `revision`, extracted to a temporary folder."""
    import tempfile

    top = _git(root, "rev-parse", "--show-toplevel").decode().strip()
    relative = root.resolve().relative_to(Path(top).resolve()).as_posix()
    _git(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    with tempfile.TemporaryDirectory() as temporary:
        archive = _git(Path(top), "archive", "--format=tar", revision, "--", relative, ok=(0, 128))
        target = Path(temporary)
        if archive:
            _extract_files(archive, target)
        folder = target / relative
        folder.mkdir(parents=True, exist_ok=True)
        yield folder


def _extract_files(archive: bytes, target: Path) -> None:
    """Extract the regular files of a tar archive made by git, refusing any odd path."""
    import io
    import tarfile

    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        for member in tar.getmembers():
            parts = Path(member.name).parts
            if not member.isfile() or member.name.startswith("/") or ".." in parts:
                continue
            source = tar.extractfile(member)
            if source is None:
                continue
            path = target.joinpath(*parts)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(source.read())


def _git(where: Path, *arguments: str, ok: tuple[int, ...] = (0,)) -> bytes:
    try:
        done = subprocess.run(
            ["git", "-C", str(where), *arguments], capture_output=True, check=False
        )
    except FileNotFoundError:
        raise GitFailed("--since needs git, which is not installed") from None
    if done.returncode not in ok:
        detail = done.stderr.decode(errors="replace").strip().splitlines()
        reason = detail[-1] if detail else f"git {arguments[0]} failed"
        if arguments[:2] == ("rev-parse", "--verify"):
            reason = f"there is no git revision `{arguments[-1].split('^')[0]}`"
        raise GitFailed(reason)
    return done.stdout
