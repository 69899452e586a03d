"""Filtering events: the one function the CLI export and the dashboard both use."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .schema import PartialDate, fold

if TYPE_CHECKING:
    import pandas as pd


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

    def __post_init__(self) -> None:
        # Normalize early so a bad date fails here with a clear message, not deep in pandas.
        if self.date_from:
            object.__setattr__(
                self, "date_from", PartialDate.parse(self.date_from).start.isoformat()
            )
        if self.date_to:
            object.__setattr__(self, "date_to", PartialDate.parse(self.date_to).end.isoformat())
        object.__setattr__(self, "types", tuple(t for t in self.types if t))
        object.__setattr__(self, "entities", tuple(e for e in self.entities if e))
        object.__setattr__(self, "search", (self.search or "").strip())

    @property
    def is_empty(self) -> bool:
        return not (self.date_from or self.date_to or self.types or self.entities or self.search)

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
        name = "_".join(p for p in parts if p)
        return name[:150] + ".csv"


def _slug(text: str) -> str:
    folded = fold(text)
    return "-".join("".join(ch if ch.isalnum() else " " for ch in folded).split())[:40]


def filter_events(df: pd.DataFrame, flt: EventFilter | None = None) -> pd.DataFrame:
    """The rows of ``df`` (export columns, list columns as lists) that match ``flt``."""
    if flt is None or flt.is_empty or df.empty:
        return df
    mask = None

    def both(m: pd.Series) -> None:
        nonlocal mask
        mask = m if mask is None else (mask & m)

    if flt.date_from:
        both(df["date_end"] >= flt.date_from)
    if flt.date_to:
        both(df["date_start"] <= flt.date_to)
    if flt.types:
        both(df["event_type"].isin(flt.types))
    if flt.entities:
        wanted = {fold(e) for e in flt.entities}
        names = df["actors"] + df["targets"]
        both(names.map(lambda ns: any(fold(n) in wanted for n in ns)))
    if flt.search:
        needle = fold(flt.search)
        text = (df["title"].fillna("") + "\n" + df["evidence"].fillna("")).map(fold)
        both(text.str.contains(needle, regex=False))
    return df[mask] if mask is not None else df
