"""/healthz: 200 once the store answers and the worker's index is built; 503 with the
reason while the first read runs or when the store does not answer. And the request log
it shares the app with: one structured line per request."""

from __future__ import annotations

import io
import json
import sqlite3

import pytest

from dashboard.app import create_app
from dashboard.data import EventCache
from dashboard.health import health
from ingest import logs
from ingest.pipeline import ingest_paths
from ingest.store import Store
from tests.conftest import CURATED, FIXTURES


@pytest.fixture
def store(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'h.db'}")
    ingest_paths([CURATED], store)
    yield store
    store.close()


def test_healthz_is_ok_with_the_workers_index_at_the_stores_revision(store):
    app = create_app(store)
    cache = app.server.config["EVENT_CACHE"]
    cache.snapshot()  # the first read, done
    answer = app.server.test_client().get("/healthz")
    body = answer.get_json()
    assert answer.status_code == 200 and body["status"] == "ok"
    assert body["events"] == store.count_events() and body["index"] == list(store.revision())
    assert answer.headers["Cache-Control"] == "no-store"


def test_fresh_healthz_catches_the_worker_up_with_an_ingest_first(store):
    app = create_app(store)
    app.server.config["EVENT_CACHE"].snapshot()
    client = app.server.test_client()
    before = client.get("/healthz").get_json()
    ingest_paths([FIXTURES / "curated_small.csv"], store)
    stale = client.get("/healthz").get_json()  # reports without reading what changed
    fresh = client.get("/healthz?fresh=1").get_json()
    assert stale["index"] == before["index"] != stale["store"]
    assert fresh["index"] == fresh["store"] == list(store.revision())
    assert fresh["events"] == store.count_events() > before["events"]


def test_a_worker_still_reading_the_store_is_not_ready(store):
    body, status = health(EventCache(store))  # never started: no index yet
    assert status == 503 and body["status"] == "starting" and body["index"] is None


def test_a_store_without_its_tables_fails_the_check_with_the_reason(store, tmp_path):
    app = create_app(store)
    app.server.config["EVENT_CACHE"].snapshot()
    with sqlite3.connect(tmp_path / "h.db") as conn:
        conn.execute("DROP TABLE event_changes")
    answer = app.server.test_client().get("/healthz")
    body = answer.get_json()
    assert answer.status_code == 503 and body["status"] == "error"
    assert "the store does not answer" in body["error"] and "event_changes" in body["error"]


def test_each_request_writes_one_json_line_without_its_query_string(store, monkeypatch):
    monkeypatch.setenv("POLICY_TIMELINE_LOG", "json")
    out = io.StringIO()
    logs.configure(out)
    try:
        app = create_app(store)
        # The index is built in the background from the start: until it is, /healthz
        # answers 503 "starting" (its own test); this one is about the log lines.
        app.server.config["EVENT_CACHE"].snapshot()
        client = app.server.test_client()
        client.get("/healthz")
        client.get("/grid-rows?start=0&end=5&q=secret+words")
        client.post("/healthz")
    finally:
        monkeypatch.delenv("POLICY_TIMELINE_LOG")
        logs.configure()
    lines = [json.loads(x) for x in out.getvalue().splitlines()]
    requests = [x for x in lines if x["event"] == "request"]
    assert [(x["path"], x["status"]) for x in requests] == [
        ("/healthz", 200), ("/grid-rows", 200), ("/healthz", 405),
    ]  # fmt: skip
    assert [x["method"] for x in requests] == ["GET", "GET", "POST"]
    assert all(x["ms"] >= 0 and x["pid"] > 0 for x in requests)
    assert "secret" not in out.getvalue()
