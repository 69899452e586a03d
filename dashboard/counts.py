"""Counts per lane and time bucket, for views with too many events to draw one by one.

An event known only to a month or a year is spread over its days: a year-precision event
adds 31/365 to January, not 1 (counting it in its first bucket drew a false spike every
January and on every 1st). Each bucket's count is the share of events' days it holds, so
the counts of a window add up to the events in it (those partly outside count in part).
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

from .axis import day_iso, xaxis_layout
from .plottext import plot_text

_EPOCH = date(1970, 1, 1)


def bucket_for(days: int) -> str:
    """The count bucket for a window of ``days``: day, week or month."""
    return "day" if days <= 180 else "week" if days <= 4 * 366 else "month"


def bucket_starts(x0: int, x1: int, bucket: str) -> np.ndarray:
    """First day of every bucket that overlaps x0..x1 (weeks start on Monday)."""
    if bucket == "day":
        return np.arange(x0, x1 + 1)
    if bucket == "week":
        first = x0 - (x0 + 3) % 7  # 1970-01-01 was a Thursday
        return np.arange(first, x1 + 1, 7)
    months = np.arange(np.datetime64(day_iso(x0), "M"), np.datetime64(day_iso(x1), "M") + 1).astype(
        "datetime64[D]"
    )
    return months.astype(np.int64)


def bucket_bounds(day: int, bucket: str) -> tuple[int, int]:
    """The first and last day of the bucket holding ``day``."""
    if bucket == "day":
        return day, day
    if bucket == "week":
        first = day - (day + 3) % 7
        return first, first + 6
    d = _EPOCH + timedelta(days=day)
    first_day = date(d.year, d.month, 1)
    nxt = date(d.year + d.month // 12, d.month % 12 + 1, 1)
    return (first_day - _EPOCH).days, (nxt - _EPOCH).days - 1


def spread_counts(
    start: np.ndarray, end: np.ndarray, lane: np.ndarray, n_lanes: int, x0: int, x1: int,
    bucket: str,
) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """(bucket first days, counts[lane, bucket]): each event's weight 1 spread evenly over
    its days, the days inside x0..x1 summed per bucket."""
    width = x1 - x0 + 1
    s = np.maximum(start, x0) - x0
    e = np.minimum(end, x1) - x0
    inside = s <= e
    s, e, lane = s[inside], e[inside], lane[inside]
    weight = 1.0 / (end[inside] - start[inside] + 1)
    # A difference array per lane: +w where an event's days begin, -w after they end.
    diff = np.bincount(lane * (width + 1) + s, weights=weight, minlength=n_lanes * (width + 1))
    diff -= np.bincount(lane * (width + 1) + e + 1, weights=weight, minlength=n_lanes * (width + 1))
    per_day = np.cumsum(diff.reshape(n_lanes, width + 1), axis=1)[:, :width]
    starts = bucket_starts(x0, x1, bucket)
    offsets = np.maximum(starts - x0, 0)
    return starts, np.add.reduceat(per_day, offsets, axis=1) if width else per_day


_HOVER_X = {"day": "%{x|%Y-%m-%d}", "week": "week %{x|%G-W%V}", "month": "%{x|%b %Y}"}


def counts_figure(
    start: np.ndarray, end: np.ndarray, lane: np.ndarray, lane_names: list[str],
    lane_counts: list[int], x0: int, x1: int,
) -> dict:  # fmt: skip
    """A heatmap of counts per lane and bucket: a few kilobytes however many events."""
    bucket = bucket_for(x1 - x0 + 1)
    starts, z = spread_counts(start, end, lane, len(lane_names), x0, x1, bucket)
    if bucket == "day":
        middles = [f"{day_iso(d)} 12:00" for d in starts]
    else:
        ends = np.append(starts[1:], bucket_bounds(int(starts[-1]), bucket)[1] + 1)
        middles = [day_iso((a + b) // 2) for a, b in zip(starts, ends, strict=True)]
    rounded = np.round(z, 2)
    cells = [[v if v > 0.004 else None for v in row] for row in rounded.tolist()]
    labels = [plot_text(f"{n} ({c:,})") for n, c in zip(lane_names, lane_counts, strict=True)]
    return {
        "data": [
            {
                "type": "heatmap",
                "x": middles,
                "y": list(range(len(lane_names))),
                "z": cells,
                "colorscale": "Cividis",
                "xgap": 1,
                "ygap": 3,
                "hoverongaps": False,
                "hovertemplate": "%{customdata}<br>"
                + _HOVER_X[bucket]
                + ": %{z:,.1~f} events<extra></extra>",
                "customdata": [[label] * len(middles) for label in labels],
                "colorbar": {"title": {"text": f"events per {bucket}"}, "thickness": 12},
                "zmin": 0,
            }
        ],
        "layout": {
            "margin": {"l": 170, "r": 20, "t": 20, "b": 40},
            "height": max(260, 70 + 42 * len(lane_names)),
            "plot_bgcolor": "#fafafa",
            "xaxis": xaxis_layout(x0, x1),
            "yaxis": {
                "tickmode": "array",
                "tickvals": list(range(len(lane_names))),
                "ticktext": labels,
                "autorange": "reversed",
                "fixedrange": True,
            },
            "dragmode": "zoom",
            "meta": {"bucket": bucket},
        },
    }
