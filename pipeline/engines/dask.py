"""The distributed engine: the same per-batch function on a Dask cluster.

With no scheduler address a `distributed.LocalCluster` of `workers` processes is started for the
run and closed after it. At most a few batches per worker are in flight, so the driver's memory
stays flat however large the corpus.
"""
from __future__ import annotations

import collections
from typing import Any, Callable, Iterable, Iterator, Sized, TypeVar

T = TypeVar("T", bound=Sized)
R = TypeVar("R")
IN_FLIGHT_PER_WORKER = 4  # workers keep busy while the driver validates a chunk


def map_batches(function: Callable[[T], R], batches: Iterable[T], *, workers: int = 2,
                scheduler: str | None = None) -> Iterator[R]:
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise RuntimeError("the dask engine needs the 'dask' extra: pip install 'vn-indicators[dask]'") from exc

    cluster = None if scheduler else LocalCluster(n_workers=max(1, workers), threads_per_worker=1,
                                                  processes=True, dashboard_address=None)
    client = Client(scheduler or cluster)
    try:
        slots = max(1, len(client.scheduler_info().get("workers", {})) or workers) * IN_FLIGHT_PER_WORKER
        pending: collections.deque = collections.deque()
        for batch in batches:  # an empty batch (all from the cache) is answered here, not sent
            pending.append(client.submit(function, batch, pure=False) if len(batch) else function(batch))
            if len(pending) >= slots:
                yield _result(pending.popleft())
        while pending:
            yield _result(pending.popleft())
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _result(item: Any) -> Any:
    return item.result() if hasattr(item, "result") else item
