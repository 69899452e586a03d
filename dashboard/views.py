"""Pieces of the page built from data: pure functions, unit-tested without a browser.

Every text that comes from a source is passed to Dash as a plain string, which React
renders as text; links are made only for http(s) URLs.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlencode

import pandas as pd
from dash import dcc, html
from dash.development.base_component import Component

from ingest.schema import COLUMNS, ENTITY_COLUMNS, EVENT_TYPE_LABELS, LABELS, LIST_COLUMNS

from .archive import archived_link
from .figures import amount_label, date_label, reward_figure
from .plottext import plural


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
    return f"{shown:,} of {plural(total, 'event')}"


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
    return "/entity/" + quote(name, safe="")


def _value_text(name: str, value: Any) -> str:
    if name in LIST_COLUMNS:
        return "; ".join(value)
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if name == "event_type":
        return EVENT_TYPE_LABELS.get(value, value)
    return str(value)


def source_items(sources: list[dict[str, Any]]) -> list[Component]:
    """Each source with its link (http(s) only), the date it gives and its quote."""
    return [
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


def detail_panel(
    event: dict[str, Any] | None,
    sources: list[dict[str, Any]],
    review: Any = None,
) -> Component:
    """Every field of the event, its review (``review``: a review_views.ReviewContext),
    every source with its quote and link, and the event's history."""
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
            "review_status",
        ):
            continue
        value = event.get(name)
        if name in ENTITY_COLUMNS and value:
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
    review_parts: list[Any] = []
    if review is not None:
        from .review_views import history_list, review_block

        review_parts = [review_block(event, sources, review)]
    history = (
        [history_list(review.history, review.editor is not None)] if review is not None else []
    )
    return html.Div(
        [
            html.H2(event.get("title") or "", className="detail-title"),
            conflict_box,
            *review_parts,
            html.Dl(fields, className="fields"),
            html.H3(f"Sources ({len(sources)})"),
            html.Ul(source_items(sources), className="sources"),
            *history,
        ],
        id="detail-content",
    )


def event_href(name: str, event_id: str) -> str:
    """The main view filtered to the entity with the event selected (its detail open)."""
    return "/?" + urlencode([("entity", name), ("event", event_id)])


def entity_page(
    name: str, df: pd.DataFrame, timeline_href: str, reward_until: tuple[str, str] = ("", "")
) -> Component:
    """An entity's events (each linking to its detail) and, where it has rewards, the
    reward over time as steps running to today or to the event that ended it."""
    has_rewards = bool(((df["event_type"] == "bounty") & df["amount"].notna()).any())
    rows = [
        html.Tr([
            html.Td(date_label(r.date, r.date_precision)),
            html.Td(EVENT_TYPE_LABELS.get(r.event_type, r.event_type)),
            html.Td(dcc.Link(r.title, href=event_href(name, r.event_id))),
            html.Td(amount_label(r.amount, r.currency)),
            html.Td(int(r.source_count)),
        ])
        for r in df.head(500).itertuples(index=False)
    ]  # fmt: skip
    more = (
        html.P(f"The first 500 are listed; the timeline has all {len(df):,}.", className="muted")
        if len(df) > 500
        else None
    )
    chart = None
    if has_rewards:
        until, ended_by = reward_until
        caption = f"Ended {until}: {ended_by}" if ended_by else "The last reward runs to today."
        chart = html.Div(
            [
                html.H3("Reward over time"),
                dcc.Graph(
                    id="reward-chart",
                    figure=reward_figure(df, until or None, ended_by),
                    config={"displaylogo": False},
                ),
                html.P(caption, className="muted"),
            ],
            className="rewards",
        )
    return html.Div(
        [
            html.H2(name),
            html.P([plural(len(df), "event") + ". ", dcc.Link("Open in the timeline", href=timeline_href)]),
            chart,
            html.Table(
                [
                    html.Caption(f"Events about {name}", className="visually-hidden"),
                    html.Thead(
                        html.Tr([html.Th(h, scope="col") for h in ("Date", "Type", "Title", "Amount", "Sources")])
                    ),
                    html.Tbody(rows),
                ],
                className="entity-events",
            ),
            more,
        ]
    )  # fmt: skip


def unknown_entity_page(name: str, suggestions: list[str]) -> Component:
    """What an unknown name gets (with HTTP 404): it says so and offers close names."""
    hint: list[Any] = ["No events name this entity."]
    if suggestions:
        links: list[Any] = []
        for s in suggestions:
            links += [dcc.Link(s, href=entity_href(s)), ", "]
        hint = ["No events name this entity. Did you mean: ", *links[:-1], "?"]
    return html.Div(
        [
            html.H2(f"Unknown entity: {name}" if name else "Entities"),
            html.P(hint, className="not-found"),
            html.P(dcc.Link("Back to the timeline", href="/")),
        ]
    )


def entity_directory(counts: list[tuple[str, int]], limit: int = 300) -> Component:
    """``/entity/``: the entities with the most events, each linking to its page."""
    return html.Div(
        [
            html.H2("Entities"),
            html.P(f"The {min(limit, len(counts)):,} entities with the most events.", className="muted"),
            html.Ul(
                [html.Li([dcc.Link(n, href=entity_href(n)), f" ({plural(c, 'event')})"])
                 for n, c in counts[:limit]],
                className="entity-directory",
            ),
        ]
    )  # fmt: skip
