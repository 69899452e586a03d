"""The benchmarks' fresh store: a PostgreSQL database is emptied of every table's rows."""

import os

import pytest
import sqlalchemy as sa

from bench.report import fresh_url
from ingest.pipeline import ingest_paths
from ingest.store import Store
from ingest.store.tables import metadata
from tests.conftest import CURATED
from tests.review_helpers import fresh_store

PG = os.environ.get("POLICY_TIMELINE_TEST_PG")


def test_a_fresh_sqlite_store_is_a_new_file(tmp_path):
    assert fresh_url("sqlite", tmp_path / "run.db", None) == f"sqlite:///{tmp_path / 'run.db'}"


@pytest.mark.skipif(not PG, reason="set POLICY_TIMELINE_TEST_PG to run")
def test_a_fresh_postgresql_store_keeps_no_row_of_any_table():
    store = fresh_store("postgresql", None)
    ingest_paths([CURATED], store)  # events, sources, entities, the change log, a run
    store.close()
    assert fresh_url("postgresql", None, PG) == PG  # type: ignore[arg-type]
    store = Store(PG)
    try:
        with store.engine.connect() as conn:
            left = {t.name: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar()
                    for t in metadata.sorted_tables}  # fmt: skip
        assert set(left.values()) == {0}, left
    finally:
        store.close()
