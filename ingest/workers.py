"""Reading in worker processes, writing from one: ``ordered_map`` runs a function over
items in a pool of processes and yields the results in the items' order, so the caller
stores them exactly as it would have one by one (the same events, the same ids). Used by
``ingest --jobs`` and by the tracker's ``reprocess``.

At most ``ahead`` chunks per worker are in flight: a folder of a hundred thousand files
never has all their results waiting in memory. Forked workers share this process's
memory until they write to it; the collector walking every inherited object would copy
it all, so it is told to leave them alone (``gc.freeze``) while the pool runs.
"""

from __future__ import annotations

import gc
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def default_jobs() -> int:
    """One worker per core this process may use."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def _run_chunk(func: Callable[[T], R], chunk: list[T]) -> list[R]:
    return [func(item) for item in chunk]


def ordered_map(
    func: Callable[[T], R], items: Iterable[T], workers: int, chunk: int = 8, ahead: int = 4
) -> Iterator[R]:
    """``map(func, items)`` with ``workers`` processes (in this process when 1 or fewer);
    ``func`` and the items must pickle (a module-level function, plain data)."""
    if workers <= 1:
        yield from map(func, items)
        return
    it = iter(items)
    gc.freeze()
    try:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            pending: deque[Future[list[R]]] = deque()

            def submit() -> bool:
                batch = list(islice(it, chunk))
                if batch:
                    pending.append(pool.submit(_run_chunk, func, batch))
                return bool(batch)

            while len(pending) < workers * ahead and submit():
                pass
            while pending:
                results = pending.popleft().result()
                submit()
                yield from results
    finally:
        gc.unfreeze()
