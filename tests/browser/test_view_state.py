"""One view state drives everything: zoom, count, table, CSV and link agree; Back and
Forward restore the view the URL describes; a selection the view loses is cleared."""

import csv
import io
from pathlib import Path

import pytest

from ingest.query import EventFilter, filter_events
from tests.browser.helpers import expected_events, wait_count, wait_drawn, wait_grid_rows
from tests.conftest import CURATED

pytestmark = pytest.mark.browser


def test_a_zoomed_link_drives_the_count_the_table_and_the_csv(serve, page):
    served = serve(CURATED)
    df, total = served.store.load_events(), served.store.count_events()
    expected = filter_events(df, EventFilter("2025-08-01", "2025-09-30"))
    assert 0 < len(expected) < total
    page.goto(served.url + "?x0=2025-08-01&x1=2025-09-30")
    wait_count(page, f"{len(expected)} of {total} events")
    assert page.inner_text("#view-mode").startswith(f"{len(expected)} events in view")
    wait_grid_rows(page, len(expected))
    first_date = page.locator("#grid .ag-center-cols-container .ag-row [col-id=date]").first
    assert first_date.inner_text() >= "2025-08"  # the table starts in the window, not in 1997
    with page.expect_download() as info:
        page.click("#download-link")
    assert info.value.suggested_filename == "timeline_2025-08-01_2025-09-30.csv"
    rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8"))))
    assert sorted(r["event_id"] for r in rows) == sorted(expected["event_id"])


def test_zooming_the_chart_narrows_the_count_and_the_link(serve, page):
    served = serve(CURATED)
    total = served.store.count_events()
    page.goto(served.url)
    wait_count(page, f"{total} of {total} events")
    wait_drawn(page)
    page.evaluate(
        """() => Plotly.relayout(document.querySelector('#timeline .js-plotly-plot'),
                                 {'xaxis.range': ['2025-08-01', '2025-10-01']})"""
    )
    n = len(filter_events(served.store.load_events(), EventFilter("2025-08-01", "2025-09-30")))
    wait_count(page, f"{n} of {total} events")
    page.wait_for_function("() => location.search === '?x0=2025-08-01&x1=2025-09-30'")
    wait_grid_rows(page, n)


def test_back_and_forward_restore_the_view_the_url_describes(serve, page):
    served = serve(CURATED)
    total = served.store.count_events()
    strike = len(expected_events(served.store, EventFilter(search="strike")))
    page.goto(served.url)
    wait_count(page, f"{total} of {total} events")
    page.fill("#filter-search", "strike")
    wait_count(page, f"{strike} of {total} events")
    page.wait_for_function("() => location.search === '?q=strike'")
    page.click("#filter-types")
    page.locator(".dash-dropdown-option", has_text="Designation").first.click()
    both = len(expected_events(served.store, EventFilter(types=("designation",), search="strike")))
    assert both != strike
    page.wait_for_function("() => location.search === '?type=designation&q=strike'")
    wait_count(page, f"{both} of {total} events")

    page.go_back()
    wait_count(page, f"{strike} of {total} events")
    assert page.input_value("#filter-search") == "strike"
    assert "Designation" not in page.inner_text("#filter-types")
    page.go_back()
    wait_count(page, f"{total} of {total} events")
    assert page.input_value("#filter-search") == ""
    page.go_forward()
    wait_count(page, f"{strike} of {total} events")
    assert page.input_value("#filter-search") == "strike"
    assert not page.js_errors


def test_a_selection_the_filter_removes_is_cleared(serve, page):
    served = serve(CURATED)
    total = served.store.count_events()
    page.goto(served.url + "?type=bounty")
    wait_count(page, f"6 of {total} events")
    page.locator("#grid .ag-row", has_text="$50M").first.click()
    page.wait_for_selector("#detail h2:has-text('$50 million')", timeout=10000)
    page.wait_for_function("() => location.search.includes('event=')")
    page.fill("#filter-search", "Cabello")  # the $50M reward for Maduro leaves the view
    n = len(expected_events(served.store, EventFilter(types=("bounty",), search="Cabello")))
    assert n >= 1
    wait_count(page, f"{n} of {total} events")
    page.wait_for_selector("#detail .hint", timeout=10000)  # the detail is empty again
    page.wait_for_function("() => !location.search.includes('event=')")
    assert page.locator("#grid .ag-row-selected").count() == 0
