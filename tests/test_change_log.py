"""The change log: every change to event rows is recorded in its own transaction, in
commit order, so a reader that catches up from its revision never misses one."""

from __future__ import annotations

import os
import threading

import pytest
import sqlalchemy as sa

from ingest.pipeline import ingest_paths
from ingest.store import Store, changes, write
from ingest.store.tables import changes_table, events_table
from ingest.store.writer import apply_event_changes
from tests.conftest import CURATED

PG = os.environ.get("POLICY_TIMELINE_TEST_PG")


def open_store(backend: str, tmp_path) -> Store:  # type: ignore[no-untyped-def]
    if backend == "sqlite":
        return Store(f"sqlite:///{tmp_path / 'log.db'}")
    if not PG:
        pytest.skip("set POLICY_TIMELINE_TEST_PG to a PostgreSQL URL to run")
    store = Store(PG)
    with store.engine.begin() as conn:
        names = sa.inspect(conn).get_table_names()
        conn.execute(sa.text("TRUNCATE " + ", ".join(names) + " RESTART IDENTITY CASCADE"))
    return store


def logged(store: Store, since: int = 0) -> list[str]:
    with store.engine.connect() as conn:
        until = changes.revision(conn)[0]
        return [i for batch in changes.changed_since(conn, since, until) for i in batch]


def test_an_ingest_logs_every_event_it_wrote_and_a_failed_one_logs_nothing(store, fixtures, monkeypatch):  # fmt: skip
    ingest_paths([fixtures / "curated_small.csv"], store)
    with store.engine.connect() as conn:
        stored = set(conn.execute(sa.select(events_table.c.event_id)).scalars())
    assert set(logged(store)) == stored
    seq = store.revision()[0]

    def boom(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("disk full")

    with monkeypatch.context() as patch:  # the run's row is the last statement: it fails
        patch.setattr("ingest.store.writer.insert_run", boom)
        ingest_paths([CURATED], store)
    assert store.revision()[0] == seq and logged(store, seq) == []
    ingest_paths([CURATED], store)
    changed = set(logged(store, seq))
    with store.engine.connect() as conn:
        now = set(conn.execute(sa.select(events_table.c.event_id)).scalars())
    # New events, and the small file's events the curated rows merged with or replaced.
    assert now - stored <= changed and stored - now <= changed


def test_the_revision_moves_with_changes_and_with_runs_that_change_nothing(store, fixtures):
    before = store.revision()
    ingest_paths([fixtures / "curated_small.csv"], store)
    middle = store.revision()
    ingest_paths([fixtures / "curated_small.csv"], store)  # nothing new: only the run
    after = store.revision()
    assert middle[0] > before[0] and after[0] == middle[0] and after[1] > middle[1]


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_change_that_commits_late_is_never_skipped(tmp_path, backend):
    """A writer holding the lock has appended but not committed; another appends from a
    transaction of its own. The second waits for the first, so its number is larger and
    a reader that saw neither, or only the first, reads the second after."""
    store = open_store(backend, tmp_path)
    appended, release, second_done = threading.Event(), threading.Event(), threading.Event()

    def first(conn: sa.Connection) -> None:
        apply_event_changes(conn, [], [], ["ev_first"])
        appended.set()
        release.wait(30)

    def second() -> None:
        with store.engine.begin() as conn:  # not through connect.write: no lock taken first
            changes.record(conn, ["ev_second"])
        second_done.set()

    holder = threading.Thread(target=write, args=(store.engine, first))
    holder.start()
    assert appended.wait(30)
    other = threading.Thread(target=second)
    other.start()
    assert not second_done.wait(1.0)  # waits for the writer lock
    seen = store.revision()[0]
    assert seen == 0  # neither committed yet
    release.set()
    holder.join(30)
    other.join(30)
    assert second_done.is_set()
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(changes_table.c.seq, changes_table.c.event_id)
                            .order_by(changes_table.c.seq)).all()  # fmt: skip
    assert [r.event_id for r in rows] == ["ev_first", "ev_second"]
    assert logged(store, seen) == ["ev_first", "ev_second"]
    store.close()
