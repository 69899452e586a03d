"""The review callbacks: thin wiring from the page's controls to ``ingest.review.actions``
(each an edit request: it outputs ``review-result.data``, so ``auth`` lets it through only
for an editor with the page's token) and to what the page shows after it (the detail, the
timeline, the queue, which all take ``review-result`` as an input).

Every answer reads the store itself, not a snapshot a moment old, so the second of two
editors sees the first one's change.
"""

from __future__ import annotations

import time
from typing import Any

from dash import ALL, Dash, Input, Output, State, ctx, dcc, html, no_update
from dash.exceptions import PreventUpdate
from flask import g, session

from ingest.extract.gazetteer import load_gazetteer
from ingest.review import actions
from ingest.review.actions import Outcome, ReviewError
from ingest.review.history import current_event, event_history, nearby_events
from ingest.review.queue import review_queue
from ingest.schema import ValidationError

from .archive import with_archived_copies
from .auth import EDIT_OUTPUT, EditorPolicy, csrf_token, current_editor
from .data import EventCache
from .review_form import form_changes
from .review_views import ReviewContext, name_options, queue_current, queue_items
from .views import detail_panel

QUEUE_WINDOW = 30  # queue rows listed around the current one
RESULT = Output(EDIT_OUTPUT, "data", allow_duplicate=True)
SELECTED = Output("selected-event", "data", allow_duplicate=True)


def gazetteer_names() -> list[str]:
    return sorted({e.name for e in load_gazetteer().entities.values()}, key=str.casefold)


def result(ok: bool, message: str, event_id: str | None, origin: str) -> dict[str, Any]:
    # ``at`` makes every answer a change, so what depends on it always runs again.
    return {"ok": ok, "message": message, "event_id": event_id, "origin": origin, "at": time.time()}


def detail_for(cache: EventCache, policy: EditorPolicy, event_id: str | None, message: str = "") -> Any:  # fmt: skip
    """The detail panel of an event as the store holds it now."""
    store = cache.store
    event = current_event(store.engine, event_id) if event_id else None
    if event is None:
        return detail_panel(None, [])
    editor = current_editor(policy)
    context = ReviewContext(
        editor=editor,
        history=event_history(store.engine, event["event_id"]),
        nearby=nearby_events(store.engine, event) if editor else [],
        names=gazetteer_names() if editor else [],
        message=message,
    )
    sources = with_archived_copies(store, store.sources_for(event["event_id"]))
    return detail_panel(event, sources, context)


def register(app: Dash, cache: EventCache, policy: EditorPolicy) -> None:
    engine = cache.store.engine

    def act(origin: str, work: Any) -> tuple[dict[str, Any], Any]:
        """Run one action as the request's editor; the answer and the event to select."""
        editor = g.get("editor")
        if not editor:  # the gate lets no edit request through without one
            raise PreventUpdate
        try:
            outcome: Outcome = work(editor)
        except (ReviewError, ValidationError) as exc:
            return result(False, str(exc), None, origin), no_update
        cache.invalidate()  # this process wrote: the next view reads the new revision
        return result(True, outcome.message, outcome.event_id, origin), outcome.event_id

    def base_of(base: dict[str, Any] | None) -> tuple[str, dict[str, Any]]:
        if not base or not base.get("event_id"):
            raise PreventUpdate
        return base["event_id"], base.get("values") or {}

    @app.callback(
        Output("editor-status", "children"),
        Output("add-event", "style"),
        Input("nav", "data"),
    )
    def editor_status(_nav):  # type: ignore[no-untyped-def]
        editor = current_editor(policy)
        if editor is None:
            return html.A("Sign in to edit", href="/signin", className="signin-link"), {
                "display": "none"
            }
        if session.get("editor") == editor:
            signout = html.Form(
                [dcc.Input(type="hidden", name="csrf", value=csrf_token()),
                 html.Button("Sign out", type="submit", className="chip")],
                method="POST", action="/signout", className="signout",
            )  # fmt: skip
            return [f"Signed in as {editor} ", signout], {}
        return f"Editing as {editor} (this machine)", {}

    @app.callback(
        RESULT, SELECTED,
        Input("edit-save", "n_clicks"),
        State("edit-base", "data"),
        State("edit-type", "value"), State("edit-date", "value"), State("edit-precision", "value"),
        State("edit-title", "value"), State("edit-targets", "value"), State("edit-actors", "value"),
        State("edit-amount", "value"), State("edit-note", "value"), State("edit-tags", "value"),
        State("edit-reason", "value"),
        prevent_initial_call=True,
    )  # fmt: skip
    def save_edits(clicks, base, kind, date, precision, title, targets, actors, amount, note, tags, reason):  # type: ignore[no-untyped-def]  # fmt: skip
        if not clicks:
            raise PreventUpdate
        event_id, values = base_of(base)
        form = {"event_type": kind, "date": date, "precision": precision, "title": title,
                "targets": targets, "actors": actors, "amount": amount, "note": note, "tags": tags}  # fmt: skip

        def work(editor: str) -> Outcome:
            changes = form_changes(values, form)
            if not changes:
                return Outcome(event_id, "Nothing to save: no field was changed.")
            return actions.edit_fields(engine, event_id, changes, values, editor, reason or "")

        return act("detail", work)

    @app.callback(
        RESULT,
        SELECTED,
        Input("review-confirm", "n_clicks"),
        Input("review-reject", "n_clicks"),
        Input("review-restore", "n_clicks"),
        State("edit-base", "data"),
        State("edit-reason", "value"),
        prevent_initial_call=True,
    )
    def decide(_c, _r, _s, base, reason):  # type: ignore[no-untyped-def]
        if not ctx.triggered or not ctx.triggered[0]["value"]:
            raise PreventUpdate
        event_id, _ = base_of(base)
        status = {"review-confirm": "confirmed", "review-reject": "rejected"}.get(
            str(ctx.triggered_id)
        )
        return act("detail", lambda editor: actions.set_status(engine, event_id, status, editor, reason or ""))  # fmt: skip

    @app.callback(
        RESULT,
        SELECTED,
        Input("split-button", "n_clicks"),
        State("split-sources", "value"),
        State("edit-base", "data"),
        State("edit-reason", "value"),
        prevent_initial_call=True,
    )
    def split(clicks, moved, base, reason):  # type: ignore[no-untyped-def]
        if not clicks:
            raise PreventUpdate
        event_id, _ = base_of(base)
        ids = [int(i) for i in moved or [] if str(i).isdigit()]
        return act(
            "detail", lambda editor: actions.split(engine, event_id, ids, editor, reason or "")
        )

    @app.callback(
        RESULT,
        SELECTED,
        Input("merge-button", "n_clicks"),
        State("merge-with", "value"),
        State("edit-base", "data"),
        State("edit-reason", "value"),
        prevent_initial_call=True,
    )
    def merge(clicks, other, base, reason):  # type: ignore[no-untyped-def]
        if not clicks:
            raise PreventUpdate
        event_id, _ = base_of(base)
        if not other:
            return result(False, "Choose the event to merge with first.", None, "detail"), no_update
        return act("detail", lambda editor: actions.merge(engine, event_id, str(other), editor, reason or ""))  # fmt: skip

    @app.callback(
        RESULT,
        SELECTED,
        Input({"type": "undo-edit", "edit": ALL}, "n_clicks"),
        State("edit-reason", "value"),
        prevent_initial_call=True,
    )
    def undo(_clicks, reason):  # type: ignore[no-untyped-def]
        if (
            not ctx.triggered
            or not ctx.triggered[0]["value"]
            or not isinstance(ctx.triggered_id, dict)
        ):
            raise PreventUpdate
        edit_id = int(ctx.triggered_id["edit"])
        return act("detail", lambda editor: actions.undo(engine, edit_id, editor, reason or ""))

    @app.callback(
        RESULT, SELECTED,
        Output("add-message", "children"),
        Input("add-button", "n_clicks"),
        State("add-date", "value"), State("add-type", "value"), State("add-title", "value"),
        State("add-targets", "value"), State("add-actors", "value"), State("add-amount", "value"),
        State("add-url", "value"), State("add-source-title", "value"), State("add-quote", "value"),
        prevent_initial_call=True,
    )  # fmt: skip
    def add_event(clicks, date, kind, title, targets, actors, amount, url, source_title, quote):  # type: ignore[no-untyped-def]  # fmt: skip
        if not clicks:
            raise PreventUpdate
        fields = {"date": date, "event_type": kind, "title": title, "targets": targets,
                  "actors": actors, "amount": amount}  # fmt: skip
        answer, selected = act("add", lambda editor: actions.add_event(
            engine, fields, url or "", quote or "", editor, source_title or ""))  # fmt: skip
        return answer, selected, answer["message"]

    @app.callback(
        Output("detail", "children"),
        Output("detail-shown", "data"),
        Input("selected-event", "data"),
        Input(EDIT_OUTPUT, "data"),
        State("detail-shown", "data"),
    )
    def show_detail(event_id, answer, shown):  # type: ignore[no-untyped-def]
        # The table and the chart both report a selection: the same event selected again
        # keeps the panel as it is (a form being filled is not reset).
        if ctx.triggered_id == "selected-event" and event_id and event_id == shown:
            raise PreventUpdate
        message = ""
        if answer and answer.get("origin") == "detail" and ctx.triggered_id == EDIT_OUTPUT:
            message = answer.get("message") or ""
        return detail_for(cache, policy, event_id, message), event_id

    for field in ("targets", "actors"):

        @app.callback(
            Output(f"edit-{field}", "options"),
            Input(f"edit-{field}", "search_value"),
            State(f"edit-{field}", "value"),
            prevent_initial_call=True,
        )
        def names(typed, chosen):  # type: ignore[no-untyped-def]
            return name_options(gazetteer_names(), list(chosen or []), typed or "")

    # --- the review queue -----------------------------------------------------------------

    @app.callback(
        Output("queue-count", "children"),
        Output("queue-list", "children"),
        Output("queue-current-panel", "children"),
        Output("queue-current", "data"),
        Output("queue-open", "href"),
        Output("queue-message", "children"),
        Input("nav", "data"),
        Input("queue-cursor", "data"),
        Input(EDIT_OUTPUT, "data"),
    )
    def render_queue(nav, cursor, answer):  # type: ignore[no-untyped-def]
        if ((nav or {}).get("pathname") or "/") != "/review":
            raise PreventUpdate
        index = max(0, int((cursor or {}).get("index") or 0))
        first = max(0, index - 5)
        rows, total = review_queue(engine, first, QUEUE_WINDOW)
        if total and index >= total:  # the last events left the queue: stay on the last
            index = total - 1
            first = max(0, index - 5)
            rows, total = review_queue(engine, first, QUEUE_WINDOW)
        stamp = time.time()
        current = rows[index - first] if rows and 0 <= index - first < len(rows) else None
        event = current_event(engine, current["event_id"]) if current else None
        sources = cache.store.sources_for(event["event_id"]) if event else []
        count = (
            f"{total:,} event{'s' if total != 1 else ''} need{'s' if total == 1 else ''} a person"
        )
        message = ""
        if answer and answer.get("origin") == "queue" and ctx.triggered_id == EDIT_OUTPUT:
            message = answer.get("message") or ""
        return (count, queue_items(rows, first, index), queue_current(event, sources, index, total, stamp),
                {"event_id": event["event_id"] if event else None, "index": index, "stamp": stamp},
                f"/?event={event['event_id']}" if event else "/", message)  # fmt: skip

    @app.callback(
        RESULT,
        Input("queue-confirm", "n_clicks"),
        Input("queue-reject", "n_clicks"),
        State("queue-current", "data"),
        prevent_initial_call=True,
    )
    def queue_decide(_c, _r, current):  # type: ignore[no-untyped-def]
        if not ctx.triggered or not ctx.triggered[0]["value"]:
            raise PreventUpdate
        event_id = (current or {}).get("event_id")
        if not event_id:
            return result(False, "The queue is empty.", None, "queue")
        status = "confirmed" if ctx.triggered_id == "queue-confirm" else "rejected"
        answer, _ = act(
            "queue", lambda editor: actions.set_status(engine, event_id, status, editor)
        )
        return answer

    @app.callback(
        Output("queue-cursor", "data"),
        Input("queue-next", "n_clicks"),
        Input("queue-prev", "n_clicks"),
        Input({"type": "queue-item", "index": ALL}, "n_clicks"),
        State("queue-current", "data"),
        prevent_initial_call=True,
    )
    def queue_move(_n, _p, _items, current):  # type: ignore[no-untyped-def]
        if not ctx.triggered or not ctx.triggered[0]["value"]:
            raise PreventUpdate
        index = int((current or {}).get("index") or 0)
        if ctx.triggered_id == "queue-next":
            return {"index": index + 1}
        if ctx.triggered_id == "queue-prev":
            return {"index": max(0, index - 1)}
        return {"index": int(ctx.triggered_id["index"])}  # type: ignore[index]
