"""Document adapters (text, Markdown, HTML, feeds) and their bad inputs."""

from pathlib import Path

import pytest

from ingest.errors import Notice, RecordError, SourceError
from ingest.pipeline import ingest_paths
from ingest.schema import Event
from ingest.sources import detect_format, feed, html_page, markdown_document, text_document
from tests.conftest import SHARED


def split(items):
    items = list(items)
    return (
        [i for i in items if isinstance(i, Event)],
        [i for i in items if isinstance(i, RecordError)],
        [i for i in items if isinstance(i, Notice)],
    )


def test_text_article_is_dated_by_its_leading_date_line(fixtures: Path):
    events, _, notes = split(text_document.parse(fixtures / "documents" / "dated.txt"))
    assert [(e.date, e.event_type, e.amount) for e in events] == [
        ("2025-08-07", "bounty", 50_000_000)
    ]
    assert notes == []


def test_undated_text_resolves_nothing_relative_and_says_so(fixtures: Path):
    events, _, notes = split(text_document.parse(fixtures / "documents" / "undated.txt"))
    assert events == []
    assert "no publication date" in notes[0].message and "--published" in notes[0].message


def test_published_option_dates_an_undated_document(fixtures: Path):
    events, _, _ = split(
        text_document.parse(fixtures / "documents" / "undated.txt", published="2025-08-08")
    )
    assert [e.date for e in events] == ["2025-08-07"]


def test_markdown_front_matter_gives_title_url_and_date(fixtures: Path):
    events, _, _ = split(markdown_document.parse(fixtures / "documents" / "fact_sheet.md"))
    (event,) = events
    assert event.date == "2025-01-22" and event.event_type == "directive"
    assert event.source_url.startswith("https://www.whitehouse.gov/fact-sheets/")
    assert event.source_title == "Fact Sheet: Sample of the Corpus Format"
    # "could follow within weeks" is hedged: no designation event.
    assert all(e.event_type != "designation" for e in events)


def test_html_main_text_and_published_time_navigation_and_footer_never_produce_events(
    fixtures: Path,
):
    events, _, _ = split(html_page.parse(fixtures / "documents" / "article.html"))
    by_date = {e.date: e for e in events}
    assert set(by_date) == {
        "2025-08-07",
        "2025-01",
    }  # Thursday of the 2025-08-08 report; "in January"
    assert by_date["2025-08-07"].amount == 50_000_000
    assert by_date["2025-08-07"].source_url == "https://news.example.org/world/maduro-reward"
    assert all(
        "fictional bank" not in e.evidence and "Example News" not in e.evidence for e in events
    )


def test_html_json_ld_date_published_and_spanish_text(fixtures: Path):
    (event,) = split(html_page.parse(fixtures / "documents" / "article_jsonld.html"))[0]
    assert (event.date, event.event_type, event.subtype) == ("2025-09-23", "designation", "fto")
    assert event.targets == ("Barrio 18",) and event.source_published == "2025-09-24"


def test_rss_entries_are_documents_with_their_own_dates_and_links(fixtures: Path):
    events, errors, notes = split(feed.parse(fixtures / "documents" / "feed.rss"))
    assert sorted((e.date, e.event_type) for e in events) == [
        ("2025-09-15", "military_action"),
        ("2025-09-23", "designation"),
    ]
    assert {e.source_url for e in events} == {
        "https://wire.example.org/2025/09/15/second-strike",
        "https://wire.example.org/2025/09/24/barrio-18",
    }
    assert len(errors) == 1 and "entry 3" in errors[0].message  # an entry with no title or text
    assert any("entry 4" in n.message and "no date" in n.message for n in notes)


def test_atom_feed(fixtures: Path):
    (event,) = split(feed.parse(fixtures / "documents" / "feed.atom"))[0]
    assert (event.date, event.targets) == ("2025-11-24", ("Cartel de los Soles",))


def test_formats_are_detected_by_extension_and_content(fixtures: Path):
    docs = fixtures / "documents"
    assert detect_format(docs / "feed.rss") is feed
    assert detect_format(docs / "article.html") is html_page
    assert detect_format(docs / "executive_order.md") is markdown_document
    assert detect_format(docs / "dated.txt") is text_document


@pytest.mark.parametrize(
    ("name", "adapter", "message"),
    [
        ("garbage.txt", text_document, "binary file"),
        ("empty_page.html", html_page, "no article text"),
    ],
)
def test_unreadable_documents_raise_a_clear_file_error(fixtures: Path, name, adapter, message):
    with pytest.raises(SourceError, match=message) as info:
        list(adapter.parse(fixtures / "documents" / name))
    assert name in info.value.message


def test_malformed_feed_is_reported_and_does_not_crash(fixtures: Path):
    events, errors, notes = split(feed.parse(fixtures / "documents" / "broken_feed.xml"))
    assert events == [] and errors and any("not well-formed" in n.message for n in notes)


def test_mixed_encodings_are_read_with_a_note(fixtures: Path):
    events, _, notes = split(text_document.parse(fixtures / "documents" / "mixed_encoding.txt"))
    assert any("Windows-1252" in n.message for n in notes)
    assert [e.date for e in events] == ["2025-08-07"]


def test_a_50_mb_text_file_is_refused_with_a_clear_message(tmp_path: Path):
    big = tmp_path / "big.txt"
    with big.open("w") as fh:
        line = "On Thursday, the Treasury sanctioned a network. " * 20 + "\n"
        while fh.tell() < 50 * 1024 * 1024:
            fh.write(line)
    with pytest.raises(SourceError, match="too large"):
        list(text_document.parse(big))


def test_a_folder_of_mixed_documents_ingests_the_good_and_reports_the_bad(fixtures: Path, store):
    summary = ingest_paths([fixtures / "documents"], store)
    status = {Path(f.file).name: f.status for f in summary.files}
    assert status["garbage.txt"] == "failed" and status["empty_page.html"] == "failed"
    assert status["feed.rss"] == "partial" and status["article.html"] == "ok"
    df = store.load_events()
    assert len(df) == 8  # with Executive Order 13224 of September 23, 2001, which the order cites
    # The fact sheet's "signed an Executive Order ... designating cartels" is the order itself.
    eo = df[(df["date"] == "2025-01-20") & (df["event_type"] == "directive")]
    assert eo.iloc[0]["source_count"] == 2
    # The RSS entry and the Spanish page report one designation of Barrio 18.
    assert df[df["date"] == "2025-09-23"].iloc[0]["source_count"] == 2
    again = ingest_paths([fixtures / "documents"], store)
    assert again.total("new") == 0 and again.total("updated") == 0


@pytest.mark.corpus
@pytest.mark.skipif(
    not (SHARED / "corpus" / "whitehouse").is_dir(), reason="needs ../shared/corpus"
)
def test_real_white_house_acts_are_dated_by_their_signing_lines():
    root = SHARED / "corpus" / "whitehouse" / "presidential-actions"
    cases = {
        "2025-01/2025-01-20-designating-cartels-and-other-organizations-as-foreign-terrorist-organizations-and-specially-designated-global-terrorists.md": (
            "2025-01-20",
            "executive_order",
            {"Tren de Aragua", "MS-13"},
        ),
        "2025-03/2025-03-15-invocation-of-the-alien-enemies-act-regarding-the-invasion-of-the-united-states-by-tren-de-aragua.md": (
            "2025-03-14",
            "proclamation",
            {"Tren de Aragua"},
        ),
        "2025-12/2025-12-15-designating-fentanyl-as-a-weapon-of-mass-destruction.md": (
            "2025-12-15",
            "executive_order",
            set(),
        ),
    }
    for name, (day, subtype, targets) in cases.items():
        events = [e for e in markdown_document.parse(root / name) if isinstance(e, Event)]
        act = next(e for e in events if e.confidence == 1.0)
        assert (act.date, act.event_type, act.subtype) == (day, "directive", subtype), name
        assert targets <= set(act.targets), name


def test_reading_the_same_page_twice_gives_the_same_events(fixtures: Path):
    first = split(html_page.parse(fixtures / "documents" / "article.html"))[0]
    second = split(html_page.parse(fixtures / "documents" / "article.html"))[0]
    assert [e.event_id for e in first] == [e.event_id for e in second] and first
