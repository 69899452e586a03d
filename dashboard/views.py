"""Pieces of the page built from data: pure functions, unit-tested without a browser.

Every text that comes from a source is passed to Dash as a plain string, which React
renders as text; links are made only for http(s) URLs.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from dash import dcc, html
from dash.development.base_component import Component

from ingest.schema import COLUMNS, EVENT_TYPE_LABELS, LABELS, LIST_COLUMNS

from .archive import archived_link
from .figures import amount_label, date_label

GRID_COLUMNS: tuple[str, ...] = (
    "date",
    "event_type",
    "title",
    "targets",
    "amount",
    "source_count",
    "conflict",
)


def safe_href(url: str | None) -> str | None:
    """The URL if it is http(s), else None: no javascript:, data: or relative links."""
    if not url:
        return None
    lowered = url.strip().lower()
    return url.strip() if lowered.startswith(("http://", "https://")) else None


def external_link(text: str, url: str | None) -> Component:
    href = safe_href(url)
    if href is None:
        return html.Span(text or (url or ""), className="unlinked")
    return html.A(text or href, href=href, target="_blank", rel="noopener noreferrer")


def count_text(shown: int, total: int) -> str:
    return f"{shown:,} of {total:,} events"


def status_text(run: dict[str, Any] | None) -> str:
    if not run:
        return "Nothing ingested yet: run `policy-timeline ingest PATH`."
    when = (run.get("finished_at") or "").replace("T", " ").replace("Z", " UTC")
    return f"Last ingest {when}"


_ADAPTER_LABELS = {
    "csv": "Curated CSV", "federal_register": "Federal Register", "fto_list": "State Department FTO list",
    "markdown": "Documents (Markdown)", "html": "Web pages", "feed": "Feeds", "text": "Text articles",
}  # fmt: skip


def status_panel(run: dict[str, Any] | None, per_source: list[tuple[str, int]]) -> Component:
    """When the store was last ingested, and how many events each kind of source gave."""
    items = [html.Li(f"{_ADAPTER_LABELS.get(a, a)}: {n:,} events") for a, n in per_source]
    return html.Details(
        [html.Summary(status_text(run)), html.Ul(items, className="per-source")],
        className="status-details",
    )


def entity_href(name: str) -> str:
    from urllib.parse import quote

    return "/entity/" + quote(name, safe="")


def grid_column_defs() -> list[dict[str, Any]]:
    widths = {
        "date": 115,
        "event_type": 140,
        "amount": 95,
        "source_count": 90,
        "confidence": 105,
        "conflict": 110,
    }
    defs = []
    for name in GRID_COLUMNS:
        col: dict[str, Any] = {"field": name, "headerName": LABELS[name], "sortable": True}
        if name in widths:
            col["width"] = widths[name]
        else:
            col["flex"] = 3 if name == "title" else 2
            col["tooltipField"] = name  # long titles and target lists stay readable
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
            "new": bool(new_since and (r.first_seen or "")[:10] > new_since),
        }
        for r in df.itertuples(index=False)
    ]


def _value_text(name: str, value: Any) -> str:
    if name in LIST_COLUMNS:
        return "; ".join(value)
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if name == "event_type":
        return EVENT_TYPE_LABELS.get(value, value)
    return str(value)


def detail_panel(event: dict[str, Any] | None, sources: list[dict[str, Any]]) -> Component:
    """Every field of the event, then every source with its quote and link."""
    if event is None:
        return html.P(
            "Click an event on the timeline or a row in the table to read it here.",
            className="hint",
        )
    fields = []
    for name in COLUMNS:
        if name in (
            "title",
            "evidence",
            "source_title",
            "source_url",
            "source_published",
            "conflict",
        ):
            continue
        value = event.get(name)
        if name in LIST_COLUMNS and value:
            links: list[Any] = []
            for n in value:
                links += [dcc.Link(n, href=entity_href(n), className="entity-link"), "; "]
            fields += [html.Dt(LABELS[name]), html.Dd(links[:-1])]
            continue
        text = _value_text(name, value)
        if name == "amount" and text:
            text = amount_label(event.get("amount"), event.get("currency") or "")
        if text:
            fields += [html.Dt(LABELS[name]), html.Dd(text)]
    conflict = event.get("conflict") or ""
    conflict_box = (
        html.Div([html.Strong("Sources disagree: "), conflict], className="conflict", role="note")
        if conflict
        else None
    )
    source_items = [
        html.Li(
            [
                external_link(
                    s.get("source_title") or s.get("source_url") or "(untitled source)",
                    s.get("source_url"),
                ),
                html.Span(
                    f" · published {s['source_published']}" if s.get("source_published") else "",
                    className="muted",
                ),
                html.Span(
                    f" · gives {s['source_date']}" if s.get("source_date") else "",
                    className="muted",
                ),
                archived_link(s),
                html.Blockquote(s.get("evidence") or "(no quote)"),
            ],
            className="source",
        )
        for s in sources
    ]
    return html.Div(
        [
            html.H3(event.get("title") or ""),
            conflict_box,
            html.Dl(fields, className="fields"),
            html.H4(f"Sources ({len(sources)})"),
            html.Ul(source_items, className="sources"),
        ],
        id="detail-content",
    )


def entity_page(name: str, df: pd.DataFrame, timeline_href: str) -> Component:
    """An entity's events and, where it has rewards, the reward over time as steps."""
    from .figures import reward_figure

    rewards = df[(df["event_type"] == "bounty") & df["amount"].notna()]
    rows = [
        html.Tr([
            html.Td(date_label(r.date, r.date_precision)),
            html.Td(EVENT_TYPE_LABELS.get(r.event_type, r.event_type)),
            html.Td(r.title),
            html.Td(amount_label(r.amount, r.currency)),
            html.Td(int(r.source_count)),
        ])
        for r in df.head(500).itertuples(index=False)
    ]  # fmt: skip
    return html.Div(
        [
            html.H2(name),
            html.P([f"{len(df):,} events. ", dcc.Link("Open in the timeline", href=timeline_href)]),
            html.Div(
                [
                    html.H3("Reward over time"),
                    dcc.Graph(
                        id="reward-chart", figure=reward_figure(df), config={"displaylogo": False}
                    ),
                ],
                className="rewards",
            )
            if len(rewards)
            else None,  # fmt: skip
            html.Table(
                [
                    html.Thead(
                        html.Tr(
                            [html.Th(h) for h in ("Date", "Type", "Title", "Amount", "Sources")]
                        )
                    ),
                    html.Tbody(rows),
                ],
                className="entity-events",
            ),  # fmt: skip
        ]
    )
