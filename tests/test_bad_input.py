"""A bad value costs only its own record, reported on one line; a file that cannot be read
is refused by name and the batch goes on; `extract` never prints a traceback."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from ingest.cli import main
from ingest.errors import Notice, RecordError, SourceError
from ingest.extract.documents import parse_published
from ingest.pipeline import ingest_paths
from ingest.schema import Event, ValidationError, validate
from ingest.sources import get_adapter
from ingest.store import Store
from tests.conftest import FIXTURES

HEADER = "date,event_type,title,targets,amount,source_url\n"


def parse_all(name: str, path: Path) -> list[object]:
    return list(get_adapter(name).parse(path))


def events_of(items: list[object]) -> list[Event]:
    return [i for i in items if isinstance(i, Event)]


def errors_of(items: list[object]) -> list[RecordError]:
    return [i for i in items if isinstance(i, RecordError)]


@pytest.mark.parametrize("date", ["0001-01-01", "9999-12-31", "1799-12-31", "2200-01"])
def test_a_date_outside_the_supported_years_is_a_bad_record_not_a_lost_file(date, tmp_path):
    path = tmp_path / "events.csv"
    path.write_text(HEADER + f"{date},bounty,Far date,,,\n2025-08-07,bounty,Good,,,\n")
    items = parse_all("csv", path)
    assert [e.title for e in events_of(items)] == ["Good"]
    (error,) = errors_of(items)
    assert error.line == 2 and error.field == "date" and "1800-2199" in error.problem


def test_the_date_range_is_checked_at_validation():
    with pytest.raises(ValidationError) as info:
        validate(Event(date="0001-01-01", event_type="other", title="x"))
    assert info.value.field == "date"
    with pytest.raises(ValidationError):
        validate(Event(date="2025-01-01", event_type="other", title="x", source_published="9999"))


@pytest.mark.parametrize("amount", ["nan", "inf", "-inf", "1e400", "1e16"])
def test_amounts_that_are_not_finite_figures_are_bad_records(amount, tmp_path):
    path = tmp_path / "events.csv"
    path.write_text(HEADER + f"2025-08-07,bounty,Reward,,{amount},\n")
    (error,) = errors_of(parse_all("csv", path))
    assert error.field == "amount" and error.value == amount


def test_rows_after_a_cell_over_128_kb_are_kept_and_the_big_cell_is_reported(tmp_path):
    path = tmp_path / "events.csv"
    big = "x" * 200_000
    path.write_text(
        HEADER + "2025-01-01,other,First,,,\n"
        f'2025-01-02,other,"{big}",,,\n'
        "2025-01-03,other,Third,,,\n2025-01-04,other,Fourth,,,\n"
    )
    items = parse_all("csv", path)
    assert [e.title for e in events_of(items)] == ["First", "Third", "Fourth"]
    (error,) = errors_of(items)
    assert error.line == 3 and error.field == "title" and "larger than" in error.problem


def test_an_unclosed_quote_is_reported_with_the_lines_it_swallowed(tmp_path):
    path = tmp_path / "events.csv"
    path.write_text(HEADER + '2025-01-01,other,"Open quote,,,\n2025-01-02,other,Next,,,\n')
    (error,) = errors_of(parse_all("csv", path))
    assert error.line == 2 and "quote" in error.problem


def test_a_federal_register_record_with_a_list_where_text_belongs_costs_only_itself(tmp_path):
    original = FIXTURES / "records" / "fr_search_fto_notices.json"
    before = parse_all("federal_register", original)
    records = json.loads(original.read_text())
    records["results"][0]["title"] = ["not", "a", "title"]
    records["results"][1]["agencies"] = 7
    path = tmp_path / "fr.json"
    path.write_text(json.dumps(records))
    items = parse_all("federal_register", path)
    assert len(events_of(items)) == len(events_of(before)) - 2
    new = [e for e in errors_of(items) if e.field.split()[1] in ("1", "2")]
    assert [e.field for e in new] == ["record 1 title", "record 2 agencies"]
    assert "is list where text belongs" in new[0].message
    assert len(errors_of(items)) == len(errors_of(before)) + 2


def test_front_matter_with_an_impossible_date_is_read_without_it(tmp_path):
    path = tmp_path / "doc.md"
    path.write_text(
        "---\ntitle: Sanctions\ndate: 2025-13-01\n---\n\n"
        "On March 3, 2025, the Treasury sanctioned Tren de Aragua leaders.\n"
    )
    items = parse_all("markdown", path)
    assert [(e.date, e.event_type) for e in events_of(items)] == [("2025-03-03", "sanction")]


@pytest.mark.parametrize("value", ["2025-13-01", "2025-02-30", "2025-00-10"])
def test_an_impossible_iso_date_in_metadata_is_no_date_not_another_day(value):
    # dateparser read "2025-13-01" as 13 January, which then dated the document and left
    # out as "after it was written" the acts it tells.
    assert parse_published(value) is None


def test_front_matter_values_that_are_not_text_are_ignored_not_expanded(tmp_path):
    # A YAML alias bomb as the title: turning it into text would take exponential memory.
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
        for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
    path = tmp_path / "doc.md"
    path.write_text(f"---\n{bomb}title: *i\ndate: [2025]\n---\n\nNothing here happened.\n")
    assert events_of(parse_all("markdown", path)) == []


def test_a_signing_line_with_an_impossible_day_does_not_lose_the_document(tmp_path):
    path = tmp_path / "order.md"
    path.write_text(
        "---\ntitle: Executive Order on Cartels\ndate: 2025-02-28\n---\n\n"
        "By the authority vested in me as President, it is hereby ordered:\n\n"
        "On February 20, 2025, the Secretary designated Tren de Aragua as a Foreign Terrorist "
        "Organization.\n\nTHE WHITE HOUSE,\nFebruary 30, 2025.\n"
    )
    items = parse_all("markdown", path)
    assert ("2025-02-20", "designation") in {(e.date, e.event_type) for e in events_of(items)}


def test_an_fto_list_holding_only_a_byte_order_mark_is_refused_in_one_line(tmp_path):
    path = tmp_path / "fto.tsv"
    path.write_bytes(b"\xef\xbb\xbf")
    with pytest.raises(SourceError) as info:
        parse_all("fto_list", path)
    assert "empty" in info.value.message


@pytest.mark.parametrize("junk", ["\x00", "\ud800"])
def test_a_feed_with_a_nul_or_a_lone_surrogate_is_read(junk, tmp_path):
    text = (FIXTURES / "documents" / "feed.rss").read_text()
    text = text.replace("</title>", f"{junk}</title>", 2)
    path = tmp_path / "feed.rss"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    items = parse_all("feed", path)
    assert events_of(items)
    for event in events_of(items):
        assert "\x00" not in event.title + event.evidence + event.source_title


def test_text_that_no_database_can_hold_is_replaced_visibly_not_lost():
    event = validate(Event(date="2025-01-01", event_type="other", title="a\x00b\ud800c"))
    assert event.title == "a\ufffdb\ufffdc"


@pytest.mark.skipif(not os.environ.get("POLICY_TIMELINE_TEST_PG"), reason="needs PostgreSQL")
def test_a_nul_in_a_text_field_is_stored_on_postgresql(tmp_path):
    import sqlalchemy as sa

    store = Store(os.environ["POLICY_TIMELINE_TEST_PG"])
    with store.engine.begin() as conn:
        for table in ("event_entities", "event_sources", "events", "ingest_runs"):
            conn.execute(sa.text(f"DELETE FROM {table}"))
    path = tmp_path / "nul.csv"
    path.write_text(HEADER + "2025-01-01,other,Title with \x00 NUL,,,https://example.org/\x00\n")
    summary = ingest_paths([path], store)
    assert summary.files[0].status == "ok", summary.files[0].errors
    assert store.load_events()["title"].tolist() == ["Title with \ufffd NUL"]
    store.close()


def test_unreadable_files_fifos_and_devices_are_refused_by_name_and_the_batch_goes_on(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "b_good.csv").write_text(HEADER + "2025-01-01,other,Kept,,,\n")
    locked = folder / "a_locked.csv"
    locked.write_text(HEADER + "2025-01-02,other,Locked,,,\n")
    os.mkfifo(folder / "c_pipe.csv")
    (folder / "d_null.csv").symlink_to("/dev/null")
    (folder / "e_gone.csv").symlink_to(folder / "nowhere.csv")
    real_open = Path.open

    def no_permission(self: Path, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if self.name == "a_locked.csv":  # as if chmod 0 (root would read it anyway)
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    with monkeypatch.context() as patch:
        patch.setattr(Path, "open", no_permission)
        summary = ingest_paths([folder], store)
    by_name = {Path(r.file).name: r for r in summary.files}
    assert by_name["b_good.csv"].status == "ok"
    assert by_name["a_locked.csv"].errors == [f"{locked}: cannot be read (Permission denied) "
                                              "(check its permissions)"]  # fmt: skip
    assert "is a FIFO (named pipe), not a file" in by_name["c_pipe.csv"].errors[0]
    assert "is a device, not a file" in by_name["d_null.csv"].errors[0]
    assert "no such file (or a broken link)" in by_name["e_gone.csv"].errors[0]
    assert store.load_events()["title"].tolist() == ["Kept"]


BAD_FOR_EXTRACT = {
    "feb30.md": "---\ntitle: Order\n---\n\nIt is hereby ordered:\n\nTHE WHITE HOUSE,\nFebruary 30, 2025.\n",
    "month13.md": "---\ndate: 2025-13-01\n---\n\nOn Tuesday the Treasury sanctioned the Sinaloa Cartel.\n",
    "bom.tsv": "\ufeff",
    "year1.csv": HEADER + "0001-01-01,other,x,,,\n",
    "list.json": '{"results": [{"document_number": ["2025-1"], "type": "Notice"}]}',
}


@pytest.mark.parametrize("name", sorted(BAD_FOR_EXTRACT))
def test_extract_never_prints_a_traceback_for_bad_input(name, tmp_path):
    path = tmp_path / name
    path.write_text(BAD_FOR_EXTRACT[name], encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(path)])
    assert (
        "Traceback" not in result.output
        and result.exception is None
        or isinstance(result.exception, SystemExit)
    ), result.output
    for line in result.output.splitlines():
        if line.startswith(("error:", "Error:")):
            assert str(path) in line or name in line


def test_extract_refuses_a_fifo_by_name(tmp_path):
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    result = CliRunner().invoke(main, ["extract", str(pipe)])
    assert result.exit_code == 1 and "FIFO" in result.output and "Traceback" not in result.output


def test_notices_and_errors_are_one_line_each():
    assert "\n" not in RecordError("f", 1, "date", "x\ny", "bad").message.replace("\\n", "")
    assert Notice("f", "a note").message == "f: a note"
