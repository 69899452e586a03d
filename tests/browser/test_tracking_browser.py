"""The tracker in a real headless Chromium: a fetched event's archived source from the
detail panel, and a watch whose rounds show up in the open dashboard."""

from __future__ import annotations

import pytest

from ingest.query import EventFilter, filter_events
from ingest.store import Store
from tests.browser.conftest import Served
from tests.browser.test_dashboard_browser import click_first_point, wait_count
from tests.fetch.conftest import serve_recorded, write_sources  # noqa: F401
from tests.fetch.helpers import fetch
from tests.fetch.server import FixtureServer
from tests.fetch.watching import NEW_EACH_ROUND, gate_rounds, wait_for, watching

pytestmark = pytest.mark.browser
VIEW = EventFilter(types=("designation", "bounty"))


@pytest.fixture
def recorded(tmp_path):  # type: ignore[no-untyped-def]
    server = FixtureServer().start()
    serve_recorded(server)
    sources = write_sources(tmp_path / "sources.yaml", server.base, tmp_path / "archive")
    yield server, sources
    server.stop()


def test_a_fetched_events_archived_source_opens_from_the_detail_panel_as_text(
    recorded, tmp_path, page
):
    _server, sources = recorded
    db = f"sqlite:///{tmp_path / 'b.db'}"
    assert fetch(sources, db).exit_code == 0
    store = Store(db)
    served = Served(store).__enter__()
    try:
        page.goto(served.url + "?entity=Barrio+18")
        wait_count(page, f"1 of {store.count_events()} events")
        click_first_point(page)
        link = page.locator("#detail a.archived-copy")
        link.wait_for(timeout=10000)
        assert link.inner_text().startswith("archived copy (fetched 20")
        assert link.get_attribute("rel") == "noopener noreferrer"
        href = link.get_attribute("href")
        assert href and href.startswith("/archive/")
        response = page.goto(served.url.rstrip("/") + href)
        assert (
            response is not None and response.headers["content-type"] == "text/plain; charset=utf-8"
        )
        text = page.inner_text("body")
        assert "<script>document.title = 'script ran'" in text  # shown, never run
        assert page.evaluate("() => window.__archivedScriptRan === undefined")
        assert page.title() != "script ran"
        assert "Today, the Department of State is designating Barrio 18" in text
        assert not page.js_errors
    finally:
        served.__exit__()
        store.close()


def test_a_watch_of_three_rounds_shows_new_events_in_the_open_dashboard(recorded, tmp_path, page):
    server, sources = recorded
    gates = gate_rounds(server)
    db = f"sqlite:///{tmp_path / 'w.db'}"
    store = Store(db)
    served = Served(store).__enter__()
    counts = []
    try:
        page.goto(served.url + "?type=designation&type=bounty")
        wait_count(page, "0 of 0 events")
        with watching(sources, db, "--every", "1s", "--rounds", "3", "state-releases") as proc:
            for round_no, name in enumerate(NEW_EACH_ROUND, start=1):
                wait_for(proc, f"round {round_no}:")
                page.reload()  # the same server process, never restarted
                shown = len(filter_events(store.load_events(), VIEW))
                wait_count(page, f"{shown} of {store.count_events()} events")
                page.wait_for_selector(f"#grid .ag-row:has-text('{name}')", timeout=15000)
                counts.append(shown)
                if round_no < 3:
                    gates[round_no].set()
            assert proc.wait(30) == 0
    finally:
        served.__exit__()
        store.close()
    assert counts[0] < counts[1] < counts[2]
