"""The rest of the detail panel's actions, in a real headless Chromium: two events merged
into one, an event added by hand with its source and quote (shown as text), fields
corrected from the form (a new name among the targets, a note and tags) and one edit
undone from the history."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from ingest.review.tables import edits_table
from tests.browser.helpers import wait_count, wait_idle
from tests.browser.test_review_browser import FIFTY, HEADER, event_id_of, open_event
from tests.conftest import CURATED

pytestmark = pytest.mark.browser


def edits(store) -> list[dict]:
    with store.engine.connect() as conn:
        return [dict(r) for r in conn.execute(sa.select(edits_table).order_by(edits_table.c.id)).mappings()]  # fmt: skip


def choose(page, dropdown: str, option: str, typed: str = "") -> None:
    """Open a dropdown, type into its search box if asked, and pick an option."""
    page.click(dropdown)
    if typed:
        page.locator(".dash-dropdown-search:visible").fill(typed)
    page.locator(".dash-dropdown-option:visible", has_text=option).first.click()
    page.keyboard.press("Escape")


def test_two_events_are_merged_from_the_detail(serve, page, tmp_path: Path):
    two_days = tmp_path / "two_days.csv"
    two_days.write_text(
        HEADER + "\n"
        '2025-09-02,military_action,strike,"US strike on a vessel in the Caribbean",US military,Tren de Aragua,,,'
        '"The US military struck a vessel.",Wire A,https://news.example.org/a,2025-09-02,1.0\n'
        '2025-09-06,military_action,strike,"Vessel struck off Venezuela",US military,Tren de Aragua,,,'
        '"The strike reported on Tuesday.",Wire B,https://news.example.org/b,2025-09-06,1.0\n',
        encoding="utf-8",
    )  # fmt: skip
    served = serve(two_days)
    open_event(page, served.url, event_id_of(served.store, "in the Caribbean"))
    wait_count(page, "2 of 2 events")
    page.click("#split-merge summary")
    choose(page, "#merge-with", "Vessel struck off Venezuela")
    page.fill("#edit-reason", "one strike, reported late by Wire B")
    page.click("#merge-button")
    wait_count(page, "1 of 1 event")
    page.wait_for_selector("#review-message:has-text('into this event')", timeout=15000)
    assert page.inner_text("#detail h3:has-text('Sources')") == "Sources (2)"
    (event,) = served.store.load_events().to_dict("records")
    assert (event["review_status"], event["source_count"]) == ("edited", 2)
    # The one event takes its id from its most authoritative report; the panel follows it.
    assert event["event_id"] in page.inner_text("#detail")
    merges = [e for e in edits(served.store) if e["field"] == "merge"]
    assert len(merges) == 2 and {e["reason"] for e in merges} == {
        "one strike, reported late by Wire B"
    }
    assert not page.js_errors


def test_an_event_added_by_hand_shows_with_its_source_and_its_quote_as_text(serve, page):
    served = serve(CURATED)
    total = served.store.count_events()
    page.goto(served.url)
    wait_count(page, f"{total} of {total} events")
    page.click("#add-event summary")
    page.fill("#add-date", "2025-03-15")
    choose(page, "#add-type", "Legal / court")
    title = "Judge Boasberg orders a halt to deportations under the Alien Enemies Act"
    page.fill("#add-title", title)
    page.fill("#add-targets", "Tren de Aragua")
    page.fill("#add-actors", "James Boasberg")
    page.fill("#add-url", "https://news.example.org/boasberg-order")
    page.fill("#add-source-title", "Court order, reported")
    quote = "Chief Judge <b>Boasberg</b> ordered the deportation flights halted."
    page.fill("#add-quote", quote)
    page.click("#add-button")
    page.wait_for_selector("#add-message:has-text('Added event ev_')", timeout=15000)
    wait_count(page, f"{total + 1} of {total + 1} events")
    page.wait_for_selector(f"#detail h2:has-text('{title}')", timeout=15000)
    assert quote in page.inner_text("#detail .sources")  # the tag is shown, not applied
    assert page.locator("#detail .sources b").count() == 0
    assert "added by hand" in page.inner_text("#history")
    event = served.store.load_events().set_index("title").loc[title]
    assert (event["date"], event["event_type"], event["review_status"]) == ("2025-03-15", "legal", "confirmed")  # fmt: skip
    assert list(event["targets"]) == ["Tren de Aragua"]
    ((field, editor),) = [(e["field"], e["editor"]) for e in edits(served.store)]
    assert (field, editor) == ("add", "local")
    assert not page.js_errors


def test_fields_corrected_from_the_form_and_one_edit_undone_from_the_history(serve, page):
    served = serve(CURATED)
    event_id = event_id_of(served.store, FIFTY)
    open_event(page, served.url, event_id)
    page.click("#edit-details summary")
    choose(page, "#edit-type", "Sanction")
    choose(page, "#edit-targets", "New name: Maduro government", typed="Maduro government")
    page.fill("#edit-note", "The notice names the reward; <i>check</i> the amount")
    page.fill("#edit-tags", "rewards; maduro")
    page.click("#edit-save")
    page.wait_for_selector("#review-message:has-text('Saved: type, targets, note, tags.')", timeout=15000)  # fmt: skip
    event = served.store.load_events().set_index("event_id").loc[event_id]
    assert event["event_type"] == "sanction" and event["review_status"] == "edited"
    assert list(event["targets"]) == ["Nicolas Maduro", "Maduro government"]
    assert (event["note"], list(event["tags"])) == (
        "The notice names the reward; <i>check</i> the amount", ["rewards", "maduro"],
    )  # fmt: skip
    assert "<i>check</i>" in page.inner_text("#detail")  # the note is text
    # Undo the type from the history: it follows its sources again; the rest stays.
    page.locator("#history li", has_text="type").locator("button", has_text="Undo").click()
    page.wait_for_selector("#review-message:has-text('Undone: type.')", timeout=15000)
    wait_idle(page)
    event = served.store.load_events().set_index("event_id").loc[event_id]
    assert event["event_type"] == "bounty" and list(event["tags"]) == ["rewards", "maduro"]
    fields = [(e["field"], e["new_value"] is None) for e in edits(served.store)]
    assert fields == [("event_type", False), ("targets", False), ("note", False),
                      ("tags", False), ("event_type", True)]  # fmt: skip
    assert not page.js_errors
