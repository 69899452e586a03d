"""The timeline figure, built from a filtered DataFrame (no Dash here: unit-testable)."""

from __future__ import annotations

from html import escape

import pandas as pd
import plotly.graph_objects as go

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


def timeline_figure(df: pd.DataFrame, selected_id: str | None = None) -> go.Figure:
    """One lane per event type; day events as points, month/year events as spans over
    their period with a point at the middle; the selected event ringed."""
    fig = go.Figure()
    lanes = [t for t in EVENT_TYPES if t in set(df["event_type"])]
    for event_type in lanes:
        part = df[df["event_type"] == event_type]
        label = EVENT_TYPE_LABELS[event_type]
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
                [escape(t) for t in part["title"]],
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
                y=[label] * len(part),
                mode="markers",
                name=label,
                legendgroup=event_type,
                marker={
                    "color": PALETTE[event_type],
                    "size": [10 + 3 * min(int(n), 5) for n in part["source_count"]],
                    "line": {
                        "color": ["#000" if i == selected_id else "#fff" for i in part["event_id"]],
                        "width": [3 if i == selected_id else 1 for i in part["event_id"]],
                    },
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
        height=max(260, 60 + 42 * len(lanes)),
        showlegend=False,
        plot_bgcolor="#fafafa",
        hoverlabel={"align": "left"},
        xaxis={"type": "date", "showgrid": True, "gridcolor": "#e5e5e5"},
        yaxis={
            "categoryorder": "array",
            "categoryarray": [EVENT_TYPE_LABELS[t] for t in reversed(lanes)],
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
