"""HTTP routes beside Dash's callbacks, all reading the view from the query string the
page shows (one parser, ``state.parse_query``) and one snapshot of the index:

- ``/grid-rows``: one block of table rows (at most GRID_BLOCK), sorted as asked, or the
  position of an event in that order (``find=``), for the table's data source;
- ``/export.csv``: every event of the view, streamed (a million rows start arriving at
  once, and the browser shows the download's progress);
- ``/entity/<name>``: an alias redirects to the canonical page; an unknown name is the
  page saying so, with HTTP 404.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote, urlencode

from dash import Dash
from flask import Response, jsonify, redirect, request, stream_with_context

from ingest.export import iter_csv_frames

from .data import EventCache
from .entities import resolve_entity
from .grid import GRID_COLUMNS, clamp_block, grid_rows
from .state import parse_query
from .views import entity_href

ENTITY_PREFIX = "/entity/"
REVIEW_PATH = "/review"  # the review queue: a page of the app (see review_callbacks.py)


def _view_query() -> str:
    """The request's query string without the route's own parameters."""
    own = {"start", "end", "sort", "desc", "find"}
    pairs = [(k, v) for k, values in request.args.lists() for v in values if k not in own]
    return "?" + urlencode(pairs)


def _sort() -> tuple[str, bool] | None:
    column = request.args.get("sort", "")
    if column not in GRID_COLUMNS:
        return None
    return column, request.args.get("desc") == "1"


def add_routes(app: Dash, cache: EventCache) -> None:
    server = app.server

    @server.get("/grid-rows")
    def grid_block() -> Any:
        state, _ = parse_query(_view_query())
        snapshot = cache.snapshot()
        rows = snapshot.select(state.filter(), _sort())
        if "find" in request.args:
            row = snapshot.row_of(request.args["find"])
            hits = (rows == row).nonzero()[0] if row is not None else []
            return jsonify({"position": int(hits[0]) if len(hits) else None, "count": len(rows)})
        start, end = clamp_block(request.args.get("start"), request.args.get("end"))
        page = snapshot.index.frame(rows[start:end])
        return jsonify({"rows": grid_rows(page, state.new_since), "count": len(rows)})

    @server.get("/export.csv")
    def export_csv() -> Response:
        state, _ = parse_query(_view_query())
        snapshot = cache.snapshot()
        flt = state.filter()
        rows = snapshot.select(flt)
        # Read from the store a chunk at a time while the answer streams.
        body = iter_csv_frames(snapshot.index.frames(rows))
        response = Response(stream_with_context(body), mimetype="text/csv")
        response.headers["Content-Disposition"] = f'attachment; filename="{flt.filename()}"'
        response.headers["X-Row-Count"] = str(len(rows))
        return response

    @server.before_request
    def entity_pages() -> Any:
        if not request.path.startswith(ENTITY_PREFIX):
            return None
        requested = unquote(request.path[len(ENTITY_PREFIX) :])
        if not requested:
            return None  # the directory of entities
        resolution = resolve_entity(requested, cache.snapshot().index)
        if resolution.name is None:
            return app.index(), 404
        if resolution.name != requested:
            return redirect(entity_href(resolution.name), code=302)
        return None
