"""kill -9 during a round leaves no half-stored item, and the next round completes it."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import sqlalchemy as sa

from ingest.fetch.archive import sha_in
from ingest.fetch.tables import archive_table, items_table
from ingest.store import Store
from ingest.store.tables import events_table, runs_table, sources_table
from tests.conftest import ROOT
from tests.fetch.conftest import PAGES, RSS
from tests.fetch.helpers import fetch, rows
from tests.fetch.server import fixture

CHONEROS = next(p for p in PAGES if "choneros" in p)


def _start(point: str, nth: int, sources: Path, db: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.fetch.killable", point, str(nth),
         "fetch", "--sources", str(sources), "--db", db],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip


def _wait_for_line(proc: subprocess.Popen[str], text: str) -> None:
    timer = threading.Timer(60, proc.kill)  # never hang the suite
    timer.start()
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith(text):
                return
        raise AssertionError(f"the process ended before {text!r}: {proc.stderr.read()}")  # type: ignore[union-attr]
    finally:
        timer.cancel()


def _consistent(store: Store) -> None:
    """Nothing half-stored: every report's file is an archived body on record with its
    ingest run; every item marked done names an archived body; every archived body on
    record is on disk with the bytes its sha256 names."""
    archive = {r["sha256"]: r for r in rows(store, archive_table)}
    runs = {r["file"] for r in rows(store, runs_table)}
    for report in rows(store, sources_table):
        sha = sha_in(report["file"])
        assert sha in archive, report["file"]
        assert archive[sha]["path"] in runs
    for item in rows(store, items_table):
        if item["state"] == "done":
            assert item["sha256"] in archive
    for sha, row in archive.items():
        assert hashlib.sha256(Path(row["path"]).read_bytes()).hexdigest() == sha
    with store.engine.connect() as conn:
        orphans = conn.execute(
            sa.select(sa.func.count()).select_from(sources_table).where(
                ~sources_table.c.event_id.in_(sa.select(events_table.c.event_id)))
        ).scalar_one()  # fmt: skip
    assert orphans == 0


def _events(store: Store) -> set[tuple[str, str, str]]:
    return {(r["event_id"], r["date"], r["title"]) for r in rows(store, events_table)}


def _reports(store: Store) -> set[tuple[str, str]]:
    return {(r["report_id"], r["source_key"]) for r in rows(store, sources_table)}


@pytest.mark.parametrize(
    "point,nth",
    [("archive", 4), ("commit", 3), ("request", 0)],
    ids=["after-archiving-a-body", "inside-a-transaction", "waiting-for-a-response"],
)
def test_kill_9_during_a_round_leaves_no_half_stored_item_and_the_next_round_completes_it(
    point, nth, server, sources_file, tmp_path
):
    server.route("/rss-feed/press-releases/feed/",
                 fixture("state_press_releases_v2.xml", server.base, RSS))  # fmt: skip
    db = f"sqlite:///{tmp_path / 'killed.db'}"
    gate = threading.Event()
    if point == "request":  # the third entry page never answers until the kill
        arrived = threading.Event()
        page = fixture(PAGES[CHONEROS], server.base, "text/html", gate=gate)
        server.route(CHONEROS, page)
        server.on_request = lambda seen: arrived.set() if seen.path == CHONEROS else None
    proc = _start("none" if point == "request" else point, nth, sources_file, db)
    try:
        if point == "request":
            assert arrived.wait(60), proc.stderr.read() if proc.poll() is not None else ""
        else:
            _wait_for_line(proc, f"AT {point}")
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(30)
    finally:
        gate.set()
        if proc.poll() is None:
            proc.kill()
        if proc.stdout:
            proc.stdout.close()
        if proc.stderr:
            proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    killed = Store(db)
    _consistent(killed)
    partial = _reports(killed)

    server.on_request = None
    assert fetch(sources_file, db).exit_code == 0
    _consistent(killed)
    # The same events as a round that was never interrupted.
    clean = Store(f"sqlite:///{tmp_path / 'clean.db'}")
    reference = tmp_path / "clean-sources.yaml"
    reference.write_text(sources_file.read_text().replace(str(tmp_path / "archive"),
                                                          str(tmp_path / "clean-archive")))  # fmt: skip
    fetch(reference, f"sqlite:///{tmp_path / 'clean.db'}")
    assert _events(killed) == _events(clean)
    assert _reports(killed) == _reports(clean)
    assert partial < _reports(clean)  # the kill did cut the round short
    killed.close()
    clean.close()
