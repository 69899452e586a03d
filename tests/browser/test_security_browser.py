"""In the browser: only the app's scripts run (no CSP violation), names from sources are
text even in chart labels, and the search box keeps every letter typed under load."""

import threading
from pathlib import Path

import pytest

from bench.dash_client import DashClient, view_values
from ingest.query import EventFilter
from tests.browser.conftest import csp_violations
from tests.browser.helpers import click_first_point, expected_events, wait_count, wait_idle
from tests.conftest import CURATED

pytestmark = pytest.mark.browser

HEADER = "date,event_type,subtype,title,actors,targets,amount,currency,evidence,source_title,source_url,source_published"


def test_the_main_page_runs_no_script_the_policy_does_not_allow(serve, page):
    served = serve(CURATED)
    total = served.store.count_events()
    page.goto(served.url)
    wait_count(page, f"{total} of {total} events")
    page.fill("#filter-search", "reward")
    # The search is sent once typing pauses: wait for its view, or a point clicked before
    # it would be dropped from the selection when the view changes under it.
    matches = len(expected_events(served.store, EventFilter(search="reward")))
    wait_count(page, f"{matches} of {total} events")
    wait_idle(page)
    click_first_point(page)
    page.wait_for_selector("#detail h2", timeout=10000)
    with page.expect_download() as info:
        page.click("#save-svg")
    assert info.value.suggested_filename == "timeline.svg"
    assert Path(info.value.path()).read_text(encoding="utf-8").lstrip().startswith("<svg")
    assert csp_violations(page) == [] and not page.js_errors


def test_an_entity_named_like_a_link_is_drawn_as_text(serve, page, tmp_path):
    evil = '<a href="//e.x/y">Evil</a>'
    csv_file = tmp_path / "evil.csv"
    csv_file.write_text(
        HEADER + "\n" + f'2025-08-07,sanction,ofac,"Sanctions on a group",Treasury,"{evil.replace(chr(34), chr(34) * 2)}",,,'
        '"A quote",Source,https://example.org/a,2025-08-07\n', encoding="utf-8",
    )  # fmt: skip
    served = serve(csv_file)
    page.goto(served.url + "?lanes=entity")
    wait_count(page, "1 of 1 event")
    page.wait_for_selector("#timeline .ytick text", timeout=15000)
    labels = page.evaluate(
        "() => Array.from(document.querySelectorAll('#timeline .ytick text')).map(t => t.textContent)"
    )
    assert evil in labels  # the characters themselves, shown
    assert page.locator("#timeline a").count() == 0  # and no link made of them


def test_typing_fast_under_load_keeps_every_letter_in_order(serve, page):
    served = serve(CURATED, synthetic=20_000)
    total = served.store.count_events()
    page.goto(served.url)
    wait_count(page, f"{total:,} of {total:,} events")
    wait_idle(page)
    stop = threading.Event()

    def load() -> None:  # other analysts filtering at the same time
        client = DashClient(served.url)
        i = 0
        while not stop.is_set() and i < 400:
            client.callback("timeline.figure", view_values(types=[["sanction"], ["bounty"]][i % 2]),
                            ["filter-types.value"])  # fmt: skip
            i += 1

    users = [threading.Thread(target=load) for _ in range(3)]
    for u in users:
        u.start()
    try:
        page.click("#filter-search")
        page.keyboard.type("strike", delay=40)  # about 25 keys a second
        page.keyboard.press("End")
        page.keyboard.type(" on", delay=40)
        n = len(expected_events(served.store, EventFilter(search="strike on")))
        wait_count(page, f"{n:,} of {total:,} events", timeout=30000)
        page.wait_for_function("() => location.search === '?q=strike+on'")
        assert page.input_value("#filter-search") == "strike on"
    finally:
        stop.set()
        for u in users:
            u.join()
