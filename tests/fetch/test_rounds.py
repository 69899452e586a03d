"""`policy-timeline fetch` against the local server: the cases of issue 9."""

from __future__ import annotations

import hashlib
import json
import threading
from pathlib import Path

import sqlalchemy as sa

from ingest.fetch.tables import archive_table
from ingest.store.tables import events_table, sources_table
from tests.fetch.conftest import HTML, JSON, PAGES, RSS, write_sources
from tests.fetch.helpers import archive_files, counts, fetch, items, log, rows, run
from tests.fetch.server import Reply, fixture

STATE_FEED = "/rss-feed/press-releases/feed/"
BARRIO = next(p for p in PAGES if "barrio-18" in p)
CARTELS = next(p for p in PAGES if "international-cartels" in p)
CHONEROS = next(p for p in PAGES if "choneros" in p)


def test_a_first_round_ingests_every_source_and_traces_each_event_to_archived_bytes(
    server, sources_file, tracker_db, tracker_store, tmp_path
):
    result = fetch(sources_file, tracker_db)
    assert result.exit_code == 0, result.output
    assert "round 1: 4 source(s)" in result.output
    reports = rows(tracker_store, sources_table)
    by_adapter = {r["adapter"] for r in reports}
    assert by_adapter == {"federal_register", "feed", "html", "fto_list"}
    titles = {r["title"] for r in rows(tracker_store, events_table)}
    assert any("Cartel de los Soles" in t for t in titles)  # Federal Register, page 1
    assert any("Executive Order 14157" in t for t in titles)  # page 2, via next_page_url
    assert "Designating Fentanyl as a Weapon of Mass Destruction" in titles  # White House feed
    assert any("Barrio 18" in t for t in titles)  # a State Department entry's page
    # Every report names an archived file whose bytes hash to the sha256 in its name.
    archive = tmp_path / "archive"
    for report in reports:
        path = Path(report["file"].split("#")[0])
        assert path.is_relative_to(archive)
        assert hashlib.sha256(path.read_bytes()).hexdigest() == path.name.split(".")[0]
    stored = rows(tracker_store, archive_table)
    assert {r["url"].removeprefix(server.base) for r in stored} >= {
        "/presidential-actions/feed/", STATE_FEED, BARRIO, CARTELS,
        "/foreign-terrorist-organizations/",
    }  # fmt: skip
    assert all(json.loads(r["headers"])["etag"] for r in stored)
    assert len(archive_files(archive)) == len({r["sha256"] for r in stored})
    # The feed's entries were fetched once each; the page reads its canonical URL.
    assert len(server.requests_to(BARRIO)) == 1
    barrio = next(r for r in reports if "barrio-18" in (r["source_url"] or ""))
    assert barrio["source_url"].startswith("https://www.state.gov/releases/")


def test_a_second_round_sends_if_none_match_and_stores_nothing_new(
    server, sources_file, tracker_db, tracker_store, tmp_path
):
    fetch(sources_file, tracker_db)
    before, files = counts(tracker_store), archive_files(tmp_path / "archive")
    server.log.clear()
    result = fetch(sources_file, tracker_db)
    assert result.exit_code == 0, result.output
    assert "round 2: 4 source(s), 4 request(s), 0 new event(s), 0 error(s)" in result.output
    assert len(server.log) == 4  # one request per source, the Federal Register's page 1 included
    for seen in server.log:
        assert seen.headers["if-none-match"].startswith('"')
        assert seen.headers["if-modified-since"] == server.last_modified
    assert {r["outcome"] for r in log(tracker_store, round_id=2)} == {"not_modified"}
    assert counts(tracker_store) == before
    assert archive_files(tmp_path / "archive") == files


def test_a_new_feed_entry_is_the_only_page_fetched(server, sources_file, tracker_db, tracker_store):
    fetch(sources_file, tracker_db)
    server.route(STATE_FEED, fixture("state_press_releases_v2.xml", server.base, RSS))
    server.log.clear()
    result = fetch(sources_file, tracker_db, "state-releases")
    assert result.exit_code == 0, result.output
    assert [s.path for s in server.log] == [STATE_FEED, CHONEROS]
    titles = [r["title"] for r in rows(tracker_store, events_table)]
    assert any("Los Choneros" in t for t in titles)
    assert "1 new entry" in result.output


def test_a_500_then_200_is_retried_within_the_round(
    server, sources_file, tracker_db, tracker_store
):
    page = fixture("state_fto_list.html", server.base, HTML)
    server.route("/foreign-terrorist-organizations/", Reply(status=500, body=b"oops"), page)
    result = fetch(sources_file, tracker_db, "state-fto-list")
    assert result.exit_code == 0, result.output
    assert len(server.requests_to("/foreign-terrorist-organizations/")) == 2
    [entry] = log(tracker_store, source="state-fto-list")
    assert (entry["status"], entry["attempts"], entry["outcome"]) == (200, 2, "stored")


def test_a_429_waits_as_long_as_retry_after_says(server, sources_file, tracker_db, tracker_store):
    feed = fixture("whitehouse_presidential_actions.xml", server.base, RSS)
    server.route("/presidential-actions/feed/",
                 Reply(status=429, body=b"slow down", headers={"Retry-After": "1"}), feed)  # fmt: skip
    result = fetch(sources_file, tracker_db, "whitehouse-actions")
    assert result.exit_code == 0, result.output
    first, second = server.requests_to("/presidential-actions/feed/")
    assert second.at - first.at >= 1.0  # backoff alone would be 0.05 s
    assert log(tracker_store, source="whitehouse-actions")[0]["attempts"] == 2


def test_a_slow_source_times_out_and_the_others_are_still_done(
    server, tmp_path, tracker_db, tracker_store
):
    slow = fixture("fr_documents_page1.json", server.base, JSON, delay=3)
    server.route("/api/v1/documents.json", slow)
    sources = write_sources(tmp_path / "s.yaml", server.base, tmp_path / "archive",
                            **{"federal-register": {"http": {"timeout": 0.5}}})  # fmt: skip
    result = fetch(sources, tracker_db)
    assert result.exit_code == 1
    assert "timed out after 0.5 s waiting for the response" in result.output
    done = {r["source"] for r in log(tracker_store) if r["outcome"] == "stored"}
    assert done == {"whitehouse-actions", "state-releases", "state-fto-list"}
    state = run("sources", "--sources", str(sources), "--db", tracker_db).output
    assert "timed out" in state.split("whitehouse-actions")[0]  # the Federal Register's error


def test_malformed_json_is_reported_and_asked_for_again(
    server, sources_file, tracker_db, tracker_store
):
    server.route(
        "/api/v1/documents.json", Reply(body=b'{"count": 3, "results": [{"docu', content_type=JSON)
    )
    result = fetch(sources_file, tracker_db, "federal-register")
    assert result.exit_code == 1
    assert "not valid JSON" in result.output
    [entry] = log(tracker_store, source="federal-register")
    assert entry["outcome"] == "error" and "not valid JSON" in entry["error"]
    # The body is archived, but no validators are kept: the next round asks in full.
    server.log.clear()
    fetch(sources_file, tracker_db, "federal-register")
    assert "if-none-match" not in server.log[0].headers


def test_an_oversized_body_is_refused_and_reported(server, tmp_path, tracker_db, tracker_store):
    big = b"<html><body>" + b"x" * 300_000 + b"</body></html>"
    server.route("/foreign-terrorist-organizations/", Reply(body=big, declare_length=False))
    sources = write_sources(tmp_path / "s.yaml", server.base, tmp_path / "archive",
                            **{"state-fto-list": {"http": {"max_bytes": 100_000}}})  # fmt: skip
    result = fetch(sources, tracker_db, "state-fto-list")
    assert result.exit_code == 1
    assert "response too large: more than 100,000 bytes; stopped reading" in result.output
    assert counts(tracker_store)["archive"] == 0
    server.route("/foreign-terrorist-organizations/", Reply(body=big))  # Content-Length given
    result = fetch(sources, tracker_db, "state-fto-list")
    assert f"{len(big):,} bytes declared, the limit is 100,000" in result.output


def test_a_redirect_loop_is_reported_and_the_other_sources_done(
    server, tmp_path, tracker_db, tracker_store
):
    server.route("/loop", Reply(status=302, headers={"Location": "/loop"}, conditional=False))
    loop = {"name": "looping", "kind": "page", "url": f"{server.base}/loop"}
    sources = write_sources(tmp_path / "s.yaml", server.base, tmp_path / "archive", extra=loop)
    result = fetch(sources, tracker_db, "looping", "state-fto-list")
    assert result.exit_code == 1
    assert "more than 5 redirects (a redirect loop?)" in result.output
    assert len(server.requests_to("/loop")) == 6  # the first request and five redirects
    assert any(
        r["source"] == "state-fto-list" and r["outcome"] == "stored" for r in log(tracker_store)
    )


def test_a_gone_entry_page_is_reported_once_and_the_rest_kept(
    server, sources_file, tracker_db, tracker_store
):
    server.route(BARRIO, Reply(status=404, body=b"<html><body>Page not found</body></html>"))
    result = fetch(sources_file, tracker_db, "state-releases")
    assert result.exit_code == 1
    assert "HTTP 404 Not Found: the entry's page is gone" in result.output
    states = items(tracker_store, "state-releases")
    assert states == {server.base + BARRIO: "gone", server.base + CARTELS: "done"}
    server.log.clear()
    assert fetch(sources_file, tracker_db, "state-releases").exit_code == 0
    assert [s.path for s in server.log] == [STATE_FEED]  # 304, and the gone page is not asked


def test_an_entry_page_that_fails_for_a_passing_reason_is_fetched_next_round(
    server, sources_file, tracker_db, tracker_store
):
    page = fixture(PAGES[BARRIO], server.base, HTML)
    server.route(
        BARRIO, Reply(status=503, body=b"busy"), Reply(status=503), Reply(status=503), page
    )
    assert fetch(sources_file, tracker_db, "state-releases").exit_code == 1
    assert items(tracker_store, "state-releases")[server.base + BARRIO] == "pending"
    result = fetch(sources_file, tracker_db, "state-releases")  # the feed answers 304
    assert result.exit_code == 0, result.output
    assert items(tracker_store, "state-releases")[server.base + BARRIO] == "done"
    assert any("Barrio 18" in r["title"] for r in rows(tracker_store, events_table))


def test_a_server_that_ignores_validators_costs_nothing_when_the_bytes_are_the_same(
    server, sources_file, tracker_db, tracker_store, tmp_path
):
    page = fixture("state_fto_list.html", server.base, HTML, conditional=False)
    server.route("/foreign-terrorist-organizations/", page)
    fetch(sources_file, tracker_db, "state-fto-list")
    before = counts(tracker_store)
    fetch(sources_file, tracker_db, "state-fto-list")
    assert counts(tracker_store) == before
    assert [r["outcome"] for r in log(tracker_store)] == ["stored", "unchanged"]


def test_a_federal_register_walk_cut_short_goes_on_from_where_it_stopped(
    server, sources_file, tracker_db, tracker_store
):
    server.route("/api/v1/documents", Reply(status=503, body=b"maintenance"))
    assert fetch(sources_file, tracker_db, "federal-register").exit_code == 1
    state = run("sources", "--sources", str(sources_file), "--db", tracker_db).output
    assert "next http://127.0.0.1" in state  # the walk is not complete
    server.route("/api/v1/documents", fixture("fr_documents_page2.json", server.base, JSON))
    server.log.clear()
    assert fetch(sources_file, tracker_db, "federal-register").exit_code == 0
    first, second = server.log
    assert first.headers.get("if-none-match")  # page 1 answered 304: its archived copy is read
    assert second.path == "/api/v1/documents"
    assert any("Executive Order 14157" in r["title"] for r in rows(tracker_store, events_table))
    state = run("sources", "--sources", str(sources_file), "--db", tracker_db).output
    assert "cursor:       newest 2025-11-24, since 2025-01-01" in state


def test_the_federal_register_query_names_terms_agencies_types_and_the_cursor(
    server, tmp_path, tracker_db
):
    sources = write_sources(tmp_path / "s.yaml", server.base, tmp_path / "archive",
                            **{"federal-register": {"agencies": ["state-department"]}})  # fmt: skip
    fetch(sources, tracker_db, "federal-register")
    query = server.requests_to("/api/v1/documents.json")[0].query
    from urllib.parse import parse_qs

    q = parse_qs(query)
    assert q["conditions[term]"] == ["cartel"]
    assert q["conditions[agencies][]"] == ["state-department"]
    assert q["conditions[type][]"] == ["PRESDOCU", "NOTICE"]
    assert q["conditions[publication_date][gte]"] == ["2025-01-01"]
    assert "signing_date" in q["fields[]"] and q["order"] == ["newest"]
    assert server.requests_to("/api/v1/documents.json")[0].headers["user-agent"] == (
        "policy-timeline/0.1.0 (+mailto:analyst@example.org)"
    )


def test_the_sources_command_shows_last_success_last_error_and_cursor(
    server, sources_file, tracker_db
):
    server.route("/foreign-terrorist-organizations/", Reply(status=403, body=b"forbidden"))
    fetch(sources_file, tracker_db)
    out = run("sources", "--sources", str(sources_file), "--db", tracker_db).output
    fto = out.split("state-fto-list (page)")[1]
    assert "last success: never" in fto and "HTTP 403 Forbidden" in fto
    fr = out.split("federal-register (federal_register)")[1].split("whitehouse-actions")[0]
    assert "last error:   none" in fr and "newest 2025-11-24" in fr
    assert "items:        2 done" in out.split("state-releases (feed)")[1]


def test_each_request_of_a_round_is_logged_with_status_bytes_and_new_items(
    server, sources_file, tracker_db, tracker_store
):
    fetch(sources_file, tracker_db)
    entries = log(tracker_store, round_id=1)
    fr = [e for e in entries if e["source"] == "federal-register"]
    assert [(e["status"], e["outcome"]) for e in fr] == [(200, "stored"), (200, "stored")]
    assert all(e["bytes"] > 0 and e["sha256"] for e in fr)
    with tracker_store.engine.connect() as conn:
        status = conn.execute(
            sa.text("SELECT status, requests, new_events FROM fetch_rounds")
        ).one()
    assert status[:2] == ("ok", 7) and status[2] > 0
    assert sum(e["new_items"] for e in entries) == status[2]  # the round's line says the same


def test_ctrl_c_before_a_request_ends_the_round_cleanly(server, sources_file, tracker_store):
    from ingest.fetch.config import load_config
    from ingest.fetch.http import PoliteClient
    from ingest.fetch.rounds import run_round

    config = load_config(sources_file)
    stop = threading.Event()
    server.on_request = lambda seen: stop.set()  # Ctrl-C arrives during the first request
    with PoliteClient("test", stop=stop) as client:
        result = run_round(config, tracker_store, client)
    assert result.stopped
    assert len(server.log) == 1  # the request in flight completed; no other was sent
    assert [r["outcome"] for r in log(tracker_store)] == ["stored"]  # and it was stored whole


def test_entry_pages_are_fetched_only_from_the_feeds_own_site(server, sources_file, tracker_db):
    from ingest.fetch.feeds import same_site

    assert same_site("https://www.state.gov/releases/x", "https://www.state.gov/rss-feed/feed/")
    assert same_site("https://state.gov/releases/x", "https://www.state.gov/rss-feed/feed/")
    assert not same_site("http://10.0.0.7/admin", "https://www.state.gov/rss-feed/feed/")
    assert not same_site("http://127.0.0.1:8/x", "http://127.0.0.2:8/feed/")
    assert not same_site("javascript:alert(1)", "https://www.state.gov/feed/")
    feed = fixture("state_press_releases.xml", server.base, RSS).body.replace(
        server.base.encode() + b"/releases/office-of-the-spokesperson/2025/02/",
        b"http://localhost:9/releases/",
    )
    server.route(STATE_FEED, Reply(body=feed, content_type=RSS))
    result = fetch(sources_file, tracker_db, "state-releases")
    assert [s.path for s in server.log] == [STATE_FEED, BARRIO]
    assert result.exit_code == 0
