"""The dashboard's view of the store: one immutable snapshot of the events per index
version, and the cache that swaps in a new snapshot after an ingest.

Every callback and route takes ONE snapshot (``cache.snapshot()``) and reads only from it:
row numbers from one index version are never used on another (during an ingest that
mixed versions gave IndexError and HTTP 500). A new version is built in a background
thread, warm (search text, sort keys, entity counts) before it is swapped in; requests
meanwhile keep the old one, waiting at most ``wait_seconds`` for the new one.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from typing import Any

import numpy as np

from ingest.query import EventFilter, EventIndex
from ingest.store import Store
from ingest.store.search_text import source_text

from .grid import GRID_COLUMNS, sort_keys, sorted_rows

log = logging.getLogger(__name__)


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
        # The status line, read with the events: counting the sources of a million
        # events takes seconds, too long to do in a page load.
        self.last_run = last_run
        self.per_source = per_source or []
        self._lock = threading.Lock()
        self._selections: OrderedDict[tuple[Any, ...], np.ndarray] = OrderedDict()
        self._keys: dict[str, np.ndarray] = {}
        self._row_of: dict[str, int] | None = None
        self._entity_counts: list[tuple[str, int]] | None = None
        self._sources: list[str] | None = None

    def __len__(self) -> int:
        return len(self.index)

    def warm(self) -> None:
        """Compute now what a first search, sort or page load would otherwise compute."""
        self.index.warm()
        for column in GRID_COLUMNS:
            self.keys(column)
        self.row_of("")
        self.entity_counts()
        self.source_titles()

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
        with self._lock:
            if self._row_of is None:
                ids = self.index.df["event_id"].tolist()
                self._row_of = dict(zip(ids, range(len(ids)), strict=True))
            return self._row_of.get(event_id)

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
    # The revision first: an ingest that lands while we read makes the next check rebuild.
    revision = store.revision()
    df = store.load_events()
    index = EventIndex(df, source_text(store.engine))
    snapshot = Snapshot(index, revision, store.last_run(), store.source_counts())
    snapshot.warm()
    return snapshot


class EventCache:
    """The current snapshot of a store, rebuilt in the background after each ingest.

    ``check_every``: how often (seconds) the store's revision is asked, at most.
    ``wait_seconds``: how long a request waits for a rebuild before it is answered from
    the previous snapshot (a small store is rebuilt within it, so the next interaction
    shows a new ingest; a million events take longer and never stall requests).
    """

    def __init__(self, store: Store, check_every: float = 0.5, wait_seconds: float = 2.0):
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
        try:
            snapshot = build_snapshot(self.store)
        except Exception as exc:  # the old snapshot stays; the next check tries again
            log.error("could not rebuild the event index: %s", exc)
            with self._lock:
                self._error = exc
                self._building = None
            done.set()
            return
        with self._lock:
            self._current = snapshot
            self._building = None
            self._checked = time.monotonic()
        log.info("event index: %d events in %.1f s", len(snapshot), time.perf_counter() - started)
        done.set()
