"""The time axis: which days a view shows and how its ticks read.

Days are integers (days since 1970-01-01, as ``EventIndex.start``). A window is inclusive:
``(x0, x1)`` shows every hour of both days. Ticks never fall below a day.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

_EPOCH = date(1970, 1, 1)
DAY_MS = 86_400_000


def day_iso(day: int) -> str:
    return (_EPOCH + timedelta(days=int(day))).isoformat()


@dataclass(frozen=True)
class Fit:
    """The days a view shows, and the events left outside it at each end."""

    x0: int
    x1: int
    before: int = 0  # events entirely before x0
    after: int = 0  # events entirely after x1
    earliest: int | None = None  # start of the first event before x0
    latest: int | None = None  # end of the last event after x1


def fitted_window(start: np.ndarray, end: np.ndarray) -> Fit | None:
    """The window around where the events are, leaving out a few outliers far from the
    rest (one 1997 designation must not squeeze six busy years into 5% of the axis).

    ``start`` and ``end`` are the events' first and last days. An end event is an outlier
    when the gap to its neighbour is longer than half the span of the others (and at
    least a year); at most 5% of the events (at least one) are left out at each end.
    """
    n = len(start)
    if n == 0:
        return None
    middle = np.sort((start + end) // 2)
    limit = max(1, n // 20)
    lo, hi = 0, n  # kept: middle[lo:hi]
    while lo < limit and hi - lo >= 3:
        gap, rest = middle[lo + 1] - middle[lo], middle[hi - 1] - middle[lo + 1]
        if gap <= max(rest / 2, 365):
            break
        lo += 1
    while n - hi < limit and hi - lo >= 3:
        gap, rest = middle[hi - 1] - middle[hi - 2], middle[hi - 2] - middle[lo]
        if gap <= max(rest / 2, 365):
            break
        hi -= 1
    first, last = int(middle[lo]), int(middle[hi - 1])
    keep = (end >= first) & (start <= last) if (lo or hi < n) else np.ones(n, dtype=bool)
    x0 = int(start[keep].min()) if lo else int(start.min())
    x1 = int(end[keep].max()) if hi < n else int(end.max())
    pad = max(1, (x1 - x0) // 40)
    x0, x1 = x0 - pad, x1 + pad
    before, after = end < x0, start > x1
    return Fit(
        x0,
        x1,
        int(before.sum()),
        int(after.sum()),
        int(start[before].min()) if before.any() else None,
        int(end[after].max()) if after.any() else None,
    )


def xaxis_layout(x0: int, x1: int) -> dict:
    """Plotly x-axis for the inclusive days x0..x1: whole days, ticks of a day or more."""
    span = x1 - x0 + 1
    axis: dict = {
        "type": "date",
        "range": [day_iso(x0), day_iso(x1 + 1)],
        "showgrid": True,
        "gridcolor": "#e2e2e2",
        "hoverformat": "%Y-%m-%d",
        # Plotly picks hour ticks for short ranges: fix the step at whole days there.
        "tickformatstops": [
            {"dtickrange": [None, DAY_MS], "value": "%b %d\n%Y"},
            {"dtickrange": [DAY_MS, 7 * DAY_MS], "value": "%b %d\n%Y"},
        ],
    }
    if span <= 60:
        axis.update(tick0=day_iso(x0), dtick=DAY_MS * max(1, math.ceil(span / 12)))
    return axis
