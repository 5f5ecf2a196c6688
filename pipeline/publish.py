"""Write the tables to a staging folder and swap it into place in one atomic step.

The output folder is never written in place: a build writes ``<output>.staging-<id>/`` beside it
and then exchanges the two folders with Linux's ``renameat2(RENAME_EXCHANGE)``, so a reader (or a
crash) sees either the old dataset or the new one, never a mix. Where that call is missing, two
renames are used and a folder left half-way by a crash is restored by the next build.
"""
from __future__ import annotations

import contextlib
import ctypes
import datetime as dt
import errno
import fcntl
import hashlib
import json
import os
import shutil
import time
import uuid
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator

from .faults import writing


ROW_GROUP_SIZE = 50_000
KEEP_FILES = ("README.md", "dashboard.png")  # files of the output folder that a build does not make
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def staging_folder(output: Path) -> Path:
    output = output.resolve()
    staging = output.with_name(f".{output.name}.staging-{uuid.uuid4().hex[:8]}")
    with writing("staging folder", staging):
        staging.mkdir(parents=True)
        for name in KEEP_FILES:
            if (output / name).is_file():
                shutil.copy2(output / name, staging / name)
    return staging


def write_manifest(staging: Path, manifest: dict[str, Any], input_files: Iterable[tuple[str, str]] = ()) -> None:
    """manifest.json, with `input_files` (source, SHA-256 pairs in source order) streamed into it
    as one object: the same text json.dumps would give, without the whole map in memory."""
    mark = "@@input_files@@"
    text = json.dumps({**manifest, "input_files": mark}, indent=2, ensure_ascii=False, sort_keys=True, default=str)
    before, after = text.split(json.dumps(mark), 1)
    with writing("manifest", staging / "manifest.json"), (staging / "manifest.json").open("w", encoding="utf-8") as out:
        out.write(before)
        opening = "{\n"
        for source, digest in input_files:
            out.write(f"{opening}    {json.dumps(source, ensure_ascii=False)}: {json.dumps(digest)}")
            opening = ",\n"
        out.write("{}" if opening == "{\n" else "\n  }")
        out.write(after + "\n")


@lru_cache(maxsize=1)
def libc() -> ctypes.CDLL | None:
    """This process's C library (its own symbols: no search for the library file), or None."""
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2); False when the call is not available."""
    renameat2 = getattr(libc(), "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(str(a)), _AT_FDCWD, os.fsencode(str(b)), _RENAME_EXCHANGE)
    return result == 0


def swap_into_place(staging: Path, output: Path) -> None:
    """Make `staging` the output folder in one step; the previous output is removed after."""
    output = output.resolve()
    with writing("output folder", output):
        if not output.exists():
            os.rename(staging, output)
            return
        if _exchange(staging, output):
            shutil.rmtree(staging, ignore_errors=True)  # staging now holds the old output
            return
        old = output.with_name(f".{output.name}.old-{uuid.uuid4().hex[:8]}")
        os.rename(output, old)
        os.rename(staging, output)
    shutil.rmtree(old, ignore_errors=True)


def recover(output: Path) -> list[Path]:
    """Clean up after a build that was killed: restore a missing output, drop stale staging."""
    output = output.resolve()
    parent = output.parent
    if not parent.exists():
        return []
    leftovers = sorted(parent.glob(f".{output.name}.staging-*")) + sorted(parent.glob(f".{output.name}.old-*"))
    # only called while holding output_lock: no other build can own these folders
    olds = [p for p in leftovers if ".old-" in p.name]
    if not output.exists() and olds:
        with writing("output folder", output):
            os.rename(olds[-1], output)
        leftovers.remove(olds[-1])
    for path in leftovers:
        shutil.rmtree(path, ignore_errors=True)
    return leftovers


class OutputLocked(RuntimeError):
    """Another build is writing the same output folder."""


@contextlib.contextmanager
def output_lock(output: Path, wait_seconds: float = 0.0) -> Iterator[Path]:
    """Hold an exclusive lock on the output folder for a whole build (``.<name>.lock`` beside it).

    A second build waits up to `wait_seconds` for the first to finish, then gives up with
    OutputLocked. The lock is the kernel's (flock): a killed build releases it with its process.
    """
    output = output.resolve()
    lock_path = output.with_name(f".{output.name}.lock")
    with writing("lock file", lock_path):
        output.parent.mkdir(parents=True, exist_ok=True)
        handle = open(lock_path, "a+")
    deadline = time.monotonic() + wait_seconds
    with handle:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES) or time.monotonic() >= deadline:
                    raise OutputLocked(f"another build is writing {output} (lock {lock_path}); "
                                       "try again when it has finished, or pass --wait SECONDS") from exc
                time.sleep(0.2)
        try:
            yield lock_path
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def now_iso() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
