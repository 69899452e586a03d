"""Exports carry the corrected values and the review columns at the end of the contract;
reading an export back turns no edit into a source report; rejected events stay out of
exports unless asked for; the review queue holds what needs a person in its order; a store
from before the review layer is upgraded in place. SQLite and PostgreSQL."""

from __future__ import annotations

import csv
from pathlib import Path

import sqlalchemy as sa
from click.testing import CliRunner

from ingest.cli import main
from ingest.export import write_csv
from ingest.pipeline import ingest_paths
from ingest.query import EventFilter, filter_events
from ingest.review import actions
from ingest.review.queue import review_queue
from ingest.review.tables import edits_table
from ingest.schema import COLUMNS, REVIEW_STATUSES
from ingest.store import Store
from ingest.store.tables import sources_table
from tests.conftest import CURATED
from tests.review_helpers import count, events, ingest, report

T0, T1, T2 = "2001-01-01T00:00:00Z", "2001-01-02T00:00:00Z", "2001-01-03T00:00:00Z"


def export_rows(store: Store, *args: str) -> tuple[list[str], list[dict[str, str]]]:
    result = CliRunner().invoke(main, ["export", "--out", "-", *args, "--db", store.url])
    assert result.exit_code == 0, result.output
    reader = csv.DictReader(result.output.splitlines())
    rows = list(reader)
    return list(reader.fieldnames or []), rows


def by_title(store: Store, words: str) -> dict:
    (event,) = [e for e in events(store) if words in e["title"]]
    return event


def test_the_review_columns_end_the_contract():
    assert COLUMNS[-4:] == ("conflict", "review_status", "note", "tags")


def test_exports_leave_rejected_events_out_unless_asked_and_carry_corrections(rstore):
    ingest_paths([CURATED], rstore)
    rejected = by_title(rstore, "$25 million on the day of his third inauguration")
    confirmed = by_title(rstore, "Diosdado Cabello to $25 million")
    edited = by_title(rstore, "up to $15 million for information leading to Maduro")
    actions.set_status(rstore.engine, rejected["event_id"], "rejected", "alice", "test")
    actions.set_status(rstore.engine, confirmed["event_id"], "confirmed", "alice")
    actions.edit_fields(
        rstore.engine, edited["event_id"],
        {"date": "2020-03-27", "note": "Posted the day after", "tags": "rewards; maduro"}, {}, "bob",
    )  # fmt: skip
    header, rows = export_rows(rstore)
    assert header == list(COLUMNS) and len(rows) == 27
    assert rejected["event_id"] not in {r["event_id"] for r in rows}
    row = next(r for r in rows if r["event_id"] == edited["event_id"])
    assert (row["date"], row["review_status"], row["note"], row["tags"]) == (
        "2020-03-27", "edited", "Posted the day after", "rewards; maduro",
    )  # fmt: skip
    _, everything = export_rows(rstore, "--include-rejected")
    assert len(everything) == 28
    _, reviewed = export_rows(rstore, "--reviewed-only")
    assert {r["event_id"] for r in reviewed} == {confirmed["event_id"], edited["event_id"]}
    _, both = export_rows(rstore, "--reviewed-only", "--include-rejected")
    assert {r["review_status"] for r in both} == {"confirmed", "edited", "rejected"}
    df = rstore.load_events()
    assert list(filter_events(df, EventFilter(review=("rejected",)))["event_id"]) == [rejected["event_id"]]  # fmt: skip


def test_reingesting_an_export_turns_no_edit_into_a_source_report(rstore, tmp_path: Path):
    ingest_paths([CURATED], rstore)
    edited = by_title(rstore, "up to $15 million for information leading to Maduro")
    actions.edit_fields(
        rstore.engine, edited["event_id"],
        {"date": "2020-03-27", "title": "State offers $15M for Maduro", "amount": 1.6e7,
         "tags": "rewards"}, {}, "bob",
    )  # fmt: skip
    rejected = by_title(rstore, "Diosdado Cabello to $25 million")
    actions.set_status(rstore.engine, rejected["event_id"], "rejected", "alice")
    out = tmp_path / "export.csv"
    with out.open("w", encoding="utf-8", newline="") as fh:
        write_csv(filter_events(rstore.load_events(), EventFilter(review=REVIEW_STATUSES)), fh)

    def state() -> tuple:
        rows = [{k: v for k, v in e.items() if k != "updated_at"} for e in events(rstore)]
        return rows, count(rstore, sources_table), count(rstore, edits_table)

    before = state()
    summary = ingest_paths([out], rstore)
    assert (summary.total("new"), summary.total("updated")) == (0, 0)
    assert state() == before
    # An export made before a later correction is not a source's word either.
    actions.edit_fields(rstore.engine, edited["event_id"], {"title": "A later title"}, {}, "carol")
    later = state()
    summary = ingest_paths([out], rstore)
    assert (summary.total("new"), summary.total("updated")) == (0, 0)
    assert state() == later and by_title(rstore, "A later title")["date"] == "2020-03-27"
    with rstore.engine.connect() as conn:
        said = conn.execute(
            sa.select(sources_table.c.source_date, sources_table.c.title).where(
                sources_table.c.event_id == edited["event_id"]
            )
        ).all()
    assert said == [("2020-03-26", edited["title"])]  # the source still says what it said


def test_the_review_queue_holds_what_needs_a_person_newest_first_then_least_certain(
    rstore, monkeypatch
):
    with monkeypatch.context() as m:
        m.setattr("ingest.store.writer.utc_now", lambda: T0)
        ingest(rstore, report("2025-01-05", "Old unsure", "Wire A", confidence=0.6),
               report("2025-02-05", "Old single news", "Wire A", confidence=0.9))  # fmt: skip
    with monkeypatch.context() as m:
        m.setattr("ingest.store.writer.utc_now", lambda: T1)
        ingest(rstore, report("2025-03-05", "New fairly sure", "Wire B", confidence=0.7),
               report("2025-04-05", "New unsure", "Wire B", confidence=0.6),
               report("2025-05-05", "Curated and sure", "Analysts", adapter="csv", confidence=1.0))  # fmt: skip
    rows, total = review_queue(rstore.engine)
    assert [r["title"] for r in rows] == ["New unsure", "New fairly sure", "Old unsure", "Old single news"]  # fmt: skip
    assert total == 4 and rows[0]["review_reasons"] == "low confidence; single news source"
    assert rows[3]["review_reasons"] == "single news source"
    assert [r["title"] for r in review_queue(rstore.engine, offset=1, limit=2)[0]] == [
        "New fairly sure", "Old unsure",
    ]  # fmt: skip
    with monkeypatch.context() as m:
        m.setattr("ingest.review.actions.utc_now", lambda: T2)
        confirmed = actions.set_status(rstore.engine, rows[0]["event_id"], "confirmed", "alice")
    assert "New unsure" not in [r["title"] for r in review_queue(rstore.engine)[0]]
    # A source arriving after the review brings the event back, first, saying why.
    ingest(rstore, report("2025-04-05", "New unsure, now reported again", "Wire C"))
    rows, total = review_queue(rstore.engine)
    assert rows[0]["event_id"] == confirmed.event_id and total == 4
    assert (rows[0]["review_status"], rows[0]["review_reasons"]) == (
        "confirmed",
        "new source since review",
    )


def test_a_store_from_before_the_review_layer_is_upgraded_in_place(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    store = Store(url)
    ingest(store, report("2025-01-05", "Unsure", "Wire A", confidence=0.6),
           report("2025-03-06", "Curated", "Analysts", adapter="csv", confidence=1.0))  # fmt: skip
    store.close()
    engine = sa.create_engine(url)
    with engine.begin() as conn:  # what a store made before the review layer looks like
        conn.exec_driver_sql("DROP INDEX ix_events_queue")
        for column in ("review_status", "note", "tags", "reviewed_at", "last_source_at",
                       "review_reasons", "in_queue"):  # fmt: skip
            conn.exec_driver_sql(f"ALTER TABLE events DROP COLUMN {column}")
        for table in ("review_edits", "review_links", "review_signin_failures"):
            conn.exec_driver_sql(f"DROP TABLE {table}")
    engine.dispose()
    store = Store(url)
    rows = {e["title"]: e for e in events(store)}
    assert {e["review_status"] for e in rows.values()} == {"unreviewed"}
    assert (rows["Unsure"]["in_queue"], rows["Curated"]["in_queue"]) == (1, 0)
    assert rows["Unsure"]["review_reasons"] == "low confidence; single news source"
    assert review_queue(store.engine)[1] == 1
    store.close()
