"""The embedded engine: a pool of worker processes, a bounded number of batches in flight."""
from __future__ import annotations

import collections
import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Callable, Iterable, Iterator, TypeVar

T = TypeVar("T")
R = TypeVar("R")
IN_FLIGHT_PER_WORKER = 2  # enough to keep every worker busy, few enough to keep memory flat


def map_batches(function: Callable[[T], R], batches: Iterable[T], *, workers: int = 1) -> Iterator[R]:
    """Results in batch order; with one worker everything runs in this process."""
    if workers <= 1:
        for batch in batches:
            yield function(batch)
        return
    context = multiprocessing.get_context("forkserver" if "forkserver" in multiprocessing.get_all_start_methods()
                                          else "spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        pending: collections.deque[Future[R]] = collections.deque()
        for batch in batches:
            pending.append(pool.submit(function, batch))
            if len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
