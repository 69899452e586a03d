"""The dashboard's view of the store: one immutable snapshot of the events per index
version, and the cache that brings it up to date after an ingest.

Every callback and route takes ONE snapshot (``cache.snapshot()``) and reads only from it:
row numbers from one index version are never used on another (during an ingest that
mixed versions gave IndexError and HTTP 500). The first version is read whole, in a
background thread; after that, every request asks the store's revision (two primary-key
lookups) and, when it moved, the next version is made from the current one and what
changed since (``refreshed``: the change log's ids, their rows, in one consistent read),
warm before it is swapped in. Requests meanwhile keep the old one, waiting at most
``wait_seconds`` for the new one. The fields shown for a view's rows are read from the
store by id (``EventIndex.frame``), so they are the latest stored.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from typing import Any

import numpy as np

from ingest.index.event_index import EventIndex
from ingest.index.rows import StoreRows
from ingest.memory import release_memory
from ingest.query import EventFilter
from ingest.store import Store, changes
from ingest.store.index_rows import all_rows, consistent_read, rows_for

from .grid import GRID_COLUMNS, sort_keys, sorted_rows

log = logging.getLogger(__name__)

# Catching up costs O(n) array copies plus O(k log n); past this share of the index, or
# with this many dead slots (old versions of changed events), it is read whole again.
REBUILD_SHARE = 0.5
COMPACT_SHARE = 0.25
COMPACT_MIN = 50_000


class Snapshot:
    """One version of the events and everything derived from it. Safe to share between
    threads: derived data is computed once under a lock and never changed."""

    def __init__(
        self,
        index: EventIndex,
        revision: tuple[int, int] = (0, 0),
        last_run: dict[str, Any] | None = None,
        per_source: list[tuple[str, int]] | None = None,
    ):
        self.index = index
        self.revision = revision
        # The status line: when the store was last ingested, events per kind of source.
        self.last_run = last_run
        self.per_source = per_source if per_source is not None else index.per_source()
        self._lock = threading.Lock()
        self._selections: OrderedDict[tuple[Any, ...], np.ndarray] = OrderedDict()
        self._keys: dict[str, np.ndarray] = {}
        self._entity_counts: list[tuple[str, int]] | None = None
        self._sources: list[str] | None = None

    def __len__(self) -> int:
        return len(self.index)

    def warm(self, sort_keys: bool = True) -> None:
        """Compute now what a first sort or page load would otherwise compute. A catch-up
        leaves the sort keys to the first sort by each column (about 10 ms each at 1M
        events): nine of them would add a tenth of a second before the new events show."""
        for column in GRID_COLUMNS if sort_keys else ():
            self.keys(column)
        self.entity_counts()
        self.source_titles()
        _ = self.index.entity_name_rank

    def select(self, flt: EventFilter, sort: tuple[str, bool] | None = None) -> np.ndarray:
        """Row numbers matching ``flt``: date order, or sorted by ``(column, descending)``."""
        key = (flt, sort)
        with self._lock:
            if key in self._selections:
                self._selections.move_to_end(key)
                return self._selections[key]
        if sort:
            rows = sorted_rows(self.select(flt), self.keys(sort[0]), sort[1])
        else:
            rows = self.index.select(flt)
        with self._lock:
            self._selections[key] = rows
            while len(self._selections) > 16:
                self._selections.popitem(last=False)
        return rows

    def keys(self, column: str) -> np.ndarray:
        with self._lock:
            if column not in self._keys:
                self._keys[column] = sort_keys(self.index, column)
            return self._keys[column]

    def row_of(self, event_id: str) -> int | None:
        return self.index.row_of(event_id)

    def entity_counts(self) -> list[tuple[str, int]]:
        with self._lock:
            if self._entity_counts is None:
                self._entity_counts = self.index.entity_counts()
            return self._entity_counts

    def source_titles(self) -> list[str]:
        with self._lock:
            if self._sources is None:
                self._sources = self.index.source_titles()
            return self._sources


def build_snapshot(store: Store) -> Snapshot:
    """Every event, read in one consistent read with the revision it belongs to."""
    with consistent_read(store.engine) as conn:
        revision = changes.revision(conn)
        index = EventIndex.of_rows(all_rows(conn), StoreRows(store.engine))
    release_memory()
    snapshot = Snapshot(index, revision, store.last_run())
    snapshot.warm()
    release_memory()
    return snapshot


def refreshed(snapshot: Snapshot, store: Store) -> Snapshot | None:
    """The snapshot brought up to the store's revision by reading only what changed
    since its own; None when reading everything again is the better way."""
    index = snapshot.index
    with consistent_read(store.engine) as conn:
        revision = changes.revision(conn)
        if revision == snapshot.revision:
            return snapshot
        since, until = snapshot.revision[0], revision[0]
        if until < since:  # another store, or its log was reset: nothing to build on
            return None
        if until > since:
            if changes.count_since(conn, since, until) > max(1000, REBUILD_SHARE * len(index)):
                return None
            ids = [i for batch in changes.changed_since(conn, since, until) for i in batch]
            rows = list(rows_for(conn, ids))
            found = {r.event_id for r in rows}
            index = index.apply(rows, [i for i in ids if i not in found])
    last_run = snapshot.last_run if revision[1] == snapshot.revision[1] else store.last_run()
    fresh = Snapshot(index, revision, last_run)
    fresh.warm(sort_keys=False)
    return fresh


def needs_rebuild(snapshot: Snapshot) -> bool:
    """Old versions of changed events take up a large share of the index."""
    dead = snapshot.index.dead
    return dead > COMPACT_MIN and dead > COMPACT_SHARE * (len(snapshot) + dead)


class EventCache:
    """The current snapshot of a store, brought up to date after each ingest.

    ``check_every``: how often (seconds) the store's revision is asked, at most (0: on
    every request, so a request made after an ingest committed sees it).
    ``wait_seconds``: how long a request waits for the next snapshot before it is
    answered from the previous one (catching up with an ingest takes well under it; the
    first read of a million events takes longer and never stalls requests).
    """

    def __init__(self, store: Store, check_every: float = 0.0, wait_seconds: float = 2.0):
        self.store = store
        self.check_every = check_every
        self.wait_seconds = wait_seconds
        self._lock = threading.Lock()
        self._current: Snapshot | None = None
        self._checked = 0.0
        self._building: threading.Event | None = None
        self._error: BaseException | None = None

    def start(self) -> None:
        """Begin building the first snapshot now, so the first page finds it warm."""
        with self._lock:
            self._start_build()

    def snapshot(self) -> Snapshot:
        with self._lock:
            current = self._current
            due = current is None or time.monotonic() - self._checked >= self.check_every
        if not due:
            assert current is not None
            return current
        revision = self.store.revision()
        with self._lock:
            self._checked = time.monotonic()
            current = self._current
            if current is not None and current.revision == revision:
                return current
            done = self._start_build()
        done.wait(None if current is None else self.wait_seconds)
        with self._lock:
            if self._current is None:
                raise RuntimeError(f"cannot read the event store: {self._error}")
            return self._current

    def current(self) -> Snapshot | None:
        """The snapshot requests are answered from now, without asking the store."""
        with self._lock:
            return self._current

    def invalidate(self) -> None:
        """The next ``snapshot()`` asks the store for its revision at once (this process
        has just written to it: an analyst's edit)."""
        with self._lock:
            self._checked = 0.0

    def _start_build(self) -> threading.Event:
        """The running build's event, or a new build's (call with the lock held)."""
        if self._building is not None:
            return self._building
        done = threading.Event()
        self._building = done
        threading.Thread(target=self._build, args=(done,), daemon=True, name="index").start()
        return done

    def _build(self, done: threading.Event) -> None:
        started = time.perf_counter()
        current = self.current()
        how = "read"
        try:
            snapshot = None
            if current is not None and not needs_rebuild(current):
                snapshot, how = refreshed(current, self.store), "caught up"
            if snapshot is None:
                snapshot, how = build_snapshot(self.store), "read"
        except Exception as exc:  # the old snapshot stays; the next check tries again
            log.error("could not bring the event index up to date: %s", exc)
            with self._lock:
                self._error = exc
                self._building = None
            done.set()
            return
        with self._lock:
            self._current = snapshot
            self._building = None
            self._checked = time.monotonic()
        if snapshot is not current:
            log.info("event index %s: %d events, revision %s, in %.2f s", how, len(snapshot),
                     snapshot.revision, time.perf_counter() - started)  # fmt: skip
        done.set()
        if how == "caught up" and snapshot is not current:
            # The previous version's arrays are freed once requests let go of it; glibc
            # would keep their pages, and a worker would grow by a few hundred MB per
            # ingest. After done.set(): no request waits for it.
            del current, snapshot
            release_memory()
