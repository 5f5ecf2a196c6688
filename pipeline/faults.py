"""Faults of the machine (a full disk, a read-only folder, a failing device), told apart from bugs.

Each place where a build writes wraps the write in `writing(what, path)`. An error raised there
because of the machine becomes a `MachineFault`: no space left, a read-only file system, no
permission, an I/O error, whether from Python's files, pyarrow's writers or SQLite. The fault
names what was being written, the path and the cause, and carries the exit code the command ends
with (README, "Exit codes"). Every other error is a bug and keeps its traceback for the report.

`INDICATORS_FAULT_AT=what[:ERRNO]` (e.g. ``staging:ENOSPC``) makes the write of `what` fail as
if the machine had failed it. It is the fault-injection point of tests/test_faults.py.
"""
from __future__ import annotations

import contextlib
import errno
import multiprocessing
import os
import signal
import sqlite3
from pathlib import Path
from typing import Iterator

EXIT_NO_SPACE = 9
EXIT_NOT_WRITABLE = 10
EXIT_DEVICE_ERROR = 11

CAUSES = {  # errno -> (what a user reads, exit code)
    errno.ENOSPC: ("no space left on the device", EXIT_NO_SPACE),
    errno.EDQUOT: ("the disk quota is used up", EXIT_NO_SPACE),
    errno.EFBIG: ("the file would be larger than the system allows", EXIT_NO_SPACE),
    errno.EROFS: ("read-only file system", EXIT_NOT_WRITABLE),
    errno.EACCES: ("permission denied", EXIT_NOT_WRITABLE),
    errno.EPERM: ("operation not permitted", EXIT_NOT_WRITABLE),
    errno.EIO: ("input/output error of the device", EXIT_DEVICE_ERROR),
}
SQLITE_ERRNO = {13: errno.ENOSPC, 8: errno.EROFS, 10: errno.EIO, 14: errno.EACCES}  # SQLITE_FULL, _READONLY, _IOERR, _CANTOPEN


class MachineFault(RuntimeError):
    """A write failed because of the machine, not the input or the code."""

    def __init__(self, what: str, path: Path | str, code: int) -> None:
        self.what, self.path, self.errno = what, Path(path), code
        cause, self.exit_code = CAUSES[code]
        super().__init__(f"cannot write the {what} {self.path}: {cause}")


def machine_errno(error: BaseException) -> int | None:
    """The errno of an error the machine caused, or None for any other error.

    >>> machine_errno(OSError(errno.ENOSPC, "No space left on device"))
    28
    >>> machine_errno(ValueError("a bug")) is None
    True
    """
    if isinstance(error, OSError) and error.errno in CAUSES:
        return error.errno
    if isinstance(error, sqlite3.Error):
        return SQLITE_ERRNO.get(getattr(error, "sqlite_errorcode", 0) & 0xFF)
    return None


@contextlib.contextmanager
def writing(what: str, path: Path | str) -> Iterator[None]:
    """Run a write of `what` at `path`; a machine's error in it raises MachineFault."""
    try:
        _injected_fault(what)
        yield
    except (OSError, sqlite3.Error) as error:
        code = machine_errno(error)
        if code is None:
            raise
        raise MachineFault(what, path, code) from error


def _injected_fault(what: str) -> None:
    wanted = os.environ.get("INDICATORS_FAULT_AT", "")
    if not wanted:
        return
    place, _, name = wanted.partition(":")
    if place == what:
        code = getattr(errno, name or "ENOSPC")
        raise OSError(code, os.strerror(code))


def quietly(cleanup, *args) -> None:
    """Run a cleanup step on the way out of a failed build: a second fault of the same full
    disk must not hide the first one behind another traceback."""
    try:
        cleanup(*args)
    except (OSError, sqlite3.Error, MachineFault):
        pass


def kill_point(text: str) -> None:
    """Fault injection: with INDICATORS_KILL_WORKER_ON=marker, a worker process that is about to
    extract an article holding `marker` is killed (SIGKILL), as the kernel's out-of-memory killer
    would kill it. The build's own process is never killed (tests/test_workers.py)."""
    marker = os.environ.get("INDICATORS_KILL_WORKER_ON")
    if marker and marker in text and multiprocessing.parent_process() is not None:
        os.kill(os.getpid(), signal.SIGKILL)
