"""Where an index reads the fields it shows (titles, quotes, links...) for the rows a
view displays: the store, by id (the dashboard: the index itself holds only what it
filters, sorts and searches on), or a DataFrame already in memory (the CLI export)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import pandas as pd
    import sqlalchemy as sa


class RowSource(Protocol):
    def frame(self, event_ids: Sequence[str]) -> pd.DataFrame:
        """The events with these ids that exist, in the order given, in the export
        columns (list columns as lists)."""
        ...


class StoreRows:
    """Reads the rows from the store: always the latest stored version of each event, so
    a view shows what the store holds now; an event removed since the index was read is
    left out."""

    def __init__(self, engine: sa.Engine):
        self.engine = engine

    def frame(self, event_ids: Sequence[str]) -> pd.DataFrame:
        from ..store.reader import events_by_id

        return events_by_id(self.engine, event_ids)


class FrameRows:
    def __init__(self, df: pd.DataFrame):
        self.df = df.reset_index(drop=True)
        self.position = {e: i for i, e in enumerate(self.df["event_id"].tolist())}

    def frame(self, event_ids: Sequence[str]) -> pd.DataFrame:
        found = [self.position[e] for e in event_ids if e in self.position]
        return self.df.iloc[found]
