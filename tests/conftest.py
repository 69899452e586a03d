"""Shared fixtures: temporary stores, paths, and (for browser tests) a served app."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ingest.store import Store

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CURATED = ROOT / "data" / "curated" / "us_counter_cartel.csv"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'test.db'}"


@pytest.fixture
def store(db_url: str):
    s = Store(db_url)
    yield s
    s.close()


@pytest.fixture(autouse=True)
def _no_default_db(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # A test must never write the developer's data/timeline.db (or editors file) by accident.
    monkeypatch.setenv("POLICY_TIMELINE_DB", f"sqlite:///{tmp_path / 'default.db'}")
    monkeypatch.setenv("POLICY_TIMELINE_USERS", str(tmp_path / "editors.txt"))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not os.path.exists("/usr/bin/chromium"):
        skip = pytest.mark.skip(reason="needs /usr/bin/chromium (apt-get install chromium)")
        for item in items:
            if "browser" in item.keywords:
                item.add_marker(skip)


@pytest.fixture(
    params=[
        "sqlite",
        pytest.param(
            "postgresql",
            marks=pytest.mark.skipif(
                not os.environ.get("POLICY_TIMELINE_TEST_PG"),
                reason="set POLICY_TIMELINE_TEST_PG to run",
            ),
        ),
    ]
)
def rstore(request, tmp_path):
    """A new store for the review tests, on SQLite and, when configured, PostgreSQL."""
    from tests.review_helpers import fresh_store

    store = fresh_store(request.param, tmp_path)
    yield store
    store.close()
