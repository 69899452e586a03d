"""The table: every block the viewport shows is fetched after any scroll, sorting follows
the shown labels, titles stay readable, and the keyboard moves the selection."""

import pytest

from tests.browser.helpers import grid_api_ready, grid_row, wait_count, wait_idle
from tests.conftest import CURATED

pytestmark = pytest.mark.browser

VISIBLE_ROWS = """() => Array.from(document.querySelectorAll('#grid .ag-center-cols-container .ag-row'))
    .filter(r => { const b = r.getBoundingClientRect(); const v = document.querySelector('#grid .ag-body-viewport').getBoundingClientRect();
                   return b.bottom > v.top && b.top < v.bottom; })"""


def visible_rows_filled(page) -> bool:
    return page.evaluate(
        f"""() => {{ const rows = ({VISIBLE_ROWS})();
                    return rows.length > 5 && rows.every(r => {{
                        const c = r.querySelector('[col-id=title]');
                        return c && c.innerText.trim().length > 0; }}); }}"""
    )


def test_a_jump_scroll_to_the_middle_fills_the_rows_in_view(serve, page):
    served = serve(synthetic=6000)
    page.goto(served.url)
    wait_count(page, "6,000 of 6,000 events")
    grid_api_ready(page)
    page.wait_for_function(f"() => ({VISIBLE_ROWS})().length > 5", timeout=20000)
    # Drag the scrollbar: jump to the middle, then at once a little above it (the block
    # above was the one left blank for good when only the latest request was answered).
    page.evaluate("""() => { const v = document.querySelector('#grid .ag-body-viewport');
                             v.scrollTop = v.scrollHeight / 2; }""")
    page.evaluate("""() => { const v = document.querySelector('#grid .ag-body-viewport');
                             v.scrollTop = v.scrollHeight / 2 - 3000; }""")
    page.wait_for_function(
        f"""() => {{ const rows = ({VISIBLE_ROWS})();
                    return rows.length > 5 && rows.every(r => {{ const c = r.querySelector('[col-id=title]');
                                                              return c && c.innerText.trim().length > 0; }}); }}""",
        timeout=20000,
    )
    first = page.evaluate(f"() => Number(({VISIBLE_ROWS})()[0].getAttribute('row-index'))")
    assert 2000 < first < 3000
    assert visible_rows_filled(page)


def test_sorting_by_type_follows_the_label_shown(serve, page):
    served = serve(CURATED)
    total = served.store.count_events()
    page.goto(served.url)
    wait_count(page, f"{total} of {total} events")
    wait_idle(page)
    page.click("#grid .ag-header-cell[col-id=event_type] .ag-header-cell-label")
    page.wait_for_function(
        """() => { const cells = Array.from(document.querySelectorAll(
                        '#grid .ag-center-cols-container .ag-row [col-id=event_type]'));
                   cells.sort((a, b) => a.parentElement.getAttribute('row-index') - b.parentElement.getAttribute('row-index'));
                   const labels = cells.map(c => c.innerText);
                   return labels.length > 5 && labels[0] === 'Designation'
                          && labels.join('|') === [...labels].sort((x, y) => x.localeCompare(y)).join('|'); }""",
        timeout=15000,
    )


def test_the_keyboard_moves_the_selection_and_the_detail_follows(serve, page):
    served = serve(CURATED)
    total = served.store.count_events()
    page.goto(served.url)
    wait_count(page, f"{total} of {total} events")
    wait_idle(page)
    grid_row(page, 0).locator("[col-id=title]").click()  # its block loaded: a row to select
    page.wait_for_selector("#detail h2", timeout=10000)
    first = page.inner_text("#detail h2")
    page.keyboard.press("ArrowDown")
    page.wait_for_function("t => document.querySelector('#detail h2').innerText !== t", arg=first)
    second = grid_row(page, 1).locator("[col-id=title]")
    assert page.inner_text("#detail h2") == second.inner_text()
    assert page.locator("#grid .ag-row-selected").count() == 1
    page.wait_for_function("() => location.search.includes('event=')")


def test_long_titles_are_readable_on_hover(serve, page):
    served = serve(CURATED)
    total = served.store.count_events()
    page.goto(served.url)
    wait_count(page, f"{total} of {total} events")
    cell = page.locator("#grid .ag-center-cols-container .ag-row [col-id=title]").first
    cell.hover()
    tooltip = page.locator(".ag-tooltip")
    tooltip.wait_for(timeout=10000)
    assert tooltip.inner_text().strip() == cell.inner_text().strip()
