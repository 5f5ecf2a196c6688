"""The embedded engine: a pool of worker processes, a bounded number of batches in flight.

A worker that dies (the kernel's out-of-memory killer, a `kill -9`) breaks the whole pool, and
every batch in flight fails with it, whichever worker it was on. Those batches are run again,
article by article, in a process of their own, and a fresh pool takes the batches after them. An
article whose process dies there is run once more alone (its process may have died between two
articles); if it kills that one too, `lost(article, reason)` gives its result and the build goes on.
"""
from __future__ import annotations

import collections
import multiprocessing
from collections import Counter
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Callable, Iterable, Iterator, TypeVar

T = TypeVar("T")
R = TypeVar("R")
IN_FLIGHT_PER_WORKER = 4  # enough to keep every worker busy while a chunk is validated; few enough to keep memory flat
KILLED_TWICE = "its worker process died twice while extracting it (killed, e.g. by the out-of-memory killer)"


def map_batches(function: Callable[[list[T]], list[R]], batches: Iterable[list[T]], *, workers: int = 1,
                lost: Callable[[T, str], R] | None = None, events: Counter | None = None) -> Iterator[list[R]]:
    """Results in batch order; with one worker everything runs in this process.

    Starting the workers costs about a second, so the first batch with work in it runs here and
    the pool starts with the second: a rebuild that re-extracts a handful of articles never
    starts it. Empty batches (every article came from the cache) never travel to a worker.
    Without `lost`, a dead worker ends the run with BrokenProcessPool. `events` counts
    workers_lost, batches_retried and articles_isolated."""
    if workers <= 1:
        for batch in batches:
            yield function(batch)
        return
    events = events if events is not None else Counter()
    pool = _Pool(workers, events)
    pending: collections.deque[tuple[list[T], Future[list[R]]]] = collections.deque()
    seen_work = False
    try:
        for batch in batches:
            here = not (len(batch) and seen_work)
            seen_work = seen_work or bool(len(batch))
            pending.append((batch, _run_here(function, batch) if here else pool.submit(function, batch)))
            while pending and (len(pending) >= workers * IN_FLIGHT_PER_WORKER or pending[0][1].done()):
                yield _outcome(function, *pending.popleft(), pool, lost, events)
        while pending:
            yield _outcome(function, *pending.popleft(), pool, lost, events)
    finally:  # on an error, Ctrl-C or SIGTERM too: queued batches are dropped, running ones end
        pool.close()


class _Pool:
    """A process pool started on first use and replaced when a worker of it dies."""

    def __init__(self, workers: int, events: Counter) -> None:
        self.workers = workers
        self.events = events
        self.executor: ProcessPoolExecutor | None = None
        self.started = 0  # pools started so far: which pool a future was sent to

    def submit(self, function: Callable, batch: list) -> Future:
        if self.executor is None:
            self.executor = _start_pool(self.workers)
            self.started += 1
        try:
            future = self.executor.submit(function, batch)
        except BrokenProcessPool:  # a worker died since the last batch was sent: the batches in flight fail with it
            self._drop()
            return self.submit(function, batch)
        future.pool = self.started  # type: ignore[attr-defined]
        return future

    def replace(self, broken: Future) -> None:
        """Drop the pool that `broken` was sent to, unless a fresh one has replaced it already."""
        if self.executor is not None and getattr(broken, "pool", None) == self.started:
            self._drop()

    def _drop(self) -> None:
        self.events["workers_lost"] += 1
        self.executor.shutdown(wait=True, cancel_futures=True)
        self.executor = None

    def close(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(cancel_futures=True)


def _outcome(function: Callable[[list[T]], list[R]], batch: list[T], future: Future[list[R]], pool: _Pool,
             lost: Callable[[T, str], R] | None, events: Counter) -> list[R]:
    try:
        return future.result()
    except BrokenProcessPool:
        if lost is None:
            raise
    pool.replace(future)
    events["batches_retried"] += 1
    return _article_by_article(function, batch, lost, events)


def _article_by_article(function: Callable[[list[T]], list[R]], batch: list[T], lost: Callable[[T, str], R],
                        events: Counter) -> list[R]:
    """A batch whose worker died, each article a task of its own in a fresh one-process pool, so
    that a death points at the article that was running."""
    results: list[R] = []
    rest = list(batch)
    while rest:
        done = 0
        alone = _start_pool(1)
        try:
            futures = [alone.submit(function, [item]) for item in rest]
            for future in futures:
                results.extend(future.result())
                done += 1
        except BrokenProcessPool:
            events["workers_lost"] += 1
        finally:  # on Ctrl-C or SIGTERM too: the articles queued behind are dropped
            alone.shutdown(cancel_futures=True)
        if done == len(rest):
            break
        events["articles_isolated"] += 1
        results.extend(_alone(function, rest[done], lost, events))
        rest = rest[done + 1:]
    return results


def _alone(function: Callable[[list[T]], list[R]], item: T, lost: Callable[[T, str], R], events: Counter) -> list[R]:
    alone = _start_pool(1)
    try:
        return alone.submit(function, [item]).result()
    except BrokenProcessPool:
        events["workers_lost"] += 1
        return [lost(item, KILLED_TWICE)]
    finally:
        alone.shutdown(cancel_futures=True)


def _start_pool(workers: int) -> ProcessPoolExecutor:
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    return ProcessPoolExecutor(max_workers=workers, mp_context=context)


def _run_here(function: Callable[[list[T]], list[R]], batch: list[T]) -> Future[list[R]]:
    future: Future[list[R]] = Future()
    future.set_result(function(batch))
    return future
