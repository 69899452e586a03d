"""The review pieces of the page, built from data (pure, unit-tested without a browser):
the detail panel's review block (decisions, the edit form, split and merge), the event's
history, the add-an-event form, and the review queue page.

Text from sources and from analysts is passed to Dash as plain strings (rendered as
text); no link is made of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from dash import dcc, html
from dash.development.base_component import Component

from ingest.review.history import Entry
from ingest.schema import EVENT_TYPE_LABELS, EVENT_TYPES, PRECISIONS

from .figures import date_label
from .review_form import base_values, form_values

STATUS_LABELS = {
    "unreviewed": "Unreviewed", "confirmed": "Confirmed", "edited": "Edited (corrected)",
    "rejected": "Rejected: not an event",
}  # fmt: skip
TYPE_OPTIONS = [{"label": EVENT_TYPE_LABELS[t], "value": t} for t in EVENT_TYPES]
PRECISION_OPTIONS = [{"label": p, "value": p} for p in PRECISIONS]
KEYS = {"confirm": "C", "reject": "X", "next": "N", "previous": "P", "open": "E"}


@dataclass
class ReviewContext:
    """What the review block needs besides the event."""

    editor: str | None  # who edits in this request; None: sign-in needed
    history: list[Entry] = field(default_factory=list)
    nearby: list[dict[str, Any]] = field(default_factory=list)  # events to merge with
    names: list[str] = field(default_factory=list)  # the gazetteer's entity names
    message: str = ""


def _control(label: str, control: Any) -> html.Div:
    return html.Div([html.Label(label, htmlFor=control.id), control], className="edit-field")


def name_options(names: Sequence[str], chosen: Sequence[str], typed: str = "") -> list[dict[str, str]]:  # fmt: skip
    """The gazetteer's names, the event's own, and what the analyst typed (a new name)."""
    typed = " ".join((typed or "").split())[:200]
    ordered = list(dict.fromkeys([*chosen, *names]))
    options = [{"label": n, "value": n} for n in ordered]
    if typed and typed.casefold() not in {n.casefold() for n in ordered}:
        options.insert(0, {"label": f"New name: {typed}", "value": typed})
    return options


def status_line(event: dict[str, Any]) -> Component:
    status = event.get("review_status") or "unreviewed"
    parts: list[Any] = [html.Strong(STATUS_LABELS.get(status, status))]
    if event.get("reviewed_at"):
        parts.append(
            f" · last reviewed {event['reviewed_at'].replace('T', ' ').replace('Z', ' UTC')}"
        )
    if event.get("review_reasons"):
        parts.append(f" · needs a person: {event['review_reasons']}")
    return html.P(parts, className=f"review-status status-{status}", id="review-status")


def edit_form(event: dict[str, Any], names: Sequence[str]) -> html.Details:
    v = form_values(event)
    controls = [
        _control("Type", dcc.Dropdown(id="edit-type", options=TYPE_OPTIONS, value=v["event_type"], clearable=False)),
        html.Div([
            _control("Date", dcc.Input(id="edit-date", type="text", value=v["date"], debounce=False,
                                       placeholder="YYYY-MM-DD, YYYY-MM, YYYY or YYYY-Www")),
            _control("Precision", dcc.Dropdown(id="edit-precision", options=PRECISION_OPTIONS,
                                               value=v["precision"], clearable=False)),
        ], className="edit-row"),
        _control("Title", dcc.Input(id="edit-title", type="text", value=v["title"])),
        _control("Targets", dcc.Dropdown(id="edit-targets", multi=True, searchable=True,
                                         options=name_options(names, v["targets"]), value=v["targets"])),
        _control("Actors", dcc.Dropdown(id="edit-actors", multi=True, searchable=True,
                                        options=name_options(names, v["actors"]), value=v["actors"])),
        _control("Amount (USD)", dcc.Input(id="edit-amount", type="text", value=v["amount"],
                                           inputMode="numeric")),
        _control("Note", dcc.Textarea(id="edit-note", value=v["note"], rows=2)),
        _control("Tags (separate with ;)", dcc.Input(id="edit-tags", type="text", value=v["tags"])),
        html.Button("Save corrections", id="edit-save", className="button", n_clicks=0),
    ]  # fmt: skip
    return html.Details(
        [html.Summary("Correct the fields"), html.Div(controls, className="edit-form")],
        className="edit-details",
        id="edit-details",
    )


def split_merge(event: dict[str, Any], sources: list[dict[str, Any]], nearby: list[dict[str, Any]]) -> html.Details:  # fmt: skip
    source_options = [
        {"label": f" {s.get('source_title') or s.get('source_url') or 'untitled'} (gives {s.get('source_date')})",
         "value": s["id"]}
        for s in sources
    ]  # fmt: skip
    merge_options = [
        {"label": f"{n['date']} · {EVENT_TYPE_LABELS.get(n['event_type'], n['event_type'])} · {n['title']}",
         "value": n["event_id"]}
        for n in nearby
    ]  # fmt: skip
    return html.Details(
        [
            html.Summary("Split or merge"),
            html.Div(
                [
                    html.Label(
                        "Sources that are another event",
                        htmlFor="split-sources",
                        id="split-sources-label",
                    ),  # fmt: skip
                    dcc.Checklist(id="split-sources", options=source_options, value=[]),
                    html.Button(
                        "Split off the ticked sources",
                        id="split-button",
                        className="button secondary",
                        n_clicks=0,
                    ),  # fmt: skip
                ],
                className="edit-field filter",
            ),
            html.Div(
                [
                    html.Label("The same event as", htmlFor="merge-with", id="merge-with-label"),
                    dcc.Dropdown(
                        id="merge-with",
                        options=merge_options,
                        searchable=True,
                        placeholder="An event within 45 days",
                    ),  # fmt: skip
                    html.Button(
                        "Merge into this event",
                        id="merge-button",
                        className="button secondary",
                        n_clicks=0,
                    ),  # fmt: skip
                ],
                className="edit-field",
            ),
        ],
        className="edit-details",
        id="split-merge",
    )


def review_block(event: dict[str, Any], sources: list[dict[str, Any]], context: ReviewContext) -> Component:  # fmt: skip
    """Decisions and corrections for an editor; for anyone else, how to become one."""
    if context.editor is None:
        return html.Div(
            [status_line(event),
             html.P("Reading is open; correcting events needs an editor: sign in at the top of the page.",
                    className="muted")],
            className="review",
        )  # fmt: skip
    rejected = event.get("review_status") == "rejected"
    buttons = html.Div(
        [
            html.Button("Confirm", id="review-confirm", className="button", n_clicks=0),
            html.Button("Reject: not an event", id="review-reject", className="button secondary",
                        n_clicks=0, hidden=rejected),
            html.Button("Restore", id="review-restore", className="button secondary", n_clicks=0,
                        hidden=not rejected),
            _control("Reason (kept in the history)", dcc.Input(id="edit-reason", type="text", value="")),
        ],
        className="review-buttons",
        role="group",
        **{"aria-label": f"Review as {context.editor}"},  # type: ignore[arg-type]
    )  # fmt: skip
    return html.Div(
        [
            html.H3(f"Review (editing as {context.editor})"),
            status_line(event),
            buttons,
            html.P(context.message, id="review-message", className="review-message", role="status"),
            edit_form(event, context.names),
            split_merge(event, sources, context.nearby),
            dcc.Store(
                id="edit-base", data={"event_id": event["event_id"], "values": base_values(event)}
            ),
        ],
        className="review",
    )


def history_list(entries: Sequence[Entry], can_edit: bool) -> Component:
    """Sources and edits in time order; an edit in effect can be undone by an editor."""
    items = []
    for entry in entries:
        when = entry.at.replace("T", " ").replace("Z", " UTC")
        parts: list[Any] = [html.Span(when, className="muted"), " ", entry.text]
        if entry.who:
            parts.append(html.Span(f" — {entry.who}", className="muted"))
        if entry.reason:
            parts.append(html.Span(f" (“{entry.reason}”)", className="muted"))
        if can_edit and entry.undoable and entry.edit_id is not None:
            parts += [" ", html.Button("Undo", id={"type": "undo-edit", "edit": entry.edit_id},
                                       className="chip", n_clicks=0)]  # fmt: skip
        items.append(html.Li(parts, className=f"history-{entry.kind}"))
    return html.Div([html.H3("History"), html.Ol(items, className="history")], id="history")


def add_event_panel() -> html.Details:
    """Add an event by hand, with its source URL and quote."""
    controls = [
        _control("Date", dcc.Input(id="add-date", type="text", placeholder="YYYY-MM-DD")),
        _control("Type", dcc.Dropdown(id="add-type", options=TYPE_OPTIONS, clearable=False)),
        _control("Title", dcc.Input(id="add-title", type="text")),
        _control("Targets (separate with ;)", dcc.Input(id="add-targets", type="text")),
        _control("Actors (separate with ;)", dcc.Input(id="add-actors", type="text")),
        _control("Amount (USD)", dcc.Input(id="add-amount", type="text", inputMode="numeric")),
        _control("Source URL", dcc.Input(id="add-url", type="url", placeholder="https://")),
        _control("Source title", dcc.Input(id="add-source-title", type="text")),
        _control("Quote from the source", dcc.Textarea(id="add-quote", rows=2)),
        html.Button("Add the event", id="add-button", className="button", n_clicks=0),
        html.P(id="add-message", className="review-message", role="status"),
    ]
    return html.Details(
        [html.Summary("Add an event by hand"), html.Div(controls, className="edit-form add-form")],
        id="add-event",
        className="add-event",
        style={"display": "none"},
    )


# --- the review queue page ----------------------------------------------------------------


def queue_page() -> html.Div:
    """The queue's static frame: the list and the current event are filled by callbacks;
    the buttons stay put so the keyboard shortcuts always find them."""

    def key(label: str, id_: str, k: str, cls: str = "button secondary") -> html.Button:
        return html.Button([label, html.Kbd(k, className="key")], id=id_, className=cls,
                           n_clicks=0, **{"aria-keyshortcuts": k.lower()})  # type: ignore[arg-type]  # fmt: skip

    return html.Div(
        [
            html.H2("Review queue"),
            html.P(id="queue-count", className="queue-count", role="status"),
            html.P(
                "Keys: C confirms, X rejects, N goes to the next event, P to the previous, "
                "E opens it in the timeline to correct it.",
                className="muted",
            ),
            html.Div(
                [
                    html.Div(html.Ol(id="queue-list", className="queue-list"), className="queue-list-box",
                             role="region", **{"aria-label": "Events that need a person"}),  # type: ignore[arg-type]
                    html.Section(
                        [
                            html.Div(
                                [key("Confirm", "queue-confirm", KEYS["confirm"], "button"),
                                 key("Reject", "queue-reject", KEYS["reject"]),
                                 key("Previous", "queue-prev", KEYS["previous"]),
                                 key("Next", "queue-next", KEYS["next"]),
                                 html.A(["Open in the timeline", html.Kbd(KEYS["open"], className="key")],
                                        id="queue-open", href="/", className="button secondary")],
                                className="queue-buttons", role="group",
                                **{"aria-label": "Decide on the current event"},  # type: ignore[arg-type]
                            ),
                            html.P(id="queue-message", className="review-message", role="status"),
                            html.Div(id="queue-current-panel", className="queue-current"),
                        ],
                        className="queue-detail",
                        **{"aria-label": "The current event"},  # type: ignore[arg-type]
                    ),
                ],
                className="queue-body",
            ),
            dcc.Store(id="queue-cursor", data={"index": 0}),
            dcc.Store(id="queue-current"),
        ],
        id="review-page",
        className="review-page",
        style={"display": "none"},
    )  # fmt: skip


def queue_items(rows: list[dict[str, Any]], first: int, current: int) -> list[Component]:
    items: list[Component] = []
    for i, r in enumerate(rows, start=first):
        label = [
            html.Span(date_label(r["date"], r["date_precision"]), className="queue-date"),
            html.Span(
                EVENT_TYPE_LABELS.get(r["event_type"], r["event_type"]), className="queue-type"
            ),
            html.Span(r["title"], className="queue-title"),
            html.Span(r["review_reasons"] or "", className="queue-reasons"),
        ]
        items.append(
            html.Li(
                html.Button(label, id={"type": "queue-item", "index": i}, className="queue-item",
                            n_clicks=0, **({"aria-current": "true"} if i == current else {})),  # type: ignore[arg-type]
                className="queue-row current" if i == current else "queue-row",
                **{"data-event": r["event_id"]},  # type: ignore[arg-type]
            )
        )  # fmt: skip
    return items


def queue_current(event: dict[str, Any] | None, sources: list[dict[str, Any]], position: int, total: int, stamp: float) -> Component:  # fmt: skip
    """The event under review: what it says, why it is here, its sources and quotes."""
    from .views import source_items

    if event is None:
        return html.P("Nothing needs a person: the queue is empty.", className="hint",
                      **{"data-stamp": str(stamp)})  # type: ignore[arg-type]  # fmt: skip
    facts = [
        html.Dt("Date"), html.Dd(date_label(event["date"], event["date_precision"])),
        html.Dt("Type"), html.Dd(EVENT_TYPE_LABELS.get(event["event_type"], event["event_type"])),
        html.Dt("Targets"), html.Dd("; ".join(event.get("targets") or []) or "none named"),
        html.Dt("Confidence"), html.Dd(f"{float(event.get('confidence') or 0):.2f}"),
        html.Dt("Why here"), html.Dd(event.get("review_reasons") or ""),
    ]  # fmt: skip
    conflict = event.get("conflict") or ""
    return html.Div(
        [
            html.P(f"{position + 1:,} of {total:,}", className="muted"),
            html.H3(event["title"], id="queue-title"),
            html.Div([html.Strong("Sources disagree: "), conflict], className="conflict", role="note") if conflict else None,
            html.Dl(facts, className="fields"),
            html.H4(f"Sources ({len(sources)})"),
            html.Ul(source_items(sources), className="sources"),
        ],
        **{"data-event": event["event_id"], "data-stamp": str(stamp)},  # type: ignore[arg-type]
    )  # fmt: skip
