"""Accessibility: axe-core (from npm, installed by .ci/run) finds no critical or serious
violation on the main page and the entity page; events are reachable by keyboard; the
detail shows after a selection on an 800 px wide screen."""

import json
import os
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.browser.helpers import grid_row, wait_count, wait_grid_rows, wait_idle
from tests.conftest import CURATED

pytestmark = pytest.mark.browser

AXE = Path(
    os.environ.get("AXE_CORE_JS", Path(__file__).parent / "node_modules/axe-core/axe.min.js")
)
needs_axe = pytest.mark.skipif(
    not AXE.exists(), reason=f"needs axe-core: npm ci --prefix tests/browser (looked for {AXE})"
)


def axe_violations(page) -> list[dict]:
    """Run axe in the page (evaluated by the browser's debugger, outside the page's CSP)."""
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => JSON.stringify(await axe.run(document))")
    violations = json.loads(result)["violations"]
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"][:3]]}
        for v in violations
        if v["impact"] in ("critical", "serious")
    ]


@needs_axe
def test_the_main_page_has_no_critical_or_serious_axe_violation(serve, page):
    served = serve(CURATED)
    total = served.store.count_events()
    page.goto(served.url + "?type=bounty")
    wait_count(page, f"6 of {total} events")
    wait_grid_rows(page, 6)
    page.locator("#grid .ag-row", has_text="$50M").first.click()
    page.wait_for_selector("#detail h2", timeout=10000)
    wait_idle(page)
    assert page.evaluate("() => document.documentElement.lang") == "en"
    assert axe_violations(page) == []


@needs_axe
def test_the_entity_page_has_no_critical_or_serious_axe_violation(serve, page):
    served = serve(CURATED)
    page.goto(served.url + "entity/" + quote("Nicolas Maduro", safe=""))
    page.wait_for_selector("#reward-chart .js-plotly-plot", timeout=15000)
    wait_idle(page)
    assert axe_violations(page) == []


def test_at_800_px_the_detail_is_on_screen_after_a_selection(serve, narrow_page):
    page = narrow_page
    served = serve(CURATED)
    total = served.store.count_events()
    page.goto(served.url)
    wait_count(page, f"{total} of {total} events")
    page.locator("#grid").scroll_into_view_if_needed()
    grid_row(page, 2).locator("[col-id=title]").click()  # its block loaded: a row to select
    page.wait_for_selector("#detail h2", timeout=10000)
    box = page.locator("#detail h2").bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 700


def test_every_event_is_reachable_by_keyboard_through_the_table(serve, page):
    served = serve(CURATED)
    total = served.store.count_events()
    page.goto(served.url + "?type=bounty")
    wait_count(page, f"6 of {total} events")
    wait_grid_rows(page, 6)
    wait_idle(page)
    page.locator("body").focus()
    for _ in range(80):  # Tab until a cell of the table has the focus
        page.keyboard.press("Tab")
        if page.evaluate("() => !!document.activeElement.closest('#grid .ag-cell')"):
            break
    else:
        raise AssertionError("the table cannot be reached with Tab")
    for _ in range(3):
        page.keyboard.press("ArrowDown")
    # Each ArrowDown selects a row and asks for its detail: the heading may first show an
    # earlier row's, so wait until it shows the selected one (a loaded machine took long
    # enough to show the race).
    page.wait_for_function(
        """() => {
            const h = document.querySelector('#detail h2');
            const row = document.querySelector(
                '#grid .ag-center-cols-container .ag-row-selected [col-id=title]');
            return h && row && h.innerText === row.innerText;
        }""",
        timeout=10000,
    )
    page.wait_for_function(  # the timeline rings the same event
        """() => document.querySelector('#timeline .js-plotly-plot').data.some(t =>
                 Array.isArray(t.marker && t.marker.line && t.marker.line.color)
                 && t.marker.line.color.includes('#000000'))""",
        timeout=10000,
    )
