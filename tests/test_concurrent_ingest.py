"""Several ingests at once never lose or corrupt data, on SQLite and on PostgreSQL: the store
they leave is the store a sequential run leaves, and it is consistent."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from ingest.pipeline import ingest_paths
from ingest.store import Store
from tests.conftest import ROOT

BUNDLED = [ROOT / "data" / "curated", ROOT / "data" / "records", ROOT / "data" / "samples"]
PG_URL = os.environ.get("POLICY_TIMELINE_TEST_PG")
ROUNDS = 6


def snapshot(url: str) -> dict[str, object]:
    """What a store holds, independent of row ids and times, and its consistency."""
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        events = sorted(
            tuple(r)
            for r in conn.execute(
                sa.text(
                    "SELECT event_id, date, event_type, subtype, title, targets, amount, "
                    "source_count, conflict FROM events"
                )
            )
        )
        sources = sorted(
            tuple(r)
            for r in conn.execute(
                sa.text("SELECT event_id, report_id, source_key, source_date FROM event_sources")
            )
        )
        orphans = conn.execute(
            sa.text(
                "SELECT count(*) FROM event_sources s WHERE NOT EXISTS "
                "(SELECT 1 FROM events e WHERE e.event_id = s.event_id)"
            )
        ).scalar()
        empty = conn.execute(
            sa.text(
                "SELECT count(*) FROM events e WHERE NOT EXISTS "
                "(SELECT 1 FROM event_sources s WHERE s.event_id = e.event_id)"
            )
        ).scalar()
        miscounted = conn.execute(
            sa.text(
                "SELECT count(*) FROM events e WHERE e.source_count <> (SELECT count(DISTINCT "
                "s.source_key) FROM event_sources s WHERE s.event_id = e.event_id)"
            )
        ).scalar()
        failed = conn.execute(
            sa.text("SELECT count(*) FROM ingest_runs WHERE status = 'failed'")
        ).scalar()
    engine.dispose()
    return {
        "events": events,
        "sources": sources,
        "orphan_sources": orphans,
        "events_without_sources": empty,
        "wrong_source_counts": miscounted,
        "failed_runs": failed,
    }


def run_at_once(url: str, path_sets: list[list[Path]]) -> list[subprocess.CompletedProcess[str]]:
    """One `policy-timeline ingest` process per path set, all started before any ends."""
    env = {**os.environ, "POLICY_TIMELINE_DB": url}
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "ingest.cli", "ingest", "-q", *map(str, paths)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for paths in path_sets
    ]
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        results.append(subprocess.CompletedProcess(proc.args, proc.returncode, out, err))
    return results


def sequential(url: str, paths: list[Path]) -> dict[str, object]:
    store = Store(url)
    from ingest.watchlist import Watchlist

    ingest_paths(paths, store, watchlist=Watchlist.load())
    store.close()
    return snapshot(url)


@pytest.fixture
def fresh_urls(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator:
    """Makes empty databases of the requested kind (a new SQLite file, or a new PostgreSQL
    database on the test server), dropping the PostgreSQL ones afterwards."""
    made: list[str] = []

    def make(kind: str) -> str:
        name = f"pt_{uuid.uuid4().hex[:12]}"
        if kind == "sqlite":
            return f"sqlite:///{tmp_path / (name + '.db')}"
        admin = sa.create_engine(PG_URL, isolation_level="AUTOCOMMIT")  # type: ignore[arg-type]
        with admin.connect() as conn:
            conn.execute(sa.text(f"CREATE DATABASE {name}"))
        admin.dispose()
        made.append(name)
        return sa.engine.make_url(PG_URL).set(database=name).render_as_string(hide_password=False)

    yield make
    if made:
        admin = sa.create_engine(PG_URL, isolation_level="AUTOCOMMIT")  # type: ignore[arg-type]
        with admin.connect() as conn:
            for name in made:
                conn.execute(sa.text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()


KINDS = [
    "sqlite",
    pytest.param(
        "postgresql",
        marks=pytest.mark.skipif(not PG_URL, reason="set POLICY_TIMELINE_TEST_PG to run"),
    ),
]


@pytest.mark.parametrize("kind", KINDS)
def test_three_ingests_at_once_leave_the_store_a_sequential_run_leaves(kind, fresh_urls):
    expected = sequential(fresh_urls(kind), BUNDLED)
    assert expected["orphan_sources"] == expected["events_without_sources"] == 0
    for _ in range(ROUNDS):
        url = fresh_urls(kind)  # a new database each round: schema creation races too
        results = run_at_once(url, [[p] for p in BUNDLED])
        for result in results:
            assert result.returncode == 0, result.stderr
        assert snapshot(url) == expected


@pytest.mark.parametrize("kind", KINDS)
def test_the_same_folders_ingested_three_times_at_once_store_each_report_once(kind, fresh_urls):
    expected = sequential(fresh_urls(kind), BUNDLED)
    url = fresh_urls(kind)
    results = run_at_once(url, [BUNDLED, BUNDLED[::-1], BUNDLED[1:] + BUNDLED[:1]])
    for result in results:
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr and "[SQL:" not in result.stderr
    assert snapshot(url) == expected
