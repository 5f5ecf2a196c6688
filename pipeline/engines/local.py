"""The embedded engine: a pool of worker processes, a bounded number of batches in flight."""
from __future__ import annotations

import collections
import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Callable, Iterable, Iterator, Sized, TypeVar

T = TypeVar("T", bound=Sized)
R = TypeVar("R")
IN_FLIGHT_PER_WORKER = 4  # enough to keep every worker busy while a chunk is validated; few enough to keep memory flat


def map_batches(function: Callable[[T], R], batches: Iterable[T], *, workers: int = 1) -> Iterator[R]:
    """Results in batch order; with one worker everything runs in this process.

    Starting the workers costs about a second, so the first batch with work in it runs here and
    the pool starts with the second: a rebuild that re-extracts a handful of articles never
    starts it. Empty batches (every article came from the cache) never travel to a worker."""
    if workers <= 1:
        for batch in batches:
            yield function(batch)
        return
    pool: ProcessPoolExecutor | None = None
    pending: collections.deque[Future[R]] = collections.deque()
    seen_work = False
    try:
        for batch in batches:
            if len(batch) and seen_work and pool is None:
                pool = _start_pool(workers)
            seen_work = seen_work or bool(len(batch))
            pending.append(pool.submit(function, batch) if pool is not None and len(batch) else _run_here(function, batch))
            while pending and (len(pending) >= workers * IN_FLIGHT_PER_WORKER or pending[0].done()):
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:  # on an error, Ctrl-C or SIGTERM too: queued batches are dropped, running ones end
        if pool is not None:
            pool.shutdown(cancel_futures=True)


def _start_pool(workers: int) -> ProcessPoolExecutor:
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    return ProcessPoolExecutor(max_workers=workers, mp_context=context)


def _run_here(function: Callable[[T], R], batch: T) -> Future[R]:
    future: Future[R] = Future()
    future.set_result(function(batch))
    return future
