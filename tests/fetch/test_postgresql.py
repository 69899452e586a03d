"""The tracker on PostgreSQL: the same code, the same cases."""

from __future__ import annotations

import os

import pytest
import sqlalchemy as sa

from ingest.store import Store
from tests.fetch.helpers import counts, fetch, log

PG = os.environ.get("POLICY_TIMELINE_TEST_PG")
TABLES = (
    "fetch_log", "fetch_rounds", "fetch_items", "fetch_sources", "fetch_http", "fetch_archive",
    "event_entities", "event_sources", "events", "ingest_runs",
)  # fmt: skip


@pytest.mark.skipif(not PG, reason="set POLICY_TIMELINE_TEST_PG to a PostgreSQL URL to run")
def test_a_round_then_a_conditional_round_on_postgresql(server, sources_file):
    assert PG
    store = Store(PG)
    with store.engine.begin() as conn:
        for table in TABLES:
            conn.execute(sa.text(f"DELETE FROM {table}"))
    try:
        assert fetch(sources_file, PG).exit_code == 0
        before = counts(store)
        assert before["events"] > 0 and before["archive"] > 0
        result = fetch(sources_file, PG)
        assert result.exit_code == 0 and "0 new event(s)" in result.output
        assert counts(store) == before
        assert {r["outcome"] for r in log(store) if r["round_id"] == max(
            x["round_id"] for x in log(store))} == {"not_modified"}  # fmt: skip
    finally:
        store.close()
