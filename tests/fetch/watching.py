"""Driving ``policy-timeline watch`` in a subprocess against the fixture server, round by
round, for the watch tests (with and without a browser)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.conftest import ROOT
from tests.fetch.conftest import RSS
from tests.fetch.server import FixtureServer, fixture

STATE_FEED = "/rss-feed/press-releases/feed/"
# The State Department feed as each of three rounds finds it: one more entry each time.
FEED_VERSIONS = (
    "state_press_releases.xml",
    "state_press_releases_v2.xml",
    "state_press_releases_v3.xml",
)
NEW_EACH_ROUND = ("Barrio 18", "Los Choneros", "Maduro")


def gate_rounds(server: FixtureServer) -> list[threading.Event]:
    """Round k's feed answers only when gates[k] is set (round 1's is open), so the test
    looks at the dashboard between rounds with nothing moving underneath."""
    gates = [threading.Event() for _ in FEED_VERSIONS]
    gates[0].set()
    server.route(STATE_FEED, *(fixture(name, server.base, RSS, gate=gate)
                               for name, gate in zip(FEED_VERSIONS, gates, strict=True)))  # fmt: skip
    return gates


@contextmanager
def watching(sources: Path, db: str, *args: str) -> Iterator[subprocess.Popen[str]]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "ingest.cli", "watch", "--sources", str(sources), "--db", db, *args],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    timer = threading.Timer(120, proc.kill)  # never hang the suite
    timer.start()
    try:
        yield proc
    finally:
        timer.cancel()
        if proc.poll() is None:
            proc.kill()
        proc.wait(10)
        if proc.stdout:
            proc.stdout.close()


def wait_for(proc: subprocess.Popen[str], prefix: str) -> list[str]:
    """Lines printed until one starting with ``prefix`` (AssertionError if it never comes)."""
    lines = []
    assert proc.stdout is not None
    for line in proc.stdout:
        lines.append(line.rstrip("\n"))
        if line.startswith(prefix):
            return lines
    raise AssertionError(f"watch ended before {prefix!r}: " + "\n".join(lines))
