"""Waiting for what a person would wait for: never a fixed sleep."""

from __future__ import annotations


def wait_count(page, text: str, timeout: int = 20000) -> None:
    page.wait_for_function(
        "t => (document.querySelector('#count') || {}).innerText === t", arg=text, timeout=timeout
    )


def wait_idle(page) -> None:
    """Until no Dash callback is pending: the renderer marks waiting components."""
    page.wait_for_function(
        """() => !document.querySelector('[data-dash-is-loading="true"]')""", timeout=20000
    )


def wait_drawn(page) -> None:
    """Until no callback is pending and the timeline has finished drawing, so the chart
    answers a zoom or a click. dcc.Graph marks its plot ``dash-graph--pending`` while
    Plotly draws and binds its event handlers only after the first drawing: a relayout
    sent before then changes the axis but never reaches Dash."""
    wait_idle(page)
    page.wait_for_function(
        """() => { const gd = document.querySelector('#timeline .js-plotly-plot');
                   return !!gd && !gd.classList.contains('dash-graph--pending'); }""",
        timeout=20000,
    )


# A row of the table drawn with its data. The table fetches its rows itself, in blocks
# (timeline.js asks /grid-rows), not through a Dash callback: neither the count nor
# wait_idle says a block has arrived. Until it has, each of its rows is a blank placeholder
# with its row-index but no row-id (AG Grid sets row-id, the event id, once the row has
# its data); a click on a placeholder selects nothing, as there is no event yet.
LOADED_ROW = "#grid .ag-center-cols-container .ag-row[row-id]"


def grid_row(page, index: int):
    """The table's row ``index`` once its block has loaded, to click or hover: Playwright
    waits for the loaded row, never acting on its blank placeholder. Clicking row 0 right
    after the count could land on the placeholder and the detail never came (a CI run)."""
    return page.locator(f"{LOADED_ROW}[row-index='{index}']")


def wait_grid_rows(page, n: int) -> None:
    """Until the table shows ``n`` loaded rows (placeholders of blocks on their way do not
    count: the table starts with one)."""
    page.wait_for_function(
        f"""n => document.querySelectorAll("{LOADED_ROW}").length === n""",
        arg=n,
        timeout=20000,
    )


def grid_api_ready(page) -> None:
    page.wait_for_function(
        "() => { try { return !!dash_ag_grid.getApi('grid'); } catch (e) { return false; } }",
        timeout=20000,
    )


def figure(page) -> dict:
    """The drawn timeline's data and layout, as Plotly holds them."""
    return page.evaluate(
        """() => { const gd = document.querySelector('#timeline .js-plotly-plot');
                   return {data: gd.data.map(t => ({type: t.type, mode: t.mode, name: t.name,
                                                   n: (t.x || []).length, customdata: t.customdata})),
                           layout: {xaxis: gd._fullLayout.xaxis.range, showlegend: gd._fullLayout.showlegend}}; }"""
    )


def tick_labels(page) -> list[str]:
    return page.evaluate(
        "() => Array.from(document.querySelectorAll('#timeline .xtick text')).map(t => t.textContent)"
    )


def click_first_point(page) -> None:
    """Hover, then click, the first event point drawn inside the plot area (points of
    events outside the window are drawn beyond its edges)."""
    page.wait_for_selector(
        "#timeline .scatterlayer .trace .points path", state="attached", timeout=15000
    )
    wait_drawn(page)
    box = page.evaluate(
        """() => { const area = document.querySelector('#timeline .nsewdrag').getBoundingClientRect();
                   for (const p of document.querySelectorAll('#timeline .scatterlayer .trace .points path')) {
                       const b = p.getBoundingClientRect();
                       const x = b.x + b.width / 2, y = b.y + b.height / 2;
                       if (b.width > 0 && x > area.left + 2 && x < area.right - 2 && y > area.top && y < area.bottom)
                           return {x, y};
                   }
                   return null; }"""
    )
    assert box, "no event point inside the plot area"
    page.mouse.move(box["x"], box["y"])
    page.wait_for_selector("#timeline .hoverlayer .hovertext", timeout=5000)
    page.mouse.click(box["x"], box["y"])


def expected_events(store, flt):
    """The events the dashboard should show for ``flt``: the same index, with every
    source's title and quote searchable, as the server builds it."""
    from ingest.query import EventIndex
    from ingest.store.search_text import source_text

    index = EventIndex(store.load_events(), source_text(store.engine))
    return index.frame(index.select(flt))
