"""The first view drawn with the layout: the page's URL (the Referer of /_dash-layout) sets
the controls, so the chart is asked for at once; anything else keeps the navigation path."""

import json
import urllib.request
from pathlib import Path

import pytest

from dashboard.app import create_app
from dashboard.controls import FILTERS
from dashboard.data import EventCache
from dashboard.first_view import apply_props, first_view_props, is_first_view, page_url
from dashboard.layout import page_layout
from ingest.pipeline import ingest_paths
from ingest.store import Store
from tests.conftest import CURATED
from tests.test_dashboard_server import Server


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory):
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('fv') / 's.db'}")
    ingest_paths([CURATED], store)
    yield EventCache(store).snapshot()
    store.close()


def test_the_page_url_is_read_from_a_referer_of_this_server_only():
    assert page_url("http://127.0.0.1:8050/?type=bounty", "127.0.0.1:8050") == ("/", "?type=bounty")
    assert page_url("http://127.0.0.1:8050/", "127.0.0.1:8050") == ("/", "")
    assert page_url("http://127.0.0.1:8050", "127.0.0.1:8050") == ("/", "")
    assert page_url("http://elsewhere.example/?type=bounty", "127.0.0.1:8050") is None
    assert page_url("javascript:alert(1)", "127.0.0.1:8050") is None
    assert page_url(None, "127.0.0.1:8050") is None
    assert page_url("", "127.0.0.1:8050") is None


def test_a_main_page_query_sets_every_control_it_names(snapshot):
    props = first_view_props(snapshot, "/", "?type=bounty&q=reward&x0=2025-01-01&x1=2025-06-30")
    assert props is not None
    assert props[("filter-types", "value")] == ["bounty"]
    assert props[("search-text", "data")] == "reward"
    assert props[("search-restore", "data")] == {"text": "reward", "at": None}
    assert props[("window", "data")] == ["2025-01-01", "2025-06-30"]
    assert props[("first-nav", "data")] == {"pathname": "/", "search": "?type=bounty&q=reward&x0=2025-01-01&x1=2025-06-30"}  # fmt: skip
    assert all(key in props for key in FILTERS)
    assert props[("filter-sources", "options")] == snapshot.source_titles()


@pytest.mark.parametrize(
    "pathname, search",
    [
        ("/entity/Tren de Aragua", ""),  # another page
        ("/review", ""),
        ("/", "?event=abc123"),  # a selected event: the navigation path rings and follows it
        ("/", "?from=2025-12-31&to=2025-01-01"),  # corrected: its notice comes from restore
    ],
)
def test_other_pages_selections_and_corrected_queries_keep_the_navigation_path(
    snapshot, pathname, search
):
    assert first_view_props(snapshot, pathname, search) is None


def test_no_first_view_before_the_index_is_built():
    assert first_view_props(None, "/", "?type=bounty") is None


def test_props_are_set_on_the_components_of_those_ids(snapshot):
    props = first_view_props(snapshot, "/", "?type=sanction&lanes=entity")
    assert props is not None
    layout = apply_props(page_layout(), props)
    by_id = {c.id: c for c in layout._traverse() if isinstance(getattr(c, "id", None), str)}
    assert by_id["filter-types"].value == ["sanction"]
    assert by_id["filter-lanes"].value == "entity"
    with pytest.raises(KeyError):
        apply_props(page_layout(), {("no-such-control", "value"): 1})


def test_only_the_page_loads_own_navigation_is_the_first_view():
    first = {"pathname": "/", "search": "?type=bounty"}
    load = {"pathname": "/", "search": "?type=bounty", "at": 5, "first": True}
    assert is_first_view(load, first)
    assert not is_first_view({**load, "first": False}, first)  # Back to the same URL later
    assert not is_first_view({**load, "search": ""}, first)
    assert not is_first_view(load, None)  # the layout was not built from the URL
    assert not is_first_view(None, first)


def _layout(url: str, referer: str | None) -> dict:
    request = urllib.request.Request(url + "_dash-layout")
    if referer is not None:
        request.add_header("Referer", referer)
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def _props(layout: dict) -> dict[str, dict]:
    found: dict[str, dict] = {}

    def walk(node):  # type: ignore[no-untyped-def]
        if isinstance(node, dict):
            props = node.get("props")
            if isinstance(props, dict) and isinstance(props.get("id"), str):
                found[props["id"]] = props
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(layout)
    return found


def test_the_served_layout_holds_the_view_its_page_url_describes(tmp_path: Path):
    store = Store(f"sqlite:///{tmp_path / 's.db'}")
    ingest_paths([CURATED], store)
    server = Server(store)
    try:
        server.app.server.config["EVENT_CACHE"].snapshot()  # built, as after start-up
        props = _props(_layout(server.url, server.url + "?type=bounty&lanes=entity"))
        assert props["filter-types"]["value"] == ["bounty"]
        assert props["filter-lanes"]["value"] == "entity"
        assert props["first-nav"]["data"] == {"pathname": "/", "search": "?type=bounty&lanes=entity"}  # fmt: skip
        plain = _props(_layout(server.url, None))
        assert plain["first-nav"].get("data") is None
        assert plain["filter-types"].get("value") in (None, [])
        foreign = _props(_layout(server.url, "http://elsewhere.example/?type=bounty"))
        assert foreign["first-nav"].get("data") is None
    finally:
        server.stop()
        store.close()


def test_create_app_serves_a_layout_without_a_request(tmp_path: Path):
    """Dash may build the layout outside a request (validation): it is the plain page."""
    store = Store(f"sqlite:///{tmp_path / 's.db'}")
    try:
        app = create_app(store)
        layout = app.layout() if callable(app.layout) else app.layout
        assert layout is not None
    finally:
        store.close()
