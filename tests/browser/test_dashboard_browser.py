"""What an analyst sees and does in the dashboard, in a real headless Chromium."""

import csv
import io
from pathlib import Path

import pytest

from ingest.query import EventFilter, filter_events
from tests.browser.helpers import (
    click_first_point,
    expected_events,
    wait_count,
    wait_grid_rows,
    wait_idle,
)
from tests.conftest import CURATED, FIXTURES

pytestmark = pytest.mark.browser


def test_filter_click_detail_and_download(serve, page):
    served = serve(CURATED)
    total = served.store.count_events()
    page.goto(served.url)
    wait_count(page, f"{total} of {total} events")

    # A filter changes the count to what filter_events computes.
    page.fill("#filter-search", "strike")
    expected = expected_events(served.store, EventFilter(search="strike"))
    assert 0 < len(expected) < total
    wait_count(page, f"{len(expected)} of {total} events")
    wait_idle(page)

    # Clicking an event opens its detail with the source link.
    click_first_point(page)
    link = page.locator("#detail .sources a").first
    link.wait_for(timeout=10000)
    href = link.get_attribute("href")
    assert href in set(expected["source_url"])
    assert link.get_attribute("target") == "_blank"
    assert link.get_attribute("rel") == "noopener noreferrer"
    assert page.locator("#detail blockquote").first.inner_text().strip()

    # Download CSV gives exactly the filtered rows in the contract columns.
    with page.expect_download() as info:
        page.click("#download-link")
    download = info.value
    assert download.suggested_filename == "timeline_search-strike.csv"
    rows = list(csv.DictReader(io.StringIO(Path(download.path()).read_text(encoding="utf-8"))))
    assert sorted(r["event_id"] for r in rows) == sorted(expected["event_id"])
    assert not page.js_errors


def test_type_filter_from_the_dropdown(serve, page):
    served = serve(CURATED)
    df = served.store.load_events()
    page.goto(served.url)
    wait_count(page, f"{len(df)} of {len(df)} events")
    page.click("#filter-types")
    page.locator(".dash-dropdown-option", has_text="Reward / bounty").first.click()
    n = len(filter_events(df, EventFilter(types=("bounty",))))
    wait_count(page, f"{n} of {len(df)} events")
    wait_grid_rows(page, n)
    first = page.locator("#grid .ag-center-cols-container .ag-row").first
    assert "Reward / bounty" in first.inner_text()


def test_source_text_never_runs_and_bad_links_are_not_links(serve, page):
    served = serve(FIXTURES / "formula_injection.csv")
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(served.url)
    wait_count(page, "3 of 3 events")
    page.locator("#grid .ag-row", has_text="<script>alert(1)</script>").first.click()
    page.wait_for_selector("#detail h2:has-text('<script>alert(1)</script>')", timeout=10000)
    assert page.locator("#detail a").count() == 0  # javascript: URL shown as text, not a link
    assert page.locator("#detail .unlinked", has_text="Script source").count() == 1
    with page.expect_download() as info:
        page.click("#download-link")
    text = Path(info.value.path()).read_text(encoding="utf-8")
    assert "'=HYPERLINK(" in text and ",=HYPERLINK(" not in text
    assert dialogs == [] and not page.js_errors
