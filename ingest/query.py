"""Filtering events: one filter (``EventFilter``, ``ingest/filters.py``) and one
implementation (``EventIndex``, ``ingest/index/``) for the CLI export and the dashboard.

The index keeps compact columns (arrays, categorical codes, one copy of each string) in
start-date order: a date window is two binary searches; event types, confidence,
corroboration and conflicts are vectorized masks over that slice; entities use an
inverted index (entity -> slots); free text is searched in one folded text per event
(``ingest.textsearch``): its title and evidence and, when the caller gives them, every
source's title and quote. The dashboard refreshes it with only what changed in the store
(``EventIndex.apply``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .filters import EventFilter, day_number
from .index.event_index import EventIndex

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["EventFilter", "EventIndex", "day_number", "filter_events"]


def filter_events(df: pd.DataFrame, flt: EventFilter | None = None) -> pd.DataFrame:
    """The rows of ``df`` (export columns, list columns as lists) that match ``flt``, in
    date order. The dashboard keeps an ``EventIndex`` between interactions; a one-off
    call (the CLI export) builds one: the same code answers both."""
    if df.empty or ((flt is None or flt.is_empty) and not df["review_status"].eq("rejected").any()):
        return df
    index = EventIndex(df)
    return index.frame(index.select(flt))
