"""`policy-timeline digest`: new and changed events since a date, grouped by type, each
with its sources, as Markdown or HTML; source text never becomes markup."""

from __future__ import annotations

import sqlalchemy as sa

from ingest.fetch.digest import collect, render_html, render_markdown
from ingest.schema import Event, validate
from ingest.store import RunInfo, utc_now
from ingest.store.tables import events_table, sources_table
from tests.fetch.helpers import fetch, run


def _backdate(store, when: str) -> None:  # type: ignore[no-untyped-def]
    """As if everything stored so far had been seen on ``when``."""
    with store.engine.begin() as conn:
        conn.execute(sa.update(events_table).values(first_seen=when, updated_at=when))
        conn.execute(sa.update(sources_table).values(first_seen=when))


def test_the_digest_lists_new_and_changed_events_by_type_with_their_sources(
    server, sources_file, tracker_db, tracker_store, tmp_path
):
    fetch(sources_file, tracker_db, "federal-register", "whitehouse-actions")
    _backdate(tracker_store, "2025-07-01T08:00:00Z")
    fetch(sources_file, tracker_db, "state-fto-list")  # joins two designations, adds one
    out = tmp_path / "brief.md"
    result = run("digest", "--since", "2025-08-01", "--db", tracker_db, "--out", str(out))
    assert result.exit_code == 0, result.output
    text = out.read_text()
    assert text.startswith("# Policy timeline: new and changed since 2025-08-01\n")
    assert "3 new event(s), 2 changed." in text
    assert "## Delisting (1)" in text  # the list's removals: FARC, 2021
    assert "## Designation (4)" in text and "## Directive / order" not in text
    section = text.split("## Designation (4)")[1]
    # Newest first: Clan del Golfo (new), Cartel de los Soles and the eight (each with a new
    # source), Hizballah (new: the list is its first source).
    days = ["2025\\-12\\-17", "2025\\-11\\-24", "2025\\-02\\-20", "1997\\-10\\-08"]
    assert [section.index(f"- **{d}**") for d in days] == sorted(
        section.index(f"- **{d}**") for d in days
    )
    assert "Clan del Golfo designated a Foreign Terrorist Organization (*new*)" in section
    assert section.count("(*changed: 1 new source(s)*)") == 2
    assert "Foreign Terrorist Organizations \\(State Department list\\)" in section
    assert "(<https://www.federalregister.gov/documents/2025/11/24/2025-20750/" in section
    assert "new source" in section and "> State Department FTO list: " in section


def test_the_digest_takes_the_dashboards_filters_and_writes_html(
    server, sources_file, tracker_db, tracker_store
):
    fetch(sources_file, tracker_db)
    result = run("digest", "--since", "2025-01-01", "--db", tracker_db, "--format", "html",
                 "--type", "directive")  # fmt: skip
    assert result.exit_code == 0
    page = result.output
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "<h2>Directive / order (3)</h2>" in page and "<h2>Designation" not in page
    assert "filters: type directive" in page
    assert '<a href="https://www.whitehouse.gov/presidential-actions/2025/12/' in page
    assert 'rel="noopener noreferrer"' in page


def test_source_text_in_a_digest_is_shown_literally(store):
    event = validate(Event(
        date="2025-09-02", event_type="military_action", targets=("Tren de Aragua",),
        title="Strike *reported* [click](javascript:alert(1)) <img src=x onerror=alert(1)>",
        evidence="# not a heading", source_title="Wire [1]", source_url="javascript:alert(2)",
        adapter="text", file="x.txt",
    ))  # fmt: skip
    store.write_events([event], RunInfo("x.txt", "0" * 64, "text", utc_now(), 1, 0))
    items = collect(store, "2025-01-01")
    md = render_markdown(items, "2025-01-01")
    assert "\\*reported\\* \\[click\\]\\(javascript:alert\\(1\\)\\) &lt;img" in md
    assert "](javascript" not in md and "<img" not in md
    assert "> \\# not a heading" in md
    page = render_html(items, "2025-01-01")
    assert "&lt;img src=x onerror=alert(1)&gt;" in page and "<img" not in page
    assert "javascript:" not in page.split("<li>Wire")[1].split("</li>")[0].split("(")[0]
    assert 'href="javascript' not in page


def test_nothing_new_since_the_date_says_so(store):
    assert render_markdown(collect(store, "2025-01-01"), "2025-01-01").endswith("Nothing new.\n")
    assert run("digest", "--since", "2025-13-01").exit_code == 2  # not a date
