"""The snapshot cache: one index version per request, new ingests swapped in whole."""

import threading

import pytest

from dashboard.data import EventCache, Snapshot
from dashboard.entities import resolve_entity, reward_end
from dashboard.grid import GRID_BLOCK, GRID_COLUMNS, clamp_block, sort_keys, sorted_rows
from ingest.pipeline import ingest_paths
from ingest.query import EventFilter, EventIndex
from ingest.schema import Event
from ingest.store import Store
from tests.conftest import CURATED, FIXTURES
from tests.test_query import frame


def test_a_request_keeps_its_snapshot_while_a_new_one_is_built(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 's.db'}")
    ingest_paths([FIXTURES / "curated_small.csv"], store)
    cache = EventCache(store, check_every=0, wait_seconds=30)
    first = cache.snapshot()
    rows = first.select(EventFilter())
    ids = set(first.index.event_ids(rows))
    ingest_paths([CURATED], store)
    second = cache.snapshot()  # caught up within the wait
    assert len(second) > len(first) and second is not first
    # The first request's rows still index its own snapshot; the fields it shows are the
    # store's latest, and an event merged away since is left out rather than mixed in.
    assert len(first) == len(rows) == len(first.select(EventFilter()))
    shown = first.index.frame(rows)
    assert set(shown["event_id"]) <= ids and len(shown) >= len(rows) - 1
    assert cache.snapshot() is second  # nothing new: the same snapshot
    store.close()


def test_requests_are_answered_from_the_old_snapshot_while_a_slow_build_runs(tmp_path, monkeypatch):
    store = Store(f"sqlite:///{tmp_path / 's.db'}")
    ingest_paths([FIXTURES / "curated_small.csv"], store)
    cache = EventCache(store, check_every=0, wait_seconds=0.05)
    old = cache.snapshot()
    release = threading.Event()
    import dashboard.data as data

    real = data.refreshed

    def slow(snapshot, s):  # type: ignore[no-untyped-def]
        release.wait(30)
        return real(snapshot, s)

    monkeypatch.setattr(data, "refreshed", slow)
    ingest_paths([CURATED], store)
    assert cache.snapshot() is old  # not stalled by the catching up
    release.set()
    for _ in range(600):
        if cache.snapshot() is not old:
            break
        threading.Event().wait(0.05)
    assert len(cache.snapshot()) > len(old)
    store.close()


def test_a_snapshot_is_warm_before_it_is_used():
    index = EventIndex(frame(Event("2025-01-01", "legal", "A"), Event("2025-01-02", "bounty", "B")))
    snapshot = Snapshot(index)
    snapshot.warm()
    assert set(snapshot._keys) == set(GRID_COLUMNS)  # the first sort computes nothing
    assert snapshot._entity_counts is not None and snapshot._sources is not None
    second = index.event_ids(index.select(EventFilter()))[1]
    assert snapshot.row_of(second) == 1 and snapshot.row_of("nope") is None


def test_sorting_keys_follow_the_shown_text():
    df = frame(
        Event("2025-01-03", "sanction", "b title", amount=None),
        Event("2025-01-01", "bounty", "A title", amount=5e7),
        Event("2025-01-02", "designation", "c title", amount=1.5e7),
    )
    index = EventIndex(df)
    rows = index.select(EventFilter())

    def column(name: str, descending: bool) -> list:
        ordered = sorted_rows(rows, sort_keys(index, name), descending)
        return index.frame(ordered)[name].tolist()

    # Designation, Reward / bounty, Sanction
    assert column("event_type", False) == ["designation", "bounty", "sanction"]
    assert column("title", True) == ["c title", "b title", "A title"]
    amounts = column("amount", False)
    assert amounts[0] != amounts[0] and amounts[1:] == [1.5e7, 5e7]  # none (NaN) first
    with pytest.raises(ValueError, match="cannot sort by 'evidence'"):
        sort_keys(index, "evidence")


def test_grid_blocks_are_clamped():
    assert clamp_block(0, 10**9) == (0, GRID_BLOCK)
    assert clamp_block(-50, 20) == (0, 20)
    assert clamp_block("x", None) == (0, GRID_BLOCK)
    assert clamp_block(10**12, 10**12 + 5) == (10**9, 10**9)


def test_entities_resolve_by_alias_and_unknown_names_get_suggestions():
    df = frame(
        Event("2025-08-07", "bounty", "R", targets=("Nicolas Maduro",), amount=5e7),
        Event("2025-02-20", "designation", "D", targets=("Tren de Aragua",)),
    )
    index = EventIndex(df)
    assert resolve_entity("Maduro", index).name == "Nicolas Maduro"
    assert resolve_entity("nicolás maduro", index).name == "Nicolas Maduro"
    unknown = resolve_entity("Nicolas Madero", index)
    assert unknown.name is None and unknown.suggestions == ["Nicolas Maduro"]
    assert resolve_entity("", index).name is None


def test_a_reward_ends_at_the_capture_or_runs_to_today():
    from datetime import date

    rewards = [Event("2020-03-26", "bounty", "15M", targets=("X",), amount=15e6),
               Event("2025-08-07", "bounty", "50M", targets=("X",), amount=5e7)]  # fmt: skip
    capture = Event("2026-01-03", "military_action", "Captured", subtype="capture", targets=("X",))
    assert reward_end(frame(*rewards, capture)) == ("2026-01-03", "Captured")
    assert reward_end(frame(*rewards), today=date(2026, 11, 1)) == ("2026-11-01", "")
    assert reward_end(frame(capture)) == ("", "")
