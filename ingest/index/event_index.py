"""``EventIndex``: the one filter implementation over one version of the events, for the
CLI export and the dashboard.

It holds only what filtering, counting, drawing and sorting need (``IndexState``: compact
columns, an inverted entity index, the search text, text sort keys, and the live slots in
start-date and id order). The fields a view shows for its rows are read by id from a
``RowSource`` (the store, or a DataFrame) when asked for (``frame``). Row numbers handed
out (``select``, ``row_of``) are slots of this version; ``apply`` returns the next version.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np

from ..filters import EventFilter, day_number
from ..schema import EVENT_TYPES, REVIEW_STATUSES, fold
from ..store.index_rows import IndexRow
from .apply import applied, live_slot
from .build import build_state
from .columns import REJECTED
from .rows import FrameRows, RowSource
from .state import IndexState

if TYPE_CHECKING:
    import pandas as pd


class EventIndex:
    """``EventIndex(df, source_text)`` indexes a DataFrame in the export columns
    (``source_text``: event id -> the titles and quotes of all its sources, which free-text
    search reads too); ``EventIndex.of_rows`` indexes rows read from the store."""

    def __init__(
        self,
        df: pd.DataFrame | None = None,
        source_text: Mapping[str, str] | None = None,
        *,
        state: IndexState | None = None,
        rows: RowSource | None = None,
    ):
        if state is None:
            assert df is not None, "give a DataFrame or a state"
            state = build_state(_frame_rows(df, source_text or {}))
            rows = FrameRows(df)
        assert rows is not None
        self.state = state
        self.rows = rows

    @classmethod
    def of_rows(cls, rows: Iterable[IndexRow], source: RowSource) -> EventIndex:
        return cls(state=build_state(rows), rows=source)

    def apply(self, rows: Sequence[IndexRow], gone: Iterable[str]) -> EventIndex:
        """The next version: ``rows`` are new or changed events, ``gone`` removed ids."""
        index = EventIndex(state=applied(self.state, rows, gone), rows=self.rows)
        if "_live_counts" in self.__dict__:  # counted here already: count only the change
            index.__dict__["_live_counts"] = index.state.entities.live_counts_after(
                self._live_counts, self.state.cols.alive, index.state.cols.alive
            )
        return index

    def __len__(self) -> int:
        return len(self.state)

    # --- the columns the dashboard draws and sorts with (by slot) ------------------

    @property
    def start(self) -> np.ndarray:
        return self.state.cols.start

    @property
    def end(self) -> np.ndarray:
        return self.state.cols.end

    @property
    def type_code(self) -> np.ndarray:
        return self.state.cols.type_code

    @property
    def primary_entity(self) -> np.ndarray:
        return self.state.entities.primary

    @cached_property
    def entity_by_code(self) -> list[str]:
        return self.state.entities.shown_names(self._live_counts[1])

    @cached_property
    def entity_name_rank(self) -> np.ndarray:
        """Each entity code's place when the shown names are sorted (case-insensitively):
        ties in counts go by name, the same in every worker."""
        shown = self.entity_by_code
        order = sorted(range(len(shown)), key=lambda c: (shown[c].casefold(), shown[c]))
        rank = np.empty(len(shown), dtype=np.int64)
        rank[order] = np.arange(len(shown))
        return rank

    @property
    def dead(self) -> int:
        """Slots of old versions still held (a rebuild drops them)."""
        return self.state.dead

    @property
    def nbytes(self) -> int:
        return self.state.nbytes

    # --- selecting ------------------------------------------------------------------

    def select(self, flt: EventFilter | None) -> np.ndarray:
        """Row numbers (slots, in date order) of the events that match ``flt``."""
        s, cols = self.state, self.state.cols
        if flt is None or flt.is_empty:
            return self.shown_by_default
        lo, hi = 0, len(s.by_start)
        if flt.date_to:
            hi = int(np.searchsorted(s.start_sorted, day_number(flt.date_to), side="right"))
        if flt.date_from:
            first = day_number(flt.date_from) - s.longest
            lo = int(np.searchsorted(s.start_sorted, first, side="left"))
        rows = s.by_start[lo:hi]
        mask = np.ones(len(rows), dtype=bool)
        if flt.date_from:
            mask &= cols.end[rows] >= day_number(flt.date_from)
        if flt.types:
            codes = [EVENT_TYPES.index(t) for t in flt.types if t in EVENT_TYPES]
            mask &= np.isin(cols.type_code[rows], codes)
        if flt.min_confidence:
            mask &= cols.confidence[rows] >= flt.min_confidence
        if flt.corroborated:
            mask &= cols.source_count[rows] >= 2
        if flt.conflicts_only:
            mask &= cols.has_conflict[rows]
        if flt.sources:
            codes = [i for i, t in enumerate(cols.source_titles) if t in set(flt.sources)]
            mask &= np.isin(cols.source_code[rows], codes)
        if flt.review:
            wanted = [REVIEW_STATUSES.index(r) for r in flt.review]
            mask &= np.isin(cols.status_code[rows], wanted)
        else:  # rejected events are not events: hidden unless asked for
            mask &= cols.status_code[rows] != REJECTED
        rows = rows[mask]
        if flt.entities and len(rows):
            naming = np.zeros(len(cols), dtype=bool)
            naming[s.entities.slots_naming([fold(e) for e in flt.entities])] = True
            rows = rows[naming[rows]]
        if flt.search and len(rows):
            rows = s.text.rows_with(flt.search, among=rows)
        return rows

    @cached_property
    def shown_by_default(self) -> np.ndarray:
        """The live slots in date order, without the events analysts rejected."""
        live = self.state.by_start
        kept = self.state.cols.status_code[live] != REJECTED
        return live if kept.all() else live[kept]

    def row_of(self, event_id: str) -> int | None:
        return live_slot(self.state, event_id)

    def event_ids(self, rows: np.ndarray) -> list[str]:
        return [i.decode("ascii") for i in self.state.cols.ids[rows].tolist()]

    def in_date_order(self, rows: Sequence[int] | np.ndarray) -> np.ndarray:
        """``rows`` (slots) in the order ``select`` gives."""
        live = self.state.by_start
        wanted = np.zeros(len(self.state.cols), dtype=bool)
        wanted[np.asarray(rows, dtype=np.int64)] = True
        return live[wanted[live]]

    def newest(self, rows: np.ndarray, n: int) -> np.ndarray:
        """The ``n`` rows first seen last (ties: the larger event id first)."""
        cols = self.state.cols
        seen = cols.first_seen[rows]
        if len(rows) > n:
            cut = np.partition(seen, len(rows) - n)[len(rows) - n]
            rows = rows[seen >= cut]
        order = np.lexsort((cols.ids[rows], cols.first_seen[rows]))[::-1]
        return rows[order[:n]]

    # --- the rows' fields -----------------------------------------------------------

    def frame(self, rows: np.ndarray | Sequence[int]) -> pd.DataFrame:
        """The events at ``rows``, in that order, in the export columns (list columns as
        lists), indexed by their row numbers. An event the store no longer holds is left
        out (it was removed after this version was read)."""
        rows = np.asarray(rows, dtype=np.int64)
        ids = self.event_ids(rows)
        df = self.rows.frame(ids)
        slot_of = dict(zip(ids, rows.tolist(), strict=True))
        df.index = [slot_of[i] for i in df["event_id"].tolist()]
        return df

    def frames(self, rows: np.ndarray, chunk: int = 5_000) -> Iterator[pd.DataFrame]:
        """``frame`` a chunk at a time: a million rows never sit in memory at once."""
        for first in range(0, len(rows), chunk):
            yield self.frame(rows[first : first + chunk])

    def event(self, row: int) -> dict[str, Any] | None:
        """One event's fields, or None if the store no longer holds it."""
        df = self.frame([row])
        return df.iloc[0].to_dict() if len(df) else None

    # --- entities, sources ----------------------------------------------------------

    @cached_property
    def _live_counts(self) -> tuple[np.ndarray, np.ndarray]:
        return self.state.entities.live_counts(self.state.cols.alive)

    @cached_property
    def names(self) -> dict[str, str]:
        """Folded name -> the name shown, for every entity some live event names."""
        counts, shown = self._live_counts[0], self.entity_by_code
        return {k: shown[c] for k, c in self.state.entities.code_of.items() if counts[c] > 0}

    def entity_count(self, folded: str) -> int:
        code = self.state.entities.code_of.get(folded)
        return 0 if code is None else int(self._live_counts[0][code])

    def entities(self) -> list[str]:
        return sorted(self.names.values(), key=str.casefold)

    def entity_counts(self) -> list[tuple[str, int]]:
        """Every entity with its number of events, most events first."""
        counts = [(name, self.entity_count(key)) for key, name in self.names.items()]
        return sorted(counts, key=lambda c: (-c[1], c[0].casefold()))

    def source_titles(self) -> list[str]:
        cols = self.state.cols
        live = np.bincount(cols.source_code[cols.alive], minlength=len(cols.source_titles))
        return sorted((t for t, n in zip(cols.source_titles, live, strict=True) if t and n),
                      key=str.casefold)  # fmt: skip

    def per_source(self) -> list[tuple[str, int]]:
        """Events per kind of source (adapter), most first."""
        cols = self.state.cols
        live = np.bincount(cols.adapter_code[cols.alive], minlength=len(cols.adapter_sets))
        counts: dict[str, int] = {}
        for adapters, n in zip(cols.adapter_sets, live.tolist(), strict=True):
            for adapter in adapters:
                counts[adapter] = counts.get(adapter, 0) + n
        return sorted(((a, n) for a, n in counts.items() if n), key=lambda c: (-c[1], c[0]))


def _frame_rows(df: pd.DataFrame, source_text: Mapping[str, str]) -> Iterator[IndexRow]:
    columns = [df[c].tolist() for c in (
        "event_id", "date_start", "date_end", "event_type", "confidence", "source_count",
        "conflict", "source_title", "targets", "actors", "amount", "first_seen", "title",
        "evidence", "review_status",
    )]  # fmt: skip
    for values in zip(*columns, strict=True):
        clean = [None if _missing(v) else v for v in values]
        yield IndexRow._make((*clean, source_text.get(values[0], ""), ()))


def _missing(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float):
        return value != value
    return type(value).__name__ in ("NAType", "NaTType")
