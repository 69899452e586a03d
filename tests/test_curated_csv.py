from pathlib import Path

import pytest

from ingest.errors import RecordError, SourceError
from ingest.schema import Event
from ingest.sources import curated_csv, detect_format


def parse_all(source):
    items = list(curated_csv.parse(source))
    return [i for i in items if isinstance(i, Event)], [
        i for i in items if isinstance(i, RecordError)
    ]


def test_parses_every_field_of_the_curated_format(fixtures: Path):
    events, errors = parse_all(fixtures / "curated_small.csv")
    assert errors == []
    assert [e.date for e in events] == ["2020-03", "2025-08-07", "2025"]
    legal, bounty, directive = events
    assert legal.date_precision == "month"
    assert bounty.amount == 50_000_000 and bounty.currency == "USD"
    assert bounty.targets == ("Nicolas Maduro",)
    assert bounty.source_url == "https://example.org/b"
    assert directive.confidence == 0.8
    assert all(e.event_id.startswith("ev_") for e in events)


def test_only_date_type_and_title_are_required():
    events, errors = parse_all("date,event_type,title\n2025-01-01,statement,Something said\n")
    assert errors == [] and events[0].title == "Something said"


def test_missing_required_column_is_a_file_error_naming_file_and_column(fixtures: Path):
    with pytest.raises(SourceError) as info:
        list(curated_csv.parse(fixtures / "curated_missing_column.csv"))
    assert "curated_missing_column.csv" in info.value.message
    assert "event_type" in info.value.message


def test_bad_rows_are_reported_with_line_column_and_value(fixtures: Path):
    events, errors = parse_all(fixtures / "curated_bad_rows.csv")
    assert len(events) == 5
    by_line = {e.line: e for e in errors}
    assert set(by_line) == {6, 7}
    assert by_line[7].field == "date" and by_line[7].value == "2025-13-45"
    assert by_line[6].field == "event_type" and by_line[6].value == "bombing"
    message = by_line[7].message
    assert "curated_bad_rows.csv:7" in message and "'date'" in message and "2025-13-45" in message
    assert "\n" not in message


def test_not_utf8_is_a_clear_file_error(fixtures: Path):
    with pytest.raises(SourceError, match="not UTF-8.*line 2"):
        list(curated_csv.parse(fixtures / "curated_latin1.csv"))


def test_empty_file_is_a_clear_file_error(fixtures: Path):
    with pytest.raises(SourceError, match="empty"):
        list(curated_csv.parse(fixtures / "empty.csv"))


def test_row_with_too_many_cells_is_rejected_not_misread():
    _, errors = parse_all("date,event_type,title\n2025-01-01,statement,a,b\n")
    assert errors[0].line == 2 and "3 columns" in errors[0].problem


def test_neutralized_formula_cells_read_back_as_written():
    events, _ = parse_all("date,event_type,title\n2025-01-01,statement,'=1+1\n")
    assert events[0].title == "=1+1"


def test_format_is_detected_from_extension_and_header(fixtures: Path, tmp_path: Path):
    assert detect_format(fixtures / "curated_small.csv") is curated_csv
    assert detect_format(fixtures / "unrelated" / "photo.png") is None
