"""The distributed engine: the same per-batch function on a Dask cluster.

With no scheduler address a `distributed.LocalCluster` of `workers` processes is started for the
run and closed after it. At most a few batches per worker are in flight, so the driver's memory
stays flat however large the corpus.

A worker that dies is restarted by its nanny, and the scheduler sends its tasks to another
worker. A task whose workers keep dying (more than `allowed-failures` times; 1 on the
LocalCluster started here) ends in KilledWorker: its batch is then run again article by article,
and an article whose own task ends the same way is given up with `lost(article, reason)`.
"""
from __future__ import annotations

import collections
from collections import Counter
from typing import Any, Callable, Iterable, Iterator, TypeVar

T = TypeVar("T")
R = TypeVar("R")
IN_FLIGHT_PER_WORKER = 4  # workers keep busy while the driver validates a chunk
ALLOWED_FAILURES = 1  # of a task's workers on the LocalCluster, before the scheduler gives up on it
KILLED_REPEATEDLY = ("every worker process that extracted it died (killed, e.g. by the out-of-memory killer, "
                     "or ended at the time limit of an article)")


def map_batches(function: Callable[[list[T]], list[R]], batches: Iterable[list[T]], *, workers: int = 2,
                scheduler: str | None = None, lost: Callable[[T, str], R] | None = None,
                events: Counter | None = None) -> Iterator[list[R]]:
    try:
        import dask
        from distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise RuntimeError("the dask engine needs the 'dask' extra: pip install 'vn-indicators[dask]'") from exc

    events = events if events is not None else Counter()
    cluster = None
    if not scheduler:
        with dask.config.set({"distributed.scheduler.allowed-failures": ALLOWED_FAILURES}):
            cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                                   dashboard_address=None)
    client = Client(scheduler or cluster)
    try:
        slots = max(1, len(client.scheduler_info().get("workers", {})) or workers) * IN_FLIGHT_PER_WORKER
        pending: collections.deque = collections.deque()
        for batch in batches:  # an empty batch (all from the cache) is answered here, not sent
            pending.append((batch, client.submit(function, batch, pure=False) if len(batch) else function(batch)))
            if len(pending) >= slots:
                yield _outcome(client, function, *pending.popleft(), lost, events)
        while pending:
            yield _outcome(client, function, *pending.popleft(), lost, events)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _outcome(client: Any, function: Callable[[list[T]], list[R]], batch: list[T], item: Any,
             lost: Callable[[T, str], R] | None, events: Counter) -> list[R]:
    from distributed import KilledWorker

    if not hasattr(item, "result"):
        return item
    try:
        return item.result()
    except KilledWorker:
        if lost is None:
            raise
    events["workers_lost"] += 1
    events["batches_retried"] += 1
    results: list[R] = []
    for article in batch:  # one task each, one at a time: a death points at its article
        try:
            results.extend(client.submit(function, [article], pure=False).result())
        except KilledWorker:
            events["workers_lost"] += 1
            events["articles_isolated"] += 1
            results.append(lost(article, KILLED_REPEATEDLY))
    return results
