"""The table: its columns, its rows, sorting by what is shown, pages of bounded size.

The browser asks for blocks of rows (``/grid-rows``, see routes.py) with the view's query
string; sorting happens here, on keys that order rows as their displayed text reads.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ingest.index.event_index import EventIndex
from ingest.schema import EVENT_TYPE_LABELS, EVENT_TYPES, LABELS, REVIEW_STATUSES

from .figures import amount_label, date_label

GRID_BLOCK = 100  # rows per request: large results never ship whole
GRID_COLUMNS: tuple[str, ...] = (
    "date", "event_type", "title", "targets", "amount", "source_count", "confidence", "conflict",
    "review_status",
)  # fmt: skip
MAX_ROW = 10**9


def grid_column_defs() -> list[dict[str, Any]]:
    widths = {"date": 118, "event_type": 140, "amount": 90, "source_count": 90,
              "confidence": 110, "conflict": 90, "review_status": 110}  # fmt: skip
    defs = []
    for name in GRID_COLUMNS:
        col: dict[str, Any] = {"field": name, "headerName": LABELS[name], "sortable": True}
        if name in widths:
            col["width"] = widths[name]
        else:
            col["flex"] = 3 if name == "title" else 2
            col["minWidth"] = 220 if name == "title" else 140
            col["tooltipField"] = name  # the whole title or target list on hover
        if name in ("amount", "source_count", "confidence"):
            col["type"] = "rightAligned"
        defs.append(col)
    return defs


def grid_rows(df: pd.DataFrame, new_since: str | None = None) -> list[dict[str, Any]]:
    """Rows for the grid: labels an analyst reads, plus the id and the "new" flag."""
    return [
        {
            "event_id": r.event_id,
            "date": date_label(r.date, r.date_precision),
            "event_type": EVENT_TYPE_LABELS.get(r.event_type, r.event_type),
            "title": r.title,
            "targets": "; ".join(r.targets),
            "amount": amount_label(r.amount, r.currency),
            "source_count": int(r.source_count),
            "confidence": round(float(r.confidence), 2),
            "conflict": "yes" if r.conflict else "",
            "review_status": r.review_status or "unreviewed",
            "new": bool(new_since and (r.first_seen or "")[:10] > new_since),
        }
        for r in df.itertuples(index=False)
    ]


def sort_keys(index: EventIndex, column: str) -> np.ndarray:
    """A key per row (by slot) that sorts as the column's shown text reads: dates by
    date, types by their label, amounts by value (none first), text case-insensitively
    (the index keeps those keys up to date as events arrive). Equal keys keep date
    order (sorts are stable)."""
    cols = index.state.cols
    if column == "date":
        start, end = cols.start.astype(np.int64), cols.end.astype(np.int64)
        return start * 8 + (end - start).clip(0, 7)
    if column == "event_type":
        by_label = sorted(EVENT_TYPES, key=lambda t: EVENT_TYPE_LABELS[t].casefold())
        rank = np.array([by_label.index(t) for t in EVENT_TYPES] + [-1], dtype=np.int64)
        return rank[cols.type_code]
    if column == "source_count":
        return cols.source_count
    if column == "confidence":
        return cols.confidence
    if column == "amount":
        return np.where(np.isnan(cols.amount), -1.0, cols.amount)
    if column == "conflict":
        return cols.has_conflict.astype(np.int64)
    if column == "review_status":
        rank = np.array([sorted(REVIEW_STATUSES).index(s) for s in REVIEW_STATUSES], dtype=np.int64)
        return rank[cols.status_code]
    if column == "targets":
        return index.state.targets.keys
    if column == "title":
        return index.state.titles.keys
    raise ValueError(f"the table cannot sort by {column!r}; columns: {', '.join(GRID_COLUMNS)}")


def sorted_rows(rows: np.ndarray, keys: np.ndarray, descending: bool) -> np.ndarray:
    """``rows`` ordered by ``keys`` (ties in date order, either direction)."""
    k = keys[rows]
    order = np.argsort(-k if descending else k, kind="stable")
    return rows[order]


def clamp_block(start: Any, end: Any) -> tuple[int, int]:
    """The rows a grid request may have: within 0..MAX_ROW and at most one block, however
    it was asked (rows 0..10^9 are not served whole); non-numbers give the first block."""
    try:
        first = int(start)
    except (TypeError, ValueError):
        first = 0
    try:
        last = int(end)
    except (TypeError, ValueError):
        last = first + GRID_BLOCK
    first = min(max(first, 0), MAX_ROW)
    last = min(max(last, first), first + GRID_BLOCK, MAX_ROW)
    return first, last
