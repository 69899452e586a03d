"""The Dash app: thin callbacks over pure functions, one index snapshot per callback.

How the view flows (one state drives everything):

    page load ──► layout built with the URL's controls (first_view.py) ──► update_view
    URL (load, Back/Forward, links) ──► nav ──► restore ──► filter controls, window, selection
    filter controls + window ──► update_view ──► chart, count, CSV link, view {query, ...}
    view ──► (browser) push the URL, re-query the table, drop a selection the view lost

The URL is written from the view and never read back into the controls except on real
navigation, so typing in the search box is never overwritten.

Run it with ``policy-timeline serve``; tests build it with ``create_app(store)``.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import unquote

import flask
import numpy as np
from dash import ClientsideFunction, Dash, Input, Output, State, ctx, dcc, no_update

from ingest.export import to_csv
from ingest.memory import limit_arenas
from ingest.review.editors import Editors
from ingest.store import Store

from .archive import register_archive
from .auth import EditorPolicy, is_loopback
from .auth import install as install_auth
from .controls import FILTERS, entity_options, view_state
from .counts import bucket_bounds
from .data import EventCache, Snapshot
from .entities import reward_end
from .feed import register_feed
from .figures import level_of_detail
from .first_view import (
    FIRST_NAV,
    apply_props,
    first_view_props,
    is_first_view,
    page_url,
    view_props,
)
from .health import register_health
from .layout import INDEX_STRING, page_layout
from .request_log import register_request_log
from .review_callbacks import register as register_review
from .routes import ENTITY_PREFIX, REVIEW_PATH, add_routes
from .security import compress, harden
from .state import ViewState, build_query, parse_query
from .views import (
    count_text,
    entity_directory,
    entity_page,
    status_panel,
    unknown_entity_page,
)


def first_view_layout(cache: EventCache) -> Any:
    """The page's layout, showing the view its URL describes when it can (first_view.py)."""
    page = page_layout()
    if not flask.has_request_context():
        return page
    url = page_url(flask.request.referrer, flask.request.host)
    props = first_view_props(cache.current(), *url) if url else None
    return apply_props(page, props) if props else page


# A served dashboard's SQLite page cache per connection (one per request thread): it reads
# a few rows by id per request and keeps its index in memory; the default 64 MB per
# connection made a 1M worker 250 MB larger under load.
SERVING_CACHE_MB = 8


def create_app(
    store: Store | None = None, host: str | None = None, editors: Editors | None = None
) -> Dash:
    """The dashboard over ``store``. ``host`` is the address the server listens on: only a
    loopback one lets the local user edit without signing in (None, as under a WSGI
    server, counts as beyond this machine). ``editors``: the editors file."""
    limit_arenas()  # before the index and request threads start
    cache = EventCache(store or Store(cache_mb=SERVING_CACHE_MB))
    cache.start()  # the index is warm before the first page asks for it
    app = Dash(__name__, title="Policy timeline", suppress_callback_exceptions=True)
    register_request_log(app.server)  # first: it times and logs every request (ingest.logs)
    compress(app)
    app.index_string = INDEX_STRING
    app.layout = lambda: first_view_layout(cache)
    harden(app)
    policy = EditorPolicy(editors or Editors(), local_bind=is_loopback(host))
    install_auth(app, cache.store, policy)
    add_routes(app, cache)
    register_feed(app.server, cache)  # /feed.atom: the view's events as an Atom feed
    register_archive(app.server, cache.store)  # /archive/<sha256>: a fetched body, as text
    register_health(app.server, cache)  # /healthz: the store answers, the index is built
    app.server.config["EVENT_CACHE"] = cache
    inputs = [Input(i, p) for i, p in FILTERS]

    app.clientside_callback(
        ClientsideFunction("timeline", "nav"), Output("nav", "data"), Input("url", "pathname")
    )

    @app.callback(
        *[Output(i, p, allow_duplicate=True) for i, p in FILTERS],
        Output("window", "data", allow_duplicate=True),
        Output("selected-event", "data", allow_duplicate=True),
        Output("filter-entities", "options", allow_duplicate=True),
        Output("filter-sources", "options"),
        Output("status", "children"),
        Output("main-page", "style"),
        Output("review-page", "style"),
        Output("entity-page", "children"),
        Output("count", "children", allow_duplicate=True),
        Output("notice", "children", allow_duplicate=True),
        Output("search-restore", "data"),
        Input("nav", "data"),
        State(FIRST_NAV, "data"),
        prevent_initial_call=True,
    )
    def restore(nav, first_nav):  # type: ignore[no-untyped-def]
        """Page load, Back/Forward, a link: show the view the URL describes."""
        if is_first_view(nav, first_nav):  # the layout already shows it
            return tuple([no_update] * len(ctx.outputs_list))
        snapshot = cache.snapshot()
        status = status_panel(snapshot.last_run, snapshot.per_source)
        pathname = (nav or {}).get("pathname") or "/"
        hidden = {"display": "none"}
        if pathname.startswith(ENTITY_PREFIX):
            page, count = _entity(snapshot, unquote(pathname[len(ENTITY_PREFIX) :]))
            unchanged = [no_update] * (len(FILTERS) + 3)
            return (*unchanged, no_update, status, hidden, hidden, page, count, no_update,
                    no_update)  # fmt: skip
        if pathname == REVIEW_PATH:
            unchanged = [no_update] * (len(FILTERS) + 3)
            return (*unchanged, no_update, status, hidden, {}, None, "Review queue", no_update,
                    no_update)  # fmt: skip
        state, notes = parse_query((nav or {}).get("search"))
        props = view_props(snapshot, state, (nav or {}).get("at"))
        props |= {("selected-event", "data"): state.event, ("main-page", "style"): {},
                  ("review-page", "style"): hidden, ("entity-page", "children"): None,
                  ("count", "children"): no_update, ("notice", "children"): " ".join(notes)}  # fmt: skip
        # An output that allows duplicates is named "prop@<hash>" in outputs_list.
        return tuple(props[(o["id"], o["property"].split("@")[0])] for o in ctx.outputs_list)

    def _entity(snapshot: Snapshot, name: str) -> tuple[Any, str]:
        if not name:
            return entity_directory(snapshot.entity_counts()), "Entities"
        from .entities import resolve_entity  # the route redirected aliases already

        resolved = resolve_entity(name, snapshot.index)
        if resolved.name is None:
            return unknown_entity_page(name, resolved.suggestions), "Unknown entity"
        rows = snapshot.select(ViewState(entities=(resolved.name,)).filter())
        frame = snapshot.index.frame(rows)
        href = "/" + build_query(ViewState(entities=(resolved.name,)))
        page = entity_page(resolved.name, frame, href, reward_end(frame))
        return page, f"{len(rows):,} events about {resolved.name}"

    @app.callback(
        Output("timeline", "figure"),
        Output("count", "children"),
        Output("view-mode", "children"),
        Output("view", "data"),
        Output("download-link", "href"),
        Output("download-link", "children"),
        Output("notice", "children"),
        *inputs,
        Input("window", "data"),
        Input("review-result", "data"),  # an edit: the chart, count and table show it
        State("selected-event", "data"),
        State("url", "pathname"),
        State("nav", "data"),
        State(FIRST_NAV, "data"),
        State("view", "data"),
    )
    def update_view(*args):  # type: ignore[no-untyped-def]
        *values, window, _edited, selected, pathname, nav, first_nav, shown = args
        if ctx.triggered_id is None and not first_nav:  # page load: restore will set the controls
            return tuple([no_update] * len(ctx.outputs_list))
        state, notes = view_state(values, window, selected)
        snapshot = cache.snapshot()
        rows = snapshot.select(state.filter())
        row = snapshot.row_of(selected) if selected else None
        in_view = row is not None and bool((rows == row).any())
        query = build_query(state if in_view else replace(state, event=None))
        # The view a layout was built for (first_view.py) carries no navigation time:
        # timeline.js takes it as current until the first navigation after the load.
        nav_at = None if is_first_view(nav, first_nav) else (nav or {}).get("at")
        data = {"query": query, "count": len(rows), "selected_in_view": in_view or not selected,
                "nav_at": nav_at, "revision": list(snapshot.revision)}  # fmt: skip
        if data == shown and ctx.triggered_id != "review-result":
            # A control that re-sent its value (the date picker does once it has loaded):
            # the page already shows this view; drawing it again costs the browser ~0.3 s.
            return tuple([no_update] * len(ctx.outputs_list))
        view = level_of_detail(
            snapshot.index, rows, state.zoom(), state.lanes, selected if in_view else None,
            state.new_since,
        )  # fmt: skip
        on_other_page = (pathname or "/").startswith(ENTITY_PREFIX) or pathname == REVIEW_PATH
        count = no_update if on_other_page else count_text(len(rows), len(snapshot))
        label = f"Download CSV ({len(rows):,} rows)"
        return (view.figure, count, view.note, data, "/export.csv" + query, label,
                " ".join(notes))  # fmt: skip

    app.clientside_callback(
        ClientsideFunction("timeline", "viewChanged"),
        Output("selected-event", "data", allow_duplicate=True),
        Input("view", "data"),
        prevent_initial_call=True,
    )

    # In the browser: a zoom answered by the server could be overtaken by the relayout
    # event Plotly sends right after it (Dash keeps only the latest answer) and be lost.
    app.clientside_callback(
        ClientsideFunction("timeline", "zoomWindow"),
        Output("window", "data", allow_duplicate=True),
        Input("timeline", "relayoutData"),
        prevent_initial_call=True,
    )

    @app.callback(
        Output("selected-event", "data", allow_duplicate=True),
        Output("window", "data", allow_duplicate=True),
        Input("timeline", "clickData"),
        Input("grid", "selectedRows"),
        State("timeline", "figure"),
        prevent_initial_call=True,
    )
    def select_event(click_data, selected_rows, figure):  # type: ignore[no-untyped-def]
        if ctx.triggered_id == "timeline" and click_data:
            point = click_data["points"][0]
            if point.get("customdata") and isinstance(point["customdata"], list):
                return point["customdata"][0], no_update
            if point.get("z") is not None:  # a count cell: zoom into its bucket
                bucket = ((figure or {}).get("layout", {}).get("meta") or {}).get("bucket", "day")
                day = (date.fromisoformat(str(point["x"])[:10]) - date(1970, 1, 1)).days
                first, last = bucket_bounds(day, bucket)
                return no_update, [_iso(first), _iso(last)]
            return no_update, no_update
        if ctx.triggered_id == "grid" and selected_rows:
            return selected_rows[-1]["event_id"], no_update
        return no_update, no_update

    register_review(app, cache, policy)  # edits, the detail panel, the review queue

    app.clientside_callback(
        ClientsideFunction("timeline", "selectionChanged"),
        Output("timeline", "className"),
        Input("selected-event", "data"),
        prevent_initial_call=True,
    )

    @app.callback(
        Output("download", "data"),
        Output("download-notice", "children"),
        Input("download-selected", "n_clicks"),
        State("grid", "selectedRows"),
        State("view", "data"),
        prevent_initial_call=True,
    )
    def download_selected(_clicks, selected_rows, view):  # type: ignore[no-untyped-def]
        ids = {r["event_id"] for r in selected_rows or [] if isinstance(r, dict)}
        if not ids:
            return no_update, "No rows are ticked: tick rows in the table first."
        snapshot = cache.snapshot()
        rows = [r for r in (snapshot.row_of(i) for i in ids) if r is not None]
        frame = snapshot.index.frame(np.array(sorted(rows), dtype=np.int64))
        state, _ = parse_query((view or {}).get("query"))
        name = state.filter().filename(prefix="timeline_selected")
        return dcc.send_string(to_csv(frame), name, type="text/csv"), f"{len(frame):,} rows saved."

    @app.callback(
        Output("filter-dates", "start_date"),
        Output("filter-dates", "end_date"),
        Input("preset-30", "n_clicks"),
        Input("preset-year", "n_clicks"),
        Input("preset-all", "n_clicks"),
        prevent_initial_call=True,
    )
    def date_preset(*_clicks):  # type: ignore[no-untyped-def]
        today = datetime.now(UTC).date()
        if ctx.triggered_id == "preset-30":
            return (today - timedelta(days=30)).isoformat(), today.isoformat()
        if ctx.triggered_id == "preset-year":
            return f"{today.year}-01-01", f"{today.year}-12-31"
        return None, None

    @app.callback(
        Output("filter-entities", "options"),
        Input("filter-entities", "search_value"),
        State("filter-entities", "value"),
        prevent_initial_call=True,
    )
    def search_entities(typed, chosen):  # type: ignore[no-untyped-def]
        return entity_options(cache.snapshot(), typed or "", list(chosen or []))

    # The search box is an input Dash does not render or manage (timeline.js makes it):
    # its text goes to "search-text" when typing pauses or on Enter. dcc.Input and
    # html.Input sync their value through React and, under load, moved the caret or
    # rewrote the box mid-typing (letters lost and reordered). Only a navigation (Back,
    # a link) puts a text into it.
    app.clientside_callback(
        ClientsideFunction("timeline", "searchRestored"),
        Output("search-slot", "className"),
        Input("search-restore", "data"),  # also at load: a first view's text (first_view.py)
    )

    app.clientside_callback(
        ClientsideFunction("timeline", "saveImage"),
        Output("save-png", "className"),
        Input("save-png", "n_clicks"),
        Input("save-svg", "n_clicks"),
        prevent_initial_call=True,
    )
    return app


def _iso(day: int) -> str:
    return (date(1970, 1, 1) + timedelta(days=day)).isoformat()
