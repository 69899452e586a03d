"""The analyst dashboard in a real headless Chromium: level of detail, shared links,
entity pages, linked selection."""

from urllib.parse import quote

import pytest

from ingest.query import EventFilter, filter_events
from tests.browser.test_dashboard_browser import click_first_point, wait_count
from tests.conftest import CURATED

pytestmark = pytest.mark.browser


def wait_idle(page) -> None:
    """Until no Dash component is waiting for a callback."""
    page.wait_for_function(
        "() => !document.querySelector('[data-dash-is-loading=\"true\"]')", timeout=15000
    )
    page.wait_for_timeout(200)


def test_zooming_in_replaces_counts_with_points(serve, page):
    served = serve(synthetic=6000)
    page.goto(served.url)
    wait_count(page, "6,000 of 6,000 events")
    page.wait_for_selector("#timeline .heatmaplayer", timeout=15000)  # counts, not points
    assert "counts per" in page.inner_text("#view-mode")
    assert page.locator("#timeline .scatterlayer .trace .points path").count() == 0
    # Zoom the way a drag does: Plotly's relayout of the x range, once the page is idle
    # (a relayout during the first render's updates can be overtaken by them).
    zoom = """() => { const gd = document.querySelector('#timeline .js-plotly-plot');
                      return Plotly.relayout(gd, {'xaxis.range': ['2020-03-01', '2020-03-20']}); }"""
    for attempt in range(3):
        wait_idle(page)
        page.evaluate(zoom)
        try:
            page.wait_for_function(
                "() => document.querySelector('#view-mode').innerText.includes('Zoomed')",
                timeout=8000,
            )
            break
        except Exception:
            if attempt == 2:
                raise
    page.wait_for_selector("#timeline .scatterlayer .trace .points path", timeout=15000)
    assert "x0=2020-03-01" in page.url and "x1=2020-03-20" in page.url  # the window is in the link
    assert not page.js_errors


def test_a_shared_link_restores_the_same_view(serve, page):
    served = serve(CURATED)
    query = "?from=2025-01-01&to=2025-12-31&type=bounty&entity=Nicolas+Maduro"
    expected = filter_events(
        served.store.load_events(),
        EventFilter("2025-01-01", "2025-12-31", ("bounty",), ("Nicolas Maduro",)),
    )
    total = served.store.count_events()
    page.goto(served.url + query)
    wait_count(page, f"{len(expected)} of {total} events")
    assert len(expected) == 2  # $25M in January, $50M in August
    assert "Reward / bounty" in page.inner_text("#filter-types")
    assert "Nicolas Maduro" in page.inner_text("#filter-entities")
    page.wait_for_function(
        "n => document.querySelectorAll('#grid .ag-center-cols-container .ag-row').length === n",
        arg=len(expected),
        timeout=10000,
    )
    assert page.url.endswith(query)


def test_clicking_an_event_selects_its_row_and_shows_its_sources(serve, page):
    served = serve(CURATED)
    page.goto(served.url + "?type=military_action")
    n = len(filter_events(served.store.load_events(), EventFilter(types=("military_action",))))
    wait_count(page, f"{n} of {served.store.count_events()} events")
    page.wait_for_timeout(300)
    click_first_point(page)
    page.wait_for_selector("#detail .sources a", timeout=10000)
    page.wait_for_selector("#grid .ag-row-selected", timeout=10000)
    selected = page.locator("#grid .ag-center-cols-container .ag-row-selected").first.inner_text()
    assert page.locator("#detail h3").inner_text().split()[0] in selected


def test_entity_page_draws_the_reward_steps(serve, page):
    served = serve(CURATED)
    page.goto(served.url + "entity/" + quote("Nicolas Maduro", safe=""))
    page.wait_for_selector("#reward-chart .js-plotly-plot", timeout=15000)
    amounts = page.evaluate(
        "() => Array.from(document.querySelector('#reward-chart .js-plotly-plot').data[0].y)"
    )
    dates = page.evaluate(
        "() => Array.from(document.querySelector('#reward-chart .js-plotly-plot').data[0].x)"
    )
    assert amounts == [15_000_000, 25_000_000, 50_000_000]
    assert dates == ["2020-03-26", "2025-01-10", "2025-08-07"]
    assert "Nicolas Maduro" in page.inner_text(".entity-page h2")
    assert not page.js_errors


def test_selecting_a_row_rings_its_event_on_the_timeline(serve, page):
    served = serve(CURATED)
    page.goto(served.url + "?type=bounty")
    n = len(filter_events(served.store.load_events(), EventFilter(types=("bounty",))))
    wait_count(page, f"{n} of {served.store.count_events()} events")
    page.locator("#grid .ag-row", has_text="$50M").first.click()
    page.wait_for_selector("#detail h3:has-text('$50 million')", timeout=10000)
    page.wait_for_function(
        """() => { const gd = document.querySelector('#timeline .js-plotly-plot');
                   return gd && gd.data.some(t => { const c = t.marker && t.marker.line && t.marker.line.color;
                       return Array.isArray(c) ? c.includes("#000000") : c === "#000000"; }); }""",
        timeout=10000,
    )


def test_download_of_the_selected_rows(serve, page):
    import csv
    import io
    from pathlib import Path

    served = serve(CURATED)
    page.goto(served.url + "?type=bounty")
    wait_count(page, f"6 of {served.store.count_events()} events")
    page.locator("#grid .ag-row", has_text="$50M").first.click()
    page.wait_for_selector("#grid .ag-row-selected", timeout=10000)
    with page.expect_download() as info:
        page.click("#download-selected")
    assert info.value.suggested_filename == "timeline_selected_bounty.csv"
    rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8"))))
    assert [(r["date"], r["amount"]) for r in rows] == [("2025-08-07", "50000000")]


def test_filters_are_reachable_by_keyboard(serve, page):
    served = serve(CURATED)
    total = served.store.count_events()
    page.goto(served.url)
    wait_count(page, f"{total} of {total} events")
    wait_idle(page)
    page.locator("body").focus()
    for _ in range(60):  # Tab through the page until the search box has the focus
        page.keyboard.press("Tab")
        if (
            page.evaluate("() => document.activeElement && document.activeElement.id")
            == "filter-search"
        ):
            break
    else:
        raise AssertionError("the search filter cannot be reached with Tab")
    page.keyboard.type("strike")
    page.keyboard.press("Enter")
    n = len(filter_events(served.store.load_events(), EventFilter(search="strike")))
    wait_count(page, f"{n} of {total} events")
