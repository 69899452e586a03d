"""Filtering events: one filter (``EventFilter``) and one implementation (``EventIndex``)
for the CLI export and the dashboard.

The index keeps rows sorted by start date: a date window is two binary searches; event
types, confidence, corroboration and conflicts are vectorized masks over that slice;
entities use an inverted index (entity -> row numbers); free text is searched in one
folded text per event (``ingest.textsearch``): its title and evidence and, when the
caller gives them, every source's title and quote.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .schema import EVENT_TYPES, REVIEW_STATUSES, PartialDate, fold
from .textsearch import TextIndex


@dataclass(frozen=True)
class EventFilter:
    """What an analyst asked to see. Empty fields do not filter.

    Dates are inclusive and compared with each event's span, so a month-precision
    event ("2025-03") is in a window that overlaps March 2025.
    """

    date_from: str | None = None
    date_to: str | None = None
    types: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()
    search: str = ""
    min_confidence: float = 0.0
    corroborated: bool = False  # at least two sources
    conflicts_only: bool = False
    sources: tuple[str, ...] = ()  # source titles
    review: tuple[str, ...] = ()  # review statuses shown; none given: all but rejected

    def __post_init__(self) -> None:
        # Normalize early so a bad date fails here with a clear message, not deep in pandas.
        if self.date_from:
            object.__setattr__(
                self, "date_from", PartialDate.parse(self.date_from).start.isoformat()
            )
        if self.date_to:
            object.__setattr__(self, "date_to", PartialDate.parse(self.date_to).end.isoformat())
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValueError(
                f"the date range is reversed: from {self.date_from} is after to "
                f"{self.date_to}; swap the two dates"
            )
        object.__setattr__(self, "types", tuple(t for t in self.types if t))
        object.__setattr__(self, "entities", tuple(e for e in self.entities if e))
        object.__setattr__(self, "search", (self.search or "").strip())
        object.__setattr__(self, "sources", tuple(s for s in self.sources if s))
        object.__setattr__(self, "review", tuple(r for r in REVIEW_STATUSES if r in self.review))

    @property
    def is_empty(self) -> bool:
        return not (
            self.date_from or self.date_to or self.types or self.entities or self.search
            or self.min_confidence or self.corroborated or self.conflicts_only or self.sources
            or self.review
        )  # fmt: skip

    def filename(self, prefix: str = "timeline") -> str:
        """A file name that says what the export holds: timeline_2025-01-01_2025-12-31_bounty.csv"""
        if self.is_empty:
            return f"{prefix}_all.csv"
        parts = [prefix]
        if self.date_from or self.date_to:
            parts += [self.date_from or "start", self.date_to or "end"]
        parts += sorted(self.types)
        parts += [_slug(e) for e in self.entities]
        if self.search:
            parts.append("search-" + _slug(self.search))
        parts += ["source-" + _slug(s) for s in self.sources]
        if self.min_confidence:
            parts.append(f"confidence-{self.min_confidence:g}")
        if self.corroborated:
            parts.append("corroborated")
        if self.conflicts_only:
            parts.append("conflicts")
        parts += self.review
        name = "_".join(p for p in parts if p)
        return name[:150] + ".csv"


def _slug(text: str) -> str:
    folded = fold(text)
    return "-".join("".join(ch if ch.isalnum() else " " for ch in folded).split())[:40]


def filter_events(df: pd.DataFrame, flt: EventFilter | None = None) -> pd.DataFrame:
    """The rows of ``df`` (export columns, list columns as lists) that match ``flt``, in
    date order. The dashboard keeps an ``EventIndex`` between interactions; a one-off
    call (the CLI export) builds one: the same code answers both."""
    if df.empty or ((flt is None or flt.is_empty) and not df["review_status"].eq("rejected").any()):
        return df
    index = EventIndex(df)
    return index.frame(index.select(flt))


def day_number(iso: str) -> int:
    """Days since 1970-01-01 for an ISO date (or a partial one: its first day)."""
    return PartialDate.parse(iso).start.toordinal() - 719163


class EventIndex:
    """``df`` in start-date order with what filtering needs. ``source_text`` (event id ->
    the titles and quotes of all its sources) widens free-text search beyond the event's
    own title and evidence."""

    def __init__(self, df: pd.DataFrame, source_text: Mapping[str, str] | None = None):
        order = np.argsort(
            pd.to_datetime(df["date_start"]).to_numpy().astype("datetime64[D]").astype(np.int64),
            kind="stable",
        )
        self.df = df.iloc[order].reset_index(drop=True)
        d = self.df
        self.start = (
            pd.to_datetime(d["date_start"]).to_numpy().astype("datetime64[D]").astype(np.int64)
        )
        self.end = pd.to_datetime(d["date_end"]).to_numpy().astype("datetime64[D]").astype(np.int64)
        self.longest = int((self.end - self.start).max()) if len(d) else 0
        self.type_code = pd.Categorical(d["event_type"], categories=list(EVENT_TYPES)).codes.astype(
            np.int16
        )
        self.confidence = d["confidence"].to_numpy(dtype=np.float64)
        self.source_count = d["source_count"].to_numpy(dtype=np.int64)
        self.has_conflict = d["conflict"].astype(object).fillna("").astype(str).ne("").to_numpy()
        self.source_title = d["source_title"].fillna("").to_numpy(dtype=object)
        status = d["review_status"].astype(object).fillna("unreviewed")  # frames without reviews
        self.status_code = pd.Categorical(status, categories=list(REVIEW_STATUSES)).codes
        self.shown_by_default = np.flatnonzero(
            self.status_code != REVIEW_STATUSES.index("rejected")
        )
        self._source_text = source_text or {}
        self._text: TextIndex | None = None  # built by warm() or on the first search
        postings: dict[str, list[int]] = {}
        self.names: dict[str, str] = {}  # folded -> the name as first written
        # The lane of an event in "by entity" views: its first target, else first actor.
        self.primary_entity = np.full(len(d), -1, dtype=np.int64)
        codes: dict[str, int] = {}
        for column in ("targets", "actors"):
            for row, names in enumerate(d[column]):
                for name in names:
                    key = fold(name)
                    postings.setdefault(key, []).append(row)
                    self.names.setdefault(key, name)
                if names and self.primary_entity[row] < 0:
                    self.primary_entity[row] = codes.setdefault(fold(names[0]), len(codes))
        self.entity_by_code = [self.names[k] for k in codes]
        self.postings = {k: np.unique(np.asarray(v, dtype=np.int64)) for k, v in postings.items()}

    def __len__(self) -> int:
        return len(self.df)

    def warm(self) -> None:
        """Build what the first search would otherwise build inside a request."""
        self.text_index()

    def text_index(self) -> TextIndex:
        if self._text is None:
            extra = self._source_text
            ids = self.df["event_id"].to_numpy(dtype=object)
            titles = self.df["title"].fillna("").to_numpy(dtype=object)
            evidence = self.df["evidence"].fillna("").to_numpy(dtype=object)
            self._text = TextIndex(
                f"{t}\n{e}\n{extra.get(i, '')}" if extra else f"{t}\n{e}"
                for i, t, e in zip(ids, titles, evidence, strict=True)
            )
        return self._text

    def select(self, flt: EventFilter | None) -> np.ndarray:
        """Row numbers (in date order) of the events that match ``flt``."""
        n = len(self.df)
        if flt is None or flt.is_empty:
            return self.shown_by_default
        lo, hi = 0, n
        if flt.date_to:
            hi = int(np.searchsorted(self.start, day_number(flt.date_to), side="right"))
        if flt.date_from:
            lo = int(
                np.searchsorted(self.start, day_number(flt.date_from) - self.longest, side="left")
            )
        rows = np.arange(lo, hi)
        mask = np.ones(len(rows), dtype=bool)
        if flt.date_from:
            mask &= self.end[lo:hi] >= day_number(flt.date_from)
        if flt.types:
            codes = [EVENT_TYPES.index(t) for t in flt.types if t in EVENT_TYPES]
            mask &= np.isin(self.type_code[lo:hi], codes)
        if flt.min_confidence:
            mask &= self.confidence[lo:hi] >= flt.min_confidence
        if flt.corroborated:
            mask &= self.source_count[lo:hi] >= 2
        if flt.conflicts_only:
            mask &= self.has_conflict[lo:hi]
        if flt.sources:
            mask &= np.isin(self.source_title[lo:hi], list(flt.sources))
        if flt.review or len(self.shown_by_default) < n:
            wanted = flt.review or tuple(r for r in REVIEW_STATUSES if r != "rejected")
            mask &= np.isin(self.status_code[lo:hi], [REVIEW_STATUSES.index(r) for r in wanted])
        rows = rows[mask]
        if flt.entities:
            hits = [self.postings.get(fold(e), np.empty(0, dtype=np.int64)) for e in flt.entities]
            rows = np.intersect1d(rows, np.unique(np.concatenate(hits)), assume_unique=True)
        if flt.search and len(rows):
            rows = self.text_index().rows_with(flt.search, among=rows)
        return rows

    def frame(self, rows: np.ndarray) -> pd.DataFrame:
        return self.df.iloc[rows]

    def entities(self) -> list[str]:
        return sorted(self.names.values(), key=str.casefold)

    def entity_counts(self) -> list[tuple[str, int]]:
        """Every entity with its number of events, most events first."""
        counts = [(self.names[k], len(rows)) for k, rows in self.postings.items()]
        return sorted(counts, key=lambda c: (-c[1], c[0].casefold()))

    def source_titles(self) -> list[str]:
        return sorted({t for t in self.source_title if t}, key=str.casefold)
