"""`policy-timeline watch`: rounds on a schedule; the served dashboard shows each round's
new events without a restart; Ctrl-C ends it cleanly between requests."""

from __future__ import annotations

import signal
import threading
import time

import feedparser
from werkzeug.serving import make_server

from dashboard.app import create_app
from ingest.store import Store
from tests.fetch.conftest import PAGES, RSS
from tests.fetch.helpers import log
from tests.fetch.server import fixture
from tests.fetch.watching import NEW_EACH_ROUND, STATE_FEED, gate_rounds, wait_for, watching


def test_a_watch_of_three_rounds_shows_each_rounds_new_events_in_the_served_dashboard(
    server, sources_file, tracker_db
):
    gates = gate_rounds(server)
    store = Store(tracker_db)
    httpd = make_server("127.0.0.1", 0, create_app(store).server, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    dashboard = f"http://127.0.0.1:{httpd.server_port}/feed.atom?type=designation&type=bounty"
    seen: list[int] = []
    try:
        with watching(sources_file, tracker_db, "--every", "1s", "--rounds", "3",
                      "state-releases") as proc:  # fmt: skip
            for round_no, name in enumerate(NEW_EACH_ROUND, start=1):
                wait_for(proc, f"round {round_no}:")
                entries = _entries_once_shown(dashboard, name)
                assert entries is not None, (round_no, name)
                seen.append(entries)
                if round_no < 3:
                    gates[round_no].set()
            assert wait_for(proc, "done:")[-1] == "done: 3 round(s)"
            assert proc.wait(30) == 0
    finally:
        httpd.shutdown()
        thread.join(5)
        store.close()
    assert seen[0] < seen[1] < seen[2]
    assert len(server.requests_to(STATE_FEED)) == 3


def _entries_once_shown(feed_url: str, name: str, deadline_s: float = 30.0) -> int | None:
    """The feed's entry count once its titles name ``name``. The served dashboard asks the
    store for its revision at most every half second and, while a rebuild runs longer than
    it waits, answers from the snapshot before it (it never stalls a request): a round's
    events show within a bounded time after the round, not at the instant it ends."""
    stop = time.monotonic() + deadline_s
    while time.monotonic() < stop:
        feed = feedparser.parse(feed_url)
        if name in " | ".join(e.title for e in feed.entries):
            return len(feed.entries)
        time.sleep(0.2)
    return None


def test_ctrl_c_in_watch_finishes_the_request_in_flight_stores_it_and_stops(
    server, sources_file, tracker_db
):
    page = next(p for p in PAGES if "international-cartels" in p)  # the first entry page asked
    arrived, release = threading.Event(), threading.Event()
    server.route(page, fixture(PAGES[page], server.base, "text/html", gate=release))
    server.route(STATE_FEED, fixture("state_press_releases.xml", server.base, RSS))
    server.on_request = lambda seen: arrived.set() if seen.path == page else None
    with watching(sources_file, tracker_db, "--every", "1h", "state-releases") as proc:
        assert arrived.wait(60)
        proc.send_signal(signal.SIGINT)
        lines = wait_for(proc, "stopping after the current request")
        release.set()
        lines += wait_for(proc, "stopped after")
        assert proc.wait(30) == 0
    assert lines[-1] == "stopped after 1 round(s)"
    assert any("round 1:" in line and "stopped" in line for line in lines)
    store = Store(tracker_db)
    outcomes = {r["url"].removeprefix(server.base): r["outcome"] for r in log(store)}
    store.close()
    assert outcomes[page] == "stored"  # the page in flight was stored whole
    other = next(p for p in PAGES if "barrio-18" in p)
    assert other not in outcomes and not server.requests_to(other)  # no request after Ctrl-C
