"""A page load draws the view its URL describes with one chart request (the layout holds
the controls: dashboard/first_view.py), and without a Referer the navigation path still
shows the same view."""

import json

import pytest

from ingest.query import EventFilter, filter_events
from ingest.schema import EVENT_TYPE_LABELS
from tests.browser.helpers import wait_count, wait_drawn, wait_grid_rows
from tests.conftest import CURATED

pytestmark = pytest.mark.browser


def _callbacks(page) -> list[tuple[str, str, bool]]:
    """(sent|answered, chart|restore, carried a figure) for the chart's and restore's
    callbacks, in the order the page saw them."""
    seen: list[tuple[str, str, bool]] = []

    def kind(request) -> str | None:  # type: ignore[no-untyped-def]
        if "_dash-update-component" not in request.url:
            return None
        output = json.loads(request.post_data or "{}").get("output", "")
        if output.startswith("..timeline.figure."):
            return "chart"
        return "restore" if output.startswith("..filter-dates.start_date@") else None

    def sent(request):  # type: ignore[no-untyped-def]
        if k := kind(request):
            seen.append(("sent", k, False))

    def answered(response):  # type: ignore[no-untyped-def]
        if k := kind(response.request):
            body = response.json() if response.status == 200 else {}
            seen.append(("answered", k, "timeline" in body.get("response", {})))

    page.on("request", sent)
    page.on("response", answered)
    return seen


def _served(serve):  # type: ignore[no-untyped-def]
    """The bundled data served with its index built (as after start-up), its event count
    and how many of them are bounties."""
    served = serve(CURATED)
    served.app.server.config["EVENT_CACHE"].snapshot()
    bounties = filter_events(served.store.load_events(), EventFilter(types=("bounty",)))
    return served, served.store.count_events(), len(bounties)


def _shows_the_bounty_link(page, total: int, n: int) -> None:
    wait_count(page, f"{n} of {total} events")
    wait_grid_rows(page, n)  # the table took the view (timeline.js accepted it)
    assert page.evaluate("() => location.search") == "?type=bounty"
    assert EVENT_TYPE_LABELS["bounty"] in page.inner_text("#filter-types")
    assert not page.js_errors


def test_a_link_is_drawn_from_the_first_chart_request(serve, page):
    served, total, n = _served(serve)
    seen = _callbacks(page)
    page.goto(served.url + "?type=bounty")
    _shows_the_bounty_link(page, total, n)
    wait_drawn(page)
    # The chart was asked for before restore answered (it did not wait for the URL's
    # controls to come back from the server), and drawn once.
    assert seen.index(("sent", "chart", False)) < seen.index(("answered", "restore", False)), seen
    assert [s for s in seen if s[2]] == [("answered", "chart", True)], seen


def test_without_a_referer_the_navigation_path_shows_the_same_view(serve, page):
    served, total, n = _served(serve)

    def no_referer(route):  # type: ignore[no-untyped-def]
        headers = {k: v for k, v in route.request.headers.items() if k.lower() != "referer"}
        route.continue_(headers=headers)

    page.route("**/_dash-layout", no_referer)
    page.goto(served.url + "?type=bounty")
    _shows_the_bounty_link(page, total, n)


def test_back_to_the_first_url_restores_its_view_after_a_change(serve, page):
    """The first view is the page load's only: Back to the same URL goes through restore."""
    served, total, n = _served(serve)
    page.goto(served.url + "?type=bounty")
    _shows_the_bounty_link(page, total, n)
    wait_drawn(page)
    page.click("#filter-types")
    page.locator(".dash-dropdown-option", has_text="Sanction").first.click()
    page.keyboard.press("Escape")
    both = len(filter_events(served.store.load_events(), EventFilter(types=("bounty", "sanction"))))
    wait_count(page, f"{both} of {total} events")
    page.wait_for_function("() => location.search.includes('type=sanction')")
    page.go_back()
    _shows_the_bounty_link(page, total, n)
    assert EVENT_TYPE_LABELS["sanction"] not in page.inner_text("#filter-types")
