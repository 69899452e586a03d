"""The page: filters, the timeline, the table and the detail; the entity page's slot.

Every control is labelled for assistive technology (a ``<label for>`` pointing at the
element that takes the input, or an ``aria-label``), the page has ``lang="en"``, and the
table is the keyboard path to every event (see assets/timeline.js).
"""

from __future__ import annotations

from typing import Any

import dash_ag_grid as dag
from dash import dcc, html

from ingest.schema import EVENT_TYPE_LABELS, EVENT_TYPES

from .grid import GRID_BLOCK, grid_column_defs
from .review_views import STATUS_LABELS, add_event_panel, queue_page
from .views import detail_panel

INDEX_STRING = """<!DOCTYPE html>
<html lang="en">
    <head>
        {%metas%}
        <title>{%title%}</title>
        {%favicon%}
        {%css%}
    </head>
    <body>
        {%app_entry%}
        <footer>
            {%config%}
            {%scripts%}
            {%renderer%}
        </footer>
    </body>
</html>"""


def _labelled(label: str, control: Any, target: str | None = None) -> html.Div:
    """A visible label; ``target`` is the id of the element that takes the input when it
    is not the control's own (a dropdown's search box)."""
    return html.Div(
        [html.Label(label, htmlFor=target or control.id, id=f"{control.id}-label"), control],
        className="filter",
    )


def _dropdown(id_: str, placeholder: str, options: list[dict[str, str]] | None = None) -> Any:
    return dcc.Dropdown(
        id=id_, options=options or [], multi=True, searchable=True, placeholder=placeholder
    )


def _filters_panel() -> html.Div:
    presets = html.Div(
        [
            html.Button("Last 30 days", id="preset-30", className="chip", n_clicks=0),
            html.Button("This year", id="preset-year", className="chip", n_clicks=0),
            html.Button("All", id="preset-all", className="chip", n_clicks=0),
        ],
        className="presets",
        role="group",
        **{"aria-label": "Date presets"},  # type: ignore[arg-type]
    )
    types = [{"label": EVENT_TYPE_LABELS[t], "value": t} for t in EVENT_TYPES]
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
                            start_date_id="filter-dates-from",
                            end_date_id="filter-dates-to",
                        ),
                        "filter-dates-from",
                    ),
                    presets,
                ],
                className="filter-group",
            ),  # fmt: skip
            _labelled("Event type", _dropdown("filter-types", "All types", types)),
            _labelled("Entity", _dropdown("filter-entities", "Any actor or target")),
            html.Div(
                [
                    html.Label("Search", htmlFor="filter-search", id="filter-search-label"),
                    # The search box itself is made by assets/timeline.js: an input that
                    # React and Dash never render, so nothing rewrites it while one types.
                    html.Div(id="search-slot", className="search-slot"),
                ],
                className="filter",
            ),
            _labelled("Source", _dropdown("filter-sources", "Any source")),
            _labelled(
                "Review",
                _dropdown(
                    "filter-review",
                    "All but rejected",
                    [{"label": label, "value": s} for s, label in STATUS_LABELS.items()],
                ),
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
                ),
            ),  # fmt: skip
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
                ),
            ),
            _labelled(
                "Highlight new since",
                dcc.DatePickerSingle(
                    id="filter-new-since",
                    display_format="YYYY-MM-DD",
                    clearable=True,
                    placeholder="Date",
                ),
            ),  # fmt: skip
            html.Div(
                [
                    html.A(
                        "Download CSV",
                        id="download-link",
                        href="/export.csv",
                        className="button",
                        download="",
                    ),
                    html.Button(
                        "Download selected rows",
                        id="download-selected",
                        className="button secondary",
                    ),
                    dcc.Download(id="download"),
                    html.Div(id="download-notice", className="download-notice", role="status"),
                ],
                className="filter actions",
            ),  # fmt: skip
        ],
        className="filters",
    )


def _chart() -> html.Div:
    return html.Div(
        [
            html.Div(
                [
                    html.Div(id="view-mode", className="view-mode", role="status"),
                    html.Div(
                        [
                            html.Button("Save PNG", id="save-png", className="chip"),
                            html.Button("Save SVG", id="save-svg", className="chip"),
                        ],
                        className="chart-tools",
                        role="group",
                        **{"aria-label": "Save the timeline as an image"},  # type: ignore[arg-type]
                    ),
                ],
                className="chart-bar",
            ),
            dcc.Graph(
                id="timeline",
                config={
                    "displaylogo": False,
                    "displayModeBar": True,
                    "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d"],
                    "toImageButtonOptions": {"filename": "timeline", "scale": 2},
                },
            ),
        ],
        className="chart",
        role="region",
        **{"aria-label": "Timeline"},  # type: ignore[arg-type]
    )


def _grid() -> dag.AgGrid:
    return dag.AgGrid(
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
            "maxBlocksInCache": 50,
            "infiniteInitialRowCount": 1,
            # The browser asks for whatever block the viewport shows after a scroll;
            # a short debounce skips the blocks a dragged scrollbar only passes over.
            "blockLoadDebounceMillis": 80,
            "maxConcurrentDatasourceRequests": 2,
            "animateRows": False,
            "tooltipShowDelay": 300,
            "rowHeight": 34,
        },
        getRowStyle={
            "styleConditions": [
                {"condition": "params.data && params.data.new", "style": {"backgroundColor": "#fff1cc"}}
            ]
        },
        style={"height": "440px"},
    )  # fmt: skip


def _main_page() -> html.Div:
    return html.Div(
        [
            _filters_panel(),
            add_event_panel(),
            html.Div(id="notice", className="notice", role="status"),
            _chart(),
            html.Div(
                [
                    html.Div(
                        _grid(),
                        className="grid",
                        role="region",
                        **{"aria-label": "Events table: arrow keys move the selection"},  # type: ignore[arg-type]
                    ),
                    html.Aside(
                        detail_panel(None, []),
                        id="detail",
                        className="detail",
                        tabIndex="-1",
                        **{"aria-label": "Event detail"},  # type: ignore[arg-type]
                    ),
                ],
                className="lower",
            ),
        ],
        id="main-page",
    )


def page_layout() -> html.Div:
    return html.Div(
        [
            dcc.Location(id="url", refresh=False),
            html.Header(
                [
                    html.H1(dcc.Link("Policy timeline", href="/", className="home")),
                    html.Div(id="count", className="count", role="status"),
                    dcc.Link("Review queue", href="/review", className="queue-link"),
                    html.Div(id="status", className="status"),
                    html.Div(id="editor-status", className="editor-status"),
                ]
            ),
            html.Main(
                [_main_page(), queue_page(), html.Div(id="entity-page", className="entity-page")]
            ),
            dcc.Store(id="nav"),
            dcc.Store(id="selected-event"),
            dcc.Store(id="window"),
            dcc.Store(id="view"),
            dcc.Store(id="search-text", data=""),
            dcc.Store(id="search-restore"),
            dcc.Store(id="review-result"),  # every edit's answer: refreshes what shows it
            dcc.Store(id="detail-shown"),  # the event the detail panel shows
            dcc.Store(id="first-nav"),  # the URL this layout was built for (first_view.py)
        ],
        className="page",
    )
