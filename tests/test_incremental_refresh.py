"""A dashboard index brought up to date with only what changed answers every question as
an index read whole from the store does: new events, changed ones, merged and removed
ones, sources that join an event without changing its row. SQLite always; PostgreSQL
when POLICY_TIMELINE_TEST_PG names one."""

from __future__ import annotations

import json
import os
import random
from dataclasses import replace

import numpy as np
import pytest

from dashboard.data import EventCache, Snapshot, build_snapshot, refreshed
from dashboard.figures import level_of_detail
from dashboard.grid import GRID_COLUMNS
from dashboard.lanes import lanes_for
from ingest.query import EventFilter
from ingest.review import actions
from ingest.schema import Event, validate
from ingest.store import RunInfo, Store, utc_now

PG = os.environ.get("POLICY_TIMELINE_TEST_PG")
GROUPS = ["Tren de Aragua", "Sinaloa Cartel", "MS-13", "Cartel de los Soles", "Los Choneros",
          "Clan del Golfo", "Nicolas Maduro", "Nicolás Maduro", "Group Nine", "Group Ten"]  # fmt: skip
TYPES = ["designation", "bounty", "sanction", "military_action", "legal", "directive"]
FILTERS = [
    EventFilter(),
    EventFilter("2024-01-01", "2024-06-30"),
    EventFilter("2025-03", "2025-03"),
    EventFilter(types=("bounty", "sanction")),
    EventFilter(entities=("nicolas maduro",)),
    EventFilter(entities=("Tren de Aragua", "MS-13")),
    EventFilter(search="renamed"),
    EventFilter(search="wire 3"),
    EventFilter(search="second source"),
    EventFilter(min_confidence=0.8),
    EventFilter(corroborated=True),
    EventFilter(conflicts_only=True),
    EventFilter(sources=("Wire 2", "Federal Register")),
    EventFilter("2024-01-01", "2025-12-31", ("legal", "designation"), ("Sinaloa Cartel",)),
    EventFilter(review=("rejected",)),
    EventFilter(review=("confirmed", "edited")),
]


def open_store(backend: str, tmp_path) -> Store:  # type: ignore[no-untyped-def]
    if backend == "sqlite":
        return Store(f"sqlite:///{tmp_path / 'refresh.db'}")
    if not PG:
        pytest.skip("set POLICY_TIMELINE_TEST_PG to a PostgreSQL URL to run")
    import sqlalchemy as sa

    store = Store(PG)
    with store.engine.begin() as conn:
        names = sa.inspect(conn).get_table_names()
        conn.execute(sa.text("TRUNCATE " + ", ".join(names) + " RESTART IDENTITY CASCADE"))
    return store


def news(rng: random.Random, i: int) -> Event:
    day = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    if rng.random() < 0.1:
        day = day[:7]  # month precision: spans
    kind = rng.choice(TYPES)
    return Event(
        day, kind, f"{kind} report {i}", targets=tuple(rng.sample(GROUPS, rng.randint(1, 2))),
        actors=("United States",), amount=float(rng.choice([5, 15, 25]) * 1e6) if kind == "bounty" else None,
        evidence=f"Wire {i % 4} says event {i} happened.", source_title=f"Wire {i % 4}",
        source_url=f"https://news.example/{i}", confidence=rng.choice([0.6, 0.8, 0.9]),
        adapter="text", key=f"n{i}",
    )  # fmt: skip


def write(store: Store, events: list[Event], name: str) -> None:
    valid = [validate(e) for e in events]
    store.write_events(valid, RunInfo(name, "", "test", utc_now(), len(valid), 0))


def answers(snapshot: Snapshot) -> dict:
    """Everything a view can ask of an index, in event ids (row numbers differ)."""
    index = snapshot.index
    out: dict = {"len": len(index)}
    for flt in FILTERS:
        out[repr(flt)] = index.event_ids(index.select(flt))
    everything = snapshot.select(EventFilter())
    for column in GRID_COLUMNS:
        for descending in (False, True):
            rows = snapshot.select(EventFilter(), (column, descending))
            out[f"sort {column} {descending}"] = index.event_ids(rows)
    lanes = lanes_for(index, everything, "entity")
    out["lanes"] = (lanes.names, lanes.counts, lanes.of_row.tolist())
    out["entities"] = (index.entity_counts(), sorted(index.names.items()))
    out["sources"] = (index.source_titles(), index.per_source())
    out["newest"] = index.event_ids(index.newest(everything, 7))
    out["ids"] = sorted(i for i in index.event_ids(everything) if index.row_of(i) is not None)
    zoom = index.select(EventFilter("2024-05-01", "2024-08-31"))
    figure = level_of_detail(index, zoom, ("2024-05-01", "2024-08-31")).figure
    out["figure"] = json.dumps(figure, sort_keys=True, default=str)
    return out


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_an_index_caught_up_after_each_ingest_answers_as_one_read_whole(tmp_path, backend):
    store = open_store(backend, tmp_path)
    rng = random.Random(11)
    reports = [news(rng, i) for i in range(80)]
    write(store, reports, "first")
    snapshot = build_snapshot(store)
    assert len(snapshot) == store.count_events() > 70  # a few reports merge
    steps = {
        "new events": [news(rng, i) for i in range(80, 110)],
        # The same reports corrected: titles, amounts, confidence (an update of each).
        "changed rows": [
            replace(e, title=f"renamed {e.title}", confidence=0.95, event_id=e.with_id().event_id)
            for e in reports[:12]
        ],  # fmt: skip
        # The same event ids naming other entities: their old postings must go.
        "changed entities": [
            replace(e, targets=("Group Ten",), event_id=e.with_id().event_id)
            for e in reports[12:20]
        ],  # fmt: skip
        # Government records of the same acts: each news event joins a record's event and
        # takes its id, so the news event's id is removed.
        "merged away": [
            replace(
                e,
                adapter="federal_register",
                source_title="Federal Register",
                source_url=f"https://federalregister.gov/d/{i}",
                key="",
                title=f"Record {i}",
                evidence=f"Record {i} text.",
                confidence=1.0,
            )
            for i, e in enumerate(reports[20:30])
        ],  # fmt: skip
        # A second source of an event whose row stays the same: only search sees it.
        "sources only": [
            replace(
                e,
                source_url=e.source_url,
                evidence="A second source quote.",
                source_title=e.source_title,
            )
            for e in reports[40:44]
        ],  # fmt: skip
    }
    for step, events in steps.items():
        before = snapshot
        write(store, events, step)
        snapshot = refreshed(before, store)  # type: ignore[assignment]
        assert snapshot is not None and snapshot is not before, step
        whole = build_snapshot(store)
        assert snapshot.revision == whole.revision, step
        assert answers(snapshot) == answers(whole), step
    assert snapshot.index.dead > 0  # old versions were replaced, not rewritten in place
    store.close()


def test_a_changed_events_old_row_leaves_every_index(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 's.db'}")
    old = Event("2025-02-20", "designation", "Alpha designated as an FTO", targets=("Alpha Group",),
                evidence="Alpha was designated.", source_title="Old Wire",
                source_url="https://news.example/a", adapter="text", confidence=0.7)  # fmt: skip
    keep = Event("2025-02-21", "sanction", "Beta sanctioned", targets=("Beta Group",),
                 source_title="Other Wire", source_url="https://news.example/b", adapter="text",
                 confidence=0.6)  # fmt: skip
    write(store, [old, keep], "first")
    snapshot = build_snapshot(store)
    event_id = old.with_id().event_id
    new = replace(old, event_id=event_id, title="Gamma sanctioned instead", event_type="designation",
                  targets=("Gamma Group",), source_title="New Wire", confidence=0.9)  # fmt: skip
    write(store, [new], "second")
    fresh = refreshed(snapshot, store)
    assert fresh is not None
    index = fresh.index
    assert len(index) == 2 and index.dead == 1
    assert index.event_ids(index.select(EventFilter(search="alpha designated"))) == []
    assert index.event_ids(index.select(EventFilter(search="gamma"))) == [event_id]
    assert index.event_ids(index.select(EventFilter(entities=("Alpha Group",)))) == []
    assert "alpha group" not in index.names and index.entity_count("alpha group") == 0
    assert [n for n, _ in index.entity_counts()] == ["Beta Group", "Gamma Group"]
    assert index.source_titles() == ["New Wire", "Other Wire"]
    assert index.event_ids(index.select(EventFilter(min_confidence=0.8))) == [event_id]
    titles = index.frame(fresh.select(EventFilter(), ("title", False)))["title"].tolist()
    assert titles == ["Beta sanctioned", "Gamma sanctioned instead"]
    assert index.event(index.row_of(event_id))["title"] == "Gamma sanctioned instead"  # type: ignore[arg-type,index]
    # The first snapshot still answers from its own version.
    assert snapshot.index.event_ids(snapshot.index.select(EventFilter(search="alpha"))) == [
        event_id
    ]
    store.close()


def test_a_worker_shows_an_ingest_on_its_next_request(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 's.db'}")
    rng = random.Random(3)
    write(store, [news(rng, i) for i in range(50)], "first")
    cache = EventCache(store)
    first = cache.snapshot()
    write(store, [news(rng, i) for i in range(50, 60)], "second")
    second = cache.snapshot()  # no check interval: this very request sees the ingest
    assert len(second) == 60 and second.index.dead == 0
    assert second.revision == store.revision() != first.revision
    store.close()


def test_a_worker_hands_the_memory_of_the_version_it_replaced_back_after_catching_up(
    tmp_path, monkeypatch
):
    """glibc keeps freed pages unless asked: without a trim after each catch-up a worker
    grew by a few hundred MB per ingest at 1M events."""
    import threading

    import dashboard.data as data

    store = Store(f"sqlite:///{tmp_path / 's.db'}")
    rng = random.Random(4)
    write(store, [news(rng, i) for i in range(20)], "first")
    cache = EventCache(store)
    cache.snapshot()
    trimmed = threading.Event()
    monkeypatch.setattr(data, "release_memory", trimmed.set)
    write(store, [news(rng, i) for i in range(20, 25)], "second")
    assert len(cache.snapshot()) == store.count_events() > 20
    assert trimmed.wait(10)
    store.close()


def test_catching_up_reads_only_the_changed_events(tmp_path, monkeypatch):
    store = Store(f"sqlite:///{tmp_path / 's.db'}")
    rng = random.Random(5)
    write(store, [news(rng, i) for i in range(300)], "first")
    snapshot = build_snapshot(store)
    import dashboard.data as data

    read: list[int] = []
    real = data.rows_for

    def counting(conn, ids):  # type: ignore[no-untyped-def]
        ids = list(ids)
        read.append(len(ids))
        return real(conn, ids)

    monkeypatch.setattr(data, "rows_for", counting)
    monkeypatch.setattr(data, "all_rows", lambda conn: pytest.fail("read everything"))
    write(store, [news(rng, i) for i in range(300, 305)], "second")
    fresh = refreshed(snapshot, store)
    assert fresh is not None and len(fresh) == store.count_events()
    assert len(read) == 1 and 5 <= read[0] <= 15  # the new events and any they merged with
    store.close()


def test_the_index_keeps_slots_in_date_order_and_ids_findable_after_changes(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 's.db'}")
    rng = random.Random(8)
    reports = [news(rng, i) for i in range(120)]
    write(store, reports, "first")
    snapshot = build_snapshot(store)
    for round_no in range(3):
        write(store, [news(rng, 1000 + 10 * round_no + i) for i in range(10)]
              + [replace(e, title=f"round {round_no}", event_id=e.with_id().event_id)
                 for e in reports[round_no * 5 : round_no * 5 + 5]], f"round {round_no}")  # fmt: skip
        snapshot = refreshed(snapshot, store)  # type: ignore[assignment]
    state = snapshot.index.state
    keys = list(zip(state.cols.start[state.by_start].tolist(),
                    state.cols.ids[state.by_start].tolist(), strict=True))  # fmt: skip
    assert keys == sorted(keys) and len(set(keys)) == len(keys) == store.count_events()
    assert np.array_equal(state.start_sorted, state.cols.start[state.by_start])
    assert all(snapshot.row_of(i) == s for i, s in zip(
        snapshot.index.event_ids(state.by_start), state.by_start.tolist(), strict=True))  # fmt: skip
    store.close()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_an_analysts_edit_reaches_another_workers_view_by_catching_up(
    tmp_path, backend, monkeypatch
):
    """Two workers (two caches over two engines); one analyst's edits and decisions go
    through the review layer; the other worker's next request shows them without reading
    the whole store, as a worker reading it whole would."""
    store = open_store(backend, tmp_path)
    rng = random.Random(21)
    reports = [news(rng, i) for i in range(60)]
    write(store, reports, "first")
    editing, other = EventCache(store), EventCache(Store(store.url))
    before = other.snapshot()
    editing.snapshot()
    import dashboard.data as data

    monkeypatch.setattr(data, "all_rows", lambda conn: pytest.fail("read everything"))
    ids = before.index.event_ids(before.select(EventFilter()))
    edited, rejected, confirmed, merged_a, merged_b = ids[3], ids[10], ids[20], ids[30], ids[31]
    actions.edit_fields(
        store.engine, edited,
        {"title": "Corrected headline", "targets": "Group Eleven", "tags": "checked"}, {}, "alice",
    )  # fmt: skip
    actions.set_status(store.engine, rejected, "rejected", "alice", "not an event")
    actions.set_status(store.engine, confirmed, "confirmed", "bob")
    actions.merge(store.engine, merged_a, merged_b, "bob", "one act")
    editing.invalidate()

    after = other.snapshot()
    index = after.index
    assert after.revision == store.revision() != before.revision
    assert index.event_ids(index.select(EventFilter(search="corrected headline"))) == [edited]
    assert index.event_ids(index.select(EventFilter(entities=("Group Eleven",)))) == [edited]
    assert rejected not in index.event_ids(index.select(EventFilter()))
    assert index.event_ids(index.select(EventFilter(review=("rejected",)))) == [rejected]
    assert confirmed in index.event_ids(index.select(EventFilter(review=("confirmed",))))
    assert len(index) == len(before.index) - 1  # the merge made two events one
    assert index.event(index.row_of(edited))["tags"] == ["checked"]  # type: ignore[arg-type,index]
    monkeypatch.undo()
    assert answers(after) == answers(build_snapshot(store)) == answers(editing.snapshot())
    store.close()
