"""The dashboard's view of the store: events indexed once, re-indexed after each ingest."""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

import numpy as np

from ingest.query import EventFilter, EventIndex
from ingest.store import Store

_SORTABLE = {"date": "start", "source_count": "source_count", "confidence": "confidence"}


class EventCache:
    """Holds an EventIndex and rebuilds it when the store's revision changes.

    The revision is one cheap query, so every interaction sees new ingests without a
    restart, and the table is read again only when something was ingested. The last few
    selections are kept so that the grid's page requests do not filter again.
    """

    def __init__(self, store: Store):
        self.store = store
        self._lock = threading.Lock()
        self._revision: tuple[int, int] | None = None
        self._index: EventIndex | None = None
        self._selections: OrderedDict[tuple[Any, ...], np.ndarray] = OrderedDict()

    def index(self) -> EventIndex:
        revision = self.store.revision()
        with self._lock:
            if self._index is None or revision != self._revision:
                self._index = EventIndex(self.store.load_events())
                self._revision = revision
                self._selections.clear()
            return self._index

    def select(self, flt: EventFilter, sort: tuple[str, bool] | None = None) -> np.ndarray:
        """Row numbers matching ``flt`` (date order, or sorted by ``(column, descending)``)."""
        index = self.index()
        key = (flt, sort)
        with self._lock:
            if key in self._selections:
                self._selections.move_to_end(key)
                return self._selections[key]
        rows = index.select(flt)
        if sort:
            column, descending = sort
            values = _sort_values(index, rows, column)
            order = np.argsort(values, kind="stable")
            rows = rows[order[::-1]] if descending else rows[order]
        with self._lock:
            self._selections[key] = rows
            while len(self._selections) > 8:
                self._selections.popitem(last=False)
        return rows


def _sort_values(index: EventIndex, rows: np.ndarray, column: str) -> np.ndarray:
    if column in _SORTABLE:
        return getattr(index, _SORTABLE[column])[rows]
    if column == "amount":
        return index.df["amount"].to_numpy(dtype="float64", na_value=-1.0)[rows]
    values = index.df[column].iloc[rows]
    return (
        values.map(lambda v: "; ".join(v) if isinstance(v, list) else str(v or ""))
        .str.casefold()
        .to_numpy()
    )
