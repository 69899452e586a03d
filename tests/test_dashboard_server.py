"""The served dashboard over HTTP: hardening, bounded requests, routes, and callbacks that
never mix two versions of the index while an ingest runs."""

import csv
import io
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from bench.dash_client import DashClient, view_values
from bench.synthetic_events import load_synthetic, synthetic_events
from dashboard.app import create_app
from dashboard.grid import GRID_BLOCK
from ingest.pipeline import ingest_paths
from ingest.query import EventFilter, filter_events
from ingest.schema import validate
from ingest.store import RunInfo, Store, utc_now
from tests.conftest import CURATED


class Server:
    def __init__(self, store: Store):
        self.app = create_app(store)
        self.http = make_server("127.0.0.1", 0, self.app.server, threaded=True)
        self.url = f"http://127.0.0.1:{self.http.server_port}/"
        self.thread = threading.Thread(target=self.http.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.http.shutdown()
        self.thread.join(timeout=5)


@pytest.fixture
def curated(tmp_path: Path) -> Iterator[tuple[Server, Store]]:
    store = Store(f"sqlite:///{tmp_path / 'curated.db'}")
    ingest_paths([CURATED], store)
    server = Server(store)
    yield server, store
    server.stop()
    store.close()


def test_every_answer_carries_the_security_headers_and_no_server_version(curated):
    server, _ = curated
    client = DashClient(server.url)
    for path in ("/", "/_dash-layout", "/entity/Nicolas%20Maduro", "/grid-rows"):
        client.get(path)
        conn = client._connection()
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        csp = response.getheader("Content-Security-Policy")
        assert "script-src 'self' 'sha256-" in csp and "'unsafe-inline'" not in csp.split(";")[1]
        assert "'unsafe-eval'" not in csp and "frame-ancestors 'none'" in csp
        assert response.getheader("X-Content-Type-Options") == "nosniff"
        assert response.getheader("X-Frame-Options") == "DENY"
        server_header = response.getheader("Server") or ""
        assert "werkzeug" not in server_header.lower() and "python" not in server_header.lower()


def test_a_50_mb_callback_request_is_refused(curated):
    server, _ = curated
    client = server.app.server.test_client()
    big = b'{"output": "x", "inputs": [' + b'"a",' * 12_500_000 + b'"a"]}'
    response = client.post("/_dash-update-component", data=big, content_type="application/json")
    assert response.status_code == 413


def test_grid_requests_are_clamped_to_one_block(curated):
    server, store = curated
    client = DashClient(server.url)
    answer = client.grid_rows("", 0, 10**9)
    assert answer.status == 200
    data = answer.json()
    assert data["count"] == store.count_events() and len(data["rows"]) <= GRID_BLOCK
    assert client.grid_rows("", -5, 3).json()["rows"][0]["date"] == data["rows"][0]["date"]
    assert len(client.get("/grid-rows?start=x&end=y").json()["rows"]) <= GRID_BLOCK


def test_the_table_sorts_by_the_label_it_shows(curated):
    server, _ = curated
    client = DashClient(server.url)
    rows = client.grid_rows("", 0, 100, sort="event_type").json()["rows"]
    labels = [r["event_type"] for r in rows]
    assert labels == sorted(labels, key=str.casefold)  # "Designation" before "Directive..."
    amounts = client.grid_rows("?type=bounty", 0, 100, sort="amount").json()["rows"]
    assert [r["amount"] for r in amounts] == ["$15M", "$15M", "$15M", "$25M", "$25M", "$50M"]


def test_the_csv_export_streams_the_whole_view(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'big.db'}")
    load_synthetic(store, 12_000)
    server = Server(store)
    try:
        response = server.app.server.test_client().get("/export.csv?confidence=0.6")
        assert response.is_streamed
        chunks = list(response.response)
        assert len(chunks) > 2  # header, then pieces: the first rows leave at once
        rows = list(csv.DictReader(io.StringIO(b"".join(chunks).decode())))
        assert len(rows) == int(response.headers["X-Row-Count"]) == 12_000
        assert "timeline_confidence-0.6.csv" in response.headers["Content-Disposition"]
    finally:
        server.stop()
        store.close()


def test_an_alias_redirects_to_the_entity_and_an_unknown_name_is_404(curated):
    server, _ = curated
    client = server.app.server.test_client()
    alias = client.get("/entity/Maduro")
    assert alias.status_code == 302 and alias.headers["Location"].endswith(
        "/entity/Nicolas%20Maduro"
    )
    assert (
        client.get("/entity/nicolas%20maduro")
        .headers["Location"]
        .endswith("/entity/Nicolas%20Maduro")
    )
    assert client.get("/entity/Nicolas%20Maduro").status_code == 200
    unknown = client.get("/entity/Nicolas%20Madero")
    assert unknown.status_code == 404 and b"_dash-config" in unknown.data  # the page says so
    assert client.get("/entity/").status_code == 200  # the directory of entities


def test_the_filter_callback_answers_with_the_count_and_the_link(curated):
    server, store = curated
    client = DashClient(server.url)
    values = view_values(types=["bounty"], window=["2025-01-01", "2025-12-31"])
    answer = client.callback("timeline.figure", values, ["filter-types.value"])
    assert answer.status == 200
    response = answer.json()["response"]
    expected = filter_events(
        store.load_events(), EventFilter("2025-01-01", "2025-12-31", ("bounty",))
    )
    assert response["count"]["children"] == f"{len(expected)} of {store.count_events()} events"
    assert response["view"]["data"]["query"] == "?type=bounty&x0=2025-01-01&x1=2025-12-31"
    assert (
        response["download-link"]["href"] == "/export.csv?type=bounty&x0=2025-01-01&x1=2025-12-31"
    )


def test_callbacks_never_fail_while_ingests_change_the_index(tmp_path):
    """Requests during ingests use one snapshot each: no IndexError, no HTTP 500."""
    store = Store(f"sqlite:///{tmp_path / 'live.db'}")
    load_synthetic(store, 3000)
    server = Server(store)
    server.app.server.config["EVENT_CACHE"].check_every = 0  # look for new ingests every time
    stop = threading.Event()
    errors: list[str] = []

    batches: list[int] = []

    def ingest() -> None:
        writer = Store(store.url)
        while not stop.is_set() and len(batches) < 40:
            n = len(batches)
            events = [validate(replace(e, key=f"live-{n}-{i}", event_id=""))
                      for i, e in enumerate(synthetic_events(150, seed=100 + n))]  # fmt: skip
            writer.bulk_load(events, RunInfo(f"live:{n}", "", "synthetic", utc_now(), 150, 0))
            batches.append(n)
        writer.close()

    def user(k: int) -> None:
        client = DashClient(server.url)
        for i in range(25):
            values = view_values(types=[["sanction"], ["bounty", "legal"], []][i % 3],
                                 window=[["2016-01-01", "2016-03-31"], None][i % 2])  # fmt: skip
            for answer in (
                client.callback("timeline.figure", values, ["filter-types.value"]),
                client.grid_rows("?type=sanction", 100 * (i % 5), 100 * (i % 5) + 100, "title"),
            ):
                if answer.status != 200:
                    errors.append(f"{answer.status}: {answer.body[:200]!r}")

    writer = threading.Thread(target=ingest)
    users = [threading.Thread(target=user, args=(k,)) for k in range(3)]
    writer.start()
    for u in users:
        u.start()
    for u in users:
        u.join()
    stop.set()
    writer.join()
    server.stop()
    assert errors == []
    assert len(batches) >= 2 and store.count_events() == 3000 + 150 * len(batches)
    store.close()
