"""Read the files of a data folder, each one on its own: parse it, look in it for personal
data, and validate its records.

This is the costly part of loading a folder, so an unchanged file's result comes from
the cache (see `cache`) when it is on, and a large folder is read on every core: helper
processes read a share of the files each and hand back their results pickled, which is
also the form the cache keeps. Either way the results are the same as one process
reading every file, which a test checks.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from .cache import Cache, Stamp, stamp_of
from .models import Agency, Recommendation, Review
from .privacy import check_privacy
from .problems import Problem
from .validate import Located, R, did_you_mean, validate_record
from .yamlsource import ParsedFile, SourceMap, describe, read_yaml

PARALLEL_FROM = 400
"""Fewer files than this are read in this process: starting helpers would cost more."""

Kind = Literal["agencies", "reviews", "recommendation"]
"""What a file holds: a register (`agencies:` or `reviews:` then a list) or a
recommendation."""
_REGISTERS: dict[str, type[Agency] | type[Review]] = {"agencies": Agency, "reviews": Review}


@dataclass(frozen=True)
class FileResult:
    """What one file holds, checked on its own: its valid records and its problems."""

    problems: tuple[Problem, ...] = ()
    records: tuple[Located[Any], ...] = ()
    """Its valid records; none when the file has YAML problems."""
    unvalidated: frozenset[str] = frozenset()
    """The ids of its register records that failed validation."""
    readable: bool = True
    """Whether its data could be read at all."""


def read_file(path: Path, kind: Kind, private_terms: Sequence[str]) -> FileResult:
    parsed = read_yaml(path)
    if parsed.data is None:
        return FileResult(parsed.problems, readable=False)
    problems = [*parsed.problems]
    # Personal data is reported, but does not stop the records being reported.
    problems.extend(check_privacy(parsed.data, parsed.source, parsed.text, private_terms))
    if kind == "recommendation":
        located, invalid = validate_record(Recommendation, parsed.data, parsed.source)
        valid = () if located is None or parsed.problems else (located,)
        return FileResult((*problems, *invalid), valid)
    records, invalid, ids = _validate_list(parsed, kind, _REGISTERS[kind])
    return FileResult((*problems, *invalid), records, frozenset(ids))


def read_files(
    root: Path, files: Sequence[tuple[Path, Kind]], private_terms: Sequence[str], *, use_cache: bool
) -> list[FileResult]:
    """The result of each of `files` (of the data folder at `root`), in order.

    A file that is a link to somewhere outside the data folder is not read.
    """
    paths = [path for path, _ in files]
    inside = root.resolve()
    # The walk never follows a linked folder, so only a linked file, or a linked
    # recommendations folder, can lead out of the data folder.
    folder_inside = {str(root): True}
    results: dict[int, FileResult] = {}
    to_read: list[int] = []
    stamps: dict[int, tuple[str, Stamp]] = {}
    cache = Cache.open(root, _context(private_terms)) if use_cache else None
    for index, path in enumerate(paths):
        name = str(path)
        folder = os.path.dirname(name)
        if folder not in folder_inside:
            folder_inside[folder] = is_inside(path.parent, inside)
        try:
            status: os.stat_result | None = os.lstat(name)
        except OSError:
            status = None  # reading it will say why
        if (status and stat.S_ISLNK(status.st_mode)) or not folder_inside[folder]:
            if not is_inside(path, inside):
                results[index] = _outside(path)
                continue
        elif cache is not None and status is not None:
            key = (_relative(path, root), stamp_of(status))
            cached = _from_cache(cache, *key, path)
            if cached is not None:
                results[index] = cached
                continue
            stamps[index] = key
        to_read.append(index)
    read = _read_many([files[i] for i in to_read], private_terms, pickled=cache is not None)
    for index, (result, blob) in zip(to_read, read, strict=True):
        results[index] = result
        if cache is not None and blob is not None and index in stamps:
            cache.put(*stamps[index], blob)
    if cache is not None:
        cache.keep_only({_relative(path, root) for path in paths})
        cache.save()
    return [results[index] for index in range(len(paths))]


def _relative(path: Path, root: Path) -> str:
    """`path` relative to `root`, with forward slashes (as Path.relative_to, faster)."""
    name, start = str(path), str(root) + os.sep
    if name.startswith(start):
        return name[len(start) :].replace(os.sep, "/")
    return path.relative_to(root).as_posix()


def is_inside(path: Path, root: Path) -> bool:
    """Whether `path`, following links, stays inside the (resolved) data folder."""
    try:
        return path.resolve().is_relative_to(root)
    except (OSError, RuntimeError):  # a loop of links: reading it will say so
        return True


def _outside(path: Path) -> FileResult:
    problem = Problem.of(
        "link-outside",
        "this file is a link to a file outside the data folder; lcspr does not follow it",
        path,
        hint="copy the file into the data folder, or remove the link",
    )
    return FileResult((problem,), readable=False)


def _from_cache(cache: Cache, relative: str, stamp: Stamp, path: Path) -> FileResult | None:
    blob = cache.get(relative, stamp)
    try:
        return None if blob is None else _unpickle(blob, path)
    except Exception:  # an entry lcspr cannot use, whatever the reason: read the file
        cache.discard(relative)
        return None


def _context(private_terms: Sequence[str]) -> str:
    """What a file's result depends on besides the file: the private terms looked for."""
    return hashlib.sha256("\n".join(private_terms).encode()).hexdigest()


def _read_many(
    files: Sequence[tuple[Path, Kind]], private_terms: Sequence[str], *, pickled: bool
) -> list[tuple[FileResult, bytes | None]]:
    """Read `files`, sharing them out between every core when there are many. Each result
    comes with its pickled form when it is to be cached, or was read by a helper."""

    def here(part: Sequence[tuple[Path, Kind]]) -> list[tuple[FileResult, bytes | None]]:
        return [_read_one(file, private_terms, pickled) for file in part]

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    if cores < 2 or len(files) < PARALLEL_FROM:
        return here(files)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    if "fork" not in multiprocessing.get_all_start_methods():
        return here(files)
    share = len(files) // cores
    chunk = max(50, (len(files) - share) // (4 * (cores - 1)))
    helped = files[share:]
    chunks = [helped[start : start + chunk] for start in range(0, len(helped), chunk)]
    try:
        with ProcessPoolExecutor(cores - 1, multiprocessing.get_context("fork")) as pool:
            futures = [pool.submit(_read_chunk, part, private_terms) for part in chunks]
            read = here(files[:share])
            for part, future in zip(chunks, futures, strict=True):
                read.extend(
                    (_unpickle(blob, path), blob)
                    for (path, _), blob in zip(part, future.result(), strict=True)
                )
    except (OSError, RuntimeError):  # no helper could start, or one died: read here
        return here(files)
    return read


def _read_chunk(files: Sequence[tuple[Path, Kind]], private_terms: Sequence[str]) -> list[bytes]:
    return [_pickle(read_file(path, kind, private_terms)) for path, kind in files]


def _read_one(
    file: tuple[Path, Kind], private_terms: Sequence[str], pickled: bool
) -> tuple[FileResult, bytes | None]:
    result = read_file(*file, private_terms)
    return result, _pickle(result) if pickled else None


def _pickle(result: FileResult) -> bytes:
    """The result without its file's path, which the one unpickling it knows; the records
    of a file share one source map, packed once."""
    source = result.records[0].source.pack() if result.records else None
    records = [(located.record, located.path) for located in result.records]
    state = (result.problems, source, records, result.unvalidated, result.readable)
    return pickle.dumps(state, pickle.HIGHEST_PROTOCOL)


def _unpickle(blob: bytes, path: Path) -> FileResult:
    problems, source, records, unvalidated, readable = pickle.loads(blob)
    if records:
        shared = SourceMap.unpack(path, source)
        records = tuple(Located(record, shared, data_path) for record, data_path in records)
    return FileResult(problems, tuple(records), unvalidated, readable)


def _validate_list(
    parsed: ParsedFile, key: str, model: type[R]
) -> tuple[tuple[Located[R], ...], list[Problem], set[str]]:
    """Validate a register file (`key:` then a list of records), one record at a time."""
    assert parsed.data is not None
    source = parsed.source
    problems: list[Problem] = []
    for extra in parsed.data.keys() - {key}:
        line, column = source.position((extra,), key=True)
        problems.append(
            Problem.of(
                "unknown-field",
                f"`{extra}` is not a field of {source.file.name}",
                source.file,
                line,
                column,
                hint=did_you_mean(extra, [key]) or f"the file holds one list, `{key}:`",
            )
        )
    items = parsed.data.get(key)
    if not isinstance(items, list):
        line, column = source.position((key,) if key in parsed.data else ())
        code, message = (
            ("missing-field", f"{source.file.name} needs a `{key}:` list")
            if items is None
            else ("wrong-type", f"`{key}` should be a list, but it is {describe(items)}")
        )
        problems.append(
            Problem.of(
                code,
                message,
                source.file,
                line,
                column,
                hint=f"start the file with `{key}:` and put one `- id: ...` record per item "
                "under it",
            )
        )
        return (), problems, set()
    records: list[Located[R]] = []
    unvalidated: set[str] = set()
    for index, item in enumerate(items):
        located, found = validate_record(model, item, source, (key, index))
        problems.extend(found)
        if located is not None and not parsed.problems:
            records.append(located)
        elif isinstance(item, dict) and isinstance(item.get("id"), str):
            unvalidated.add(item["id"])
    return tuple(records), problems, unvalidated
