"""What the dashboard serves of the tracker: /feed.atom (read back with feedparser) and
/archive/<sha256> (the exact fetched bytes, as text), and the detail panel's link."""

from __future__ import annotations

import hashlib
from pathlib import Path

import feedparser
import pytest

from dashboard.app import create_app
from dashboard.archive import with_archived_copies
from dashboard.views import detail_panel
from ingest.fetch.tables import archive_table
from ingest.query import EventFilter, filter_events
from ingest.schema import Event, validate
from ingest.store import RunInfo, utc_now
from tests.fetch.helpers import fetch, rows


@pytest.fixture
def fetched(server, sources_file, tracker_db, tracker_store):
    assert fetch(sources_file, tracker_db).exit_code == 0
    return tracker_store


def _client(store):  # type: ignore[no-untyped-def]
    return create_app(store).server.test_client()


def test_the_atom_feed_validates_and_lists_the_views_events_newest_first(fetched):
    response = _client(fetched).get("/feed.atom")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = feedparser.parse(response.data)
    assert feed.bozo == 0 and feed.version == "atom10"
    assert feed.feed.title == "Policy timeline" and feed.feed.id and feed.feed.updated
    assert feed.feed.author == "policy-timeline"
    assert any(link.rel == "self" for link in feed.feed.links)
    events = fetched.load_events()
    assert len(feed.entries) == len(events)
    for entry in feed.entries:
        assert entry.id.startswith("urn:policy-timeline:event:ev_")
        assert entry.title and entry.updated and entry.summary
    stamps = [e.published for e in feed.entries]
    assert stamps == sorted(stamps, reverse=True)


def test_the_atom_feed_takes_the_views_query_string(fetched):
    query = "type=designation&entity=Barrio+18"
    feed = feedparser.parse(_client(fetched).get(f"/feed.atom?{query}").data)
    expected = filter_events(
        fetched.load_events(), EventFilter(types=("designation",), entities=("Barrio 18",))
    )
    assert len(expected) == 1
    assert [e.id.rsplit(":", 1)[1] for e in feed.entries] == list(expected["event_id"])
    assert feed.feed.title == "Policy timeline: type designation; entity Barrio 18"
    entry = feed.entries[0]
    assert "Targets: Barrio 18" in entry.summary and entry.tags[0].term == "designation"
    assert entry.link.startswith("https://www.state.gov/releases/")


def test_an_unchanged_feed_answers_304_to_its_etag(fetched):
    client = _client(fetched)
    first = client.get("/feed.atom?type=directive")
    again = client.get(
        "/feed.atom?type=directive", headers={"If-None-Match": first.headers["ETag"]}
    )
    assert again.status_code == 304 and again.data == b""
    other = client.get("/feed.atom?type=bounty", headers={"If-None-Match": first.headers["ETag"]})
    assert other.status_code == 200


def test_source_text_that_xml_cannot_hold_or_that_looks_like_markup_stays_text(store):
    event = validate(Event(
        date="2025-09-02", event_type="military_action", title="Strike <script>alert(1)</script>",
        targets=("Tren de Aragua",), evidence="bad \x01 byte & <b>bold</b>",
        source_url="javascript:alert(1)", adapter="text", file="x.txt",
    ))  # fmt: skip
    store.write_events([event], RunInfo("x.txt", "0" * 64, "text", utc_now(), 1, 0))
    feed = feedparser.parse(_client(store).get("/feed.atom").data)
    assert feed.bozo == 0
    [entry] = feed.entries
    assert entry.title == "2025-09-02 · Military action: Strike <script>alert(1)</script>"
    assert "bad  byte & <b>bold</b>" in entry.summary
    assert not entry.link.startswith("javascript")


def test_an_archived_body_is_served_as_the_exact_bytes_in_plain_text(fetched, server):
    row = next(r for r in rows(fetched, archive_table) if "barrio-18" in r["url"])
    response = _client(fetched).get(f"/archive/{row['sha256']}")
    assert response.status_code == 200
    assert response.data == Path(row["path"]).read_bytes()
    assert hashlib.sha256(response.data).hexdigest() == row["sha256"]
    assert b"<script>" in response.data  # the page's script is there, as text
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Disposition"] == f'inline; filename="{row["sha256"]}.txt"'
    assert "sandbox" in response.headers["Content-Security-Policy"]


def test_an_unknown_malformed_or_altered_archive_address_serves_nothing(fetched):
    client = _client(fetched)
    assert client.get("/archive/" + "0" * 64).status_code == 404
    for path in ("/archive/..%2F..%2Fetc%2Fpasswd", "/archive/../../etc/passwd"):
        assert b"root:" not in client.get(path).data
    assert client.get("/archive/ABC").status_code == 404
    row = rows(fetched, archive_table)[0]
    Path(row["path"]).write_bytes(b"changed after the fetch")
    response = client.get(f"/archive/{row['sha256']}")
    assert response.status_code == 410 and b"no longer match" in response.data


def test_the_detail_panel_links_each_source_read_from_an_archived_body(fetched):
    event = fetched.load_events().query("title.str.contains('Barrio 18')").iloc[0].to_dict()
    sources = with_archived_copies(fetched, fetched.sources_for(event["event_id"]))
    panel = str(detail_panel(event, sources).to_plotly_json())
    sha = sources[0]["archived_sha"]
    assert f"/archive/{sha}" in panel and "archived copy (fetched " in panel
    plain = detail_panel(event, fetched.sources_for(event["event_id"])).to_plotly_json()
    assert "archived copy" not in str(plain)  # a source with no archived body gets no link


def test_an_archived_bodys_declared_charset_is_kept_when_python_knows_it():
    from dashboard.archive import charset_of

    assert charset_of("text/html; charset=windows-1252") == "windows-1252"
    assert charset_of('text/html; charset="ISO-8859-1"') == "iso-8859-1"
    assert charset_of("text/html; charset=x-made-up") == "utf-8"
    assert charset_of(None) == "utf-8"
