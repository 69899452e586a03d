"""The timeline figure, built from a filtered DataFrame (no Dash here: unit-testable)."""

from __future__ import annotations

from html import escape

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ingest.query import EventIndex, day_number
from ingest.schema import EVENT_TYPE_LABELS, EVENT_TYPES, PartialDate

# Okabe-Ito, safe for the common colour-vision deficiencies, then darker extras.
PALETTE: dict[str, str] = dict(
    zip(
        EVENT_TYPES,
        (
            "#0072B2",  # designation
            "#56B4E9",  # delisting
            "#E69F00",  # bounty
            "#009E73",  # directive
            "#CC79A7",  # sanction
            "#D55E00",  # military_action
            "#F0E442",  # deployment
            "#000000",  # legal
            "#999999",  # diplomatic
            "#882255",  # statement
            "#44AA99",  # other
        ),
        strict=True,
    )
)

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _compact(values: list) -> object:
    """One value instead of a list when all are the same: smaller JSON for big views."""
    return values[0] if values and all(v == values[0] for v in values) else values


def _outline(part: pd.DataFrame, selected_id: str | None, new_since: str | None) -> dict:
    """Black ring for the selected event, orange for events first seen after new_since."""
    new = _is_new(part, new_since)
    colors = [
        "#000" if i == selected_id else "#E69F00" if n else "#fff"
        for i, n in zip(part["event_id"], new, strict=True)
    ]
    widths = [1 if c == "#fff" else 3 for c in colors]
    return {"color": _compact(colors), "width": _compact(widths)}


def _is_new(part: pd.DataFrame, new_since: str | None) -> list[bool]:
    if not new_since:
        return [False] * len(part)
    return [bool(f) and f[:10] > new_since for f in part["first_seen"].fillna("")]


def date_label(date: str, precision: str) -> str:
    """A date as precise as it is known: '2025-08-07', 'week of 2025-07-28', 'Mar 2020', '1997'."""
    if precision == "month":
        return f"{_MONTHS[int(date[5:7]) - 1]} {date[:4]}"
    if precision == "week":
        return f"week of {PartialDate.parse(date).start.isoformat()}"
    return date


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


def entity_lane(actors: list[str], targets: list[str]) -> str:
    return targets[0] if targets else actors[0] if actors else "(no entity)"


def timeline_figure(
    df: pd.DataFrame,
    selected_id: str | None = None,
    lanes: str = "type",
    new_since: str | None = None,
) -> go.Figure:
    """Day events as points, week/month/year events as spans over their period with a
    point at the middle; one lane per event type (or per entity); colour by type; size by
    number of sources; the selected event ringed in black, events first seen after
    ``new_since`` in orange."""
    fig = go.Figure()
    if lanes == "entity" and not df.empty:
        lane_of = pd.Series(
            [entity_lane(a, t) for a, t in zip(df["actors"], df["targets"], strict=True)],
            index=df.index,
        )
        top = list(lane_of.value_counts().index[:15])
        lane_of = lane_of.where(lane_of.isin(top), "Other entities")
        lane_order = [*top, "Other entities"] if (lane_of == "Other entities").any() else top
    else:
        lane_of = df["event_type"].map(EVENT_TYPE_LABELS)
        lane_order = [EVENT_TYPE_LABELS[t] for t in EVENT_TYPES if t in set(df["event_type"])]
    for event_type in [t for t in EVENT_TYPES if t in set(df["event_type"])]:
        part = df[df["event_type"] == event_type]
        label = EVENT_TYPE_LABELS[event_type]
        lane = lane_of[part.index]
        start = pd.to_datetime(part["date_start"])
        end = pd.to_datetime(part["date_end"]) + pd.Timedelta(hours=23, minutes=59)
        middle = start + (end - start) / 2
        customdata = list(
            zip(
                part["event_id"],
                [
                    date_label(d, p)
                    for d, p in zip(part["date"], part["date_precision"], strict=True)
                ],
                # Plotly renders a little HTML in hover labels; source text must stay text.
                [escape(t if len(t) <= 90 else t[:89] + "…") for t in part["title"]],
                [escape("; ".join(t)) for t in part["targets"]],
                [amount_label(a, c) for a, c in zip(part["amount"], part["currency"], strict=True)],
                strict=True,
            )
        )
        spans = part["date_precision"] != "day"
        if spans.any():
            xs: list[object] = []
            for s, e in zip(start[spans], end[spans], strict=True):
                xs += [s, e, None]
            fig.add_trace(
                go.Scatter(
                    x=xs,
                    y=[label] * len(xs),
                    mode="lines",
                    line={"color": PALETTE[event_type], "width": 6},
                    opacity=0.45,
                    hoverinfo="skip",
                    showlegend=False,
                    legendgroup=event_type,
                )
            )
        fig.add_trace(
            go.Scatter(
                x=middle,
                y=list(lane),
                mode="markers",
                name=label,
                legendgroup=event_type,
                marker={
                    "color": PALETTE[event_type],
                    "size": _compact([10 + 3 * min(int(n), 5) for n in part["source_count"]]),
                    "line": _outline(part, selected_id, new_since),
                },
                customdata=customdata,
                hovertemplate=(
                    "<b>%{customdata[1]}</b><br>%{customdata[2]}<br>"
                    "%{customdata[3]}<br>%{customdata[4]}<extra></extra>"
                ),
            )
        )
    fig.update_layout(
        margin={"l": 130, "r": 20, "t": 10, "b": 40},
        height=max(260, 60 + 42 * len(lane_order)),
        showlegend=False,
        plot_bgcolor="#fafafa",
        hoverlabel={"align": "left"},
        xaxis={"type": "date", "showgrid": True, "gridcolor": "#e5e5e5"},
        yaxis={
            "categoryorder": "array",
            "categoryarray": list(reversed(lane_order)),
        },
        clickmode="event",
        uirevision="timeline",  # keep the user's zoom across filter changes
    )
    if df.empty:
        fig.add_annotation(
            text="No events match the filters",
            showarrow=False,
            x=0.5,
            y=0.5,
            xref="paper",
            yref="paper",
            font={"size": 16, "color": "#666"},
        )
        fig.update_xaxes(visible=False)
        fig.update_yaxes(visible=False)
    return fig


# --- level of detail -------------------------------------------------------------------

POINTS_MAX = 2000  # above this many events in view, draw counts instead of points
_DAY = np.timedelta64(1, "D")


def bucket_for(days: int) -> str:
    """The count bucket for a window of ``days``: day, week or month."""
    return "day" if days <= 180 else "week" if days <= 4 * 366 else "month"


def counts_figure(
    index: EventIndex, rows: np.ndarray, x0: int, x1: int, lanes: str = "type"
) -> dict:
    """Events per lane and time bucket as a heatmap: a few kilobytes however many events."""
    bucket = bucket_for(x1 - x0)
    start = index.start[rows].astype("datetime64[D]")
    if bucket == "month":
        keys = start.astype("datetime64[M]")
        first = np.datetime64(int(x0), "D").astype("datetime64[M]")
        last = np.datetime64(int(x1), "D").astype("datetime64[M]")
        edges = np.arange(first, last + 1)
        pos = (keys - first).astype(np.int64)
        labels = [str(e) + "-01" for e in edges]
    else:
        size = 1 if bucket == "day" else 7
        first_day = (
            int(x0) - (int(x0) + 3) % 7 if bucket == "week" else int(x0)
        )  # weeks start Monday
        pos = (start.astype(np.int64) - first_day) // size
        n = (int(x1) - first_day) // size + 1
        edges = np.datetime64(first_day, "D") + np.arange(n) * size * _DAY
        labels = [str(e) for e in edges]
    if lanes == "entity":
        df = index.frame(rows)
        names = pd.Series(
            [entity_lane(a, t) for a, t in zip(df["actors"], df["targets"], strict=True)]
        )
        top = list(names.value_counts().index[:15])
        lane_names = [*top, "Other entities"]
        lane_idx = (
            names.map({n: i for i, n in enumerate(top)}).fillna(len(top)).to_numpy(dtype=np.int64)
        )
    else:
        lane_names = [EVENT_TYPE_LABELS[t] for t in EVENT_TYPES]
        lane_idx = index.type_code[rows].astype(np.int64)
    n_buckets = len(labels)
    ok = (pos >= 0) & (pos < n_buckets)
    counts = np.bincount(lane_idx[ok] * n_buckets + pos[ok], minlength=len(lane_names) * n_buckets)
    z = counts.reshape(len(lane_names), n_buckets)
    used = [i for i in range(len(lane_names)) if z[i].any()]
    return {
        "data": [
            {
                "type": "heatmap",
                "x": labels,
                "y": [lane_names[i] for i in used],
                "z": z[used].tolist(),
                "colorscale": "Cividis",
                "xgap": 1,
                "ygap": 3,
                "hovertemplate": f"%{{y}}<br>{bucket} of %{{x}}: %{{z}} events<extra></extra>",
                "colorbar": {"title": {"text": f"events / {bucket}"}, "thickness": 12},
                "zmin": 0,
            }
        ],
        "layout": {
            "margin": {"l": 130, "r": 20, "t": 30, "b": 40},
            "height": max(260, 60 + 42 * len(used)),
            "plot_bgcolor": "#fafafa",
            "xaxis": {
                "type": "date",
                "range": [str(np.datetime64(int(x0), "D")), str(np.datetime64(int(x1), "D"))],
            },
            "yaxis": {"autorange": "reversed"},
            "uirevision": "timeline",
            "annotations": [
                {
                    "text": f"{int(ok.sum()):,} events in view: counts per {bucket}; zoom in to see events",
                    "showarrow": False,
                    "xref": "paper",
                    "yref": "paper",
                    "x": 0,
                    "y": 1.08,
                    "xanchor": "left",
                    "font": {"size": 12, "color": "#444"},
                }
            ],
        },  # fmt: skip
    }


def level_of_detail(
    index: EventIndex,
    rows: np.ndarray,
    window: tuple[str, str] | None = None,
    lanes: str = "type",
    selected_id: str | None = None,
    new_since: str | None = None,
) -> tuple[dict, str, int]:
    """The figure for what is in view: points when few enough, counts otherwise.
    Returns (figure, "points" or "counts", events in view)."""
    if window:
        x0, x1 = day_number(window[0]), day_number(window[1])
        in_view = rows[(index.end[rows] >= x0) & (index.start[rows] <= x1)]
    else:
        in_view = rows
        x0 = int(index.start[rows].min()) if len(rows) else 0
        x1 = int(index.end[rows].max()) if len(rows) else 0
    if len(in_view) > POINTS_MAX:
        return counts_figure(index, in_view, x0, x1, lanes), "counts", len(in_view)
    fig = timeline_figure(index.frame(in_view), selected_id, lanes, new_since)
    if window:
        fig.update_xaxes(range=list(window))
    return fig.to_plotly_json(), "points", len(in_view)


def reward_figure(df: pd.DataFrame) -> go.Figure:
    """Reward amounts over time as steps: each reward holds until the next."""
    rewards = df[(df["event_type"] == "bounty") & df["amount"].notna()].sort_values("date_start")
    fig = go.Figure(
        go.Scatter(
            x=list(rewards["date_start"]),
            y=[float(a) for a in rewards["amount"]],
            mode="lines+markers",
            line={"shape": "hv", "color": PALETTE["bounty"], "width": 3},
            marker={"size": 9},
            customdata=[
                amount_label(a, c)
                for a, c in zip(rewards["amount"], rewards["currency"], strict=True)
            ],
            hovertemplate="%{x|%Y-%m-%d}: %{customdata}<extra></extra>",
            name="Reward",
        )
    )
    fig.update_layout(
        margin={"l": 70, "r": 20, "t": 10, "b": 40}, height=280, plot_bgcolor="#fafafa",
        yaxis={"title": {"text": "Reward (USD)"}, "tickformat": "$.2s", "rangemode": "tozero"},
        xaxis={"type": "date"},
    )  # fmt: skip
    return fig
