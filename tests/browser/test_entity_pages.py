"""Entity pages: aliases resolve, unknown names say so with HTTP 404, the reward line
runs to the event that ended it, and each event opens its detail."""

from urllib.parse import quote

import pytest

from ingest.query import EventFilter, filter_events
from tests.browser.conftest import csp_violations
from tests.browser.helpers import wait_count
from tests.conftest import CURATED

pytestmark = pytest.mark.browser


def test_an_alias_opens_the_canonical_page_with_its_own_count(serve, page):
    served = serve(CURATED)
    n = len(filter_events(served.store.load_events(), EventFilter(entities=("Nicolas Maduro",))))
    response = page.goto(served.url + "entity/Maduro")
    assert response.status == 200
    page.wait_for_selector(".entity-page h2", timeout=15000)
    assert page.url.endswith("/entity/Nicolas%20Maduro")
    assert page.inner_text(".entity-page h2") == "Nicolas Maduro"
    wait_count(page, f"{n} events about Nicolas Maduro")
    assert page.locator(".entity-events tbody tr").count() == n
    assert not csp_violations(page) and not page.js_errors


def test_the_reward_line_runs_to_the_capture_that_ended_it(serve, page):
    served = serve(CURATED)
    page.goto(served.url + "entity/" + quote("Nicolas Maduro", safe=""))
    page.wait_for_selector("#reward-chart .js-plotly-plot", timeout=15000)
    data = page.evaluate(
        """() => document.querySelector('#reward-chart .js-plotly-plot').data.map(
                 t => ({x: Array.from(t.x), y: Array.from(t.y)}))"""
    )
    assert data[0] == {"x": ["2020-03-26", "2025-01-10", "2025-08-07"],
                       "y": [15_000_000, 25_000_000, 50_000_000]}  # fmt: skip
    assert data[1]["x"] == ["2025-08-07", "2026-01-03"]  # held until the capture
    assert "Ended 2026-01-03" in page.inner_text(".rewards")


def test_an_unknown_name_is_a_404_that_suggests_close_names(serve, page):
    served = serve(CURATED)
    response = page.goto(served.url + "entity/Nicolas%20Madero")
    assert response.status == 404
    page.wait_for_selector(".not-found", timeout=15000)
    assert "Unknown entity: Nicolas Madero" in page.inner_text(".entity-page h2")
    page.locator(".not-found a", has_text="Nicolas Maduro").click()
    page.wait_for_selector(".entity-page h2:has-text('Nicolas Maduro')", timeout=10000)


def test_each_event_of_an_entity_opens_its_detail(serve, page):
    served = serve(CURATED)
    page.goto(served.url + "entity/" + quote("Diosdado Cabello", safe=""))
    page.wait_for_selector(".entity-events a", timeout=15000)
    assert page.inner_text(".entity-page p").startswith("1 event.")
    title = page.inner_text(".entity-events a")
    page.click(".entity-events a")
    page.wait_for_selector("#detail h2", timeout=15000)
    assert page.inner_text("#detail h2") == title
    wait_count(page, f"1 of {served.store.count_events()} events")
    assert "entity=Diosdado+Cabello" in page.url and "event=ev_" in page.url


def test_the_entity_directory_lists_entities_not_every_event(serve, page):
    served = serve(CURATED)
    page.goto(served.url + "entity/")
    page.wait_for_selector(".entity-directory a", timeout=15000)
    assert page.locator("#reward-chart").count() == 0
    assert "Nicolas Maduro" in page.inner_text(".entity-directory")
