"""The dashboard's view of the store: events loaded once, reloaded after each ingest."""

from __future__ import annotations

import threading

import pandas as pd

from ingest.store import Store


class EventCache:
    """Holds the events DataFrame and reloads it when the store's revision changes.

    The revision is one cheap query, so every interaction sees new ingests without a
    restart, and the table is read again only when something was ingested.
    """

    def __init__(self, store: Store):
        self.store = store
        self._lock = threading.Lock()
        self._revision: tuple[int, int] | None = None
        self._frame: pd.DataFrame | None = None

    def frame(self) -> pd.DataFrame:
        revision = self.store.revision()
        with self._lock:
            if self._frame is None or revision != self._revision:
                self._frame = self.store.load_events()
                self._revision = revision
            return self._frame

    def entities(self) -> list[str]:
        df = self.frame()
        names = {n for column in ("actors", "targets") for names in df[column] for n in names}
        return sorted(names, key=str.casefold)
