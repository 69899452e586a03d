import os

import pytest
import sqlalchemy as sa

from ingest.pipeline import ingest_paths
from ingest.store import Store, default_url
from tests.conftest import CURATED


def test_sqlite_store_uses_wal_and_a_busy_timeout(store: Store):
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


def test_a_new_file_another_connection_is_writing_is_switched_to_wal_once_it_commits(tmp_path):
    """Two processes opening one new store at once: SQLite refuses the WAL switch at once
    (no busy wait) while the other holds a lock on the file, so the connect waits itself."""
    import sqlite3
    import threading

    from ingest.store.connect import create_engine

    path = tmp_path / "new.db"
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("PRAGMA journal_mode=DELETE")  # not yet WAL, as a file being created
    other.execute("BEGIN IMMEDIATE")
    other.execute("CREATE TABLE made_by_the_other (a)")
    timer = threading.Timer(0.5, lambda: other.execute("COMMIT"))
    timer.start()
    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("SELECT count(*) FROM made_by_the_other").scalar() == 0
    finally:
        timer.join()
        engine.dispose()
        other.close()


def test_default_url_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("POLICY_TIMELINE_DB", "sqlite:////tmp/elsewhere.db")
    assert default_url() == "sqlite:////tmp/elsewhere.db"
    monkeypatch.delenv("POLICY_TIMELINE_DB")
    assert default_url().endswith(os.path.join("data", "timeline.db"))


def test_ingest_runs_record_file_hash_adapter_counts_and_times(store: Store):
    ingest_paths([CURATED], store)
    (run,) = store.runs()
    assert run["file"].endswith("us_counter_cartel.csv")
    assert len(run["sha256"]) == 64 and run["adapter"] == "csv"
    assert run["status"] == "ok" and run["n_new"] == run["n_read"] == 28
    assert run["started_at"] <= run["finished_at"]


def test_entities_are_indexed_one_row_per_actor_and_target(store: Store):
    ingest_paths([CURATED], store)
    with store.engine.connect() as conn:
        n = conn.execute(
            sa.text("SELECT count(*) FROM event_entities WHERE entity_folded = 'nicolas maduro'")
        ).scalar()
    assert n >= 5


def test_revision_changes_after_each_ingest(store: Store, fixtures):
    before = store.revision()
    ingest_paths([fixtures / "curated_small.csv"], store)
    middle = store.revision()
    ingest_paths([fixtures / "curated_small.csv"], store)
    assert before != middle != store.revision()


def test_a_failed_write_leaves_the_store_unchanged(store: Store, fixtures, monkeypatch):
    ingest_paths([fixtures / "curated_small.csv"], store)
    before = store.count_events()

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    # The last statement of the write transaction fails: everything before it rolls back.
    with monkeypatch.context() as patch:
        patch.setattr("ingest.store.writer.insert_run", boom)
        summary = ingest_paths([CURATED], store)
    assert summary.files[0].status == "failed" and "disk full" in summary.files[0].errors[0]
    assert store.count_events() == before


@pytest.mark.skipif(
    not os.environ.get("POLICY_TIMELINE_TEST_PG"),
    reason="set POLICY_TIMELINE_TEST_PG to a PostgreSQL URL to run",
)
def test_postgresql_store_runs_the_same_code():
    url = os.environ["POLICY_TIMELINE_TEST_PG"]
    store = Store(url)
    with store.engine.begin() as conn:
        for table in ("event_entities", "event_sources", "events", "ingest_runs"):
            conn.execute(sa.text(f"DELETE FROM {table}"))
    first = ingest_paths([CURATED], store)
    second = ingest_paths([CURATED], store)
    assert first.total("new") == 28 and second.total("unchanged") == 28
    assert store.count_events() == 28
    # Merging reports from several sources runs the same on PostgreSQL.
    from tests.test_merge import SOURCES

    ingest_paths(SOURCES, store)
    df = store.load_events()
    feb = df[(df["date"] == "2025-02-20") & (df["subtype"] == "fto")]
    assert len(feb) == 1 and feb.iloc[0]["source_count"] == 3
    again = ingest_paths(SOURCES, store)
    assert again.total("new") == 0 and again.total("updated") == 0


def test_a_served_dashboard_reads_with_a_small_page_cache_per_connection(tmp_path, monkeypatch):
    """An ingest keeps up to 64 MB of pages per connection; a dashboard worker has a
    connection per request thread and its index in memory: 8 MB each."""
    from dashboard.app import SERVING_CACHE_MB, create_app

    url = f"sqlite:///{tmp_path / 'served.db'}"
    with Store(url).engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA cache_size").scalar() == -64 * 1024
    monkeypatch.setenv("POLICY_TIMELINE_DB", url)
    app = create_app()
    store = app.server.config["EVENT_CACHE"].store
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA cache_size").scalar() == -SERVING_CACHE_MB * 1024
