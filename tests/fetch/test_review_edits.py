"""Analysts' corrections survive the tracker: a later fetch round, and a reprocess that
re-reads the archive with a better extractor and so brings the edited event a new source
(its re-merge applies the edits again), never undo them."""

from __future__ import annotations

import json

from ingest.review import actions
from ingest.review.tables import edits_table
from ingest.store.tables import events_table
from tests.fetch.conftest import RSS
from tests.fetch.helpers import count, fetch, rows, run
from tests.fetch.server import fixture

STATE_FEED = "/rss-feed/press-releases/feed/"
TITLE = "FTO designations of Tren de Aragua and seven other cartels and gangs"


def event(store, words: str) -> dict:
    (found,) = [r for r in rows(store, events_table) if words in r["title"]]
    return found


def test_edits_and_a_rejection_survive_a_later_round_and_a_reprocess_that_adds_a_source(
    server, sources_file, tracker_db, tracker_store, monkeypatch
):
    import ingest.fetch.storing as storing

    real = storing.read_events

    def older_extractor(path, adapter, **options):  # type: ignore[no-untyped-def]
        """As if the extractor of the day read no event in web pages."""
        events, errors, notices = real(path, adapter, **options)
        return ([] if adapter.NAME == "html" else events), errors, notices

    monkeypatch.setattr(storing, "read_events", older_extractor)
    assert fetch(sources_file, tracker_db).exit_code == 0
    designation = event(tracker_store, "Tren de Aragua")
    actions.edit_fields(
        tracker_store.engine, designation["event_id"],
        {"title": TITLE, "tags": "cartels; fto"}, {}, "alice", "a title that says what happened",
    )  # fmt: skip
    hezbollah = event(tracker_store, "Hezbollah")
    actions.set_status(tracker_store.engine, hezbollah["event_id"], "rejected", "alice")
    edits = count(tracker_store, edits_table)

    def corrected() -> tuple:
        mine = event(tracker_store, TITLE)
        (gone,) = [r for r in rows(tracker_store, events_table) if "Hezbollah" in r["title"]]
        return (mine["event_id"], mine["date"], json.loads(mine["tags"]), mine["review_status"],
                gone["event_id"], gone["review_status"])  # fmt: skip

    before = corrected()
    assert before == (designation["event_id"], "2025-02-20", ["cartels", "fto"], "edited",
                      hezbollah["event_id"], "rejected")  # fmt: skip
    monkeypatch.setattr(storing, "read_events", real)  # the extractor improved
    server.route(STATE_FEED, fixture("state_press_releases_v2.xml", server.base, RSS))
    result = fetch(sources_file, tracker_db)
    assert result.exit_code == 0 and "1 new entry" in result.output
    assert any("Los Choneros" in r["title"] for r in rows(tracker_store, events_table))
    assert corrected() == before
    sources = event(tracker_store, TITLE)["source_count"]
    result = run("reprocess", "--sources", str(sources_file), "--db", tracker_db)
    assert result.exit_code == 0, result.output
    # The State Department's release, read now, is one more source of the edited event.
    assert event(tracker_store, TITLE)["source_count"] == sources + 1
    assert corrected() == before
    assert count(tracker_store, edits_table) == edits  # nothing recorded on the analysts' behalf
