"""The analyst dashboard in a real headless Chromium: level of detail, shared links,
entity pages, linked selection."""

import pytest

from ingest.query import EventFilter, filter_events
from tests.browser.helpers import (
    click_first_point,
    expected_events,
    tick_labels,
    wait_count,
    wait_drawn,
    wait_grid_rows,
    wait_idle,
)
from tests.conftest import CURATED

pytestmark = pytest.mark.browser


def test_zooming_in_replaces_counts_with_points(serve, page):
    served = serve(synthetic=6000)
    page.goto(served.url)
    wait_count(page, "6,000 of 6,000 events")
    page.wait_for_selector("#timeline .heatmaplayer", timeout=15000)  # counts, not points
    assert "counts per" in page.inner_text("#view-mode")
    assert page.locator("#timeline .scatterlayer .trace .points path").count() == 0
    wait_drawn(page)
    # Zoom the way a drag does: Plotly's relayout of the x range.
    page.evaluate(
        """() => Plotly.relayout(document.querySelector('#timeline .js-plotly-plot'),
                                 {'xaxis.range': ['2020-03-01', '2020-03-08 06:00']})"""
    )
    page.wait_for_function(
        "() => document.querySelector('#view-mode').innerText.includes('Zoomed')", timeout=15000
    )
    page.wait_for_selector("#timeline .scatterlayer .trace .points path", timeout=15000)
    assert "x0=2020-03-01" in page.url and "x1=2020-03-08" in page.url  # whole days, in the link
    ticks = tick_labels(page)
    assert ticks and not any(":" in t for t in ticks)  # days, never hours
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
    wait_grid_rows(page, len(expected))
    assert page.url.endswith(query)


def test_clicking_an_event_selects_its_row_and_shows_its_sources(serve, page):
    served = serve(CURATED)
    page.goto(served.url + "?type=military_action")
    n = len(filter_events(served.store.load_events(), EventFilter(types=("military_action",))))
    wait_count(page, f"{n} of {served.store.count_events()} events")
    wait_idle(page)
    click_first_point(page)
    page.wait_for_selector("#detail .sources a", timeout=10000)
    page.wait_for_selector("#grid .ag-row-selected", timeout=10000)
    selected = page.locator("#grid .ag-center-cols-container .ag-row-selected").first.inner_text()
    assert page.locator("#detail h2").inner_text().split()[0] in selected


def test_selecting_a_row_rings_its_event_on_the_timeline(serve, page):
    served = serve(CURATED)
    page.goto(served.url + "?type=bounty")
    n = len(filter_events(served.store.load_events(), EventFilter(types=("bounty",))))
    wait_count(page, f"{n} of {served.store.count_events()} events")
    page.locator("#grid .ag-row", has_text="$50M").first.click()
    page.wait_for_selector("#detail h2:has-text('$50 million')", timeout=10000)
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
    n = len(expected_events(served.store, EventFilter(search="strike")))
    wait_count(page, f"{n} of {total} events")
