"""The Dash app: layout and thin callbacks over pure functions.

Run it with ``policy-timeline serve``; tests build it with ``create_app(store)``.
"""

from __future__ import annotations

from typing import Any

import dash_ag_grid as dag
from dash import Dash, Input, Output, State, ctx, dcc, html, no_update

from ingest.export import to_csv
from ingest.query import EventFilter, filter_events
from ingest.schema import EVENT_TYPE_LABELS, EVENT_TYPES
from ingest.store import Store

from .data import EventCache
from .figures import timeline_figure
from .views import count_text, detail_panel, grid_column_defs, grid_rows, status_text


def _filters_panel(entities: list[str]) -> html.Div:
    return html.Div(
        [
            html.Div(
                [
                    html.Label("Dates", htmlFor="filter-dates"),
                    dcc.DatePickerRange(
                        id="filter-dates",
                        display_format="YYYY-MM-DD",
                        clearable=True,
                        start_date_placeholder_text="From",
                        end_date_placeholder_text="To",
                    ),
                ],
                className="filter",
            ),
            html.Div(
                [
                    html.Label("Event type", htmlFor="filter-types"),
                    dcc.Dropdown(
                        id="filter-types",
                        options=[{"label": EVENT_TYPE_LABELS[t], "value": t} for t in EVENT_TYPES],
                        multi=True,
                        placeholder="All types",
                    ),
                ],
                className="filter",
            ),
            html.Div(
                [
                    html.Label("Entity", htmlFor="filter-entities"),
                    dcc.Dropdown(
                        id="filter-entities",
                        options=entities,
                        multi=True,
                        searchable=True,
                        placeholder="Any actor or target",
                    ),
                ],
                className="filter",
            ),
            html.Div(
                [
                    html.Label("Search", htmlFor="filter-search"),
                    dcc.Input(
                        id="filter-search",
                        type="search",
                        debounce=0.3,
                        placeholder="Words in title or evidence",
                    ),
                ],
                className="filter",
            ),
            html.Div(
                [
                    html.Button("Download CSV", id="download-button", className="button"),
                    dcc.Download(id="download"),
                ],
                className="filter actions",
            ),
        ],
        className="filters",
    )


def _layout(cache: EventCache) -> html.Div:
    # A function, so every page load reads the store afresh (new entities, new status).
    return html.Div(
        [
            html.Header(
                [
                    html.H1("Policy timeline"),
                    html.Div(id="count", className="count", **{"aria-live": "polite"}),  # type: ignore[arg-type]
                    html.Div(status_text(cache.store.last_run()), id="status", className="status"),
                ]
            ),
            _filters_panel(cache.entities()),
            dcc.Loading(
                dcc.Graph(id="timeline", config={"displaylogo": False}),
                type="dot",
                delay_show=300,
            ),
            html.Div(
                [
                    html.Div(
                        dag.AgGrid(
                            id="grid",
                            columnDefs=grid_column_defs(),
                            rowData=[],
                            getRowId="params.data.event_id",
                            dashGridOptions={
                                "rowSelection": {
                                    "mode": "singleRow",
                                    "checkboxes": False,
                                    "enableClickSelection": True,
                                },
                                "pagination": True,
                                "paginationPageSize": 50,
                                "animateRows": False,
                            },
                            style={"height": "420px"},
                        ),
                        className="grid",
                    ),
                    html.Aside(detail_panel(None, []), id="detail", className="detail"),
                ],
                className="lower",
            ),
            dcc.Store(id="selected-event"),
        ],
        className="page",
    )


def _filter_from(
    start: str | None,
    end: str | None,
    types: list[str] | None,
    entities: list[str] | None,
    search: str | None,
) -> EventFilter:
    return EventFilter(start, end, tuple(types or ()), tuple(entities or ()), search or "")


def create_app(store: Store | None = None) -> Dash:
    cache = EventCache(store or Store())
    app = Dash(__name__, title="Policy timeline")
    app.layout = lambda: _layout(cache)
    filter_states = [
        Input("filter-dates", "start_date"),
        Input("filter-dates", "end_date"),
        Input("filter-types", "value"),
        Input("filter-entities", "value"),
        Input("filter-search", "value"),
    ]

    @app.callback(
        Output("timeline", "figure"),
        Output("grid", "rowData"),
        Output("count", "children"),
        *filter_states,
        Input("selected-event", "data"),
    )
    def update_view(start, end, types, entities, search, selected):  # type: ignore[no-untyped-def]
        df = cache.frame()
        shown = filter_events(df, _filter_from(start, end, types, entities, search))
        return timeline_figure(shown, selected), grid_rows(shown), count_text(len(shown), len(df))

    @app.callback(
        Output("selected-event", "data"),
        Input("timeline", "clickData"),
        Input("grid", "selectedRows"),
        prevent_initial_call=True,
    )
    def select_event(click_data, selected_rows):  # type: ignore[no-untyped-def]
        if ctx.triggered_id == "timeline" and click_data:
            return click_data["points"][0]["customdata"][0]
        if ctx.triggered_id == "grid" and selected_rows:
            return selected_rows[0]["event_id"]
        return no_update

    @app.callback(Output("detail", "children"), Input("selected-event", "data"))
    def show_detail(event_id):  # type: ignore[no-untyped-def]
        if not event_id:
            return detail_panel(None, [])
        df = cache.frame()
        match = df[df["event_id"] == event_id]
        event: dict[str, Any] | None = match.iloc[0].to_dict() if len(match) else None
        return detail_panel(event, cache.store.sources_for(event_id) if event else [])

    @app.callback(
        Output("download", "data"),
        Input("download-button", "n_clicks"),
        *[State(i.component_id, i.component_property) for i in filter_states],
        prevent_initial_call=True,
    )
    def download(_n, start, end, types, entities, search):  # type: ignore[no-untyped-def]
        flt = _filter_from(start, end, types, entities, search)
        shown = filter_events(cache.frame(), flt)
        return dcc.send_string(to_csv(shown), flt.filename(), type="text/csv")

    return app
