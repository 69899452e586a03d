"""The Dash app: layout and thin callbacks over pure functions and the event index.

Run it with ``policy-timeline serve``; tests build it with ``create_app(store)``.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import unquote

import dash_ag_grid as dag
from dash import Dash, Input, Output, State, ctx, dcc, html, no_update

from ingest.export import to_csv
from ingest.schema import EVENT_TYPE_LABELS, EVENT_TYPES
from ingest.store import Store

from .archive import register_archive, with_archived_copies
from .data import EventCache
from .feed import register_feed
from .figures import bucket_for, level_of_detail
from .state import ViewState, build_query, parse_query
from .views import (
    count_text,
    detail_panel,
    entity_page,
    grid_column_defs,
    grid_rows,
    status_panel,
)

GRID_BLOCK = 100  # rows per grid request: large results never ship whole

_FILTERS = [
    ("filter-dates", "start_date"),
    ("filter-dates", "end_date"),
    ("filter-types", "value"),
    ("filter-entities", "value"),
    ("filter-search", "value"),
    ("filter-confidence", "value"),
    ("filter-flags", "value"),
    ("filter-sources", "value"),
    ("filter-lanes", "value"),
    ("filter-new-since", "date"),
]


def _labelled(label: str, control: Any) -> html.Div:
    return html.Div([html.Label(label, htmlFor=control.id), control], className="filter")


def _filters_panel() -> html.Div:
    presets = html.Div(
        [
            html.Button("Last 30 days", id="preset-30", className="chip", n_clicks=0),
            html.Button("This year", id="preset-year", className="chip", n_clicks=0),
            html.Button("All", id="preset-all", className="chip", n_clicks=0),
        ],
        className="presets",
        **{"aria-label": "Date presets"},  # type: ignore[arg-type]
    )
    return html.Div(
        [
            html.Div(
                [
                    _labelled(
                        "Dates",
                        dcc.DatePickerRange(
                            id="filter-dates",
                            display_format="YYYY-MM-DD",
                            clearable=True,
                            start_date_placeholder_text="From",
                            end_date_placeholder_text="To",
                        ),  # fmt: skip
                    ),
                    presets,
                ],
                className="filter-group",
            ),
            _labelled(
                "Event type",
                dcc.Dropdown(
                    id="filter-types",
                    options=[{"label": EVENT_TYPE_LABELS[t], "value": t} for t in EVENT_TYPES],
                    multi=True,
                    placeholder="All types",
                ),  # fmt: skip
            ),
            _labelled(
                "Entity",
                dcc.Dropdown(
                    id="filter-entities",
                    options=[],
                    multi=True,
                    searchable=True,
                    placeholder="Any actor or target",
                ),  # fmt: skip
            ),
            _labelled(
                "Search",
                dcc.Input(
                    id="filter-search",
                    type="search",
                    debounce=0.3,
                    placeholder="Words in title or evidence",
                ),  # fmt: skip
            ),
            _labelled(
                "Source",
                dcc.Dropdown(
                    id="filter-sources",
                    options=[],
                    multi=True,
                    searchable=True,
                    placeholder="Any source",
                ),  # fmt: skip
            ),
            _labelled(
                "Minimum confidence",
                dcc.Slider(
                    id="filter-confidence",
                    min=0,
                    max=1,
                    step=0.1,
                    value=0,
                    marks={0: "0", 0.5: "0.5", 1: "1"},
                    tooltip={"placement": "bottom"},
                ),  # fmt: skip
            ),
            _labelled(
                "Show only",
                dcc.Checklist(
                    id="filter-flags",
                    options=[
                        {"label": " corroborated (2+ sources)", "value": "corroborated"},
                        {"label": " sources disagree", "value": "conflicts"},
                    ],
                    value=[],
                ),
            ),
            _labelled(
                "Lanes",
                dcc.RadioItems(
                    id="filter-lanes",
                    options=[
                        {"label": " by type", "value": "type"},
                        {"label": " by entity", "value": "entity"},
                    ],
                    value="type",
                    inline=True,
                ),  # fmt: skip
            ),
            _labelled(
                "Highlight new since",
                dcc.DatePickerSingle(
                    id="filter-new-since",
                    display_format="YYYY-MM-DD",
                    clearable=True,
                    placeholder="Date",
                ),  # fmt: skip
            ),
            html.Div(
                [
                    html.Button("Download CSV", id="download-button", className="button"),
                    html.Button(
                        "Download selected rows",
                        id="download-selected",
                        className="button secondary",
                    ),
                    dcc.Download(id="download"),
                ],
                className="filter actions",
            ),
        ],
        className="filters",
    )


def _main_page() -> html.Div:
    return html.Div(
        [
            _filters_panel(),
            html.Div(id="view-mode", className="view-mode", **{"aria-live": "polite"}),  # type: ignore[arg-type]
            dcc.Loading(
                dcc.Graph(id="timeline", config={"displaylogo": False}), type="dot", delay_show=300
            ),
            html.Div(
                [
                    html.Div(
                        dag.AgGrid(
                            id="grid",
                            columnDefs=grid_column_defs(),
                            rowModelType="infinite",
                            getRowId="params.data.event_id",
                            dashGridOptions={
                                "rowSelection": {
                                    "mode": "multiRow",
                                    "enableClickSelection": True,
                                    "checkboxes": True,
                                    "headerCheckbox": False,
                                },
                                "cacheBlockSize": GRID_BLOCK,
                                "maxBlocksInCache": 20,
                                "infiniteInitialRowCount": 1,
                                "animateRows": False,
                                "tooltipShowDelay": 300,
                            },  # fmt: skip
                            getRowStyle={
                                "styleConditions": [
                                    {
                                        "condition": "params.data && params.data.new",
                                        "style": {"backgroundColor": "#fff1cc"},
                                    }
                                ]
                            },  # fmt: skip
                            style={"height": "440px"},
                        ),
                        className="grid",
                    ),
                    html.Aside(detail_panel(None, []), id="detail", className="detail"),
                ],
                className="lower",
            ),
        ],
        id="main-page",
    )


def _layout() -> html.Div:
    return html.Div(
        [
            dcc.Location(id="url", refresh=False),
            html.Header(
                [
                    html.H1(dcc.Link("Policy timeline", href="/", className="home")),
                    html.Div(id="count", className="count", **{"aria-live": "polite"}),  # type: ignore[arg-type]
                    html.Div(id="status", className="status"),
                ]
            ),
            _main_page(),
            html.Div(id="entity-page", className="entity-page"),
            dcc.Store(id="selected-event"),
            dcc.Store(id="window"),
            dcc.Store(id="query-token"),
            dcc.Store(id="selected-position"),
        ],
        className="page",
    )


def _state(values: list[Any], window: Any) -> ViewState:
    start, end, types, entities, search, confidence, flags, sources, lanes, new_since = values
    flags = flags or []
    return ViewState(
        date_from=start[:10] if start else None,
        date_to=end[:10] if end else None,
        types=tuple(types or ()),
        entities=tuple(entities or ()),
        search=search or "",
        min_confidence=float(confidence or 0),
        corroborated="corroborated" in flags,
        conflicts_only="conflicts" in flags,
        sources=tuple(sources or ()),
        lanes=lanes or "type",
        window=tuple(window) if window else None,  # type: ignore[arg-type]
        new_since=new_since[:10] if new_since else None,
    )


def _window_from_relayout(data: dict[str, Any] | None) -> Any:
    if not data:
        return no_update
    if data.get("xaxis.autorange") or data.get("autosize"):
        return None if data.get("xaxis.autorange") else no_update
    if "xaxis.range[0]" in data:
        return [str(data["xaxis.range[0]"])[:10], str(data["xaxis.range[1]"])[:10]]
    if "xaxis.range" in data:
        return [str(data["xaxis.range"][0])[:10], str(data["xaxis.range"][1])[:10]]
    return no_update


def create_app(store: Store | None = None) -> Dash:
    cache = EventCache(store or Store())
    app = Dash(__name__, title="Policy timeline", suppress_callback_exceptions=True)
    app.layout = _layout
    register_feed(app.server, cache)  # /feed.atom: the view's events as an Atom feed
    register_archive(app.server, cache.store)  # /archive/<sha256>: a fetched body, as text
    filter_inputs = [Input(i, p) for i, p in _FILTERS]
    filter_states = [State(i, p) for i, p in _FILTERS]

    @app.callback(
        *[Output(i, p) for i, p in _FILTERS],
        Output("window", "data"),
        Output("filter-entities", "options"),
        Output("filter-sources", "options"),
        Output("status", "children"),
        Output("main-page", "style"),
        Output("entity-page", "children"),
        Input("url", "pathname"),
        State("url", "search"),
    )
    def load_page(pathname, search):  # type: ignore[no-untyped-def]
        """On page load: restore the view the URL describes (a shared link)."""
        index = cache.index()
        s = parse_query(search)
        flags = [
            f for f, on in (("corroborated", s.corroborated), ("conflicts", s.conflicts_only)) if on
        ]
        values = [s.date_from, s.date_to, list(s.types), list(s.entities), s.search, s.min_confidence,
                  flags, list(s.sources), s.lanes, s.new_since]  # fmt: skip
        status = status_panel(cache.store.last_run(), cache.store.source_counts())
        page: Any = None
        main_style: dict[str, str] = {}
        if (pathname or "/").startswith("/entity/"):
            name = unquote(pathname[len("/entity/") :])
            rows = index.select(ViewState(entities=(name,)).filter())
            page = entity_page(
                name, index.frame(rows), "/?" + build_query(ViewState(entities=(name,))).lstrip("?")
            )
            main_style = {"display": "none"}
        return (*values, list(s.window) if s.window else None, index.entities(), index.source_titles(),
                status, main_style, page)  # fmt: skip

    @app.callback(
        Output("filter-dates", "start_date", allow_duplicate=True),
        Output("filter-dates", "end_date", allow_duplicate=True),
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
        Output("timeline", "figure"),
        Output("count", "children"),
        Output("view-mode", "children"),
        Output("query-token", "data"),
        Output("url", "search"),
        *filter_inputs,
        Input("window", "data"),
        Input("selected-event", "data"),
        State("url", "pathname"),
    )
    def update_view(*args):  # type: ignore[no-untyped-def]
        *values, window, selected, pathname = args
        state = _state(values, window)
        index = cache.index()
        rows = cache.select(state.filter())
        figure, mode, in_view = level_of_detail(
            index, rows, state.window, state.lanes, selected, state.new_since
        )
        if mode == "counts":
            note = f"{in_view:,} events in view: counts per {bucket_for(_span(figure))}. Zoom in to see events."
        else:
            note = f"{in_view:,} events in view." + (
                " Zoomed: double-click the chart to zoom out." if state.window else ""
            )
        token = build_query(state) or "?"
        search = no_update if (pathname or "/").startswith("/entity/") else build_query(state)
        return figure, count_text(len(rows), len(index)), note, token, search

    @app.callback(Output("window", "data", allow_duplicate=True), Input("timeline", "relayoutData"),
                  prevent_initial_call=True)  # fmt: skip
    def zoom(relayout):  # type: ignore[no-untyped-def]
        return _window_from_relayout(relayout)

    # A new query empties the grid's cache so it asks for rows again.
    app.clientside_callback(
        """function(token) {
            dash_ag_grid.getApiAsync("grid").then(api => api.purgeInfiniteCache());
            return window.dash_clientside.no_update;
        }""",
        Output("grid", "id"),
        Input("query-token", "data"),
        prevent_initial_call=True,
    )

    @app.callback(
        Output("grid", "getRowsResponse"),
        Input("grid", "getRowsRequest"),
        *filter_states,
        State("window", "data"),
        prevent_initial_call=True,
    )
    def grid_page(request, *args):  # type: ignore[no-untyped-def]
        if not request:
            return no_update
        *values, window = args
        state = _state(values, window)
        sort = None
        if request.get("sortModel"):
            first = request["sortModel"][0]
            sort = (first["colId"], first["sort"] == "desc")
        rows = cache.select(state.filter(), sort)
        start, end = int(request.get("startRow", 0)), int(request.get("endRow", GRID_BLOCK))
        page = cache.index().frame(rows[start:end])
        return {"rowData": grid_rows(page, state.new_since), "rowCount": len(rows)}

    @app.callback(
        Output("selected-event", "data"),
        Output("window", "data", allow_duplicate=True),
        Input("timeline", "clickData"),
        Input("grid", "selectedRows"),
        State("window", "data"),
        prevent_initial_call=True,
    )
    def select_event(click_data, selected_rows, window):  # type: ignore[no-untyped-def]
        if ctx.triggered_id == "timeline" and click_data:
            point = click_data["points"][0]
            if point.get("customdata"):
                return point["customdata"][0], no_update
            # A count cell: zoom into its bucket.
            x = str(point.get("x"))[:10]
            days = {"day": 1, "week": 7, "month": 31}[bucket_for(_window_days(window))]
            end = (datetime.fromisoformat(x) + timedelta(days=days - 1)).date().isoformat()
            return no_update, [x, end]
        if ctx.triggered_id == "grid" and selected_rows:
            return selected_rows[-1]["event_id"], no_update
        return no_update, no_update

    @app.callback(
        Output("detail", "children"),
        Output("selected-position", "data"),
        Input("selected-event", "data"),
        *filter_states,
        State("window", "data"),
    )
    def show_detail(event_id, *args):  # type: ignore[no-untyped-def]
        if not event_id:
            return detail_panel(None, []), no_update
        index = cache.index()
        match = index.df.index[index.df["event_id"] == event_id]
        if not len(match):
            return detail_panel(None, []), no_update
        row = int(match[0])
        event = index.df.iloc[row].to_dict()
        *values, window = args
        rows = cache.select(_state(values, window).filter())
        position = int((rows == row).nonzero()[0][0]) if (rows == row).any() else None
        sources = with_archived_copies(cache.store, cache.store.sources_for(event_id))
        return detail_panel(event, sources), {
            "id": event_id,
            "pos": position,
        }

    # Clicking an event selects its row (scrolling the grid to it first).
    app.clientside_callback(
        """function(sel) {
            if (!sel || sel.pos === null || sel.pos === undefined) { return window.dash_clientside.no_update; }
            dash_ag_grid.getApiAsync("grid").then(api => {
                api.ensureIndexVisible(sel.pos, "middle");
                const pick = () => {
                    const node = api.getRowNode(sel.id);
                    if (node) { if (!node.isSelected()) { api.deselectAll(); node.setSelected(true); } }
                    else { setTimeout(pick, 150); }
                };
                pick();
            });
            return window.dash_clientside.no_update;
        }""",
        Output("grid", "className"),
        Input("selected-position", "data"),
        prevent_initial_call=True,
    )

    @app.callback(
        Output("download", "data"),
        Input("download-button", "n_clicks"),
        Input("download-selected", "n_clicks"),
        *filter_states,
        State("window", "data"),
        State("grid", "selectedRows"),
        prevent_initial_call=True,
    )
    def download(_all, _selected, *args):  # type: ignore[no-untyped-def]
        *values, window, selected_rows = args
        state = _state(values, window)
        index = cache.index()
        if ctx.triggered_id == "download-selected":
            ids = {r["event_id"] for r in selected_rows or []}
            if not ids:
                return no_update
            frame = index.df[index.df["event_id"].isin(ids)]
            return dcc.send_string(
                to_csv(frame), state.filter().filename(prefix="timeline_selected"), type="text/csv"
            )
        frame = index.frame(cache.select(state.filter()))
        return dcc.send_string(to_csv(frame), state.filter().filename(), type="text/csv")

    return app


def _span(figure: dict[str, Any]) -> int:
    x0, x1 = figure["layout"]["xaxis"]["range"]
    return (datetime.fromisoformat(x1[:10]) - datetime.fromisoformat(x0[:10])).days


def _window_days(window: Any) -> int:
    if not window:
        return 10_000
    return (datetime.fromisoformat(window[1][:10]) - datetime.fromisoformat(window[0][:10])).days
