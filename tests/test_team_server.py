"""The team server's command (the Dockerfile's CMD: gunicorn with the dashboard's
settings) run here with 2 workers on 127.0.0.1 against the throwaway PostgreSQL CI
starts (POLICY_TIMELINE_TEST_PG): it passes its health check, serves a page, shows an
ingest on the next request to any worker, and logs one JSON line per request."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import sqlalchemy as sa

from ingest.pipeline import ingest_paths
from ingest.store import Store
from ingest.store.tables import metadata
from tests.conftest import FIXTURES
from tests.deployment_files import ROOT, server_command

PG = os.environ.get("POLICY_TIMELINE_TEST_PG")
pytestmark = pytest.mark.skipif(not PG, reason="set POLICY_TIMELINE_TEST_PG to run")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=60) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def workers_of(master: int) -> set[int]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return {int(c) for c in children}


@pytest.fixture
def pg_store():
    assert PG
    engine = sa.create_engine(PG)
    metadata.drop_all(engine)
    engine.dispose()
    store = Store(PG)
    yield store
    store.close()


def test_gunicorn_with_two_workers_serves_healthz_a_page_and_fresh_views(pg_store, tmp_path):
    ingest_paths([FIXTURES / "curated_small.csv"], pg_store)
    before = pg_store.count_events()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = tmp_path / "server.log"
    command = server_command()
    command[0] = str(Path(sys.executable).parent / command[0])  # this venv's gunicorn
    env = dict(os.environ, POLICY_TIMELINE_DB=PG, POLICY_TIMELINE_BIND=f"127.0.0.1:{port}",
               POLICY_TIMELINE_WORKERS="2", POLICY_TIMELINE_LOG="json")  # fmt: skip
    with log.open("wb") as out:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=out)
    try:
        deadline = time.monotonic() + 120
        status, body = 0, b""
        while time.monotonic() < deadline and server.poll() is None:
            try:
                status, body = get(base + "/healthz")
            except OSError:  # not listening yet
                status = 0
            if status == 200:
                break
            time.sleep(0.2)  # waiting for the server to start, not for a result to change
        assert status == 200, (status, body, log.read_text(errors="replace")[-3000:])
        health = json.loads(body)
        assert health["status"] == "ok" and health["events"] == before
        assert health["index"] == health["store"]
        assert len(workers_of(server.pid)) == 2 and health["pid"] in workers_of(server.pid)

        status, page = get(base + "/")
        assert status == 200 and b"Policy timeline" in page
        status, rows = get(base + "/grid-rows?start=0&end=100")
        assert status == 200 and json.loads(rows)["count"] == before

        ingest_paths([FIXTURES / "curated_bad_rows.csv"], pg_store)
        after = pg_store.count_events()
        assert after > before
        # Every request after the ingest, whichever worker takes it, shows the new events.
        counts = [json.loads(get(base + "/grid-rows?start=0&end=1")[1])["count"]
                  for _ in range(8)]  # fmt: skip
        assert counts == [after] * 8
        workers = workers_of(server.pid)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
    lines = [json.loads(x) for x in log.read_text().splitlines() if x.startswith("{")]
    requests = [x for x in lines if x["event"] == "request"]
    grid = [x for x in requests if x["path"] == "/grid-rows"]
    assert len(grid) == 9 and all(x["status"] == 200 and x["ms"] >= 0 for x in grid)
    assert {x["pid"] for x in requests} <= workers  # each line names the worker that answered
    assert any(x["path"] == "/healthz" and x["status"] == 200 for x in requests)
