"""The first view, drawn with the page's layout.

A page load used to run three steps one after another: the browser told the app its URL
(nav), the server answered with the controls the URL describes (restore), and only then
asked for the chart (update_view): two round trips and a second render of every control
before anything was drawn. The layout request already knows the page's URL: the browser
sends it as the Referer of ``/_dash-layout`` (the app's Referrer-Policy is same-origin).
So the layout is built with the controls set, and the chart is asked for at once.

Only a plain main-page URL is drawn this way. Another page, a URL that selects an event,
a query that needed correcting (its notice), no Referer (a privacy setting), or an index
not built yet: the layout stays as it is and the navigation path shows the view, as
before. Either path shows the same view for the same URL (tests).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from dash.development.base_component import Component

from .controls import FILTERS, control_values, entity_options
from .data import Snapshot
from .state import ViewState, parse_query
from .views import status_panel

FIRST_NAV = "first-nav"  # the store holding the URL the layout was built for


def page_url(referrer: str | None, host: str | None) -> tuple[str, str] | None:
    """The path and query of the page that asked for its layout, when the Referer names a
    page of this server; None otherwise."""
    if not referrer or not host:
        return None
    parts = urlsplit(referrer[:10_000])
    if parts.scheme not in ("http", "https") or parts.netloc != host:
        return None
    return parts.path or "/", f"?{parts.query}" if parts.query else ""


def first_view_props(
    snapshot: Snapshot | None, pathname: str, search: str
) -> dict[tuple[str, str], Any] | None:
    """The props that make the layout show the view ``pathname`` + ``search`` describe,
    keyed by (component id, prop); None when the navigation path must show it."""
    if snapshot is None or pathname != "/":
        return None
    state, notes = parse_query(search)
    if notes or state.event:
        return None
    props = view_props(snapshot, state, None)
    props[(FIRST_NAV, "data")] = {"pathname": pathname, "search": search}
    return props


def view_props(snapshot: Snapshot, state: ViewState, at: Any) -> dict[tuple[str, str], Any]:
    """The props of the main page's controls that show ``state``, keyed by (component
    id, prop): what the layout is built with here and what ``restore`` answers on a
    navigation (``at``: that navigation's time, for the search box), so the two paths
    cannot drift apart."""
    props: dict[tuple[str, str], Any] = dict(zip(FILTERS, control_values(state), strict=True))
    props[("window", "data")] = list(state.window) if state.window else None
    props[("filter-entities", "options")] = entity_options(snapshot, "", list(state.entities))
    props[("filter-sources", "options")] = snapshot.source_titles()
    props[("status", "children")] = status_panel(snapshot.last_run, snapshot.per_source)
    props[("search-restore", "data")] = {"text": state.search, "at": at}
    return props


def apply_props(layout: Component, props: dict[tuple[str, str], Any]) -> Component:
    """Set each (id, prop) on the component of that id in ``layout``; every id must be
    there (a renamed control fails here, not as a page that silently ignores its URL)."""
    by_id = {c.id: c for c in layout._traverse() if isinstance(getattr(c, "id", None), str)}
    for (cid, prop), value in props.items():
        setattr(by_id[cid], prop, value)
    return layout


def is_first_view(nav: dict[str, Any] | None, first_nav: dict[str, Any] | None) -> bool:
    """True when ``nav`` is the page load the layout was already built for."""
    return bool(
        nav
        and first_nav
        and nav.get("first")
        and nav.get("pathname") == first_nav.get("pathname")
        and (nav.get("search") or "") == (first_nav.get("search") or "")
    )
