"""The timeline: events as points when few enough are in view, counts otherwise.

Pure functions over the event index (no Dash here): unit-tested without a browser.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ingest.index.event_index import EventIndex
from ingest.schema import EVENT_TYPE_LABELS, EVENT_TYPES, PartialDate

from .axis import Fit, day_iso, fitted_window, xaxis_layout
from .counts import bucket_for, counts_figure
from .lanes import Lanes, lanes_for
from .palette import BACKGROUND, NEW_OUTLINE, PALETTE, SELECTED_OUTLINE
from .plottext import plot_text, plural, shorten

POINTS_MAX = 2000  # more day events than this in view: counts instead of points
SPANS_MAX = 300  # more month/year events than this in view: one band per lane
LABELS_MAX = 20  # this many events or fewer in view: each carries its title and amount

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def date_label(date_text: str, precision: str) -> str:
    """A date as precise as it is known: '2025-08-07', 'week of 2025-07-28', 'Mar 2020', '1997'."""
    if precision == "month":
        return f"{_MONTHS[int(date_text[5:7]) - 1]} {date_text[:4]}"
    if precision == "week":
        return f"week of {PartialDate.parse(date_text).start.isoformat()}"
    return date_text


def amount_label(amount: object, currency: str) -> str:
    if amount is None or pd.isna(amount):  # type: ignore[arg-type]
        return ""
    value = float(amount)  # type: ignore[arg-type]
    if value >= 1_000_000:
        text = f"{value / 1_000_000:g}M"
    elif value >= 1_000:
        text = f"{value / 1_000:g}k"
    else:
        text = f"{value:g}"
    return f"${text}" if currency in ("USD", "") else f"{text} {currency}"


def _compact(values: list) -> object:
    """One value instead of a list when all are the same: smaller JSON for big views."""
    return values[0] if values and all(v == values[0] for v in values) else values


def _outline(ids: list[str], new: list[int], selected_id: str | None) -> dict:
    """Black ring for the selected event, orange for events first seen after new_since,
    white elsewhere (points stay apart where they overlap). The browser re-rings a new
    selection from the same rule (assets/timeline.js)."""
    colours = [
        SELECTED_OUTLINE if i == selected_id else NEW_OUTLINE if n else "#ffffff"
        for i, n in zip(ids, new, strict=True)
    ]
    widths = [1 if c == "#ffffff" else 3 for c in colours]
    return {"color": _compact(colours), "width": _compact(widths)}


@dataclass(frozen=True)
class View:
    figure: dict
    mode: str  # "points" or "counts"
    in_view: int  # events in the filtered view
    note: str  # what the chart shows, for the line above it


def _day_strings(days: np.ndarray) -> list[str]:
    """Fractional days since 1970 as Plotly date strings ('2025-08-07T12:00')."""
    seconds = np.round(days * 86_400).astype("int64").astype("datetime64[s]")
    return list(np.datetime_as_string(seconds, unit="m"))


def timeline_figure(
    df: pd.DataFrame,
    start: np.ndarray,
    end: np.ndarray,
    lanes: Lanes,
    fit: Fit,
    selected_id: str | None = None,
    new_since: str | None = None,
) -> dict:
    """Day events as points; week/month/year events as spans over their days with a
    point in the middle, or, when there are many, one band per lane; a legend with the
    count per type; titles and amounts on the points when few are in view.

    ``start`` and ``end`` are the rows' first and last days (as ``EventIndex``)."""
    # Plain dicts and arrays, not plotly.graph_objects or per-type DataFrames: those cost
    # more than everything else in the request.
    traces: list[dict] = []
    long = end != start
    banded = int(long.sum()) > SPANS_MAX
    labelled = len(df) <= LABELS_MAX
    # Where a point goes: the middle of the part of its days in view (a year event in a
    # zoomed week is a point in that week); events outside the view stay where they are.
    first, after = start.astype(np.float64), end.astype(np.float64) + 1
    seen = (after > fit.x0) & (first < fit.x1 + 1)
    first = np.where(seen, np.maximum(first, fit.x0), first)
    after = np.where(seen, np.minimum(after, fit.x1 + 1), after)
    middle = _day_strings((first + after) / 2)
    col = {c: df[c].to_numpy(dtype=object) for c in
           ("event_id", "event_type", "date", "date_precision", "title", "targets", "amount",
            "currency", "source_count", "first_seen", "date_start", "date_end")}  # fmt: skip
    new = (
        np.array([bool(f) and str(f)[:10] > new_since for f in col["first_seen"]], dtype=bool)
        if new_since
        else np.zeros(len(df), dtype=bool)
    )
    lane = np.asarray(lanes.of_row, dtype=np.int64)
    for event_type in [t for t in EVENT_TYPES if t in set(col["event_type"])]:
        of_type = col["event_type"] == event_type
        label = EVENT_TYPE_LABELS[event_type]
        colour = PALETTE[event_type]
        if not banded and (of_type & long).any():
            spans = np.flatnonzero(of_type & long)
            traces.append(_spans(start[spans], end[spans], lane[spans], colour, event_type))
        at = np.flatnonzero(of_type & ~long) if banded else np.flatnonzero(of_type)
        if not len(at):
            continue
        ids = [str(i) for i in col["event_id"][at]]
        flags = [int(v) for v in new[at]]
        amounts = [
            amount_label(a, c) for a, c in zip(col["amount"][at], col["currency"][at], strict=True)
        ]
        customdata = list(
            zip(
                ids,
                [date_label(d, p) for d, p in zip(col["date"][at], col["date_precision"][at], strict=True)],
                [plot_text(shorten(str(t), 90)) for t in col["title"][at]],
                [plot_text("; ".join(t)) for t in col["targets"][at]],
                amounts,
                flags,
                strict=True,
            )
        )  # fmt: skip
        trace: dict = {
            "type": "scatter",
            "x": [middle[i] for i in at],
            "y": [int(v) for v in lane[at]],
            "mode": "markers+text" if labelled else "markers",
            "name": f"{label} ({int(of_type.sum()):,})",
            "legendgroup": event_type,
            "marker": {
                "color": colour,
                "size": _compact([10 + 3 * min(int(n), 5) for n in col["source_count"][at]]),
                "line": _outline(ids, flags, selected_id),
            },
            "customdata": customdata,
            "hovertemplate": (
                "<b>%{customdata[1]}</b><br>%{customdata[2]}<br>"
                "%{customdata[3]}<br>%{customdata[4]}<extra></extra>"
            ),
            "cliponaxis": False,
        }
        if labelled:
            trace["text"] = [
                plot_text(" · ".join(p for p in (shorten(str(t), 38), a) if p))
                for t, a in zip(col["title"][at], amounts, strict=True)
            ]
            trace["textposition"] = "top center"
            trace["textfont"] = {"size": 10, "color": "#333"}
        traces.append(trace)
    if banded:
        traces += _bands(lane[long], fit)
    return {"data": traces, "layout": _layout(lanes, fit, df.empty)}


def _spans(start: np.ndarray, end: np.ndarray, lane: np.ndarray, colour: str, event_type: str) -> dict:  # fmt: skip
    xs: list[object] = []
    ys: list[object] = []
    for s, e, y in zip(start.tolist(), end.tolist(), lane.tolist(), strict=True):
        xs += [day_iso(s), day_iso(e + 1), None]
        ys += [y, y, None]
    return {
        "type": "scatter", "x": xs, "y": ys, "mode": "lines", "line": {"color": colour, "width": 6},
        "opacity": 0.45, "hoverinfo": "skip", "showlegend": False, "legendgroup": event_type,
    }  # fmt: skip


def _bands(long_lanes: np.ndarray, fit: Fit) -> list[dict]:
    """Many month/year events in a short window: one bar per lane saying how many."""
    traces: list[dict] = []
    lanes, counts = np.unique(long_lanes, return_counts=True)
    for lane, count in zip(lanes.tolist(), counts.tolist(), strict=True):
        text = (
            f"{plural(int(count), 'event')} known only to the month or year overlap this "
            "window; they are listed in the table"
        )
        traces.append({
            "type": "scatter", "x": [day_iso(fit.x0), day_iso(fit.x1 + 1)],
            "y": [lane + 0.32, lane + 0.32], "mode": "lines",
            "line": {"color": "#8a8a8a", "width": 5, "dash": "dot"},
            "name": f"Month/year events ({len(long_lanes):,})", "legendgroup": "long",
            "showlegend": not traces, "hovertemplate": plot_text(text) + "<extra></extra>",
        })  # fmt: skip
    return traces


def _layout(lanes: Lanes, fit: Fit, empty: bool) -> dict:
    n = len(lanes.names)
    annotations: list[dict] = []
    for side, count, day in (("left", fit.before, fit.earliest), ("right", fit.after, fit.latest)):
        if count and day is not None:
            when = day_iso(day)[:4]
            text = (
                f"◀ {plural(count, 'earlier event')} (from {when})"
                if side == "left"
                else f"{plural(count, 'later event')} (to {when}) ▶"
            )
            annotations.append({
                "text": text, "showarrow": False, "xref": "paper", "yref": "paper",
                "x": 0 if side == "left" else 1, "xanchor": side, "y": 0, "yanchor": "bottom",
                "font": {"size": 12, "color": "#333"}, "bgcolor": "#fff4d6",
                "bordercolor": "#b35900", "borderpad": 3,
            })  # fmt: skip
    if empty:
        annotations.append({
            "text": "No events match the filters", "showarrow": False, "x": 0.5, "y": 0.5,
            "xref": "paper", "yref": "paper", "font": {"size": 16, "color": "#555"},
        })  # fmt: skip
    return {
        "margin": {"l": 170, "r": 24, "t": 40, "b": 40},
        "height": max(280, 110 + 46 * n),
        "plot_bgcolor": BACKGROUND,
        "hoverlabel": {"align": "left"},
        "showlegend": not empty,
        "legend": {
            "orientation": "h",
            "y": 1.02,
            "yanchor": "bottom",
            "x": 0,
            "font": {"size": 12},
        },
        "xaxis": xaxis_layout(fit.x0, fit.x1),
        "yaxis": {
            "tickmode": "array",
            "tickvals": list(range(n)),
            "ticktext": [plot_text(shorten(name, 28)) for name in lanes.names],
            "range": [n - 0.5, -0.6],
            "fixedrange": True,
            "showgrid": False,
            "zeroline": False,
        },
        "clickmode": "event",
        "dragmode": "zoom",
        "annotations": annotations,
    }


def level_of_detail(
    index: EventIndex,
    rows: np.ndarray,
    window: tuple[str, str] | None = None,
    lanes: str = "type",
    selected_id: str | None = None,
    new_since: str | None = None,
) -> View:
    """The figure for the filtered rows (the zoom window is part of the filter):
    points when at most POINTS_MAX day events are in view (month and year events never
    push a short window into counts), counts per lane and bucket otherwise."""
    start, end = index.start[rows], index.end[rows]
    if window:
        x0 = (date.fromisoformat(window[0]) - date(1970, 1, 1)).days
        x1 = (date.fromisoformat(window[1]) - date(1970, 1, 1)).days
        fit: Fit | None = Fit(x0, x1)
    else:
        fit = fitted_window(start, end)
    if fit is None:  # nothing matches
        today = (date.today() - date(1970, 1, 1)).days
        fit = Fit(today - 365, today)
    day_events = int((start == end).sum())
    if day_events > POINTS_MAX:
        lane_info = lanes_for(index, rows, lanes)
        figure = counts_figure(
            start, end, lane_info.of_row, lane_info.names, lane_info.counts, fit.x0, fit.x1
        )
        bucket = figure["layout"]["meta"]["bucket"]
        note = f"{len(rows):,} events in view: counts per {bucket}. Zoom in to see events."
        return View(figure, "counts", len(rows), note)
    frame = index.frame(rows)
    if len(frame) < len(rows):  # removed from the store since this index was read
        kept = np.isin(rows, frame.index.to_numpy())
        rows, start, end = rows[kept], start[kept], end[kept]
    lane_info = lanes_for(index, rows, lanes)
    figure = timeline_figure(frame, start, end, lane_info, fit, selected_id, new_since)
    note = f"{plural(len(rows), 'event')} in view."
    if window:
        note += " Zoomed: double-click the chart to zoom out."
    return View(figure, "points", len(rows), note)


def reward_figure(df: pd.DataFrame, until: str | None = None, ended_by: str = "") -> go.Figure:
    """Reward amounts over time as steps: each reward holds until the next; the last one
    runs on to ``until`` (today, or the day of the event that ended it, ``ended_by``)."""
    rewards = df[(df["event_type"] == "bounty") & df["amount"].notna()].sort_values("date_start")
    xs = list(rewards["date_start"])
    ys = [float(a) for a in rewards["amount"]]
    labels = [
        amount_label(a, c) for a, c in zip(rewards["amount"], rewards["currency"], strict=True)
    ]
    fig = go.Figure(
        go.Scatter(
            x=xs, y=ys, mode="lines+markers",
            line={"shape": "hv", "color": PALETTE["bounty"], "width": 3},
            marker={"size": 9}, customdata=labels,
            hovertemplate="%{x|%Y-%m-%d}: %{customdata}<extra></extra>", name="Reward",
        )
    )  # fmt: skip
    if until and xs and until > xs[-1]:
        end_text = f"ended {until}" + (f" ({plot_text(shorten(ended_by, 60))})" if ended_by else "")
        fig.add_trace(
            go.Scatter(
                x=[xs[-1], until], y=[ys[-1], ys[-1]], mode="lines+markers" if ended_by else "lines",
                line={"color": PALETTE["bounty"], "width": 3, "dash": "solid" if ended_by else "dot"},
                marker={"size": [0, 11], "symbol": "x"},
                # Source text goes in customdata: a template would read "%{...}" in it.
                customdata=[f"{labels[-1]} until " + (end_text if ended_by else "today")] * 2,
                hovertemplate="%{customdata}<extra></extra>",
                name="In force" if not ended_by else "Ended",
            )
        )  # fmt: skip
    fig.update_layout(
        margin={"l": 70, "r": 20, "t": 10, "b": 40}, height=280, plot_bgcolor=BACKGROUND,
        yaxis={"title": {"text": "Reward (USD)"}, "tickformat": "$.2s", "rangemode": "tozero"},
        xaxis={"type": "date", "hoverformat": "%Y-%m-%d"}, showlegend=False,
    )  # fmt: skip
    return fig


__all__ = ["POINTS_MAX", "View", "amount_label", "bucket_for", "date_label", "level_of_detail",
           "reward_figure", "timeline_figure"]  # fmt: skip
