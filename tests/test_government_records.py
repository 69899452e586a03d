"""Federal Register and State Department FTO list adapters, with their bad inputs."""

from pathlib import Path

import pytest

from ingest.errors import Notice, RecordError, SourceError
from ingest.schema import Event
from ingest.sources import detect_format, federal_register, fto_list

RECORDS = Path(__file__).parent / "fixtures" / "records"
EIGHT = {
    "Tren de Aragua", "MS-13", "Sinaloa Cartel", "Cartel de Jalisco Nueva Generacion",
    "Carteles Unidos", "Cartel del Noreste", "Cartel del Golfo", "La Nueva Familia Michoacana",
}  # fmt: skip


def split(items):
    items = list(items)
    return ([i for i in items if isinstance(i, Event)], [i for i in items if isinstance(i, RecordError)],
            [i for i in items if isinstance(i, Notice)])  # fmt: skip


def test_executive_order_is_a_directive_dated_by_its_signing_date():
    (eo,), errors, _ = split(federal_register.parse(RECORDS / "fr_2025-02004_eo14157.json"))
    assert errors == []
    assert (eo.date, eo.event_type, eo.subtype) == ("2025-01-20", "directive", "executive_order")
    assert eo.title.startswith("Executive Order 14157: Designating Cartels")
    assert (
        eo.source_published == "2025-01-29"
        and eo.source_url == "https://www.federalregister.gov/d/2025-02004"
    )
    assert eo.key == "doc:eo-14157" and eo.confidence == 1.0 and eo.actors == ("Donald Trump",)
    assert "90 FR 8439" in eo.evidence


def test_state_fto_notices_are_designations_with_the_designated_organizations():
    events, errors, _ = split(federal_register.parse(RECORDS / "fr_search_fto_notices.json"))
    by_doc = {e.key: e for e in events}
    feb = by_doc["doc:fr-2025-02873"]
    assert (feb.date, feb.event_type, feb.subtype) == ("2025-02-20", "designation", "fto")
    assert set(feb.targets) == EIGHT
    soles = by_doc["doc:fr-2025-20750"]
    assert (soles.date, soles.targets) == ("2025-11-24", ("Cartel de los Soles",))
    # 2025-23133 carries no title in the fixture (not known for sure): reported, not guessed.
    (error,) = errors
    assert "2025-23133" in error.message and "title" in error.message


def test_the_api_csv_export_reads_like_the_json():
    events, errors, _ = split(federal_register.parse(RECORDS / "fr_records.csv"))
    assert errors == []
    assert {(e.date, e.event_type) for e in events} == {
        ("2025-01-20", "directive"),
        ("2025-11-24", "designation"),
    }
    assert detect_format(RECORDS / "fr_records.csv") is federal_register


def test_bad_records_are_named_and_the_others_still_read():
    events, errors, _ = split(federal_register.parse(RECORDS / "fr_bad_records.json"))
    assert [e.key for e in events] == ["doc:fr-2025-20750"]
    messages = " | ".join(e.message for e in errors)
    assert "record 1 (2025-02004) signing_date" in messages
    assert "record 2 (2025-20750) type" in messages and "Memo to file" in messages
    assert "record 3 document_number" in messages


def test_a_truncated_json_file_is_a_clear_file_error():
    with pytest.raises(SourceError, match="not valid JSON.*truncated"):
        list(federal_register.parse(RECORDS / "fr_truncated.json"))


def test_ofac_notices_are_sanctions():
    # An illustrative record in the API's shape (not a real document).
    record = {"document_number": "0000-00001", "type": "Notice", "title": "Notice of OFAC Sanctions Action",
              "abstract": "OFAC is publishing the names of persons linked to the Gulf Cartel.",
              "publication_date": "2024-12-01", "agencies": [{"name": "Foreign Assets Control Office"}]}  # fmt: skip
    event = federal_register.record_event(record, "inline", "record 1")
    assert isinstance(event, Event)
    assert (event.event_type, event.subtype, event.targets) == (
        "sanction",
        "ofac",
        ("Cartel del Golfo",),
    )


def test_fto_list_page_gives_designations_and_delistings_with_canonical_names():
    events, errors, notes = split(fto_list.parse(RECORDS / "fto_list.html"))
    assert errors == []
    by_date = {(e.date, e.event_type): e for e in events}
    assert set(by_date[("2025-02-20", "designation")].targets) == EIGHT  # one act, eight targets
    assert by_date[("1997-10-08", "designation")].targets == ("HAMAS", "Hezbollah")  # "Hizballah"
    assert by_date[("2021-11-30", "delisting")].targets == (
        "Revolutionary Armed Forces of Colombia",
    )
    assert (
        by_date[("2025-11-24", "designation")].source_url
        == "https://www.state.gov/foreign-terrorist-organizations/"
    )
    assert detect_format(RECORDS / "fto_list.html") is fto_list
    assert any(
        "ignored" in n.message for n in notes
    )  # the extra "Date Originally Designated" column


def test_fto_list_copy_with_a_malformed_date_and_an_extra_column():
    events, errors, notes = split(fto_list.parse(RECORDS / "fto_list_bad.tsv"))
    assert [e.date for e in events] == ["2025-02-20", "2025-11-24"]
    (error,) = errors
    assert error.line == 3 and "2/30/2025" in error.message
    assert any("'notes'" in n.message for n in notes)


def test_a_page_without_the_table_is_a_clear_file_error(fixtures: Path):
    with pytest.raises(SourceError, match="Date Designated"):
        list(fto_list.parse(fixtures / "documents" / "article.html"))


def test_the_watchlist_filters_prose_only_and_keeps_records_whole(store):
    from ingest.pipeline import ingest_paths
    from ingest.watchlist import Watchlist

    summary = ingest_paths([RECORDS / "fto_list.html"], store, watchlist=Watchlist.load())
    assert summary.total("outside_watchlist") == 0
    df = store.load_events()
    hamas = df[df["date"] == "1997-10-08"].iloc[0]
    assert "HAMAS" in hamas["targets"]
    farc = df[df["event_type"] == "delisting"].iloc[0]
    assert farc["date"] == "2021-11-30" and farc["targets"] == [
        "Revolutionary Armed Forces of Colombia"
    ]
