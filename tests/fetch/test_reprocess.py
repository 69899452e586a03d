"""`policy-timeline reprocess` re-reads the archive without fetching again."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ingest.fetch.tables import archive_table
from ingest.store.tables import events_table
from tests.fetch.helpers import counts, fetch, rows, run


def test_reprocessing_an_unchanged_archive_changes_nothing_and_fetches_nothing(
    server, sources_file, tracker_db, tracker_store
):
    fetch(sources_file, tracker_db)
    before = counts(tracker_store)
    server.log.clear()
    result = run("reprocess", "--sources", str(sources_file), "--db", tracker_db)
    assert result.exit_code == 0, result.output
    bodies = len({r["sha256"] for r in rows(tracker_store, archive_table) if r["adapter"]})
    assert f"{bodies} archived bodies re-read; events: 0 new, 0 updated" in result.output
    assert server.log == [] and counts(tracker_store) == before


def test_reprocessing_reads_the_stored_bytes_with_the_current_extractor(
    server, sources_file, tracker_db, tracker_store, monkeypatch
):
    import ingest.fetch.storing as storing

    real = storing.read_events

    def older_extractor(path, adapter, **options):  # type: ignore[no-untyped-def]
        """As if the extractor of the day read no event in web pages."""
        events, errors, notices = real(path, adapter, **options)
        return ([] if adapter.NAME == "html" else events), errors, notices

    monkeypatch.setattr(storing, "read_events", older_extractor)
    fetch(sources_file, tracker_db)
    assert not any("Barrio 18" in r["title"] for r in rows(tracker_store, events_table))
    monkeypatch.setattr(storing, "read_events", real)  # the extractor improved
    server.stop()  # no network from here on
    result = run("reprocess", "state-releases", "--sources", str(sources_file), "--db", tracker_db)
    assert result.exit_code == 0, result.output
    assert "2 archived bodies re-read; events: 1 new, 1 updated" in result.output
    barrio = [r for r in rows(tracker_store, events_table) if "Barrio 18" in r["title"]]
    assert [r["date"] for r in barrio] == ["2025-09-23"]


def test_a_damaged_archived_body_is_reported_and_the_others_re_read(
    server, sources_file, tracker_db, tracker_store
):
    fetch(sources_file, tracker_db)
    damaged = next(r for r in rows(tracker_store, archive_table) if r["adapter"] == "fto_list")
    Path(damaged["path"]).write_bytes(b"tampered")
    result = run("reprocess", "--sources", str(sources_file), "--db", tracker_db)
    assert result.exit_code == 1
    assert "no longer match sha256" in result.output
    assert "archived bodies re-read" in result.output


def test_reprocessing_in_worker_processes_stores_what_one_process_stores(
    server, sources_file, tracker_db, tracker_store, tmp_path
):
    from ingest.fetch.reprocess import reprocess
    from ingest.store import Store

    fetch(sources_file, tracker_db)
    copies = []
    for workers in (1, 2):
        db = tmp_path / f"copy{workers}.db"
        source = sqlite3.connect(tmp_path / "tracker.db", isolation_level=None)
        source.execute(f"VACUUM INTO '{db}'")  # a consistent copy, the WAL's pages included
        source.close()
        store = Store(f"sqlite:///{db}")
        summary = reprocess(store, workers=workers)  # no watchlist: more to store
        copies.append((summary.line(), {r["event_id"] for r in rows(store, events_table)}))
        store.close()
    assert copies[0] == copies[1]
    assert copies[0][0].startswith("6 archived bodies re-read; events: 0 new")
