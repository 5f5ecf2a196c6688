"""The per-article time limit: an article whose extraction runs past it is stopped and `failed`.

A pathological text can make a regular expression backtrack for minutes. In the main thread of a
process (every worker of the local engine, and a build without workers) the limit is a timer
signal: Python's regular-expression engine checks for signals while it matches, so even a match
that backtracks is stopped, and the worker goes on with the next article. Dask runs its tasks in a
thread of the worker, which signals do not reach; there faulthandler's watchdog (a thread of its
own, in C) ends the worker process at the limit, and the engine isolates the article that keeps
ending workers and marks it `failed` (pipeline/engines/dask.py). A thread of the build's own
process that is not its main thread has no limit.
"""
from __future__ import annotations

import contextlib
import faulthandler
import multiprocessing
import os
import signal
import threading
from typing import Iterator

ARTICLE_SECONDS = 60.0  # a 4 MB part of a huge text takes about 5 s; a normal article 3 ms


class ArticleTimedOut(Exception):
    def __init__(self, seconds: float) -> None:
        super().__init__(f"stopped after the time limit of {seconds:g} s per article")


@contextlib.contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise ArticleTimedOut in the block after `seconds` (None or 0: no limit)."""
    if not seconds:
        yield
    elif threading.current_thread() is threading.main_thread():
        with _timer_signal(seconds):
            yield
    elif multiprocessing.parent_process() is not None:  # a worker process's task thread (Dask)
        with _watchdog(seconds):
            yield
    else:
        yield


@contextlib.contextmanager
def _timer_signal(seconds: float) -> Iterator[None]:
    def stop(signum, frame):
        raise ArticleTimedOut(seconds)

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def _watchdog(seconds: float) -> Iterator[None]:
    with open(os.devnull, "w") as quiet:
        faulthandler.dump_traceback_later(seconds, exit=True, file=quiet)
        try:
            yield
        finally:
            faulthandler.cancel_dump_traceback_later()
