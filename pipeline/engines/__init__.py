"""Engines run the per-article functions over batches of articles and give the results back in order.

- ``local``: a pool of worker processes on this machine (the default; ``--workers N``);
- ``dask``: a Dask cluster (``--engine dask [--scheduler tcp://HOST:PORT]``; a LocalCluster when
  no scheduler is given). Dask is imported only when this engine is chosen.

Every engine calls the same pure function (`pipeline.build.process_batch`), so they yield the
same rows.
"""
from __future__ import annotations

from collections import Counter
from typing import Callable, Iterable, Iterator, TypeVar

T = TypeVar("T")
R = TypeVar("R")

ENGINES = ("local", "dask")


def map_batches(function: Callable[[list[T]], list[R]], batches: Iterable[list[T]], *, engine: str = "local",
                workers: int = 1, scheduler: str | None = None, lost: Callable[[T, str], R] | None = None,
                events: Counter | None = None) -> Iterator[list[R]]:
    """`function` over every batch, results in the order of the batches. A batch whose worker died
    is run again; an item that keeps killing workers is given up with `lost(item, reason)` as its
    result (without `lost`, the run fails). `events` counts workers_lost, batches_retried and
    articles_isolated."""
    if engine == "local":
        from .local import map_batches as run
        return run(function, batches, workers=workers, lost=lost, events=events)
    if engine == "dask":
        from .dask import map_batches as run
        return run(function, batches, workers=workers, scheduler=scheduler, lost=lost, events=events)
    raise ValueError(f"unknown engine {engine!r} (one of {', '.join(ENGINES)})")
